//! Candor's server: the JSON API, the widget's files, and the demo.

pub mod admin;
pub mod apply;
pub mod caching;
pub mod clock;
pub mod config;
pub mod console;
pub mod demo;
pub mod error;
pub mod extract;
pub mod inbox;
pub mod live;
pub mod metrics;
pub mod people;
pub mod posting_admin;
pub mod postings;
pub mod qa;
pub mod recruiter;
pub mod settings;
pub mod startup;
pub mod state;
pub mod status_page;
pub mod store;
pub mod tenancy;
pub mod timeline;
pub mod tokens;
pub mod widget_assets;
