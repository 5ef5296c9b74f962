//! The wallet's small window, opened by a careers page: `?share=<company>`
//! asks for the profile, `?save=<company>` offers one and the status links
//! of what was just sent. It hears only the window that opened it, learns
//! that page's origin from the browser (never from the page's word), and
//! answers only an origin that is one of the company's careers sites, to
//! that origin alone, once the candidate has seen exactly what and said
//! yes.

use std::time::Duration;

use candor_api::CompanySlug;
use candor_api::wallet::{CareersSites, Entry, Kept, Message, Part, keep_entries, may_receive};
use candor_widget::api_client::Loader;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::CandidateStrings;
use crate::profile_form::download_resume;
use crate::storage;

#[derive(Clone, Copy, PartialEq)]
pub enum Asked {
    Share,
    Save,
}

/// How long the window waits for the page's request after saying it is
/// ready: a page that opened it keeps talking at once.
const NO_REQUEST_MS: u64 = 5000;

/// What the window has heard from its opener.
#[derive(Clone, PartialEq)]
enum Heard {
    Nothing,
    /// No opener, or it never asked: the window can't talk back.
    Unreachable,
    /// The opener's request or offer, with its origin as the browser reported it.
    From {
        origin: String,
        message: Box<Message>,
    },
}

/// The window that opened this one, if the browser left the link.
fn opener() -> Option<web_sys::Window> {
    let opener = web_sys::window()?.opener().ok()?;
    (!opener.is_null() && !opener.is_undefined()).then(|| opener.unchecked_into())
}

fn post(to: &web_sys::Window, message: &Message, origin: &str) {
    let _ = to.post_message(&JsValue::from_str(&message.to_text()), origin);
}

/// Closes this window once the answer is on its way; a browser that
/// refuses (it wasn't opened by a script) leaves the "done" text showing.
fn close_soon() {
    set_timeout(
        || {
            if let Some(w) = web_sys::window() {
                let _ = w.close();
            }
        },
        Duration::from_millis(400),
    );
}

#[component]
pub fn AskedView(asked: Asked, company: CompanySlug, api_base: String, t: &'static CandidateStrings) -> impl IntoView {
    let sites: Loader<CareersSites> = Loader::new(format!("{api_base}api/v1/companies/{company}/sites"));
    let heard = RwSignal::new(Heard::Nothing);
    let done = RwSignal::new(None::<String>);
    match opener() {
        None => heard.set(Heard::Unreachable),
        Some(page) => {
            let listening = {
                let (page, company) = (page.clone(), company.clone());
                window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
                    let from_page = ev.source().is_some_and(|s| js_sys::Object::is(&s, &page));
                    let Some(message) = ev.data().as_string().and_then(|text| Message::from_text(&text)) else {
                        return;
                    };
                    let for_company = match (&message, asked) {
                        (Message::Request { company: c }, Asked::Share)
                        | (Message::Offer { company: c, .. }, Asked::Save) => *c == company,
                        _ => false,
                    };
                    if from_page && for_company && heard.get_untracked() == Heard::Nothing {
                        heard.set(Heard::From { origin: ev.origin(), message: Box::new(message) });
                    }
                })
            };
            on_cleanup(move || listening.remove());
            // Carries nothing, so it may go to whatever origin the page is.
            post(&page, &Message::Ready, "*");
            set_timeout(
                move || {
                    if heard.get_untracked() == Heard::Nothing {
                        heard.set(Heard::Unreachable);
                    }
                },
                Duration::from_millis(NO_REQUEST_MS),
            );
        }
    }
    let candor = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    // Whether the page that asked may receive anything, once both its
    // origin and the company's sites are known.
    let allowed = Memo::new(move |_| match (heard.get(), sites.loaded()) {
        (Heard::From { origin, .. }, Some(sites)) => Some(may_receive(&origin, &sites, &candor)),
        _ => None,
    });
    // Refused or out of reach, the window asks nothing: its heading is the wallet's own.
    let asks = move || heard.get() != Heard::Unreachable && allowed.get() != Some(false);
    let title = move || match asked {
        _ if !asks() => t.wallet_title.to_owned(),
        Asked::Share => {
            let name = sites.loaded().map(|s| s.name).unwrap_or_default();
            t.share_title.replace("{company}", &name)
        }
        Asked::Save => t.save_title.to_owned(),
    };
    view! {
        <div class="candor wallet asked" lang=t.locale.tag()>
            <h1>{title}</h1>
            {move || {
                if let Some(text) = done.get() {
                    return view! {
                        <p class="notice" role="status">{text}</p>
                        <CloseButton t/>
                    }
                    .into_any();
                }
                match (heard.get(), sites.get()) {
                    (Heard::Unreachable, _) => view! { <Unreachable t/> }.into_any(),
                    (Heard::Nothing, _) | (_, None) => view! { <p class="muted" role="status">{t.share_waiting}</p> }.into_any(),
                    (_, Some(Err(_))) => view! {
                        <p class="notice" role="alert">{t.common().error_body}</p>
                        <CloseButton t/>
                    }
                    .into_any(),
                    (Heard::From { origin, message }, Some(Ok(sites))) => {
                        if allowed.get() != Some(true) {
                            let text = t.share_not_allowed.replace("{origin}", &origin).replace("{company}", &sites.name);
                            return view! {
                                <p class="notice" role="alert">{text}</p>
                                <CloseButton t/>
                            }
                            .into_any();
                        }
                        match *message {
                            Message::Offer { profile, entries, .. } => {
                                view! { <SaveOffer origin sites profile entries done t/> }.into_any()
                            }
                            _ => view! { <ShareRequest origin sites done t/> }.into_any(),
                        }
                    }
                }
            }}
        </div>
    }
}

