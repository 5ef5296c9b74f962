//! The recruiters' console at `/console/`: sign in, then the inbox (questions
//! to answer or decline, silence alarms, counts per posting). A bundle of
//! its own, so the careers widget never carries it; the types are `api/`'s.

use candor_api::Invalid;
use candor_api::console::{Login, Session};
use candor_api::inbox::{Inbox, Silence};
use candor_api::qa::{AnswerQuestion, DeclineQuestion, DeclineReason, QuestionForRecruiter};
use candor_widget::api_client::{Body, LoadError, Loader, Method, SendError};
use leptos::prelude::*;
use leptos::task::spawn_local;

mod applications;
mod board;
mod client;
mod dates;
mod metrics;
mod outbox;
mod people;
mod posting_translations;
mod postings;
mod route;
mod settings;
mod stage_move;
mod tokens;
mod ui;

use applications::{ApplicationList, ApplicationView};
use client::{API, Api, say};
pub use route::Screen;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The secret of a set-password link, kept after `#` so that it never
/// reaches a server log.
fn link_token() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#set-password=").filter(|t| !t.is_empty()).map(str::to_owned)
}

fn forget_link() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash("");
    }
}

#[component]
fn App() -> impl IntoView {
    let session: Loader<Session> = Loader::new("/console/api/session".to_owned());
    let link = RwSignal::new(link_token());
    view! {
        <main>
            // A set-password link comes first; the session isn't followed meanwhile,
            // so that its answer doesn't redraw the form being filled in.
            {move || if let Some(token) = link.get() {
                let done = move || {
                    forget_link();
                    link.set(None);
                    session.reload();
                };
                view! { <people::SetPasswordPage token on_done=done/> }.into_any()
            } else {
                match session.get() {
                    None => view! { <p class="muted" role="status">"Loading…"</p> }.into_any(),
                    Some(Ok(s)) => view! { <Signed session=s on_out=move || session.reload()/> }.into_any(),
                    Some(Err(LoadError::Failed(401))) => view! { <SignIn on_in=move |s| session.set(s)/> }.into_any(),
                    Some(Err(_)) => view! {
                        <div class="card" role="alert">
                            <p>"The console could not reach Candor."</p>
                            <button on:click=move |_| session.reload()>"Try again"</button>
                        </div>
                    }
                    .into_any(),
                }
            }}
        </main>
    }
}

#[component]
fn SignIn(on_in: impl Fn(Session) + Clone + Send + Sync + 'static) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = Login { email: email.get_untracked(), password: password.get_untracked() };
        let on_in = on_in.clone();
        spawn_local(async move {
            let answer = Api::SIGNED_OUT.send_for::<Session>(Method::Post, "/console/api/login", Body::json(&request));
            match answer.await {
                Ok(s) => on_in(s),
                Err(SendError::Unreadable) => problem.set(Some("Candor's answer could not be read.".into())),
                Err(SendError::Refused { status: 401, .. }) => {
                    problem.set(Some("That e-mail address and password don't match.".into()))
                }
                Err(SendError::Refused { status: 429, .. }) => {
                    problem.set(Some("Too many attempts. Wait a minute and try again.".into()))
                }
                Err(e) => problem.set(Some(say(&e))),
            }
        });
    };
    view! {
        <form class="card login" on:submit=submit aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">"Sign in to Candor"</h1>
            {ui::input_field("email", "E-mail", "email", "username", true, email)}
            {ui::input_field("password", "Password", "password", "current-password", true, password)}
            <p class="error" role="alert">{move || problem.get()}</p>
            <button type="submit">"Sign in"</button>
        </form>
    }
}

