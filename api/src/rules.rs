//! The vocabulary of validation failures, shared by every rule in this crate.
//!
//! A failure is data (`Invalid`), not a sentence: the server turns it into the
//! English `message` of its JSON error, the widget into the candidate's
//! language, both from the same `code`. The English here and the forms'
//! English (`RULES` in the widget's `src/i18n/en.rs`) state the same facts
//! (limits, formats, examples) in the same words where they can: a test
//! there compares them, so changing one without the other fails.

use std::borrow::Cow;

/// Why a value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("is required")]
    Required,
    #[error("must be at most {max} characters")]
    TooLong { max: usize },
    #[error("must be at least {min} characters")]
    TooShort { min: usize },
    #[error("must not contain control characters")]
    ControlCharacters,
    #[error("must use only lowercase letters a-z, digits and single hyphens")]
    NotASlug,
    #[error("must be one of: {allowed}")]
    NotOneOf { allowed: &'static str },
    #[error("must be a date written as YYYY-MM-DD")]
    NotADate,
    #[error("must be a colour written as #rrggbb")]
    NotAColour,
    /// An accent colour white text can't be read on, or that can't be read
    /// on the page: the lowest ratio it reaches, in tenths, rounded down.
    #[error(
        "must have a contrast of at least 4.5:1 with white text and with the page (WCAG AA); this colour has {}.{}:1",
        .contrast_tenths / 10,
        .contrast_tenths % 10
    )]
    LowContrast { contrast_tenths: u32 },
    #[error("must be from {min} to {max}")]
    OutOfRange { min: i64, max: i64 },
    /// A number with a least value but none worth saying as a most (a salary).
    #[error("must be at least {min}")]
    AtLeast { min: i64 },
    /// Typed into a number field: only a client's form can see it, since
    /// JSON already carries numbers as numbers.
    #[error("must be a number")]
    NotANumber,
    #[error("must not be below the minimum")]
    MaxBelowMin,
    #[error("must be a two-letter country code, such as FI")]
    NotACountry,
    #[error("must be a three-letter currency code, such as EUR")]
    NotACurrency,
    #[error("must be an https:// or http:// address")]
    NotAUrl,
    #[error("must be an e-mail address such as name@example.com")]
    NotAnEmail,
    #[error("must be a phone number: 5 to 20 digits, with +, spaces, dashes or parentheses if you like")]
    NotAPhoneNumber,
    #[error("must be a year (such as 2019) or a month (such as 2019-03)")]
    NotAMonth,
    #[error("must be a file of at most {} MB", .max_bytes / (1024 * 1024))]
    TooLarge { max_bytes: usize },
    #[error("must be a PDF file")]
    NotAPdf,
    #[error("must not be in the past")]
    InThePast,
    #[error("is not a question of this posting")]
    NotAQuestion,
    #[error("must be one of the question's options")]
    NotAChoice,
    #[error("is not the kind of answer this question takes")]
    WrongKind,
    #[error("is not a known parameter")]
    UnknownParameter,
    #[error("is given more than once")]
    Repeated,
    #[error("cannot be changed once created")]
    Unchangeable,
    #[error("must keep at least {min} stages: candidates have applied through them")]
    TooFewStages { min: usize },
    #[error("is the company's default language: the posting's own texts are in it")]
    DefaultLanguage,
}

impl Invalid {
    /// The stable machine-readable code sent as `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Invalid::Required => "required",
            Invalid::TooLong { .. } => "too_long",
            Invalid::TooShort { .. } => "too_short",
            Invalid::ControlCharacters => "control_characters",
            Invalid::NotASlug => "not_a_slug",
            Invalid::NotOneOf { .. } => "not_one_of",
            Invalid::NotADate => "not_a_date",
            Invalid::NotAColour => "not_a_colour",
            Invalid::LowContrast { .. } => "low_contrast",
            Invalid::OutOfRange { .. } => "out_of_range",
            Invalid::AtLeast { .. } => "at_least",
            Invalid::NotANumber => "not_a_number",
            Invalid::MaxBelowMin => "max_below_min",
            Invalid::NotACountry => "not_a_country",
            Invalid::NotACurrency => "not_a_currency",
            Invalid::NotAUrl => "not_a_url",
            Invalid::NotAnEmail => "not_an_email",
            Invalid::NotAPhoneNumber => "not_a_phone_number",
            Invalid::NotAMonth => "not_a_month",
            Invalid::TooLarge { .. } => "too_large",
            Invalid::NotAPdf => "not_a_pdf",
            Invalid::InThePast => "in_the_past",
            Invalid::NotAQuestion => "not_a_question",
            Invalid::NotAChoice => "not_a_choice",
            Invalid::WrongKind => "wrong_kind",
            Invalid::UnknownParameter => "unknown_parameter",
            Invalid::Repeated => "repeated_parameter",
            Invalid::Unchangeable => "unchangeable",
            Invalid::TooFewStages { .. } => "too_few_stages",
            Invalid::DefaultLanguage => "default_language",
        }
    }
}

