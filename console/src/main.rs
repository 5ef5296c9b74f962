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
mod people;
mod postings;
mod settings;
mod stage_move;
mod tokens;
mod ui;

use applications::{ApplicationList, ApplicationView};
use client::{API, Api, say};

/// What the console shows.
#[derive(Clone, PartialEq)]
enum Screen {
    Inbox,
    Applications(candor_api::PostingSlug, String),
    /// The same applications as a pipeline board.
    Board(candor_api::PostingSlug, String),
    Application(i64),
    Metrics,
    Postings,
    /// The editor: a posting to edit, or a new one.
    EditPosting(Option<candor_api::PostingSlug>),
    Settings,
    People,
    Tokens,
}

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
    let screen = RwSignal::new(Screen::Inbox);
    // What the last change did, said on the postings list it returns to.
    let notice = RwSignal::new(None::<String>);
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
    view! {
        <header class="top">
            <div>
                <h1>{format!("{} · Console", session.user.company_name)}</h1>
                <p class="muted">{format!("{} ({})", session.user.name, session.user.role.as_str())}</p>
            </div>
            <button class="secondary" on:click=sign_out>"Sign out"</button>
        </header>
        <nav class="actions" aria-label="Console">
            <button class="secondary" aria-current=move || (screen.get() == Screen::Inbox).then_some("page") on:click=move |_| screen.set(Screen::Inbox)>"Inbox"</button>
            <button class="secondary" aria-current=move || matches!(screen.get(), Screen::Postings | Screen::EditPosting(_)).then_some("page") on:click=move |_| screen.set(Screen::Postings)>"Postings"</button>
            <button class="secondary" aria-current=move || (screen.get() == Screen::Metrics).then_some("page") on:click=move |_| screen.set(Screen::Metrics)>"Metrics"</button>
            <button class="secondary" aria-current=move || (screen.get() == Screen::Settings).then_some("page") on:click=move |_| screen.set(Screen::Settings)>"Settings"</button>
            {is_admin.then(|| view! {
                <button class="secondary" aria-current=move || (screen.get() == Screen::People).then_some("page") on:click=move |_| screen.set(Screen::People)>"People"</button>
                <button class="secondary" aria-current=move || (screen.get() == Screen::Tokens).then_some("page") on:click=move |_| screen.set(Screen::Tokens)>"API tokens"</button>
            })}
        </nav>
        {move || match screen.get() {
            Screen::Inbox => match inbox.get() {
                None => view! { <p class="muted" role="status">"Loading the inbox…"</p> }.into_any(),
                Some(Err(_)) => view! {
                    <div class="card" role="alert"><p>"The inbox could not be loaded."</p><button on:click=move |_| inbox.reload()>"Try again"</button></div>
                }
                .into_any(),
                Some(Ok(i)) => view! { <InboxView inbox=i api may_act screen on_change=move || inbox.reload()/> }.into_any(),
            },
            Screen::Applications(posting, title) => {
                let open = RwSignal::new(None::<i64>);
                Effect::new(move |_| {
                    if let Some(id) = open.get() {
                        screen.set(Screen::Application(id));
                    }
                });
                view! { {board::switch(screen, posting.clone(), title.clone(), false)} <ApplicationList posting title open/> }.into_any()
            }
            Screen::Board(posting, title) => {
                let open = RwSignal::new(None::<i64>);
                Effect::new(move |_| {
                    if let Some(id) = open.get() {
                        screen.set(Screen::Application(id));
                    }
                });
                view! { {board::switch(screen, posting.clone(), title.clone(), true)} <board::Board posting title open api may_act/> }.into_any()
            }
            Screen::Application(id) => view! { <ApplicationView id api may_act/> }.into_any(),
            Screen::Metrics => view! { <metrics::MetricsPage/> }.into_any(),
            Screen::Postings => view! { <postings::PostingsPage api is_admin screen notice/> }.into_any(),
            Screen::EditPosting(slug) => view! { <postings::PostingEditor slug api screen notice/> }.into_any(),
            Screen::Settings => view! { <settings::SettingsPage api is_admin/> }.into_any(),
            Screen::People => view! { <people::PeoplePage api/> }.into_any(),
            Screen::Tokens => view! { <tokens::TokensPage api/> }.into_any(),
        }}
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
    screen: RwSignal<Screen>,
    on_change: impl Fn() + Clone + Send + Sync + 'static,
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
                    format!("Promised an answer by {promised}: {overdue_days} days overdue")
                }
                Silence::NoContact { last_contact_on, silent_days } => {
                    format!("No word since {last_contact_on}: {silent_days} days")
                }
            };
            let name = if a.name.is_empty() { "(erased)".to_owned() } else { a.name };
            let id = a.application_id;
            view! {
                <li class="alarm">
                    <button class="link" on:click=move |_| screen.set(Screen::Application(id))>{name}</button>
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
            let (slug, title) = (c.posting.slug.clone(), c.posting.title.clone());
            view! {
                <tr>
                    <td><button class="link" on:click=move |_| screen.set(Screen::Applications(slug.clone(), title.clone()))>{c.posting.title}</button></td>
                    <td>{c.open_applications}</td>
                    <td>{c.alarms}</td>
                    <td>{c.unanswered_questions}</td>
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

#[component]
fn QuestionItem(
    q: QuestionForRecruiter,
    api: Api,
    may_act: bool,
    on_change: impl Fn() + Clone + Send + Sync + 'static,
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
                    Ok(()) => on_change(),
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
                        <select id=reason_id.clone() on:change:target=move |ev| reason.set(if ev.target().value() == "spam" { DeclineReason::Spam } else { DeclineReason::OffTopic })>
                            <option value="off_topic">"Off-topic"</option>
                            <option value="spam">"Spam"</option>
                        </select>
                    </div>
                    <button class="secondary" on:click=move |_| decline_act(true)>"Decline"</button>
                </div>
            })}
            <p class="error" role="alert">{move || problem.get()}</p>
        </li>
    }
}
