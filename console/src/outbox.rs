//! The Outbox: every mail Candor wrote for the company, newest first, a
//! page at a time: what went to whom and when, which wait and which
//! failed and why (the mail server's own answer), and sending one again.
//! The API gives no mail's body: each holds the candidate's private link.

use candor_api::mail::{MailState, Outbox, OutboxEntry};
use candor_widget::api_client::{Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{API, Api, say};
use crate::i18n::{ConsoleStrings, fill, t};
use crate::{Screen, dates, ui};

/// `text` cut at each `{name}` of `codes`: its pieces in order, each a
/// code (a flag, an address: typed as they are, in any language) or text.
fn pieces(text: &'static str, codes: &[(&str, &'static str)]) -> Vec<(&'static str, bool)> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        match codes.iter().find(|(name, _)| *name == &rest[open + 1..close]) {
            Some((_, code)) => parts.extend([(&rest[..open], false), (*code, true)]),
            None => parts.push((&rest[..=close], false)),
        }
        rest = &rest[close + 1..];
    }
    parts.push((rest, false));
    parts
}

/// `text` with each `{name}` of `codes` shown as `<code>`.
fn with_code(text: &'static str, codes: &[(&str, &'static str)]) -> impl IntoView + use<> {
    pieces(text, codes)
        .into_iter()
        .map(|(piece, code)| if code { view! { <code>{piece}</code> }.into_any() } else { piece.into_any() })
        .collect_view()
}

/// The table's columns, for its head and each cell's label on a narrow screen.
fn columns(t: &'static ConsoleStrings) -> [&'static str; 7] {
    [
        t.outbox_col_mail,
        t.outbox_col_to,
        t.outbox_col_language,
        t.outbox_col_state,
        t.outbox_col_tries,
        t.outbox_col_when,
        t.outbox_col_answer,
    ]
}

/// Mails per page, as the API gives them.
const PAGE: usize = 50;

