//! Postings in the widget: the filterable list, one posting with its
//! process, and the search-engine data for it.

mod detail;
mod jsonld;
mod list;
mod rich_text;

pub use detail::PostingView;
pub use list::Browser;
