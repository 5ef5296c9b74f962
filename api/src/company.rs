//! A company's public face: what the widget needs before it shows anything.

use serde::{Deserialize, Deserializer, Serialize};

use crate::locale::Locale;
use crate::rules::{FieldError, Invalid, single_line};
use crate::slug::CompanySlug;

/// `GET /api/v1/companies/{company}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyPublic {
    pub slug: CompanySlug,
    pub name: String,
    pub branding: Branding,
    /// The language of the company's own texts, used when the page states none.
    pub default_locale: Locale,
    /// Days an application is kept after it closes, unless the candidate
    /// joins the talent pool: said to candidates before they apply.
    pub retention_days: u32,
}

/// The company's defaults for the widget's look. A host page's CSS custom
/// properties (`--candor-accent`, `--candor-font`, `--candor-radius`) win over them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Branding {
    pub accent_color: HexColor,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font_family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
}

impl Branding {
    /// A font stack goes into a CSS custom property: no characters that could
    /// end the declaration or start another.
    pub fn parse_font_family(raw: &str) -> Result<String, FieldError> {
        let font = single_line("font_family", raw, 1, 120)?;
        if font.chars().any(|c| matches!(c, ';' | '{' | '}' | '<' | '>' | '\\' | '(' | ')')) {
            return Err(FieldError::new("font_family", Invalid::NotOneOf { allowed: "font names separated by commas" }));
        }
        Ok(font)
    }

    pub fn parse_logo_url(raw: &str) -> Result<String, FieldError> {
        let url = single_line("logo_url", raw, 1, 500)?;
        if url.starts_with("https://") || url.starts_with("http://") {
            Ok(url)
        } else {
            Err(FieldError::new("logo_url", Invalid::NotAUrl))
        }
    }
}

/// A colour as `#rrggbb`, lowercase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct HexColor(String);

impl HexColor {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let ok = raw.len() == 7 && raw.starts_with('#') && raw[1..].bytes().all(|b| b.is_ascii_hexdigit());
        if ok { Ok(Self(raw.to_ascii_lowercase())) } else { Err(Invalid::NotAColour) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for HexColor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        HexColor::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_six_hex_digits() {
        assert_eq!(HexColor::parse("#0B5CAD").unwrap().as_str(), "#0b5cad");
        for bad in ["0b5cad", "#0b5ca", "#0b5cadd", "#0g5cad", "red", "#fff"] {
            assert_eq!(HexColor::parse(bad), Err(Invalid::NotAColour), "{bad}");
        }
    }

    #[test]
    fn font_family_cannot_escape_its_declaration() {
        assert_eq!(Branding::parse_font_family(" Inter, system-ui ").unwrap(), "Inter, system-ui");
        assert!(Branding::parse_font_family("x; background: url(evil)").is_err());
        assert!(Branding::parse_font_family("x}body{color:red").is_err());
    }

    #[test]
    fn logo_must_be_a_web_address() {
        assert!(Branding::parse_logo_url("https://cdn.example/logo.svg").is_ok());
        assert_eq!(Branding::parse_logo_url("javascript:alert(1)").unwrap_err().invalid, Invalid::NotAUrl);
    }
}
