//! Postings: what a company offers, how its process runs, and how a visitor
//! narrows the list down.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::locale::Locale;
use crate::rules::{FieldError, Invalid, multi_line, single_line};
use crate::slug::{PostingSlug, QuestionKey};

/// Declares a closed set of words used on the wire and in the database,
/// with the one spelling both use.
macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $word)] $variant),+
        }

        // By hand: the derive doesn't read a `rename` a macro passes in,
        // and would name the variants instead of their words.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                crate::openapi::words(&[$($word),+])
            }
        }
        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const ALLOWED: &'static str = concat!($($word, " "),+);

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn parse(raw: &str) -> Result<Self, Invalid> {
                match raw {
                    $($word => Ok($name::$variant),)+
                    _ => Err(Invalid::NotOneOf { allowed: Self::ALLOWED }),
                }
            }
        }
    };
}

word_enum!(
    /// Where the work is done.
    Workplace { OnSite = "on_site", Hybrid = "hybrid", Remote = "remote" }
);
word_enum!(
    EmploymentType {
        FullTime = "full_time",
        PartTime = "part_time",
        Contract = "contract",
        Temporary = "temporary",
        Internship = "internship",
    }
);
word_enum!(PayPeriod { Hour = "hour", Month = "month", Year = "year" });
word_enum!(
    /// Where a posting is in its life: written as a draft, open to
    /// applications, then closed (and possibly reopened).
    PostingStatus { Draft = "draft", Open = "open", Closed = "closed" }
);

impl PostingStatus {
    /// A draft opens; an open posting closes; a closed one reopens. A posting
    /// never goes back to being a draft: candidates may have seen it.
    pub fn may_become(self, next: PostingStatus) -> bool {
        matches!(
            (self, next),
            (PostingStatus::Draft, PostingStatus::Open)
                | (PostingStatus::Open, PostingStatus::Closed)
                | (PostingStatus::Closed, PostingStatus::Open)
        )
    }
}

impl EmploymentType {
    /// The schema.org `employmentType` value search engines read.
    pub fn schema_org(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "FULL_TIME",
            EmploymentType::PartTime => "PART_TIME",
            EmploymentType::Contract => "CONTRACTOR",
            EmploymentType::Temporary => "TEMPORARY",
            EmploymentType::Internship => "INTERN",
        }
    }
}

impl PayPeriod {
    /// The schema.org `unitText` of a salary.
    pub fn schema_org(self) -> &'static str {
        match self {
            PayPeriod::Hour => "HOUR",
            PayPeriod::Month => "MONTH",
            PayPeriod::Year => "YEAR",
        }
    }
}

/// The place of work, or for remote postings the country the work is done from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Location {
    pub city: String,
    /// ISO 3166-1 alpha-2, uppercase; the widget names it in the reader's language.
    pub country: String,
}

/// Pay in whole currency units per period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalaryRange {
    pub min: u32,
    pub max: u32,
    /// ISO 4217, uppercase.
    pub currency: String,
    pub period: PayPeriod,
}

/// One step of a posting's hiring process, as promised to candidates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stage {
    pub name: String,
    /// How long this stage usually takes: the basis of promised dates.
    pub expected_days: u16,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// On the wire as `"yes_no"` or `{"single_choice": {"options": [...]}}`:
/// serde's externally tagged form, which the widget reads without buffering
/// (an internally tagged enum would pull serde's `Content` machinery, some
/// 20 KB, into every candidate's download).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    ShortText { max_chars: u16 },
    LongText { max_chars: u16 },
    YesNo,
    SingleChoice { options: Vec<String> },
    Number { min: i64, max: i64 },
}

impl QuestionKind {
    pub fn word(&self) -> &'static str {
        match self {
            QuestionKind::ShortText { .. } => "short_text",
            QuestionKind::LongText { .. } => "long_text",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::SingleChoice { .. } => "single_choice",
            QuestionKind::Number { .. } => "number",
        }
    }
}

/// A question the company asks every applicant to this posting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScreeningQuestion {
    pub key: QuestionKey,
    pub prompt: String,
    pub required: bool,
    pub kind: QuestionKind,
}

