//! A company's public face: what the widget needs before it shows anything.

use serde::{Deserialize, Deserializer, Serialize};

use crate::locale::Locale;
use crate::origin::Origin;
use crate::report_settings::ReportSettings;
use crate::rules::{FieldError, Invalid, single_line};
use crate::slug::CompanySlug;

/// `GET /api/v1/companies/{company}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Whether a candidate whose promised date passed without a word gets
    /// an honest mail saying so (on unless the company turns it off).
    #[serde(default = "on")]
    pub late_promise_mail: bool,
    /// What progress reports' links show by default, and the weekday their
    /// readers' weekly summary goes out.
    #[serde(default)]
    pub reports: ReportSettings,
}

fn on() -> bool {
    true
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
            accent_color: Branding::readable_accent(&self.branding.accent_color)?,
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
            late_promise_mail: self.late_promise_mail,
            reports: self.reports.validate()?,
        };
        Ok((settings, origins))
    }
}

/// The company's defaults for the widget's look. A host page's CSS custom
/// properties (`--candor-accent`, `--candor-font`, `--candor-radius`) win over them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

    /// An accent colour the widget's text stays readable with: white text on
    /// it and it on the widget's backgrounds reach [`AA_CONTRAST`]. Only a
    /// colour too light fails (white is the lightest there is), so the
    /// failure says the lowest ratio found, for a darker choice.
    pub fn readable_accent(colour: &HexColor) -> Result<HexColor, FieldError> {
        let lowest = std::iter::once(TEXT_ON_ACCENT)
            .chain(ACCENT_BACKGROUNDS)
            .map(|other| colour.contrast(&HexColor(other.to_owned())))
            .fold(f64::INFINITY, f64::min);
        if lowest >= AA_CONTRAST {
            Ok(colour.clone())
        } else {
            // Rounded down: a colour just short of 4.5 must not read as 4.5.
            let contrast_tenths = (lowest * 10.0).floor() as u32;
            Err(FieldError::new("accent_color", Invalid::LowContrast { contrast_tenths }))
        }
    }

    /// [`HexColor::parse`] and [`Branding::readable_accent`], for a colour
    /// given as text (the demo's, the command line's).
    pub fn parse_accent(raw: &str) -> Result<HexColor, FieldError> {
        let colour = HexColor::parse(raw.trim()).map_err(|e| FieldError::new("accent_color", e))?;
        Branding::readable_accent(&colour)
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

/// The colours the widget draws with the accent (`style/widget.css`): white
/// text on it (buttons, stage numbers), and it as text, borders and focus
/// rings on its backgrounds (the card's white, the notices' grey and pale red).
/// Kept here so the rule checks what the page draws; change them together.
pub const TEXT_ON_ACCENT: &str = "#ffffff";
pub const ACCENT_BACKGROUNDS: [&str; 3] = ["#ffffff", "#f3f5f7", "#fff6f5"];
/// WCAG 2.x level AA for text of normal size (1.4.3): the accent is text
/// (links) as well as the ground of text (buttons), so it needs the text ratio.
pub const AA_CONTRAST: f64 = 4.5;

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

    fn channels(&self) -> [u8; 3] {
        let channel = |i: usize| u8::from_str_radix(&self.0[i..i + 2], 16).unwrap_or(0);
        [channel(1), channel(3), channel(5)]
    }

    /// WCAG 2.x relative luminance: 0 for black, 1 for white.
    pub fn relative_luminance(&self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        let [r, g, b] = self.channels().map(linear);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// WCAG 2.x contrast ratio, from 1 (the same) to 21 (black on white),
    /// whichever of the two is lighter.
    pub fn contrast(&self, other: &HexColor) -> f64 {
        let (a, b) = (self.relative_luminance(), other.relative_luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
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
            late_promise_mail: true,
            reports: ReportSettings::default(),
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
    fn the_late_promise_mail_is_on_unless_turned_off() {
        let mut json = serde_json::to_value(settings()).unwrap();
        json.as_object_mut().unwrap().remove("late_promise_mail");
        let read: CompanySettings = serde_json::from_value(json).unwrap();
        assert!(read.late_promise_mail, "a client that doesn't know the setting leaves it on");
    }

    #[test]
    fn reports_settings_default_to_counts_on_mondays_for_a_client_that_sends_none() {
        let mut json = serde_json::to_value(settings()).unwrap();
        json.as_object_mut().unwrap().remove("reports");
        let read: CompanySettings = serde_json::from_value(json).unwrap();
        assert_eq!(
            read.reports,
            ReportSettings { default_shows: crate::report_settings::Shows::Counts, digest_weekday: 1 }
        );
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
        assert_eq!(field(|s| s.reports.digest_weekday = 8), "digest_weekday");
    }

    #[test]
    fn luminance_and_contrast_follow_wcag() {
        let c = |s: &str| HexColor::parse(s).unwrap();
        assert_eq!(c("#000000").relative_luminance(), 0.0);
        assert!((c("#ffffff").relative_luminance() - 1.0).abs() < 1e-12);
        assert!((c("#000000").contrast(&c("#ffffff")) - 21.0).abs() < 1e-9);
        assert_eq!(c("#777777").contrast(&c("#777777")), 1.0);
        // Symmetric, and the known ratios of WCAG's examples and Tailwind's palette.
        let ratio = |a: &str, b: &str| (c(a).contrast(&c(b)) * 100.0).round() / 100.0;
        assert_eq!(ratio("#767676", "#ffffff"), 4.54);
        assert_eq!(ratio("#ffffff", "#767676"), 4.54);
        assert_eq!(ratio("#fde047", "#ffffff"), 1.32);
        assert_eq!(ratio("#0f766e", "#ffffff"), 5.47);
    }

    #[test]
    fn an_accent_must_stay_readable_with_white_text_and_on_the_page() {
        let accent = |s: &str| Branding::parse_accent(s);
        for dark in ["#0f766e", "#0b5cad", "#7c3aed", "#000000", "#6d28d9"] {
            assert!(accent(dark).is_ok(), "{dark}");
        }
        // The yellow of the issue: white on it is 1.32:1, and it on the notices' grey 1.21:1.
        let refused = accent("#fde047").unwrap_err();
        assert_eq!(refused.field, "accent_color");
        assert_eq!(refused.invalid, Invalid::LowContrast { contrast_tenths: 12 });
        assert_eq!(refused.invalid.code(), "low_contrast");
        // #767676 is AA on white (4.54) but not on the notices' grey (#f3f5f7).
        assert_eq!(accent("#767676").unwrap_err().invalid, Invalid::LowContrast { contrast_tenths: 41 });
        assert!(accent("#6b6b6b").is_ok());
        // Borderline: 4.505:1 on the grey, accepted; 4.49 is not rounded up into it.
        assert!(accent("#a16207").is_ok());
        assert_eq!(accent("#dc2626").unwrap_err().invalid, Invalid::LowContrast { contrast_tenths: 44 });
        assert_eq!(accent("yellow").unwrap_err().invalid, Invalid::NotAColour);
    }

    #[test]
    fn settings_refuse_an_unreadable_accent() {
        let mut s = settings();
        s.branding.accent_color = HexColor::parse("#FDE047").unwrap();
        assert_eq!(s.validate().unwrap_err().field, "accent_color");
    }

    #[test]
    fn logo_must_be_a_web_address() {
        assert!(Branding::parse_logo_url("https://cdn.example/logo.svg").is_ok());
        assert_eq!(Branding::parse_logo_url("javascript:alert(1)").unwrap_err().invalid, Invalid::NotAUrl);
    }
}
