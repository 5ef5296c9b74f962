//! A posting's pipeline board: a column per stage, a card per candidate,
//! how long each has waited in their stage and how the company's promise to
//! them stands. Everything is derived from the list recruiters already get
//! ([`ApplicationListItem`]); the console only draws it.

use crate::day::Day;
use crate::recruiting::ApplicationListItem;
use crate::timeline::Progress;

/// A promise is due soon from this many days before its date: today,
/// tomorrow or the day after still leaves a working day to write, which a
/// promise noticed on its own day may not.
pub const DUE_SOON_DAYS: i64 = 2;

/// How the company's last promise to an open application stands, as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseState {
    /// The date is further away than [`DUE_SOON_DAYS`]: kept so far.
    Kept { by: Day, days_left: i64 },
    /// The date is at most [`DUE_SOON_DAYS`] away, today included.
    DueSoon { by: Day, days_left: i64 },
    /// The date has passed without word; `days_late` as the candidate sees it.
    Overdue { by: Day, days_late: i64 },
    /// Nothing promised: the last stage needs no further date.
    NoDate,
}

/// The promise's state for an open application; `None` once it ended, as an
/// ended application has no open promise. Overdue is the candidate's own
/// count (`Progress::overdue_days`), so the board never disagrees with them.
pub fn promise_state(progress: &Progress, today: Day) -> Option<PromiseState> {
    if !progress.is_open() {
        return None;
    }
    let Some(by) = progress.promised else { return Some(PromiseState::NoDate) };
    Some(if progress.overdue_days > 0 {
        PromiseState::Overdue { by, days_late: progress.overdue_days }
    } else {
        let days_left = today.days_until(by).max(0);
        if days_left <= DUE_SOON_DAYS {
            PromiseState::DueSoon { by, days_left }
        } else {
            PromiseState::Kept { by, days_left }
        }
    })
}

/// Whole days since the application entered the stage it stands in (since it
/// arrived, when the posting has no stages); for an ended one, the days it
/// spent there before it ended.
pub fn days_in_stage(progress: &Progress, today: Day) -> i64 {
    let stage = progress.current_stage.or_else(|| progress.stages.iter().rposition(|s| s.entered_on.is_some()));
    let since = stage.and_then(|i| progress.stages.get(i)).and_then(|s| s.entered_on).unwrap_or(progress.received_on);
    let until = ended_on(progress).map_or(today, |ended| ended.min(today));
    since.days_until(until).max(0)
}

fn ended_on(progress: &Progress) -> Option<Day> {
    progress.closing.as_ref().map(|c| c.on).or(progress.withdrawal.as_ref().map(|w| w.on))
}

/// Where a card sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Arrived, before any stage: only a posting without stages has these.
    Received,
    /// At the stage with this index in the posting's process.
    Stage(usize),
    /// Closed with an outcome, or withdrawn: kept out of the stages.
    Ended,
}

pub fn column_of(progress: &Progress) -> Column {
    match progress.current_stage {
        _ if !progress.is_open() => Column::Ended,
        Some(stage) => Column::Stage(stage),
        None => Column::Received,
    }
}

/// The stage a card dropped on `to` is to move to, through the
/// message-and-promise step; `None` when the drop means nothing: the column
/// it is in, back to "Received", any move of an application that has ended
/// (its history is closed), and onto the ended column, as closing asks for
/// an outcome and a letter of its own, in the application's view.
pub fn step_for_drop(from: Column, to: Column) -> Option<u16> {
    match (from, to) {
        (Column::Ended, _) | (_, Column::Received | Column::Ended) => None,
        (from, to) if from == to => None,
        (_, Column::Stage(stage)) => u16::try_from(stage).ok(),
    }
}

/// One column of the board with its cards, in the order they are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardColumn<'a> {
    pub column: Column,
    /// The stage's name; empty for `Received` and `Ended`, which the console names.
    pub stage_name: String,
    pub cards: Vec<&'a ApplicationListItem>,
}

