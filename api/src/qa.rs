//! Public questions about a posting, answered by the company in public.
//!
//! Anyone may ask; a question is published once a recruiter answers it, or
//! declined (spam, off-topic) with a reason the asker sees on their private
//! link. How long answers take is public too: per question and the
//! company's median.

use serde::{Deserialize, Serialize};

use crate::Locale;
use crate::profile::parse_email;
use crate::rules::{FieldError, multi_line, single_line};
use crate::timeline::{CompanyRef, PostingRef};

pub const QUESTION_MIN: usize = 10;
pub const QUESTION_MAX: usize = 1000;
pub const NAME_MAX: usize = 60;
pub const ANSWER_MAX: usize = 4000;
pub const DECLINE_MESSAGE_MAX: usize = 1000;

/// `POST /api/v1/companies/{company}/postings/{posting}/questions`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ask {
    pub text: String,
    /// How the asker wants to be shown; empty for anonymous.
    #[serde(default)]
    pub name: String,
    /// The honeypot: people never see this field, bots fill it in.
    #[serde(default)]
    pub website: String,
    /// Where to say that it was answered or declined; empty for no mail.
    /// Never shown to anyone, the company's people included: it is the
    /// asker's, for that one mail and for "Lost your link?".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// The language the question is asked in, which its mail is written in;
    /// the company's default when not said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

impl Ask {
    /// The address, when given, is checked by the profile's rule and
    /// lowercased (it is a key: "Lost your link?" finds questions by it).
    pub fn validate(&self) -> Result<Ask, FieldError> {
        let email = match self.email.trim() {
            "" => String::new(),
            given => parse_email("email", given)?.to_lowercase(),
        };
        Ok(Ask {
            text: multi_line("text", &self.text, QUESTION_MIN, QUESTION_MAX)?,
            name: single_line("name", &self.name, 0, NAME_MAX)?,
            website: self.website.clone(),
            email,
            locale: self.locale,
        })
    }

    /// What makes a question the same one asked again (a second click, a
    /// reload and send): its text and name, in lower case, with white space
    /// trimmed and every run of it one space. Meant for a validated `Ask`.
    pub fn sameness(&self) -> String {
        let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        format!("{}\n{}", fold(&self.name), fold(&self.text))
    }

    /// Filled in by a bot: accepted in appearance, stored nowhere.
    pub fn is_bot(&self) -> bool {
        !self.website.trim().is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionState {
    /// Waiting for the company; visible only to the asker.
    Pending,
    Answered,
    Declined,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    Spam,
    OffTopic,
    /// Asked already (on this posting, or answered elsewhere): the message
    /// says where the answer is.
    Duplicate,
}

impl DeclineReason {
    /// Every reason, in the order a recruiter is offered them.
    pub const ALL: [DeclineReason; 3] = [DeclineReason::OffTopic, DeclineReason::Duplicate, DeclineReason::Spam];

    /// The reason's wire word.
    pub fn as_str(self) -> &'static str {
        match self {
            DeclineReason::Spam => "spam",
            DeclineReason::OffTopic => "off_topic",
            DeclineReason::Duplicate => "duplicate",
        }
    }

    pub fn parse(raw: &str) -> Option<DeclineReason> {
        DeclineReason::ALL.into_iter().find(|r| r.as_str() == raw)
    }
}

/// An answered question as everyone sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicQuestion {
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// RFC 3339, UTC.
    pub asked_at: String,
    pub answer: String,
    pub answered_at: String,
    /// How long the company took to answer, in whole minutes.
    pub answer_minutes: u64,
}

/// `GET …/postings/{posting}/questions`: the answered questions, newest
/// first, and how fast the company answers in general.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingQuestions {
    pub questions: Vec<PublicQuestion>,
    /// The company's median time to answer, over all its postings; `None`
    /// until it has answered a question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_answer_minutes: Option<u64>,
    pub answered_count: u64,
}

/// A declined question's reason and the company's word on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Declined {
    pub reason: DeclineReason,
    pub message: String,
    pub declined_at: String,
}

/// `GET /api/v1/question` (the token in `Candor-Question`): the asker's own
/// view of their question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AskedQuestion {
    pub company: CompanyRef,
    pub posting: PostingRef,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub asked_at: String,
    pub state: QuestionState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<PublicQuestion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declined: Option<Declined>,
    /// Whether Candor keeps an address the asker left to hear of the
    /// answer (never the address itself: the view is the asker's, but a
    /// link can be forwarded). `DELETE /api/v1/question/address` forgets it.
    #[serde(default)]
    pub address_kept: bool,
}

/// The answer to asking: the private token of the asker's link, and the
/// question as they will follow it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionReceipt {
    pub token: String,
    pub question: AskedQuestion,
}

/// `POST /api/v1/recruiter/questions/{id}/answer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerQuestion {
    pub answer: String,
}

impl AnswerQuestion {
    pub fn validate(&self) -> Result<AnswerQuestion, FieldError> {
        Ok(AnswerQuestion { answer: multi_line("answer", &self.answer, 1, ANSWER_MAX)? })
    }
}

/// `POST /api/v1/recruiter/questions/{id}/decline`: the reason is shown to
/// the asker with the message, which must say something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeclineQuestion {
    pub reason: DeclineReason,
    pub message: String,
}

impl DeclineQuestion {
    pub fn validate(&self) -> Result<DeclineQuestion, FieldError> {
        Ok(DeclineQuestion {
            reason: self.reason,
            message: multi_line("message", &self.message, 1, DECLINE_MESSAGE_MAX)?,
        })
    }
}

/// A question in the recruiters' inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionForRecruiter {
    pub id: i64,
    pub posting: PostingRef,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub asked_at: String,
    pub state: QuestionState,
    /// Minutes since it was asked (pending) or until it was answered.
    pub age_minutes: u64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub answer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declined: Option<Declined>,
}

