//! Every string the widget shows, one catalogue per locale (`en.rs`,
//! `fi.rs` …), and what each rule says when a value breaks it
//! ([`rules`]), for every bundle.
//!
//! A catalogue is a Rust value of one struct, so a locale that misses a
//! string does not compile, and a lookup costs nothing at run time. Chosen
//! over Fluent or leptos_i18n for the size budget: the five catalogues are a
//! few KB of static text, without a message-format parser or plural data in
//! the wasm (dates, numbers and names come from the browser's `Intl`).
//! The candidate bundle's catalogues (`candidate/src/i18n/`) are built the
//! same way, with [`catalogue!`], and take the strings both show from here.

mod en;
mod fi;
mod nl;
mod pl;
mod rules;
mod sv;

use std::collections::BTreeSet;

use candor_api::{EmploymentType, Locale, PayPeriod, Workplace};

pub use rules::{RuleMessages, Rules};

/// Declares a catalogue's struct and, for its tests, `texts()`: every text
/// it holds with its field's name, written out from the same list of
/// fields, so a field added to the struct can't be left out of the tests.
/// Each field is a `&'static str`, a [`Plural`] or the catalogue's
/// [`Locale`] (see [`Texts`]).
#[macro_export]
macro_rules! catalogue {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$field_meta:meta])* pub $field:ident: $kind:ty,)*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$field_meta])* pub $field: $kind,)*
        }

        #[cfg(test)]
        impl $name {
            /// Every text, named by its field (a plural's forms as `field.one` …).
            pub fn texts(&self) -> Vec<(String, &'static str)> {
                let mut texts = Vec::new();
                $($crate::i18n::Texts::collect(&self.$field, stringify!($field), &mut texts);)*
                texts
            }
        }
    };
}