/// The board of one posting's applications: "Received" first if any
/// application waits before the first stage, then every stage in the
/// posting's order (empty ones too: a place to drop a card), then the ended
/// ones. Within a stage the longest overdue come first, then the soonest
/// due, then the longest waiting; ended ones most recent first. Every item
/// carries the posting's stages, so an empty list has an empty board.
pub fn arrange(items: &[ApplicationListItem]) -> Vec<BoardColumn<'_>> {
    let stages = items.first().map(|i| i.progress.stages.as_slice()).unwrap_or_default();
    let mut columns: Vec<BoardColumn<'_>> = Vec::with_capacity(stages.len() + 2);
    if items.iter().any(|i| column_of(&i.progress) == Column::Received) {
        columns.push(BoardColumn { column: Column::Received, stage_name: String::new(), cards: vec![] });
    }
    columns.extend(stages.iter().enumerate().map(|(i, s)| BoardColumn {
        column: Column::Stage(i),
        stage_name: s.name.clone(),
        cards: vec![],
    }));
    if !items.is_empty() {
        columns.push(BoardColumn { column: Column::Ended, stage_name: String::new(), cards: vec![] });
    }
    for item in items {
        let at = column_of(&item.progress);
        if let Some(column) = columns.iter_mut().find(|c| c.column == at) {
            column.cards.push(item);
        }
    }
    for column in &mut columns {
        if column.column == Column::Ended {
            column.cards.sort_by_key(|i| std::cmp::Reverse(ended_on(&i.progress)));
        } else {
            column.cards.sort_by_key(|i| urgency(i));
        }
    }
    columns
}

