//! The step that moves an application to a stage: which stage, the personal
//! message the candidate reads, and the date they hear next by. Its own
//! component because every way of moving an application (the application
//! view's form, a card dragged or keyed across the pipeline board) must go
//! through the same step: no move without a message and a promise.
//!
//! The interface, kept stable for its users:
//! `<StageMove id progress preselect api on_end cancellable/>` where
//! - `id`: the application's id;
//! - `progress`: its [`Progress`] (the stages offered and the current one);
//! - `preselect`: the stage to offer first, or `None` for the stage after
//!   the current one (never back to the first by accident);
//! - `api`: the signed-in [`Api`];
//! - `on_end`: called with [`StepEnd::Moved`] and the application as the
//!   server answered it after the move, or [`StepEnd::Cancelled`];
//! - `cancellable`: whether to offer "Cancel" (the board's step can be left
//!   without moving; the application view's form is always there).
//!
//! Element ids start with `move-`, so one step per page.

use candor_api::Day;
use candor_api::postings::Stage;
use candor_api::recruiting::{ApplicationForRecruiter, MoveToStage};
use candor_api::timeline::Progress;
use candor_widget::api_client::{Body, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{API, Api, refused_field, say};
use crate::i18n::t;
use crate::{dates, ui};

/// How the step ended.
#[derive(Clone)]
pub enum StepEnd {
    /// Moved: the application as it now stands.
    Moved(Box<ApplicationForRecruiter>),
    Cancelled,
}

/// The stage after the current one, or the last: what a recruiter usually
/// means next.
pub fn next_stage(progress: &Progress) -> u16 {
    let last = progress.stages.len().saturating_sub(1);
    let next = progress.current_stage.map_or(0, |c| c + 1).min(last);
    u16::try_from(next).unwrap_or(0)
}

#[component]
pub fn StageMove(
    id: i64,
    progress: Progress,
    #[prop(optional)] preselect: Option<u16>,
    api: Api,
    #[prop(into)] on_end: Callback<StepEnd>,
    #[prop(optional)] cancellable: bool,
) -> impl IntoView {
    let stages: Vec<Stage> = progress
        .stages
        .iter()
        .map(|s| Stage { name: s.name.clone(), expected_days: s.expected_days, description: String::new() })
        .collect();
    let last = stages.len().saturating_sub(1) as u16;
    let stage = RwSignal::new(preselect.unwrap_or_else(|| next_stage(&progress)).min(last));
    let message = RwSignal::new(String::new());
    let promised = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let current = progress.current_stage;
    let received_on = progress.received_on;
    let t = t();
    let options = stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = if current == Some(i) { t.stage_now_option.replace("{stage}", &s.name) } else { s.name.clone() };
            view! { <option value=i.to_string() selected=move || usize::from(stage.get()) == i>{name}</option> }
        })
        .collect_view();
    let stages = StoredValue::new(stages);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        if ui::half_typed("move-promised") {
            problem.set(Some(ui::half_typed_date()));
            return;
        }
        let day = promised.get_untracked();
        let promised_day = match day.as_str() {
            "" => None,
            typed => match Day::parse(typed) {
                Ok(d) => Some(d),
                Err(invalid) => {
                    problem.set(Some(ui::point_at(&candor_api::FieldError::new("promised", invalid), "move-promised")));
                    return;
                }
            },
        };
        let request =
            MoveToStage { stage: stage.get_untracked(), message: message.get_untracked(), promised: promised_day };
        // The shared rule, said before sending; the server's day decides in
        // the end (its refusal is said the same way).
        let today = dates::today().unwrap_or(received_on);
        let valid = match stages.with_value(|s| request.validate(s, today)) {
            Ok(valid) => valid,
            Err(e) => {
                problem.set(Some(ui::point_at(&e, &input_id(&e.field))));
                return;
            }
        };
        sending.set(true);
        spawn_local(async move {
            let answer = api
                .send_for::<ApplicationForRecruiter>(
                    Method::Post,
                    &format!("{API}applications/{id}/stage"),
                    Body::json(&valid),
                )
                .await;
            sending.set(false);
            match answer {
                Ok(a) => on_end.run(StepEnd::Moved(Box::new(a))),
                Err(e) => problem.set(Some(match refused_field(&e) {
                    Some(fe) => ui::point_at(&fe, &input_id(&fe.field)),
                    None => say(&e),
                })),
            }
        });
    };
    let is_last = move || stage.get() >= last;
    view! {
        <form class="stage-move" on:submit=submit aria-label=t.move_to_stage novalidate>
            <div class="field">
                <label for="move-stage">{t.stage}</label>
                <select id="move-stage" on:change:target=move |ev| stage.set(ev.target().value().parse().unwrap_or(0))>{options}</select>
            </div>
            <div class="field">
                <label for="move-message">{t.message_label}</label>
                <textarea id="move-message" rows="4" prop:value=move || message.get() on:input:target=move |ev| message.set(ev.target().value())></textarea>
            </div>
            <div class="field">
                <label for="move-promised">
                    {move || if is_last() { t.next_promised_last } else { t.next_promised }}
                </label>
                <input id="move-promised" type="date" aria-describedby="move-promised-words" prop:value=move || promised.get()
                    on:input:target=move |ev| if let Some(day) = ui::typed(&ev.target()) { promised.set(day) }/>
                <p id="move-promised-words" class="muted">{move || ui::day_in_words(&promised.get())}</p>
            </div>
            <p class="error" role="alert">{move || problem.get()}</p>
            <div class="actions">
                <button type="submit" disabled=move || sending.get()>{t.move_button}</button>
                {cancellable.then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| on_end.run(StepEnd::Cancelled)>{t.cancel}</button>
                })}
            </div>
        </form>
    }
}

fn input_id(field: &str) -> String {
    match field {
        "stage" => "move-stage",
        "promised" => "move-promised",
        _ => "move-message",
    }
    .to_owned()
}