/// The median of answer times, in minutes: the middle one, or the mean of
/// the two middle ones (rounded down). `None` for no answers.
pub fn median_minutes(mut minutes: Vec<u64>) -> Option<u64> {
    if minutes.is_empty() {
        return None;
    }
    minutes.sort_unstable();
    let mid = minutes.len() / 2;
    Some(if minutes.len() % 2 == 1 { minutes[mid] } else { (minutes[mid - 1] + minutes[mid]) / 2 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Invalid;

    #[test]
    fn a_question_is_10_to_1000_characters_of_text() {
        let ask = |text: &str| Ask { text: text.into(), ..Ask::default() }.validate();
        assert_eq!(ask("  Is there parking at the clinic?  ").unwrap().text, "Is there parking at the clinic?");
        assert_eq!(ask("Parking?").unwrap_err().invalid, Invalid::TooShort { min: 10 });
        // Ten characters, counted as characters, not bytes.
        assert!(ask("Työaikaä??").is_ok());
        assert_eq!(ask(&"x".repeat(1001)).unwrap_err().invalid, Invalid::TooLong { max: 1000 });
        assert!(ask(&"x".repeat(1000)).is_ok());
        assert_eq!(ask("Line one\u{0}line two").unwrap_err().invalid, Invalid::ControlCharacters);
    }

    #[test]
    fn the_display_name_is_optional_and_one_line() {
        let ask = |name: &str| {
            Ask { text: "Is there parking nearby?".into(), name: name.into(), ..Ask::default() }.validate()
        };
        assert_eq!(ask("").unwrap().name, "");
        assert_eq!(ask(" Aino ").unwrap().name, "Aino");
        assert_eq!(ask("Aino\nV").unwrap_err().field, "name");
        assert_eq!(ask(&"a".repeat(61)).unwrap_err().invalid, Invalid::TooLong { max: 60 });
    }

    #[test]
    fn a_question_asked_again_is_the_same_whatever_its_spacing_and_case() {
        let ask = |text: &str, name: &str| Ask { text: text.into(), name: name.into(), ..Ask::default() }.sameness();
        let first = ask("Is there parking at the clinic?", "Aino");
        assert_eq!(ask("  is there PARKING\n at the   clinic? ", " aino "), first);
        assert_eq!(ask("Is there parking at the clinic?", "aino"), first);
        assert_ne!(ask("Is there parking at the clinic??", "Aino"), first, "another text");
        assert_ne!(ask("Is there parking at the clinic?", ""), first, "another asker's name");
        assert_eq!(ask("Kysymys Äänestä", ""), ask("kysymys äänestä", ""), "case folds beyond ASCII");
    }

    #[test]
    fn the_address_to_hear_at_is_optional_and_checked_like_a_profiles() {
        let ask = |email: &str| {
            Ask { text: "Is there parking nearby?".into(), email: email.into(), ..Ask::default() }.validate()
        };
        assert_eq!(ask("").unwrap().email, "");
        assert_eq!(ask("   ").unwrap().email, "", "blank is none");
        assert_eq!(ask(" Aino.V@Example.FI ").unwrap().email, "aino.v@example.fi", "lowercased: it is a key");
        let e = ask("aino@").unwrap_err();
        assert_eq!((e.field.as_ref(), e.invalid), ("email", Invalid::NotAnEmail));
        assert_eq!(ask("aino@example").unwrap_err().invalid, Invalid::NotAnEmail);
    }

    #[test]
    fn an_ask_without_the_new_fields_still_reads() {
        let ask: Ask = serde_json::from_str(r#"{"text": "Is there parking nearby?"}"#).unwrap();
        assert_eq!((ask.email.as_str(), ask.locale), ("", None));
        let ask: Ask =
            serde_json::from_str(r#"{"text": "Onko pysäköintiä?", "email": "a@b.fi", "locale": "fi"}"#).unwrap();
        assert_eq!(ask.locale, Some(Locale::Fi));
    }

    #[test]
    fn the_honeypot_marks_a_bot() {
        assert!(Ask { website: "http://spam.example".into(), ..Ask::default() }.is_bot());
        assert!(!Ask { website: "  ".into(), ..Ask::default() }.is_bot());
    }

    #[test]
    fn answers_and_declines_must_say_something() {
        assert_eq!(AnswerQuestion { answer: "  ".into() }.validate().unwrap_err().invalid, Invalid::Required);
        assert_eq!(
            AnswerQuestion { answer: " Yes, two spaces. ".into() }.validate().unwrap().answer,
            "Yes, two spaces."
        );
        let decline = DeclineQuestion { reason: DeclineReason::OffTopic, message: "".into() };
        assert_eq!(decline.validate().unwrap_err().field, "message");
    }

    #[test]
    fn median_of_answer_times() {
        assert_eq!(median_minutes(vec![]), None);
        assert_eq!(median_minutes(vec![30]), Some(30));
        assert_eq!(median_minutes(vec![300, 10, 60]), Some(60));
        assert_eq!(median_minutes(vec![10, 60, 300, 20]), Some(40));
    }

    #[test]
    fn reasons_and_states_on_the_wire() {
        assert_eq!(serde_json::to_string(&DeclineReason::OffTopic).unwrap(), "\"off_topic\"");
        for reason in DeclineReason::ALL {
            assert_eq!(serde_json::to_string(&reason).unwrap(), format!("\"{}\"", reason.as_str()));
            assert_eq!(DeclineReason::parse(reason.as_str()), Some(reason));
        }
        assert_eq!(DeclineReason::parse("rude"), None);
        assert_eq!(serde_json::to_string(&QuestionState::Pending).unwrap(), "\"pending\"");
    }
}
