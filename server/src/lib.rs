//! Candor's server: the JSON API, the console's sign-in, the widget's and
//! console's files, and the demo. ARCHITECTURE.md at the workspace root is
//! the map of these folders.

pub mod admin;
pub mod applications;
pub mod auth;
pub mod candidate_pages;
pub mod careers;
pub mod clock;
pub mod config;
pub mod demo;
pub mod http;
pub mod live;
pub mod mail;
pub mod openapi;
pub mod qa;
pub mod recruiting;
pub mod reports;
pub mod startup;
pub mod store;
