//! A posting in more languages than its company's default: which language
//! a visitor is shown. (The texts an admin writes per locale, and their
//! rules, are the draft's, in `postings.rs`.)
//!
//! A translation is whole or absent. It translates every text the posting
//! has (an optional text that is empty in the default stays empty), so a
//! visitor reads one posting in one language and its `lang` is true; a
//! visitor whose language has no translation reads the default, marked
//! with the default's language.

use crate::locale::Locale;
use crate::postings::{PostingDetail, PostingSummary, QuestionKind};
pub use crate::postings::{PostingTranslation, QuestionTranslation, StageTranslation, Translations};
use crate::rules::{FieldError, Invalid};

impl PostingTranslation {
    /// `default`'s card in this translation's language.
    pub fn summary(&self, locale: Locale, default: &PostingSummary) -> PostingSummary {
        PostingSummary {
            title: self.title.clone(),
            department: self.department.clone(),
            teaser: self.teaser.clone(),
            lang: locale,
            ..default.clone()
        }
    }

    /// `default` in this translation's language. Positions the translation
    /// lacks (it was validated with the default, so none) keep the default's text.
    pub fn detail(&self, locale: Locale, default: &PostingDetail) -> PostingDetail {
        let mut shown = default.clone();
        shown.summary = self.summary(locale, &default.summary);
        shown.description = self.description.clone();
        for (stage, t) in shown.stages.iter_mut().zip(&self.stages) {
            stage.name = t.name.clone();
            stage.description = t.description.clone();
        }
        for (question, t) in shown.screening_questions.iter_mut().zip(&self.screening_questions) {
            question.prompt = t.prompt.clone();
            if let QuestionKind::SingleChoice { options } = &mut question.kind
                && t.options.len() == options.len()
            {
                options.clone_from(&t.options);
            }
        }
        shown
    }
}

/// The posting as a visitor reading `wanted` sees it: its translation into
/// `wanted` if there is one, else its default texts. A translation into the
/// default's own language (left from before the company changed its default)
/// is never shown: the posting's own texts are the default's.
pub fn shown_in(detail: &PostingDetail, translations: &Translations, wanted: Locale) -> PostingDetail {
    match translations.get(&wanted) {
        Some(t) if wanted != detail.summary.lang => t.detail(wanted, detail),
        _ => detail.clone(),
    }
}

/// [`shown_in`] for a card of the list, given the posting's translation
/// into `wanted` if it has one.
pub fn summary_in(
    summary: &PostingSummary,
    translation: Option<&PostingTranslation>,
    wanted: Locale,
) -> PostingSummary {
    match translation {
        Some(t) if wanted != summary.lang => t.summary(wanted, summary),
        _ => summary.clone(),
    }
}