#[component]
fn CloseButton(t: &'static CandidateStrings) -> impl IntoView {
    view! {
        <button type="button" class="button secondary" on:click=move |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.close();
            }
        }>
            {t.wallet_close}
        </button>
    }
}

/// The window can't talk back: the profile goes by file instead.
#[component]
fn Unreachable(t: &'static CandidateStrings) -> impl IntoView {
    let kept = storage::wallet_profile();
    let empty = kept == Kept::default();
    view! {
        <p class="notice" role="alert">{t.share_no_opener}</p>
        <div class="resume-actions">
            {(!empty).then(|| view! {
                <button type="button" class="button" on:click=move |_| download_resume(&kept)>{t.export_resume}</button>
            })}
            <CloseButton t/>
        </div>
        {empty.then(|| view! { <p class="muted">{t.share_empty}</p> })}
    }
}

/// What one part holds, as it would leave: the values themselves, so the
/// candidate sees exactly what is shared.
fn part_detail(part: Part, kept: &Kept) -> String {
    let p = &kept.profile;
    let join = |items: Vec<String>| items.into_iter().filter(|s| !s.trim().is_empty()).collect::<Vec<_>>().join(" · ");
    match part {
        Part::Contact => join(vec![p.name.clone(), p.email.clone(), p.phone.clone(), p.location.clone()]),
        Part::About => join(vec![p.headline.clone(), p.summary.clone()]),
        Part::Links => join(p.links.iter().map(|l| format!("{} {}", l.label, l.url)).collect()),
        Part::Work => join(p.work.iter().map(|w| format!("{}, {}", w.position, w.organisation)).collect()),
        Part::Education => join(p.education.iter().map(|e| format!("{}, {}", e.degree, e.institution)).collect()),
        Part::Skills => p.skills.join(", "),
        Part::Languages => join(p.languages.iter().map(|l| format!("{} {}", l.language, l.fluency)).collect()),
        Part::OtherSections => kept.other_sections.keys().cloned().collect::<Vec<_>>().join(", "),
    }
}

/// The buttons that answer: yes (named with whom) and no.
fn answer_buttons(
    yes: String,
    no: &'static str,
    on_yes: impl Fn() + 'static,
    on_no: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <div class="resume-actions">
            <button type="button" class="button" on:click=move |_| on_yes()>{yes}</button>
            <button type="button" class="button secondary" on:click=move |_| on_no()>{no}</button>
        </div>
    }
}

#[component]
fn ShareRequest(
    origin: String,
    sites: CareersSites,
    done: RwSignal<Option<String>>,
    t: &'static CandidateStrings,
) -> impl IntoView {
    let kept = storage::wallet_profile();
    let offered = kept.parts();
    if offered.is_empty() {
        return view! {
            <p class="notice" role="status">{t.share_empty}</p>
            <CloseButton t/>
        }
        .into_any();
    }
    let ticked = RwSignal::new(offered.clone());
    let Some(page) = opener() else { return view! { <Unreachable t/> }.into_any() };
    let name = sites.name.clone();
    // The origin exactly as the browser reported it.
    let asks = t.share_asks.replace("{company}", &name).replace("{origin}", &origin);
    let boxes = offered
        .iter()
        .map(|&part| {
            let id = format!("candor-share-{}", serde_json::to_string(&part).unwrap_or_default().trim_matches('"'));
            let detail = part_detail(part, &kept);
            view! {
                <label class="check share-part">
                    <input id=id type="checkbox" prop:checked=move || ticked.with(|t| t.contains(&part))
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            ticked.update(|all| {
                                all.retain(|p| *p != part);
                                if on {
                                    all.push(part);
                                }
                            });
                        }/>
                    <span>
                        <strong>{t.part(part, &kept)}</strong>
                        <span class="muted share-detail">{detail}</span>
                    </span>
                </label>
            }
        })
        .collect_view();
    let share = {
        let (page, origin, name, kept) = (page.clone(), origin.clone(), name.clone(), kept.clone());
        move || {
            // In the wallet's own order, whatever order they were ticked in.
            let parts: Vec<Part> = Part::ALL.into_iter().filter(|p| ticked.with_untracked(|t| t.contains(p))).collect();
            post(&page, &Message::Shared { kept: kept.only(&parts), parts }, &origin);
            done.set(Some(t.share_done.replace("{company}", &name)));
            close_soon();
        }
    };
    let decline = move || {
        post(&page, &Message::Declined, &origin);
        done.set(Some(t.share_declined.to_owned()));
        close_soon();
    };
    view! {
        <p>{asks}</p>
        <fieldset class="share-parts">
            <legend>{t.share_parts}</legend>
            {boxes}
        </fieldset>
        {answer_buttons(t.share_button.replace("{company}", &name), t.share_decline, share, decline)}
    }
    .into_any()
}

