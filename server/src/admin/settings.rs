//! A company's settings as its admins keep them: name, branding, default
//! language, retention, the silence-alarm period, the origins allowed to
//! embed the widget, whether a missed promise is apologised for by mail,
//! and what progress reports' links show by default and when their weekly
//! summary goes.
//! Careers pages pick a change up at once.

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use candor_api::company::CompanySettings;

use crate::auth::recruiter::{Admin, Recruiter};
use crate::http::error::AppError;
use crate::http::extract::Json;
use crate::http::state::AppState;
use crate::store::CompanyId;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/recruiter/company", get(read).put(write))
}

async fn current(app: &AppState, id: CompanyId) -> Result<CompanySettings, AppError> {
    let company = app.company_of(id).await?;
    let origins = app.store.origins(id).await?;
    Ok(CompanySettings {
        name: company.public.name,
        branding: company.public.branding,
        default_locale: company.public.default_locale,
        retention_days: company.public.retention_days,
        silence_alarm_days: company.silence_alarm_days,
        origins: origins.iter().map(|o| o.as_str().to_owned()).collect(),
        late_promise_mail: company.late_promise_mail,
        reports: company.reports,
    })
}

/// Everyone in the company may read the settings: they explain what
/// candidates are told (retention) and when alarms ring.
#[utoipa::path(get, path = "/api/v1/recruiter/company", tag = "recruiter", responses((status = 200, description = "The settings", body = candor_api::company::CompanySettings)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn read(State(app): State<AppState>, recruiter: Recruiter) -> Result<axum::Json<CompanySettings>, AppError> {
    Ok(axum::Json(current(&app, recruiter.company).await?))
}

#[utoipa::path(put, path = "/api/v1/recruiter/company", tag = "recruiter", request_body = candor_api::company::CompanySettings, responses((status = 200, description = "Changed", body = candor_api::company::CompanySettings), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn write(
    State(app): State<AppState>,
    Admin(recruiter): Admin,
    Json(settings): Json<CompanySettings>,
) -> Result<axum::Json<CompanySettings>, AppError> {
    let (settings, origins) = settings.validate()?;
    app.store.update_company(recruiter.company, &settings, &origins).await?;
    Ok(axum::Json(current(&app, recruiter.company).await?))
}
