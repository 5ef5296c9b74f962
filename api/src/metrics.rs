//! How a company treats its candidates, in figures: how fast a person first
//! answers, how many applications end with an explicit outcome, how many
//! promised dates are kept (and how late the rest are), how the candidates
//! rate the experience and why they withdraw. Computed from the same
//! append-only events the candidates see, here and nowhere else.

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::qa::median_minutes;
use crate::timeline::{Event, EventKind, PostingRef, WithdrawReason};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Metrics {
    pub applications: u32,
    pub open: u32,
    /// Ended by the company with an outcome and a message.
    pub closed_with_outcome: u32,
    pub withdrawn: u32,
    /// `closed_with_outcome` of the applications that ended; `None` before any did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_with_outcome_share: Option<f64>,
    /// Every application is acknowledged the moment it arrives (its first
    /// event); this counts those that were, as a check on that promise.
    pub acknowledged_at_once: u32,
    /// From the application to the first word a person at the company wrote
    /// (a stage change, a message or an outcome), median, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_first_response_minutes: Option<u64>,
    pub promises: Promises,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_question_answer_minutes: Option<u64>,
    pub questions_answered: u32,
    pub ratings: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_rating: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub would_apply_again_share: Option<f64>,
    /// How many withdrew for each reason, in the short list's order.
    pub withdrawal_reasons: Vec<(WithdrawReason, u32)>,
}

/// Promised dates whose day has come: kept when the company wrote to the
/// candidate by then, late otherwise (by the days until it did, or until
/// today while it still hasn't).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Promises {
    pub due: u32,
    pub kept: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept_share: Option<f64>,
    /// Of the late ones, how late: median and worst, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_days_late: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub most_days_late: Option<u64>,
}

/// `GET /api/v1/recruiter/metrics`: the company's figures overall and per posting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MetricsReport {
    pub overall: Metrics,
    pub per_posting: Vec<PostingMetrics>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingMetrics {
    pub posting: PostingRef,
    pub metrics: Metrics,
}

const REASONS: [WithdrawReason; 6] = WithdrawReason::ALL;

fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

/// Minutes between two event times. Events are stamped by the server in
/// UTC RFC 3339 (`2026-11-04T10:30:00Z`), so the date and the clock time
/// are enough; parsing them here keeps `api` (which the widget compiles)
/// free of a date-time library.
fn minutes_between(from: &str, to: &str) -> Option<u64> {
    let parts = |at: &str| -> Option<(Day, i64)> {
        let day = Day::parse(at.get(..10)?).ok()?;
        let hours: i64 = at.get(11..13)?.parse().ok()?;
        let minutes: i64 = at.get(14..16)?.parse().ok()?;
        Some((day, hours * 60 + minutes))
    };
    let ((from_day, from_minute), (to_day, to_minute)) = (parts(from)?, parts(to)?);
    u64::try_from(from_day.days_until(to_day) * 24 * 60 + to_minute - from_minute).ok()
}

