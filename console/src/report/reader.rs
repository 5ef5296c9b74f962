//! The reader's page, `/report#token`: a shared report opened without an
//! account. The console's bundle answers it (the server sends the same
//! page), sees the path and draws only this. The link's secret is read
//! from the address's `#` part, which the browser never sends, and goes to
//! Candor only in the `Candor-Report` header, never in a URL.

use candor_api::Locale;
use candor_api::reports::Report;
use candor_widget::api_client::{self, Body, Method, SendError};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::view::{LINK_HEADER, Replying, ReportView};
use crate::i18n::{self, t};
use crate::ui;

/// The secret after `#`, if the address has one.
fn token_in_address() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    Some(hash.trim_start_matches('#').trim().to_owned()).filter(|t| !t.is_empty())
}

#[component]
pub fn ReaderPage() -> impl IntoView {
    // Not the console's title: this page is the report, whatever becomes of it.
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(t().report_heading);
    }
    let token = StoredValue::new(token_in_address().unwrap_or_default());
    let state = RwSignal::new(None::<Result<Report, SendError>>);
    // The reader's own pick of language; until then, the link's.
    let picked = RwSignal::new(None::<Locale>);
    let load = move || {
        let secret = token.get_value();
        if secret.is_empty() {
            return;
        }
        state.set(None);
        let url = match picked.get_untracked() {
            Some(l) => format!("/api/v1/report?lang={}", l.tag()),
            None => "/api/v1/report".to_owned(),
        };
        spawn_local(async move {
            let headers = [(LINK_HEADER, secret.as_str())];
            let answer = api_client::send_for::<Report>(Method::Get, &url, &headers, Body::Empty).await;
            if let Ok(report) = &answer {
                i18n::speak(report.locale);
                if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                    let t = i18n::strings(report.locale);
                    document.set_title(&t.report_page_title.replace("{title}", &report.posting.title));
                }
            }
            state.set(Some(answer));
        });
    };
    load();
    // Another link pasted over this one, in the same tab.
    let hash = window_event_listener(leptos::ev::hashchange, move |_| {
        token.set_value(token_in_address().unwrap_or_default());
        picked.set(None);
        load();
    });
    on_cleanup(move || hash.remove());
    let pick = move |tag: String| {
        let Ok(locale) = Locale::parse(&tag) else { return };
        i18n::speak(locale);
        picked.set(Some(locale));
        load();
        ui::focus_soon("reader-language".to_owned());
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let body = move || {
        let t = t();
        if token.with_value(String::is_empty) {
            return problem(t.report_link_incomplete, None::<fn()>).into_any();
        }
        match state.get() {
            None => view! { <p class="muted" role="status">{t.loading}</p> }.into_any(),
            Some(Ok(report)) => view! { <ReportView report replying={Replying { token }}/> }.into_any(),
            Some(Err(SendError::Refused { status: 404, .. })) => problem(t.report_link_gone, None::<fn()>).into_any(),
            Some(Err(SendError::Refused { status: 410, .. })) => {
                problem(t.report_link_expired, None::<fn()>).into_any()
            }
            Some(Err(e)) => problem(&crate::client::say(&e), Some(load)).into_any(),
        }
    };
    let bar = move || {
        let t = t();
        let now = i18n::locale();
        let languages = Locale::ALL
            .map(|l| view! { <option value=l.tag() lang=l.tag() selected=l == now>{i18n::own_name(l)}</option> })
            .collect_view();
        let loaded = matches!(state.get(), Some(Ok(_)));
        view! {
            <div class="reader-bar">
                <div class="field language">
                    <label for="reader-language">{t.language_label}</label>
                    <select id="reader-language" on:change:target=move |ev| pick(ev.target().value())>{languages}</select>
                </div>
                {loaded.then(|| view! { <button class="secondary" on:click=print>{t.report_print}</button> })}
            </div>
        }
    };
    view! {
        <main class="reader">
            {bar}
            {body}
        </main>
    }
}

/// Why the report can't be shown, with a retry when one may help.
fn problem(what: &str, retry: Option<impl Fn() + Copy + Send + Sync + 'static>) -> impl IntoView {
    let t = t();
    view! {
        <div class="card" role="alert">
            <h1>{t.report_cannot_open}</h1>
            <p>{what.to_owned()}</p>
            {retry.map(|retry| view! { <button on:click=move |_| retry()>{t.try_again}</button> })}
        </div>
    }
}
