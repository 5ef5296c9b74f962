//! The Outbox: every mail Candor wrote for the company, newest first, a
//! page at a time: what went to whom and when, which wait and which
//! failed and why (the mail server's own answer), and sending one again.
//! The API gives no mail's body: each holds the candidate's private link.

use candor_api::Locale;
use candor_api::mail::{MailKind, MailState, Outbox, OutboxEntry};
use candor_widget::api_client::{Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{API, Api, say};
use crate::{Screen, dates, ui};

/// The view's words, in one place for the catalogue.
mod words {
    pub const TITLE: &str = "Outbox";
    pub const INTRO: &str = "Every mail Candor writes to candidates, newest first: to whom and when, whether it was sent, \
                             and the mail server's answer when it was not. Mails are never lost: each is written with \
                             what it tells of.";
    pub const NO_SERVER: &str = "No mail server is set up: mails wait here and are sent once one is.";
    /// Around the flags, which stay as they are typed.
    pub const NO_SERVER_HOW: [&str; 4] =
        ["Whoever runs Candor sets one up by starting it with ", " (for example ", ") and ", "."];
    pub const FAILED_LOAD: &str = "The outbox could not be loaded.";
    pub const NONE: &str = "No mails yet. The first is the acknowledgement of an application.";
    pub const COLUMNS: [&str; 7] = ["Mail", "To", "Language", "State", "Tries", "When", "Mail server's answer"];
    pub const LOADING_OLDER: &str = "Loading older mails…";
    pub const LOAD_OLDER: &str = "Load older mails";
    pub const NO_OLDER: &str = "That is every mail.";
    pub const RESEND: &str = "Resend";
    pub const CONFIRM_RESEND: &str = "Yes, send it again";
    pub const KEEP: &str = "Cancel";
    pub const APPLICATION: &str = "Application";
    pub const NOTHING_TRIED: &str = "Not tried yet";
}

/// What a mail tells of, in words.
pub fn kind_name(kind: MailKind) -> &'static str {
    match kind {
        MailKind::Received => "Acknowledgement",
        MailKind::StageChanged => "Stage change",
        MailKind::Message => "Message",
        MailKind::Promise => "New promised date",
        MailKind::Closed => "Outcome",
        MailKind::PromiseLate => "Apology for a missed date",
        MailKind::QuestionAnswered => "Question answered",
        MailKind::QuestionDeclined => "Question declined",
        MailKind::Links => "Lost links sent again",
        MailKind::PasswordLink => "Set-password link",
        MailKind::NewArrival => "New application or question",
        MailKind::Digest => "Morning digest",
    }
}

/// The state in words (the badge's colour only repeats it).
pub fn state_name(state: MailState) -> &'static str {
    match state {
        MailState::Pending => "Waiting",
        MailState::Sent => "Sent",
        MailState::Failed => "Failed",
    }
}

fn language(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "English",
        Locale::Fi => "Finnish",
        Locale::Sv => "Swedish",
        Locale::Pl => "Polish",
        Locale::Nl => "Dutch",
    }
}

/// Mails per page, as the API gives them.
const PAGE: usize = 50;

#[component]
pub fn OutboxPage(api: Api, may_act: bool) -> impl IntoView {
    let first: Loader<Outbox> = Loader::new(format!("{API}outbox"));
    // The older pages loaded so far, each asked for before the last id of the one above.
    let older = RwSignal::new(Vec::<Loader<Outbox>>::new());
    let done = RwSignal::new(None::<String>);
    let on_resent = move |what: String| {
        done.set(Some(what));
        ui::focus_soon("outbox-done".to_owned());
    };
    let pages = move || {
        let mut pages = vec![first];
        pages.extend(older.get());
        pages
    };
    // The last loaded page: what "Load older" starts from.
    let last_page = move || pages().last().and_then(|p| p.get());
    let load_older = move |_| {
        if let Some(Ok(page)) = last_page()
            && let Some(last) = page.mails.last()
        {
            let loader = Loader::new(format!("{API}outbox?before={}", last.id));
            older.update(|o| o.push(loader));
        }
    };
    let banner = move || {
        first.loaded().filter(|o| !o.delivering).map(|_| {
            view! {
                <div class="notice" role="note">
                    <p><strong>{words::NO_SERVER}</strong></p>
                    <p>
                        {words::NO_SERVER_HOW[0]}<code>"--smtp-url"</code>{words::NO_SERVER_HOW[1]}
                        <code>"smtps://user:password@mail.example.com"</code>{words::NO_SERVER_HOW[2]}
                        <code>"--mail-from"</code>{words::NO_SERVER_HOW[3]}
                    </p>
                </div>
            }
        })
    };
    let list = ui::loaded(first, words::FAILED_LOAD, move |outbox| {
        if outbox.mails.is_empty() {
            return view! { <p class="muted">{words::NONE}</p> }.into_any();
        }
        // Keyed by page, so a page loaded later leaves the rows above (and a
        // resend being confirmed there) as they are.
        let rows = view! {
            <For each=move || pages().into_iter().enumerate() key=|(n, _)| *n let:((n, page))>
                {move || match page.get() {
                    Some(Ok(page)) => {
                        // A page just loaded takes the focus to its first mail.
                        if n > 0
                            && let Some(mail) = page.mails.first()
                        {
                            ui::focus_soon(format!("mail-{}", mail.id));
                        }
                        page.mails
                            .into_iter()
                            .map(|mail| view! { <Row mail api may_act on_resent/> })
                            .collect_view()
                            .into_any()
                    }
                    _ => ().into_any(),
                }}
            </For>
        };
        ui::table(words::COLUMNS, may_act, rows).into_any()
    });
    let more = move || match last_page() {
        None => view! { <p class="muted" role="status">{words::LOADING_OLDER}</p> }.into_any(),
        Some(Err(_)) => view! { <p role="alert">{words::FAILED_LOAD}</p> }.into_any(),
        Some(Ok(page)) if page.mails.len() == PAGE => {
            view! { <button class="secondary" on:click=load_older>{words::LOAD_OLDER}</button> }.into_any()
        }
        Some(Ok(_)) if !older.get().is_empty() => view! { <p class="muted">{words::NO_OLDER}</p> }.into_any(),
        Some(Ok(_)) => ().into_any(),
    };
    view! {
        <section class="card" aria-labelledby="outbox-title">
            <h2 id="outbox-title">{words::TITLE}</h2>
            <p class="muted">{words::INTRO}</p>
            {banner}
            <p id="outbox-done" class="confirmation" role="status" tabindex="-1">{move || done.get()}</p>
            {list}
            {move || first.loaded().is_some().then(more)}
        </section>
    }
}