#[component]
fn Signed(session: Session, on_out: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let api = Api::signed_in(StoredValue::new(session.csrf_token.clone()));
    let inbox: Loader<Inbox> = Loader::new(format!("{API}inbox"));
    // The view the address names: a link from a colleague, a reload, or the
    // page the sign-in form stood in for.
    let screen = RwSignal::new(route::current());
    // What the last change did, said on the postings list it returns to.
    let notice = RwSignal::new(None::<String>);
    let view_ref = NodeRef::<leptos::html::Div>::new();
    // What the last answer or decline in the inbox did: the question is gone
    // from the list, so this is where the focus goes.
    let done = RwSignal::new(None::<String>);
    // The address follows the view (whichever code set it), and a view
    // reached from another brings the focus to its top, where a reader of
    // the page starts again.
    Effect::new(move |previous: Option<Screen>| {
        let now = screen.get();
        route::show(&now);
        if previous.as_ref().is_some_and(|p| *p != now) {
            done.set(None);
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
            if let Some(view) = view_ref.get_untracked() {
                let _ = view.focus();
            }
        }
        now
    });
    // Back and Forward.
    let popstate = window_event_listener(leptos::ev::popstate, move |_| screen.set(route::current()));
    // Links to the console's own views are followed in the page; any other
    // link, or one opened in a new tab, as the browser would.
    let clicks = window_event_listener(leptos::ev::click, move |ev| {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|e| e.closest("a[href]").ok().flatten());
        let Some(link) = link else { return };
        let href = link.get_attribute("href").unwrap_or_default();
        if link.has_attribute("download") || link.has_attribute("target") || !route::is_view(&href) {
            return;
        }
        ev.prevent_default();
        screen.set(Screen::parse(&href));
    });
    on_cleanup(move || {
        popstate.remove();
        clicks.remove();
    });
    // Back to the inbox: what it shows may have changed meanwhile.
    Effect::new(move |previous: Option<bool>| {
        let on_inbox = screen.get() == Screen::Inbox;
        if on_inbox && previous == Some(false) {
            inbox.reload();
        }
        on_inbox
    });
    let may_act = session.user.role.can_act();
    let is_admin = session.user.role == candor_api::recruiting::Role::Admin;
    let sign_out = move |_| {
        let on_out = on_out.clone();
        spawn_local(async move {
            let _ = api.send(Method::Post, "/console/api/logout", Body::Empty).await;
            on_out();
        });
    };
    let tab = move |to: Screen, name: &'static str, also: fn(&Screen) -> bool| {
        let href = to.href();
        view! {
            <a class="tab" href=href aria-current=move || { let s = screen.get(); (s == to || also(&s)).then_some("page") }>{name}</a>
        }
    };
    let admin_only = |what: &'static str| {
        view! { <div class="card" role="alert"><p>{format!("Only an admin can {what}.")}</p></div> }.into_any()
    };
    view! {
        <header class="top">
            <div>
                <h1>{format!("{} · Console", session.user.company_name)}</h1>
                <p class="muted">{format!("{} ({})", session.user.name, session.user.role.as_str())}</p>
            </div>
            <button class="secondary" on:click=sign_out>"Sign out"</button>
        </header>
        <nav class="tabs" aria-label="Console">
            {tab(Screen::Inbox, "Inbox", |_| false)}
            {tab(Screen::Postings, "Postings", |s| matches!(s, Screen::EditPosting(_) | Screen::Applications(_) | Screen::Board(_)))}
            {tab(Screen::Metrics, "Metrics", |_| false)}
            {tab(Screen::Outbox, "Outbox", |_| false)}
            {tab(Screen::Settings, "Settings", |_| false)}
            {is_admin.then(|| view! {
                {tab(Screen::People, "People", |_| false)}
                {tab(Screen::Tokens, "API tokens", |_| false)}
            })}
        </nav>
        <div class="view" tabindex="-1" node_ref=view_ref>
        <p id="inbox-done" class="confirmation" role="status" tabindex="-1">{move || done.get()}</p>
        {move || match screen.get() {
            Screen::Inbox => match inbox.get() {
                None => view! { <p class="muted" role="status">"Loading the inbox…"</p> }.into_any(),
                Some(Err(_)) => view! {
                    <div class="card" role="alert"><p>"The inbox could not be loaded."</p><button on:click=move |_| inbox.reload()>"Try again"</button></div>
                }
                .into_any(),
                Some(Ok(i)) => {
                    let on_change = move |what: String| {
                        done.set(Some(what));
                        inbox.reload();
                        ui::focus_soon("inbox-done".to_owned());
                    };
                    view! { <InboxView inbox=i api may_act on_change/> }.into_any()
                }
            },
            Screen::Applications(posting) => view! { {board::switch(posting.clone(), false)} <ApplicationList posting/> }.into_any(),
            Screen::Board(posting) => view! { {board::switch(posting.clone(), true)} <board::Board posting api may_act/> }.into_any(),
            Screen::Application(id) => view! { <ApplicationView id api may_act/> }.into_any(),
            Screen::Metrics => view! { <metrics::MetricsPage/> }.into_any(),
            Screen::Postings => view! { <postings::PostingsPage api is_admin screen notice/> }.into_any(),
            Screen::EditPosting(_) if !is_admin => admin_only("write postings"),
            Screen::EditPosting(slug) => view! { <postings::PostingEditor slug api screen notice/> }.into_any(),
            Screen::Settings => view! { <settings::SettingsPage api is_admin/> }.into_any(),
            Screen::People if !is_admin => admin_only("invite people and change their roles"),
            Screen::People => view! { <people::PeoplePage api/> }.into_any(),
            Screen::Tokens if !is_admin => admin_only("create API tokens"),
            Screen::Tokens => view! { <tokens::TokensPage api/> }.into_any(),
            Screen::Outbox => view! { <outbox::OutboxPage api may_act/> }.into_any(),
            Screen::NotFound => view! {
                <div class="card" role="alert">
                    <h2>"No such page in the console"</h2>
                    <p>"This address names no view of the console. It may have been mistyped or shortened."</p>
                    <p><a href=Screen::Inbox.href()>"Go to the inbox"</a></p>
                </div>
            }
            .into_any(),
        }}
        </div>
    }
}

