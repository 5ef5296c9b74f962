//! The audit log as admins read it (issue 15): who viewed, exported,
//! erased, changed a role, or made a token or a link. Each feature keeps
//! its entries where the thing is done (`Recruiter::audit`, or the
//! candidate's and retention's own); this only reads them.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::routing::get;
use candor_api::audit::{AuditAction, AuditLog};
use candor_api::{FieldError, Invalid};

use crate::auth::recruiter::Admin;
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::store::{AuditFilter, UserId};

/// Entries per page, as the Outbox's.
pub const PAGE: u32 = 50;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/recruiter/audit", get(list))
}

/// `GET /api/v1/recruiter/audit?action=&actor=&before=`: newest first, a
/// page at a time; `actor` is a person's id, `before` the last id of the
/// page before.
#[utoipa::path(get, path = "/api/v1/recruiter/audit", tag = "recruiter", params(("action" = Option<String>, Query, description = "Only this action"), ("actor" = Option<String>, Query, description = "Only what this person did (their id)"), ("before" = Option<String>, Query, description = "Entries before this id")), responses((status = 200, description = "50 entries, newest first", body = candor_api::audit::AuditLog)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn list(
    State(app): State<AppState>,
    Admin(recruiter): Admin,
    RawQuery(query): RawQuery,
) -> Result<axum::Json<AuditLog>, AppError> {
    let filter = filter(query.as_deref().unwrap_or_default())?;
    let entries = app.store.audit_log(recruiter.company, filter, PAGE).await?;
    Ok(axum::Json(AuditLog { entries }))
}

/// Read by hand, as the Outbox's: a filter that isn't one is the API's JSON
/// 400 naming it, not the framework's plain text, and an unknown one is
/// refused rather than ignored (a misspelt filter would show everything).
fn filter(query: &str) -> Result<AuditFilter, FieldError> {
    let mut filter = AuditFilter::default();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let value = value.trim();
        match &*key {
            _ if value.is_empty() && matches!(&*key, "action" | "actor" | "before") => {}
            "action" => filter.action = Some(AuditAction::parse(value).map_err(|e| FieldError::new("action", e))?),
            "actor" => {
                filter.actor = Some(UserId(id(value).ok_or_else(|| FieldError::new("actor", Invalid::NotANumber))?))
            }
            "before" => filter.before = Some(id(value).ok_or_else(|| FieldError::new("before", Invalid::NotANumber))?),
            _ => {
                return Err(FieldError::new(key.into_owned(), Invalid::NotOneOf { allowed: "action, actor, before" }));
            }
        }
    }
    Ok(filter)
}

fn id(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().filter(|id| *id > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_or_are_refused_by_name() {
        let f = filter("action=role_changed&actor=3&before=10").unwrap();
        assert_eq!(f.action, Some(AuditAction::RoleChanged));
        assert_eq!(f.actor, Some(UserId(3)));
        assert_eq!(f.before, Some(10));
        assert_eq!(filter("action=&actor=").unwrap(), AuditFilter::default());
        assert_eq!(filter("action=peeked").unwrap_err().field, "action");
        assert_eq!(filter("actor=-1").unwrap_err().field, "actor");
        assert_eq!(filter("before=x").unwrap_err().field, "before");
        assert_eq!(filter("who=me").unwrap_err().field, "who");
    }
}
