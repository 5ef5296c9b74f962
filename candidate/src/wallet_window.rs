//! The pages' side of the wallet: "Fill from my Candor profile" on the
//! application form and "Save to my Candor profile" after sending, and on
//! Candor's own status page "Follow it in my Candor profile" ([`KeepHere`]).
//! Each opens Candor's `/me` as a small first-party window (where the
//! wallet's storage is Candor's own, whatever site this page is on) and
//! talks to it by `postMessage`, only with Candor's origin and only with
//! that window. Whatever happens is said on the form: a blocked window, a
//! link the page's opener policy cut, a "no" — nothing fails silently.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use candor_api::CompanySlug;
use candor_api::wallet::{Entry, Kept, Message, Part, keep_entries};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::focus::{focus_by_id, root_of};
use crate::i18n::CandidateStrings;
use crate::storage;

/// What came of opening the wallet.
enum Outcome {
    Shared {
        kept: Box<Kept>,
        parts: Vec<Part>,
    },
    Saved,
    /// The candidate said no, or closed the window.
    Nothing,
    /// No window opened: a pop-up blocker.
    Blocked,
    /// A window opened but can't talk back: this page's opener policy
    /// (`Cross-Origin-Opener-Policy: same-origin`) cut the link, or the
    /// window never answered.
    Cut,
}

/// A window closed this soon without a word was never a person's doing:
/// the browser reports a window whose link the opener policy cut as closed
/// at once.
const CUT_WITHIN_MS: f64 = 1500.0;
/// Long enough for the wallet's page to load on a slow phone network.
const NO_ANSWER_MS: f64 = 20_000.0;

/// Who hears the outcome, once.
type Done = Box<dyn FnOnce(Outcome)>;

/// The wallet's page on the Candor server at `api_base`.
pub fn wallet_url(api_base: &str) -> String {
    format!("{api_base}me")
}

/// Opens the wallet at `query` and, once it is listening, sends it
/// `request`; `done` hears the outcome once.
fn exchange(api_base: &str, query: &str, request: Message, done: impl FnOnce(Outcome) + 'static) {
    let Some(window) = web_sys::window() else { return done(Outcome::Blocked) };
    let Ok(origin) = web_sys::Url::new(api_base).map(|u| u.origin()) else { return done(Outcome::Blocked) };
    let url = format!("{}{query}", wallet_url(api_base));
    let popup = match window.open_with_url_and_target_and_features(&url, "candor-wallet", "popup,width=520,height=760")
    {
        Ok(Some(popup)) => popup,
        _ => return done(Outcome::Blocked),
    };
    let opened = js_sys::Date::now();
    let ready = Rc::new(Cell::new(false));
    let done: Rc<RefCell<Option<Done>>> = Rc::new(RefCell::new(Some(Box::new(done))));
    let listener = Rc::new(RefCell::new(None::<WindowListenerHandle>));
    let interval = Rc::new(RefCell::new(None::<IntervalHandle>));
    let finish = {
        let (done, listener, interval) = (done.clone(), listener.clone(), interval.clone());
        move |outcome: Outcome| {
            if let Some(done) = done.borrow_mut().take() {
                if let Some(l) = listener.borrow_mut().take() {
                    l.remove();
                }
                if let Some(i) = interval.borrow_mut().take() {
                    i.clear();
                }
                done(outcome);
            }
        }
    };
    let handle = {
        let (popup, ready, finish) = (popup.clone(), ready.clone(), finish.clone());
        window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
            // Only the window this page opened, on Candor's origin, is heard.
            let from_it = ev.source().is_some_and(|s| js_sys::Object::is(&s, &popup));
            if ev.origin() != origin || !from_it {
                return;
            }
            match ev.data().as_string().and_then(|text| Message::from_text(&text)) {
                Some(Message::Ready) => {
                    ready.set(true);
                    let _ = popup.post_message(&JsValue::from_str(&request.to_text()), &origin);
                }
                Some(Message::Shared { kept, parts }) => finish(Outcome::Shared { kept: Box::new(kept), parts }),
                Some(Message::Saved { .. }) => finish(Outcome::Saved),
                Some(Message::Declined) => finish(Outcome::Nothing),
                _ => {}
            }
        })
    };
    *listener.borrow_mut() = Some(handle);
    let watch = set_interval_with_handle(
        move || {
            let waited = js_sys::Date::now() - opened;
            if popup.closed().unwrap_or(true) {
                finish(if !ready.get() && waited < CUT_WITHIN_MS { Outcome::Cut } else { Outcome::Nothing });
            } else if !ready.get() && waited > NO_ANSWER_MS {
                finish(Outcome::Cut);
            }
        },
        Duration::from_millis(250),
    );
    *interval.borrow_mut() = watch.ok();
}

