//! The candidate's CV: a PDF uploaded after the acknowledgement (so a slow
//! upload never holds it up), checked by content, and downloaded as an
//! attachment.

use axum::Router;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::response::Response;
use axum::routing::put;
use candor_api::FieldError;
use candor_api::cv::{self, CV_MAX_BYTES, CvInfo};

use super::timeline::find;
use crate::http::error::AppError;
use crate::http::extract::Upload;
use crate::http::files::pdf_download;
use crate::http::secret_header::StatusTokenHeader;
use crate::http::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/application/cv", put(upload).get(download).layer(DefaultBodyLimit::max(CV_MAX_BYTES + 1024)))
}

/// `PUT …/cv?file_name=CV.pdf` with the PDF as the body.
#[utoipa::path(put, path = "/api/v1/application/cv", tag = "candidate", request_body(content = inline(crate::http::api_docs::File), content_type = "application/pdf", description = "The CV, a PDF up to 5 MB"), params(("file_name" = Option<String>, Query, description = "The CV's file name")), responses((status = 200, description = "Stored", body = candor_api::cv::CvInfo), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("application" = [])))]
async fn upload(
    State(app): State<AppState>,
    token: StatusTokenHeader,
    RawQuery(query): RawQuery,
    Upload(body): Upload,
) -> Result<axum::Json<CvInfo>, AppError> {
    let record = find(&app, token.text()).await?;
    let file_name = form_urlencoded::parse(query.as_deref().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "file_name")
        .map_or_else(|| Ok("cv.pdf".to_owned()), |(_, v)| cv::file_name(&v))?;
    cv::check_pdf(&body).map_err(|invalid| FieldError::new("cv", invalid))?;
    app.store.put_cv(record.company, record.id, &file_name, &body, app.clock.now()).await?;
    Ok(axum::Json(CvInfo { file_name, size: body.len() as u64 }))
}

#[utoipa::path(get, path = "/api/v1/application/cv", tag = "candidate", responses((status = 200, description = "The CV", body = inline(crate::http::api_docs::File), content_type = "application/pdf")), security(("application" = [])))]
async fn download(State(app): State<AppState>, token: StatusTokenHeader) -> Result<Response, AppError> {
    let record = find(&app, token.text()).await?;
    let (info, content) = app.store.cv(record.company, record.id).await?.ok_or(AppError::CvNotFound)?;
    Ok(pdf_download(&info, content))
}
