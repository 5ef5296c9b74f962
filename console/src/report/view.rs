//! The report as its reader sees it: the one view both the reader's page
//! (`/report#token`) and the console's preview draw, so the recruiter
//! previews exactly what the client reads. Written in the report's own
//! language (`Report::locale`), which in the console may not be the
//! console's: every text and date here takes it, and the view says so with
//! `lang`. The figures are `candor_api::reports`'; this only says them.

use candor_api::Locale;
use candor_api::reports::{NewReply, Note, NoteKind, Reply, Report, StageStatus};
use candor_widget::api_client::{self, Body, Method, SendError};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::chart::Chart;
use super::words::{days, scroll_table, span};
use crate::dates;
use crate::i18n::{fill, strings};
use crate::ui;

/// The reader's link, which lets them answer a note; the console's preview
/// has none and shows no reply box.
#[derive(Clone, Copy)]
pub struct Replying {
    pub token: StoredValue<String>,
}

/// The header a reader proves their link with: the secret never goes in a
/// URL, where servers and proxies would log it.
pub const LINK_HEADER: &str = "Candor-Report";

#[component]
pub fn ReportView(
    report: Report,
    #[prop(optional)] replying: Option<Replying>,
    /// In the console the report sits in a card under the page's own
    /// headings; on the reader's page it is the page.
    #[prop(optional)]
    in_console: bool,
) -> impl IntoView {
    let top = if in_console { 3 } else { 1 };
    let part = top + 1;
    let locale = report.locale;
    let t = strings(locale);
    // The posting's own texts (its title, its stages' names) are in its
    // language, which may not be the reader's.
    let posting_lang = (report.posting.lang != locale).then_some(report.posting.lang.tag());
    let (warnings, updates): (Vec<Note>, Vec<Note>) =
        report.notes.iter().cloned().partition(|n| n.kind == NoteKind::Warning);
    let note_list =
        move |notes: Vec<Note>| notes.into_iter().map(|note| view! { <NoteItem note locale replying/> }).collect_view();

    let prepared = match &report.reader {
        Some(reader) => t.report_prepared_for.replace("{reader}", reader),
        None => t.report_preview_note.to_owned(),
    };
    let shows = match report.shows {
        candor_api::reports::Shows::Counts => t.report_shows_counts,
        candor_api::reports::Shows::Names => t.report_shows_names,
    };
    let summary = {
        let (class, words) = match report.days_late {
            0 => ("on-plan", t.report_on_plan.to_owned()),
            n if n > 0 => ("behind", t.count(&t.report_behind, days(n))),
            n => ("ahead", t.count(&t.report_ahead, days(n))),
        };
        let current = report.stages.iter().rfind(|s| s.status == StageStatus::Current);
        let now = current.map(|s| t.report_now_in.replace("{stage}", &s.name));
        let ends = t.report_plan_ends.replace("{date}", &dates::long_in(locale, report.plan.ends_on()));
        let opened = t.report_opened_on.replace("{date}", &dates::long_in(locale, report.plan.opened_on));
        view! {
            <section class="report-part summary" aria-labelledby="report-summary-title">
                {heading(part, "report-summary-title", view! { {t.report_summary_title} })}
                <p class=format!("verdict {class}")><strong>{words}</strong></p>
                <ul class="plain">
                    <li>{opened}</li>
                    <li>{ends}</li>
                    {now.map(|now| view! { <li lang=posting_lang>{now}</li> })}
                </ul>
            </section>
        }
    };

    let schedule = {
        let this_week = report.plan.opened_on.days_until(report.today).div_euclid(7) + 1;
        let rows = report
            .plan
            .weeks()
            .into_iter()
            .map(|w| {
                let stages = w
                    .stages
                    .iter()
                    .filter_map(|&i| report.plan.stages.get(i))
                    .map(|s| s.name.clone())
                    .collect::<Vec<_>>()
                    .join(", ");
                let now = i64::from(w.number) == this_week;
                let week = t.report_week_n.replace("{n}", &w.number.to_string());
                view! {
                    <tr class:this-week=now>
                        <th scope="row">{week}{now.then(|| view! { " " <span class="badge">{t.report_this_week}</span> })}</th>
                        <td>{span(locale, w.starts_on, w.ends_on)}</td>
                        <td class="wrap" lang=posting_lang>{stages}</td>
                    </tr>
                }
            })
            .collect_view();
        let planned = report
            .plan
            .stages
            .iter()
            .map(|s| {
                let days = t.count(&t.report_expected_days, usize::from(s.expected_days));
                view! { <li><span lang=posting_lang>{s.name.clone()}</span>": " {days} " (" {span(locale, s.starts_on, s.ends_on)} ")"</li> }
            })
            .collect_view();
        view! {
            <section class="report-part" aria-labelledby="report-schedule-title">
                {heading(part, "report-schedule-title", view! { {t.report_schedule_title} })}
                <p class="muted">{t.report_schedule_note}</p>
                <ol class="plan">{planned}</ol>
                {scroll_table(t.report_schedule_table, view! {
                    <table class="report-table">
                        <thead><tr>
                            <th scope="col">{t.report_col_week}</th>
                            <th scope="col">{t.report_col_dates}</th>
                            <th scope="col">{t.report_col_stages}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                })}
            </section>
        }
    };

    let funnel = {
        let names: Vec<String> = report.plan.stages.iter().map(|s| s.name.clone()).collect();
        let now_rows = names
            .iter()
            .zip(&report.funnel.per_stage)
            .map(|(name, n)| view! { <tr><th scope="row" lang=posting_lang>{name.clone()}</th><td class="number">{*n}</td></tr> })
            .collect_view();
        let heads = names
            .iter()
            .map(|n| view! { <th scope="col" class="number" lang=posting_lang>{n.clone()}</th> })
            .collect_view();
        let week_rows = report
            .weeks
            .iter()
            .map(|w| {
                let cells = w.funnel.per_stage.iter().map(|n| view! { <td class="number">{*n}</td> }).collect_view();
                let week = t.report_week_n.replace("{n}", &w.number.to_string());
                view! {
                    <tr>
                        <th scope="row">{week}</th>
                        <td>{dates::day_month_in(locale, w.on)}</td>
                        {cells}
                        <td class="number">{w.funnel.ended}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="report-part" aria-labelledby="report-funnel-title">
                {heading(part, "report-funnel-title", view! { {t.report_funnel_title} })}
                <div class="funnel-now">
                    {scroll_table(format!("{}: {}", t.report_funnel_title, t.report_funnel_now), view! {
                        <table class="report-table">
                            <caption>{t.report_funnel_now}</caption>
                            <thead><tr><th scope="col">{t.report_col_stage}</th><th scope="col" class="number">{t.report_col_candidates}</th></tr></thead>
                            <tbody>
                                {now_rows}
                                <tr><th scope="row">{t.report_ended}</th><td class="number">{report.funnel.ended}</td></tr>
                            </tbody>
                        </table>
                    })}
                </div>
                {scroll_table(format!("{}: {}", t.report_funnel_title, t.report_funnel_weeks), view! {
                    <table class="report-table">
                        <caption>{t.report_funnel_weeks}</caption>
                        <thead><tr>
                            <th scope="col">{t.report_col_week}</th>
                            <th scope="col">{t.report_col_counted}</th>
                            {heads}
                            <th scope="col" class="number">{t.report_ended}</th>
                        </tr></thead>
                        <tbody>{week_rows}</tbody>
                    </table>
                })}
            </section>
        }
    };

    let care = {
        let c = &report.care;
        let closed = match c.closed_with_message_share {
            Some(_) => fill(
                t.report_closed_with_message,
                &[("n", &c.closed_with_message.to_string()), ("total", &c.closed.to_string())],
            ),
            None => t.report_none_closed.to_owned(),
        };
        let overdue_class = if c.overdue_promises > 0 { "figure warn" } else { "figure" };
        view! {
            <section class="report-part" aria-labelledby="report-care-title">
                {heading(part, "report-care-title", view! { {t.report_care_title} })}
                <dl class="figures">
                    <div class=overdue_class>
                        <dt>{t.report_overdue_promises}</dt>
                        <dd><span class="value">{c.overdue_promises}</span> <span class="muted">{t.report_overdue_note}</span></dd>
                    </div>
                    <div class="figure">
                        <dt>{t.report_closed_personally}</dt>
                        <dd><span class="value">{c.closed_with_message_share.map_or_else(|| "–".to_owned(), |s| t.percent(s))}</span> <span class="muted">{closed}</span></dd>
                    </div>
                </dl>
            </section>
        }
    };

    let candidates = (report.shows == candor_api::reports::Shows::Names).then(|| {
        let rows = report
            .candidates
            .iter()
            .map(|c| {
                let name = if c.name.is_empty() { t.erased_name.to_owned() } else { c.name.clone() };
                let stage = match (c.open, c.stage.and_then(|i| report.plan.stages.get(i))) {
                    (true, Some(s)) => s.name.clone(),
                    (true, None) => t.received.to_owned(),
                    (false, _) => t.report_ended.to_owned(),
                };
                let promise =
                    if c.overdue_days > 0 { t.count(&t.overdue_by, days(c.overdue_days)) } else { "–".to_owned() };
                view! {
                    <tr class:overdue={c.overdue_days > 0}>
                        <th scope="row">{name}</th>
                        <td lang=posting_lang>{stage}</td>
                        <td>{promise}</td>
                    </tr>
                }
            })
            .collect_view();
        let body = if report.candidates.is_empty() {
            view! { <p class="muted">{t.no_applications}</p> }.into_any()
        } else {
            scroll_table(
                t.report_candidates_table,
                view! {
                    <table class="report-table">
                        <thead><tr>
                            <th scope="col">{t.col_candidate}</th>
                            <th scope="col">{t.col_where}</th>
                            <th scope="col">{t.report_col_promise}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                },
            )
            .into_any()
        };
        view! {
            <section class="report-part" aria-labelledby="report-candidates-title">
                {heading(part, "report-candidates-title", view! { {t.report_candidates_title} })}
                {body}
            </section>
        }
    });

    let questions = {
        let items = report
            .questions
            .iter()
            .map(|q| {
                let asked = if q.name.is_empty() {
                    t.report_asked_at.replace("{when}", &dates::moment_in(locale, &q.asked_at))
                } else {
                    fill(t.report_asked_by_at, &[("who", &q.name), ("when", &dates::moment_in(locale, &q.asked_at))])
                };
                let answered = t.report_answered_at.replace("{when}", &dates::moment_in(locale, &q.answered_at));
                view! {
                    <li class="question">
                        <p><strong>{q.text.clone()}</strong></p>
                        <p class="muted">{asked}</p>
                        <p class="personal">{q.answer.clone()}</p>
                        <p class="muted">{answered}</p>
                    </li>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <section class="report-part" aria-labelledby="report-questions-title">
                {heading(part, "report-questions-title", view! { {t.report_questions_title} })}
                {if items.is_empty() {
                    view! { <p class="muted">{t.report_no_questions}</p> }.into_any()
                } else {
                    view! { <ul class="items">{items}</ul> }.into_any()
                }}
            </section>
        }
    };

    let has_warnings = !warnings.is_empty();
    let no_updates = updates.is_empty();
    view! {
        <article class="report" lang=locale.tag() aria-labelledby="report-title">
            <header class="report-head" style:border-top-color=report.company.accent_color.as_str().to_owned()>
                <p class="company">{report.company.name.clone()}</p>
                {heading(top, "report-title", view! {
                    {t.report_heading}": " <span lang=posting_lang>{report.posting.title.clone()}</span>
                })}
                <p>{prepared}</p>
                <p class="muted">{t.report_as_of.replace("{date}", &dates::long_in(locale, report.today))} " · " {shows}</p>
            </header>
            {has_warnings.then(|| view! {
                <section class="report-part warnings" aria-labelledby="report-warnings-title">
                    {heading(part, "report-warnings-title", view! { <span aria-hidden="true">"⚠ "</span>{t.report_warnings_title} })}
                    <ul class="notes">{note_list(warnings)}</ul>
                </section>
            })}
            {summary}
            <section class="report-part" aria-labelledby="report-chart-title">
                {heading(part, "report-chart-title", view! { {t.report_chart_title} })}
                <Chart report=report.clone() posting_lang/>
            </section>
            {schedule}
            {funnel}
            {care}
            {candidates}
            <section class="report-part" aria-labelledby="report-notes-title">
                {heading(part, "report-notes-title", view! { {t.report_notes_title} })}
                {if no_updates {
                    view! { <p class="muted">{t.report_no_notes}</p> }.into_any()
                } else {
                    view! { <ul class="notes">{note_list(updates)}</ul> }.into_any()
                }}
            </section>
            {questions}
        </article>
    }
}

/// A heading of `level`, so the report's outline fits the page it is on.
fn heading(level: u8, id: &'static str, content: impl IntoView + 'static) -> AnyView {
    match level {
        1 => view! { <h1 id=id tabindex="-1">{content}</h1> }.into_any(),
        2 => view! { <h2 id=id>{content}</h2> }.into_any(),
        3 => view! { <h3 id=id tabindex="-1">{content}</h3> }.into_any(),
        4 => view! { <h4 id=id>{content}</h4> }.into_any(),
        _ => view! { <h5 id=id>{content}</h5> }.into_any(),
    }
}

/// One note with its replies, oldest first, and for the reader a box to
/// answer it in.
#[component]
fn NoteItem(note: Note, locale: Locale, replying: Option<Replying>) -> impl IntoView {
    let t = strings(locale);
    let id = note.id;
    let replies = RwSignal::new(note.replies.clone());
    let warning = note.kind == NoteKind::Warning;
    let kind = if warning { t.report_note_warning } else { t.report_note_update };
    let written =
        fill(t.report_written_by, &[("who", &note.author), ("when", &dates::moment_in(locale, &note.written_at))]);
    let reply_list = move || {
        let list = replies.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|r| {
                    let said = fill(t.report_reply_by, &[("who", &r.by), ("when", &dates::moment_in(locale, &r.at))]);
                    view! {
                        <li class="reply" id=format!("reply-{}", r.id) tabindex="-1">
                            <p class="muted">{said}</p>
                            <p class="personal">{r.body}</p>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul class="replies" aria-label=t.report_replies>{items}</ul>
            }
        })
    };
    view! {
        <li class="note" class:warning=warning id=format!("note-{id}")>
            <p class="note-head">
                <span class=if warning { "badge warning" } else { "badge" }>{kind}</span>
                " "
                <span class="muted">{written}</span>
            </p>
            <p class="personal">{note.body.clone()}</p>
            {reply_list}
            {replying.map(|r| view! { <ReplyBox note=id locale token=r.token replies/> })}
        </li>
    }
}

/// The reader's answer to a note; it shows under the note at once, and in
/// the recruiters' inbox.
#[component]
fn ReplyBox(note: i64, locale: Locale, token: StoredValue<String>, replies: RwSignal<Vec<Reply>>) -> impl IntoView {
    let t = strings(locale);
    let body = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let field = format!("reply-body-{note}");
    let field_id = field.clone();
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let request = match (NewReply { note, body: body.get_untracked() }).validate() {
            Ok(request) => request,
            Err(e) => {
                problem.set(Some(ui::point_at(&e, &field_id)));
                return;
            }
        };
        problem.set(None);
        spawn_local(async move {
            let secret = token.get_value();
            let headers = [(LINK_HEADER, secret.as_str())];
            let sent =
                api_client::send_for::<Reply>(Method::Post, "/api/v1/report/replies", &headers, Body::json(&request));
            match sent.await {
                Ok(reply) => {
                    let id = reply.id;
                    body.set(String::new());
                    replies.update(|r| r.push(reply));
                    done.set(Some(t.report_reply_sent.to_owned()));
                    // The reply just written, where it now stands in the conversation.
                    ui::focus_soon(format!("reply-{id}"));
                }
                Err(SendError::Refused { status: 404, .. }) => problem.set(Some(t.report_link_gone.to_owned())),
                Err(SendError::Refused { status: 410, .. }) => problem.set(Some(t.report_link_expired.to_owned())),
                Err(e) => problem.set(Some(crate::client::say(&e))),
            }
        });
    };
    view! {
        <form class="reply-box" on:submit=send novalidate>
            <div class="field">
                <label for=field.clone()>{t.report_reply_label}</label>
                <textarea id=field.clone() rows="3" maxlength=candor_api::reports::REPLY_MAX prop:value=move || body.get() on:input:target=move |ev| body.set(ev.target().value())></textarea>
            </div>
            <p class="error" role="alert">{move || problem.get()}</p>
            <p class="muted" role="status">{move || done.get()}</p>
            <button type="submit">{t.report_send_reply}</button>
        </form>
    }
}
