//! A candidate's application: applying, the status and its live stream,
//! what the candidate does with it (withdraw, rate), their CV, their data
//! (export, erase), "Lost your link?", which mails an address its links
//! again, stopping the update mails (`mail_stop.rs`) and the apology for a
//! missed promise (`late.rs`). Candor's own status page at `/status` is in
//! `candidate_pages`. The timeline logic every feature that touches an
//! application goes through is `timeline.rs`.

pub mod actions;
pub mod apply;
pub mod cv;
pub mod late;
pub mod lost_link;
pub mod mail_stop;
pub mod pool_alerts;
pub mod pool_renewal;
pub mod privacy;
pub mod retention;
pub mod status;
pub mod timeline;

use axum::Router;

use crate::auth::rate_limit::RateLimit;
use crate::http::state::AppState;

pub fn routes(limit: RateLimit) -> Router<AppState> {
    Router::new()
        .merge(apply::routes(limit))
        .merge(status::routes())
        .merge(actions::routes())
        .merge(privacy::routes())
        .merge(cv::routes())
        .merge(lost_link::routes(limit))
        .merge(mail_stop::routes())
}
