//! Extractors whose rejections are `AppError`s, so a malformed path answers
//! with the same JSON error body as everything else.

use axum::extract::{FromRequest, FromRequestParts};

use crate::error::AppError;

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct Path<T>(pub T);

/// A JSON body; malformed JSON, a wrong content type or an oversize body
/// become the matching `AppError` (400, 415, 413).
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct Json<T>(pub T);
