//! Candor's API over HTTP: the careers widget's reads ([`Loader`], one
//! non-generic GET), and the changes the candidate bundle and the console
//! send ([`send`]), each bundle through this one module.

use candor_api::{ApiError, ErrorBody};
use gloo_net::http::{Request, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why something could not be shown; each has its own message and remedy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// No answer at all (offline, server down, blocked): worth a retry.
    Unreachable,
    NotFound,
    /// The posting exists but no longer takes applications.
    Closed,
    /// An answer that was not what we expected (5xx, or an unreadable body).
    Failed(u16),
}

/// The body of a successful GET. Not generic, so the fetch machinery is in
/// the widget once rather than once per type read.
///
/// The request is built from the address as it is, not by gloo-net's
/// builder: gloo-net 0.6 appends "&" to an address that has a query (it
/// joins an empty one to it), and the widget must ask for the very address
/// its loader read ahead (`src/js/candor.js`) to be answered by the cache.
async fn get_text(url: &str, secret: Option<&(&str, String)>) -> Result<String, LoadError> {
    let init = web_sys::RequestInit::new();
    if let Some((name, value)) = secret {
        let headers = web_sys::Headers::new().map_err(|_| LoadError::Unreachable)?;
        headers.set(name, value).map_err(|_| LoadError::Unreachable)?;
        init.set_headers(&headers);
    }
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| LoadError::Unreachable)?;
    let response = Request::from(request).send().await.map_err(|_| LoadError::Unreachable)?;
    match response.status() {
        200 => response.text().await.map_err(|_| LoadError::Unreachable),
        404 => Err(LoadError::NotFound),
        410 => Err(LoadError::Closed),
        status => Err(LoadError::Failed(status)),
    }
}

use leptos::prelude::*;
use leptos::task::spawn_local;

/// The GET task of every [`Loader`]: one future type, so its state machine
/// and the executor's code for it are in the widget once rather than once
/// per type read; only `deliver` (reading the body as that type) is generic.
fn fetch(url: String, secret: Option<(&'static str, String)>, deliver: Box<dyn FnOnce(Result<String, LoadError>)>) {
    spawn_local(async move { deliver(get_text(&url, secret.as_ref()).await) });
}

/// One GET whose result a view follows: `None` while loading, then the
/// answer. Unlike a resource, `reload` goes back to loading at once, so a
/// retry after a failure visibly does something.
pub struct Loader<T: Send + Sync + 'static> {
    state: RwSignal<Option<Result<T, LoadError>>>,
    url: StoredValue<String>,
    /// A header that proves the reader may read it (`Candor-Application`):
    /// secrets travel there, never in the URL, which servers log.
    secret: StoredValue<Option<(&'static str, String)>>,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: DeserializeOwned + Clone + Send + Sync + 'static> Loader<T> {
    pub fn new(url: String) -> Self {
        Self::reading(url, None)
    }

    /// A read proven by the secret in a header (`(name, value)`).
    pub fn with_secret(url: String, header: (&'static str, String)) -> Self {
        Self::reading(url, Some(header))
    }

    fn reading(url: String, secret: Option<(&'static str, String)>) -> Self {
        let loader =
            Loader { state: RwSignal::new(None), url: StoredValue::new(url), secret: StoredValue::new(secret) };
        loader.reload();
        loader
    }

    pub fn reload(&self) {
        let state = self.state;
        state.set(None);
        fetch(
            self.url.get_value(),
            self.secret.get_value(),
            Box::new(move |text| {
                let result = text.and_then(|text| serde_json::from_str(&text).map_err(|_| LoadError::Failed(200)));
                // The view may be gone by now (the element was removed).
                let _ = state.try_set(Some(result));
            }),
        );
    }

    /// A newer answer that arrived another way (a live update).
    pub fn set(&self, value: T) {
        let _ = self.state.try_set(Some(Ok(value)));
    }

    pub fn get(&self) -> Option<Result<T, LoadError>> {
        self.state.get()
    }

    /// Whether the answer is still on its way.
    pub fn pending(&self) -> bool {
        self.state.with(Option::is_none)
    }

    pub fn loaded(&self) -> Option<T> {
        self.state.get().and_then(Result::ok)
    }
}

/// A change sent to Candor. Only the candidate bundle and the console send
/// changes (the careers widget only reads), so none of what follows is in
/// the widget's download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A read that needs a header [`Loader`] doesn't send (a report's
    /// reader proves their link by one, so its secret stays out of the URL).
    Get,
    Post,
    Put,
    Delete,
}

/// What a change carries.
pub enum Body<'a> {
    Empty,
    /// A JSON document, already written (see [`Body::json`]).
    Json(String),
    Pdf(&'a [u8]),
}

impl Body<'_> {
    pub fn json(value: &impl Serialize) -> Body<'static> {
        // Serialising the API's own types doesn't fail (no maps with non-string keys).
        Body::Json(serde_json::to_string(value).unwrap_or_default())
    }
}

/// Why a change was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// No answer at all (offline, server down, blocked): worth a retry.
    Unreachable,
    /// Candor answered with this status (not 2xx) and, when it sent one,
    /// its JSON error body (`code`, English `message`, `field`).
    Refused { status: u16, error: Option<ErrorBody> },
    /// A 2xx answer whose body was not what we expected.
    Unreadable,
}

/// Sends a change with `headers`; a 2xx answer is `Ok`, to read with [`read`] or drop.
pub async fn send(method: Method, url: &str, headers: &[(&str, &str)], body: Body<'_>) -> Result<Response, SendError> {
    let mut builder = match method {
        Method::Get => Request::get(url),
        Method::Post => Request::post(url),
        Method::Put => Request::put(url),
        Method::Delete => Request::delete(url),
    };
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    let request = match body {
        Body::Empty => builder.build(),
        Body::Json(json) => builder.header("Content-Type", "application/json").body(json),
        Body::Pdf(bytes) => builder.header("Content-Type", "application/pdf").body(js_sys::Uint8Array::from(bytes)),
    }
    .map_err(|_| SendError::Unreachable)?;
    let response = request.send().await.map_err(|_| SendError::Unreachable)?;
    if response.ok() {
        return Ok(response);
    }
    let error = response.json::<ApiError>().await.ok().map(|e| e.error);
    Err(SendError::Refused { status: response.status(), error })
}

/// The body of a 2xx answer.
pub async fn read<T: DeserializeOwned>(response: Response) -> Result<T, SendError> {
    response.json().await.map_err(|_| SendError::Unreadable)
}

/// [`send`], then the answer's body.
pub async fn send_for<T: DeserializeOwned>(
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: Body<'_>,
) -> Result<T, SendError> {
    read(send(method, url, headers, body).await?).await
}
