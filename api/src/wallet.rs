//! The profile wallet: a candidate's profile kept on Candor's own origin
//! (`/me`), in that browser only, and handed to a company's careers page
//! only on the candidate's word.
//!
//! Browsers partition storage by the top-level site, so a careers page on
//! `careers.northwind.example` can't read what Candor kept for a page on
//! `jobs.harbour.example`. The wallet is a first-party window instead: the
//! careers page opens it, and the two talk by `postMessage`, the page's
//! origin as the browser reports it deciding whether it may receive
//! anything. These are the messages and the rules both sides apply.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::origin::Origin;
use crate::profile::Profile;
use crate::qa::AskedQuestion;
use crate::slug::CompanySlug;
use crate::timeline::ApplicationStatus;

/// `GET /api/v1/companies/{company}/sites`: the careers sites a company
/// embeds Candor on, the only pages its wallet share may go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CareersSites {
    /// The company's name, as the wallet names who is asking.
    pub name: String,
    pub origins: Vec<Origin>,
}

/// Whether a page whose origin the browser reports as `origin` may receive
/// what the candidate shares with `sites`' company: exactly one of its
/// careers sites, or Candor's own origin (`candor`), whose pages (the demo's
/// careers pages) are Candor's. Anything else, a look-alike host or another
/// port, gets nothing.
pub fn may_receive(origin: &str, sites: &CareersSites, candor: &str) -> bool {
    let Ok(origin) = Origin::parse(origin) else { return false };
    // The browser's origin has no trailing slash and is lowercase already;
    // parsing both sides compares like with like.
    let own = Origin::parse(candor).is_ok_and(|c| c == origin);
    own || sites.origins.contains(&origin)
}

/// A part of the profile the candidate can choose to share or keep back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Name, e-mail address, phone and where they live.
    Contact,
    /// The headline and the summary.
    About,
    Links,
    Work,
    Education,
    Skills,
    Languages,
    /// The JSON Resume sections Candor has no fields for (projects, awards…).
    OtherSections,
}

impl Part {
    pub const ALL: [Part; 8] = [
        Part::Contact,
        Part::About,
        Part::Links,
        Part::Work,
        Part::Education,
        Part::Skills,
        Part::Languages,
        Part::OtherSections,
    ];

    /// Whether `kept` has anything in this part: an empty part is not offered.
    pub fn present(self, kept: &Kept) -> bool {
        let p = &kept.profile;
        match self {
            Part::Contact => [&p.name, &p.email, &p.phone, &p.location].iter().any(|s| !s.trim().is_empty()),
            Part::About => !p.headline.trim().is_empty() || !p.summary.trim().is_empty(),
            Part::Links => !p.links.is_empty(),
            Part::Work => !p.work.is_empty(),
            Part::Education => !p.education.is_empty(),
            Part::Skills => !p.skills.is_empty(),
            Part::Languages => !p.languages.is_empty(),
            Part::OtherSections => !kept.other_sections.is_empty(),
        }
    }

    /// How many entries the part holds (jobs, schools…), for its line in
    /// the wallet; `None` for the parts that are fields, not lists.
    pub fn count(self, kept: &Kept) -> Option<usize> {
        let p = &kept.profile;
        match self {
            Part::Contact | Part::About => None,
            Part::Links => Some(p.links.len()),
            Part::Work => Some(p.work.len()),
            Part::Education => Some(p.education.len()),
            Part::Skills => Some(p.skills.len()),
            Part::Languages => Some(p.languages.len()),
            Part::OtherSections => Some(kept.other_sections.len()),
        }
    }

    /// Copies this part of `from` over the same part of `to`, leaving the
    /// rest of `to` as it was.
    pub fn copy(self, from: &Kept, to: &mut Kept) {
        let (f, t) = (&from.profile, &mut to.profile);
        match self {
            Part::Contact => {
                t.name.clone_from(&f.name);
                t.email.clone_from(&f.email);
                t.phone.clone_from(&f.phone);
                t.location.clone_from(&f.location);
            }
            Part::About => {
                t.headline.clone_from(&f.headline);
                t.summary.clone_from(&f.summary);
            }
            Part::Links => t.links.clone_from(&f.links),
            Part::Work => t.work.clone_from(&f.work),
            Part::Education => t.education.clone_from(&f.education),
            Part::Skills => t.skills.clone_from(&f.skills),
            Part::Languages => t.languages.clone_from(&f.languages),
            Part::OtherSections => to.other_sections.clone_from(&from.other_sections),
        }
    }
}

/// A profile as a browser keeps it: the fields, and the JSON Resume
/// sections Candor has no fields for, kept for the export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Kept {
    pub profile: Profile,
    #[serde(default)]
    pub other_sections: Map<String, Value>,
}

