//! A posting's applications, and one application: everything the candidate
//! sent (profile, links, work and education, languages, each screening
//! answer under its question, the CV shown in the page), the timeline as the
//! candidate sees it, and the actions that move it on (each with a personal
//! message; closing warns about a message already sent word for word to
//! others and asks to be confirmed). After each action the view says what
//! happened, with the focus there.

use candor_api::apply::AnswerValue;
use candor_api::posting_admin::PostingForAdmin;
use candor_api::recruiting::{
    ApplicationForRecruiter, ApplicationListItem, Close, MessageCheck, MessageCheckResult, SendMessage,
};
use candor_api::timeline::{EventKind, Outcome, Progress, StageState};
use candor_api::{Day, FieldError, Locale, PostingSlug, ScreeningQuestion};
use candor_widget::api_client::{Body, LoadError, Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{API, Api, refused_field, say};
use crate::i18n::{self, fill, t};
use crate::route::Screen;
use crate::stage_move::{StageMove, StepEnd};
use crate::{dates, ui};

#[component]
pub fn ApplicationList(posting: PostingSlug) -> impl IntoView {
    let list: Loader<Vec<ApplicationListItem>> = Loader::new(format!("{API}postings/{posting}/applications"));
    let about: Loader<PostingForAdmin> = Loader::new(format!("{API}postings/{posting}"));
    let title = move || about.loaded().map_or_else(String::new, |p| p.detail.summary.title);
    let t = t();
    view! {
        <section class="card" aria-labelledby="list-title">
            <h2 id="list-title" tabindex="-1">{move || t.applications_title.replace("{title}", &title())}</h2>
            {ui::loaded(list, t.applications_failed, move |items| {
                if items.is_empty() {
                    return view! { <p class="muted">{t.no_applications}</p> }.into_any();
                }
                let rows = items
                    .into_iter()
                    .map(|a| {
                        let stage = where_it_stands(&a.progress);
                        let promise = promise_words(&a.progress);
                        let name = if a.name.is_empty() { t.erased_name.to_owned() } else { a.name.clone() };
                        view! {
                            <tr>
                                <td><a href=Screen::Application(a.id).href()>{name}</a></td>
                                <td data-label=t.email>{a.email}</td>
                                <td data-label=t.col_where>{stage}</td>
                                <td data-label=t.col_promised_by>{promise}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                ui::table([t.col_candidate, t.email, t.col_where, t.col_promised_by], false, rows).into_any()
            })}
        </section>
    }
}

/// "Phone interview", "Closed: not selected", "Withdrawn".
fn where_it_stands(p: &Progress) -> String {
    let t = t();
    match (&p.closing, &p.withdrawal, p.current_stage) {
        (Some(c), _, _) => t.closed_as.replace("{outcome}", t.outcome_name(c.outcome)),
        (None, Some(_), _) => t.withdrawn.to_owned(),
        (None, None, Some(i)) => p.stages.get(i).map_or_else(String::new, |s| s.name.clone()),
        _ => t.received.to_owned(),
    }
}

/// "15 Jan 2027", "15 Jan 2027 (3 days overdue)", or nothing.
fn promise_words(p: &Progress) -> String {
    let t = t();
    match (p.promised, p.overdue_days) {
        (Some(d), 0) => dates::short(d),
        (Some(d), n) => t.count(&t.promise_overdue_short, days(n)).replace("{date}", &dates::short(d)),
        (None, _) => String::new(),
    }
}

fn outcome_name(outcome: Outcome) -> &'static str {
    t().outcome_name(outcome)
}

/// A count of days as the catalogues' plurals take it.
fn days(n: impl TryInto<usize>) -> usize {
    n.try_into().unwrap_or(0)
}

/// The language a candidate applied in, named in the console's language
/// and in itself as running text writes it ("Finnish (suomi)"), or only
/// once when that is the same.
fn language_name(locale: Locale) -> String {
    let here = t().language(locale);
    let own = match locale {
        // Their own names are capitalised in running text; the others' aren't.
        Locale::En | Locale::Nl => i18n::own_name(locale).to_owned(),
        _ => i18n::own_name(locale).to_lowercase(),
    };
    if here.eq_ignore_ascii_case(&own) { own } else { format!("{here} ({own})") }
}

#[component]
pub fn ApplicationView(id: i64, api: Api, may_act: bool) -> impl IntoView {
    let application: Loader<ApplicationForRecruiter> = Loader::new(format!("{API}applications/{id}"));
    // Drawn once when the first answer arrives; an action's answer then
    // updates it in place, so the confirmation and its focus stay put.
    let arrived = Memo::new(move |_| application.get().map(|r| r.map(drop)));
    move || match arrived.get() {
        None => view! { <p class="muted" role="status">{t().loading}</p> }.into_any(),
        Some(Err(LoadError::NotFound)) => view! {
            <div class="card" role="alert">
                <h2>{t().no_such_application_title}</h2>
                <p>{t().no_such_application_body}</p>
                <p><a href=Screen::Inbox.href()>{t().go_to_inbox}</a></p>
            </div>
        }
        .into_any(),
        Some(Err(_)) => view! {
            <div class="card" role="alert">
                <p>{t().application_failed}</p>
                <button on:click=move |_| application.reload()>{t().try_again}</button>
            </div>
        }
        .into_any(),
        Some(Ok(())) => {
            let first = untrack(|| application.loaded());
            first.map(|first| view! { <Loaded first application api may_act/> }).into_any()
        }
    }
}

#[component]
fn Loaded(
    first: ApplicationForRecruiter,
    application: Loader<ApplicationForRecruiter>,
    api: Api,
    may_act: bool,
) -> impl IntoView {
    // The posting's questions, so each answer stands under its question's
    // text rather than its key.
    let posting: Loader<PostingForAdmin> = Loader::new(format!("{API}postings/{}", first.status.posting.slug));
    let notice = RwSignal::new(None::<String>);
    let notice_ref = NodeRef::<leptos::html::P>::new();
    let done = move |said: String, a: ApplicationForRecruiter| {
        notice.set(Some(said));
        application.set(a);
        request_animation_frame(move || {
            if let Some(p) = notice_ref.get_untracked() {
                let _ = p.focus();
            }
        });
    };
    let details = move || {
        application.loaded().map(|a| {
            let questions = posting.loaded().map(|p| p.detail.screening_questions);
            view! { <Details a questions/> }
        })
    };
    let actions = move || {
        application.loaded().filter(|a| may_act && a.status.progress.is_open()).map(|a| view! { <Actions a api done/> })
    };
    view! {
        {details}
        <p class="confirmation" role="status" tabindex="-1" node_ref=notice_ref>{move || notice.get()}</p>
        {actions}
    }
}

/// The candidate's first name, or their name, for the confirmations.
fn called(a: &ApplicationForRecruiter) -> String {
    a.profile.as_ref().map_or_else(|| t().the_candidate.to_owned(), |p| p.name.clone())
}

#[component]
fn Details(a: ApplicationForRecruiter, questions: Option<Vec<ScreeningQuestion>>) -> impl IntoView {
    let t = t();
    let profile = a.profile.clone().unwrap_or_default();
    let erased = a.profile.is_none();
    let status = a.status.clone();
    let fact = |term: &'static str, value: AnyView| view! { <div><dt>{term}</dt><dd>{value}</dd></div> };
    let mut facts = vec![];
    if !erased {
        let mail = format!("mailto:{}", profile.email);
        facts.push(fact(t.email, view! { <a href=mail>{profile.email.clone()}</a> }.into_any()));
        if !profile.phone.is_empty() {
            let tel = format!("tel:{}", profile.phone.replace([' ', '(', ')', '.'], ""));
            facts.push(fact(t.fact_phone, view! { <a href=tel>{profile.phone.clone()}</a> }.into_any()));
        }
        if !profile.location.is_empty() {
            facts.push(fact(t.fact_lives_in, profile.location.clone().into_any()));
        }
    }
    facts.push(fact(t.fact_applied_in, language_name(a.locale).into_any()));
    facts.push(fact(t.fact_applied_on, dates::short(status.progress.received_on).into_any()));
    facts.push(fact(t.fact_talent_pool, if a.talent_pool { t.talent_pool_yes } else { t.no }.into_any()));
    let links = profile
        .links
        .iter()
        .map(|l| {
            let text = if l.label.is_empty() { l.url.clone() } else { format!("{}: {}", l.label, l.url) };
            // Only web addresses become links; the rule in api/ checked them already.
            let web = l.url.starts_with("https://") || l.url.starts_with("http://");
            if web {
                view! { <li><a href=l.url.clone() rel="noopener noreferrer nofollow" target="_blank">{text}</a></li> }
                    .into_any()
            } else {
                view! { <li>{text}</li> }.into_any()
            }
        })
        .collect::<Vec<_>>();
    let work = profile
        .work
        .iter()
        .map(|w| {
            view! {
                <li>
                    <p><strong>{w.position.clone()}</strong>" · "{w.organisation.clone()}</p>
                    <p class="muted">{period(&w.start, &w.end)}</p>
                    {(!w.summary.is_empty()).then(|| view! { <p class="personal">{w.summary.clone()}</p> })}
                </li>
            }
            .into_any()
        })
        .collect::<Vec<_>>();
    let education = profile
        .education
        .iter()
        .map(|e| {
            let what = [e.degree.as_str(), e.area.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <li>
                    <p><strong>{e.institution.clone()}</strong></p>
                    {(!what.is_empty()).then(|| view! { <p>{what}</p> })}
                    <p class="muted">{period(&e.start, &e.end)}</p>
                </li>
            }
            .into_any()
        })
        .collect::<Vec<_>>();
    let languages = profile
        .languages
        .iter()
        .map(|l| {
            let text = if l.fluency.is_empty() { l.language.clone() } else { format!("{}: {}", l.language, l.fluency) };
            view! { <li>{text}</li> }.into_any()
        })
        .collect::<Vec<_>>();
    let answers = a
        .answers
        .iter()
        .map(|ans| {
            let question = questions.as_ref().map(|qs| qs.iter().find(|q| q.key == ans.key).map(|q| q.prompt.clone()));
            let question = match question {
                Some(Some(prompt)) => prompt,
                // The posting's questions are still loading.
                None => String::new(),
                Some(None) => t.removed_question.replace("{key}", ans.key.as_str()),
            };
            view! { <div><dt>{question}</dt><dd>{answer_text(&ans.value)}</dd></div> }
        })
        .collect::<Vec<_>>();
    let cv = a.cv.clone().map(|cv| {
        let download = format!("{API}applications/{}/cv", a.id);
        let inline = format!("{API}applications/{}/cv/inline", a.id);
        let title = fill(t.cv_title, &[("name", &profile.name), ("file", &cv.file_name)]);
        let size = cv.size.div_ceil(1024).to_string();
        view! {
            <h3>{t.cv}</h3>
            <p><a href=download download=cv.file_name.clone()>{fill(t.cv_download, &[("file", &cv.file_name), ("size", &size)])}</a></p>
            <iframe class="cv" src=inline title=title></iframe>
        }
    });
    let stages = status
        .progress
        .stages
        .iter()
        .map(|s| {
            let state = match s.state {
                StageState::Done => t.stage_done,
                StageState::Current => t.stage_now,
                StageState::Upcoming => t.stage_next,
                StageState::Skipped => t.stage_skipped,
            };
            let when = s.entered_on.map_or_else(
                || t.planned_around.replace("{date}", &dates::short(s.planned_on)),
                |d| t.started_on.replace("{date}", &dates::short(d)),
            );
            let line = fill(
                &t.count(&t.stage_line, days(s.expected_days)),
                &[("stage", &s.name), ("state", state), ("when", &when)],
            );
            view! { <li>{line}</li> }
        })
        .collect_view();
    let events = status
        .events
        .iter()
        .rev()
        .map(|e| {
            let what = match &e.kind {
                EventKind::Received => t.event_received.to_owned(),
                EventKind::StageChanged { stage } => t.event_moved.replace(
                    "{stage}",
                    status.progress.stages.get(usize::from(*stage)).map_or("?", |s| s.name.as_str()),
                ),
                EventKind::Message => t.event_message.to_owned(),
                EventKind::Promise => t.event_promise.to_owned(),
                EventKind::Closed { outcome } => t.closed_as.replace("{outcome}", outcome_name(*outcome)),
                EventKind::Withdrawn { .. } => t.event_withdrew.to_owned(),
                EventKind::Feedback { rating, would_apply_again } => fill(
                    t.event_feedback,
                    &[
                        ("rating", &rating.to_string()),
                        ("again", &if *would_apply_again { t.yes } else { t.no }.to_lowercase()),
                    ],
                ),
            };
            let promised = e
                .promised
                .map(|d| format!(" · {}", t.event_promised.replace("{date}", &dates::short(d))))
                .unwrap_or_default();
            view! { <li><p><strong>{format!("{} · {what}{promised}", dates::short(e.on))}</strong></p><p class="personal">{e.message.clone()}</p></li> }
        })
        .collect_view();
    let promise = match (status.progress.promised, status.progress.overdue_days) {
        (Some(d), 0) => t.promised_long.replace("{date}", &dates::long(d)),
        (Some(d), n) => t.count(&t.promised_overdue_long, days(n)).replace("{date}", &dates::long(d)),
        (None, _) => String::new(),
    };
    let list = |title: &'static str, items: Vec<AnyView>| {
        (!items.is_empty()).then(|| view! { <h3>{title}</h3><ul class="entries">{items}</ul> })
    };
    view! {
        <section class="card" aria-labelledby="candidate-title">
            <h2 id="candidate-title" tabindex="-1">{if erased { t.candidate_erased.to_owned() } else { profile.name.clone() }}</h2>
            <p class="muted">{format!("{} · {}", status.posting.title, where_it_stands(&status.progress))}</p>
            <dl class="facts">{facts}</dl>
            {(!profile.headline.is_empty()).then(|| view! { <p><strong>{profile.headline.clone()}</strong></p> })}
            {(!profile.summary.is_empty()).then(|| view! { <p class="personal">{profile.summary.clone()}</p> })}
            {list(t.links, links)}
            {list(t.work, work)}
            {list(t.education, education)}
            {(!profile.skills.is_empty()).then(|| view! { <h3>{t.skills}</h3><p>{profile.skills.join(", ")}</p> })}
            {list(t.languages, languages)}
            {(!answers.is_empty()).then(|| view! { <h3>{t.screening_answers}</h3><dl class="answers">{answers}</dl> })}
            {cv}
        </section>
        <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t.timeline_title}</h2>
            <p><strong>{promise}</strong></p>
            <ol>{stages}</ol>
            <h3>{t.what_happened}</h3>
            <ul class="items">{events}</ul>
        </section>
    }
}

/// "Mar 2019 – now", "2015 – 2018".
fn period(start: &str, end: &str) -> String {
    let end = if end.is_empty() { t().period_now.to_owned() } else { dates::month(end) };
    if start.is_empty() { end } else { format!("{} – {end}", dates::month(start)) }
}

fn answer_text(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Text(t) | AnswerValue::Choice(t) => t.clone(),
        AnswerValue::YesNo(true) => t().yes.into(),
        AnswerValue::YesNo(false) => t().no.into(),
        AnswerValue::Number(n) => n.to_string(),
    }
}

