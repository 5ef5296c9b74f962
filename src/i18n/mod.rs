//! Every string the widget shows, one catalogue per locale.
//!
//! A catalogue is a Rust value of one struct, so a locale that misses a
//! string does not compile, and a lookup costs nothing at run time. Chosen
//! over Fluent or leptos_i18n for the size budget: the five catalogues are a
//! few KB of static text, without a message-format parser or plural data in
//! the wasm (dates, numbers and names come from the browser's `Intl`).

mod en;
mod fi;
mod nl;
mod pl;
mod sv;

use candor_api::{EmploymentType, Invalid, Locale, PayPeriod, Workplace};

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

pub struct Strings {
    pub locale: Locale,
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
    pub error_body: &'static str,
    pub retry: &'static str,
    pub posting_not_found: &'static str,
    pub posting_closed: &'static str,
    pub missing_company: &'static str,
    // A posting.
    pub back_to_list: &'static str,
    pub posted: &'static str,
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
    pub my_applications: &'static str,
    pub qa_title: &'static str,
    pub qa_median: &'static str,
    pub qa_none: &'static str,
    pub answered_in: &'static str,
    pub ask_question: &'static str,
    pub asked_by_visitor: &'static str,
    pub asked_by: &'static str,
    pub about_the_role: &'static str,
    pub what_to_expect: &'static str,
    /// `{n}` steps, followed by the total duration.
    pub process_steps: Plural,
    pub usually_days: Plural,
    pub about_days_in_total: Plural,
    // Rule violations, as shown next to a field.
    pub invalid_required: &'static str,
    /// `{n}` is the limit.
    pub invalid_too_long: Plural,
    pub invalid_control_characters: &'static str,
    pub invalid_other: &'static str,
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

    /// The message for a rule violation, in this locale.
    pub fn invalid(&self, invalid: &Invalid) -> String {
        match invalid {
            Invalid::Required => self.invalid_required.to_owned(),
            Invalid::TooLong { max } => self.invalid_too_long.format(self.locale, *max),
            Invalid::ControlCharacters => self.invalid_control_characters.to_owned(),
            _ => self.invalid_other.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_texts(s: &Strings) -> Vec<(&'static str, &'static str)> {
        let plural =
            |name: &'static str, p: &Plural| vec![(name, p.one), (name, p.few), (name, p.many), (name, p.other)];
        let mut texts = vec![
            ("search_label", s.search_label),
            ("search_placeholder", s.search_placeholder),
            ("department_label", s.department_label),
            ("all_departments", s.all_departments),
            ("location_label", s.location_label),
            ("all_locations", s.all_locations),
            ("remote_only", s.remote_only),
            ("clear_filters", s.clear_filters),
            ("filters_label", s.filters_label),
            ("loading", s.loading),
            ("none_open_title", s.none_open_title),
            ("none_open_body", s.none_open_body),
            ("none_matching", s.none_matching),
            ("list_error_title", s.list_error_title),
            ("posting_error_title", s.posting_error_title),
            ("error_body", s.error_body),
            ("retry", s.retry),
            ("posting_not_found", s.posting_not_found),
            ("posting_closed", s.posting_closed),
            ("missing_company", s.missing_company),
            ("back_to_list", s.back_to_list),
            ("posted", s.posted),
            ("apply_by", s.apply_by),
            ("salary", s.salary),
            ("per_hour", s.per_hour),
            ("per_month", s.per_month),
            ("per_year", s.per_year),
            ("on_site", s.on_site),
            ("hybrid", s.hybrid),
            ("remote", s.remote),
            ("full_time", s.full_time),
            ("part_time", s.part_time),
            ("contract", s.contract),
            ("temporary", s.temporary),
            ("internship", s.internship),
            ("apply", s.apply),
            ("my_applications", s.my_applications),
            ("qa_title", s.qa_title),
            ("qa_median", s.qa_median),
            ("qa_none", s.qa_none),
            ("answered_in", s.answered_in),
            ("ask_question", s.ask_question),
            ("asked_by_visitor", s.asked_by_visitor),
            ("asked_by", s.asked_by),
            ("about_the_role", s.about_the_role),
            ("what_to_expect", s.what_to_expect),
            ("invalid_required", s.invalid_required),
            ("invalid_control_characters", s.invalid_control_characters),
            ("invalid_other", s.invalid_other),
        ];
        texts.extend(plural("open_positions", &s.open_positions));
        texts.extend(plural("matching_positions", &s.matching_positions));
        texts.extend(plural("process_steps", &s.process_steps));
        texts.extend(plural("usually_days", &s.usually_days));
        texts.extend(plural("about_days_in_total", &s.about_days_in_total));
        texts.extend(plural("invalid_too_long", &s.invalid_too_long));
        texts
    }

    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = ["{n}", "{total}", "{date}"].into_iter().filter(|p| text.contains(p)).collect();
        found.sort();
        found
    }

    #[test]
    fn every_catalogue_is_complete_and_keeps_the_placeholders() {
        let english = all_texts(strings(Locale::En));
        for locale in Locale::ALL {
            let s = strings(locale);
            assert_eq!(s.locale, locale);
            let texts = all_texts(s);
            for ((name, text), (_, en_text)) in texts.iter().zip(&english) {
                assert!(!text.trim().is_empty(), "{locale:?}.{name} is empty");
                assert_eq!(placeholders(text), placeholders(en_text), "{locale:?}.{name}: {text:?}");
            }
        }
    }

    #[test]
    fn translations_are_not_english_copies() {
        let en = strings(Locale::En);
        for locale in [Locale::Fi, Locale::Sv, Locale::Pl, Locale::Nl] {
            let s = strings(locale);
            assert_ne!(s.search_label, en.search_label, "{locale:?}");
            assert_ne!(s.what_to_expect, en.what_to_expect, "{locale:?}");
            assert_ne!(s.retry, en.retry, "{locale:?}");
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
        assert_eq!(strings(Locale::Pl).usually_days.format(Locale::Pl, 5), "zwykle 5 dni");
    }

    #[test]
    fn rule_violations_read_in_the_reader_language() {
        let fi = strings(Locale::Fi);
        assert_eq!(fi.invalid(&Invalid::TooLong { max: 100 }), "Enintään 100 merkkiä");
        assert_eq!(strings(Locale::En).invalid(&Invalid::Required), "Required");
    }
}
