//! schema.org `JobPosting` data for the posting on screen, added to the host
//! page's `<head>` so that search engines' job listings find it. (An iframe
//! embed can't do this: its document is not the page being indexed.)

use candor_api::Workplace;
use leptos::prelude::*;
use serde::Serialize;

use super::PostingPage;
use crate::context::{CompanyInfo, Widget};

// Typed structs rather than `serde_json::json!`: a `Value` tree and its
// ordered map would add ~20 KB to the widget for one small document.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobPosting<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    /// The language of its texts: the translation shown, or the default's.
    in_language: &'static str,
    date_posted: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_through: Option<String>,
    employment_type: &'static str,
    identifier: PropertyValue<'a>,
    hiring_organization: Named<'a>,
    job_location: Place<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_location_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    applicant_location_requirements: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_salary: Option<MonetaryAmount<'a>>,
    /// Always: the posting's own page (its deep link) has the application
    /// form a click away, with no sign-up or second site in between, which
    /// is what Google's `directApply` asks.
    direct_apply: bool,
    url: &'a str,
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct PropertyValue<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    value: String,
}

#[derive(Serialize)]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    address: PostalAddress<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PostalAddress<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    address_locality: &'a str,
    address_country: &'a str,
}

#[derive(Serialize)]
struct MonetaryAmount<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    currency: &'a str,
    value: QuantitativeValue,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QuantitativeValue {
    #[serde(rename = "@type")]
    kind: &'static str,
    min_value: u32,
    max_value: u32,
    unit_text: &'static str,
}

pub fn document<'a>(
    posting: &'a PostingPage,
    company_name: &'a str,
    company_slug: &str,
    url: &'a str,
) -> JobPosting<'a> {
    let s = &posting.summary;
    let remote = s.workplace == Workplace::Remote;
    JobPosting {
        context: "https://schema.org/",
        kind: "JobPosting",
        title: &s.title,
        description: &posting.description,
        in_language: s.lang.tag(),
        date_posted: s.published_on.to_string(),
        valid_through: s.closes_on.map(|d| d.to_string()),
        employment_type: s.employment_type.schema_org(),
        identifier: PropertyValue {
            kind: "PropertyValue",
            name: company_name,
            value: format!("{company_slug}/{}", s.slug),
        },
        hiring_organization: Named { kind: "Organization", name: company_name },
        job_location: Place {
            kind: "Place",
            address: PostalAddress {
                kind: "PostalAddress",
                address_locality: &s.location.city,
                address_country: &s.location.country,
            },
        },
        job_location_type: remote.then_some("TELECOMMUTE"),
        applicant_location_requirements: remote.then(|| Named { kind: "Country", name: &s.location.country }),
        base_salary: s.salary.as_ref().map(|salary| MonetaryAmount {
            kind: "MonetaryAmount",
            currency: &salary.currency,
            value: QuantitativeValue {
                kind: "QuantitativeValue",
                min_value: salary.min,
                max_value: salary.max,
                unit_text: salary.period.schema_org(),
            },
        }),
        direct_apply: true,
        url,
    }
}

/// The script text: JSON with `<` escaped, so that even a page serialised
/// back to HTML can't have its `<script>` closed by a posting's text.
pub fn script_text(doc: &JobPosting<'_>) -> String {
    serde_json::to_string(doc).unwrap_or_default().replace('<', "\\u003c")
}

/// Keeps a `<script type="application/ld+json">` for `posting` in the host
/// document's head while the posting is shown.
#[component]
pub fn JsonLd(posting: PostingPage) -> impl IntoView {
    let widget = expect_context::<Widget>();
    let info = expect_context::<CompanyInfo>();
    let Some(page) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(head) = page.head() else { return };
    let Ok(script) = page.create_element("script") else { return };
    let _ = script.set_attribute("type", "application/ld+json");
    let company_slug = widget.company_slug();
    let _ = script.set_attribute("data-candor-posting", &format!("{company_slug}/{}", posting.summary.slug));
    let _ = head.append_child(&script);
    let url = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let element = send_wrapper::SendWrapper::new(script);
    let shown = element.clone();
    Effect::new(move |_| {
        // The company's name arrives with its settings; until then, its slug.
        let name = info.loaded().map(|c| c.name).unwrap_or_else(|| company_slug.clone());
        shown.set_text_content(Some(&script_text(&document(&posting, &name, &company_slug, &url))));
    });
    on_cleanup(move || element.remove());
}

#[cfg(test)]
mod tests {
    use super::*;
    use candor_api::{Day, EmploymentType, Locale, Location, PayPeriod, PostingSlug, PostingSummary, SalaryRange};
    use serde_json::Value;

    fn json(doc: &JobPosting<'_>) -> Value {
        serde_json::from_str(&script_text(doc)).unwrap()
    }

    fn posting(workplace: Workplace) -> PostingPage {
        PostingPage {
            summary: PostingSummary {
                slug: PostingSlug::parse("orthodontist").unwrap(),
                title: "Orthodontist".into(),
                department: "Clinical".into(),
                location: Location { city: "Turku".into(), country: "FI".into() },
                workplace,
                employment_type: EmploymentType::FullTime,
                teaser: String::new(),
                salary: Some(SalaryRange { min: 5000, max: 7000, currency: "EUR".into(), period: PayPeriod::Month }),
                published_on: Day::parse("2026-11-09").unwrap(),
                closes_on: Day::parse("2026-12-31").ok(),
                lang: Locale::Fi,
            },
            description: "Smiles </script><script>alert(1)</script>".into(),
            stages: vec![],
        }
    }

    #[test]
    fn describes_the_posting_for_search_engines() {
        let p = posting(Workplace::OnSite);
        let doc = json(&document(&p, "Northwind Dental", "northwind", "https://x.test/#candor/northwind/orthodontist"));
        assert_eq!(doc["@type"], "JobPosting");
        assert_eq!(doc["inLanguage"], "fi", "the language of the texts it carries");
        assert_eq!(doc["datePosted"], "2026-11-09");
        assert_eq!(doc["validThrough"], "2026-12-31", "the closing day, where there is one");
        assert_eq!(doc["directApply"], true, "the form is on the posting's own page");
        assert_eq!(doc["employmentType"], "FULL_TIME");
        assert_eq!(doc["hiringOrganization"]["name"], "Northwind Dental");
        assert_eq!(doc["jobLocation"]["address"]["addressLocality"], "Turku");
        assert_eq!(doc["baseSalary"]["value"]["unitText"], "MONTH");
        assert!(doc.get("jobLocationType").is_none());
    }

    #[test]
    fn remote_postings_say_so() {
        let p = posting(Workplace::Remote);
        let doc = json(&document(&p, "N", "n", ""));
        assert_eq!(doc["jobLocationType"], "TELECOMMUTE");
        assert_eq!(doc["applicantLocationRequirements"]["name"], "FI");
    }

    #[test]
    fn a_posting_without_a_closing_day_has_no_valid_through() {
        let mut p = posting(Workplace::OnSite);
        p.summary.closes_on = None;
        assert!(json(&document(&p, "N", "n", "")).get("validThrough").is_none());
    }

    #[test]
    fn script_text_cannot_close_its_script_element() {
        let p = posting(Workplace::OnSite);
        let text = script_text(&document(&p, "N", "n", ""));
        assert!(!text.contains('<'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert!(back["description"].as_str().unwrap().contains("</script>"));
    }
}
