//! What a reader is told when a value breaks one of `api/`'s rules: one
//! mapping from [`Invalid`] to text ([`Rules::say`]) for every bundle and
//! locale, so the careers page, the candidate's forms and the console say
//! the same thing for the same rule.
//!
//! Its texts are in two places, for the careers widget's size: the few a
//! careers page can show (its only field, the search box, can be too long or
//! hold control characters) are in [`Common`]; the rest, which
//! only forms show, in [`RuleMessages`], one static per locale that only the
//! candidate bundle and the console reach ([`Rules::for_forms`]), so the
//! linker leaves them out of the widget every visitor downloads.

use candor_api::{Invalid, Locale};

use super::{Common, Plural, Strings, common, rule_messages};

crate::catalogue! {
    /// The rule messages only forms show (the rest are in [`Common`]).
    pub struct RuleMessages {
        pub locale: Locale,
        pub required: &'static str,
        /// `{n}` is the least.
        pub too_short: Plural,
        pub not_a_slug: &'static str,
        /// `{allowed}`: the values allowed, as the rule lists them.
        pub not_one_of: &'static str,
        pub not_a_date: &'static str,
        pub not_a_colour: &'static str,
        /// `{ratio}`: the contrast the colour reaches, such as 1.2 (of the 4.5 needed).
        pub low_contrast: &'static str,
        pub out_of_range: &'static str,
        /// `{min}` is the least.
        pub at_least: &'static str,
        pub not_a_number: &'static str,
        pub max_below_min: &'static str,
        pub not_a_country: &'static str,
        pub not_a_currency: &'static str,
        pub not_a_url: &'static str,
        pub not_an_email: &'static str,
        pub not_a_phone_number: &'static str,
        pub not_a_month: &'static str,
        /// `{n}` is the limit in megabytes.
        pub too_large: &'static str,
        pub not_a_pdf: &'static str,
        pub in_the_past: &'static str,
        pub not_a_question: &'static str,
        pub not_a_choice: &'static str,
        pub wrong_kind: &'static str,
        pub unknown_parameter: &'static str,
        pub repeated: &'static str,
        pub unchangeable: &'static str,
        /// `{n}` stages must stay.
        pub too_few_stages: Plural,
        /// A posting translated into the language its own texts are in.
        pub default_language: &'static str,
    }
}

/// The rule messages of one locale.
#[derive(Clone, Copy)]
pub struct Rules {
    t: &'static Common,
    /// `None` on a careers page: rules its search box can't break are
    /// said as "please check this value".
    forms: Option<&'static RuleMessages>,
}

impl Rules {
    /// Every rule's message: for the candidate's forms and the console.
    pub fn for_forms(locale: Locale) -> Rules {
        Rules { t: common(locale), forms: Some(rule_messages(locale)) }
    }

    /// Only the messages a careers page's search box needs.
    pub fn for_careers_page(t: &'static Strings) -> Rules {
        Rules { t: t.common, forms: None }
    }

