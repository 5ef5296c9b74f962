//! `GET /api/v1/recruiter/talent-pool?skill=&place=`: the candidates who
//! chose, when applying, to be kept for the company's later openings, while
//! that consent lasts (a year: `candor_api::privacy::pool_consent_lasts`),
//! searched by skill and place (`PoolSearch::matches`). A candidate leaves
//! it from their status page at any time; the retention job keeps their data
//! no longer than the consent.

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use candor_api::privacy::{PoolMember, PoolSearch, TalentPool, pool_consent_lasts, pool_consent_until};
use candor_api::timeline::PostingRef;

use crate::auth::recruiter::Recruiter;
use crate::http::error::AppError;
use crate::http::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/recruiter/talent-pool", get(pool))
}

#[utoipa::path(get, path = "/api/v1/recruiter/talent-pool", tag = "recruiter", params(("skill" = Option<String>, Query, description = "Words in a skill or the headline, case aside"), ("place" = Option<String>, Query, description = "Words in the location, case aside")), responses((status = 200, description = "The pool's members whose consent lasts, newest first", body = candor_api::privacy::TalentPool)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn pool(
    State(app): State<AppState>,
    recruiter: Recruiter,
    search: Result<Query<PoolSearch>, QueryRejection>,
) -> Result<axum::Json<TalentPool>, AppError> {
    let Query(search) = search?;
    let today = app.clock.today();
    let mut members = Vec::new();
    for (record, consent_on) in app.store.talent_pool(recruiter.company).await? {
        let Some(profile) = record.profile.as_ref() else { continue };
        if !pool_consent_lasts(consent_on, today) || !search.matches(profile) {
            continue;
        }
        let posting = app.posting_of(recruiter.company, record.posting).await?;
        members.push(PoolMember {
            application: record.id.0,
            name: profile.name.clone(),
            headline: profile.headline.clone(),
            location: profile.location.clone(),
            skills: profile.skills.clone(),
            posting: PostingRef::from(&posting.detail.summary),
            consent_on,
            consent_until: pool_consent_until(consent_on),
        });
    }
    Ok(axum::Json(TalentPool { members }))
}
