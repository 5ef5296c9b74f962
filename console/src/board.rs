//! A posting's pipeline board: a column per stage with its count, a card per
//! candidate with the days in their stage and how the company's promise to
//! them stands (in words, not only colour). A card moves by drag and drop or
//! by its "Move…" button; either opens the application view's own
//! message-and-promise step ([`StageMove`]) in a dialog, so nothing moves
//! silently. Closing stays in the application's view, with its outcome and
//! letter. The rules (columns, order, due soon, days in stage) are
//! `candor_api::board`'s.

use candor_api::board::{self, Column, PromiseState};
use candor_api::posting_admin::PostingForAdmin;
use candor_api::recruiting::ApplicationListItem;
use candor_api::timeline::Progress;
use candor_api::{Day, PostingSlug};
use candor_widget::api_client::Loader;
use leptos::html;
use leptos::prelude::*;

use crate::client::{API, Api};
use crate::i18n::{fill, t};
use crate::route::Screen;
use crate::stage_move::{StageMove, StepEnd, next_stage};
use crate::{dates, ui};

/// The views of one posting, each at its own address.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PostingView {
    List,
    Board,
    Report,
}

/// "List", "Board" and "Report": the views of a posting, each at its own
/// address.
pub fn switch(posting: PostingSlug, shown: PostingView) -> impl IntoView {
    let t = t();
    let current = move |view: PostingView| (view == shown).then_some("page");
    view! {
        <nav class="tabs posting-views" aria-label=t.views_label>
            <a class="tab" href=Screen::Applications(posting.clone()).href() aria-current=current(PostingView::List)>{t.view_list}</a>
            <a class="tab" href=Screen::Board(posting.clone()).href() aria-current=current(PostingView::Board)>{t.view_board}</a>
            <a class="tab" href=Screen::Report(posting).href() aria-current=current(PostingView::Report)>{t.view_report}</a>
        </nav>
    }
}

/// An application on its way to another column: the step completed first.
#[derive(Clone, PartialEq)]
struct Moving {
    id: i64,
    name: String,
    progress: Progress,
    /// The stage dropped on; `None` from "Move…", which offers the next one.
    to: Option<u16>,
}

