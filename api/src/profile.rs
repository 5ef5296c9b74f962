//! The candidate's profile: filled in once, kept in their browser, sent with
//! each application.
//!
//! Optional texts are empty strings rather than `Option`s: a form field is
//! either filled or not, and the JSON stays the same shape either way.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::rules::{FieldError, Invalid, Problems, multi_line, single_line};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Where the candidate lives, as they write it ("Tampere, Finland").
    #[serde(default)]
    pub location: String,
    /// One line about themselves ("Dental hygienist, 6 years in private practice").
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub work: Vec<Work>,
    #[serde(default)]
    pub education: Vec<Education>,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub languages: Vec<LanguageSkill>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Link {
    /// What the link is ("Portfolio", "GitHub", "LinkedIn").
    #[serde(default)]
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Work {
    pub organisation: String,
    pub position: String,
    /// `YYYY` or `YYYY-MM`.
    #[serde(default)]
    pub start: String,
    /// `YYYY` or `YYYY-MM`; empty while it lasts.
    #[serde(default)]
    pub end: String,
    #[serde(default)]
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Education {
    pub institution: String,
    /// The field of study ("Oral hygiene").
    #[serde(default)]
    pub area: String,
    /// The degree or certificate ("Bachelor of Health Care").
    #[serde(default)]
    pub degree: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LanguageSkill {
    pub language: String,
    /// As the candidate puts it ("native", "fluent", "B2").
    #[serde(default)]
    pub fluency: String,
}

pub const NAME_MAX: usize = 100;
pub const EMAIL_MAX: usize = 254;
pub const SUMMARY_MAX: usize = 3000;
pub const LINKS_MAX: usize = 10;
pub const WORK_MAX: usize = 30;
pub const EDUCATION_MAX: usize = 20;
pub const SKILLS_MAX: usize = 50;
pub const LANGUAGES_MAX: usize = 20;

/// An e-mail address as a form can check it: one `@`, a local part, a domain
/// with a dot and no spaces, at most 254 characters, lowercase domain.
/// Deliberately not RFC 5322's full grammar (quoted local parts, comments),
/// which no candidate types and no mail form accepts; whether the address
/// really receives mail is what the acknowledgement e-mail finds out.
pub fn parse_email(field: impl Into<Cow<'static, str>>, raw: &str) -> Result<String, FieldError> {
    let field = field.into();
    let email = single_line(field.clone(), raw, 1, EMAIL_MAX)?;
    let invalid = || FieldError::new(field.clone(), Invalid::NotAnEmail);
    let (local, domain) = email.rsplit_once('@').ok_or_else(invalid)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with(['.', '-'])
        && !domain.contains("..")
        && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.contains('@')
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| {
            !c.is_whitespace() && !matches!(c, '"' | '(' | ')' | ',' | ':' | ';' | '<' | '>' | '[' | ']' | '\\')
        });
    if domain_ok && local_ok { Ok(format!("{local}@{}", domain.to_lowercase())) } else { Err(invalid()) }
}

/// A phone number as people write it: digits with `+`, spaces, dashes,
/// dots and parentheses, 5 to 20 digits.
pub fn parse_phone(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let phone = single_line(field, raw, 0, 30)?;
    if phone.is_empty() {
        return Ok(phone);
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '.' | '(' | ')'));
    if allowed && (5..=20).contains(&digits) {
        Ok(phone)
    } else {
        Err(FieldError::new(field, Invalid::NotAPhoneNumber))
    }
}

/// A web address a recruiter can open: `https://` or `http://` and a host.
pub fn parse_url(field: impl Into<Cow<'static, str>>, raw: &str) -> Result<String, FieldError> {
    let field = field.into();
    let url = single_line(field.clone(), raw, 1, 500)?;
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with(['/', '.']) && !rest.contains(char::is_whitespace) => {
            Ok(url)
        }
        _ => Err(FieldError::new(field, Invalid::NotAUrl)),
    }
}

/// `YYYY` or `YYYY-MM` (JSON Resume's dates may also carry a day, which is dropped).
pub fn parse_month(field: impl Into<Cow<'static, str>>, raw: &str) -> Result<String, FieldError> {
    let field = field.into();
    let text = raw.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    // Checked as bytes: slicing the text at fixed offsets would cut a
    // multi-byte character ("2019-€ab") and panic.
    let b = text.as_bytes();
    let year_ok = b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) && &b[..4] >= b"1900" && &b[..4] <= b"2199";
    let month_ok = || b.len() >= 7 && b[4] == b'-' && matches!(b[5..7], [b'0', b'1'..=b'9'] | [b'1', b'0'..=b'2']);
    match (year_ok, b.len()) {
        (true, 4) => Ok(text.to_owned()),
        (true, 7) if month_ok() => Ok(text.to_owned()),
        // The first seven bytes are ASCII here, so `..7` is a character boundary.
        (true, 10) if month_ok() && crate::Day::parse(text).is_ok() => Ok(text[..7].to_owned()),
        _ => Err(FieldError::new(field, Invalid::NotAMonth)),
    }
}