/// The actions on an open application: moving it to a stage (the shared
/// [`StageMove`] step), a message, or closing it. `done` gets what to say
/// and the application as it now stands.
#[component]
fn Actions(
    a: ApplicationForRecruiter,
    api: Api,
    done: impl Fn(String, ApplicationForRecruiter) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let action = RwSignal::new("stage".to_owned());
    let id = a.id;
    let name = called(&a);
    let progress = a.status.progress.clone();
    let moved_name = name.clone();
    let on_end = move |end: StepEnd| {
        if let StepEnd::Moved(a) = end {
            let stage =
                a.status.progress.current_stage.and_then(|i| a.status.progress.stages.get(i)).map(|s| s.name.clone());
            let t = t();
            let promise = a
                .status
                .progress
                .promised
                .map(|d| format!(" {}", t.hear_next.replace("{date}", &dates::long(d))))
                .unwrap_or_default();
            let stage = stage.unwrap_or_default();
            let said = format!("{}{promise}", fill(t.moved_done, &[("stage", &stage), ("name", &moved_name)]));
            done(said, *a)
        }
    };
    let t = t();
    view! {
        <section class="card" aria-labelledby="act-title">
            <h2 id="act-title">{t.act_title}</h2>
            <div class="field">
                <label for="act-kind">{t.action}</label>
                <select id="act-kind" on:change:target=move |ev| action.set(ev.target().value())>
                    <option value="stage">{t.move_to_stage}</option>
                    <option value="message">{t.send_a_message}</option>
                    <option value="close">{t.close_with_outcome}</option>
                </select>
            </div>
            {move || if action.get() == "stage" {
                view! { <StageMove id progress=progress.clone() api on_end=on_end.clone()/> }.into_any()
            } else {
                view! { <MessageOrClose id name=name.clone() closing=action.get() == "close" api done/> }.into_any()
            }}
        </section>
    }
}

