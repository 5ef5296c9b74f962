//! Every failure a request can meet, and the one place each becomes an HTTP
//! status and the JSON error body.

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use candor_api::{ApiError, FieldError};

use crate::store::{Conflict, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("no such company")]
    CompanyNotFound,
    #[error("no such posting")]
    PostingNotFound,
    #[error("this posting is closed")]
    PostingClosed,
    #[error("no such endpoint")]
    RouteNotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error(transparent)]
    Invalid(#[from] FieldError),
    #[error("{0}")]
    BadPath(String),
    #[error("the body is not valid JSON for this request: {0}")]
    BadJson(String),
    /// A body field the request doesn't take, with its path.
    #[error("{0} is not a field of this request")]
    UnknownField(String),
    /// A query parameter the endpoint doesn't take.
    #[error("{0} is not a query parameter of this endpoint")]
    UnknownParameter(String),
    #[error("the body could not be read: {0}")]
    BadBody(String),
    #[error("the body is larger than this endpoint accepts")]
    PayloadTooLarge,
    #[error("send the body as application/json")]
    UnsupportedMediaType,
    #[error("{header}: {message}")]
    BadHeader { header: &'static str, message: &'static str },
    #[error("the submission was refused")]
    Rejected,
    #[error(
        "an application with this e-mail address already exists for this position; use the status link you were sent"
    )]
    AlreadyApplied,
    #[error("this Idempotency-Key was already used for a different submission")]
    IdempotencyKeyReused,
    #[error("too many requests; try again in {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    #[error("no such application")]
    ApplicationNotFound,
    #[error("no such question")]
    QuestionNotFound,
    #[error("this question has been answered or declined already")]
    QuestionSettled,
    #[error("no CV was uploaded for this application")]
    CvNotFound,
    #[error("this application is closed; nothing more can be added to it")]
    ApplicationClosed,
    #[error(
        "it changed while this action was on its way (an application arrived, or someone else acted); reload and try again"
    )]
    ChangedMeanwhile,
    #[error("feedback is asked for once the application has ended")]
    NotEndedYet,
    #[error("this application has been rated already")]
    AlreadyRated,
    /// Renewing a talent-pool consent the candidate never gave or withdrew
    /// by leaving: joining again is the company's next application form's.
    #[error("this application is not in the company's talent pool (it never joined, or it left)")]
    NotInTalentPool,
    #[error("an API token is required: Authorization: Bearer candor_…")]
    Unauthorized,
    #[error("this role may read but not act")]
    Forbidden,
    #[error("only the company's admins may do this")]
    AdminOnly,
    #[error("the e-mail address or the password is not right")]
    InvalidCredentials,
    #[error("this request needs the session's X-CSRF-Token header")]
    CsrfRejected,
    #[error("a posting that is {from} cannot become {to}")]
    StatusChange { from: &'static str, to: &'static str },
    #[error("no such person in this company")]
    PersonNotFound,
    #[error("admins cannot change their own role or remove themselves; ask another admin")]
    OwnAccount,
    #[error("the company would be left without an admin; make someone else an admin first")]
    LastAdmin,
    #[error("this set-password link is not known; ask an admin for a new one")]
    LinkNotFound,
    /// A person's own setting, asked for with an API token, which is no one.
    #[error("this is a signed-in person's own setting; an API token has none")]
    PersonOnly,
    #[error("this set-password link has expired or was used; ask an admin for a new one")]
    LinkExpired,
    /// A report link unknown, revoked, or another company's: one answer for all.
    #[error("this report link is not known or was withdrawn; ask the recruiter for a new one")]
    ReportLinkNotFound,
    #[error("this report link has expired; ask the recruiter for a new one")]
    ReportLinkExpired,
    #[error("no such note on this report")]
    NoteNotFound,
    #[error("no such reply")]
    ReplyNotFound,
    /// `/readyz`: this instance should not be sent requests now.
    #[error("not ready: {0}")]
    NotReady(&'static str),
    #[error(transparent)]
    Store(StoreError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::CompanyNotFound
            | AppError::PostingNotFound
            | AppError::RouteNotFound
            | AppError::ApplicationNotFound
            | AppError::QuestionNotFound
            | AppError::CvNotFound => StatusCode::NOT_FOUND,
            AppError::BadJson(_)
            | AppError::BadBody(_)
            | AppError::UnknownField(_)
            | AppError::UnknownParameter(_)
            | AppError::BadHeader { .. }
            | AppError::Rejected => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::AlreadyApplied
            | AppError::ApplicationClosed
            | AppError::ChangedMeanwhile
            | AppError::NotEndedYet
            | AppError::AlreadyRated
            | AppError::NotInTalentPool
            | AppError::QuestionSettled
            | AppError::StatusChange { .. }
            | AppError::OwnAccount
            | AppError::LastAdmin => StatusCode::CONFLICT,
            AppError::PersonNotFound
            | AppError::LinkNotFound
            | AppError::ReportLinkNotFound
            | AppError::NoteNotFound
            | AppError::ReplyNotFound => StatusCode::NOT_FOUND,
            AppError::LinkExpired | AppError::ReportLinkExpired => StatusCode::GONE,
            AppError::Unauthorized | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::CsrfRejected => StatusCode::FORBIDDEN,
            AppError::Forbidden | AppError::AdminOnly | AppError::PersonOnly => StatusCode::FORBIDDEN,
            AppError::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::PostingClosed => StatusCode::GONE,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Invalid(_) | AppError::BadPath(_) => StatusCode::BAD_REQUEST,
            AppError::Store(StoreError::NotFound) => StatusCode::NOT_FOUND,
            AppError::Store(StoreError::Conflict(_)) => StatusCode::CONFLICT,
            AppError::NotReady(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Store(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn body(&self) -> ApiError {
        let simple = |code: &str| ApiError::new(code, self.to_string(), None);
        match self {
            AppError::CompanyNotFound => simple("company_not_found"),
            AppError::PostingNotFound => simple("posting_not_found"),
            AppError::PostingClosed => simple("posting_closed"),
            AppError::RouteNotFound => simple("route_not_found"),
            AppError::MethodNotAllowed => simple("method_not_allowed"),
            AppError::Invalid(e) => ApiError::from(e),
            AppError::BadPath(_) => simple("bad_path"),
            AppError::BadJson(_) => simple("malformed_json"),
            AppError::BadBody(_) => simple("unreadable_body"),
            AppError::UnknownField(field) => ApiError::new("unknown_field", self.to_string(), Some(field.clone())),
            AppError::UnknownParameter(name) => {
                ApiError::new("unknown_parameter", self.to_string(), Some(name.clone()))
            }
            AppError::PayloadTooLarge => simple("payload_too_large"),
            AppError::UnsupportedMediaType => simple("unsupported_media_type"),
            AppError::BadHeader { header, .. } => {
                ApiError::new("invalid_header", self.to_string(), Some((*header).to_owned()))
            }
            AppError::Rejected => simple("rejected"),
            AppError::AlreadyApplied => simple("already_applied"),
            AppError::IdempotencyKeyReused => simple("idempotency_key_reused"),
            AppError::RateLimited { .. } => simple("rate_limited"),
            AppError::ApplicationNotFound => simple("application_not_found"),
            AppError::CvNotFound => simple("cv_not_found"),
            AppError::QuestionNotFound => simple("question_not_found"),
            AppError::QuestionSettled => simple("question_settled"),
            AppError::ApplicationClosed => simple("application_closed"),
            AppError::ChangedMeanwhile => simple("changed_meanwhile"),
            AppError::NotEndedYet => simple("not_ended_yet"),
            AppError::AlreadyRated => simple("already_rated"),
            AppError::NotInTalentPool => simple("not_in_talent_pool"),
            AppError::Unauthorized => simple("unauthorized"),
            // One code for both: a client tells them apart by the role it has.
            AppError::Forbidden | AppError::AdminOnly => simple("forbidden"),
            AppError::InvalidCredentials => simple("invalid_credentials"),
            AppError::CsrfRejected => simple("csrf_rejected"),
            AppError::StatusChange { .. } => simple("status_change_not_allowed"),
            AppError::PersonNotFound => simple("person_not_found"),
            AppError::OwnAccount => simple("own_account"),
            AppError::LastAdmin => simple("last_admin"),
            AppError::LinkNotFound => simple("link_not_found"),
            AppError::PersonOnly => simple("person_only"),
            AppError::LinkExpired => simple("link_expired"),
            AppError::ReportLinkNotFound => simple("report_link_not_found"),
            AppError::ReportLinkExpired => simple("report_link_expired"),
            AppError::NoteNotFound => simple("note_not_found"),
            AppError::ReplyNotFound => simple("reply_not_found"),
            AppError::NotReady(_) => simple("not_ready"),
            AppError::Store(StoreError::NotFound) => simple("not_found"),
            AppError::Store(StoreError::Conflict(conflict)) => ApiError::new("conflict", conflict.to_string(), None),
            // The detail is for the log, not for whoever sent the request.
            AppError::Store(_) | AppError::Internal(_) => {
                ApiError::new("internal", "something went wrong on our side; please try again", None)
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        // Not ready is an answer to a probe, which logs why (`probes.rs`).
        if status.is_server_error() && !matches!(self, AppError::NotReady(_)) {
            tracing::error!(error = ?self, "request failed");
        }
        let mut response = (status, Json(self.body())).into_response();
        match self {
            AppError::RateLimited { retry_after } => {
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            }
            AppError::Unauthorized => {
                response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response
    }
}

/// The store's conflicts that mean the same whatever the request: the
/// rest are a 409 `conflict` naming what was taken (a slug, an address).
impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(Conflict::ApplicationEmail) => AppError::AlreadyApplied,
            StoreError::Conflict(Conflict::IdempotencyKey) => AppError::IdempotencyKeyReused,
            StoreError::Conflict(Conflict::EventNumber | Conflict::AppliedMeanwhile | Conflict::Concurrent) => {
                AppError::ChangedMeanwhile
            }
            StoreError::Conflict(Conflict::QuestionSettled) => AppError::QuestionSettled,
            StoreError::Conflict(Conflict::LastAdmin) => AppError::LastAdmin,
            other => AppError::Store(other),
        }
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        AppError::BadPath(rejection.body_text())
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::BadPath(rejection.body_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candor_api::Invalid;

    #[test]
    fn server_errors_hide_their_detail() {
        let e = AppError::Internal(anyhow::anyhow!("password=hunter2 in connection string"));
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!e.body().error.message.contains("hunter2"));
    }

    #[test]
    fn rule_violations_name_their_field() {
        let e = AppError::from(FieldError::new("q", Invalid::TooLong { max: 100 }));
        assert_eq!(e.status(), StatusCode::BAD_REQUEST);
        let body = e.body().error;
        assert_eq!((body.code.as_str(), body.field.as_deref()), ("too_long", Some("q")));
        assert_eq!(body.message, "q must be at most 100 characters");
    }
}