    /// What to tell the reader about `invalid`, next to the field at fault.
    pub fn say(&self, invalid: &Invalid) -> String {
        let (t, locale) = (self.t, self.t.locale);
        // No `_` for the rule: one added to `api/` doesn't compile until it is said here.
        match (invalid, self.forms) {
            (Invalid::TooLong { max }, _) => t.invalid_too_long.format(locale, *max),
            (Invalid::ControlCharacters, _) => t.invalid_control_characters.to_owned(),
            (_, None) => t.invalid_other.to_owned(),
            (Invalid::Required, Some(m)) => m.required.to_owned(),
            (Invalid::TooShort { min }, Some(m)) => m.too_short.format(locale, *min),
            (Invalid::NotASlug, Some(m)) => m.not_a_slug.to_owned(),
            (Invalid::NotOneOf { allowed }, Some(m)) => m.not_one_of.replace("{allowed}", allowed),
            (Invalid::NotADate, Some(m)) => m.not_a_date.to_owned(),
            (Invalid::NotAColour, Some(m)) => m.not_a_colour.to_owned(),
            (Invalid::LowContrast { contrast_tenths }, Some(m)) => {
                let point = if locale == Locale::En { '.' } else { ',' };
                m.low_contrast.replace("{ratio}", &format!("{}{point}{}", contrast_tenths / 10, contrast_tenths % 10))
            }
            (Invalid::OutOfRange { min, max }, Some(m)) => {
                m.out_of_range.replace("{min}", &min.to_string()).replace("{max}", &max.to_string())
            }
            (Invalid::AtLeast { min }, Some(m)) => m.at_least.replace("{min}", &min.to_string()),
            (Invalid::NotANumber, Some(m)) => m.not_a_number.to_owned(),
            (Invalid::MaxBelowMin, Some(m)) => m.max_below_min.to_owned(),
            (Invalid::NotACountry, Some(m)) => m.not_a_country.to_owned(),
            (Invalid::NotACurrency, Some(m)) => m.not_a_currency.to_owned(),
            (Invalid::NotAUrl, Some(m)) => m.not_a_url.to_owned(),
            (Invalid::NotAnEmail, Some(m)) => m.not_an_email.to_owned(),
            (Invalid::NotAPhoneNumber, Some(m)) => m.not_a_phone_number.to_owned(),
            (Invalid::NotAMonth, Some(m)) => m.not_a_month.to_owned(),
            (Invalid::TooLarge { max_bytes }, Some(m)) => {
                m.too_large.replace("{n}", &(max_bytes / (1024 * 1024)).to_string())
            }
            (Invalid::NotAPdf, Some(m)) => m.not_a_pdf.to_owned(),
            (Invalid::InThePast, Some(m)) => m.in_the_past.to_owned(),
            (Invalid::NotAQuestion, Some(m)) => m.not_a_question.to_owned(),
            (Invalid::NotAChoice, Some(m)) => m.not_a_choice.to_owned(),
            (Invalid::WrongKind, Some(m)) => m.wrong_kind.to_owned(),
            (Invalid::UnknownParameter, Some(m)) => m.unknown_parameter.to_owned(),
            (Invalid::Repeated, Some(m)) => m.repeated.to_owned(),
            (Invalid::Unchangeable, Some(m)) => m.unchangeable.to_owned(),
            (Invalid::TooFewStages { min }, Some(m)) => m.too_few_stages.format(locale, *min),
            (Invalid::DefaultLanguage, Some(m)) => m.default_language.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::check_catalogues;

    /// One of each rule failure; the match makes a new one a compile error here too.
    fn one_of_each() -> Vec<Invalid> {
        let all = vec![
            Invalid::Required,
            Invalid::TooLong { max: 80 },
            Invalid::TooShort { min: 10 },
            Invalid::ControlCharacters,
            Invalid::NotASlug,
            Invalid::NotOneOf { allowed: "en, fi" },
            Invalid::NotADate,
            Invalid::NotAColour,
            Invalid::LowContrast { contrast_tenths: 12 },
            Invalid::OutOfRange { min: 1, max: 60 },
            Invalid::AtLeast { min: 1 },
            Invalid::NotANumber,
            Invalid::MaxBelowMin,
            Invalid::NotACountry,
            Invalid::NotACurrency,
            Invalid::NotAUrl,
            Invalid::NotAnEmail,
            Invalid::NotAPhoneNumber,
            Invalid::NotAMonth,
            Invalid::TooLarge { max_bytes: 5 * 1024 * 1024 },
            Invalid::NotAPdf,
            Invalid::InThePast,
            Invalid::NotAQuestion,
            Invalid::NotAChoice,
            Invalid::WrongKind,
            Invalid::UnknownParameter,
            Invalid::Repeated,
            Invalid::Unchangeable,
            Invalid::TooFewStages { min: 3 },
            Invalid::DefaultLanguage,
        ];
        for invalid in &all {
            match invalid {
                Invalid::Required
                | Invalid::TooLong { .. }
                | Invalid::TooShort { .. }
                | Invalid::ControlCharacters
                | Invalid::NotASlug
                | Invalid::NotOneOf { .. }
                | Invalid::NotADate
                | Invalid::NotAColour
                | Invalid::LowContrast { .. }
                | Invalid::OutOfRange { .. }
                | Invalid::AtLeast { .. }
                | Invalid::NotANumber
                | Invalid::MaxBelowMin
                | Invalid::NotACountry
                | Invalid::NotACurrency
                | Invalid::NotAUrl
                | Invalid::NotAnEmail
                | Invalid::NotAPhoneNumber
                | Invalid::NotAMonth
                | Invalid::TooLarge { .. }
                | Invalid::NotAPdf
                | Invalid::InThePast
                | Invalid::NotAQuestion
                | Invalid::NotAChoice
                | Invalid::WrongKind
                | Invalid::UnknownParameter
                | Invalid::Repeated
                | Invalid::Unchangeable
                | Invalid::TooFewStages { .. }
                | Invalid::DefaultLanguage => {}
            }
        }
        all
    }

    #[test]
    fn every_rule_message_catalogue_is_complete_and_keeps_the_placeholders() {
        for locale in Locale::ALL {
            assert_eq!(rule_messages(locale).locale, locale);
        }
        check_catalogues(|locale| rule_messages(locale).texts());
    }

    #[test]
    fn forms_have_a_message_of_its_own_for_every_rule_filled_in() {
        for locale in Locale::ALL {
            let rules = Rules::for_forms(locale);
            let mut seen = std::collections::BTreeSet::new();
            for invalid in one_of_each() {
                let message = rules.say(&invalid);
                assert!(!message.contains('{'), "{locale:?} {invalid:?}: {message}");
                assert_ne!(message, common(locale).invalid_other, "{locale:?} {invalid:?}");
                assert!(seen.insert(message.clone()), "{locale:?} {invalid:?}: {message} is said for another rule");
            }
        }
    }

    #[test]
    fn messages_fill_in_the_rule_numbers_in_the_reader_language() {
        let fi = Rules::for_forms(Locale::Fi);
        assert_eq!(fi.say(&Invalid::TooLong { max: 100 }), "Enintään 100 merkkiä");
        assert_eq!(fi.say(&Invalid::OutOfRange { min: 1, max: 60 }), "Oltava välillä 1–60");
        let en = Rules::for_forms(Locale::En);
        assert_eq!(en.say(&Invalid::Required), "Required");
        assert_eq!(en.say(&Invalid::TooShort { min: 12 }), "At least 12 characters");
        assert_eq!(en.say(&Invalid::TooLarge { max_bytes: 5 * 1024 * 1024 }), "That file is larger than 5 MB.");
        assert_eq!(en.say(&Invalid::NotOneOf { allowed: "true, false" }), "Choose one of: true, false");
        assert_eq!(Rules::for_forms(Locale::Pl).say(&Invalid::TooShort { min: 3 }), "Co najmniej 3 znaki");
        let low = Invalid::LowContrast { contrast_tenths: 12 };
        assert!(en.say(&low).contains("1.2:1"), "{}", en.say(&low));
        assert!(fi.say(&low).contains("1,2:1"), "{}", fi.say(&low));
    }

    /// The limits, formats and examples a text states: words with a digit,
    /// `#`, `@` or `://`, and codes in capitals (YYYY-MM-DD, PDF, FI).
    fn facts(text: &str) -> std::collections::BTreeSet<String> {
        text.split_whitespace()
            .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | '(' | ')' | '?' | '!')))
            .map(|w| w.trim_end_matches(':'))
            .filter(|w| {
                w.chars().any(|c| c.is_ascii_digit() || matches!(c, '#' | '@'))
                    || w.contains("://")
                    || (w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c == '-'))
            })
            .map(str::to_owned)
            .collect()
    }

    /// The server's English (`Invalid`'s Display, in its JSON errors and on
    /// the command line) and the forms' English are two wordings of one rule:
    /// they must state the same facts.
    #[test]
    fn the_server_and_the_forms_state_a_rule_alike_in_english() {
        let en = Rules::for_forms(Locale::En);
        for invalid in one_of_each() {
            let (server, form) = (invalid.to_string(), en.say(&invalid));
            assert_eq!(facts(&server), facts(&form), "{invalid:?}: {server:?} and {form:?}");
        }
        assert_eq!(
            facts("Enter a date as YYYY-MM-DD (such as 2019-03-01)."),
            ["2019-03-01", "YYYY-MM-DD"].map(String::from).into()
        );
    }

    #[test]
    fn a_careers_page_says_what_its_search_box_can_break_and_no_more() {
        let t = crate::i18n::strings(Locale::Sv);
        let page = Rules::for_careers_page(t);
        assert_eq!(
            page.say(&Invalid::TooLong { max: 100 }),
            Rules::for_forms(Locale::Sv).say(&Invalid::TooLong { max: 100 })
        );
        assert_eq!(page.say(&Invalid::ControlCharacters), t.common.invalid_control_characters);
        assert_eq!(page.say(&Invalid::NotADate), t.common.invalid_other);
    }
}
