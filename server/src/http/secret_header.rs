//! Secrets a request carries in a header of its own: a candidate's status
//! token (`Candor-Application`), an asker's question token
//! (`Candor-Question`), a report reader's link (`Candor-Report`). Never in
//! a path or a query, which every proxy's access log and request tracing
//! record; headers are logged by neither. As an extractor of the request's
//! head, a missing header is refused before any body is read.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::error::AppError;

/// What a header of secrets is called and what its absence is told as.
pub trait SecretHeader {
    /// As it is written in documentation and errors (`Candor-Application`).
    const NAME: &'static str;
    const MISSING: &'static str;
}

/// The secret a request carries in `H`, trimmed, not yet verified: the
/// feature that knows it checks it (and answers 404 for a wrong one alike
/// with an unknown one). A missing header is a 400 that names it.
pub struct Secret<H>(pub String, std::marker::PhantomData<H>);

impl<H> Secret<H> {
    pub fn text(&self) -> &str {
        &self.0
    }
}

impl<H: SecretHeader, S: Send + Sync> FromRequestParts<S> for Secret<H> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let missing = AppError::BadHeader { header: H::NAME, message: H::MISSING };
        let value = parts.headers.get(H::NAME).ok_or(missing)?;
        // A value that isn't visible ASCII can't be a token: it opens nothing,
        // like any other wrong one.
        let text = value.to_str().unwrap_or_default().trim().to_owned();
        Ok(Secret(text, std::marker::PhantomData))
    }
}

/// `Candor-Application`: the candidate's status token.
pub struct ApplicationHeader;

impl SecretHeader for ApplicationHeader {
    const NAME: &'static str = "Candor-Application";
    const MISSING: &'static str = "the application's status token is required";
}

/// `Candor-Question`: the asker's question token.
pub struct QuestionHeader;

impl SecretHeader for QuestionHeader {
    const NAME: &'static str = "Candor-Question";
    const MISSING: &'static str = "the question's token is required";
}

/// `Candor-Report`: the secret of a report reader's link.
pub struct ReportHeader;

impl SecretHeader for ReportHeader {
    const NAME: &'static str = "Candor-Report";
    const MISSING: &'static str = "the report link's secret is required";
}

/// The application a request's `Candor-Application` names (not yet verified).
pub type StatusTokenHeader = Secret<ApplicationHeader>;
/// The question a request's `Candor-Question` names (not yet verified).
pub type QuestionTokenHeader = Secret<QuestionHeader>;
/// The report link a request's `Candor-Report` names (not yet verified).
pub type ReportTokenHeader = Secret<ReportHeader>;
