//! Reading Candor's public API.

use gloo_net::http::Request;
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
async fn get_text(url: &str) -> Result<String, LoadError> {
    let response = Request::get(url).send().await.map_err(|_| LoadError::Unreachable)?;
    match response.status() {
        200 => response.text().await.map_err(|_| LoadError::Unreachable),
        404 => Err(LoadError::NotFound),
        410 => Err(LoadError::Closed),
        status => Err(LoadError::Failed(status)),
    }
}

pub async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, LoadError> {
    let text = get_text(url).await?;
    serde_json::from_str(&text).map_err(|_| LoadError::Failed(200))
}

use leptos::prelude::*;
use leptos::task::spawn_local;

/// One GET whose result a view follows: `None` while loading, then the
/// answer. Unlike a resource, `reload` goes back to loading at once, so a
/// retry after a failure visibly does something.
pub struct Loader<T: Send + Sync + 'static> {
    state: RwSignal<Option<Result<T, LoadError>>>,
    url: StoredValue<String>,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: DeserializeOwned + Clone + Send + Sync + 'static> Loader<T> {
    pub fn new(url: String) -> Self {
        let loader = Loader { state: RwSignal::new(None), url: StoredValue::new(url) };
        loader.reload();
        loader
    }

    pub fn reload(&self) {
        let (state, url) = (self.state, self.url.get_value());
        state.set(None);
        spawn_local(async move {
            let result = get_json::<T>(&url).await;
            // The view may be gone by now (the element was removed).
            let _ = state.try_set(Some(result));
        });
    }

    /// A newer answer that arrived another way (a live update).
    pub fn set(&self, value: T) {
        let _ = self.state.try_set(Some(Ok(value)));
    }

    pub fn get(&self) -> Option<Result<T, LoadError>> {
        self.state.get()
    }

    pub fn loaded(&self) -> Option<T> {
        self.state.get().and_then(Result::ok)
    }
}