/// A posting as listed: enough for a card and for filtering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingSummary {
    pub slug: PostingSlug,
    pub title: String,
    pub department: String,
    pub location: Location,
    pub workplace: Workplace,
    pub employment_type: EmploymentType,
    /// One line that sells the role, shown on the card.
    pub teaser: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<SalaryRange>,
    pub published_on: Day,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes_on: Option<Day>,
    /// The language its texts are in: the company's default, or the
    /// translation a careers page asked for (`?lang=`).
    #[serde(default)]
    pub lang: Locale,
}

/// `GET /api/v1/companies/{company}/postings/{posting}`: the summary as
/// listed, nested rather than flattened (flattening costs the widget the
/// same `Content` machinery as above), and the rest of the posting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingDetail {
    pub summary: PostingSummary,
    /// In the safe text subset of [`crate::rich_text`]; never HTML.
    pub description: String,
    pub stages: Vec<Stage>,
    pub screening_questions: Vec<ScreeningQuestion>,
}

impl PostingDetail {
    /// Days the whole process usually takes, summed over its stages.
    pub fn typical_total_days(&self) -> u32 {
        self.stages.iter().map(|s| u32::from(s.expected_days)).sum()
    }
}

/// `GET /api/v1/companies/{company}/postings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingList {
    /// Open postings matching the query, newest first.
    pub postings: Vec<PostingSummary>,
    /// All open postings, before filtering.
    pub total_open: usize,
    /// Filter choices over all open postings, so they stay put while filtering.
    pub facets: Facets,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Facets {
    pub departments: Vec<FacetValue>,
    pub locations: Vec<FacetValue>,
    pub remote: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetValue {
    pub value: String,
    pub count: usize,
}

impl Facets {
    /// Counts departments and cities (sorted by name) and remote postings.
    pub fn of<'a>(postings: impl IntoIterator<Item = &'a PostingSummary>) -> Facets {
        let mut departments = BTreeMap::<&str, usize>::new();
        let mut locations = BTreeMap::<&str, usize>::new();
        let mut remote = 0;
        for p in postings {
            *departments.entry(&p.department).or_default() += 1;
            *locations.entry(&p.location.city).or_default() += 1;
            remote += usize::from(p.workplace == Workplace::Remote);
        }
        let values = |m: BTreeMap<&str, usize>| {
            m.into_iter().map(|(value, count)| FacetValue { value: value.to_owned(), count }).collect()
        };
        Facets { departments: values(departments), locations: values(locations), remote }
    }
}

/// The list filters: `?department=&location=&remote=&q=`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PostingQuery {
    pub department: Option<String>,
    /// A city, as listed in the facets.
    pub location: Option<String>,
    /// `true`: only fully remote postings; `false`: none of them.
    pub remote: Option<bool>,
    /// Free text; every word must appear in the title, department, city or teaser.
    pub q: Option<String>,
    /// The visitor's language: postings translated into it are listed in
    /// it (and filtered by their texts in it), the rest in the default.
    pub lang: Option<Locale>,
}

pub const QUERY_TEXT_MAX: usize = 100;