#[component]
fn Row(
    mail: OutboxEntry,
    api: Api,
    may_act: bool,
    on_resent: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let entry = RwSignal::new(mail);
    let id = entry.get_untracked().id;
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let resend = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            ui::focus_soon(format!("resend-{id}"));
            return;
        }
        spawn_local(async move {
            let url = format!("{API}outbox/{id}/resend");
            match api.send_for::<OutboxEntry>(Method::Post, &url, candor_widget::api_client::Body::Empty).await {
                Ok(now) => {
                    let to = now.recipient.clone();
                    let subject = now.subject.clone();
                    confirming.set(false);
                    problem.set(None);
                    entry.set(now);
                    on_resent(format!("“{subject}” is sent again to {to}: it waits its turn in the outbox."));
                }
                Err(e) => problem.set(Some(format!("It could not be sent again: {}", say(&e)))),
            }
        });
    };
    let cancel = move |_| {
        confirming.set(false);
        ui::focus_soon(format!("resend-{id}"));
    };
    let when = move || {
        let m = entry.get();
        let written = format!("Written {}", dates::moment(&m.created_at));
        let after = match (&m.sent_at, &m.last_attempt_at) {
            (Some(sent), _) => Some(format!("Sent {}", dates::moment(sent))),
            (None, Some(tried)) => Some(format!("Last try {}", dates::moment(tried))),
            (None, None) => None,
        };
        view! { {written} {after.map(|a| view! { <br/>{a} })} }
    };
    let actions = move || {
        let m = entry.get();
        let resendable = may_act && m.state != MailState::Pending;
        resendable.then(|| {
            let label = move || {
                let verb = if confirming.get() { words::CONFIRM_RESEND } else { words::RESEND };
                format!("{verb}: {} to {}", entry.get().subject, entry.get().recipient)
            };
            view! {
                <div class="actions">
                    <button id=format!("resend-{id}") class="secondary" aria-label=label on:click=resend>
                        {move || if confirming.get() { words::CONFIRM_RESEND } else { words::RESEND }}
                    </button>
                    {move || confirming.get().then(|| view! { <button class="secondary" on:click=cancel>{words::KEEP}</button> })}
                </div>
            }
        })
    };
    view! {
        <tr>
            <td>
                <span id=format!("mail-{id}") tabindex="-1" class="muted">{move || kind_name(entry.get().kind)}</span>
                <br/>
                <strong>{move || entry.get().subject}</strong>
                {move || entry.get().application.map(|a| {
                    let label = format!("{} ({})", words::APPLICATION, entry.get().recipient);
                    view! { <br/><a href=Screen::Application(a).href() aria-label=label>{words::APPLICATION}</a> }
                })}
            </td>
            <td data-label=words::COLUMNS[1]>{move || entry.get().recipient}</td>
            <td data-label=words::COLUMNS[2]>{move || language(entry.get().locale)}</td>
            <td data-label=words::COLUMNS[3]>
                {move || {
                    let state = entry.get().state;
                    view! { <span class=format!("badge mail-{}", state.as_str())>{state_name(state)}</span> }
                }}
            </td>
            <td data-label=words::COLUMNS[4]>{move || entry.get().attempts}</td>
            <td data-label=words::COLUMNS[5]>{when}</td>
            <td data-label=words::COLUMNS[6]>
                {move || {
                    let m = entry.get();
                    if m.last_answer.is_empty() && m.attempts == 0 { words::NOTHING_TRIED.to_owned() } else { m.last_answer }
                }}
            </td>
            {may_act.then(|| view! {
                <td>
                    {actions}
                    <p class="error" role="alert">{move || problem.get()}</p>
                </td>
            })}
        </tr>
    }
}