#[component]
pub fn OutboxPage(api: Api, may_act: bool) -> impl IntoView {
    let t = t();
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
                    <p><strong>{t.outbox_no_server}</strong></p>
                    <p>
                        {with_code(
                            t.outbox_no_server_how,
                            &[
                                ("smtp_url", "--smtp-url"),
                                ("example", "smtps://user:password@mail.example.com"),
                                ("mail_from", "--mail-from"),
                            ],
                        )}
                    </p>
                </div>
            }
        })
    };
    let list = ui::loaded(first, t.outbox_failed, move |outbox| {
        if outbox.mails.is_empty() {
            return view! { <p class="muted">{t.outbox_none}</p> }.into_any();
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
        ui::table(columns(t), may_act, rows).into_any()
    });
    let more = move || match last_page() {
        None => view! { <p class="muted" role="status">{t.outbox_loading_older}</p> }.into_any(),
        Some(Err(_)) => view! { <p role="alert">{t.outbox_failed}</p> }.into_any(),
        Some(Ok(page)) if page.mails.len() == PAGE => {
            view! { <button class="secondary" on:click=load_older>{t.outbox_load_older}</button> }.into_any()
        }
        Some(Ok(_)) if !older.get().is_empty() => view! { <p class="muted">{t.outbox_no_older}</p> }.into_any(),
        Some(Ok(_)) => ().into_any(),
    };
    view! {
        <section class="card" aria-labelledby="outbox-title">
            <h2 id="outbox-title">{t.tab_outbox}</h2>
            <p class="muted">{t.outbox_intro}</p>
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
    let t = t();
    let [_, col_to, col_language, col_state, col_tries, col_when, col_answer] = columns(t);
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
                    on_resent(fill(crate::i18n::t().outbox_resent, &[("subject", &subject), ("to", &to)]));
                }
                Err(e) => problem.set(Some(fill(crate::i18n::t().outbox_resend_failed, &[("why", &say(&e))]))),
            }
        });
    };
    let cancel = move |_| {
        confirming.set(false);
        ui::focus_soon(format!("resend-{id}"));
    };
    let when = move || {
        let m = entry.get();
        let written = fill(t.outbox_written, &[("when", &dates::moment(&m.created_at))]);
        let after = match (&m.sent_at, &m.last_attempt_at) {
            (Some(sent), _) => Some(fill(t.outbox_sent, &[("when", &dates::moment(sent))])),
            (None, Some(tried)) => Some(fill(t.outbox_last_try, &[("when", &dates::moment(tried))])),
            (None, None) => None,
        };
        view! { {written} {after.map(|a| view! { <br/>{a} })} }
    };
    let actions = move || {
        let m = entry.get();
        let resendable = may_act && m.state != MailState::Pending;
        resendable.then(|| {
            let label = move || {
                let verb = if confirming.get() { t.outbox_confirm_resend } else { t.outbox_resend };
                let m = entry.get();
                fill(t.outbox_resend_label, &[("verb", verb), ("subject", &m.subject), ("to", &m.recipient)])
            };
            view! {
                <div class="actions">
                    <button id=format!("resend-{id}") class="secondary" aria-label=label on:click=resend>
                        {move || if confirming.get() { t.outbox_confirm_resend } else { t.outbox_resend }}
                    </button>
                    {move || confirming.get().then(|| view! { <button class="secondary" on:click=cancel>{t.cancel}</button> })}
                </div>
            }
        })
    };
    view! {
        <tr>
            <td>
                <span id=format!("mail-{id}") tabindex="-1" class="muted">{move || t.mail_kind(entry.get().kind)}</span>
                <br/>
                <strong>{move || entry.get().subject}</strong>
                {move || entry.get().application.map(|a| {
                    let label = format!("{} ({})", t.outbox_application, entry.get().recipient);
                    view! { <br/><a href=Screen::Application(a).href() aria-label=label>{t.outbox_application}</a> }
                })}
            </td>
            <td data-label=col_to>{move || entry.get().recipient}</td>
            <td data-label=col_language>{move || t.language(entry.get().locale)}</td>
            <td data-label=col_state>
                {move || {
                    let state = entry.get().state;
                    view! { <span class=format!("badge mail-{}", state.as_str())>{t.mail_state(state)}</span> }
                }}
            </td>
            <td data-label=col_tries>{move || entry.get().attempts}</td>
            <td data-label=col_when>{when}</td>
            <td data-label=col_answer>
                {move || {
                    let m = entry.get();
                    if m.last_answer.is_empty() && m.attempts == 0 { t.outbox_nothing_tried.to_owned() } else { m.last_answer }
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

#[cfg(test)]
mod tests {
    use candor_api::Locale;

    use super::*;
    use crate::i18n::strings;

    const CODES: [(&str, &str); 3] =
        [("smtp_url", "--smtp-url"), ("example", "smtps://x"), ("mail_from", "--mail-from")];

    #[test]
    fn the_flags_are_shown_as_typed_in_every_language() {
        let en = pieces(strings(Locale::En).outbox_no_server_how, &CODES);
        assert_eq!(
            en,
            [
                ("Whoever runs Candor sets one up by starting it with ", false),
                ("--smtp-url", true),
                (" (for example ", false),
                ("smtps://x", true),
                (") and ", false),
                ("--mail-from", true),
                (".", false),
            ]
        );
        for locale in Locale::ALL {
            let parts = pieces(strings(locale).outbox_no_server_how, &CODES);
            let codes: Vec<_> = parts.iter().filter(|(_, code)| *code).map(|(p, _)| *p).collect();
            assert_eq!(codes, ["--smtp-url", "smtps://x", "--mail-from"], "{locale:?}");
            assert!(parts.iter().all(|(p, code)| *code || !p.contains('{')), "{locale:?}");
        }
    }

    #[test]
    fn an_unknown_name_stays_as_it_is() {
        assert_eq!(pieces("a {b} c", &CODES), [("a {b}", false), (" c", false)]);
    }
}