/// What a catalogue's field holds, as texts for [`catalogue!`]'s tests.
pub trait Texts {
    fn collect(&self, name: &str, into: &mut Vec<(String, &'static str)>);
}

impl Texts for &'static str {
    fn collect(&self, name: &str, into: &mut Vec<(String, &'static str)>) {
        into.push((name.to_owned(), self));
    }
}

impl Texts for Plural {
    fn collect(&self, name: &str, into: &mut Vec<(String, &'static str)>) {
        let forms = [("one", self.one), ("few", self.few), ("many", self.many), ("other", self.other)];
        into.extend(forms.map(|(form, text)| (format!("{name}.{form}"), text)));
    }
}

/// The locale a catalogue is for: no text.
impl Texts for Locale {
    fn collect(&self, _: &str, _: &mut Vec<(String, &'static str)>) {}
}

/// The strings a catalogue shares: tested as their own catalogue.
impl Texts for &'static Common {
    fn collect(&self, _: &str, _: &mut Vec<(String, &'static str)>) {}
}

/// The names a text fills in, `{company}` → `company`, read from the text itself.
pub fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if after[..close].chars().all(|c| c.is_ascii_lowercase() || c == '_') => {
                found.insert(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    found
}

/// The catalogues' test, for every bundle: each locale has every text of
/// the English catalogue (`texts` gives a locale's, named), none empty,
/// each with exactly the placeholders its English text has.
pub fn check_catalogues(texts: impl Fn(Locale) -> Vec<(String, &'static str)>) {
    let english = texts(Locale::En);
    assert!(!english.is_empty());
    for locale in Locale::ALL {
        let translated = texts(locale);
        let names = |texts: &[(String, &str)]| texts.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&translated), names(&english), "{locale:?}: the same texts");
        for ((name, text), (_, en_text)) in translated.iter().zip(&english) {
            assert!(!text.trim().is_empty(), "{locale:?}.{name} is empty");
            assert_eq!(placeholders(text), placeholders(en_text), "{locale:?}.{name}: {text:?}");
        }
    }
}

/// Polish 2nd-person forms that say the reader's gender: the past tense
/// and conditional ("aplikowałeś", "zostałaś", "chciałbyś") and a participle
/// or l-form after "jesteś" / "zostaniesz" / "będziesz" ("jesteś
/// zainteresowany", "będziesz mógł"); and "Pan" / "Pani", which are both
/// gendered and another register than the catalogues' "ty". Every Polish
/// text must read for anyone: phrased impersonally instead ("wysłano już
/// zgłoszenie", "twoja kandydatura nie została wybrana").
pub fn polish_gendered_words(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        let past = ["łeś", "łaś", "łbyś", "łabyś"].iter().any(|end| lower.ends_with(end));
        let formal = *word == "Pan" || *word == "Pani" || *word == "Pana" || *word == "Panu";
        let after_be = matches!(lower.as_str(), "jesteś" | "zostaniesz" | "będziesz")
            && words.get(i + 1).is_some_and(|next| {
                let next = next.to_lowercase();
                ["y", "a", "ł", "ła"].iter().any(|end| next.ends_with(end))
            });
        if past || formal {
            found.push((*word).to_owned());
        }
        if after_be {
            found.push(format!("{word} {}", words[i + 1]));
        }
    }
    found
}

/// Where a placeholder in a Finnish or Polish text can't break a case: each
/// `{company}` after an inflected noun ("yrityksen {company}", "firmie
/// {company}") or as a label (`{company}:`), and in Finnish also as the
/// subject opening a sentence (nominative: "{company} vastasi"; Polish needs
/// "Firma" there, for the verb's gender); each `{duration}`, which `Intl`
/// gives in one fixed case, only in a label frame ("Vastausaika:
/// {duration}"). The placeholders found otherwise, with their text.
pub fn unframed_placeholders(locale: Locale, text: &str) -> Vec<String> {
    const FI_COMPANY: [&str; 10] = [
        "yritys",
        "yrityksen",
        "yritykseltä",
        "yritykseen",
        "yritykselle",
        "yrityksessä",
        "yrityksestä",
        "yritystä",
        "yrityksellä",
        "yritykseksi",
    ];
    const PL_COMPANY: [&str; 6] = ["firma", "firmy", "firmie", "firmę", "firmą", "firmo"];
    let nouns: &[&str] = match locale {
        Locale::Fi => &FI_COMPANY,
        Locale::Pl => &PL_COMPANY,
        _ => return Vec::new(),
    };
    let mut found = Vec::new();
    for (at, _) in text.match_indices("{company}") {
        let before = text[..at].trim_end();
        let word = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_lowercase();
        let labelled = text[at + "{company}".len()..].starts_with(':');
        let opens_sentence = locale == Locale::Fi && (before.is_empty() || before.ends_with(['.', '!', '?']));
        if !(nouns.contains(&word.as_str()) || labelled || opens_sentence) {
            found.push(format!("{{company}} in {text:?}"));
        }
    }
    for (at, _) in text.match_indices("{duration}") {
        if !text[..at].ends_with(": ") {
            found.push(format!("{{duration}} in {text:?}"));
        }
    }
    found
}

/// The two checks above over a catalogue's texts (`texts` gives a
/// locale's, named), for every bundle's tests.
pub fn check_native_phrasing(texts: impl Fn(Locale) -> Vec<(String, &'static str)>) {
    let mut wrong = Vec::new();
    for (name, text) in texts(Locale::Pl) {
        for word in polish_gendered_words(text) {
            wrong.push(format!("pl.{name}: {word:?} addresses one gender"));
        }
    }
    for locale in [Locale::Fi, Locale::Pl] {
        for (name, text) in texts(locale) {
            for placeholder in unframed_placeholders(locale, text) {
                wrong.push(format!("{locale:?}.{name}: {placeholder} can break a case"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Forms of a message that depends on a count; `{n}` stands for the count.
/// Only Polish tells `few` from `many`; the other locales repeat `other`.
pub struct Plural {
    pub one: &'static str,
    pub few: &'static str,
    pub many: &'static str,
    pub other: &'static str,
}

impl Plural {
    pub fn format(&self, locale: Locale, n: usize) -> String {
        let form = match plural_category(locale, n) {
            Category::One => self.one,
            Category::Few => self.few,
            Category::Many => self.many,
            Category::Other => self.other,
        };
        form.replace("{n}", &n.to_string())
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Category {
    One,
    Few,
    Many,
    Other,
}

/// CLDR plural rules for whole numbers in our five locales. Written out
/// because they are three lines and testable natively; `Intl.PluralRules`
/// would need a browser to test.
fn plural_category(locale: Locale, n: usize) -> Category {
    match locale {
        Locale::Pl if n == 1 => Category::One,
        Locale::Pl if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) => Category::Few,
        Locale::Pl => Category::Many,
        _ if n == 1 => Category::One,
        _ => Category::Other,
    }
}

catalogue! {
    /// The strings every bundle shows (the careers widget, the candidate
    /// bundle, the console's rule messages), a static of their own so that
    /// the other bundles link these and not all of [`Strings`].
    pub struct Common {
        pub locale: Locale,
        pub error_body: &'static str,
        pub retry: &'static str,
        /// "My applications & questions": the widget's button, the candidate's view.
        pub my_applications: &'static str,
        /// `{duration}`: how long the answer took.
        pub answered_in: &'static str,
        pub usually_days: Plural,
        // The rule messages a careers page can show too (see [`rules`]).
        /// `{n}` is the limit.
        pub invalid_too_long: Plural,
        pub invalid_control_characters: &'static str,
        pub invalid_other: &'static str,
    }
}

catalogue! {
    /// The careers page's strings.
    pub struct Strings {
        pub locale: Locale,
        pub common: &'static Common,
        // The list and its filters.
        pub search_label: &'static str,
        pub search_placeholder: &'static str,
        pub department_label: &'static str,
        pub all_departments: &'static str,
        pub location_label: &'static str,
        pub all_locations: &'static str,
        pub remote_only: &'static str,
        pub clear_filters: &'static str,
        pub filters_label: &'static str,
        pub open_positions: Plural,
        /// `{n}` of `{total}` match.
        pub matching_positions: Plural,
        pub loading: &'static str,
        pub none_open_title: &'static str,
        pub none_open_body: &'static str,
        pub none_matching: &'static str,
        // Errors.
        pub list_error_title: &'static str,
        pub posting_error_title: &'static str,
        pub posting_not_found: &'static str,
        pub posting_closed: &'static str,
        pub missing_company: &'static str,
        // A posting.
        pub back_to_list: &'static str,
        /// Before a relative time ("2 days ago").
        pub posted: &'static str,
        /// Before a date.
        pub posted_on: &'static str,
        /// `{date}` is the closing date.
        pub apply_by: &'static str,
        pub salary: &'static str,
        pub per_hour: &'static str,
        pub per_month: &'static str,
        pub per_year: &'static str,
        pub on_site: &'static str,
        pub hybrid: &'static str,
        pub remote: &'static str,
        pub full_time: &'static str,
        pub part_time: &'static str,
        pub contract: &'static str,
        pub temporary: &'static str,
        pub internship: &'static str,
        pub apply: &'static str,
        pub qa_title: &'static str,
        pub qa_median: &'static str,
        pub qa_none: &'static str,
        pub ask_question: &'static str,
        pub asked_by_visitor: &'static str,
        pub asked_by: &'static str,
        pub about_the_role: &'static str,
        pub what_to_expect: &'static str,
        /// `{n}` steps, followed by the total duration.
        pub process_steps: Plural,
        pub about_days_in_total: Plural,
        // Issue 12 (helper h2).
        /// Opens "Lost your link?", which mails an address its links.
        pub lost_link: &'static str,
    }
}

pub fn strings(locale: Locale) -> &'static Strings {
    match locale {
        Locale::En => &en::STRINGS,
        Locale::Fi => &fi::STRINGS,
        Locale::Sv => &sv::STRINGS,
        Locale::Pl => &pl::STRINGS,
        Locale::Nl => &nl::STRINGS,
    }
}

/// The strings every bundle shows, without the rest of [`strings`].
pub fn common(locale: Locale) -> &'static Common {
    match locale {
        Locale::En => &en::COMMON,
        Locale::Fi => &fi::COMMON,
        Locale::Sv => &sv::COMMON,
        Locale::Pl => &pl::COMMON,
        Locale::Nl => &nl::COMMON,
    }
}

/// The rule messages only forms show (see [`rules`]). Referenced only by
/// the candidate bundle and the console, so the careers widget's download
/// doesn't carry them.
fn rule_messages(locale: Locale) -> &'static RuleMessages {
    match locale {
        Locale::En => &en::RULES,
        Locale::Fi => &fi::RULES,
        Locale::Sv => &sv::RULES,
        Locale::Pl => &pl::RULES,
        Locale::Nl => &nl::RULES,
    }
}

impl Strings {
    pub fn workplace(&self, w: Workplace) -> &'static str {
        match w {
            Workplace::OnSite => self.on_site,
            Workplace::Hybrid => self.hybrid,
            Workplace::Remote => self.remote,
        }
    }

    pub fn employment_type(&self, e: EmploymentType) -> &'static str {
        match e {
            EmploymentType::FullTime => self.full_time,
            EmploymentType::PartTime => self.part_time,
            EmploymentType::Contract => self.contract,
            EmploymentType::Temporary => self.temporary,
            EmploymentType::Internship => self.internship,
        }
    }

    pub fn per(&self, p: PayPeriod) -> &'static str {
        match p {
            PayPeriod::Hour => self.per_hour,
            PayPeriod::Month => self.per_month,
            PayPeriod::Year => self.per_year,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_is_complete_and_keeps_the_placeholders() {
        for locale in Locale::ALL {
            assert_eq!(strings(locale).locale, locale);
        }
        check_catalogues(|locale| strings(locale).texts());
        for locale in Locale::ALL {
            assert_eq!(common(locale).locale, locale);
        }
        check_catalogues(|locale| common(locale).texts());
    }

    #[test]
    fn every_polish_text_reads_for_anyone_and_placeholders_keep_their_case() {
        check_native_phrasing(|locale| strings(locale).texts());
        check_native_phrasing(|locale| common(locale).texts());
        check_native_phrasing(|locale| rule_messages(locale).texts());
    }

    #[test]
    fn the_gender_check_finds_what_the_review_found() {
        for bad in [
            "Tym razem nie zostałeś wybrany",
            "Już aplikowałeś na to stanowisko",
            "Czy aplikowałbyś ponownie?",
            "Czym się tam zajmowałaś",
            "Jesteś zainteresowany?",
            "Będziesz mógł zacząć od razu",
            "Czy Pan chce aplikować?",
        ] {
            assert!(!polish_gendered_words(bad).is_empty(), "{bad}");
        }
        for good in [
            "Tym razem twoja kandydatura nie została wybrana",
            "Z tego adresu e-mail wysłano już zgłoszenie",
            "Firma {company} odpowiedziała",
            "Będziesz mieć dostęp do statusu",
            "Panel rekrutacji",
        ] {
            assert_eq!(polish_gendered_words(good), Vec::<String>::new(), "{good}");
        }
    }

    #[test]
    fn the_case_check_wants_a_noun_or_a_label_before_a_placeholder() {
        let unframed = |locale, text| unframed_placeholders(locale, text).len();
        assert_eq!(unframed(Locale::Fi, "Vastattu {duration} kuluessa"), 1);
        assert_eq!(unframed(Locale::Fi, "Vastausaika: {duration}"), 0);
        assert_eq!(unframed(Locale::Fi, "Kysymykset ({company})"), 1);
        assert_eq!(unframed(Locale::Fi, "Viesti yritykseltä {company}"), 0);
        assert_eq!(unframed(Locale::Fi, "{company} vastasi"), 0, "a Finnish subject is nominative");
        assert_eq!(unframed(Locale::Fi, "Kysymyksesi julkaistaan, kun {company} vastaa"), 1);
        assert_eq!(unframed(Locale::Pl, "{company} odpowiedział(a)"), 1, "Polish wants the gender of 'firma'");
        assert_eq!(unframed(Locale::Pl, "Pytania od {company}"), 1);
        assert_eq!(unframed(Locale::Pl, "Twoja ocena pomaga firmie {company}"), 0);
        assert_eq!(unframed(Locale::Pl, "Mediana czasu odpowiedzi firmy {company}: {duration}"), 0);
        assert_eq!(unframed(Locale::Sv, "Besvarad inom {duration}"), 0, "Swedish has no cases to break");
    }

    #[test]
    fn placeholders_are_read_from_the_text() {
        let found = placeholders("{n} of {total} positions match, {n} {not a name} {Date} {");
        assert_eq!(found.into_iter().collect::<Vec<_>>(), ["n", "total"]);
        assert!(placeholders("Enter a colour as #rrggbb").is_empty());
    }

    #[test]
    fn translations_are_not_english_copies() {
        let en = strings(Locale::En);
        for locale in [Locale::Fi, Locale::Sv, Locale::Pl, Locale::Nl] {
            let s = strings(locale);
            assert_ne!(s.search_label, en.search_label, "{locale:?}");
            assert_ne!(s.what_to_expect, en.what_to_expect, "{locale:?}");
            assert_ne!(s.common.retry, en.common.retry, "{locale:?}");
        }
    }

    #[test]
    fn polish_has_three_forms_for_whole_numbers() {
        let cases = [
            (1, Category::One),
            (2, Category::Few),
            (4, Category::Few),
            (5, Category::Many),
            (12, Category::Many),
            (22, Category::Few),
            (25, Category::Many),
            (0, Category::Many),
        ];
        for (n, category) in cases {
            assert_eq!(plural_category(Locale::Pl, n), category, "{n}");
        }
        assert_eq!(plural_category(Locale::Fi, 1), Category::One);
        assert_eq!(plural_category(Locale::En, 0), Category::Other);
    }

    #[test]
    fn plurals_fill_in_the_count() {
        assert_eq!(strings(Locale::En).open_positions.format(Locale::En, 1), "1 open position");
        assert_eq!(strings(Locale::En).open_positions.format(Locale::En, 6), "6 open positions");
        assert_eq!(strings(Locale::Fi).open_positions.format(Locale::Fi, 6), "6 avointa työpaikkaa");
        assert_eq!(common(Locale::Pl).usually_days.format(Locale::Pl, 5), "zwykle 5 dni");
    }
}
