//! One widget instance's root view: the company's branding around
//! "My applications", either the list or the one posting its element
//! asked for, and "Lost your link?".

use leptos::prelude::*;

use crate::api_client::Loader;
use crate::context::{CompanyInfo, Widget};
use crate::lost_link::LostLink;
use crate::my_applications::MyApplications;
use crate::postings::{Browser, PostingView};

#[component]
pub fn App(widget: Widget) -> impl IntoView {
    provide_context(widget.clone());
    let Some(company) = widget.company.clone() else {
        web_sys::console::error_1(&"candor: <candor-careers> needs company=\"<slug>\"".into());
        return view! { <div class="candor"><p class="notice" role="alert">{widget.t.missing_company}</p></div> }
            .into_any();
    };
    let info: CompanyInfo = Loader::new(widget.api_url(&format!("companies/{company}")));
    provide_context(info);
    // The company's accent colour is the default; a host page's
    // --candor-accent on the element wins over it (see style/widget.css).
    let accent = move || info.loaded().map(|c| c.branding.accent_color.as_str().to_owned());
    let font = move || info.loaded().and_then(|c| c.branding.font_family);
    let body = match widget.posting.clone() {
        Some(slug) => view! { <PostingView slug from_list=false/> }.into_any(),
        None => view! { <Browser/> }.into_any(),
    };
    view! {
        <div
            class="candor"
            lang=widget.locale.tag()
            style:--company-accent=accent
            style:--company-font=font
            data-candor-pending=move || info.pending().then_some("")
        >
            <MyApplications/>
            {body}
            <LostLink/>
        </div>
    }
    .into_any()
}
