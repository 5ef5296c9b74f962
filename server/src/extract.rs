//! Extractors whose rejections are `AppError`s, so a malformed path answers
//! with the same JSON error body as everything else.

use axum::extract::FromRequestParts;

use crate::error::AppError;

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct Path<T>(pub T);