#[component]
fn SaveOffer(
    origin: String,
    sites: CareersSites,
    profile: Option<Kept>,
    entries: Vec<Entry>,
    done: RwSignal<Option<String>>,
    t: &'static CandidateStrings,
) -> impl IntoView {
    let Some(page) = opener() else { return view! { <Unreachable t/> }.into_any() };
    let offers = t.save_offers.replace("{company}", &sites.name).replace("{origin}", &origin);
    let here = storage::wallet_profile();
    let keep_profile = RwSignal::new(profile.is_some());
    let keep_entry = RwSignal::new(vec![true; entries.len()]);
    let profile_box = profile.clone().map(|offered| {
        let replaces = here != Kept::default() && here != offered;
        let label = t.save_profile.replace("{name}", &offered.profile.name);
        let detail = part_detail(Part::Contact, &offered);
        view! {
            <label class="check share-part">
                <input id="candor-save-profile" type="checkbox" prop:checked=move || keep_profile.get()
                    on:change:target=move |ev| keep_profile.set(ev.target().checked())/>
                <span>
                    <strong>{label}</strong>
                    <span class="muted share-detail">{detail}</span>
                    {replaces.then(|| view! { <span class="muted share-detail">{t.save_replaces}</span> })}
                </span>
            </label>
        }
    });
    let entry_boxes = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let id = format!("candor-save-entry-{i}");
            let label = t.wallet_entry_at.replace("{title}", &e.title).replace("{company}", &e.company_name);
            view! {
                <label class="check share-part">
                    <input id=id type="checkbox" prop:checked=move || keep_entry.with(|k| k[i])
                        on:change:target=move |ev| keep_entry.update(|k| k[i] = ev.target().checked())/>
                    <span>
                        <strong>{label}</strong>
                        {(!e.text.is_empty()).then(|| view! { <span class="muted share-detail">{e.text.clone()}</span> })}
                    </span>
                </label>
            }
        })
        .collect_view();
    let save = {
        let (page, origin) = (page.clone(), origin.clone());
        move || {
            let kept_profile = match (&profile, keep_profile.get_untracked()) {
                (Some(offered), true) => storage::save_wallet_profile(offered),
                _ => false,
            };
            let chosen: Vec<Entry> = entries
                .iter()
                .zip(keep_entry.get_untracked())
                .filter(|(_, keep)| *keep)
                .map(|(e, _)| e.clone())
                .collect();
            let all = keep_entries(&storage::wallet_entries(), &chosen);
            let kept_entries = !chosen.is_empty() && storage::save_wallet_entries(&all);
            let wanted = keep_profile.get_untracked() && profile.is_some() || !chosen.is_empty();
            if wanted && !kept_profile && !kept_entries {
                // The browser refused to keep it (a private window): said here, not claimed.
                post(&page, &Message::Declined, &origin);
                done.set(Some(t.wallet_not_kept.to_owned()));
                return;
            }
            let entries = if kept_entries { chosen.len() } else { 0 };
            post(&page, &Message::Saved { profile: kept_profile, entries }, &origin);
            done.set(Some(t.save_done.to_owned()));
            close_soon();
        }
    };
    let decline = move || {
        post(&page, &Message::Declined, &origin);
        done.set(Some(t.wallet_nothing_saved.to_owned()));
        close_soon();
    };
    view! {
        <p>{offers}</p>
        <fieldset class="share-parts">
            <legend class="visually-hidden">{t.save_title}</legend>
            {profile_box}
            {entry_boxes}
        </fieldset>
        {answer_buttons(t.save_button.to_owned(), t.save_decline, save, decline)}
    }
    .into_any()
}
