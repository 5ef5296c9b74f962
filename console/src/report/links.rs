//! A posting's share links: who each is for, what it shows, when it was
//! last opened, revoking one (asked twice: the reader loses the report),
//! and making one for a named person, whose link is shown this once (Candor
//! keeps only its hash; the reader gets it by mail).

use candor_api::company::CompanySettings;
use candor_api::reports::{
    LINK_DAYS_MAX, NewShareLink, READER_NAME_MAX, ShareLink, ShareLinkCreated, ShareLinks, Shows,
};
use candor_api::{Locale, PostingSlug};
use candor_widget::api_client::{Body, Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::client::{API, Api, refused_field, say};
use crate::i18n::{fill, t};
use crate::{dates, ui};

/// The form's field for each of the request's fields.
fn field_id(field: &str) -> &'static str {
    match field {
        "email" => "link-email",
        "expires_in_days" => "link-days",
        "shows" => "link-shows",
        "locale" => "link-locale",
        _ => "link-name",
    }
}

/// Puts `text` on the clipboard, then says whether it went.
fn copy(text: &str, said: RwSignal<Option<String>>) {
    let Some(window) = web_sys::window() else { return };
    // `navigator.clipboard` through JS: web-sys gates it behind a feature
    // this one call doesn't justify.
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into()).ok();
    let write = clipboard
        .as_ref()
        .and_then(|c| js_sys::Reflect::get(c, &"writeText".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let (Some(clipboard), Some(write)) = (clipboard, write) else {
        said.set(Some(t().report_copy_failed.to_owned()));
        return;
    };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else {
        said.set(Some(t().report_copy_failed.to_owned()));
        return;
    };
    let ok = wasm_bindgen::closure::Closure::once_into_js(move || said.set(Some(t().report_copied.to_owned())));
    let failed =
        wasm_bindgen::closure::Closure::once_into_js(move || said.set(Some(t().report_copy_failed.to_owned())));
    let then = js_sys::Reflect::get(&promise, &"then".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(then) = then {
        let _ = then.call2(&promise, &ok, &failed);
    }
}

#[component]
pub fn Links(
    posting: PostingSlug,
    api: Api,
    may_act: bool,
    /// The server's day, once a report has said it.
    today: RwSignal<Option<candor_api::Day>>,
) -> impl IntoView {
    let links: Loader<ShareLinks> = Loader::new(format!("{API}postings/{posting}/report/links"));
    // What the last revoke did: the row's button has changed, so the focus goes here.
    let done = RwSignal::new(None::<String>);
    let on_revoked = move |what: String| {
        done.set(Some(what));
        links.reload();
        ui::focus_soon("links-done".to_owned());
    };
    let t = t();
    let list = ui::loaded(links, t.report_links_failed, move |answer| {
        if answer.links.is_empty() {
            return view! { <p class="muted">{t.report_no_links}</p> }.into_any();
        }
        let rows =
            answer.links.into_iter().map(|link| view! { <LinkRow link today api may_act on_revoked/> }).collect_view();
        ui::table(
            [
                t.report_col_reader,
                t.report_col_shows,
                t.outbox_col_language,
                t.report_col_expires,
                t.report_col_opened,
                t.state,
            ],
            may_act,
            rows,
        )
        .into_any()
    });
    view! {
        <section class="card no-print" aria-labelledby="links-title">
            <h2 id="links-title">{t.report_links_title}</h2>
            <p class="muted intro">{t.report_links_note}</p>
            <p id="links-done" class="confirmation" role="status" tabindex="-1">{move || done.get()}</p>
            {list}
        </section>
        {may_act.then(|| view! { <NewLink posting api links/> })}
    }
}

#[component]
fn LinkRow(
    link: ShareLink,
    today: RwSignal<Option<candor_api::Day>>,
    api: Api,
    may_act: bool,
    on_revoked: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = t();
    let id = link.id;
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let who = link.name.clone();
    let revoke = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            ui::focus_soon(format!("revoke-{id}"));
            return;
        }
        let who = who.clone();
        spawn_local(async move {
            match api.send(Method::Delete, &format!("{API}report/links/{id}"), Body::Empty).await {
                Ok(()) => on_revoked(t.report_link_revoked.replace("{name}", &who)),
                Err(e) => problem.set(Some(say(&e))),
            }
        });
    };
    let cancel = move |_| {
        confirming.set(false);
        ui::focus_soon(format!("revoke-{id}"));
    };
    let expires_on = link.expires_on;
    // Past its last day by the server's day (the one that refuses it), this
    // browser's until that is known.
    let expired = move || today.get().or_else(dates::today).is_some_and(|d| d > expires_on);
    let revoked_at = link.revoked_at.clone();
    let state = move || match (&revoked_at, expired()) {
        (Some(at), _) => t.report_link_state_revoked.replace("{when}", &dates::moment(at)),
        (None, true) => t.report_link_state_expired.to_owned(),
        (None, false) => t.report_link_state_live.to_owned(),
    };
    let revocable = link.revoked_at.is_none();
    let opened = link.last_opened_at.as_deref().map_or_else(|| t.report_never_opened.to_owned(), dates::moment);
    let name = link.name.clone();
    let label = move || {
        fill(if confirming.get() { t.report_confirm_revoke_who } else { t.report_revoke_who }, &[("name", &name)])
    };
    view! {
        <tr>
            <td>{link.name.clone()}<br/><span class="muted">{link.email.clone()}</span></td>
            <td data-label=t.report_col_shows>{t.shows_name(link.shows)}</td>
            <td data-label=t.outbox_col_language>{t.language(link.locale)}</td>
            <td data-label=t.report_col_expires>{dates::short(link.expires_on)}</td>
            <td data-label=t.report_col_opened>{opened}</td>
            <td data-label=t.state>{state}</td>
            {may_act.then(|| view! {
                <td>
                    // An expired link opens nothing already: nothing to revoke.
                    {revocable.then(|| view! {
                        <div hidden=expired>
                            {move || confirming.get().then(|| view! { <p class="muted">{t.report_revoke_note}</p> })}
                            <div class="actions">
                                <button id=format!("revoke-{id}") class="secondary" aria-label=label on:click=revoke>
                                    {move || if confirming.get() { t.report_confirm_revoke } else { t.revoke }}
                                </button>
                                {move || confirming.get().then(|| view! { <button class="secondary" on:click=cancel>{t.cancel}</button> })}
                            </div>
                        </div>
                    })}
                    <p class="error" role="alert">{move || problem.get()}</p>
                </td>
            })}
        </tr>
    }
}

