//! A question as each reader sees it: published once answered (with how
//! long the answer took), declined with a message only the asker reads, and
//! in the recruiters' inbox with its age.

use candor_api::qa::{Declined, PublicQuestion, QuestionForRecruiter};
use candor_api::timeline::PostingRef;
use time::OffsetDateTime;

use crate::clock::rfc3339;
use crate::store::{QuestionRecord, Settlement};

pub fn minutes_between(from: OffsetDateTime, to: OffsetDateTime) -> u64 {
    u64::try_from((to - from).whole_minutes()).unwrap_or(0)
}

/// How long an answered question waited for its answer, for the figures:
/// `None` for any other, and for an answer dated before its question (a
/// clock moved back), which would pull the figures down.
pub fn answer_minutes(q: &QuestionRecord) -> Option<u64> {
    match &q.settled {
        Some((Settlement::Answer(_), at)) => u64::try_from((*at - q.asked_at).whole_minutes()).ok(),
        _ => None,
    }
}

/// An answered question as it is published; `None` for any other.
pub fn published(q: &QuestionRecord) -> Option<PublicQuestion> {
    match &q.settled {
        Some((Settlement::Answer(answer), at)) => Some(PublicQuestion {
            text: q.text.clone(),
            name: q.name.clone(),
            asked_at: rfc3339(q.asked_at),
            answer: answer.clone(),
            answered_at: rfc3339(*at),
            answer_minutes: minutes_between(q.asked_at, *at),
        }),
        _ => None,
    }
}

pub fn declined(q: &QuestionRecord) -> Option<Declined> {
    match &q.settled {
        Some((Settlement::Decline(reason, message), at)) => {
            Some(Declined { reason: *reason, message: message.clone(), declined_at: rfc3339(*at) })
        }
        _ => None,
    }
}

/// A question as the recruiters' inbox shows it; its age runs until it was
/// settled, or until `now` while it waits.
pub fn for_recruiter(q: &QuestionRecord, posting: PostingRef, now: OffsetDateTime) -> QuestionForRecruiter {
    let until = q.settled.as_ref().map_or(now, |(_, at)| *at);
    QuestionForRecruiter {
        id: q.id.0,
        posting,
        text: q.text.clone(),
        name: q.name.clone(),
        asked_at: rfc3339(q.asked_at),
        state: q.state(),
        age_minutes: minutes_between(q.asked_at, until),
        answer: published(q).map(|p| p.answer).unwrap_or_default(),
        declined: declined(q),
    }
}