impl Kept {
    /// Only `parts` of this profile: what leaves the wallet.
    pub fn only(&self, parts: &[Part]) -> Kept {
        let mut out = Kept::default();
        for part in parts {
            part.copy(self, &mut out);
        }
        out
    }

    /// This profile with `parts` of `shared` put over it: what a form holds
    /// once filled, keeping what the candidate held back as the form had it.
    pub fn filled_from(&self, shared: &Kept, parts: &[Part]) -> Kept {
        let mut out = self.clone();
        for part in parts {
            part.copy(shared, &mut out);
        }
        out
    }

    /// The parts that hold something.
    pub fn parts(&self) -> Vec<Part> {
        Part::ALL.into_iter().filter(|p| p.present(self)).collect()
    }
}

/// What a wallet entry follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Application,
    Question,
}

/// An application or question this browser sent through a careers page,
/// kept in the wallet so the candidate can follow all of them in one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entry {
    pub kind: EntryKind,
    /// Its private status token (`a_…`, `q_…`).
    pub token: String,
    pub company: CompanySlug,
    pub company_name: String,
    pub posting: String,
    pub title: String,
    /// A question's own words; empty for an application.
    #[serde(default)]
    pub text: String,
}

impl Entry {
    /// The application whose status, followed by `token`, is `status`.
    pub fn application(token: String, status: &ApplicationStatus) -> Entry {
        Entry {
            kind: EntryKind::Application,
            token,
            company: status.company.slug.clone(),
            company_name: status.company.name.clone(),
            posting: status.posting.slug.to_string(),
            title: status.posting.title.clone(),
            text: String::new(),
        }
    }

    /// The question `asked`, followed by `token`.
    pub fn question(token: String, asked: &AskedQuestion) -> Entry {
        Entry {
            kind: EntryKind::Question,
            token,
            company: asked.company.slug.clone(),
            company_name: asked.company.name.clone(),
            posting: asked.posting.slug.to_string(),
            title: asked.posting.title.clone(),
            text: asked.text.clone(),
        }
    }
}

/// `kept` with `new` put first (newest first), one entry per token.
pub fn keep_entries(kept: &[Entry], new: &[Entry]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::with_capacity(kept.len() + new.len());
    for e in new.iter().chain(kept) {
        if !out.iter().any(|o| o.token == e.token) {
            out.push(e.clone());
        }
    }
    out
}

/// What the careers page and the wallet's window say to each other. Sent as
/// JSON text inside `{"candor_wallet": …}` (see [`Message::to_text`]), so
/// that other messages a page gets (another script's) are told apart and
/// ignored. Externally tagged inside it, not `#[serde(tag)]`: an internally
/// tagged enum links serde's buffering deserialiser into the bundle: 12.6 KB
/// brotli of the candidate bundle, measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Message {
    /// The wallet's window is open and listening. Carries nothing, so it may
    /// go to an opener whose origin the wallet doesn't know yet.
    Ready,
    /// The careers page asks for the candidate's profile for `company`.
    Request { company: CompanySlug },
    /// The careers page offers what it holds after an application or a
    /// question for the wallet to keep: the profile, the status links.
    Offer {
        company: CompanySlug,
        #[serde(default)]
        profile: Option<Kept>,
        #[serde(default)]
        entries: Vec<Entry>,
    },
    /// The wallet's answer to `Request`, on the candidate's confirmation:
    /// only the `parts` they left ticked.
    Shared { kept: Kept, parts: Vec<Part> },
    /// The wallet's answer to `Offer`: what it kept.
    Saved { profile: bool, entries: usize },
    /// The candidate said no, or the page may not receive anything.
    Declined,
}

/// The envelope every message travels in.
#[derive(Serialize, Deserialize)]
struct Envelope<M> {
    candor_wallet: M,
}

impl Message {
    pub fn to_text(&self) -> String {
        serde_json::to_string(&Envelope { candor_wallet: self }).unwrap_or_default()
    }