#[component]
pub fn Board(posting: PostingSlug, api: Api, may_act: bool) -> impl IntoView {
    let list: Loader<Vec<ApplicationListItem>> = Loader::new(format!("{API}postings/{posting}/applications"));
    let about: Loader<PostingForAdmin> = Loader::new(format!("{API}postings/{posting}"));
    let title = move || about.loaded().map_or_else(String::new, |p| p.detail.summary.title);
    // The board last loaded: kept on screen while a reload is under way, so a
    // move doesn't blank the page and lose the reader's place.
    let shown = RwSignal::new(None::<Vec<ApplicationListItem>>);
    Effect::new(move |_| {
        if let Some(Ok(items)) = list.get() {
            shown.set(Some(items));
        }
    });
    let moving = RwSignal::new(None::<Moving>);
    let dragged = RwSignal::new(None::<(i64, Column)>);
    let over = RwSignal::new(None::<Column>);
    let said = RwSignal::new(String::new());
    // The card just moved, to be focused and announced where it landed.
    let landed = RwSignal::new(None::<i64>);
    let dialog = NodeRef::<html::Dialog>::new();

    let start = move |item: &ApplicationListItem, to: Option<u16>| {
        moving.set(Some(Moving { id: item.id, name: display_name(item), progress: item.progress.clone(), to }));
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    // Escape, Cancel or done: the dialog closes and focus returns to the card.
    let close = move || {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let on_closed = move |_| {
        let Some(m) = moving.get_untracked() else { return };
        moving.set(None);
        if landed.get_untracked() != Some(m.id) {
            ui::focus_soon(card_button(m.id));
        }
    };
    let on_end = move |end: StepEnd| {
        if let (StepEnd::Moved(_), Some(m)) = (&end, moving.get_untracked()) {
            landed.set(Some(m.id));
            list.reload();
        }
        close();
    };
    // Once the new list is drawn: where the moved card stands now, said and focused.
    Effect::new(move |_| {
        let Some(items) = shown.get() else { return };
        let Some(id) = landed.get_untracked() else { return };
        let Some(item) = items.iter().find(|i| i.id == id) else { return };
        let column = column_name(board::column_of(&item.progress), &item.progress);
        said.set(fill(t().now_in_column, &[("name", &display_name(item)), ("column", &column)]));
        landed.set(None);
        ui::focus_soon(card_button(id));
    });

    let t = t();
    let columns = move || {
        let Some(items) = shown.get() else {
            return match list.get() {
                Some(Err(_)) => view! { <p role="alert">{t.applications_failed}</p> }.into_any(),
                _ => view! { <p class="muted" role="status">{t.loading}</p> }.into_any(),
            };
        };
        if items.is_empty() {
            return view! { <p class="muted">{t.no_applications}</p> }.into_any();
        }
        // The stages side by side, the ended below them across the width.
        let (ended, stages): (Vec<_>, Vec<_>) = board::arrange(&items)
            .into_iter()
            .map(|c| {
                let at = c.column;
                let name = match at {
                    Column::Stage(_) => c.stage_name.clone(),
                    _ => column_name(at, &items[0].progress),
                };
                let key = column_key(at);
                let count = c.cards.len();
                let cards = c
                    .cards
                    .iter()
                    .map(|item| {
                        let item = (*item).clone();
                        let this = item.clone();
                        card(item, may_act, dragged, move |to| start(&this, to))
                    })
                    .collect_view();
                let heading_id = format!("column-{key}");
                let droppable = move || dragged.get().is_some_and(|(_, from)| board::step_for_drop(from, at).is_some());
                let drop = move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    over.set(None);
                    let Some((id, from)) = dragged.get_untracked() else { return };
                    dragged.set(None);
                    let Some(stage) = board::step_for_drop(from, at) else { return };
                    let item = shown.get_untracked().and_then(|all| all.into_iter().find(|i| i.id == id));
                    if let Some(item) = item {
                        start(&item, Some(stage));
                    }
                };
                // Said as one phrase ("Phone interview, 2 candidates"): hidden
                // words between the visible ones would be read with pauses.
                let said = t.count(&t.column_said, count).replace("{name}", &name);
                let heading = view! {
                    <h3 id=heading_id.clone() aria-label=said>
                        <span>{name}</span>
                        <span class="count">{count}</span>
                    </h3>
                };
                let body = if at == Column::Ended && count > 0 {
                    view! {
                        <details>
                            <summary>{t.count(&t.ended_summary, count)}</summary>
                            <ul class="cards">{cards}</ul>
                        </details>
                    }
                    .into_any()
                } else if count == 0 {
                    view! { <p class="muted empty">{t.nobody_here}</p> }.into_any()
                } else {
                    view! { <ul class="cards">{cards}</ul> }.into_any()
                };
                let column = view! {
                    <section
                        class="column"
                        class:ended=at == Column::Ended
                        class:drop-target=move || droppable() && over.get() == Some(at)
                        aria-labelledby=heading_id
                        data-column=key
                        on:dragover=move |ev: leptos::ev::DragEvent| {
                            if droppable() {
                                // Allowing the drop is refusing the default.
                                ev.prevent_default();
                                over.set(Some(at));
                            }
                        }
                        on:dragleave=move |_| if over.get_untracked() == Some(at) { over.set(None) }
                        on:drop=drop
                    >
                        {heading}
                        {body}
                    </section>
                };
                (at == Column::Ended, column)
            })
            .partition(|(ended, _)| *ended);
        let stages = stages.into_iter().map(|(_, v)| v).collect_view();
        let ended = ended.into_iter().map(|(_, v)| v).collect_view();
        view! { <div class="stages">{stages}</div>{ended} }.into_any()
    };

    let dialog_body = move || {
        moving.get().map(|m| {
            let from = column_name(board::column_of(&m.progress), &m.progress);
            // The stage is the step's to choose (set to where the card was
            // dropped), so the title names only the candidate.
            let preselect = m.to.unwrap_or_else(|| next_stage(&m.progress));
            view! {
                <h2 id="board-move-title">{t.move_title.replace("{name}", &m.name)}</h2>
                <p class="muted">{t.move_note.replace("{column}", &from)}</p>
                <StageMove id=m.id progress=m.progress preselect api on_end cancellable=true/>
            }
        })
    };

    view! {
        <section class="card" aria-labelledby="board-title">
            <h2 id="board-title" tabindex="-1">{move || t.board_title.replace("{title}", &title())}</h2>
            {may_act.then(|| view! {
                <p class="muted" id="board-help">{t.board_help}</p>
            })}
            <p class="visually-hidden" role="status">{move || said.get()}</p>
            <div class="board">{columns}</div>
        </section>
        <dialog node_ref=dialog class="move" aria-labelledby="board-move-title" on:close=on_closed>{dialog_body}</dialog>
    }
}

/// One candidate's card.
fn card(
    item: ApplicationListItem,
    may_act: bool,
    dragged: RwSignal<Option<(i64, Column)>>,
    start: impl Fn(Option<u16>) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let progress = &item.progress;
    let id = item.id;
    let at = board::column_of(progress);
    let name = display_name(&item);
    let movable = may_act && at != Column::Ended;
    let t = t();
    let days = board::days_in_stage(progress, item.today);
    let waited = match (at, days) {
        (Column::Ended, _) => ended_text(progress),
        (_, 0) => t.entered_today.to_owned(),
        (_, n) => t.count(&t.days_in_stage, count(n)),
    };
    let promise = board::promise_state(progress, item.today).map(|state| {
        let (class, mark, state, when) = promise_words(state);
        view! {
            <p class=format!("promise {class}")>
                <strong><span aria-hidden="true">{mark}" "</span>{state}</strong>
                <span class="when">{when}</span>
            </p>
        }
    });
    view! {
        <li
            class="board-card"
            draggable=movable.then_some("true")
            on:dragstart=move |ev: leptos::ev::DragEvent| {
                if !movable {
                    return;
                }
                if let Some(transfer) = ev.data_transfer() {
                    // Some browsers start no drag without data.
                    let _ = transfer.set_data("text/plain", &id.to_string());
                    transfer.set_effect_allowed("move");
                }
                dragged.set(Some((id, at)));
            }
            on:dragend=move |_| dragged.set(None)
        >
            <h4><a href=Screen::Application(id).href()>{name.clone()}</a></h4>
            <p class="waited">{waited}</p>
            {promise}
            {movable.then(|| view! {
                // Named for whom it moves: a column has many "Move…" buttons.
                <button class="secondary" id=card_button(id) aria-label=t.move_card_label.replace("{name}", &name) on:click=move |_| start(None)>
                    {t.move_card}
                </button>
            })}
        </li>
    }
}

/// The promise in words (colour only repeats them): its class, a mark, the
/// state ("Due soon: tomorrow") and its date.
fn promise_words(state: PromiseState) -> (&'static str, &'static str, String, String) {
    let t = t();
    let on = |text: &str, by: Day| text.replace("{date}", &date(by));
    match state {
        PromiseState::Kept { by, days_left } => {
            ("kept", "✓", t.promise_kept.to_owned(), on(&t.count(&t.answer_due_in, count(days_left)), by))
        }
        PromiseState::DueSoon { by, days_left } => {
            let when = match days_left {
                0 => t.due_today.to_owned(),
                1 => t.due_tomorrow.to_owned(),
                n => t.count(&t.due_in_days, count(n)),
            };
            ("due-soon", "!", t.due_soon.replace("{when}", &when), on(t.answer_due, by))
        }
        PromiseState::Overdue { by, days_late } => {
            ("overdue", "✕", t.count(&t.overdue_by, count(days_late)), on(t.promised_by, by))
        }
        PromiseState::NoDate => ("no-date", "–", t.no_date.to_owned(), t.last_stage_needs_none.to_owned()),
    }
}

/// A count of days as the catalogues' plurals take it.
fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

fn ended_text(progress: &Progress) -> String {
    match (&progress.closing, &progress.withdrawal) {
        (Some(c), _) => fill(t().closed_on, &[("date", &date(c.on)), ("outcome", t().outcome_name(c.outcome))]),
        (None, Some(w)) => t().withdrew_on.replace("{date}", &date(w.on)),
        _ => String::new(),
    }
}

fn date(day: Day) -> String {
    dates::short(day)
}

/// The card's "Move…" button (the step's own ids start with `move-`).
fn card_button(id: i64) -> String {
    format!("card-move-{id}")
}

fn display_name(item: &ApplicationListItem) -> String {
    if item.name.is_empty() { t().erased_name.to_owned() } else { item.name.clone() }
}

fn column_name(column: Column, progress: &Progress) -> String {
    match column {
        Column::Received => t().received.to_owned(),
        Column::Stage(i) => progress.stages.get(i).map_or_else(String::new, |s| s.name.clone()),
        Column::Ended => t().column_ended.to_owned(),
    }
}

fn column_key(column: Column) -> String {
    match column {
        Column::Received => "received".to_owned(),
        Column::Stage(i) => format!("stage-{i}"),
        Column::Ended => "ended".to_owned(),
    }
}
