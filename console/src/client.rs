//! The console's requests to Candor. Reads go through the widget's
//! [`Loader`](candor_widget::api_client::Loader); every change goes through
//! [`Api`], which adds the session's CSRF token (here, once) and says in
//! the recruiter's language why a change was refused.

use candor_api::{FieldError, Invalid};
use candor_widget::api_client::{self, Body, Method, SendError};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

use crate::i18n::t;

/// The recruiter API. Same origin: the session cookie goes along by itself.
pub const API: &str = "/api/v1/recruiter/";

/// Who sends: a signed-in session, whose every change carries its CSRF
/// token in `X-CSRF-Token`, or nobody yet (signing in, setting a password).
#[derive(Clone, Copy)]
pub struct Api {
    csrf: Option<StoredValue<String>>,
}

impl Api {
    pub const SIGNED_OUT: Api = Api { csrf: None };

    pub fn signed_in(csrf: StoredValue<String>) -> Api {
        Api { csrf: Some(csrf) }
    }

    /// Sends a change (see [`say`] for what to tell when it fails).
    pub async fn send(self, method: Method, url: &str, body: Body<'_>) -> Result<(), SendError> {
        let token = self.csrf.map(|c| c.get_value());
        api_client::send(method, url, &csrf_header(&token), body).await.map(drop)
    }

    /// [`Api::send`], reading the answer's body.
    pub async fn send_for<T: DeserializeOwned>(
        self,
        method: Method,
        url: &str,
        body: Body<'_>,
    ) -> Result<T, SendError> {
        let token = self.csrf.map(|c| c.get_value());
        api_client::send_for(method, url, &csrf_header(&token), body).await
    }
}

fn csrf_header(token: &Option<String>) -> Vec<(&'static str, &str)> {
    token.iter().map(|token| ("X-CSRF-Token", token.as_str())).collect()
}

/// Why a change was not made, for the recruiter: the server's own
/// message when it gave one.
pub fn say(e: &SendError) -> String {
    match e {
        SendError::Unreachable => t().unreachable.to_owned(),
        SendError::Refused { error: Some(error), .. } => {
            said_by_code(&error.code).map_or_else(|| error.message.clone(), str::to_owned)
        }
        SendError::Refused { status, error: None } => t().answered_status.replace("{status}", &status.to_string()),
        SendError::Unreadable => t().unreadable.to_owned(),
    }
}

/// What a refusal's code means, in the recruiter's language: the codes a
/// console user can meet. Any other keeps the server's message.
fn said_by_code(code: &str) -> Option<&'static str> {
    let t = t();
    Some(match code {
        "forbidden" => t.err_forbidden,
        "unauthorized" | "csrf_rejected" => t.err_session,
        "rate_limited" => t.err_rate_limited,
        "application_closed" => t.err_application_closed,
        "changed_meanwhile" => t.err_changed_meanwhile,
        "question_settled" => t.err_question_settled,
        "status_change_not_allowed" => t.err_status_change,
        "own_account" => t.err_own_account,
        "last_admin" => t.err_last_admin,
        "not_found" | "person_not_found" | "application_not_found" | "question_not_found" => t.err_not_found,
        "internal" => t.err_internal,
        "conflict" => t.err_conflict,
        _ => return None,
    })
}

/// A refusal at a field, as the rule that refused it, so the console says it
/// in the rule's words at its field rather than the server's developer
/// English ("promised must not be in the past"). Only the rules whose code
/// says everything; the others keep the server's message.
pub fn refused_field(e: &SendError) -> Option<FieldError> {
    let SendError::Refused { error: Some(error), .. } = e else { return None };
    let field = error.field.clone()?;
    const SAID_BY_CODE: [Invalid; 10] = [
        Invalid::Required,
        Invalid::InThePast,
        Invalid::NotADate,
        Invalid::ControlCharacters,
        Invalid::NotANumber,
        Invalid::NotAUrl,
        Invalid::NotAnEmail,
        Invalid::NotAColour,
        Invalid::MaxBelowMin,
        Invalid::NotASlug,
    ];
    SAID_BY_CODE.into_iter().find(|i| i.code() == error.code).map(|invalid| FieldError::new(field, invalid))
}