    /// `None` for anything that isn't one of these messages.
    pub fn from_text(text: &str) -> Option<Message> {
        serde_json::from_str::<Envelope<Message>>(text).ok().map(|e| e.candor_wallet)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{LanguageSkill, Work};

    fn aino() -> Kept {
        let mut other = Map::new();
        other.insert("projects".into(), Value::Array(vec![Value::String("Smile clinic".into())]));
        Kept {
            profile: Profile {
                name: "Aino Virtanen".into(),
                email: "aino@example.com".into(),
                phone: "+358 40 123 4567".into(),
                location: "Tampere".into(),
                headline: "Dental hygienist".into(),
                summary: "Six years in private practice.".into(),
                work: vec![Work { organisation: "Hammas Oy".into(), position: "Hygienist".into(), ..Work::default() }],
                skills: vec!["Periodontal care".into()],
                languages: vec![LanguageSkill { language: "Finnish".into(), fluency: "native".into() }],
                ..Profile::default()
            },
            other_sections: other,
        }
    }

    fn sites(origins: &[&str]) -> CareersSites {
        CareersSites { name: "Northwind".into(), origins: origins.iter().map(|o| Origin::parse(o).unwrap()).collect() }
    }

    #[test]
    fn only_a_company_site_or_candor_itself_may_receive() {
        let s = sites(&["https://careers.northwind.example", "http://127.0.0.2:8080"]);
        let candor = "http://127.0.0.1:3000/";
        assert!(may_receive("https://careers.northwind.example", &s, candor));
        assert!(may_receive("http://127.0.0.2:8080", &s, candor));
        assert!(may_receive("http://127.0.0.1:3000", &s, candor), "Candor's own demo pages");
        assert!(!may_receive("http://127.0.0.2:8081", &s, candor), "another port is another origin");
        assert!(!may_receive("http://careers.northwind.example", &s, candor), "http is not https");
        assert!(!may_receive("https://careers.northwind.example.evil.example", &s, candor));
        assert!(!may_receive("https://evil.example", &s, candor));
        assert!(!may_receive("null", &s, candor), "a sandboxed frame's opaque origin");
        assert!(!may_receive("", &s, candor));
    }

    #[test]
    fn what_is_held_back_never_leaves_the_wallet() {
        let kept = aino();
        let shared = kept.only(&[Part::Contact, Part::Work]);
        assert_eq!(shared.profile.name, "Aino Virtanen");
        assert_eq!(shared.profile.work.len(), 1);
        assert_eq!(shared.profile.headline, "");
        assert_eq!(shared.profile.summary, "");
        assert!(shared.profile.skills.is_empty());
        assert!(shared.profile.languages.is_empty());
        assert!(shared.other_sections.is_empty());
        assert_eq!(kept.only(&Part::ALL), kept);
        assert_eq!(kept.only(&[]), Kept::default());
    }

    #[test]
    fn a_form_filled_from_the_wallet_keeps_what_was_held_back() {
        let mut form = Kept::default();
        form.profile.headline = "Typed on this page".into();
        form.profile.name = "A. Virtanen".into();
        let filled = form.filled_from(&aino().only(&[Part::Contact]), &[Part::Contact]);
        assert_eq!(filled.profile.name, "Aino Virtanen");
        assert_eq!(filled.profile.email, "aino@example.com");
        assert_eq!(filled.profile.headline, "Typed on this page", "About was not shared");
    }

    #[test]
    fn only_parts_that_hold_something_are_offered() {
        let kept = aino();
        assert_eq!(
            kept.parts(),
            vec![Part::Contact, Part::About, Part::Work, Part::Skills, Part::Languages, Part::OtherSections]
        );
        assert_eq!(Part::Work.count(&kept), Some(1));
        assert_eq!(Part::Contact.count(&kept), None);
        assert!(Kept::default().parts().is_empty());
    }

    fn entry(token: &str, title: &str) -> Entry {
        Entry {
            kind: EntryKind::Application,
            token: token.into(),
            company: CompanySlug::parse("northwind").unwrap(),
            company_name: "Northwind Dental".into(),
            posting: "dental-hygienist".into(),
            title: title.into(),
            text: String::new(),
        }
    }

    #[test]
    fn entries_are_newest_first_and_one_per_token() {
        let kept = vec![entry("a_1", "Old"), entry("a_2", "Two")];
        let all = keep_entries(&kept, &[entry("a_3", "New"), entry("a_1", "Renamed")]);
        let tokens: Vec<_> = all.iter().map(|e| e.token.as_str()).collect();
        assert_eq!(tokens, ["a_3", "a_1", "a_2"]);
        assert_eq!(all[1].title, "Renamed");
        assert_eq!(keep_entries(&[], &[entry("a_1", "x"), entry("a_1", "x")]).len(), 1);
    }

    #[test]
    fn messages_round_trip_and_others_are_ignored() {
        let offer = Message::Offer {
            company: CompanySlug::parse("northwind").unwrap(),
            profile: Some(aino()),
            entries: vec![entry("a_1", "Hygienist")],
        };
        assert_eq!(Message::from_text(&offer.to_text()), Some(offer));
        assert_eq!(Message::Ready.to_text(), r#"{"candor_wallet":"ready"}"#);
        assert_eq!(Message::from_text(r#"{"type":"webpackOk"}"#), None);
        assert_eq!(Message::from_text("not json"), None);
        assert_eq!(Message::from_text(r#"{"candor_wallet":{"request":{"company":"Not A Slug"}}}"#), None);
        assert_eq!(
            Message::from_text(r#"{"candor_wallet":{"request":{"company":"northwind"}}}"#),
            Some(Message::Request { company: CompanySlug::parse("northwind").unwrap() })
        );
    }
}