/// The link just made, shown this once.
#[derive(Clone)]
struct Made {
    name: String,
    url: String,
}

#[component]
fn NewLink(posting: PostingSlug, api: Api, links: Loader<ShareLinks>) -> impl IntoView {
    // The company's defaults: what a link shows, and the reader's language.
    let company: Loader<CompanySettings> = Loader::new(format!("{API}company"));
    let default_shows = move || links.loaded().map_or(Shows::Counts, |l| l.default_shows);
    let default_locale = move || company.loaded().map_or(Locale::En, |c| c.default_locale);
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let shows = RwSignal::new(None::<Shows>);
    let days = RwSignal::new(candor_api::reports::LINK_DAYS_DEFAULT.to_string());
    let locale = RwSignal::new(None::<Locale>);
    let problem = RwSignal::new(None::<String>);
    let made = RwSignal::new(None::<Made>);
    let copied = RwSignal::new(None::<String>);
    let url = format!("{API}postings/{posting}/report/links");
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if ui::half_typed("link-days") {
            return;
        }
        let raw_days = days.get_untracked();
        let raw_days = raw_days.trim();
        let request = NewShareLink {
            name: name.get_untracked(),
            email: email.get_untracked(),
            shows: Some(shows.get_untracked().unwrap_or_else(default_shows)),
            // Something typed that isn't a count of days is refused as one out of range.
            expires_in_days: (!raw_days.is_empty()).then(|| raw_days.parse().unwrap_or(0)),
            locale: Some(locale.get_untracked().unwrap_or_else(default_locale)),
        };
        // The shared rules, said before sending.
        if let Err(errors) = request.validate(default_shows(), default_locale()) {
            if let Some(e) = errors.first() {
                problem.set(Some(ui::point_at(e, field_id(&e.field))));
            }
            return;
        }
        problem.set(None);
        let url = url.clone();
        spawn_local(async move {
            match api.send_for::<ShareLinkCreated>(Method::Post, &url, Body::json(&request)).await {
                Ok(created) => {
                    copied.set(None);
                    made.set(Some(Made { name: created.link.name.clone(), url: created.url }));
                    name.set(String::new());
                    email.set(String::new());
                    links.reload();
                    // Shown once: the recruiter is taken to it.
                    ui::focus_soon("link-made".to_owned());
                }
                Err(e) => match refused_field(&e) {
                    Some(field) => problem.set(Some(ui::point_at(&field, field_id(&field.field)))),
                    None => problem.set(Some(say(&e))),
                },
            }
        });
    };
    let t = t();
    view! {
        <form class="card no-print" on:submit=create aria-labelledby="new-link-title" novalidate>
            <h2 id="new-link-title">{t.report_new_link}</h2>
            <p class="muted intro">{t.report_new_link_note}</p>
            <div class="grid-3">
                <div class="field">
                    <label for="link-name">{t.report_link_name}</label>
                    <input id="link-name" type="text" maxlength=READER_NAME_MAX autocomplete="off" prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value())/>
                </div>
                <div class="field">
                    <label for="link-email">{t.email}</label>
                    <input id="link-email" type="email" autocomplete="off" prop:value=move || email.get() on:input:target=move |ev| email.set(ev.target().value())/>
                </div>
                <div class="field">
                    <label for="link-shows">{t.report_link_shows}</label>
                    <select id="link-shows" on:change:target=move |ev| shows.set(Shows::parse(&ev.target().value()))>
                        {Shows::ALL.map(|s| view! { <option value=s.as_str() selected=move || shows.get().unwrap_or_else(default_shows) == s>{t.shows_name(s)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="link-days">{t.report_link_days}</label>
                    <input id="link-days" type="number" min="1" max=LINK_DAYS_MAX aria-describedby="link-days-hint" prop:value=move || days.get() on:input:target=move |ev| if let Some(d) = ui::typed(&ev.target()) { days.set(d) }/>
                    <p class="muted" id="link-days-hint">{t.report_link_days_hint}</p>
                </div>
                <div class="field">
                    <label for="link-locale">{t.report_link_language}</label>
                    <select id="link-locale" on:change:target=move |ev| locale.set(Locale::parse(&ev.target().value()).ok())>
                        {Locale::ALL.map(|l| view! { <option value=l.tag() selected=move || locale.get().unwrap_or_else(default_locale) == l>{ui::language_name(l)}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <p class="error" role="alert">{move || problem.get()}</p>
            <button type="submit">{t.report_make_link}</button>
            {move || made.get().map(|m| {
                let url = StoredValue::new(m.url.clone());
                view! {
                    <div class="made" id="link-made" tabindex="-1" role="status">
                        <p><strong>{t.report_link_made.replace("{name}", &m.name)}</strong></p>
                        <p><code class="token">{m.url.clone()}</code></p>
                        <div class="actions">
                            <button type="button" class="secondary" on:click=move |_| copy(&url.get_value(), copied)>{t.report_copy}</button>
                            <span class="muted" role="status">{move || copied.get()}</span>
                        </div>
                    </div>
                }
            })}
        </form>
    }
}
