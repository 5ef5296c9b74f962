//! The recruiters' daily work: a company's applications and the actions on
//! them, the inbox of what waits (unanswered questions, silence alarms), the
//! morning digest of it and what mail each person chose to get, the
//! outbox of the mails Candor sends, and the metrics the product shows
//! about itself.

pub mod applications;
pub mod digest;
pub mod inbox;
pub mod metrics;
pub mod notifications;
pub mod outbox;
pub mod postings;
pub mod talent_pool;

use axum::Router;

use crate::http::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(applications::routes())
        .merge(inbox::routes())
        .merge(metrics::routes())
        .merge(notifications::routes())
        .merge(outbox::routes())
        .merge(talent_pool::routes())
}
