//! Applying: the answers to a posting's screening questions, the consent,
//! and what a submission must contain.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::locale::Locale;
use crate::postings::{QuestionKind, ScreeningQuestion};
use crate::profile::Profile;
use crate::rules::{FieldError, Invalid, multi_line, single_line};
use crate::slug::QuestionKey;

/// An answer, tagged with the kind of question it answers:
/// `{"text": "…"}`, `{"yes_no": true}`, `{"choice": "…"}`, `{"number": 5}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerValue {
    Text(String),
    YesNo(bool),
    Choice(String),
    Number(i64),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub key: QuestionKey,
    pub value: AnswerValue,
}

/// Checks answers against the posting's questions: each answers a question
/// of this posting once, with a value of that question's kind within its
/// limits, and every required question is answered. Returns the answers
/// normalised, in the questions' order, with blank optional answers dropped.
pub fn validate_answers(questions: &[ScreeningQuestion], answers: &[Answer]) -> Result<Vec<Answer>, FieldError> {
    let mut seen = HashSet::new();
    for answer in answers {
        let field = || Cow::Owned(format!("answers.{}", answer.key));
        if !questions.iter().any(|q| q.key == answer.key) {
            return Err(FieldError::new(field(), Invalid::NotAQuestion));
        }
        if !seen.insert(&answer.key) {
            return Err(FieldError::new(field(), Invalid::Repeated));
        }
    }
    let mut valid = Vec::new();
    for question in questions {
        let field = || Cow::Owned(format!("answers.{}", question.key));
        let given = answers.iter().find(|a| a.key == question.key).map(|a| &a.value);
        let value = match (&question.kind, given) {
            (_, None) => None,
            (QuestionKind::ShortText { max_chars }, Some(AnswerValue::Text(t))) => {
                Some(single_line(field(), t, 0, usize::from(*max_chars))?)
                    .filter(|t| !t.is_empty())
                    .map(AnswerValue::Text)
            }
            (QuestionKind::LongText { max_chars }, Some(AnswerValue::Text(t))) => {
                Some(multi_line(field(), t, 0, usize::from(*max_chars))?)
                    .filter(|t| !t.is_empty())
                    .map(AnswerValue::Text)
            }
            (QuestionKind::YesNo, Some(AnswerValue::YesNo(b))) => Some(AnswerValue::YesNo(*b)),
            (QuestionKind::SingleChoice { options }, Some(AnswerValue::Choice(c))) => {
                let c = c.trim();
                match options.iter().find(|o| o.as_str() == c) {
                    Some(option) => Some(AnswerValue::Choice(option.clone())),
                    None => return Err(FieldError::new(field(), Invalid::NotAChoice)),
                }
            }
            (QuestionKind::Number { min, max }, Some(AnswerValue::Number(n))) => {
                if !(*min..=*max).contains(n) {
                    return Err(FieldError::new(field(), Invalid::OutOfRange { min: *min, max: *max }));
                }
                Some(AnswerValue::Number(*n))
            }
            (_, Some(_)) => return Err(FieldError::new(field(), Invalid::WrongKind)),
        };
        match value {
            Some(value) => valid.push(Answer { key: question.key.clone(), value }),
            None if question.required => return Err(FieldError::new(field(), Invalid::Required)),
            None => {}
        }
    }
    Ok(valid)
}

/// What the candidate agreed to when applying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Consent {
    /// Storing the application for the company's retention period: required.
    pub data_processing: bool,
    /// Being kept in the company's talent pool for later openings: optional,
    /// off unless the candidate turns it on.
    #[serde(default)]
    pub talent_pool: bool,
}

/// `POST /api/v1/companies/{company}/postings/{posting}/applications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRequest {
    pub profile: Profile,
    #[serde(default)]
    pub answers: Vec<Answer>,
    pub consent: Consent,
    /// The language the candidate reads Candor in: their e-mails follow it.
    #[serde(default)]
    pub locale: Locale,
    /// A field people never see and bots fill in. Must stay empty.
    #[serde(default)]
    pub website: String,
}

/// The answer to a submission (201, or 200 for a retry): acknowledged at
/// once, with the private token for the status link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    pub status_token: String,
    pub status: crate::timeline::ApplicationStatus,
}

/// A submission that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidApplication {
    pub profile: Profile,
    pub answers: Vec<Answer>,
    pub consent: Consent,
    pub locale: Locale,
}

impl ApplicationRequest {
    /// Checks the whole submission; the honeypot is checked by the caller,
    /// which answers it differently (a bot must not learn it was spotted).
    pub fn validate(&self, questions: &[ScreeningQuestion]) -> Result<ValidApplication, FieldError> {
        let profile =
            self.profile.validate().map_err(|e| FieldError::new(format!("profile.{}", e.field), e.invalid))?;
        let answers = validate_answers(questions, &self.answers)?;
        if !self.consent.data_processing {
            return Err(FieldError::new("consent.data_processing", Invalid::Required));
        }
        Ok(ValidApplication { profile, answers, consent: self.consent, locale: self.locale })
    }

