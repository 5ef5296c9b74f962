//! The console's addresses: every view has a path under `/console/`, so Back,
//! Forward and reload keep the recruiter where they were and a colleague can
//! be sent the link to one application.
//!
//! Hand-written over the History API rather than `leptos_router`: the
//! console has a dozen flat paths and one signal saying which is shown,
//! which the views already set; a router's nested outlets, its link
//! components and its extra crate (not in the offline build) would change
//! every view for nothing the console needs. A set-password link keeps its
//! secret after `#`, which this leaves alone.

use candor_api::PostingSlug;

/// What the console shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    Inbox,
    /// A posting's applications as a list.
    Applications(PostingSlug),
    /// A posting's applications as a board, a column per stage.
    Board(PostingSlug),
    /// A posting's progress report: its notes, its share links, and the
    /// report as its readers see it.
    Report(PostingSlug),
    Application(i64),
    Metrics,
    /// The candidates kept for later openings, while their consent lasts.
    TalentPool,
    Postings,
    /// The editor: a posting to edit, or a new one.
    EditPosting(Option<PostingSlug>),
    Settings,
    People,
    Tokens,
    /// Every mail Candor wrote, and how delivery went.
    Outbox,
    /// Who viewed, exported, erased, changed a role or made a token or a link.
    Audit,
    /// A path the console has no view for.
    NotFound,
}

const ROOT: &str = "/console/";

impl Screen {
    /// The path this view lives at.
    pub fn href(&self) -> String {
        let rest = match self {
            Screen::Inbox => String::new(),
            Screen::Applications(slug) => format!("postings/{slug}/applications"),
            Screen::Board(slug) => format!("postings/{slug}/board"),
            Screen::Report(slug) => format!("postings/{slug}/report"),
            Screen::Application(id) => format!("applications/{id}"),
            Screen::Metrics => "metrics".into(),
            Screen::TalentPool => "talent-pool".into(),
            Screen::Postings => "postings".into(),
            Screen::EditPosting(None) => "postings/new".into(),
            Screen::EditPosting(Some(slug)) => format!("postings/{slug}/edit"),
            Screen::Settings => "settings".into(),
            Screen::People => "people".into(),
            Screen::Tokens => "tokens".into(),
            Screen::Outbox => "outbox".into(),
            Screen::Audit => "audit".into(),
            Screen::NotFound => "not-found".into(),
        };
        format!("{ROOT}{rest}")
    }

    /// The view a path names (a trailing slash or none, the same).
    pub fn parse(path: &str) -> Screen {
        let Some(rest) = path.strip_prefix(ROOT).or_else(|| (path == "/console").then_some("")) else {
            return Screen::NotFound;
        };
        let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
        let slug = |s: &str| PostingSlug::parse(s).ok();
        match parts.as_slice() {
            [] => Screen::Inbox,
            ["metrics"] => Screen::Metrics,
            ["talent-pool"] => Screen::TalentPool,
            ["postings"] => Screen::Postings,
            ["postings", "new"] => Screen::EditPosting(None),
            ["settings"] => Screen::Settings,
            ["people"] => Screen::People,
            ["tokens"] => Screen::Tokens,
            ["outbox"] => Screen::Outbox,
            ["audit"] => Screen::Audit,
            ["applications", id] => id.parse().map_or(Screen::NotFound, Screen::Application),
            ["postings", s, "applications"] => slug(s).map_or(Screen::NotFound, Screen::Applications),
            ["postings", s, "board"] => slug(s).map_or(Screen::NotFound, Screen::Board),
            ["postings", s, "report"] => slug(s).map_or(Screen::NotFound, Screen::Report),
            ["postings", s, "edit"] => slug(s).map_or(Screen::NotFound, |s| Screen::EditPosting(Some(s))),
            _ => Screen::NotFound,
        }
    }

