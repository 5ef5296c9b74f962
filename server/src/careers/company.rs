//! A company's public face: its name, branding and default language, which
//! the widget themes itself with.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use candor_api::CompanySlug;

use crate::http::caching::IfNoneMatch;
use crate::http::error::AppError;
use crate::http::extract::Path;
use crate::http::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/companies/{company}", get(public_settings))
}

async fn public_settings(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
    let slug = CompanySlug::parse(&slug)?;
    cached.json(&app.company_named(&slug).await?.public)
}