impl PostingQuery {
    /// Reads query-string pairs. Unknown and repeated parameters are refused
    /// rather than ignored, so a typo (`?departmnet=`) is not silently an
    /// unfiltered list; empty values mean "no filter", as an empty form field does.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, FieldError> {
        let mut query = PostingQuery::default();
        let mut seen = HashSet::new();
        for (name, value) in pairs {
            let field: &'static str = match name {
                "department" => "department",
                "location" => "location",
                "remote" => "remote",
                "q" => "q",
                "lang" => "lang",
                other => {
                    let shown: String = other.chars().take(40).collect();
                    return Err(FieldError::new(shown, Invalid::UnknownParameter));
                }
            };
            if !seen.insert(field) {
                return Err(FieldError::new(field, Invalid::Repeated));
            }
            if value.trim().is_empty() {
                continue;
            }
            match field {
                "lang" => query.lang = Locale::from_param("lang", value)?,
                "remote" => {
                    query.remote = Some(match value {
                        "true" => true,
                        "false" => false,
                        _ => return Err(FieldError::new(field, Invalid::NotOneOf { allowed: "true, false" })),
                    })
                }
                _ => {
                    let text = Some(single_line(field, value, 1, QUERY_TEXT_MAX)?);
                    match field {
                        "department" => query.department = text,
                        "location" => query.location = text,
                        _ => query.q = text,
                    }
                }
            }
        }
        Ok(query)
    }

    /// No filter: every open posting is listed (in whichever language).
    pub fn is_empty(&self) -> bool {
        PostingQuery { lang: None, ..self.clone() } == PostingQuery::default()
    }

    /// The one matching rule, used by the server's filter and the widget's
    /// instant filtering alike, case-insensitive in any script.
    pub fn matches(&self, p: &PostingSummary) -> bool {
        self.matches_folding(p, str::to_lowercase)
    }

    /// [`PostingQuery::matches`] with the platform's own lowercasing: the
    /// widget passes the browser's `toLowerCase`, the same Unicode mapping as
    /// `str::to_lowercase`, whose tables would otherwise add ~10 KB to every
    /// candidate's download.
    pub fn matches_folding(&self, p: &PostingSummary, fold: impl Fn(&str) -> String) -> bool {
        let same = |a: &str, b: &str| fold(a) == fold(b);
        if self.department.as_deref().is_some_and(|d| !same(d, &p.department)) {
            return false;
        }
        if self.location.as_deref().is_some_and(|l| !same(l, &p.location.city)) {
            return false;
        }
        if self.remote.is_some_and(|r| r != (p.workplace == Workplace::Remote)) {
            return false;
        }
        match &self.q {
            None => true,
            Some(q) => {
                let haystack = [&p.title, &p.department, &p.location.city, &p.teaser].map(|s| fold(s)).join("\n");
                fold(q).split_whitespace().all(|word| haystack.contains(word))
            }
        }
    }
}

/// A posting as a company writes it: every rule a posting must satisfy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingDraft {
    pub slug: String,
    pub title: String,
    pub department: String,
    pub location: Location,
    pub workplace: Workplace,
    pub employment_type: EmploymentType,
    pub teaser: String,
    #[serde(default)]
    pub salary: Option<SalaryRange>,
    pub description: String,
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub screening_questions: Vec<ScreeningQuestion>,
    #[serde(default)]
    pub closes_on: Option<Day>,
    /// Its texts in other languages than the company's default.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations,
}

/// A posting that satisfies every rule: its texts in the company's default
/// language, and its translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPosting {
    pub detail: PostingDetail,
    pub translations: Translations,
}

pub const STAGES_MAX: usize = 12;
pub const STAGE_DAYS_MAX: u16 = 180;
pub const QUESTIONS_MAX: usize = 20;
pub const DESCRIPTION_MAX: usize = 20_000;

impl PostingDraft {
    /// Checks every rule and returns the posting in its normalised form
    /// (trimmed texts, uppercase codes), published on `today`, its own texts
    /// in `default_locale` (the company's), its translations checked by
    /// the same rules (`validate_translations`).
    pub fn validate(&self, today: Day, default_locale: Locale) -> Result<ValidPosting, FieldError> {
        let slug = PostingSlug::parse(&self.slug).map_err(|e| FieldError::new("slug", e.invalid))?;
        let location = Location {
            city: single_line("location.city", &self.location.city, 1, 80)?,
            country: upper_code("location.country", &self.location.country, 2, Invalid::NotACountry)?,
        };
        let salary = match &self.salary {
            None => None,
            Some(s) => {
                if s.min == 0 {
                    return Err(FieldError::new("salary.min", Invalid::AtLeast { min: 1 }));
                }
                if s.max < s.min {
                    return Err(FieldError::new("salary.max", Invalid::MaxBelowMin));
                }
                let currency = upper_code("salary.currency", &s.currency, 3, Invalid::NotACurrency)?;
                Some(SalaryRange { currency, ..s.clone() })
            }
        };
        let description = multi_line("description", &self.description, 1, DESCRIPTION_MAX)?;
        // The same rule and words as opening a posting past its closing day.
        if self.closes_on.is_some_and(|c| c < today) {
            return Err(FieldError::new("closes_on", Invalid::InThePast));
        }
        let summary = PostingSummary {
            slug,
            title: single_line("title", &self.title, 3, 120)?,
            department: single_line("department", &self.department, 1, 60)?,
            location,
            workplace: self.workplace,
            employment_type: self.employment_type,
            teaser: single_line("teaser", &self.teaser, 0, 200)?,
            salary,
            published_on: today,
            closes_on: self.closes_on,
            lang: default_locale,
        };
        let detail = PostingDetail {
            summary,
            description,
            stages: validate_stages(&self.stages)?,
            screening_questions: validate_questions(&self.screening_questions)?,
        };
        let translations = validate_translations(&self.translations, default_locale, &detail)?;
        Ok(ValidPosting { detail, translations })
    }
}

