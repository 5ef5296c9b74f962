//! HTTP caching for public reads: a validator (`ETag`) on every successful
//! JSON answer, `304 Not Modified` when the client already has it.
//!
//! Written here because tower-http has no ETag layer. The tag is a hash of
//! the uncompressed body, so it is correct whatever produced the body, and
//! weak (`W/`) because compression changes the bytes on the wire but not the
//! meaning.

use std::hash::{DefaultHasher, Hasher};

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// Public answers may be kept for a minute by browsers and CDNs, then revalidated.
pub const PUBLIC_CACHE: HeaderValue = HeaderValue::from_static("public, max-age=60");

/// Bodies above this are passed through without a tag (none of ours comes close).
const TAG_BODY_MAX: usize = 4 * 1024 * 1024;

pub async fn etag(request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::ETAG) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, TAG_BODY_MAX).await {
        Ok(bytes) => bytes,
        Err(e) => return AppError::Internal(anyhow::anyhow!("reading a response body: {e}")).into_response(),
    };
    // DefaultHasher is stable within one build, which is all a validator
    // needs: after an upgrade a client simply revalidates once.
    let mut hasher = DefaultHasher::new();
    hasher.write(&bytes);
    let tag = HeaderValue::from_str(&format!("W/\"{:016x}\"", hasher.finish())).expect("hex is a valid header");
    if if_none_match.as_ref().is_some_and(|v| matches(v, &tag)) {
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        for name in [header::CACHE_CONTROL, header::VARY] {
            for value in parts.headers.get_all(&name) {
                not_modified.headers_mut().append(name.clone(), value.clone());
            }
        }
        not_modified.headers_mut().insert(header::ETAG, tag);
        return not_modified;
    }
    parts.headers.insert(header::ETAG, tag);
    Response::from_parts(parts, Body::from(bytes))
}

/// `If-None-Match` compares weakly: a list of tags, or `*`, with or without `W/`.
fn matches(if_none_match: &HeaderValue, tag: &HeaderValue) -> bool {
    let Ok(list) = if_none_match.to_str() else { return false };
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let tag = opaque(tag.to_str().unwrap_or_default());
    list.split(',').any(|candidate| candidate.trim() == "*" || opaque(candidate) == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_comparison_over_a_list() {
        let tag = HeaderValue::from_static("W/\"abc\"");
        assert!(matches(&HeaderValue::from_static("\"abc\""), &tag));
        assert!(matches(&HeaderValue::from_static("W/\"x\", W/\"abc\""), &tag));
        assert!(matches(&HeaderValue::from_static("*"), &tag));
        assert!(!matches(&HeaderValue::from_static("W/\"abcd\""), &tag));
    }
}
