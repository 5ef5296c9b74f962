//! The audit log as admins read it (issue 15): who viewed, exported,
//! erased, changed a role, or made a token or a link. A change's entry is
//! kept by the store with the change, a read's by the feature that answers
//! it (`store::audit`); this only reads them.

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
/// 400 naming it, not the framework's plain text. An unknown one never gets
/// here: the query layer (`http::query`) refuses every parameter the API's
/// document doesn't list for the route, by name.
fn filter(query: &str) -> Result<AuditFilter, FieldError> {
    let mut filter = AuditFilter::default();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match &*key {
            "action" => filter.action = Some(AuditAction::parse(value).map_err(|e| FieldError::new("action", e))?),
            "actor" => {
                filter.actor = Some(UserId(id(value).ok_or_else(|| FieldError::new("actor", Invalid::NotANumber))?))
            }
            "before" => filter.before = Some(id(value).ok_or_else(|| FieldError::new("before", Invalid::NotANumber))?),
            _ => {}
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
    }
}