fn upper_code(field: &'static str, raw: &str, len: usize, invalid: Invalid) -> Result<String, FieldError> {
    let code = raw.trim();
    if code.len() == len && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(code.to_ascii_uppercase())
    } else {
        Err(FieldError::new(field, invalid))
    }
}

fn indexed(list: &str, i: usize, field: &str) -> Cow<'static, str> {
    Cow::Owned(format!("{list}[{i}].{field}"))
}

fn validate_stages(stages: &[Stage]) -> Result<Vec<Stage>, FieldError> {
    if stages.is_empty() {
        return Err(FieldError::new("stages", Invalid::Required));
    }
    if stages.len() > STAGES_MAX {
        return Err(FieldError::new("stages", Invalid::OutOfRange { min: 1, max: STAGES_MAX as i64 }));
    }
    stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if !(1..=STAGE_DAYS_MAX).contains(&s.expected_days) {
                return Err(FieldError::new(
                    indexed("stages", i, "expected_days"),
                    Invalid::OutOfRange { min: 1, max: i64::from(STAGE_DAYS_MAX) },
                ));
            }
            Ok(Stage {
                name: single_line(indexed("stages", i, "name"), &s.name, 1, 60)?,
                expected_days: s.expected_days,
                description: single_line(indexed("stages", i, "description"), &s.description, 0, 300)?,
            })
        })
        .collect()
}

fn validate_questions(questions: &[ScreeningQuestion]) -> Result<Vec<ScreeningQuestion>, FieldError> {
    if questions.len() > QUESTIONS_MAX {
        return Err(FieldError::new("screening_questions", Invalid::OutOfRange { min: 0, max: QUESTIONS_MAX as i64 }));
    }
    let mut keys = HashSet::new();
    questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            if !keys.insert(q.key.as_str()) {
                return Err(FieldError::new(indexed("screening_questions", i, "key"), Invalid::Repeated));
            }
            let kind = match &q.kind {
                QuestionKind::ShortText { max_chars } if !(1..=300).contains(max_chars) => {
                    return Err(FieldError::new(
                        indexed("screening_questions", i, "kind.max_chars"),
                        Invalid::OutOfRange { min: 1, max: 300 },
                    ));
                }
                QuestionKind::LongText { max_chars } if !(1..=10_000).contains(max_chars) => {
                    return Err(FieldError::new(
                        indexed("screening_questions", i, "kind.max_chars"),
                        Invalid::OutOfRange { min: 1, max: 10_000 },
                    ));
                }
                QuestionKind::Number { min, max } if max < min => {
                    return Err(FieldError::new(indexed("screening_questions", i, "kind.max"), Invalid::MaxBelowMin));
                }
                QuestionKind::SingleChoice { options } => {
                    let field = indexed("screening_questions", i, "kind.options");
                    if !(2..=20).contains(&options.len()) {
                        return Err(FieldError::new(field, Invalid::OutOfRange { min: 2, max: 20 }));
                    }
                    let mut seen = HashSet::new();
                    let options =
                        options.iter().map(|o| single_line(field.clone(), o, 1, 100)).collect::<Result<Vec<_>, _>>()?;
                    if !options.iter().all(|o| seen.insert(o.to_lowercase())) {
                        return Err(FieldError::new(field, Invalid::Repeated));
                    }
                    QuestionKind::SingleChoice { options }
                }
                other => other.clone(),
            };
            Ok(ScreeningQuestion {
                key: q.key.clone(),
                prompt: single_line(indexed("screening_questions", i, "prompt"), &q.prompt, 3, 300)?,
                required: q.required,
                kind,
            })
        })
        .collect()
}

/// A posting in more languages than its company's default (what a
/// visitor is shown of it: `translation::shown_in`). A translation is whole
/// or absent: it translates every text the posting has (an optional text
/// empty in the default stays empty), so a visitor reads one posting in one
/// language and its `lang` is true.
///
/// A posting's translations, by locale: never one for the company's default.
pub type Translations = BTreeMap<Locale, PostingTranslation>;