/// What the form says of the wallet, and whether to offer the wallet's page.
#[derive(Clone, PartialEq)]
enum Said {
    Waiting,
    /// Filled from the wallet: the parts shared, named.
    Filled(String),
    Plain(&'static str),
    /// The window couldn't be used: said, with a link to the wallet's page.
    WithLink(&'static str),
}

fn say_of(t: &'static CandidateStrings, outcome: &Outcome, nothing: &'static str) -> Said {
    match outcome {
        Outcome::Shared { kept, parts } => {
            Said::Filled(parts.iter().map(|p| t.part(*p, kept)).collect::<Vec<_>>().join("; "))
        }
        Outcome::Saved => Said::Plain(t.saved_to_wallet),
        Outcome::Nothing => Said::Plain(nothing),
        Outcome::Blocked => Said::WithLink(t.wallet_blocked),
        Outcome::Cut => Said::WithLink(t.wallet_cut),
    }
}

/// The line under a wallet button: what happened, as a live status.
fn notice(t: &'static CandidateStrings, api_base: String, said: RwSignal<Option<Said>>) -> impl IntoView {
    let href = wallet_url(&api_base);
    view! {
        <p class="notice wallet-notice" role="status" hidden=move || said.get().is_none()>
            {move || match said.get() {
                None => None,
                Some(Said::Waiting) => Some(view! { {t.wallet_waiting} }.into_any()),
                Some(Said::Filled(parts)) => Some(view! { {t.filled_from_wallet.replace("{parts}", &parts)} }.into_any()),
                Some(Said::Plain(text)) => Some(view! { {text} }.into_any()),
                Some(Said::WithLink(text)) => Some(
                    view! {
                        {text} " "
                        <a href=href.clone() target="_blank" rel="noopener">{t.open_wallet}</a>
                    }
                    .into_any(),
                ),
            }}
        </p>
    }
}

/// "Fill from my Candor profile": asks the wallet for the profile for
/// `company` and, on the candidate's word there, puts the parts they shared
/// over `stored`; `filled` hears of it (the form unfolds its fields).
pub fn fill_button(
    api_base: String,
    company: CompanySlug,
    t: &'static CandidateStrings,
    stored: RwSignal<Kept>,
    filled: impl Fn() + Copy + 'static,
) -> (impl IntoView, impl IntoView) {
    let said = RwSignal::new(None::<Said>);
    let query = format!("?share={company}&lang={}", t.locale.tag());
    let open = {
        let api_base = api_base.clone();
        move |_| {
            said.set(Some(Said::Waiting));
            let request = Message::Request { company: company.clone() };
            exchange(&api_base, &query, request, move |outcome| {
                if let Outcome::Shared { kept, parts } = &outcome {
                    stored.update(|s| *s = s.filled_from(kept, parts));
                    filled();
                }
                said.set(Some(say_of(t, &outcome, t.wallet_nothing_shared)));
            });
        }
    };
    let button = view! {
        <button type="button" class="button secondary" on:click=open>{t.fill_from_wallet}</button>
    };
    (button, notice(t, api_base, said))
}

/// "Save to my Candor profile": offers the wallet `profile` (if any) and
/// `entries`, which it keeps on the candidate's word there.
pub fn save_button(
    api_base: String,
    company: CompanySlug,
    t: &'static CandidateStrings,
    profile: Option<Kept>,
    entries: Vec<Entry>,
) -> impl IntoView {
    let said = RwSignal::new(None::<Said>);
    let query = format!("?save={company}&lang={}", t.locale.tag());
    let open = {
        let api_base = api_base.clone();
        move |_| {
            said.set(Some(Said::Waiting));
            let offer = Message::Offer { company: company.clone(), profile: profile.clone(), entries: entries.clone() };
            exchange(&api_base, &query, offer, move |outcome| {
                said.set(Some(say_of(t, &outcome, t.wallet_nothing_saved)));
            });
        }
    };
    view! {
        <div class="wallet-save">
            <button type="button" class="button secondary" on:click=open>{t.save_to_wallet}</button>
            {notice(t, api_base, said)}
        </div>
    }
}

/// Whether this page is on the origin of the Candor server at `api_base`,
/// where the wallet's storage is this page's own.
pub fn on_candor_origin(api_base: &str) -> bool {
    let here = web_sys::window().and_then(|w| w.location().origin().ok());
    let candor = web_sys::Url::new(api_base).ok().map(|u| u.origin());
    here.is_some() && here == candor
}

/// On Candor's own status page, which is the wallet's origin: keeps the
/// application or question open there in the wallet at a click, no window
/// needed. `entry` is `None` until its status has loaded.
#[component]
pub fn KeepHere(entry: Memo<Option<Entry>>, t: &'static CandidateStrings) -> impl IntoView {
    let kept = RwSignal::new(false);
    let refused = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(e) = entry.get() {
            kept.set(storage::wallet_entries().iter().any(|k| k.token == e.token));
        }
    });
    let keep = move |ev: leptos::ev::MouseEvent| {
        let Some(e) = entry.get_untracked() else { return };
        let all = keep_entries(&storage::wallet_entries(), &[e]);
        if storage::save_wallet_entries(&all) {
            kept.set(true);
            // The button is gone: focus goes to what replaced it.
            focus_by_id(root_of(&ev), "candor-kept-here".to_owned());
        } else {
            refused.set(true);
        }
    };
    move || {
        entry.get().map(|_| {
            view! {
                <div class="wallet-save">
                    <Show
                        when=move || kept.get()
                        fallback=move || view! { <button type="button" class="button secondary" on:click=keep>{t.keep_in_wallet}</button> }
                    >
                        <p id="candor-kept-here" class="notice" role="status" tabindex="-1">
                            {t.kept_in_wallet} " " <a href="/me">{t.open_wallet}</a>
                        </p>
                    </Show>
                    <p class="notice" role="alert" hidden=move || !refused.get()>{t.wallet_not_kept}</p>
                </div>
            }
        })
    }
}
