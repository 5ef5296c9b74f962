//! What a company's admins run: postings with their process, the company's
//! settings, its people and API tokens, and the audit log; and `candor admin`, the command
//! line an operator uses on a fresh install.

pub mod audit;
pub mod cli;
pub mod people;
pub mod postings;
pub mod settings;
pub mod tokens;

use axum::Router;

use crate::http::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(postings::routes())
        .merge(settings::routes())
        .merge(people::routes())
        .merge(tokens::routes())
        .merge(audit::routes())
}
