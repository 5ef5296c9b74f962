//! The HTTP layer every feature builds on: the state handlers reach, the one
//! error type and its JSON body, extractors whose rejections are that error,
//! caching of public answers, CORS, files, live streams that end when the
//! instance stops, the `/metrics` page and the probes (`/healthz`, `/readyz`), the API's document and reference
//! page, the refusal of unknown query parameters, the client's address
//! behind a trusted proxy, and how routes become a service.
//! It knows no feature: the features depend on it.

pub mod api_docs;
pub mod caching;
pub mod client_address;
pub mod cors;
pub mod error;
pub mod extract;
pub mod files;
pub mod probes;
pub mod prometheus;
pub mod query;
pub mod router;
pub mod secret_header;
pub mod sse;
pub mod state;
pub mod test_clock;
