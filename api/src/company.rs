//! A company's public face: what the widget needs before it shows anything.

use serde::{Deserialize, Deserializer, Serialize};

use crate::locale::Locale;
use crate::origin::Origin;
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

/// `GET`/`PUT /api/v1/recruiter/company`: what a company's admins set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanySettings {
    pub name: String,
    pub branding: Branding,
    pub default_locale: Locale,
    pub retention_days: u32,
    /// Days without a candidate-visible event before an application raises
    /// a silence alarm in the inbox.
    pub silence_alarm_days: u32,
    /// The web origins (`https://careers.example.com`) allowed to embed the widget.
    pub origins: Vec<String>,
}

/// Applications are kept at least a month after they close (time to answer
/// a candidate's questions about the decision) and at most three years.
pub const RETENTION_DAYS: (u32, u32) = (30, 1095);
pub const SILENCE_ALARM_DAYS: (u32, u32) = (1, 60);
pub const ORIGINS_MAX: usize = 20;

impl CompanySettings {
    /// Every rule, with the values in their normalised form; origins
    /// deduplicated and sorted.
    pub fn validate(&self) -> Result<(CompanySettings, Vec<Origin>), FieldError> {
        let in_range = |field: &'static str, value: u32, (min, max): (u32, u32)| {
            if (min..=max).contains(&value) {
                Ok(value)
            } else {
                Err(FieldError::new(field, Invalid::OutOfRange { min: i64::from(min), max: i64::from(max) }))
            }
        };
        if self.origins.len() > ORIGINS_MAX {
            return Err(FieldError::new("origins", Invalid::OutOfRange { min: 0, max: ORIGINS_MAX as i64 }));
        }
        let mut origins = self
            .origins
            .iter()
            .enumerate()
            .map(|(i, o)| Origin::parse(o).map_err(|e| FieldError::new(format!("origins[{i}]"), e)))
            .collect::<Result<Vec<_>, _>>()?;
        origins.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        origins.dedup();
        let branding = Branding {
            accent_color: self.branding.accent_color.clone(),
            font_family: match self.branding.font_family.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(f) => Some(Branding::parse_font_family(f)?),
            },
            logo_url: match self.branding.logo_url.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(u) => Some(Branding::parse_logo_url(u)?),
            },
        };
        let settings = CompanySettings {
            name: single_line("name", &self.name, 1, 80)?,
            branding,
            default_locale: self.default_locale,
            retention_days: in_range("retention_days", self.retention_days, RETENTION_DAYS)?,
            silence_alarm_days: in_range("silence_alarm_days", self.silence_alarm_days, SILENCE_ALARM_DAYS)?,
            origins: origins.iter().map(|o| o.as_str().to_owned()).collect(),
        };
        Ok((settings, origins))
    }
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
            return Err(FieldError::new(
                "font_family",
                Invalid::NotOneOf { allowed: "font names separated by commas" },
            ));
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

    fn settings() -> CompanySettings {
        CompanySettings {
            name: " Northwind ".into(),
            branding: Branding {
                accent_color: HexColor::parse("#0B5CAD").unwrap(),
                font_family: Some(" ".into()),
                logo_url: None,
            },
            default_locale: Locale::Fi,
            retention_days: 180,
            silence_alarm_days: 7,
            origins: vec!["https://b.example".into(), "https://a.example/".into(), "https://b.example".into()],
        }
    }

    #[test]
    fn settings_are_normalised() {
        let (valid, origins) = settings().validate().unwrap();
        assert_eq!(valid.name, "Northwind");
        assert_eq!(valid.branding.font_family, None, "a blank font means the page's own");
        assert_eq!(valid.origins, ["https://a.example", "https://b.example"]);
        assert_eq!(origins.len(), 2);
    }

    #[test]
    fn settings_rules_name_the_field_at_fault() {
        let field = |f: fn(&mut CompanySettings)| {
            let mut s = settings();
            f(&mut s);
            s.validate().unwrap_err().field.into_owned()
        };
        assert_eq!(field(|s| s.retention_days = 7), "retention_days");
        assert_eq!(field(|s| s.silence_alarm_days = 0), "silence_alarm_days");
        assert_eq!(field(|s| s.origins.push("careers.example".into())), "origins[3]");
        assert_eq!(field(|s| s.name = "".into()), "name");
        assert_eq!(field(|s| s.branding.logo_url = Some("ftp://x".into())), "logo_url");
        assert_eq!(field(|s| s.origins = vec!["https://x.example".into(); 21]), "origins");
    }

    #[test]
    fn logo_must_be_a_web_address() {
        assert!(Branding::parse_logo_url("https://cdn.example/logo.svg").is_ok());
        assert_eq!(Branding::parse_logo_url("javascript:alert(1)").unwrap_err().invalid, Invalid::NotAUrl);
    }
}