fn age(minutes: u64) -> String {
    match minutes {
        0..60 => format!("{minutes} min"),
        60..2880 => format!("{} h", minutes / 60),
        _ => format!("{} days", minutes / 1440),
    }
}

#[component]
fn InboxView(
    inbox: Inbox,
    api: Api,
    may_act: bool,
    on_change: impl Fn(String) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let questions = inbox
        .questions
        .into_iter()
        .map(|q| view! { <QuestionItem q api may_act on_change=on_change.clone()/> })
        .collect::<Vec<_>>();
    let alarms = inbox
        .alarms
        .into_iter()
        .map(|a| {
            let why = match a.silence {
                Silence::PromiseMissed { promised, overdue_days } => {
                    format!("Promised an answer by {}: {overdue_days} days overdue", dates::short(promised))
                }
                Silence::NoContact { last_contact_on, silent_days } => {
                    format!("No word since {}: {silent_days} days", dates::short(last_contact_on))
                }
            };
            let name = if a.name.is_empty() { "(erased)".to_owned() } else { a.name };
            let id = a.application_id;
            view! {
                <li class="alarm">
                    <a href=Screen::Application(id).href()>{name}</a>
                    <span>{a.posting.title}</span>
                    <span>{why}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let rows = inbox
        .per_posting
        .into_iter()
        .map(|c| {
            let href = Screen::Applications(c.posting.slug.clone()).href();
            view! {
                <tr>
                    <td><a href=href>{c.posting.title}</a></td>
                    <td data-label="Open applications">{c.open_applications}</td>
                    <td data-label="Alarms">{c.alarms}</td>
                    <td data-label="Unanswered questions">{c.unanswered_questions}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="questions-title">
            <h2 id="questions-title">"Questions waiting for an answer"</h2>
            {ui::items_or("No questions are waiting.", questions)}
        </section>
        <section class="card" aria-labelledby="alarms-title">
            <h2 id="alarms-title">{format!("Silence alarms (after {} days without word)", inbox.silence_alarm_days)}</h2>
            {ui::items_or("Nobody is waiting past a promise or in silence.", alarms)}
        </section>
        <section class="card" aria-labelledby="postings-title">
            <h2 id="postings-title">"Open postings"</h2>
            {ui::table(&["Posting", "Open applications", "Alarms", "Unanswered questions"], false, rows)}
        </section>
    }
}

/// A decline reason as the console names it.
fn reason_name(reason: DeclineReason) -> &'static str {
    match reason {
        DeclineReason::OffTopic => "Off-topic",
        DeclineReason::Duplicate => "Duplicate",
        DeclineReason::Spam => "Spam",
    }
}

#[component]
fn QuestionItem(
    q: QuestionForRecruiter,
    api: Api,
    may_act: bool,
    on_change: impl Fn(String) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let answer = RwSignal::new(String::new());
    let reason = RwSignal::new(DeclineReason::OffTopic);
    let problem = RwSignal::new(None::<String>);
    let id = q.id;
    let (answer_id, reason_id) = (format!("answer-{id}"), format!("reason-{id}"));
    let act = move |declining: bool| {
        let on_change = on_change.clone();
        let url = format!("{API}questions/{id}/{}", if declining { "decline" } else { "answer" });
        let text = answer.get_untracked();
        // The shared rule, said before sending.
        let checked = if declining {
            DeclineQuestion { reason: reason.get_untracked(), message: text }.validate().map(|d| Body::json(&d))
        } else {
            AnswerQuestion { answer: text }.validate().map(|a| Body::json(&a))
        };
        match checked {
            Ok(body) => spawn_local(async move {
                match api.send(Method::Post, &url, body).await {
                    Ok(()) => on_change(if declining {
                        "Question declined. Only the asker sees your reason.".to_owned()
                    } else {
                        "Answer published. It shows with the question on the careers page now.".to_owned()
                    }),
                    Err(e) => problem.set(Some(say(&e))),
                }
            }),
            Err(e) if e.invalid == Invalid::Required => {
                problem.set(Some("Write the answer (or, to decline, the reason the asker will read) first.".into()))
            }
            Err(e) => problem.set(Some(ui::point_at(&e, &format!("answer-{id}")))),
        }
    };
    let (answer_act, decline_act) = (act.clone(), act);
    let who = if q.name.is_empty() { "A visitor".to_owned() } else { q.name.clone() };
    view! {
        <li>
            <p class="muted">{format!("{} · {} · asked {} ago", q.posting.title, who, age(q.age_minutes))}</p>
            <p><strong>{q.text.clone()}</strong></p>
            {may_act.then(|| view! {
                <div class="field">
                    <label for=answer_id.clone()>"Your answer (published with the question), or the reason for declining (only the asker sees it)"</label>
                    <textarea id=answer_id.clone() rows="3" prop:value=move || answer.get() on:input:target=move |ev| answer.set(ev.target().value())></textarea>
                </div>
                <div class="actions">
                    <button on:click=move |_| answer_act(false)>"Publish answer"</button>
                    <div class="field">
                        <label for=reason_id.clone()>"Decline as"</label>
                        <select id=reason_id.clone() on:change:target=move |ev| reason.set(DeclineReason::parse(&ev.target().value()).unwrap_or(DeclineReason::OffTopic))>
                            {DeclineReason::ALL
                                .map(|r| view! { <option value=r.as_str() selected=move || reason.get() == r>{reason_name(r)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <button class="secondary" on:click=move |_| decline_act(true)>"Decline"</button>
                </div>
            })}
            <p class="error" role="alert">{move || problem.get()}</p>
        </li>
    }
}
