//! HTTP caching for public reads: every answer carries a validator (`ETag`)
//! and may be kept a minute; a client that already has it gets
//! `304 Not Modified` and no body.
//!
//! Written here because tower-http has no ETag layer, and done by the
//! handlers through `IfNoneMatch::respond` rather than by a middleware: a
//! middleware must buffer and hash every body, and it cost the postings list
//! a tenth of its throughput (BENCHMARKS.md). The tag is a hash of the
//! uncompressed body, weak (`W/`) because compression changes the bytes on
//! the wire but not the meaning.

use std::convert::Infallible;
use std::hash::{DefaultHasher, Hasher};
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::Serialize;

use candor_api::{Locale, PostingSummary};

use super::error::AppError;
use crate::store::CompanyId;

/// Public answers may be kept for a minute by browsers and CDNs, then revalidated.
pub const PUBLIC_CACHE: HeaderValue = HeaderValue::from_static("public, max-age=60");
/// Public answers that change when someone acts (a question answered):
/// anyone may keep them, but asks every time; an unchanged one costs a 304.
pub const FRESH_PUBLIC_CACHE: HeaderValue = HeaderValue::from_static("public, no-cache");
/// A candidate's own data: only their browser keeps it, and asks every time.
pub const PRIVATE_CACHE: HeaderValue = HeaderValue::from_static("private, no-cache");
const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// The validator of a body. DefaultHasher is stable within one build, which
/// is all a validator needs: after an upgrade a client revalidates once.
pub fn tag_of(body: &[u8]) -> HeaderValue {
    let mut hasher = DefaultHasher::new();
    hasher.write(body);
    HeaderValue::from_str(&format!("W/\"{:016x}\"", hasher.finish())).expect("hex is a valid header")
}

/// The request's `If-None-Match`, if any.
pub struct IfNoneMatch(Option<HeaderValue>);

impl<S: Send + Sync> FromRequestParts<S> for IfNoneMatch {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(IfNoneMatch(parts.headers.get(header::IF_NONE_MATCH).cloned()))
    }
}

impl IfNoneMatch {
    /// A public JSON answer for `value`.
    pub fn json<T: Serialize>(&self, value: &T) -> Result<Response, AppError> {
        self.json_with(value, PUBLIC_CACHE)
    }

    /// A public JSON answer for `value` that is revalidated on every use.
    pub fn fresh_json<T: Serialize>(&self, value: &T) -> Result<Response, AppError> {
        self.json_with(value, FRESH_PUBLIC_CACHE)
    }

    /// A private JSON answer for `value`: revalidated on every use, which is
    /// what polling the status view does.
    pub fn private_json<T: Serialize>(&self, value: &T) -> Result<Response, AppError> {
        self.json_with(value, PRIVATE_CACHE)
    }

    fn json_with<T: Serialize>(&self, value: &T, policy: HeaderValue) -> Result<Response, AppError> {
        let body = Bytes::from(serde_json::to_vec(value).map_err(anyhow::Error::from)?);
        let tag = tag_of(&body);
        Ok(self.respond_with(body, tag, policy))
    }

    /// A public JSON answer whose body and tag were computed earlier.
    pub fn respond(&self, body: Bytes, tag: HeaderValue) -> Response {
        self.respond_with(body, tag, PUBLIC_CACHE)
    }

    fn respond_with(&self, body: Bytes, tag: HeaderValue, policy: HeaderValue) -> Response {
        let fresh = self.0.as_ref().is_some_and(|v| matches(v, &tag));
        let headers = [(header::ETAG, tag), (header::CACHE_CONTROL, policy)];
        if fresh {
            (StatusCode::NOT_MODIFIED, headers).into_response()
        } else {
            (headers, [(header::CONTENT_TYPE, JSON)], body).into_response()
        }
    }
}

/// `If-None-Match` compares weakly: a list of tags, or `*`, with or without `W/`.
fn matches(if_none_match: &HeaderValue, tag: &HeaderValue) -> bool {
    let Ok(list) = if_none_match.to_str() else { return false };
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let tag = opaque(tag.to_str().unwrap_or_default());
    list.split(',').any(|candidate| candidate.trim() == "*" || opaque(candidate) == tag)
}

/// A company's unfiltered postings list as JSON with its ETag, rendered
/// once per snapshot of its open postings: most requests ask for exactly
/// that, and serving bytes keeps the list within reach of a plain static
/// handler's throughput (see BENCHMARKS.md). A snapshot is recognised by
/// identity: the store hands out a new `Arc` whenever the postings change.
/// Kept per language asked for, as the store keeps the lists, so that one
/// language's bytes and tag never answer for another's.
#[derive(Clone)]
pub struct RenderedLists(moka::sync::Cache<(CompanyId, Option<Locale>), Rendered>);

/// A snapshot of a list, its JSON and its tag.
type Rendered = (Arc<Vec<PostingSummary>>, Bytes, HeaderValue);

impl Default for RenderedLists {
    fn default() -> Self {
        RenderedLists(moka::sync::Cache::builder().max_capacity(10_000).build())
    }
}

impl RenderedLists {
    /// The rendering of `snapshot`, made by `render` if it is new.
    pub fn of<T: Serialize>(
        &self,
        company: CompanyId,
        lang: Option<Locale>,
        snapshot: &Arc<Vec<PostingSummary>>,
        render: impl FnOnce() -> T,
    ) -> Result<(Bytes, HeaderValue), AppError> {
        let key = (company, lang);
        if let Some((seen, body, tag)) = self.0.get(&key)
            && Arc::ptr_eq(&seen, snapshot)
        {
            return Ok((body, tag));
        }
        let body = Bytes::from(serde_json::to_vec(&render()).map_err(anyhow::Error::from)?);
        let tag = tag_of(&body);
        self.0.insert(key, (snapshot.clone(), body.clone(), tag.clone()));
        Ok((body, tag))
    }
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

    #[test]
    fn a_known_tag_gets_304_without_a_body() {
        let body = Bytes::from_static(b"{}");
        let tag = tag_of(&body);
        let fresh = IfNoneMatch(Some(tag.clone())).respond(body.clone(), tag.clone());
        assert_eq!(fresh.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(fresh.headers().get(header::ETAG), Some(&tag));
        let stale = IfNoneMatch(Some(HeaderValue::from_static("W/\"0\""))).respond(body, tag);
        assert_eq!(stale.status(), StatusCode::OK);
        assert_eq!(stale.headers().get(header::CACHE_CONTROL), Some(&PUBLIC_CACHE));
    }
}