fn at(list: &str, i: usize, field: &str) -> Cow<'static, str> {
    Cow::Owned(format!("{list}[{i}].{field}"))
}

fn at_most<T>(field: &'static str, items: &[T], max: usize) -> Result<(), FieldError> {
    if items.len() > max {
        Err(FieldError::new(field, Invalid::OutOfRange { min: 0, max: max as i64 }))
    } else {
        Ok(())
    }
}

impl Profile {
    /// Checks every rule and returns the profile normalised (trimmed texts,
    /// lowercase e-mail domain, months without days, blank rows dropped),
    /// or the first rule broken.
    pub fn validate(&self) -> Result<Profile, FieldError> {
        let mut problems = Problems::default();
        let profile = self.checked(&mut problems);
        problems.or_first(profile)
    }

    /// As [`Profile::validate`], with every rule broken, in the form's order.
    pub fn validate_all(&self) -> Result<Profile, Vec<FieldError>> {
        let mut problems = Problems::default();
        let profile = self.checked(&mut problems);
        problems.or_all(profile)
    }

    fn checked(&self, problems: &mut Problems) -> Profile {
        let name = problems.check(single_line("name", &self.name, 1, NAME_MAX));
        let email = problems.check(parse_email("email", &self.email));
        let phone = problems.check(parse_phone("phone", &self.phone));
        let location = problems.check(single_line("location", &self.location, 0, 100));
        let headline = problems.check(single_line("headline", &self.headline, 0, 120));
        let summary = problems.check(multi_line("summary", &self.summary, 0, SUMMARY_MAX));
        problems.check(at_most("links", &self.links, LINKS_MAX));
        let mut links = Vec::new();
        for (i, l) in self.links.iter().enumerate() {
            if l.label.trim().is_empty() && l.url.trim().is_empty() {
                continue;
            }
            links.push(Link {
                label: problems.check(single_line(at("links", i, "label"), &l.label, 0, 60)),
                url: problems.check(parse_url(at("links", i, "url"), &l.url)),
            });
        }
        problems.check(at_most("work", &self.work, WORK_MAX));
        let mut work = Vec::new();
        for (i, w) in self.work.iter().enumerate().filter(|(_, w)| *w != &Work::default()) {
            work.push(Work {
                position: problems.check(single_line(at("work", i, "position"), &w.position, 1, 120)),
                organisation: problems.check(single_line(at("work", i, "organisation"), &w.organisation, 1, 120)),
                start: problems.check(parse_month(at("work", i, "start"), &w.start)),
                end: problems.check(parse_month(at("work", i, "end"), &w.end)),
                summary: problems.check(multi_line(at("work", i, "summary"), &w.summary, 0, 2000)),
            });
        }
        problems.check(at_most("education", &self.education, EDUCATION_MAX));
        let mut education = Vec::new();
        for (i, e) in self.education.iter().enumerate().filter(|(_, e)| *e != &Education::default()) {
            education.push(Education {
                institution: problems.check(single_line(at("education", i, "institution"), &e.institution, 1, 120)),
                degree: problems.check(single_line(at("education", i, "degree"), &e.degree, 0, 120)),
                area: problems.check(single_line(at("education", i, "area"), &e.area, 0, 120)),
                start: problems.check(parse_month(at("education", i, "start"), &e.start)),
                end: problems.check(parse_month(at("education", i, "end"), &e.end)),
            });
        }
        problems.check(at_most("skills", &self.skills, SKILLS_MAX));
        let skills = self
            .skills
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.trim().is_empty())
            .map(|(i, s)| problems.check(single_line(Cow::Owned(format!("skills[{i}]")), s, 1, 60)))
            .collect();
        problems.check(at_most("languages", &self.languages, LANGUAGES_MAX));
        let mut languages = Vec::new();
        for (i, l) in self.languages.iter().enumerate().filter(|(_, l)| *l != &LanguageSkill::default()) {
            languages.push(LanguageSkill {
                language: problems.check(single_line(at("languages", i, "language"), &l.language, 1, 60)),
                fluency: problems.check(single_line(at("languages", i, "fluency"), &l.fluency, 0, 60)),
            });
        }
        Profile { name, email, phone, location, headline, summary, links, work, education, skills, languages }
    }

    /// Whether the profile has what an application needs, so that applying
    /// can be one click.
    pub fn is_complete(&self) -> bool {
        self.validate().is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aino() -> Profile {
        Profile {
            name: " Aino Virtanen ".into(),
            email: "aino.virtanen@Example.FI".into(),
            phone: "+358 40 123 4567".into(),
            location: "Tampere, Finland".into(),
            headline: "Dental hygienist".into(),
            summary: "Six years in private practice.\r\nCalm with nervous patients.".into(),
            links: vec![Link { label: "Portfolio".into(), url: "https://aino.example".into() }, Link::default()],
            work: vec![Work {
                organisation: "Hammaskulma Oy".into(),
                position: "Dental hygienist".into(),
                start: "2019-03".into(),
                end: "".into(),
                summary: "".into(),
            }],
            education: vec![Education {
                institution: "TAMK".into(),
                degree: "Bachelor of Health Care".into(),
                start: "2015".into(),
                end: "2019-05-31".into(),
                ..Default::default()
            }],
            skills: vec!["Periodontal care".into(), " ".into()],
            languages: vec![LanguageSkill { language: "Finnish".into(), fluency: "native".into() }],
        }
    }

    #[test]
    fn a_full_profile_is_normalised() {
        let p = aino().validate().unwrap();
        assert_eq!(p.name, "Aino Virtanen");
        assert_eq!(p.email, "aino.virtanen@example.fi");
        assert_eq!(p.summary, "Six years in private practice.\nCalm with nervous patients.");
        assert_eq!(p.links.len(), 1, "the empty row is dropped");
        assert_eq!(p.skills, vec!["Periodontal care"]);
        assert_eq!(p.education[0].end, "2019-05", "a day is dropped");
        assert!(aino().is_complete());
    }

    #[test]
    fn name_and_email_are_what_an_application_needs() {
        let minimal = Profile { name: "A".into(), email: "a@b.fi".into(), ..Default::default() };
        assert!(minimal.is_complete());
        assert!(!Profile::default().is_complete());
        let e = Profile { email: "".into(), ..minimal.clone() }.validate().unwrap_err();
        assert_eq!((e.field.as_ref(), e.invalid), ("email", Invalid::Required));
    }

    #[test]
    fn email_rules() {
        for good in ["a@b.fi", "first.last+tag@sub.example.com", "ö@exämple.fi"] {
            assert!(parse_email("email", good).is_ok(), "{good}");
        }
        for bad in [
            "plain",
            "@b.fi",
            "a@",
            "a@b",
            "a b@c.fi",
            "a@b..fi",
            "a@.b.fi",
            ".a@b.fi",
            "a.@b.fi",
            "a@b@c.fi",
            "a\"b@c.fi",
        ] {
            assert_eq!(parse_email("email", bad).unwrap_err().invalid, Invalid::NotAnEmail, "{bad}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(parse_email("email", &long).unwrap_err().invalid, Invalid::TooLong { max: EMAIL_MAX });
    }

    #[test]
    fn phone_rules() {
        assert_eq!(parse_phone("phone", " (040) 123-4567 ").unwrap(), "(040) 123-4567");
        assert_eq!(parse_phone("phone", "").unwrap(), "");
        for bad in ["call me", "123", "+358 40 123 4567 ext 5", "1".repeat(21).as_str()] {
            assert!(parse_phone("phone", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn link_rules() {
        assert!(parse_url("u", "http://x.fi/a b").is_err());
        assert!(parse_url("u", "javascript:alert(1)").is_err());
        assert!(parse_url("u", "https://").is_err());
        assert!(parse_url("u", "https://github.com/aino").is_ok());
    }

    #[test]
    fn month_rules() {
        assert_eq!(parse_month("m", "2019").unwrap(), "2019");
        assert_eq!(parse_month("m", "2019-03").unwrap(), "2019-03");
        assert_eq!(parse_month("m", "2019-03-15").unwrap(), "2019-03");
        for bad in
            ["19", "2019-13", "2019-3", "March 2019", "2019-02-30", "1800", "2019-€ab", "2019-0€", "€019-03", "2019-1é"]
        {
            assert_eq!(parse_month("m", bad).unwrap_err().invalid, Invalid::NotAMonth, "{bad}");
        }
    }

    #[test]
    fn every_broken_rule_is_named_at_once() {
        let mut p = aino();
        p.name = "".into();
        p.links = vec![Link { label: "x".into(), url: "ftp://x".into() }];
        p.work[0].organisation = "".into();
        p.work[0].start = "March".into();
        let all = p.validate_all().unwrap_err();
        let fields: Vec<_> = all.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(fields, ["name", "links[0].url", "work[0].organisation", "work[0].start"]);
        assert_eq!(p.validate().unwrap_err(), all[0]);
        assert_eq!(aino().validate_all(), aino().validate().map_err(|e| vec![e]));
    }

    #[test]
    fn rows_name_their_place() {
        let mut p = aino();
        p.work[0].position = "".into();
        let e = p.validate().unwrap_err();
        assert_eq!((e.field.as_ref(), e.invalid), ("work[0].position", Invalid::Required));
        let mut p = aino();
        p.links = vec![Link { label: "x".into(), url: "ftp://x".into() }];
        assert_eq!(p.validate().unwrap_err().field, "links[0].url");
        let mut p = aino();
        p.skills = vec!["x".into(); SKILLS_MAX + 1];
        assert_eq!(p.validate().unwrap_err().field, "skills");
    }
}