    /// The page's title, so history and tabs say which view each entry is,
    /// in the language in use.
    pub fn title(&self) -> String {
        let t = crate::i18n::t();
        let slug = |text: &str, slug: &PostingSlug| text.replace("{slug}", slug.as_str());
        let what = match self {
            Screen::Inbox => t.title_inbox.to_owned(),
            Screen::Applications(s) => slug(t.title_applications, s),
            Screen::Board(s) => slug(t.title_board, s),
            Screen::Report(s) => slug(t.title_report, s),
            Screen::Application(id) => t.title_application.replace("{id}", &id.to_string()),
            Screen::Metrics => t.tab_metrics.to_owned(),
            Screen::TalentPool => t.tab_pool.to_owned(),
            Screen::Postings => t.tab_postings.to_owned(),
            Screen::EditPosting(None) => t.new_posting.to_owned(),
            Screen::EditPosting(Some(s)) => slug(t.title_edit, s),
            Screen::Settings => t.tab_settings.to_owned(),
            Screen::People => t.tab_people.to_owned(),
            Screen::Tokens => t.tab_tokens.to_owned(),
            Screen::Outbox => t.tab_outbox.to_owned(),
            Screen::Audit => t.tab_audit.to_owned(),
            Screen::NotFound => t.title_not_found.to_owned(),
        };
        t.page_title.replace("{view}", &what)
    }
}

/// Gives the page the title of `screen`.
pub fn set_title(screen: &Screen) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&screen.title());
    }
}

/// The view the browser's address names now.
pub fn current() -> Screen {
    web_sys::window().and_then(|w| w.location().pathname().ok()).map_or(Screen::Inbox, |p| Screen::parse(&p))
}

/// Makes the address say `screen` (a new history entry) unless it already
/// does; a set-password hash is left to its own code.
pub fn show(screen: &Screen) {
    let Some(window) = web_sys::window() else { return };
    set_title(screen);
    if current() == *screen {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&screen.href()));
    }
}

/// The reader's page of a shared report (`/report#token`): the console's
/// bundle answers it too, showing only the report, with no sign-in.
pub const READER_PATH: &str = "/report";

/// Whether the page is a report's reader's.
pub fn is_reader_page() -> bool {
    web_sys::window().and_then(|w| w.location().pathname().ok()).is_some_and(|p| p.trim_end_matches('/') == READER_PATH)
}

/// Whether a click on a link to `href` is the console's to follow in the
/// page: its own views, a plain click (a modified one opens a tab as usual),
/// not its API, assets or a download.
pub fn is_view(href: &str) -> bool {
    (href == "/console" || href.starts_with(ROOT))
        && !href.starts_with("/console/api/")
        && !href.starts_with("/console/assets/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(s: &str) -> PostingSlug {
        PostingSlug::parse(s).unwrap()
    }

    #[test]
    fn every_view_has_a_path_that_names_it_again() {
        let all = [
            Screen::Inbox,
            Screen::Applications(slug("dental-hygienist")),
            Screen::Board(slug("dental-hygienist")),
            Screen::Report(slug("dental-hygienist")),
            Screen::Application(42),
            Screen::Metrics,
            Screen::Postings,
            Screen::EditPosting(None),
            Screen::EditPosting(Some(slug("new-role"))),
            Screen::Settings,
            Screen::People,
            Screen::Tokens,
            Screen::Outbox,
            Screen::Audit,
        ];
        for screen in all {
            assert_eq!(Screen::parse(&screen.href()), screen, "{}", screen.href());
        }
        assert_eq!(Screen::Board(slug("dental-hygienist")).href(), "/console/postings/dental-hygienist/board");
    }

    #[test]
    fn paths_are_read_leniently_and_unknown_ones_say_so() {
        assert_eq!(Screen::parse("/console"), Screen::Inbox);
        assert_eq!(Screen::parse("/console/metrics/"), Screen::Metrics);
        assert_eq!(Screen::parse("/console/applications/abc"), Screen::NotFound);
        assert_eq!(Screen::parse("/console/postings/Not A Slug/board"), Screen::NotFound);
        assert_eq!(Screen::parse("/console/nothing"), Screen::NotFound);
        assert!(is_view("/console/applications/3"));
        assert!(!is_view("/console/api/session"));
        assert!(!is_view("/api/v1/recruiter/applications/3/cv"));
    }
}
