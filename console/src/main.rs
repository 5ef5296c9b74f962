//! The recruiters' console at `/console/`: sign in, then the inbox (questions
//! to answer or decline, progress reports' readers' replies, silence
//! alarms, counts per posting). A bundle of
//! its own, so the careers widget never carries it; the types are `api/`'s.

use candor_api::console::{ChooseLocale, CompanyChoice, Login, LoginAnswer, Session};
use candor_api::inbox::{Inbox, Silence};
use candor_api::qa::{AnswerQuestion, DeclineQuestion, DeclineReason, QuestionForRecruiter};
use candor_api::reports::{NoteKind, ReplyForRecruiter};
use candor_api::{CompanySlug, Invalid, Locale};
use candor_widget::api_client::{Body, LoadError, Loader, Method, SendError};
use leptos::prelude::*;
use leptos::task::spawn_local;

mod applications;
mod audit;
mod board;
mod client;
mod dates;
mod i18n;
mod metrics;
mod notifications;
mod outbox;
mod people;
mod posting_translations;
mod postings;
mod report;
mod route;
mod settings;
mod stage_move;
mod talent_pool;
mod tokens;
mod ui;

use applications::{ApplicationList, ApplicationView};
use board::PostingView;
use client::{API, Api, say};
use i18n::{fill, t};
pub use route::Screen;

fn main() {
    console_error_panic_hook::set_once();
    if route::is_reader_page() {
        // A report's reader: no sign-in, no console around it, and nothing
        // remembered in their browser as a console language.
        i18n::speak(i18n::before_sign_in());
        leptos::mount::mount_to_body(report::ReaderPage);
    } else {
        i18n::choose(i18n::before_sign_in());
        leptos::mount::mount_to_body(App);
    }
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
                    None => view! { <p class="muted" role="status">{t().loading}</p> }.into_any(),
                    Some(Ok(s)) => {
                        // The person's own language from the first view on.
                        i18n::choose(s.user.console_locale());
                        view! { <Signed session=s on_out=move || session.reload()/> }.into_any()
                    }
                    Some(Err(LoadError::Failed(401))) => view! { <SignIn on_in=move |s| session.set(s)/> }.into_any(),
                    Some(Err(_)) => view! {
                        <div class="card" role="alert">
                            <p>{t().console_unreachable}</p>
                            <button on:click=move |_| session.reload()>{t().try_again}</button>
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
    // The companies to choose from, when the address and password open an
    // account with several: the form gives way to one button for each.
    let choices = RwSignal::new(None::<Vec<CompanyChoice>>);
    let send = move |company: Option<CompanySlug>, on_in: Box<dyn Fn(Session)>| {
        let request = Login { email: email.get_untracked(), password: password.get_untracked(), company };
        spawn_local(async move {
            let answer =
                Api::SIGNED_OUT.send_for::<LoginAnswer>(Method::Post, "/console/api/login", Body::json(&request));
            match answer.await {
                Ok(LoginAnswer::SignedIn(s)) => on_in(s),
                Ok(LoginAnswer::ChooseCompany { choose_company }) => {
                    problem.set(None);
                    choices.set(Some(choose_company));
                    ui::focus_soon("choose-company-title".to_owned());
                }
                Err(e) => {
                    // A refusal is said on the form, where the password is
                    // typed again (it may have changed meanwhile).
                    if choices.get_untracked().is_some() {
                        choices.set(None);
                        ui::focus_soon("email".to_owned());
                    }
                    problem.set(Some(match e {
                        SendError::Unreadable => t().unreadable.into(),
                        SendError::Refused { status: 401, .. } => t().wrong_password.into(),
                        SendError::Refused { status: 429, .. } => t().too_many_attempts.into(),
                        e => say(&e),
                    }))
                }
            }
        });
    };
    let first = on_in.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send(None, Box::new(first.clone()));
    };
    let back = move |_| {
        choices.set(None);
        ui::focus_soon("email".to_owned());
    };
    move || match choices.get() {
        Some(companies) => {
            let buttons = companies
                .into_iter()
                .map(|CompanyChoice { slug, name }| {
                    let on_in = on_in.clone();
                    let choose = move |_| send(Some(slug.clone()), Box::new(on_in.clone()));
                    view! { <li><button type="button" on:click=choose>{name}</button></li> }
                })
                .collect_view();
            view! {
                <section class="card login" aria-labelledby="choose-company-title">
                    <h1 id="choose-company-title" tabindex="-1">{t().choose_company_title}</h1>
                    <p>{t().choose_company_help}</p>
                    <ul class="choices">{buttons}</ul>
                    <p class="error" role="alert">{move || problem.get()}</p>
                    <button type="button" class="link" on:click=back>{t().choose_other_address}</button>
                </section>
            }
            .into_any()
        }
        None => view! {
            <form class="card login" on:submit=submit.clone() aria-labelledby="sign-in-title">
                <h1 id="sign-in-title">{t().sign_in_title}</h1>
                {ui::input_field("email", t().email, "email", "username", true, email)}
                {ui::input_field("password", t().password, "password", "current-password", true, password)}
                <p class="error" role="alert">{move || problem.get()}</p>
                <button type="submit">{t().sign_in}</button>
            </form>
        }
        .into_any(),
    }
}

