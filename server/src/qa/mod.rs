//! Public Q&A per posting: anyone asks (`asking.rs`), recruiters answer or
//! decline with a reason (`answering.rs`), answered questions are published
//! with how long the answer took (`views.rs`), and the asker follows their
//! question on a private link, live, and by mail if they left an address
//! (`mailing.rs`); the asker's address is forgotten when they ask, or once
//! the company's retention period after the settlement has passed
//! (`retention.rs`).

pub mod answering;
pub mod asking;
pub mod mailing;
pub mod retention;
pub mod views;

use axum::Router;

use crate::auth::rate_limit::RateLimit;
use crate::http::state::AppState;

/// A question or an answer is at most a few thousand characters.
const BODY_MAX: usize = 16 * 1024;

pub fn routes(limit: RateLimit) -> Router<AppState> {
    Router::new().merge(asking::routes(limit)).merge(answering::routes())
}
