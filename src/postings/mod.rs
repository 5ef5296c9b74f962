//! Postings in the widget: the filterable list, one posting with its
//! process, and the search-engine data for it.

pub mod apply;
mod detail;
mod jsonld;
mod list;
mod qa;
mod rich_text;

pub use detail::PostingView;
pub use list::Browser;

use candor_api::{PostingSummary, Stage};
use leptos::prelude::*;
use serde::Deserialize;

use crate::context::Widget;
use crate::format;

/// `GET …/postings/{posting}` as the widget reads it: the API's
/// `PostingDetail` without its screening questions, which only the
/// candidate bundle's application form shows (it reads the posting itself).
/// Reading them here would link their deserialiser, several KB, into the
/// widget every visitor downloads; serde skips the field instead.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PostingPage {
    pub summary: PostingSummary,
    /// In the safe text subset of `candor_api::rich_text`; never HTML.
    pub description: String,
    pub stages: Vec<Stage>,
}

impl PostingPage {
    /// Days the whole process usually takes, summed over its stages
    /// (as `PostingDetail::typical_total_days`).
    pub fn typical_total_days(&self) -> u32 {
        self.stages.iter().map(|s| u32::from(s.expected_days)).sum()
    }
}

/// The `lang` of a posting's own texts, set on each of them (the words
/// around them are the widget's): a posting not written in the visitor's
/// language is then pronounced as written by screen readers, and
/// hyphenated right.
fn content_lang(posting: &PostingSummary) -> &'static str {
    posting.lang.tag()
}

/// The line of facts under a posting's title, on its card and its page:
/// department, place, how remote, kind of contract.
fn facts(posting: &PostingSummary) -> impl IntoView + use<> {
    let widget = expect_context::<Widget>();
    let (t, locale) = (widget.t, widget.locale);
    view! {
        <p class="meta">
            <span lang=content_lang(posting)>{posting.department.clone()}</span>
            <span>{format::place(locale, posting)}</span>
            <span class="chip">{t.workplace(posting.workplace)}</span>
            <span>{t.employment_type(posting.employment_type)}</span>
        </p>
    }
}

/// Marks the first time `name` is on screen (`performance.mark`): the
/// benchmark reads "candor:postings-painted" (the list) and
/// "candor:posting-painted" (one posting) as the widget's first paint.
fn mark_painted(name: &'static str) {
    thread_local!(static MARKED: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) });
    let first = MARKED.with(|m| {
        let mut m = m.borrow_mut();
        let first = !m.contains(&name);
        if first {
            m.push(name);
        }
        first
    });
    // The loader marks it when it drew the view from the last visit.
    let drawn =
        web_sys::window().and_then(|w| w.performance()).is_some_and(|p| p.get_entries_by_name(name).length() > 0);
    if !first || drawn {
        return;
    }
    // A frame, then a task: the mark lands after the frame is painted.
    request_animation_frame(move || {
        set_timeout(
            move || {
                if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                    let _ = performance.mark(name);
                }
            },
            std::time::Duration::ZERO,
        )
    });
}

#[cfg(test)]
mod tests {
    use candor_api::{Day, EmploymentType, Location, PostingDetail, PostingSlug, QuestionKind, Workplace};

    use super::*;

    #[test]
    fn a_posting_page_reads_the_apis_posting_without_its_questions() {
        let summary = PostingSummary {
            slug: PostingSlug::parse("orthodontist").unwrap(),
            title: "Orthodontist".into(),
            department: "Clinical".into(),
            location: Location { city: "Turku".into(), country: "FI".into() },
            workplace: Workplace::OnSite,
            employment_type: EmploymentType::FullTime,
            teaser: String::new(),
            salary: None,
            published_on: Day::parse("2026-11-09").unwrap(),
            closes_on: None,
            lang: candor_api::Locale::Sv,
        };
        let stages = vec![
            Stage { name: "Interview".into(), expected_days: 5, description: String::new() },
            Stage { name: "Offer".into(), expected_days: 2, description: "A call".into() },
        ];
        let detail = PostingDetail {
            summary: summary.clone(),
            description: "Smiles".into(),
            stages: stages.clone(),
            screening_questions: vec![candor_api::ScreeningQuestion {
                key: candor_api::QuestionKey::parse("licence").unwrap(),
                prompt: "Licensed?".into(),
                required: true,
                kind: QuestionKind::SingleChoice { options: vec!["yes".into(), "no".into()] },
            }],
        };
        let page: PostingPage = serde_json::from_str(&serde_json::to_string(&detail).unwrap()).unwrap();
        assert_eq!(page, PostingPage { summary, description: "Smiles".into(), stages });
        assert_eq!(page.typical_total_days(), detail.typical_total_days());
    }
}