#[component]
fn Signed(session: Session, on_out: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let api = Api::signed_in(StoredValue::new(session.csrf_token.clone()));
    // The language in use: every view below is drawn again when it changes.
    let lang = RwSignal::new(i18n::locale());
    let language_problem = RwSignal::new(None::<String>);
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
    // The page's title says the view in the language in use.
    Effect::new(move |_| {
        lang.track();
        screen.with_untracked(route::set_title);
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
    let (company_name, user_name, role) =
        (session.user.company_name.clone(), session.user.name.clone(), session.user.role);
    // Applied at once, then kept with the person (their next sign-in,
    // anywhere, opens in it).
    let pick_language = move |tag: String| {
        let Ok(locale) = Locale::parse(&tag) else { return };
        i18n::choose(locale);
        lang.set(locale);
        ui::focus_soon("console-language".to_owned());
        spawn_local(async move {
            let body = ChooseLocale { locale: Some(locale) };
            let saved = api.send(Method::Put, "/console/api/session/locale", Body::json(&body)).await;
            language_problem.set(saved.err().map(|e| say(&e)));
        });
    };
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
    let admin_only = |what: &'static str| view! { <div class="card" role="alert"><p>{what}</p></div> }.into_any();
    move || {
        let now = lang.get();
        let t = t();
        let sign_out = sign_out.clone();
        let languages = Locale::ALL
            .map(|l| view! { <option value=l.tag() lang=l.tag() selected=l == now>{i18n::own_name(l)}</option> })
            .collect_view();
        view! {
            <header class="top">
                <div>
                    <h1>{fill(t.console_heading, &[("company", &company_name)])}</h1>
                    <p class="muted">{format!("{} ({})", user_name, t.role_name(role))}</p>
                </div>
                <div class="header-actions">
                    <div class="field language">
                        <label for="console-language">{t.language_label}</label>
                        <select id="console-language" on:change:target=move |ev| pick_language(ev.target().value())>{languages}</select>
                        <p class="error" role="alert">{move || language_problem.get()}</p>
                    </div>
                    <button class="secondary" on:click=sign_out>{t.sign_out}</button>
                </div>
            </header>
            <nav class="tabs" aria-label=t.nav_label>
                {tab(Screen::Inbox, t.tab_inbox, |_| false)}
                {tab(Screen::Postings, t.tab_postings, |s| matches!(s, Screen::EditPosting(_) | Screen::Applications(_) | Screen::Board(_) | Screen::Report(_)))}
                {tab(Screen::Metrics, t.tab_metrics, |_| false)}
                {tab(Screen::TalentPool, t.tab_pool, |_| false)}
                {tab(Screen::Outbox, t.tab_outbox, |_| false)}
                {tab(Screen::Settings, t.tab_settings, |_| false)}
                {is_admin.then(|| view! {
                    {tab(Screen::People, t.tab_people, |_| false)}
                    {tab(Screen::Tokens, t.tab_tokens, |_| false)}
                    {tab(Screen::Audit, t.tab_audit, |_| false)}
                })}
            </nav>
            <div class="view" tabindex="-1" node_ref=view_ref>
            <p id="inbox-done" class="confirmation" role="status" tabindex="-1">{move || done.get()}</p>
            {move || match screen.get() {
                Screen::Inbox => match inbox.get() {
                    None => view! { <p class="muted" role="status">{t.loading_inbox}</p> }.into_any(),
                    Some(Err(_)) => view! {
                        <div class="card" role="alert"><p>{t.inbox_failed}</p><button on:click=move |_| inbox.reload()>{t.try_again}</button></div>
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
                Screen::Applications(posting) => view! { {board::switch(posting.clone(), PostingView::List)} <ApplicationList posting/> }.into_any(),
                Screen::Board(posting) => view! { {board::switch(posting.clone(), PostingView::Board)} <board::Board posting api may_act/> }.into_any(),
                Screen::Report(posting) => view! { {board::switch(posting.clone(), PostingView::Report)} <report::ReportTab posting api may_act/> }.into_any(),
                Screen::Application(id) => view! { <ApplicationView id api may_act/> }.into_any(),
                Screen::Metrics => view! { <metrics::MetricsPage/> }.into_any(),
                Screen::TalentPool => view! { <talent_pool::TalentPoolPage/> }.into_any(),
                Screen::Outbox => view! { <outbox::OutboxPage api may_act/> }.into_any(),
                Screen::Postings => view! { <postings::PostingsPage api is_admin screen notice/> }.into_any(),
                Screen::EditPosting(_) if !is_admin => admin_only(t.admin_only_postings),
                Screen::EditPosting(slug) => view! { <postings::PostingEditor slug api screen notice/> }.into_any(),
                Screen::Settings => view! { <notifications::MyNotifications api/> <settings::SettingsPage api is_admin/> }.into_any(),
                Screen::People if !is_admin => admin_only(t.admin_only_people),
                Screen::People => view! { <people::PeoplePage api/> }.into_any(),
                Screen::Tokens if !is_admin => admin_only(t.admin_only_tokens),
                Screen::Tokens => view! { <tokens::TokensPage api/> }.into_any(),
                Screen::Audit if !is_admin => admin_only(t.admin_only_audit),
                Screen::Audit => view! { <audit::AuditPage/> }.into_any(),
                Screen::NotFound => view! {
                    <div class="card" role="alert">
                        <h2>{t.not_found_title}</h2>
                        <p>{t.not_found_body}</p>
                        <p><a href=Screen::Inbox.href()>{t.go_to_inbox}</a></p>
                    </div>
                }
                .into_any(),
            }}
            </div>
        }
    }
}

/// How long ago, roughly: minutes, hours, then days.
fn age(minutes: u64) -> String {
    let t = t();
    let n = |n: u64| n.to_string();
    match minutes {
        0..60 => t.age_minutes.replace("{n}", &n(minutes)),
        60..2880 => t.age_hours.replace("{n}", &n(minutes / 60)),
        _ => t.count(&t.age_days, usize::try_from(minutes / 1440).unwrap_or(usize::MAX)),
    }
}

/// A count of days as the catalogues' plurals take it.
fn days(n: impl TryInto<usize>) -> usize {
    n.try_into().unwrap_or(0)
}

#[component]
fn InboxView(
    inbox: Inbox,
    api: Api,
    may_act: bool,
    on_change: impl Fn(String) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let t = t();
    let questions = inbox
        .questions
        .into_iter()
        .map(|q| view! { <QuestionItem q api may_act on_change=on_change.clone()/> })
        .collect::<Vec<_>>();
    let replies = inbox
        .report_replies
        .into_iter()
        .map(|r| view! { <ReplyItem r api may_act on_change=on_change.clone()/> })
        .collect::<Vec<_>>();
    let alarms = inbox
        .alarms
        .into_iter()
        .map(|a| {
            let why = match a.silence {
                Silence::PromiseMissed { promised, overdue_days } => {
                    t.count(&t.alarm_promise_missed, days(overdue_days)).replace("{date}", &dates::short(promised))
                }
                Silence::NoContact { last_contact_on, silent_days } => {
                    t.count(&t.alarm_no_contact, days(silent_days)).replace("{date}", &dates::short(last_contact_on))
                }
            };
            let name = if a.name.is_empty() { t.erased_name.to_owned() } else { a.name };
            let id = a.application_id;
            let told = a.told_late_on.map(|on| t.told_late_on.replace("{date}", &dates::short(on)));
            view! {
                <li class="alarm">
                    <a href=Screen::Application(id).href()>{name}</a>
                    <span>{a.posting.title}</span>
                    <span>{why}</span>
                    {told.map(|told| view! { <span class="muted">{told}</span> })}
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
                    <td data-label=t.col_open_applications>{c.open_applications}</td>
                    <td data-label=t.col_alarms>{c.alarms}</td>
                    <td data-label=t.col_unanswered>{c.unanswered_questions}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="questions-title">
            <h2 id="questions-title">{t.questions_title}</h2>
            {ui::items_or(t.no_questions, questions)}
        </section>
        <section class="card" aria-labelledby="replies-title">
            <h2 id="replies-title">{t.replies_title}</h2>
            {ui::items_or(t.no_replies, replies)}
        </section>
        <section class="card" aria-labelledby="alarms-title">
            <h2 id="alarms-title">{t.count(&t.alarms_title, days(inbox.silence_alarm_days))}</h2>
            {ui::items_or(t.no_alarms, alarms)}
        </section>
        <section class="card" aria-labelledby="postings-title">
            <h2 id="postings-title">{t.open_postings_title}</h2>
            {ui::table([t.col_posting, t.col_open_applications, t.col_alarms, t.col_unanswered], false, rows)}
        </section>
    }
}

/// A note as long as a line of the inbox: the rest is in the report.
fn excerpt(text: &str) -> String {
    const MOST: usize = 160;
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= MOST {
        return line;
    }
    format!("{}…", line.chars().take(MOST - 1).collect::<String>().trim_end())
}

/// A report's reader's reply to a note, until someone marks it done.
#[component]
fn ReplyItem(
    r: ReplyForRecruiter,
    api: Api,
    may_act: bool,
    on_change: impl Fn(String) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let t = t();
    let problem = RwSignal::new(None::<String>);
    let id = r.id;
    let done = move |_| {
        let on_change = on_change.clone();
        spawn_local(async move {
            match api.send(Method::Post, &format!("{API}report/replies/{id}/seen"), Body::Empty).await {
                Ok(()) => on_change(i18n::t().reply_cleared.to_owned()),
                Err(e) => problem.set(Some(say(&e))),
            }
        });
    };
    let line = fill(t.reply_line, &[("posting", &r.posting.title), ("who", &r.by), ("when", &dates::moment(&r.at))]);
    let warning = r.note_kind == NoteKind::Warning;
    let kind = if warning { t.report_note_warning } else { t.report_note_update };
    let report = Screen::Report(r.posting.slug.clone()).href();
    let report_label = t.report_tab_title.replace("{title}", &r.posting.title);
    view! {
        <li>
            <p class="muted">{line}</p>
            <p class="personal"><strong>{r.body.clone()}</strong></p>
            <p class="muted">
                <span class=if warning { "badge warning" } else { "badge" }>{kind}</span>
                " "
                {fill(t.reply_to_note, &[("note", &excerpt(&r.note))])}
            </p>
            <div class="actions">
                <a href=report aria-label=report_label>{t.view_report}</a>
                {may_act.then(|| view! {
                    <button class="secondary" aria-label=t.reply_done_label.replace("{who}", &r.by) on:click=done>{t.reply_done}</button>
                })}
            </div>
            <p class="error" role="alert">{move || problem.get()}</p>
        </li>
    }
}

/// A decline reason as the console names it.
fn reason_name(reason: DeclineReason) -> &'static str {
    let t = t();
    match reason {
        DeclineReason::OffTopic => t.reason_off_topic,
        DeclineReason::Duplicate => t.reason_duplicate,
        DeclineReason::Spam => t.reason_spam,
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
                    Ok(()) => on_change(if declining { t().declined_done } else { t().published_done }.to_owned()),
                    Err(e) => problem.set(Some(say(&e))),
                }
            }),
            Err(e) if e.invalid == Invalid::Required => problem.set(Some(t().write_answer_first.into())),
            Err(e) => problem.set(Some(ui::point_at(&e, &format!("answer-{id}")))),
        }
    };
    let (answer_act, decline_act) = (act.clone(), act);
    let t = t();
    let who = if q.name.is_empty() { t.a_visitor.to_owned() } else { q.name.clone() };
    let asked = fill(t.asked_line, &[("posting", &q.posting.title), ("who", &who), ("age", &age(q.age_minutes))]);
    view! {
        <li>
            <p class="muted">{asked}</p>
            <p><strong>{q.text.clone()}</strong></p>
            {may_act.then(|| view! {
                <div class="field">
                    <label for=answer_id.clone()>{t.answer_label}</label>
                    <textarea id=answer_id.clone() rows="3" prop:value=move || answer.get() on:input:target=move |ev| answer.set(ev.target().value())></textarea>
                </div>
                <div class="actions">
                    <button on:click=move |_| answer_act(false)>{t.publish_answer}</button>
                    <div class="field">
                        <label for=reason_id.clone()>{t.decline_as}</label>
                        <select id=reason_id.clone() on:change:target=move |ev| reason.set(DeclineReason::parse(&ev.target().value()).unwrap_or(DeclineReason::OffTopic))>
                            {DeclineReason::ALL
                                .map(|r| view! { <option value=r.as_str() selected=move || reason.get() == r>{reason_name(r)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <button class="secondary" on:click=move |_| decline_act(true)>{t.decline}</button>
                </div>
            })}
            <p class="error" role="alert">{move || problem.get()}</p>
        </li>
    }
}
