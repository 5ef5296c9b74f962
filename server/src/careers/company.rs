//! A company's public face: its name, branding and default language, which
//! the widget themes itself with; and its careers sites, the only pages the
//! profile wallet (`/me`) hands a candidate's profile to.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use candor_api::CompanySlug;
use candor_api::wallet::CareersSites;

use crate::http::caching::IfNoneMatch;
use crate::http::error::AppError;
use crate::http::extract::Path;
use crate::http::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/companies/{company}", get(public_settings))
        .route("/api/v1/companies/{company}/sites", get(sites))
}

#[utoipa::path(get, path = "/api/v1/companies/{company}", tag = "careers", responses((status = 200, description = "The company's public face", body = candor_api::CompanyPublic), (status = 304, description = "Not modified (If-None-Match)")))]
async fn public_settings(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
    let slug = CompanySlug::parse(&slug)?;
    cached.json(&app.company_named(&slug).await?.public)
}

/// Public like the allowlist it mirrors: every careers page's requests show
/// their origin to whoever watches them anyway.
#[utoipa::path(get, path = "/api/v1/companies/{company}/sites", tag = "careers", responses((status = 200, description = "The company's careers sites", body = candor_api::wallet::CareersSites), (status = 304, description = "Not modified (If-None-Match)")))]
async fn sites(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
    let slug = CompanySlug::parse(&slug)?;
    let company = app.company_named(&slug).await?;
    let origins = app.store.origins(company.id).await?;
    // Revalidated at every use rather than kept a minute: an origin the
    // company has just removed must not receive a profile in the meantime.
    cached.fresh_json(&CareersSites { name: company.public.name, origins })
}
