//! The way into applying: a button on the posting that opens the candidate
//! bundle's application form in place (see [`crate::candidate_bundle`]).

use candor_api::PostingSlug;
use leptos::prelude::*;

use crate::candidate_bundle::form_button;
use crate::context::Widget;

#[component]
pub fn ApplySection(posting: PostingSlug) -> impl IntoView {
    let widget = expect_context::<Widget>();
    view! { <section class="apply-section">{form_button(&widget, "apply", posting, widget.t.apply, "button")}</section> }
}
