//! JSON Resume (schema 1.0.0, <https://jsonresume.org/schema>) in and out of
//! a [`Profile`].
//!
//! Importing is forgiving: what maps to a profile field is taken, values of
//! the wrong type are skipped, and sections Candor has no field for (awards,
//! projects, volunteer, …) are kept aside and written back on export, so a
//! candidate's file survives a round trip through Candor. The profile's own
//! rules are checked afterwards, field by field, by `Profile::validate`.

use serde_json::{Map, Value, json};

use crate::profile::{Education, LanguageSkill, Link, Profile, Work};

pub const SCHEMA: &str = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

/// The sections a profile has fields for; everything else is kept as is.
const MAPPED: [&str; 5] = ["basics", "work", "education", "skills", "languages"];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is not JSON")]
    NotJson,
    #[error("the file is JSON but not a JSON Resume (no object at the top)")]
    NotAResume,
}

/// A profile read from a JSON Resume file, with the sections it had no
/// place for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    pub profile: Profile,
    pub other_sections: Map<String, Value>,
}

pub fn import(text: &str) -> Result<Imported, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|_| ImportError::NotJson)?;
    let Value::Object(resume) = value else { return Err(ImportError::NotAResume) };
    let empty = Map::new();
    let basics = resume.get("basics").and_then(Value::as_object).unwrap_or(&empty);
    let text =
        |o: &Map<String, Value>, key: &str| o.get(key).and_then(Value::as_str).unwrap_or_default().trim().to_owned();
    let objects =
        |key: &str| resume.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object);

    let mut links = Vec::new();
    let website = text(basics, "url");
    if !website.is_empty() {
        links.push(Link { label: "Website".into(), url: website });
    }
    for p in basics.get("profiles").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object) {
        let url = text(p, "url");
        if !url.is_empty() {
            links.push(Link { label: text(p, "network"), url });
        }
    }
    let location = basics.get("location").and_then(Value::as_object).map_or_else(String::new, |l| {
        ["city", "region", "countryCode"]
            .iter()
            .map(|k| text(l, k))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let work = objects("work")
        .map(|w| {
            // Highlights have no field of their own: they become lines of the summary.
            let highlights: Vec<String> = w
                .get("highlights")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(|h| format!("- {}", h.trim()))
                .collect();
            let summary =
                [text(w, "summary"), highlights.join("\n")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
            let organisation =
                [text(w, "name"), text(w, "company")].into_iter().find(|s| !s.is_empty()).unwrap_or_default();
            Work {
                organisation,
                position: text(w, "position"),
                start: text(w, "startDate"),
                end: text(w, "endDate"),
                summary: summary.join("\n\n"),
            }
        })
        .collect();
    let education = objects("education")
        .map(|e| Education {
            institution: text(e, "institution"),
            area: text(e, "area"),
            degree: text(e, "studyType"),
            start: text(e, "startDate"),
            end: text(e, "endDate"),
        })
        .collect();
    let skills = objects("skills").map(|s| text(s, "name")).filter(|s| !s.is_empty()).collect();
    let languages = objects("languages")
        .map(|l| LanguageSkill { language: text(l, "language"), fluency: text(l, "fluency") })
        .collect();

    let profile = Profile {
        name: text(basics, "name"),
        email: text(basics, "email"),
        phone: text(basics, "phone"),
        location,
        headline: text(basics, "label"),
        summary: text(basics, "summary"),
        links,
        work,
        education,
        skills,
        languages,
    };
    let other_sections = resume.into_iter().filter(|(k, _)| !MAPPED.contains(&k.as_str())).collect();
    Ok(Imported { profile, other_sections })
}

/// The profile as a JSON Resume document, with the sections kept from an import.
pub fn export(profile: &Profile, other_sections: &Map<String, Value>) -> Value {
    let skip_empty = |pairs: Vec<(&str, &str)>| -> Value {
        Value::Object(pairs.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (k.to_owned(), json!(v))).collect())
    };
    let (website, profiles): (Vec<&Link>, Vec<&Link>) = profile.links.iter().partition(|l| l.label == "Website");
    let mut basics = skip_empty(vec![
        ("name", &profile.name),
        ("label", &profile.headline),
        ("email", &profile.email),
        ("phone", &profile.phone),
        ("summary", &profile.summary),
    ]);
    if let Some(site) = website.first() {
        basics["url"] = json!(site.url);
    }
    if !profile.location.is_empty() {
        basics["location"] = json!({ "city": profile.location });
    }
    if !profiles.is_empty() {
        basics["profiles"] =
            profiles.iter().map(|l| skip_empty(vec![("network", &l.label), ("url", &l.url)])).collect();
    }
    let mut resume = other_sections.clone();
    resume.entry("$schema").or_insert_with(|| json!(SCHEMA));
    resume.insert("basics".into(), basics);
    resume.insert(
        "work".into(),
        profile
            .work
            .iter()
            .map(|w| {
                skip_empty(vec![
                    ("name", &w.organisation),
                    ("position", &w.position),
                    ("startDate", &w.start),
                    ("endDate", &w.end),
                    ("summary", &w.summary),
                ])
            })
            .collect(),
    );
    resume.insert(
        "education".into(),
        profile
            .education
            .iter()
            .map(|e| {
                skip_empty(vec![
                    ("institution", &e.institution),
                    ("area", &e.area),
                    ("studyType", &e.degree),
                    ("startDate", &e.start),
                    ("endDate", &e.end),
                ])
            })
            .collect(),
    );
    resume.insert("skills".into(), profile.skills.iter().map(|s| json!({ "name": s })).collect());
    resume.insert(
        "languages".into(),
        profile
            .languages
            .iter()
            .map(|l| skip_empty(vec![("language", &l.language), ("fluency", &l.fluency)]))
            .collect(),
    );
    Value::Object(resume)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
      "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
      "basics": {
        "name": "Aino Virtanen",
        "label": "Dental hygienist",
        "email": "aino@example.fi",
        "phone": "+358 40 123 4567",
        "url": "https://aino.example",
        "summary": "Six years in private practice.",
        "location": { "city": "Tampere", "countryCode": "FI" },
        "profiles": [{ "network": "LinkedIn", "username": "aino", "url": "https://linkedin.com/in/aino" }]
      },
      "work": [{
        "name": "Hammaskulma Oy", "position": "Dental hygienist", "startDate": "2019-03-01",
        "summary": "Periodontal care.", "highlights": ["Introduced reminder calls", "Mentored two students"]
      }],
      "education": [{ "institution": "TAMK", "area": "Oral hygiene", "studyType": "Bachelor", "endDate": "2019" }],
      "skills": [{ "name": "Periodontal care", "keywords": ["scaling"] }, { "level": "no name" }],
      "languages": [{ "language": "Finnish", "fluency": "Native speaker" }],
      "awards": [{ "title": "Hygienist of the year", "date": "2022" }],
      "meta": { "theme": "elegant" }
    }"#;

    #[test]
    fn imports_what_maps_and_keeps_the_rest() {
        let Imported { profile, other_sections } = import(SAMPLE).unwrap();
        assert_eq!(profile.name, "Aino Virtanen");
        assert_eq!(profile.headline, "Dental hygienist");
        assert_eq!(profile.location, "Tampere, FI");
        assert_eq!(profile.links.len(), 2);
        assert_eq!(profile.links[1], Link { label: "LinkedIn".into(), url: "https://linkedin.com/in/aino".into() });
        assert_eq!(profile.work[0].organisation, "Hammaskulma Oy");
        assert_eq!(
            profile.work[0].summary,
            "Periodontal care.\n\n- Introduced reminder calls\n- Mentored two students"
        );
        assert_eq!(profile.education[0].degree, "Bachelor");
        assert_eq!(profile.skills, vec!["Periodontal care"]);
        assert_eq!(profile.languages[0].fluency, "Native speaker");
        assert!(other_sections.contains_key("awards") && other_sections.contains_key("meta"));
        assert!(!other_sections.contains_key("basics"));
        let valid = profile.validate().unwrap();
        assert_eq!(valid.work[0].start, "2019-03");
    }

    #[test]
    fn export_then_import_gives_the_same_profile_and_sections() {
        let first = import(SAMPLE).unwrap();
        let profile = first.profile.validate().unwrap();
        let exported = export(&profile, &first.other_sections);
        assert_eq!(exported["$schema"], SCHEMA);
        assert_eq!(exported["awards"][0]["title"], "Hygienist of the year");
        assert_eq!(exported["basics"]["profiles"][0]["network"], "LinkedIn");
        let again = import(&exported.to_string()).unwrap();
        assert_eq!(again.profile.validate().unwrap(), profile);
        assert_eq!(again.other_sections, first.other_sections);
    }

    #[test]
    fn tolerates_wrong_types_and_refuses_non_resumes() {
        let odd = import(r#"{"basics": {"name": 42, "email": "a@b.fi"}, "work": "nope", "skills": [1, 2]}"#).unwrap();
        assert_eq!(odd.profile.name, "");
        assert_eq!(odd.profile.email, "a@b.fi");
        assert!(odd.profile.work.is_empty() && odd.profile.skills.is_empty());
        assert_eq!(import("[1, 2]"), Err(ImportError::NotAResume));
        assert_eq!(import("not json"), Err(ImportError::NotJson));
    }
}
