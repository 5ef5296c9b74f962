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
