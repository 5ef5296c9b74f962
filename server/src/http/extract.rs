//! Extractors whose rejections are `AppError`s, so a malformed path or body
//! answers with the same JSON error body as everything else.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

use super::error::AppError;

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct Path<T>(pub T);

/// A JSON body: a wrong content type is a 415, an oversize body a 413,
/// malformed JSON or a value of the wrong shape a 400, and so is a field the
/// request type doesn't have, named with its path (`profile.work[0].nickname`): a
/// misspelt optional field would otherwise be dropped without a word.
///
/// Unknown fields are found with `serde_ignored` rather than
/// `#[serde(deny_unknown_fields)]` on the types: many request types nest
/// types that answers carry too (a profile, a location), and an older
/// bundle must keep reading a newer server's answers.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(request.headers()) {
            return Err(AppError::UnsupportedMediaType);
        }
        let body = body_of(request, state).await?;
        parse(&body).map(Json)
    }
}

/// The body as `T`, refusing the first field `T` doesn't know.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    let mut unknown = None;
    let mut json = serde_json::Deserializer::from_slice(body);
    let value: T = serde_ignored::deserialize(&mut json, |path| {
        unknown.get_or_insert_with(|| field_name(&path));
    })
    .map_err(|e| AppError::BadJson(e.to_string()))?;
    json.end().map_err(|e| AppError::BadJson(e.to_string()))?;
    match unknown {
        Some(field) => Err(AppError::UnknownField(field)),
        None => Ok(value),
    }
}

/// A field's path as the rules name fields (`work[0].start`).
fn field_name(path: &serde_ignored::Path) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", field_name(parent)),
        Path::Map { parent, key } => match field_name(parent) {
            parent if parent.is_empty() => key.clone(),
            parent => format!("{parent}.{key}"),
        },
        Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => field_name(parent),
    }
}

/// `application/json`, or a `+json` type, with any parameters.
fn is_json(headers: &HeaderMap) -> bool {
    media_type(headers).is_some_and(|media| {
        media == "application/json" || (media.starts_with("application/") && media.ends_with("+json"))
    })
}

/// The content type without its parameters, lowercased.
fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
}

async fn body_of<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, AppError> {
    Bytes::from_request(request, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::BadBody(rejection.body_text())
        }
    })
}

/// A PDF upload body (`Content-Type: application/pdf`, else 415); over the
/// route's limit it is a 413.
pub struct Upload(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for Upload {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if media_type(request.headers()).as_deref() != Some("application/pdf") {
            return Err(AppError::UnsupportedMediaType);
        }
        body_of(request, state).await.map(Upload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        #[serde(default)]
        work: Vec<Inner>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        start: String,
    }

    #[test]
    fn an_unknown_field_is_named_with_its_path() {
        let e = parse::<Outer>(br#"{"name": "x", "work": [{"start": "2019", "nickname": "Ai"}]}"#).unwrap_err();
        assert!(matches!(&e, AppError::UnknownField(field) if field == "work[0].nickname"), "{e:?}");
        let e = parse::<Outer>(br#"{"name": "x", "extra": 1}"#).unwrap_err();
        assert!(matches!(&e, AppError::UnknownField(field) if field == "extra"), "{e:?}");
    }

    #[test]
    fn malformed_json_and_trailing_text_are_bad_json() {
        assert!(matches!(parse::<Outer>(b"{\"name\": "), Err(AppError::BadJson(_))));
        assert!(matches!(parse::<Outer>(br#"{"name": "x"} x"#), Err(AppError::BadJson(_))));
        assert!(matches!(parse::<Outer>(br#"{"name": 1}"#), Err(AppError::BadJson(_))));
        assert!(parse::<Outer>(br#"{"name": "x"}"#).is_ok());
    }

    #[test]
    fn json_types_with_parameters_are_json() {
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, value.parse().unwrap());
            is_json(&headers)
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(with("application/merge-patch+json"));
        assert!(!with("text/plain"));
        assert!(!with("application/jsonx"));
        assert!(!is_json(&HeaderMap::new()));
    }
}
