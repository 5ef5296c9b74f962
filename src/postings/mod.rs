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

use candor_api::PostingSummary;
use leptos::prelude::*;

use crate::context::Widget;
use crate::format;

/// The line of facts under a posting's title, on its card and its page:
/// department, place, how remote, kind of contract.
fn facts(posting: &PostingSummary) -> impl IntoView + use<> {
    let widget = expect_context::<Widget>();
    let (t, locale) = (widget.t, widget.locale);
    view! {
        <p class="meta">
            <span>{posting.department.clone()}</span>
            <span>{format::place(locale, posting)}</span>
            <span class="chip">{t.workplace(posting.workplace)}</span>
            <span>{t.employment_type(posting.employment_type)}</span>
        </p>
    }
}
