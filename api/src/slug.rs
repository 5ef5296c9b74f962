//! Slugs: the public, URL-safe names of companies and postings.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::rules::{FieldError, Invalid};

pub const SLUG_MAX: usize = 64;

fn check(field: &'static str, raw: &str) -> Result<(), FieldError> {
    if raw.is_empty() {
        return Err(FieldError::new(field, Invalid::Required));
    }
    if raw.chars().count() > SLUG_MAX {
        return Err(FieldError::new(field, Invalid::TooLong { max: SLUG_MAX }));
    }
    let well_formed = raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !raw.starts_with('-')
        && !raw.ends_with('-')
        && !raw.contains("--");
    if well_formed { Ok(()) } else { Err(FieldError::new(field, Invalid::NotASlug)) }
}

/// A slug suggested for a title ("Senior Dentist (Oulu)" → "senior-dentist-oulu"):
/// ASCII letters and digits kept, everything else a single hyphen. Letters
/// with accents lose them where that is one letter (ä → a); others go.
pub fn suggest(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ę' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ł' => 'l',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ś' | 'š' => 's',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            other => other,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed: String = out.trim_end_matches('-').chars().take(SLUG_MAX).collect();
    trimmed.trim_end_matches('-').to_owned()
}

macro_rules! slug_type {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The field name used in errors about this slug.
            pub const FIELD: &'static str = $field;

            pub fn parse(raw: &str) -> Result<Self, FieldError> {
                check($field, raw).map(|()| Self(raw.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                crate::openapi::text(
                    "Lowercase letters, digits and single hyphens inside, at most 64 characters.",
                    Some("^[a-z0-9]+(-[a-z0-9]+)*$"),
                    None,
                )
            }
        }
        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(d)?;
                Self::parse(&raw).map_err(serde::de::Error::custom)
            }
        }
    };
}

slug_type!(
    /// A company's public name in URLs and in the `company` attribute, e.g. `northwind`.
    CompanySlug,
    "company"
);
slug_type!(
    /// A posting's public name within its company, e.g. `dental-hygienist`.
    PostingSlug,
    "posting"
);
slug_type!(
    /// A screening question's key within its posting: answers refer to it,
    /// so it survives rewording and reordering of the question.
    QuestionKey,
    "key"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_slugs_are_valid() {
        assert_eq!(suggest("Senior Dentist (Oulu)"), "senior-dentist-oulu");
        assert_eq!(suggest("  Hammaslääkäri — Tampere! "), "hammaslaakari-tampere");
        assert_eq!(suggest("Łódź"), "lodz");
        assert_eq!(suggest("!!!"), "");
        let long = suggest(&"word ".repeat(40));
        assert!(long.len() <= SLUG_MAX && PostingSlug::parse(&long).is_ok(), "{long}");
    }

    #[test]
    fn accepts_lowercase_words_joined_by_hyphens() {
        assert_eq!(PostingSlug::parse("senior-rust-engineer-2").unwrap().as_str(), "senior-rust-engineer-2");
    }

    #[test]
    fn refuses_what_would_not_survive_a_url_unchanged() {
        for bad in ["", "Northwind", "north wind", "-north", "north-", "north--wind", "nörth", "a/b"] {
            let err = CompanySlug::parse(bad).unwrap_err();
            assert_eq!(err.field, "company", "{bad}");
            assert!(matches!(err.invalid, Invalid::NotASlug | Invalid::Required), "{bad}");
        }
    }

    #[test]
    fn refuses_overlong_slugs() {
        let long = "a".repeat(SLUG_MAX + 1);
        assert_eq!(PostingSlug::parse(&long).unwrap_err().invalid, Invalid::TooLong { max: SLUG_MAX });
        assert!(PostingSlug::parse(&long[1..]).is_ok());
    }

    #[test]
    fn deserialising_applies_the_same_rule() {
        assert!(serde_json::from_str::<CompanySlug>("\"Bad Slug\"").is_err());
        assert_eq!(serde_json::from_str::<CompanySlug>("\"acme\"").unwrap().as_str(), "acme");
    }
}
