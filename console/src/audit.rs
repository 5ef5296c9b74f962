//! The audit log, for admins: who viewed or exported an application, who
//! erased one, who changed a role and who made a token or a link, newest
//! first, filtered by action and by person, a page at a time.

use candor_api::audit::{ActorKind, AuditAction, AuditEntry, AuditLog, COMMAND_LINE, SubjectKind};
use candor_api::console::Person;
use candor_widget::api_client::Loader;
use leptos::prelude::*;

use crate::client::API;
use crate::i18n::{ConsoleStrings, fill, t};
use crate::{Screen, dates, ui};

/// Entries per page, as the API gives them.
const PAGE: usize = 50;

fn columns(t: &'static ConsoleStrings) -> [&'static str; 4] {
    [t.audit_col_when, t.audit_col_who, t.audit_col_what, t.audit_col_which]
}

/// The API's address for the filters chosen, from before `before`.
fn url(action: &str, actor: &str, before: Option<i64>) -> String {
    let mut query = Vec::new();
    if !action.is_empty() {
        query.push(format!("action={action}"));
    }
    if !actor.is_empty() {
        query.push(format!("actor={actor}"));
    }
    if let Some(before) = before {
        query.push(format!("before={before}"));
    }
    if query.is_empty() { format!("{API}audit") } else { format!("{API}audit?{}", query.join("&")) }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let t = t();
    let people: Loader<Vec<Person>> = Loader::new(format!("{API}people"));
    let action = RwSignal::new(String::new());
    let actor = RwSignal::new(String::new());
    // The pages loaded so far for the filters chosen; a new choice starts again.
    let pages = RwSignal::new(vec![Loader::<AuditLog>::new(url("", "", None))]);
    let refilter = move || pages.set(vec![Loader::new(url(&action.get_untracked(), &actor.get_untracked(), None))]);
    let last_page = move || pages.get().last().and_then(|p| p.get());
    let load_older = move |_| {
        if let Some(Ok(page)) = last_page()
            && let Some(last) = page.entries.last()
        {
            let loader = Loader::new(url(&action.get_untracked(), &actor.get_untracked(), Some(last.id)));
            pages.update(|p| p.push(loader));
        }
    };
    let actions = AuditAction::ALL
        .into_iter()
        .map(|a| view! { <option value=a.as_str()>{t.audit_action(a)}</option> })
        .collect_view();
    let persons = move || {
        people
            .loaded()
            .unwrap_or_default()
            .into_iter()
            .map(|p| view! { <option value=p.id.to_string()>{p.name}</option> })
            .collect_view()
    };
    let first = move || pages.get()[0];
    let list = move || match first().get() {
        None => view! { <p class="muted" role="status">{t.loading}</p> }.into_any(),
        Some(Err(_)) => view! { <p role="alert">{t.audit_failed}</p> }.into_any(),
        Some(Ok(log)) if log.entries.is_empty() => view! { <p class="muted">{t.audit_none}</p> }.into_any(),
        Some(Ok(_)) => {
            let rows = view! {
                <For each=move || pages.get().into_iter().enumerate() key=|(n, _)| *n let:((n, page))>
                    {move || match page.get() {
                        Some(Ok(page)) => {
                            if n > 0
                                && let Some(entry) = page.entries.first()
                            {
                                ui::focus_soon(format!("audit-{}", entry.id));
                            }
                            page.entries.into_iter().map(|entry| row(t, entry)).collect_view().into_any()
                        }
                        _ => ().into_any(),
                    }}
                </For>
            };
            view! {
                <div class="table-scroll audit" role="region" aria-label=t.audit_table_label tabindex="0">
                    {ui::table(columns(t), false, rows)}
                </div>
            }
            .into_any()
        }
    };
    let more = move || match last_page() {
        None => view! { <p class="muted" role="status">{t.audit_loading_older}</p> }.into_any(),
        Some(Err(_)) => view! { <p role="alert">{t.audit_failed}</p> }.into_any(),
        Some(Ok(page)) if page.entries.len() == PAGE => {
            view! { <button class="secondary" on:click=load_older>{t.audit_load_older}</button> }.into_any()
        }
        Some(Ok(_)) if pages.get().len() > 1 => view! { <p class="muted">{t.audit_no_older}</p> }.into_any(),
        Some(Ok(_)) => ().into_any(),
    };
    view! {
        <section class="card" aria-labelledby="audit-title">
            <h2 id="audit-title">{t.tab_audit}</h2>
            <p class="muted">{t.audit_intro}</p>
            <div class="filters">
                <div class="field">
                    <label for="audit-action">{t.audit_filter_action}</label>
                    <select id="audit-action" on:change:target=move |ev| { action.set(ev.target().value()); refilter(); }>
                        <option value="">{t.audit_every_action}</option>
                        {actions}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-person">{t.audit_filter_person}</label>
                    <select id="audit-person" on:change:target=move |ev| { actor.set(ev.target().value()); refilter(); }>
                        <option value="">{t.audit_everyone}</option>
                        {persons}
                    </select>
                </div>
            </div>
            {list}
            {move || first().loaded().is_some_and(|l| !l.entries.is_empty()).then(more)}
        </section>
    }
}

/// One entry as a row. The table keeps its rows on a phone and scrolls in
/// its box instead: four short columns read best side by side.
fn row(t: &'static ConsoleStrings, entry: AuditEntry) -> impl IntoView {
    let who = match entry.actor_kind {
        ActorKind::Person => entry.actor_name.clone(),
        ActorKind::ApiToken => fill(t.audit_token, &[("name", &entry.actor_name)]),
        ActorKind::Candidate => t.audit_candidate.to_owned(),
        ActorKind::System if entry.actor_name == COMMAND_LINE => t.audit_command_line.to_owned(),
        ActorKind::System => t.audit_system.to_owned(),
    };
    let id = entry.subject_id.to_string();
    let subject = match entry.subject_kind {
        SubjectKind::Application => t.audit_subject_application,
        SubjectKind::Person => t.audit_subject_person,
        SubjectKind::ApiToken => t.audit_subject_token,
        SubjectKind::ReportLink => t.audit_subject_report_link,
    };
    let subject = fill(subject, &[("id", &id)]);
    // An application erased since has nothing left to open.
    let erased = matches!(entry.action, AuditAction::ApplicationErased | AuditAction::ApplicationAnonymised);
    let which = if entry.subject_kind == SubjectKind::Application && !erased {
        view! { <a href=Screen::Application(entry.subject_id).href()>{subject}</a> }.into_any()
    } else {
        subject.into_any()
    };
    view! {
        <tr>
            <td><span id=format!("audit-{}", entry.id) tabindex="-1">{dates::moment(&entry.at)}</span></td>
            <td>{who}</td>
            <td>{t.audit_action(entry.action)}</td>
            <td>
                {which}
                {(!entry.subject_label.is_empty()).then(|| view! { <br/><span class="muted">{entry.subject_label.clone()}</span> })}
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filters_make_the_apis_query() {
        assert_eq!(url("", "", None), format!("{API}audit"));
        assert_eq!(url("role_changed", "3", Some(40)), format!("{API}audit?action=role_changed&actor=3&before=40"));
        assert_eq!(url("", "3", None), format!("{API}audit?actor=3"));
    }
}
