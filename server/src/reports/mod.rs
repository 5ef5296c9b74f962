//! Progress reports: what a hiring manager or an agency's client reads of
//! a search. A recruiter shares a posting's report by a link made for one
//! named reader (`sharing.rs`: make, list, revoke, and the console's
//! preview of the report as a reader sees it), writes notes on it, an
//! update or a warning that sits on top (`notes.rs`, with the readers'
//! replies waiting in the inbox until someone marks them seen), and the
//! reader opens it without an account, by the link's secret, and answers a
//! note (`reading.rs`). What a report holds is `content.rs`'s, its
//! arithmetic `candor_api::reports`'.

pub mod content;
pub mod notes;
pub mod reading;
pub mod sharing;

use axum::Router;

use crate::http::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().merge(sharing::routes()).merge(notes::routes()).merge(reading::routes())
}
