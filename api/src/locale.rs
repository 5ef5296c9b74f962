//! The languages Candor speaks, and how one is chosen.

use serde::{Deserialize, Serialize};

use crate::rules::{FieldError, Invalid};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Fi,
    Sv,
    Pl,
    Nl,
}

impl Locale {
    pub const ALL: [Locale; 5] = [Locale::En, Locale::Fi, Locale::Sv, Locale::Pl, Locale::Nl];
    pub const ALLOWED: &'static str = "en, fi, sv, pl, nl";

    /// The BCP 47 tag given to the browser's `Intl` formatters.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fi => "fi",
            Locale::Sv => "sv",
            Locale::Pl => "pl",
            Locale::Nl => "nl",
        }
    }

    /// Reads a language tag such as `fi`, `fi-FI` or `sv_SE`, matching on the
    /// primary language only: a Swedish speaker in Finland (`sv-FI`) gets Swedish.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.tag() == primary)
    }

    pub fn parse(raw: &str) -> Result<Locale, Invalid> {
        Locale::ALL.into_iter().find(|l| l.tag() == raw).ok_or(Invalid::NotOneOf { allowed: Locale::ALLOWED })
    }

    /// A query parameter naming a language (`?lang=fi`): one of Candor's
    /// locales, strictly, or empty for none.
    pub fn from_param(field: &'static str, value: &str) -> Result<Option<Locale>, FieldError> {
        if value.trim().is_empty() {
            return Ok(None);
        }
        Locale::parse(value).map(Some).map_err(|invalid| FieldError::new(field, invalid))
    }

    /// The first supported language among preferences given in order (the
    /// element's `lang`, then the page's, then the browser's); English when none is.
    pub fn negotiate<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Locale {
        preferences.into_iter().find_map(Locale::from_tag).unwrap_or_default()
    }
}

/// The languages of an `Accept-Language` header, best first: by quality
/// value (a missing one is 1; a stable sort keeps the header's order among
/// equals), without those the reader refuses (`q=0`) or that can't be read.
pub fn accepted_languages(header: &str) -> Vec<&str> {
    let mut weighted: Vec<(&str, f32)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok().filter(|q| (0.0..=1.0).contains(q)))?;
            (!tag.is_empty() && quality > 0.0).then_some((tag, quality))
        })
        .collect();
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1));
    weighted.into_iter().map(|(tag, _)| tag).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_is_read_by_quality_and_a_refusal_is_kept() {
        assert_eq!(accepted_languages("de-DE,de;q=0.9,sv;q=0.8,en;q=0.5"), ["de-DE", "de", "sv", "en"]);
        assert_eq!(accepted_languages("en;q=0.2, fi;q=0.9, sv"), ["sv", "fi", "en"]);
        assert_eq!(accepted_languages("fi;q=0, en"), ["en"], "q=0 means not this one");
        assert_eq!(accepted_languages("pl;q=bad, nl;q=2, sv"), ["sv"]);
        assert_eq!(Locale::negotiate(accepted_languages("fi;q=0,pl;q=0.5,*;q=0.1")), Locale::Pl);
        assert!(accepted_languages("").is_empty());
    }

    #[test]
    fn matches_on_the_primary_language() {
        assert_eq!(Locale::from_tag("fi-FI"), Some(Locale::Fi));
        assert_eq!(Locale::from_tag("SV_fi"), Some(Locale::Sv));
        assert_eq!(Locale::from_tag("nl"), Some(Locale::Nl));
        assert_eq!(Locale::from_tag("de-DE"), None);
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn negotiation_takes_the_first_supported_preference() {
        assert_eq!(Locale::negotiate(["", "de", "pl-PL", "fi"]), Locale::Pl);
        assert_eq!(Locale::negotiate(["fr", "de"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
    }

    #[test]
    fn parse_is_strict() {
        assert_eq!(Locale::parse("sv"), Ok(Locale::Sv));
        assert!(Locale::parse("sv-SE").is_err());
    }
}