    pub fn is_from_a_bot(&self) -> bool {
        !self.website.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(key: &str, required: bool, kind: QuestionKind) -> ScreeningQuestion {
        ScreeningQuestion { key: QuestionKey::parse(key).unwrap(), prompt: format!("{key}?"), required, kind }
    }

    fn questions() -> Vec<ScreeningQuestion> {
        vec![
            q("years", true, QuestionKind::Number { min: 0, max: 40 }),
            q("permit", true, QuestionKind::YesNo),
            q("link", false, QuestionKind::ShortText { max_chars: 20 }),
            q("start", true, QuestionKind::SingleChoice { options: vec!["Now".into(), "Later".into()] }),
            q("why", false, QuestionKind::LongText { max_chars: 50 }),
        ]
    }

    fn a(key: &str, value: AnswerValue) -> Answer {
        Answer { key: QuestionKey::parse(key).unwrap(), value }
    }

    fn good() -> Vec<Answer> {
        vec![
            a("start", AnswerValue::Choice(" Later ".into())),
            a("years", AnswerValue::Number(6)),
            a("permit", AnswerValue::YesNo(false)),
            a("link", AnswerValue::Text("  ".into())),
        ]
    }

    #[test]
    fn valid_answers_come_back_in_question_order_without_blanks() {
        let valid = validate_answers(&questions(), &good()).unwrap();
        let keys: Vec<_> = valid.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, ["years", "permit", "start"]);
        assert_eq!(valid[2].value, AnswerValue::Choice("Later".into()));
    }

    #[test]
    fn each_rule_names_the_question() {
        let cases: Vec<(Vec<Answer>, &str, Invalid)> = vec![
            (good().into_iter().filter(|x| x.key.as_str() != "permit").collect(), "answers.permit", Invalid::Required),
            ([good(), vec![a("years", AnswerValue::Number(1))]].concat(), "answers.years", Invalid::Repeated),
            ([good(), vec![a("salary", AnswerValue::Number(1))]].concat(), "answers.salary", Invalid::NotAQuestion),
            (
                good()
                    .into_iter()
                    .map(|x| if x.key.as_str() == "years" { a("years", AnswerValue::Number(41)) } else { x })
                    .collect(),
                "answers.years",
                Invalid::OutOfRange { min: 0, max: 40 },
            ),
            (
                good()
                    .into_iter()
                    .map(
                        |x| if x.key.as_str() == "start" { a("start", AnswerValue::Choice("Never".into())) } else { x },
                    )
                    .collect(),
                "answers.start",
                Invalid::NotAChoice,
            ),
            (
                good()
                    .into_iter()
                    .map(|x| if x.key.as_str() == "permit" { a("permit", AnswerValue::Text("yes".into())) } else { x })
                    .collect(),
                "answers.permit",
                Invalid::WrongKind,
            ),
            (
                [good(), vec![a("why", AnswerValue::Text("x".repeat(51)))]].concat(),
                "answers.why",
                Invalid::TooLong { max: 50 },
            ),
            (
                good()
                    .into_iter()
                    .map(|x| if x.key.as_str() == "link" { a("link", AnswerValue::Text("a\nb".into())) } else { x })
                    .collect(),
                "answers.link",
                Invalid::ControlCharacters,
            ),
        ];
        for (answers, field, invalid) in cases {
            let e = validate_answers(&questions(), &answers).unwrap_err();
            assert_eq!((e.field.as_ref(), e.invalid), (field, invalid));
        }
    }

    #[test]
    fn a_submission_needs_a_complete_profile_and_consent() {
        let request = ApplicationRequest {
            profile: Profile { name: "Aino".into(), email: "aino@example.fi".into(), ..Default::default() },
            answers: good(),
            consent: Consent { data_processing: true, talent_pool: false },
            locale: Locale::Fi,
            website: String::new(),
        };
        assert!(request.validate(&questions()).is_ok());
        assert!(!request.is_from_a_bot());
        let no_consent = ApplicationRequest { consent: Consent::default(), ..request.clone() };
        assert_eq!(no_consent.validate(&questions()).unwrap_err().field, "consent.data_processing");
        let bad_email =
            ApplicationRequest { profile: Profile { email: "x".into(), ..request.profile.clone() }, ..request.clone() };
        assert_eq!(bad_email.validate(&questions()).unwrap_err().field, "profile.email");
        assert!(ApplicationRequest { website: "http://spam".into(), ..request }.is_from_a_bot());
    }

    #[test]
    fn answers_are_tagged_on_the_wire() {
        let json = serde_json::to_string(&a("permit", AnswerValue::YesNo(true))).unwrap();
        assert_eq!(json, r#"{"key":"permit","value":{"yes_no":true}}"#);
    }
}
