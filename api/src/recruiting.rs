//! The recruiters' side of an application: what they read, and the actions
//! that write its history (each one reaches the candidate).

use serde::{Deserialize, Serialize};

use crate::apply::Answer;
use crate::day::Day;
use crate::postings::Stage;
use crate::profile::Profile;
use crate::rules::{FieldError, Invalid, multi_line};
use crate::timeline::{ApplicationStatus, Outcome, Progress};

/// What a company's user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads everything of the company, changes nothing.
    Viewer,
    /// Answers, moves and closes applications.
    Recruiter,
    /// Also runs the company: postings, settings, users and tokens.
    Admin,
}

impl Role {
    /// Every role, from the one that may do least.
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Recruiter, Role::Admin];

    pub fn parse(raw: &str) -> Result<Role, Invalid> {
        match raw {
            "viewer" => Ok(Role::Viewer),
            "recruiter" => Ok(Role::Recruiter),
            "admin" => Ok(Role::Admin),
            _ => Err(Invalid::NotOneOf { allowed: "viewer, recruiter, admin" }),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Recruiter => "recruiter",
            Role::Admin => "admin",
        }
    }

    /// Whether this role may act on applications.
    pub fn can_act(self) -> bool {
        self >= Role::Recruiter
    }
}

/// `POST /api/v1/recruiter/tokens` (admins only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewApiToken {
    pub name: String,
    pub role: Role,
}

/// A token's name says what it is for ("ATS sync").
pub const TOKEN_NAME_MAX: usize = 80;

impl NewApiToken {
    pub fn validate(&self) -> Result<NewApiToken, FieldError> {
        Ok(NewApiToken { name: crate::rules::single_line("name", &self.name, 1, TOKEN_NAME_MAX)?, role: self.role })
    }
}

/// A token as listed: never its secret, which is shown once when created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiTokenInfo {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    /// The console user who made it, while they are in the company: the
    /// token ends with their access. None for tokens made on the command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub made_by: Option<String>,
}

/// The answer to creating a token: the token itself, this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiToken {
    pub token: String,
    pub info: ApiTokenInfo,
}

/// A personal message: required wherever one is asked for. No form letters
/// is the console's business; here it must at least say something.
pub const MESSAGE_MAX: usize = 5000;

fn message(field: &'static str, raw: &str) -> Result<String, FieldError> {
    multi_line(field, raw, 1, MESSAGE_MAX)
}

fn promise(field: &'static str, day: Day, today: Day) -> Result<Day, FieldError> {
    if day < today { Err(FieldError::new(field, Invalid::InThePast)) } else { Ok(day) }
}

/// `POST /api/v1/recruiter/applications/{id}/stage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveToStage {
    /// Index of the stage in the posting's process.
    pub stage: u16,
    pub message: String,
    /// By when the candidate hears next; required unless the stage is the last.
    #[serde(default)]
    pub promised: Option<Day>,
}

impl MoveToStage {
    pub fn validate(&self, stages: &[Stage], today: Day) -> Result<MoveToStage, FieldError> {
        let last =
            stages.len().checked_sub(1).ok_or(FieldError::new("stage", Invalid::OutOfRange { min: 0, max: 0 }))?;
        let stage = usize::from(self.stage);
        if stage > last {
            return Err(FieldError::new("stage", Invalid::OutOfRange { min: 0, max: last as i64 }));
        }
        let promised = match self.promised {
            Some(day) => Some(promise("promised", day, today)?),
            None if stage < last => return Err(FieldError::new("promised", Invalid::Required)),
            None => None,
        };
        Ok(MoveToStage { stage: self.stage, message: message("message", &self.message)?, promised })
    }
}

/// `POST /api/v1/recruiter/applications/{id}/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SendMessage {
    pub message: String,
    /// A new date to get back by, if the message moves the promise.
    #[serde(default)]
    pub promised: Option<Day>,
}

impl SendMessage {
    pub fn validate(&self, today: Day) -> Result<SendMessage, FieldError> {
        Ok(SendMessage {
            message: message("message", &self.message)?,
            promised: self.promised.map(|d| promise("promised", d, today)).transpose()?,
        })
    }
}