/// A posting's texts in one more language. Stages and questions are
/// translated by position, as the default lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingTranslation {
    // Missing texts are empty, so that their rules name them
    // (`translations.fi.department`), as a form left blank would.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub department: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub teaser: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<StageTranslation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub screening_questions: Vec<QuestionTranslation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageTranslation {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionTranslation {
    #[serde(default)]
    pub prompt: String,
    /// A choice question's options, in the default's order; empty for other kinds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

/// Checks every translation against the posting's validated default texts
/// (`default`, in `default_locale`) by the rules the default follows, and
/// returns them normalised. Fields are named `translations.fi.title`,
/// `translations.fi.stages[0].name`.
fn validate_translations(
    translations: &Translations,
    default_locale: Locale,
    default: &PostingDetail,
) -> Result<Translations, FieldError> {
    translations
        .iter()
        .map(|(&locale, t)| {
            if locale == default_locale {
                // Its texts would compete with the posting's own.
                return Err(FieldError::new(format!("translations.{}", locale.tag()), Invalid::DefaultLanguage));
            }
            Ok((locale, t.validate(locale, default)?))
        })
        .collect()
}

impl PostingTranslation {
    fn validate(&self, locale: Locale, default: &PostingDetail) -> Result<PostingTranslation, FieldError> {
        let at = |field: &str| format!("translations.{}.{field}", locale.tag());
        // An optional text is required exactly when the default has one.
        let optional = |has: &str| usize::from(!has.is_empty());
        let s = &default.summary;
        let title = single_line(at("title"), &self.title, 3, 120)?;
        let department = single_line(at("department"), &self.department, 1, 60)?;
        let teaser = single_line(at("teaser"), &self.teaser, optional(&s.teaser), 200)?;
        let description = multi_line(at("description"), &self.description, 1, DESCRIPTION_MAX)?;
        let same_count = |field: &str, given: usize, wanted: usize| {
            if given > wanted {
                Err(FieldError::new(at(field), Invalid::OutOfRange { min: wanted as i64, max: wanted as i64 }))
            } else {
                Ok(())
            }
        };
        same_count("stages", self.stages.len(), default.stages.len())?;
        let stages = default
            .stages
            .iter()
            .enumerate()
            .map(|(i, stage)| {
                // A stage the translation lacks is a stage whose name is missing.
                let given = self.stages.get(i).cloned().unwrap_or_default();
                Ok(StageTranslation {
                    name: single_line(at(&format!("stages[{i}].name")), &given.name, 1, 60)?,
                    description: single_line(
                        at(&format!("stages[{i}].description")),
                        &given.description,
                        optional(&stage.description),
                        300,
                    )?,
                })
            })
            .collect::<Result<Vec<_>, FieldError>>()?;
        same_count("screening_questions", self.screening_questions.len(), default.screening_questions.len())?;
        let screening_questions = default
            .screening_questions
            .iter()
            .enumerate()
            .map(|(i, question)| {
                let given = self.screening_questions.get(i).cloned().unwrap_or_default();
                let prompt = single_line(at(&format!("screening_questions[{i}].prompt")), &given.prompt, 3, 300)?;
                let field = at(&format!("screening_questions[{i}].options"));
                let wanted = match &question.kind {
                    QuestionKind::SingleChoice { options } => options.len(),
                    _ => 0,
                };
                if given.options.len() != wanted {
                    let invalid = if given.options.is_empty() {
                        Invalid::Required
                    } else {
                        Invalid::OutOfRange { min: wanted as i64, max: wanted as i64 }
                    };
                    return Err(FieldError::new(field, invalid));
                }
                let options = given
                    .options
                    .iter()
                    .map(|o| single_line(field.clone(), o, 1, 100))
                    .collect::<Result<Vec<_>, _>>()?;
                let mut seen = HashSet::new();
                if !options.iter().all(|o| seen.insert(o.to_lowercase())) {
                    return Err(FieldError::new(field, Invalid::Repeated));
                }
                Ok(QuestionTranslation { prompt, options })
            })
            .collect::<Result<Vec<_>, FieldError>>()?;
        Ok(PostingTranslation { title, department, teaser, description, stages, screening_questions })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(title: &str, department: &str, city: &str, workplace: Workplace) -> PostingSummary {
        PostingSummary {
            slug: PostingSlug::parse("x").unwrap(),
            title: title.into(),
            department: department.into(),
            location: Location { city: city.into(), country: "FI".into() },
            workplace,
            employment_type: EmploymentType::FullTime,
            teaser: "Gentle care for anxious patients".into(),
            salary: None,
            published_on: Day::parse("2026-11-01").unwrap(),
            closes_on: None,
            lang: Locale::Fi,
        }
    }

    fn draft() -> PostingDraft {
        PostingDraft {
            slug: "dental-hygienist".into(),
            title: " Dental Hygienist ".into(),
            department: "Clinical".into(),
            location: Location { city: "Helsinki".into(), country: "fi".into() },
            workplace: Workplace::OnSite,
            employment_type: EmploymentType::FullTime,
            teaser: "".into(),
            salary: Some(SalaryRange { min: 3200, max: 3800, currency: "eur".into(), period: PayPeriod::Month }),
            description: "We care.\r\n\r\n- Gentle\n- Kind".into(),
            stages: vec![Stage { name: "Review".into(), expected_days: 5, description: String::new() }],
            screening_questions: vec![ScreeningQuestion {
                key: QuestionKey::parse("licence").unwrap(),
                prompt: "Do you hold a Valvira licence?".into(),
                required: true,
                kind: QuestionKind::YesNo,
            }],
            closes_on: None,
            translations: Translations::new(),
        }
    }

    fn today() -> Day {
        Day::parse("2026-11-23").unwrap()
    }

    #[test]
    fn query_reads_known_parameters_and_skips_empty_ones() {
        let q = PostingQuery::from_pairs([
            ("department", "Clinical"),
            ("remote", "true"),
            ("q", "  rust "),
            ("location", ""),
        ])
        .unwrap();
        assert_eq!(q.department.as_deref(), Some("Clinical"));
        assert_eq!(q.remote, Some(true));
        assert_eq!(q.q.as_deref(), Some("rust"));
        assert_eq!(q.location, None);
        assert_eq!(q.lang, None);
        let fi = PostingQuery::from_pairs([("lang", "fi")]).unwrap();
        assert_eq!(fi.lang, Some(Locale::Fi));
        assert!(fi.is_empty(), "a language is no filter");
        assert_eq!(PostingQuery::from_pairs([("lang", "de")]).unwrap_err().field, "lang");
    }

    #[test]
    fn query_refuses_unknown_repeated_and_malformed_parameters() {
        let e = PostingQuery::from_pairs([("departmnet", "x")]).unwrap_err();
        assert_eq!((e.field.as_ref(), &e.invalid), ("departmnet", &Invalid::UnknownParameter));
        let e = PostingQuery::from_pairs([("q", "a"), ("q", "b")]).unwrap_err();
        assert_eq!(e.invalid, Invalid::Repeated);
        let e = PostingQuery::from_pairs([("remote", "yes")]).unwrap_err();
        assert_eq!(e.field, "remote");
        let long = "x".repeat(QUERY_TEXT_MAX + 1);
        let e = PostingQuery::from_pairs([("q", long.as_str())]).unwrap_err();
        assert_eq!(e.invalid, Invalid::TooLong { max: QUERY_TEXT_MAX });
    }

    #[test]
    fn every_search_word_must_appear_somewhere() {
        let p = summary("Hammaslääkäri", "Kliininen", "Helsinki", Workplace::OnSite);
        let q = |text: &str| PostingQuery { q: Some(text.into()), ..Default::default() };
        assert!(q("HAMMASLÄÄKÄRI helsinki").matches(&p));
        assert!(q("anxious").matches(&p), "the teaser is searched");
        assert!(!q("hammas tampere").matches(&p));
    }

    #[test]
    fn filters_combine() {
        let remote = summary("Backend Engineer", "Engineering", "Helsinki", Workplace::Remote);
        let onsite = summary("Hygienist", "Clinical", "Helsinki", Workplace::OnSite);
        let only_remote = PostingQuery { remote: Some(true), ..Default::default() };
        assert!(only_remote.matches(&remote) && !only_remote.matches(&onsite));
        let clinical_in_helsinki = PostingQuery {
            department: Some("clinical".into()),
            location: Some("HELSINKI".into()),
            ..Default::default()
        };
        assert!(clinical_in_helsinki.matches(&onsite) && !clinical_in_helsinki.matches(&remote));
        assert!(PostingQuery::default().matches(&remote));
    }

    #[test]
    fn facets_count_over_all_postings() {
        let list = [
            summary("A", "Clinical", "Turku", Workplace::OnSite),
            summary("B", "Clinical", "Helsinki", Workplace::Remote),
            summary("C", "Engineering", "Helsinki", Workplace::Hybrid),
        ];
        let f = Facets::of(&list);
        assert_eq!(
            f.departments,
            vec![
                FacetValue { value: "Clinical".into(), count: 2 },
                FacetValue { value: "Engineering".into(), count: 1 }
            ]
        );
        assert_eq!(f.locations[0], FacetValue { value: "Helsinki".into(), count: 2 });
        assert_eq!(f.remote, 1);
    }

    #[test]
    fn a_valid_draft_is_normalised() {
        let p = draft().validate(today(), Locale::En).unwrap().detail;
        assert_eq!(p.summary.lang, Locale::En);
        assert_eq!(p.summary.title, "Dental Hygienist");
        assert_eq!(p.summary.location.country, "FI");
        assert_eq!(p.summary.salary.unwrap().currency, "EUR");
        assert_eq!(p.description, "We care.\n\n- Gentle\n- Kind");
        assert_eq!(p.summary.published_on, today());
    }

    #[test]
    fn draft_rules_name_the_field_at_fault() {
        type Change = Box<dyn Fn(&mut PostingDraft)>;
        let cases: Vec<(Change, &str, Invalid)> = vec![
            (Box::new(|d| d.slug = "Bad Slug".into()), "slug", Invalid::NotASlug),
            (Box::new(|d| d.title = "x".into()), "title", Invalid::TooShort { min: 3 }),
            (Box::new(|d| d.location.country = "FIN".into()), "location.country", Invalid::NotACountry),
            (Box::new(|d| d.salary.as_mut().unwrap().max = 10), "salary.max", Invalid::MaxBelowMin),
            // Said as "at least 1", not as a range up to 4294967295.
            (Box::new(|d| d.salary.as_mut().unwrap().min = 0), "salary.min", Invalid::AtLeast { min: 1 }),
            (Box::new(|d| d.description = " ".into()), "description", Invalid::Required),
            (Box::new(|d| d.stages.clear()), "stages", Invalid::Required),
            (
                Box::new(|d| d.stages[0].expected_days = 0),
                "stages[0].expected_days",
                Invalid::OutOfRange { min: 1, max: 180 },
            ),
            (
                Box::new(|d| d.screening_questions.push(d.screening_questions[0].clone())),
                "screening_questions[1].key",
                Invalid::Repeated,
            ),
            (
                Box::new(|d| {
                    d.screening_questions[0].kind = QuestionKind::SingleChoice { options: vec!["Yes".into()] }
                }),
                "screening_questions[0].kind.options",
                Invalid::OutOfRange { min: 2, max: 20 },
            ),
            (
                Box::new(|d| {
                    d.screening_questions[0].kind =
                        QuestionKind::SingleChoice { options: vec!["Yes".into(), "yes".into()] }
                }),
                "screening_questions[0].kind.options",
                Invalid::Repeated,
            ),
            (
                Box::new(|d| d.screening_questions[0].kind = QuestionKind::Number { min: 5, max: 1 }),
                "screening_questions[0].kind.max",
                Invalid::MaxBelowMin,
            ),
            (Box::new(|d| d.closes_on = today().add_days(-1)), "closes_on", Invalid::InThePast),
        ];
        for (change, field, invalid) in cases {
            let mut d = draft();
            change(&mut d);
            let e = d.validate(today(), Locale::En).unwrap_err();
            assert_eq!((e.field.as_ref(), e.invalid), (field, invalid));
        }
    }

    #[test]
    fn wire_format_of_questions_is_tagged() {
        let q = &draft().screening_questions[0];
        let json = serde_json::to_value(q).unwrap();
        assert_eq!(json["kind"], "yes_no");
        let choice: QuestionKind = serde_json::from_str(r#"{"single_choice":{"options":["a","b"]}}"#).unwrap();
        assert_eq!(choice.word(), "single_choice");
    }

    #[test]
    fn words_round_trip() {
        for w in Workplace::ALL {
            assert_eq!(Workplace::parse(w.as_str()), Ok(*w));
        }
        assert!(EmploymentType::parse("gig").is_err());
    }
}
