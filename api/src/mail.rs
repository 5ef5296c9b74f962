//! Mail as the console's Outbox lists it: what Candor sent (or will send)
//! to whom, and how delivery went.

use serde::{Deserialize, Serialize};

/// What a mail tells of. The candidate's mails follow their application's
/// events; the rest are for the asker of a question, a person who lost
/// their links, the company's own people, or a progress report's reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailKind {
    /// The acknowledgement: the private status link and the first promised date.
    Received,
    StageChanged,
    Message,
    Promise,
    /// The outcome, with the recruiter's message.
    Closed,
    /// A promised date passed without a word: the honest apology.
    PromiseLate,
    QuestionAnswered,
    QuestionDeclined,
    /// "Lost your link?": every application and question of one address.
    Links,
    /// A company person's one-time set-password link.
    PasswordLink,
    /// A recruiter's note of a new application or question.
    NewArrival,
    /// A recruiter's morning digest of what waits on them.
    Digest,
    /// A progress report's link, to the person it was made for.
    ReportShared,
    /// A warning note on a report, at once to each of its readers.
    ReportWarning,
    /// A report reader's weekly summary of the search.
    ReportDigest,
    /// A talent-pool member's one mail, a month before their consent is a
    /// year old, asking whether to renew it.
    PoolRenewal,
    /// A posting opened that a talent-pool member asked to hear of.
    PoolAlert,
}

impl MailKind {
    pub const ALL: [MailKind; 17] = [
        MailKind::Received,
        MailKind::StageChanged,
        MailKind::Message,
        MailKind::Promise,
        MailKind::Closed,
        MailKind::PromiseLate,
        MailKind::QuestionAnswered,
        MailKind::QuestionDeclined,
        MailKind::Links,
        MailKind::PasswordLink,
        MailKind::NewArrival,
        MailKind::Digest,
        MailKind::ReportShared,
        MailKind::ReportWarning,
        MailKind::ReportDigest,
        MailKind::PoolRenewal,
        MailKind::PoolAlert,
    ];

    /// The name stored and sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Received => "received",
            MailKind::StageChanged => "stage_changed",
            MailKind::Message => "message",
            MailKind::Promise => "promise",
            MailKind::Closed => "closed",
            MailKind::PromiseLate => "promise_late",
            MailKind::QuestionAnswered => "question_answered",
            MailKind::QuestionDeclined => "question_declined",
            MailKind::Links => "links",
            MailKind::PasswordLink => "password_link",
            MailKind::NewArrival => "new_arrival",
            MailKind::Digest => "digest",
            MailKind::ReportShared => "report_shared",
            MailKind::ReportWarning => "report_warning",
            MailKind::ReportDigest => "report_digest",
            MailKind::PoolRenewal => "pool_renewal",
            MailKind::PoolAlert => "pool_alert",
        }
    }

    pub fn parse(name: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// A mail the candidate can't stop: it answers something they did
    /// (applied, asked for their links) or ends their application, or it
    /// is the one question about a consent they gave (the talent pool's
    /// renewal). Each says why it is sent instead of offering to unsubscribe.
    pub fn is_essential(self) -> bool {
        matches!(
            self,
            MailKind::Received | MailKind::Closed | MailKind::Links | MailKind::PasswordLink | MailKind::PoolRenewal
        )
    }
}

/// Where a mail is in its delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailState {
    /// Written, not yet accepted by the mail server (or no server is set up).
    Pending,
    /// The mail server accepted it.
    Sent,
    /// Refused for good, or every retry failed.
    Failed,
}

impl MailState {
    pub fn as_str(self) -> &'static str {
        match self {
            MailState::Pending => "pending",
            MailState::Sent => "sent",
            MailState::Failed => "failed",
        }
    }

    pub fn parse(name: &str) -> Option<MailState> {
        [MailState::Pending, MailState::Sent, MailState::Failed].into_iter().find(|s| s.as_str() == name)
    }
}

/// `GET /api/v1/recruiter/outbox`: one mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxEntry {
    pub id: i64,
    pub kind: MailKind,
    pub recipient: String,
    pub subject: String,
    /// The language it is written in.
    pub locale: crate::Locale,
    pub state: MailState,
    pub attempts: u32,
    /// RFC 3339.
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_attempt_at: Option<String>,
    /// The mail server's last answer (or why nothing was tried).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub last_answer: String,
    /// The application it tells of, for a link to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<i64>,
}

/// `GET /api/v1/recruiter/outbox`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Outbox {
    pub mails: Vec<OutboxEntry>,
    /// Whether this server has a mail server to send through: without one,
    /// mails wait in the outbox.
    pub delivering: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in MailKind::ALL {
            assert_eq!(MailKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(MailKind::parse("spam"), None);
    }

    #[test]
    fn only_what_answers_the_candidate_ends_the_application_or_asks_of_a_consent_is_essential() {
        let essential: Vec<_> = MailKind::ALL.into_iter().filter(|k| k.is_essential()).collect();
        let expected =
            [MailKind::Received, MailKind::Closed, MailKind::Links, MailKind::PasswordLink, MailKind::PoolRenewal];
        assert_eq!(essential, expected);
    }
}
