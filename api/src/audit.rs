//! The audit log as admins read it: who viewed, exported, erased, changed a
//! role, or made a token or a link, and when. An entry names its subject by
//! a short label (a posting's title, a person's or a token's name), never a
//! candidate's address, a message or a secret.

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// A recruiter opened one application.
    ApplicationViewed,
    CvDownloaded,
    /// Read in the console's page, beside the download.
    CvViewed,
    /// The candidate downloaded their own data.
    ApplicationExported,
    /// The candidate erased their application.
    ApplicationErased,
    /// Retention anonymised an ended application past its period.
    ApplicationAnonymised,
    PersonInvited,
    PersonRemoved,
    RoleChanged,
    /// A new set-password link for someone (an invitation again or a reset).
    PasswordLinkMade,
    TokenMade,
    TokenRevoked,
    ReportLinkMade,
    ReportLinkRevoked,
}

impl AuditAction {
    pub const ALL: [AuditAction; 14] = [
        AuditAction::ApplicationViewed,
        AuditAction::CvDownloaded,
        AuditAction::CvViewed,
        AuditAction::ApplicationExported,
        AuditAction::ApplicationErased,
        AuditAction::ApplicationAnonymised,
        AuditAction::PersonInvited,
        AuditAction::PersonRemoved,
        AuditAction::RoleChanged,
        AuditAction::PasswordLinkMade,
        AuditAction::TokenMade,
        AuditAction::TokenRevoked,
        AuditAction::ReportLinkMade,
        AuditAction::ReportLinkRevoked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::ApplicationViewed => "application_viewed",
            AuditAction::CvDownloaded => "cv_downloaded",
            AuditAction::CvViewed => "cv_viewed",
            AuditAction::ApplicationExported => "application_exported",
            AuditAction::ApplicationErased => "application_erased",
            AuditAction::ApplicationAnonymised => "application_anonymised",
            AuditAction::PersonInvited => "person_invited",
            AuditAction::PersonRemoved => "person_removed",
            AuditAction::RoleChanged => "role_changed",
            AuditAction::PasswordLinkMade => "password_link_made",
            AuditAction::TokenMade => "token_made",
            AuditAction::TokenRevoked => "token_revoked",
            AuditAction::ReportLinkMade => "report_link_made",
            AuditAction::ReportLinkRevoked => "report_link_revoked",
        }
    }

    pub fn parse(name: &str) -> Result<AuditAction, Invalid> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == name).ok_or(Invalid::NotOneOf {
            allowed: "application_viewed, cv_downloaded, cv_viewed, application_exported, application_erased, \
                      application_anonymised, person_invited, person_removed, role_changed, password_link_made, \
                      token_made, token_revoked, report_link_made, report_link_revoked",
        })
    }
}

/// The name Candor's own actor ([`ActorKind::System`]) has when an operator
/// acted from the command line (`candor admin …`); retention's is `Candor`.
pub const COMMAND_LINE: &str = "candor admin";

/// Who did it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A person signed in to the console.
    Person,
    ApiToken,
    /// The candidate, by their private link.
    Candidate,
    /// Candor itself: retention, or an operator's `candor admin` command
    /// (by the name [`COMMAND_LINE`]).
    System,
}

impl ActorKind {
    pub const ALL: [ActorKind; 4] = [ActorKind::Person, ActorKind::ApiToken, ActorKind::Candidate, ActorKind::System];

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::ApiToken => "api_token",
            ActorKind::Candidate => "candidate",
            ActorKind::System => "system",
        }
    }

    pub fn parse(name: &str) -> Option<ActorKind> {
        ActorKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// What it was done to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Application,
    Person,
    ApiToken,
    ReportLink,
}

impl SubjectKind {
    pub const ALL: [SubjectKind; 4] =
        [SubjectKind::Application, SubjectKind::Person, SubjectKind::ApiToken, SubjectKind::ReportLink];

    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Application => "application",
            SubjectKind::Person => "person",
            SubjectKind::ApiToken => "api_token",
            SubjectKind::ReportLink => "report_link",
        }
    }

    pub fn parse(name: &str) -> Option<SubjectKind> {
        SubjectKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// `GET /api/v1/recruiter/audit`: one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339.
    pub at: String,
    pub actor_kind: ActorKind,
    /// The person's or the token's id; none for a candidate or the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<i64>,
    /// The name as it was then (a person may since have left).
    pub actor_name: String,
    pub action: AuditAction,
    pub subject_kind: SubjectKind,
    pub subject_id: i64,
    /// A posting's title for an application, a person's, a token's or a
    /// link's reader's name for the rest.
    pub subject_label: String,
}

/// `GET /api/v1/recruiter/audit?action=&actor=&before=`: newest first, a
/// page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditLog {
    pub entries: Vec<AuditEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Ok(action));
            let json = serde_json::to_string(&action).unwrap();
            assert_eq!(json, format!("\"{}\"", action.as_str()));
        }
        assert!(AuditAction::parse("looked").is_err());
        for kind in ActorKind::ALL {
            assert_eq!(ActorKind::parse(kind.as_str()), Some(kind));
        }
        for kind in SubjectKind::ALL {
            assert_eq!(SubjectKind::parse(kind.as_str()), Some(kind));
        }
    }
}