/// `POST /api/v1/recruiter/applications/{id}/close`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Close {
    pub outcome: Outcome,
    pub message: String,
}

impl Close {
    pub fn validate(&self) -> Result<Close, FieldError> {
        Ok(Close { outcome: self.outcome, message: message("message", &self.message)? })
    }
}

/// `POST /api/v1/recruiter/messages/check`: before closing, whether this
/// message has gone word for word to other candidates already. A form
/// letter is allowed, but never sent without the recruiter knowing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageCheck {
    pub message: String,
}

impl MessageCheck {
    /// The message as it would be stored, so the comparison is word for word.
    pub fn validate(&self) -> Result<MessageCheck, FieldError> {
        Ok(MessageCheck { message: message("message", &self.message)? })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageCheckResult {
    /// How many applications of the company were closed with exactly this message.
    pub sent_to_others: u64,
}

/// One application in a posting's list, for recruiters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationListItem {
    pub id: i64,
    /// Empty once the candidate erased their data.
    pub name: String,
    pub email: String,
    pub progress: Progress,
    /// The day `progress` stands as of (the server's, which a test clock
    /// moves): what days in a stage and a promise's nearness count to.
    pub today: Day,
}

/// `GET /api/v1/recruiter/applications/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationForRecruiter {
    pub id: i64,
    /// `None` once the candidate erased their data.
    pub profile: Option<Profile>,
    pub answers: Vec<Answer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cv: Option<crate::cv::CvInfo>,
    pub talent_pool: bool,
    /// The language the candidate applied in, and reads their status in.
    #[serde(default)]
    pub locale: crate::Locale,
    /// Exactly what the candidate sees.
    pub status: ApplicationStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stages() -> Vec<Stage> {
        (0..3).map(|i| Stage { name: format!("S{i}"), expected_days: 5, description: String::new() }).collect()
    }

    fn today() -> Day {
        Day::parse("2026-11-23").unwrap()
    }

    #[test]
    fn moving_needs_a_message_and_a_promise_until_the_last_stage() {
        let ok =
            MoveToStage { stage: 1, message: " See you Tuesday! ".into(), promised: Day::parse("2026-11-30").ok() };
        assert_eq!(ok.validate(&stages(), today()).unwrap().message, "See you Tuesday!");
        let no_promise = MoveToStage { promised: None, ..ok.clone() };
        assert_eq!(no_promise.validate(&stages(), today()).unwrap_err().field, "promised");
        let last = MoveToStage { stage: 2, promised: None, ..ok.clone() };
        assert!(last.validate(&stages(), today()).is_ok(), "the last stage needs no further promise");
        let beyond = MoveToStage { stage: 3, ..ok.clone() };
        assert_eq!(beyond.validate(&stages(), today()).unwrap_err().invalid, Invalid::OutOfRange { min: 0, max: 2 });
        let silent = MoveToStage { message: "  ".into(), ..ok.clone() };
        assert_eq!(silent.validate(&stages(), today()).unwrap_err().invalid, Invalid::Required);
        let past = MoveToStage { promised: Day::parse("2026-11-22").ok(), ..ok };
        assert_eq!(past.validate(&stages(), today()).unwrap_err().invalid, Invalid::InThePast);
    }

    #[test]
    fn closing_needs_a_personal_message() {
        let close = Close { outcome: Outcome::NotSelected, message: "".into() };
        assert_eq!(close.validate().unwrap_err().field, "message");
        let long = Close { outcome: Outcome::Hired, message: "x".repeat(MESSAGE_MAX + 1) };
        assert_eq!(long.validate().unwrap_err().invalid, Invalid::TooLong { max: MESSAGE_MAX });
    }

    #[test]
    fn roles_order_by_power() {
        assert!(Role::Admin.can_act() && Role::Recruiter.can_act() && !Role::Viewer.can_act());
        assert_eq!(Role::parse("recruiter"), Ok(Role::Recruiter));
        assert!(Role::parse("owner").is_err());
    }
}