/// A refused value and the field it was given for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} {invalid}")]
pub struct FieldError {
    pub field: Cow<'static, str>,
    pub invalid: Invalid,
}

impl FieldError {
    pub fn new(field: impl Into<Cow<'static, str>>, invalid: Invalid) -> Self {
        Self { field: field.into(), invalid }
    }
}

/// Rules for a line of plain text (a title, a name, a search term): trimmed,
/// within `min..=max` characters (Unicode scalar values, not bytes), and
/// free of control characters, which no form field legitimately contains and
/// which can forge log lines or break rendering.
pub fn single_line(
    field: impl Into<Cow<'static, str>>,
    raw: &str,
    min: usize,
    max: usize,
) -> Result<String, FieldError> {
    let text = raw.trim();
    let field = field.into();
    length(text, min, max).map_err(|invalid| FieldError::new(field.clone(), invalid))?;
    if text.chars().any(char::is_control) {
        return Err(FieldError::new(field, Invalid::ControlCharacters));
    }
    Ok(text.to_owned())
}

/// Rules for multi-line text (a description, a message): like [`single_line`]
/// but newlines and tabs are allowed. Windows line ends are normalised so that
/// lengths and rendering agree everywhere.
pub fn multi_line(
    field: impl Into<Cow<'static, str>>,
    raw: &str,
    min: usize,
    max: usize,
) -> Result<String, FieldError> {
    let text = raw.replace("\r\n", "\n");
    let text = text.trim();
    let field = field.into();
    length(text, min, max).map_err(|invalid| FieldError::new(field.clone(), invalid))?;
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(FieldError::new(field, Invalid::ControlCharacters));
    }
    Ok(text.to_owned())
}

/// The length rule, in characters (not bytes).
fn length(text: &str, min: usize, max: usize) -> Result<(), Invalid> {
    let len = text.chars().count();
    if len == 0 && min > 0 {
        Err(Invalid::Required)
    } else if len < min {
        Err(Invalid::TooShort { min })
    } else if len > max {
        Err(Invalid::TooLong { max })
    } else {
        Ok(())
    }
}

/// Every rule a value breaks, not only the first: a form says all of them
/// at once, so the person fixes everything in one go, not one per attempt.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    /// `result`'s value; if it broke a rule, notes the failure and gives a
    /// stand-in (`T::default()`) so the checking goes on.
    pub fn check<T: Default>(&mut self, result: Result<T, FieldError>) -> T {
        result.unwrap_or_else(|e| {
            self.0.push(e);
            T::default()
        })
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// `value` if no rule was broken, else every failure in the order found.
    pub fn or_all<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() { Ok(value) } else { Err(self.0) }
    }

    /// `value` if no rule was broken, else the first failure (the API
    /// answers with one).
    pub fn or_first<T>(self, value: T) -> Result<T, FieldError> {
        match self.0.into_iter().next() {
            Some(first) => Err(first),
            None => Ok(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_line_trims_and_counts_characters_not_bytes() {
        assert_eq!(single_line("t", "  Hammaslääkäri ", 1, 13).unwrap(), "Hammaslääkäri");
        assert_eq!(single_line("t", "Hammaslääkäri", 1, 12).unwrap_err().invalid, Invalid::TooLong { max: 12 });
    }

    #[test]
    fn single_line_refuses_blank_and_control_characters() {
        assert_eq!(single_line("t", "   ", 1, 10).unwrap_err().invalid, Invalid::Required);
        assert_eq!(single_line("t", "a\nb", 1, 10).unwrap_err().invalid, Invalid::ControlCharacters);
        assert_eq!(single_line("t", "a\u{7}", 1, 10).unwrap_err().invalid, Invalid::ControlCharacters);
    }

    #[test]
    fn optional_text_may_be_empty() {
        assert_eq!(single_line("t", "", 0, 10).unwrap(), "");
    }

    #[test]
    fn multi_line_keeps_newlines_and_normalises_crlf() {
        assert_eq!(multi_line("d", "a\r\nb\tc", 1, 10).unwrap(), "a\nb\tc");
        assert_eq!(multi_line("d", "a\u{0}b", 1, 10).unwrap_err().invalid, Invalid::ControlCharacters);
    }

    #[test]
    fn field_error_reads_as_a_sentence() {
        let e = FieldError::new("q", Invalid::TooLong { max: 3 });
        assert_eq!(e.to_string(), "q must be at most 3 characters");
        assert_eq!(e.invalid.code(), "too_long");
    }
}
