//! What a careers page reads: a company's public face and its postings.
//! Public, cached, and checked against the company's allowed origins.

pub mod company;
pub mod postings;

use axum::Router;

use crate::http::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().merge(company::routes()).merge(postings::routes())
}
