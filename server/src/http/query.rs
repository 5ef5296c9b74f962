//! Unknown query parameters are refused, naming the first one, on every
//! API endpoint: a misspelt filter (`?departmnet=`) would otherwise answer
//! as if none had been given. Which parameters each route takes is the API
//! document's to say (`crate::openapi`, handed in by `startup.rs`), so the
//! document can't leave one out without this refusing it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::AppError;

/// Each route's query parameters, by method and route (`{company}` style).
#[derive(Clone, Default)]
pub struct QueryParameters(Arc<BTreeMap<(String, String), BTreeSet<String>>>);

impl QueryParameters {
    pub fn new(names: BTreeMap<(String, String), BTreeSet<String>>) -> Self {
        Self(Arc::new(names))
    }

    /// The first parameter of `query` that `method route` doesn't take.
    fn unknown(&self, method: &Method, route: &str, query: &str) -> Option<String> {
        // A HEAD is answered by the GET route.
        let method = if method == Method::HEAD { "GET" } else { method.as_str() };
        let known = self.0.get(&(method.to_owned(), route.to_owned()));
        form_urlencoded::parse(query.as_bytes())
            .map(|(name, _)| name.into_owned())
            .find(|name| !known.is_some_and(|known| known.contains(name)))
    }
}

/// The layer's function: a route layer, so that the route is known.
pub async fn refuse_unknown(
    State(parameters): State<QueryParameters>,
    route: Option<MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    if let (Some(route), Some(query)) = (route, request.uri().query())
        && let Some(name) = parameters.unknown(request.method(), route.as_str(), query)
    {
        return AppError::UnknownParameter(name).into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_routes_own_parameters_pass() {
        let route = "/api/v1/companies/{company}/postings";
        let names = BTreeMap::from([(("GET".to_owned(), route.to_owned()), BTreeSet::from(["q".to_owned()]))]);
        let parameters = QueryParameters::new(names);
        assert_eq!(parameters.unknown(&Method::GET, route, "q=dentist"), None);
        assert_eq!(parameters.unknown(&Method::HEAD, route, "q=dentist"), None);
        assert_eq!(parameters.unknown(&Method::GET, route, ""), None);
        assert_eq!(parameters.unknown(&Method::GET, route, "q=a&departmnet=x").as_deref(), Some("departmnet"));
        assert_eq!(parameters.unknown(&Method::GET, route, "=x").as_deref(), Some(""));
        assert_eq!(parameters.unknown(&Method::GET, "/api/v1/recruiter/inbox", "q=1").as_deref(), Some("q"));
    }
}
