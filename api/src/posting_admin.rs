//! Postings as a company's admins run them: every posting whatever its
//! status, its editable form, and the rules for changing one that candidates
//! have already applied to.

use serde::{Deserialize, Serialize};

use crate::postings::{PostingDetail, PostingDraft, PostingStatus, PostingSummary, Stage};
use crate::rules::{FieldError, Invalid};
use crate::translation::Translations;

/// One row of `GET /api/v1/recruiter/postings`: every posting of the
/// company, drafts and closed ones included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingRow {
    pub status: PostingStatus,
    pub summary: PostingSummary,
    pub applications: u64,
}

/// `GET /api/v1/recruiter/postings/{posting}`: the posting with its status,
/// and the draft to edit it from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingForAdmin {
    pub status: PostingStatus,
    pub detail: PostingDetail,
    /// Its texts in other languages, as written.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations,
    pub applications: u64,
}

impl PostingForAdmin {
    /// The form it is edited in, translations included.
    pub fn draft(&self) -> PostingDraft {
        PostingDraft { translations: self.translations.clone(), ..PostingDraft::from(&self.detail) }
    }
}

/// `POST /api/v1/recruiter/postings/{posting}/status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePostingStatus {
    pub status: PostingStatus,
}

impl From<&PostingDetail> for PostingDraft {
    /// The form a stored posting's own texts are edited in (without its
    /// translations: [`PostingForAdmin::draft`] has them).
    fn from(p: &PostingDetail) -> PostingDraft {
        let s = &p.summary;
        PostingDraft {
            slug: s.slug.as_str().to_owned(),
            title: s.title.clone(),
            department: s.department.clone(),
            location: s.location.clone(),
            workplace: s.workplace,
            employment_type: s.employment_type,
            teaser: s.teaser.clone(),
            salary: s.salary.clone(),
            description: p.description.clone(),
            stages: p.stages.clone(),
            screening_questions: p.screening_questions.clone(),
            closes_on: s.closes_on,
            translations: Translations::new(),
        }
    }
}

/// Checks an edit of a stored posting. Its address stays: candidates and
/// search engines hold links to it. Its publication day stays. Once anyone
/// has applied, stages may be renamed, retimed and added at the end, but not
/// removed: each application's history names its stages by position, and a
/// removed stage would rewrite what candidates were told.
pub fn check_edit(
    stored: &PostingDetail,
    edited: PostingDetail,
    applications: u64,
) -> Result<PostingDetail, FieldError> {
    if edited.summary.slug != stored.summary.slug {
        return Err(FieldError::new("slug", Invalid::Unchangeable));
    }
    if applications > 0 && edited.stages.len() < stored.stages.len() {
        return Err(FieldError::new("stages", Invalid::TooFewStages { min: stored.stages.len() }));
    }
    let mut edited = edited;
    edited.summary.published_on = stored.summary.published_on;
    Ok(edited)
}

/// A posting may open (or reopen) only while its closing date, if any, is
/// still ahead: otherwise it would be public past its own deadline.
pub fn check_opening(posting: &PostingDetail, today: crate::day::Day) -> Result<(), FieldError> {
    match posting.summary.closes_on {
        Some(closes) if closes < today => Err(FieldError::new("closes_on", Invalid::InThePast)),
        _ => Ok(()),
    }
}

/// A stage as a blank row of the editor starts.
pub fn blank_stage() -> Stage {
    Stage { name: String::new(), expected_days: 7, description: String::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::day::Day;
    use crate::postings::{EmploymentType, Location, Workplace};
    use crate::slug::PostingSlug;

    fn posting(slug: &str, stages: usize, published: &str) -> PostingDetail {
        PostingDetail {
            summary: PostingSummary {
                slug: PostingSlug::parse(slug).unwrap(),
                title: "Backend engineer".into(),
                department: "Engineering".into(),
                location: Location { city: "Oulu".into(), country: "FI".into() },
                workplace: Workplace::Hybrid,
                employment_type: EmploymentType::FullTime,
                teaser: String::new(),
                salary: None,
                published_on: Day::parse(published).unwrap(),
                closes_on: None,
                lang: crate::Locale::En,
            },
            description: "Build things.".into(),
            stages: (0..stages)
                .map(|i| Stage { name: format!("Stage {i}"), expected_days: 5, description: String::new() })
                .collect(),
            screening_questions: vec![],
        }
    }

    #[test]
    fn status_moves_forward_or_reopens_never_back_to_draft() {
        use PostingStatus::*;
        assert!(Draft.may_become(Open));
        assert!(Open.may_become(Closed));
        assert!(Closed.may_become(Open));
        for (from, to) in [(Open, Draft), (Closed, Draft), (Draft, Closed), (Open, Open), (Draft, Draft)] {
            assert!(!from.may_become(to), "{from:?} → {to:?}");
        }
    }

    #[test]
    fn edits_keep_the_address_and_the_publication_day() {
        let stored = posting("backend", 2, "2026-01-05");
        let kept = check_edit(&stored, posting("backend", 2, "2026-11-23"), 3).unwrap();
        assert_eq!(kept.summary.published_on, stored.summary.published_on);
        let moved = check_edit(&stored, posting("backend-2", 2, "2026-11-23"), 0).unwrap_err();
        assert_eq!((moved.field.as_ref(), moved.invalid), ("slug", Invalid::Unchangeable));
    }

    #[test]
    fn stages_in_use_can_grow_but_not_shrink() {
        let stored = posting("backend", 3, "2026-01-05");
        assert!(check_edit(&stored, posting("backend", 4, "2026-01-05"), 1).is_ok());
        assert!(check_edit(&stored, posting("backend", 2, "2026-01-05"), 0).is_ok(), "nobody applied yet");
        let refused = check_edit(&stored, posting("backend", 2, "2026-01-05"), 1).unwrap_err();
        assert_eq!(refused.invalid, Invalid::TooFewStages { min: 3 });
    }

    #[test]
    fn a_posting_past_its_closing_date_does_not_open() {
        let mut p = posting("backend", 1, "2026-01-05");
        let today = Day::parse("2026-02-01").unwrap();
        assert!(check_opening(&p, today).is_ok(), "no closing date");
        p.summary.closes_on = Some(today);
        assert!(check_opening(&p, today).is_ok(), "closing today");
        p.summary.closes_on = Day::parse("2026-01-31").ok();
        assert_eq!(check_opening(&p, today).unwrap_err().field, "closes_on");
    }

    #[test]
    fn the_editor_round_trips_a_stored_posting() {
        let stored = posting("backend", 2, "2026-01-05");
        let draft = PostingDraft::from(&stored);
        let today = Day::parse("2026-01-05").unwrap();
        assert_eq!(draft.validate(today, crate::Locale::En).unwrap().detail, stored);
    }
}