/// A message to the candidate (perhaps with a new date), or the closing
/// letter with its outcome, confirmed before it is sent.
#[component]
fn MessageOrClose(
    id: i64,
    name: String,
    closing: bool,
    api: Api,
    done: impl Fn(String, ApplicationForRecruiter) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let message = RwSignal::new(String::new());
    let promised = RwSignal::new(String::new());
    let outcome = RwSignal::new(Outcome::NotSelected);
    let problem = RwSignal::new(None::<String>);
    // Set once a closing message turned out to be a form letter; a second
    // click sends it anyway.
    let warned = RwSignal::new(None::<u64>);
    // Closing is final: asked once more before it is sent.
    let confirming = RwSignal::new(false);
    let confirm_ref = NodeRef::<leptos::html::Div>::new();
    let send_ref = NodeRef::<leptos::html::Button>::new();
    let name = StoredValue::new(name);
    let refused = move |e: FieldError| problem.set(Some(ui::point_at(&e, &input_id(&e.field))));
    let close = move || {
        spawn_local(async move {
            let body = Close { outcome: outcome.get_untracked(), message: message.get_untracked() };
            let url = format!("{API}applications/{id}/close");
            match api.send_for::<ApplicationForRecruiter>(Method::Post, &url, Body::json(&body)).await {
                Ok(a) => {
                    let said =
                        fill(t().closed_done, &[("outcome", outcome_name(body.outcome)), ("name", &name.get_value())]);
                    done(said, a)
                }
                Err(e) => {
                    confirming.set(false);
                    match refused_field(&e) {
                        Some(fe) => refused(fe),
                        None => problem.set(Some(say(&e))),
                    }
                }
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let text = message.get_untracked();
        if closing {
            if let Err(e) = (Close { outcome: outcome.get_untracked(), message: text.clone() }).validate() {
                return refused(e);
            }
            spawn_local(async move {
                if warned.get_untracked().is_none() {
                    let check = api
                        .send_for::<MessageCheckResult>(
                            Method::Post,
                            &format!("{API}messages/check"),
                            Body::json(&MessageCheck { message: text }),
                        )
                        .await;
                    let sent = check.map_or(0, |c| c.sent_to_others);
                    if sent > 0 {
                        warned.set(Some(sent));
                        return;
                    }
                }
                confirming.set(true);
                request_animation_frame(move || {
                    if let Some(panel) = confirm_ref.get_untracked() {
                        let _ = panel.focus();
                    }
                });
            });
            return;
        }
        if ui::half_typed("act-promised") {
            return problem.set(Some(ui::half_typed_date()));
        }
        let day = promised.get_untracked();
        let promised_day = match day.as_str() {
            "" => None,
            typed => match Day::parse(typed) {
                Ok(d) => Some(d),
                Err(invalid) => return refused(FieldError::new("promised", invalid)),
            },
        };
        let request = SendMessage { message: text, promised: promised_day };
        let checked = match dates::today() {
            Some(today) => request.validate(today),
            None => Ok(request),
        };
        let valid = match checked {
            Ok(valid) => valid,
            Err(e) => return refused(e),
        };
        spawn_local(async move {
            let url = format!("{API}applications/{id}/messages");
            match api.send_for::<ApplicationForRecruiter>(Method::Post, &url, Body::json(&valid)).await {
                Ok(a) => {
                    let t = t();
                    let date = valid
                        .promised
                        .map(|d| format!(" {}", t.new_date_done.replace("{date}", &dates::long(d))))
                        .unwrap_or_default();
                    done(format!("{}{date}", t.message_done.replace("{name}", &name.get_value())), a)
                }
                Err(e) => match refused_field(&e) {
                    Some(fe) => refused(fe),
                    None => problem.set(Some(say(&e))),
                },
            }
        });
    };
    let outcome_words = move || outcome_name(outcome.get());
    let t = t();
    view! {
        <form on:submit=submit aria-label=if closing { t.close_with_outcome } else { t.send_a_message } novalidate>
            {closing.then(|| view! {
                <div class="field">
                    <label for="act-outcome">{t.outcome}</label>
                    <select id="act-outcome" disabled=move || confirming.get() on:change:target=move |ev| { outcome.set(match ev.target().value().as_str() { "hired" => Outcome::Hired, "position_closed" => Outcome::PositionClosed, _ => Outcome::NotSelected }); }>
                        <option value="not_selected">{t.option_not_selected}</option>
                        <option value="hired">{t.option_hired}</option>
                        <option value="position_closed">{t.option_position_closed}</option>
                    </select>
                </div>
            })}
            <div class="field">
                <label for="act-message">{if closing { t.message_label_closing } else { t.message_label }}</label>
                <textarea id="act-message" rows="4" readonly=move || confirming.get() prop:value=move || message.get() on:input:target=move |ev| { message.set(ev.target().value()); warned.set(None); }></textarea>
            </div>
            {(!closing).then(|| view! {
                <div class="field">
                    <label for="act-promised">{t.new_date_label}</label>
                    <input id="act-promised" type="date" aria-describedby="act-promised-words" prop:value=move || promised.get()
                        on:input:target=move |ev| if let Some(day) = ui::typed(&ev.target()) { promised.set(day) }/>
                    <p id="act-promised-words" class="muted">{move || ui::day_in_words(&promised.get())}</p>
                </div>
            })}
            <p class="error" role="alert">
                {move || warned.get().map(|n| t.count(&t.form_letter, days(n)))}
                {move || problem.get()}
            </p>
            <div class="confirm" role="group" aria-labelledby="confirm-close-text" tabindex="-1" node_ref=confirm_ref hidden=move || !confirming.get()>
                <p id="confirm-close-text"><strong>{move || fill(t.confirm_close, &[("name", &name.get_value()), ("outcome", outcome_words())])}</strong>
                    " "{t.confirm_close_note}</p>
                <div class="actions">
                    <button type="button" on:click=move |_| close()>{t.yes_close}</button>
                    <button type="button" class="secondary" on:click=move |_| {
                        confirming.set(false);
                        request_animation_frame(move || if let Some(b) = send_ref.get_untracked() { let _ = b.focus(); });
                    }>{t.not_yet}</button>
                </div>
            </div>
            <button type="submit" node_ref=send_ref hidden=move || confirming.get()>
                {move || match (closing, warned.get().is_some()) {
                    (_, true) => t.send_anyway,
                    (true, false) => t.close_application,
                    (false, false) => t.send_message,
                }}
            </button>
        </form>
    }
}

fn input_id(field: &str) -> String {
    match field {
        "promised" => "act-promised",
        "outcome" => "act-outcome",
        _ => "act-message",
    }
    .to_owned()
}