/// Reads the one parameter a posting's page takes, `?lang=`: the
/// visitor's language. Unknown and repeated parameters are refused, as the
/// list's are.
pub fn lang_from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Option<Locale>, FieldError> {
    let mut lang = None;
    for (name, value) in pairs {
        if name != "lang" {
            let shown: String = name.chars().take(40).collect();
            return Err(FieldError::new(shown, Invalid::UnknownParameter));
        }
        if lang.is_some() {
            return Err(FieldError::new("lang", Invalid::Repeated));
        }
        lang = Some(Locale::from_param("lang", value)?);
    }
    Ok(lang.flatten())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::day::Day;
    use crate::postings::PostingDraft;

    fn draft() -> PostingDraft {
        serde_json::from_value(serde_json::json!({
            "slug": "dental-hygienist",
            "title": "Dental Hygienist",
            "department": "Clinical",
            "location": {"city": "Helsinki", "country": "FI"},
            "workplace": "on_site",
            "employment_type": "full_time",
            "teaser": "Gentle care",
            "description": "We care.",
            "stages": [
                {"name": "Review", "expected_days": 5},
                {"name": "Interview", "expected_days": 7, "description": "An hour, on video"}
            ],
            "screening_questions": [
                {"key": "licence", "prompt": "Licensed?", "required": true, "kind": "yes_no"},
                {"key": "start", "prompt": "When can you start?", "required": false,
                 "kind": {"single_choice": {"options": ["Now", "Later"]}}}
            ]
        }))
        .unwrap()
    }

    fn finnish() -> PostingTranslation {
        PostingTranslation {
            title: " Suuhygienisti ".into(),
            department: "Klinikka".into(),
            teaser: "Hellävaraista hoitoa".into(),
            description: "Välitämme.\r\nAina.".into(),
            stages: vec![
                StageTranslation { name: "Arviointi".into(), description: String::new() },
                StageTranslation { name: "Haastattelu".into(), description: "Tunti videolla".into() },
            ],
            screening_questions: vec![
                QuestionTranslation { prompt: "Onko sinulla laillistus?".into(), options: vec![] },
                QuestionTranslation {
                    prompt: "Milloin voit aloittaa?".into(),
                    options: vec!["Heti".into(), "Myöhemmin".into()],
                },
            ],
        }
    }

    fn today() -> Day {
        Day::parse("2026-11-23").unwrap()
    }

    fn with_finnish(change: impl FnOnce(&mut PostingTranslation)) -> Result<Translations, FieldError> {
        let mut d = draft();
        let mut fi = finnish();
        change(&mut fi);
        d.translations.insert(Locale::Fi, fi);
        d.validate(today(), Locale::En).map(|v| v.translations)
    }

    #[test]
    fn a_whole_translation_is_kept_normalised() {
        let kept = with_finnish(|_| {}).unwrap();
        let fi = &kept[&Locale::Fi];
        assert_eq!(fi.title, "Suuhygienisti");
        assert_eq!(fi.description, "Välitämme.\nAina.");
    }

    #[test]
    fn translations_follow_the_defaults_rules_field_by_field() {
        type Change = fn(&mut PostingTranslation);
        let cases: [(Change, &str, Invalid); 10] = [
            (|t| t.title = "x".into(), "translations.fi.title", Invalid::TooShort { min: 3 }),
            (|t| t.department = " ".into(), "translations.fi.department", Invalid::Required),
            (|t| t.teaser.clear(), "translations.fi.teaser", Invalid::Required),
            (|t| t.description = "a\u{0}".into(), "translations.fi.description", Invalid::ControlCharacters),
            (|t| t.stages.truncate(1), "translations.fi.stages[1].name", Invalid::Required),
            (|t| t.stages[1].description.clear(), "translations.fi.stages[1].description", Invalid::Required),
            (
                |t| t.stages.push(StageTranslation::default()),
                "translations.fi.stages",
                Invalid::OutOfRange { min: 2, max: 2 },
            ),
            (
                |t| t.screening_questions[0].prompt = "?".into(),
                "translations.fi.screening_questions[0].prompt",
                Invalid::TooShort { min: 3 },
            ),
            (
                |t| t.screening_questions[1].options.truncate(1),
                "translations.fi.screening_questions[1].options",
                Invalid::OutOfRange { min: 2, max: 2 },
            ),
            (
                |t| t.screening_questions[1].options = vec!["Heti".into(), "HETI".into()],
                "translations.fi.screening_questions[1].options",
                Invalid::Repeated,
            ),
        ];
        for (change, field, invalid) in cases {
            let e = with_finnish(change).unwrap_err();
            assert_eq!((e.field.as_ref(), e.invalid), (field, invalid));
        }
    }

    #[test]
    fn an_optional_text_the_default_leaves_empty_may_stay_empty() {
        assert!(with_finnish(|t| t.stages[0].description.clear()).is_ok());
        let mut d = draft();
        d.teaser.clear();
        d.translations.insert(Locale::Fi, PostingTranslation { teaser: String::new(), ..finnish() });
        assert!(d.validate(today(), Locale::En).is_ok());
    }

    #[test]
    fn a_translation_into_the_default_language_is_refused() {
        let mut d = draft();
        d.translations.insert(Locale::Fi, finnish());
        let e = d.validate(today(), Locale::Fi).unwrap_err();
        assert_eq!((e.field.as_ref(), e.invalid), ("translations.fi", Invalid::DefaultLanguage));
    }

    #[test]
    fn a_visitor_reads_one_language_per_posting() {
        let mut d = draft();
        d.translations.insert(Locale::Fi, finnish());
        let valid = d.validate(today(), Locale::En).unwrap();
        let fi = shown_in(&valid.detail, &valid.translations, Locale::Fi);
        assert_eq!(fi.summary.lang, Locale::Fi);
        assert_eq!((fi.summary.title.as_str(), fi.summary.department.as_str()), ("Suuhygienisti", "Klinikka"));
        assert_eq!(fi.stages[1].name, "Haastattelu");
        assert_eq!(fi.stages[1].expected_days, 7, "numbers are the posting's");
        assert_eq!(
            fi.screening_questions[1].kind,
            QuestionKind::SingleChoice { options: vec!["Heti".into(), "Myöhemmin".into()] }
        );
        assert_eq!(fi.screening_questions[1].key, valid.detail.screening_questions[1].key);
        let sv = shown_in(&valid.detail, &valid.translations, Locale::Sv);
        assert_eq!(sv, valid.detail, "no Swedish: the default, as written");
        assert_eq!(sv.summary.lang, Locale::En);
        let card = summary_in(&valid.detail.summary, valid.translations.get(&Locale::Fi), Locale::Fi);
        assert_eq!(
            (card.title.as_str(), card.teaser.as_str(), card.lang),
            ("Suuhygienisti", "Hellävaraista hoitoa", Locale::Fi)
        );
    }

    #[test]
    fn a_translation_into_what_became_the_default_is_not_shown() {
        let mut d = draft();
        d.translations.insert(Locale::Fi, finnish());
        let mut valid = d.validate(today(), Locale::En).unwrap();
        valid.detail.summary.lang = Locale::Fi;
        assert_eq!(shown_in(&valid.detail, &valid.translations, Locale::Fi), valid.detail);
    }

    #[test]
    fn the_lang_parameter_is_strict() {
        assert_eq!(lang_from_pairs([("lang", "fi")]), Ok(Some(Locale::Fi)));
        assert_eq!(lang_from_pairs([("lang", "")]), Ok(None));
        assert_eq!(lang_from_pairs([]), Ok(None));
        assert_eq!(lang_from_pairs([("lang", "de")]).unwrap_err().field, "lang");
        assert_eq!(lang_from_pairs([("lang", "fi-FI")]).unwrap_err().field, "lang");
        assert_eq!(lang_from_pairs([("lang", "fi"), ("lang", "sv")]).unwrap_err().invalid, Invalid::Repeated);
        assert_eq!(lang_from_pairs([("lnag", "fi")]).unwrap_err().invalid, Invalid::UnknownParameter);
    }

    #[test]
    fn translations_travel_keyed_by_locale() {
        let mut d = draft();
        d.translations.insert(Locale::Fi, finnish());
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["translations"]["fi"]["title"], " Suuhygienisti ");
        let back: PostingDraft = serde_json::from_value(json).unwrap();
        assert_eq!(back, d);
        let plain = serde_json::to_value(draft()).unwrap();
        assert!(plain.get("translations").is_none(), "none written, none sent");
    }
}
