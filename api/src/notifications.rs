//! What mail a company's person gets of the work that waits on them: a
//! mail per new application and question, one morning digest, or none.

use serde::{Deserialize, Serialize};

/// A person's choice, stored with them (`users.notify`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Notify {
    /// A mail for each new application and each new question.
    Each,
    /// One mail in the morning listing what waits: unanswered questions,
    /// silence alarms, promises due that day.
    Digest,
    None,
}

impl Notify {
    pub const ALL: [Notify; 3] = [Notify::Each, Notify::Digest, Notify::None];

    /// The name stored and sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Notify::Each => "each",
            Notify::Digest => "digest",
            Notify::None => "none",
        }
    }

    pub fn parse(name: &str) -> Option<Notify> {
        Notify::ALL.into_iter().find(|n| n.as_str() == name)
    }
}

/// `GET` and `PUT /api/v1/recruiter/me/notifications`: the signed-in
/// person's own choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notifications {
    pub notify: Notify,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_reads_back_from_its_name() {
        for notify in Notify::ALL {
            assert_eq!(Notify::parse(notify.as_str()), Some(notify));
            let json = serde_json::to_string(&Notifications { notify }).unwrap();
            assert_eq!(json, format!("{{\"notify\":\"{}\"}}", notify.as_str()));
        }
        assert_eq!(Notify::parse("hourly"), None);
        assert!(serde_json::from_str::<Notifications>("{\"notify\":\"hourly\"}").is_err());
    }
}
