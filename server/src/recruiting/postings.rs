//! What the inbox and the metrics are computed over: every posting the
//! public has seen (open or closed, never drafts), with its applications.

use candor_api::timeline::Event;

use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::store::{ApplicationRecord, CompanyId, Posting, PostingStatus};

pub struct Published {
    pub posting: Posting,
    pub applications: Vec<(ApplicationRecord, Vec<Event>)>,
}

/// The company's published postings, newest first.
pub async fn published(app: &AppState, company: CompanyId) -> Result<Vec<Published>, AppError> {
    let mut out = Vec::new();
    for row in app.store.company_postings(company).await? {
        if row.status == PostingStatus::Draft {
            continue;
        }
        let posting = app.posting_named(company, &row.summary.slug).await?;
        let applications = app.store.applications_of_posting(company, posting.id).await?;
        out.push(Published { posting, applications });
    }
    Ok(out)
}