/// Sorts ascending: most urgent first.
fn urgency(item: &ApplicationListItem) -> (i64, i64, i64) {
    let p = &item.progress;
    let days_left = match promise_state(p, item.today) {
        Some(PromiseState::Kept { days_left, .. } | PromiseState::DueSoon { days_left, .. }) => days_left,
        _ => i64::MAX,
    };
    (-p.overdue_days, days_left, -days_in_stage(p, item.today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::postings::Stage;
    use crate::timeline::fixtures::{day, event, stages};
    use crate::timeline::{Event, EventKind, Outcome, WithdrawReason, derive};

    /// Received on 2 November with a promise for the 7th, then `later`.
    fn progress(stages: &[Stage], later: &[Event], today: &str) -> Progress {
        let mut events = vec![event(1, "2026-11-02", EventKind::Received, Some("2026-11-07"))];
        events.extend_from_slice(later);
        derive(stages, &events, day(today))
    }

    fn item(id: i64, later: &[Event], today: &str) -> ApplicationListItem {
        ApplicationListItem {
            id,
            name: format!("Candidate {id}"),
            email: format!("c{id}@example.fi"),
            progress: progress(&stages(), later, today),
            today: day(today),
        }
    }

    #[test]
    fn a_promise_is_kept_until_two_days_before_its_date_then_due_soon_then_overdue() {
        let state = |today: &str| promise_state(&progress(&stages(), &[], today), day(today));
        assert_eq!(state("2026-11-04"), Some(PromiseState::Kept { by: day("2026-11-07"), days_left: 3 }));
        assert_eq!(state("2026-11-05"), Some(PromiseState::DueSoon { by: day("2026-11-07"), days_left: 2 }));
        assert_eq!(state("2026-11-07"), Some(PromiseState::DueSoon { by: day("2026-11-07"), days_left: 0 }));
        assert_eq!(state("2026-11-08"), Some(PromiseState::Overdue { by: day("2026-11-07"), days_late: 1 }));
    }

    #[test]
    fn the_last_stage_may_have_no_date_and_an_ended_application_no_promise() {
        let offer = event(2, "2026-11-04", EventKind::StageChanged { stage: 2 }, None);
        let mut p = progress(&stages(), &[offer], "2026-11-05");
        // The last stage needs no date; the one promised on arrival still stands.
        assert_eq!(
            promise_state(&p, day("2026-11-05")),
            Some(PromiseState::DueSoon { by: day("2026-11-07"), days_left: 2 })
        );
        p.promised = None;
        assert_eq!(promise_state(&p, day("2026-11-05")), Some(PromiseState::NoDate));
        let closed = event(2, "2026-11-04", EventKind::Closed { outcome: Outcome::NotSelected }, None);
        assert_eq!(promise_state(&progress(&stages(), &[closed], "2026-11-20"), day("2026-11-20")), None);
    }

    #[test]
    fn days_in_stage_count_from_entering_it_and_stop_when_it_ended() {
        let p = progress(&stages(), &[], "2026-11-02");
        assert_eq!(days_in_stage(&p, day("2026-11-02")), 0, "arrived today");
        assert_eq!(days_in_stage(&p, day("2026-11-06")), 4, "in review since arriving");
        let moved = event(2, "2026-11-05", EventKind::StageChanged { stage: 1 }, Some("2026-11-12"));
        let p = progress(&stages(), std::slice::from_ref(&moved), "2026-11-09");
        assert_eq!(days_in_stage(&p, day("2026-11-09")), 4, "in the interview since the 5th");
        let withdrawn =
            event(3, "2026-11-07", EventKind::Withdrawn { reason: WithdrawReason::AcceptedAnotherOffer }, None);
        let p = progress(&stages(), &[moved, withdrawn], "2026-11-30");
        assert_eq!(days_in_stage(&p, day("2026-11-30")), 2, "the interview, until withdrawing");
        let p = progress(&[], &[], "2026-11-06");
        assert_eq!(days_in_stage(&p, day("2026-11-06")), 4, "no stages: since arriving");
    }

    #[test]
    fn a_card_sits_in_its_stage_and_ended_ones_apart() {
        assert_eq!(column_of(&progress(&stages(), &[], "2026-11-03")), Column::Stage(0));
        assert_eq!(column_of(&progress(&[], &[], "2026-11-03")), Column::Received);
        let closed = event(2, "2026-11-04", EventKind::Closed { outcome: Outcome::Hired }, None);
        assert_eq!(column_of(&progress(&stages(), &[closed], "2026-11-05")), Column::Ended);
    }

    #[test]
    fn a_drop_opens_the_step_for_where_it_lands_or_nothing() {
        use Column::*;
        assert_eq!(step_for_drop(Stage(0), Stage(1)), Some(1));
        assert_eq!(step_for_drop(Stage(2), Stage(0)), Some(0), "back a stage, with a message too");
        assert_eq!(step_for_drop(Received, Stage(0)), Some(0));
        assert_eq!(step_for_drop(Stage(1), Ended), None, "closing is the application view's");
        assert_eq!(step_for_drop(Stage(1), Stage(1)), None, "where it already is");
        assert_eq!(step_for_drop(Stage(1), Received), None, "it can't be un-received");
        assert_eq!(step_for_drop(Ended, Stage(0)), None, "an ended application stays ended");
    }

    #[test]
    fn the_board_has_every_stage_in_order_and_the_most_urgent_on_top() {
        let today = "2026-11-10";
        let items = [
            // In review since the 2nd, its promise (the 7th) 3 days overdue.
            item(1, &[], today),
            // Moved to the interview on the 9th, promised the 11th: due soon.
            item(2, &[event(2, "2026-11-09", EventKind::StageChanged { stage: 1 }, Some("2026-11-11"))], today),
            // In review with a new date far away: kept, and waiting longer than 3.
            item(3, &[event(2, "2026-11-03", EventKind::Promise, Some("2026-11-20"))], today),
            item(4, &[event(2, "2026-11-04", EventKind::Closed { outcome: Outcome::NotSelected }, None)], today),
            item(5, &[event(2, "2026-11-08", EventKind::Withdrawn { reason: WithdrawReason::Other }, None)], today),
        ];
        let board = arrange(&items);
        let shape: Vec<_> =
            board.iter().map(|c| (c.column, c.stage_name.as_str(), c.cards.iter().map(|i| i.id).collect())).collect();
        assert_eq!(
            shape,
            vec![
                (Column::Stage(0), "Review", vec![1, 3]),
                (Column::Stage(1), "Interview", vec![2]),
                (Column::Stage(2), "Offer", vec![]),
                (Column::Ended, "", vec![5, 4]),
            ]
        );
        assert!(arrange(&[]).is_empty());
    }

    #[test]
    fn a_posting_without_stages_has_a_received_column() {
        let waiting = ApplicationListItem { progress: progress(&[], &[], "2026-11-03"), ..item(1, &[], "2026-11-03") };
        let board = arrange(std::slice::from_ref(&waiting));
        let columns: Vec<_> = board.iter().map(|c| (c.column, c.cards.len())).collect();
        assert_eq!(columns, [(Column::Received, 1), (Column::Ended, 0)]);
    }
}