/// The figures for a set of applications (each its events in `seq` order)
/// and the answer times of questions, as of `today`.
pub fn compute(applications: &[&[Event]], question_answer_minutes: &[u64], today: Day) -> Metrics {
    let mut m = Metrics { applications: applications.len() as u32, ..Metrics::default() };
    let mut first_responses = Vec::new();
    let mut late_days = Vec::new();
    let mut rating_sum = 0u32;
    let mut again = 0u32;
    let mut reasons = [0u32; REASONS.len()];
    for events in applications {
        let Some(first) = events.first() else { continue };
        if first.kind == EventKind::Received {
            m.acknowledged_at_once += 1;
        }
        let mut ended = false;
        // A promise nobody answered is judged until the candidate withdrew, or until today.
        let judged_until =
            events.iter().find(|e| matches!(e.kind, EventKind::Withdrawn { .. })).map_or(today, |e| e.on);
        for (i, event) in events.iter().enumerate() {
            let by_a_person =
                matches!(event.kind, EventKind::StageChanged { .. } | EventKind::Message | EventKind::Closed { .. });
            if by_a_person && first_responses.len() < m.acknowledged_at_once as usize {
                first_responses.extend(minutes_between(&first.at, &event.at));
            }
            match event.kind {
                EventKind::Closed { .. } => {
                    m.closed_with_outcome += 1;
                    ended = true;
                }
                EventKind::Withdrawn { reason } => {
                    m.withdrawn += 1;
                    ended = true;
                    if let Some(slot) = REASONS.iter().position(|r| *r == reason) {
                        reasons[slot] += 1;
                    }
                }
                EventKind::Feedback { rating, would_apply_again } => {
                    m.ratings += 1;
                    rating_sum += u32::from(rating);
                    again += u32::from(would_apply_again);
                }
                _ => {}
            }
            // A promise is judged by the next word from the company after it.
            if let Some(promised) = event.promised {
                let answered_on = events[i + 1..].iter().find(|e| e.is_contact()).map(|e| e.on);
                match answered_on {
                    Some(on) if on <= promised => {
                        m.promises.due += 1;
                        m.promises.kept += 1;
                    }
                    Some(on) => {
                        m.promises.due += 1;
                        late_days.push(promised.days_until(on) as u64);
                    }
                    // Not answered: late once its day has passed.
                    None if promised < judged_until => {
                        m.promises.due += 1;
                        late_days.push(promised.days_until(judged_until) as u64);
                    }
                    None => {}
                }
            }
        }
        if !ended {
            m.open += 1;
        }
    }
    m.closed_with_outcome_share = share(m.closed_with_outcome, m.closed_with_outcome + m.withdrawn);
    m.median_first_response_minutes = median_minutes(first_responses);
    m.promises.kept_share = share(m.promises.kept, m.promises.due);
    m.promises.most_days_late = late_days.iter().copied().max();
    m.promises.median_days_late = median_minutes(late_days);
    m.questions_answered = question_answer_minutes.len() as u32;
    m.median_question_answer_minutes = median_minutes(question_answer_minutes.to_vec());
    m.average_rating = (m.ratings > 0).then(|| f64::from(rating_sum) / f64::from(m.ratings));
    m.would_apply_again_share = share(again, m.ratings);
    m.withdrawal_reasons = REASONS.iter().copied().zip(reasons).collect();
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::Outcome;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    fn event(seq: u64, at: &str, kind: EventKind, promised: Option<&str>) -> Event {
        Event { seq, at: at.into(), on: day(&at[..10]), kind, message: String::new(), promised: promised.map(day) }
    }

    #[test]
    fn promises_kept_late_and_not_yet_due() {
        let kept_then_late = [
            event(1, "2026-11-01T09:00:00Z", EventKind::Received, Some("2026-11-05")),
            // Answered on the 4th: the first promise is kept.
            event(2, "2026-11-04T10:30:00Z", EventKind::StageChanged { stage: 1 }, Some("2026-11-10")),
            // Answered on the 13th: three days late.
            event(3, "2026-11-13T08:00:00Z", EventKind::Message, Some("2026-12-01")),
        ];
        let never_answered = [event(1, "2026-11-01T12:00:00Z", EventKind::Received, Some("2026-11-05"))];
        let m = compute(&[&kept_then_late, &never_answered], &[], day("2026-11-20"));
        // The last promise (December) isn't due yet; the unanswered one is 15 days late.
        assert_eq!((m.promises.due, m.promises.kept), (3, 1));
        assert_eq!((m.promises.median_days_late, m.promises.most_days_late), (Some(9), Some(15)));
        assert_eq!(m.promises.kept_share, Some(1.0 / 3.0));
        assert_eq!(
            m.median_first_response_minutes,
            Some(3 * 24 * 60 + 90),
            "only the answered one has a first response"
        );
        assert_eq!((m.applications, m.open, m.acknowledged_at_once), (2, 2, 2));
    }

    #[test]
    fn outcomes_ratings_and_withdrawal_reasons() {
        let closed = [
            event(1, "2026-11-01T09:00:00Z", EventKind::Received, Some("2026-11-05")),
            event(2, "2026-11-02T09:00:00Z", EventKind::Closed { outcome: Outcome::NotSelected }, None),
            event(3, "2026-11-03T09:00:00Z", EventKind::Feedback { rating: 4, would_apply_again: true }, None),
        ];
        let withdrawn = [
            event(1, "2026-11-01T09:00:00Z", EventKind::Received, Some("2026-11-05")),
            event(2, "2026-11-08T09:00:00Z", EventKind::Withdrawn { reason: WithdrawReason::ProcessTooSlow }, None),
            event(3, "2026-11-08T09:05:00Z", EventKind::Feedback { rating: 1, would_apply_again: false }, None),
        ];
        let m = compute(&[&closed, &withdrawn], &[30, 90, 600], day("2026-11-20"));
        assert_eq!((m.closed_with_outcome, m.withdrawn, m.open), (1, 1, 0));
        assert_eq!(m.closed_with_outcome_share, Some(0.5));
        assert_eq!((m.ratings, m.average_rating, m.would_apply_again_share), (2, Some(2.5), Some(0.5)));
        assert_eq!(m.withdrawal_reasons[1], (WithdrawReason::ProcessTooSlow, 1));
        assert_eq!(m.withdrawal_reasons.iter().map(|(_, n)| n).sum::<u32>(), 1);
        // The withdrawal is not word from the company: that promise was
        // broken, three days before the candidate gave up.
        assert_eq!((m.promises.due, m.promises.kept, m.promises.most_days_late), (2, 1, Some(3)));
        assert_eq!((m.questions_answered, m.median_question_answer_minutes), (3, Some(90)));
    }

    #[test]
    fn minutes_between_server_timestamps() {
        assert_eq!(minutes_between("2026-11-01T09:00:00Z", "2026-11-01T09:45:59.123Z"), Some(45));
        assert_eq!(minutes_between("2026-11-30T23:50:00Z", "2026-12-01T00:10:00Z"), Some(20));
        assert_eq!(minutes_between("2026-11-02T09:00:00Z", "2026-11-01T09:00:00Z"), None, "never negative");
        assert_eq!(minutes_between("yesterday", "2026-11-01T09:00:00Z"), None);
    }

    #[test]
    fn nothing_yet_means_no_figures_rather_than_zeros() {
        let m = compute(&[], &[], day("2026-11-20"));
        assert_eq!(
            (m.closed_with_outcome_share, m.promises.kept_share, m.average_rating, m.median_first_response_minutes),
            (None, None, None, None)
        );
        assert_eq!(m.withdrawal_reasons.len(), 6);
    }
}
