//! Applying: the answers to a posting's screening questions, the consent,
//! and what a submission must contain.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::locale::Locale;
use crate::postings::{QuestionKind, ScreeningQuestion};
use crate::profile::Profile;
use crate::rules::{FieldError, Invalid, Problems, multi_line, single_line};
use crate::slug::QuestionKey;

/// An answer, tagged with the kind of question it answers:
/// `{"text": "…"}`, `{"yes_no": true}`, `{"choice": "…"}`, `{"number": 5}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AnswerValue {
    Text(String),
    YesNo(bool),
    Choice(String),
    Number(i64),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    pub key: QuestionKey,
    pub value: AnswerValue,
}

/// Checks answers against the posting's questions: each answers a question
/// of this posting once, with a value of that question's kind within its
/// limits, and every required question is answered. Returns the answers
/// normalised, in the questions' order, with blank optional answers dropped.
pub fn validate_answers(questions: &[ScreeningQuestion], answers: &[Answer]) -> Result<Vec<Answer>, FieldError> {
    let mut problems = Problems::default();
    let valid = checked_answers(questions, answers, &mut problems);
    problems.or_first(valid)
}

fn checked_answers(questions: &[ScreeningQuestion], answers: &[Answer], problems: &mut Problems) -> Vec<Answer> {
    let mut seen = HashSet::new();
    for answer in answers {
        let field = || Cow::Owned(format!("answers.{}", answer.key));
        if !questions.iter().any(|q| q.key == answer.key) {
            problems.push(FieldError::new(field(), Invalid::NotAQuestion));
        } else if !seen.insert(&answer.key) {
            problems.push(FieldError::new(field(), Invalid::Repeated));
        }
    }
    let mut valid = Vec::new();
    for question in questions {
        let field = || Cow::Owned(format!("answers.{}", question.key));
        let given = answers.iter().find(|a| a.key == question.key).map(|a| &a.value);
        let value = match (&question.kind, given) {
            (_, None) => Ok(None),
            (QuestionKind::ShortText { max_chars }, Some(AnswerValue::Text(t))) => {
                single_line(field(), t, 0, usize::from(*max_chars))
                    .map(|t| Some(t).filter(|t| !t.is_empty()).map(AnswerValue::Text))
            }
            (QuestionKind::LongText { max_chars }, Some(AnswerValue::Text(t))) => {
                multi_line(field(), t, 0, usize::from(*max_chars))
                    .map(|t| Some(t).filter(|t| !t.is_empty()).map(AnswerValue::Text))
            }
            (QuestionKind::YesNo, Some(AnswerValue::YesNo(b))) => Ok(Some(AnswerValue::YesNo(*b))),
            (QuestionKind::SingleChoice { options }, Some(AnswerValue::Choice(c))) => {
                let c = c.trim();
                match options.iter().find(|o| o.as_str() == c) {
                    Some(option) => Ok(Some(AnswerValue::Choice(option.clone()))),
                    None => Err(FieldError::new(field(), Invalid::NotAChoice)),
                }
            }
            (QuestionKind::Number { min, max }, Some(AnswerValue::Number(n))) => {
                if (*min..=*max).contains(n) {
                    Ok(Some(AnswerValue::Number(*n)))
                } else {
                    Err(FieldError::new(field(), Invalid::OutOfRange { min: *min, max: *max }))
                }
            }
            (_, Some(_)) => Err(FieldError::new(field(), Invalid::WrongKind)),
        };
        match value {
            Ok(Some(value)) => valid.push(Answer { key: question.key.clone(), value }),
            Ok(None) if question.required => problems.push(FieldError::new(field(), Invalid::Required)),
            Ok(None) => {}
            Err(e) => problems.push(e),
        }
    }
    valid
}

/// A number answer as typed into a form, read by the form's check only (the
/// field keeps the text as typed): blank is no answer, otherwise a whole
/// number. `1.5` or `five` is not a number, never a different one.
pub fn parse_number_answer(key: &QuestionKey, raw: &str) -> Result<Option<AnswerValue>, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>()
        .map(|n| Some(AnswerValue::Number(n)))
        .map_err(|_| FieldError::new(format!("answers.{key}"), Invalid::NotANumber))
}

/// What the candidate agreed to when applying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Acknowledgement {
    pub status_token: String,
    pub status: crate::timeline::ApplicationStatus,
    /// The address a copy of the status link was mailed to, so the
    /// candidate knows they can find it again from any device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailed_to: Option<String>,
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
        let mut problems = Problems::default();
        let valid = self.checked(questions, &mut problems);
        problems.or_first(valid)
    }

    /// As [`ApplicationRequest::validate`], with every rule broken, in the
    /// form's order: a form shows them all at once.
    pub fn validate_all(&self, questions: &[ScreeningQuestion]) -> Result<ValidApplication, Vec<FieldError>> {
        let mut problems = Problems::default();
        let valid = self.checked(questions, &mut problems);
        problems.or_all(valid)
    }

    fn checked(&self, questions: &[ScreeningQuestion], problems: &mut Problems) -> ValidApplication {
        let profile = match self.profile.validate_all() {
            Ok(profile) => profile,
            Err(all) => {
                for e in all {
                    problems.push(FieldError::new(format!("profile.{}", e.field), e.invalid));
                }
                Profile::default()
            }
        };
        let answers = checked_answers(questions, &self.answers, problems);
        if !self.consent.data_processing {
            problems.push(FieldError::new("consent.data_processing", Invalid::Required));
        }
        ValidApplication { profile, answers, consent: self.consent, locale: self.locale }
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
    fn every_broken_rule_is_found_at_once_in_the_forms_order() {
        let request = ApplicationRequest {
            profile: Profile { email: "aino@".into(), phone: "call me".into(), ..Default::default() },
            answers: vec![a("years", AnswerValue::Number(41))],
            consent: Consent::default(),
            locale: Locale::En,
            website: String::new(),
        };
        let all = request.validate_all(&questions()).unwrap_err();
        let fields: Vec<_> = all.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(
            fields,
            [
                "profile.name",
                "profile.email",
                "profile.phone",
                "answers.years",
                "answers.permit",
                "answers.start",
                "consent.data_processing"
            ]
        );
        assert_eq!(all[3].invalid, Invalid::OutOfRange { min: 0, max: 40 });
        assert_eq!(request.validate(&questions()).unwrap_err(), all[0], "the API answers with the first");
    }

    #[test]
    fn a_typed_number_is_read_as_typed_or_refused() {
        let key = QuestionKey::parse("years").unwrap();
        assert_eq!(parse_number_answer(&key, " 6 ").unwrap(), Some(AnswerValue::Number(6)));
        assert_eq!(parse_number_answer(&key, "").unwrap(), None);
        for typed in ["1.5", "51.", "five", "1e3", "--1"] {
            let e = parse_number_answer(&key, typed).unwrap_err();
            assert_eq!((e.field.as_ref(), e.invalid), ("answers.years", Invalid::NotANumber), "{typed}");
        }
    }

    #[test]
    fn answers_are_tagged_on_the_wire() {
        let json = serde_json::to_string(&a("permit", AnswerValue::YesNo(true))).unwrap();
        assert_eq!(json, r#"{"key":"permit","value":{"yes_no":true}}"#);
    }
}
