//! Candor's careers widget: `<candor-careers company="…" [posting="…"]>`,
//! rendered by Leptos inside each element's Shadow DOM, and the parts the
//! candidate bundle (`candidate/`) shares with it.

pub mod api_client;
pub mod candidate_bundle;
pub mod context;
pub mod element;
pub mod first_view;
pub mod format;
pub mod i18n;
pub mod lost_link;
pub mod my_applications;
pub mod once_per_page;
pub mod postings;
pub mod remembered;
pub mod routing;
pub mod states;
pub mod widget;

/// The attributes whose change restarts a `<candor-careers>`.
pub const CAREERS_ATTRIBUTES: [&str; 4] = ["company", "posting", "lang", "api"];
