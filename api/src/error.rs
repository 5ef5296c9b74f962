//! The JSON error body every endpoint answers with:
//! `{"error": {"code": "...", "message": "...", "field": "..."}}`.

use serde::{Deserialize, Serialize};

use crate::rules::FieldError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Stable and machine-readable: clients branch and translate on it.
    pub code: String,
    /// English, for developers reading a response by hand.
    pub message: String,
    /// The input field at fault, when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(code: impl Into<String>, message: impl Into<String>, field: Option<String>) -> Self {
        Self { error: ErrorBody { code: code.into(), message: message.into(), field } }
    }
}

impl From<&FieldError> for ApiError {
    fn from(e: &FieldError) -> Self {
        ApiError::new(e.invalid.code(), e.to_string(), Some(e.field.to_string()))
    }
}
