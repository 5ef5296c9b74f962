//! Candor's wire types and the rules that make a value valid.
//!
//! One definition serves the widget, the console and the server: a rule lives
//! in a constructor here (`CompanySlug::parse`, `PostingQuery::parse`), so the
//! widget can show the very message the server would answer with.

pub mod apply;
pub mod audit;
pub mod board;
pub mod company;
pub mod console;
pub mod cv;
pub mod day;
pub mod error;
pub mod inbox;
pub mod json_resume;
pub mod links;
pub mod locale;
pub mod mail;
pub mod metrics;
pub mod notifications;
#[cfg(feature = "openapi")]
mod openapi;
pub mod origin;
pub mod pool_alerts;
pub mod posting_admin;
pub mod postings;
pub mod privacy;
pub mod profile;
pub mod qa;
pub mod recruiting;
pub mod report_settings;
pub mod reports;
pub mod rich_text;
pub mod rules;
pub mod slug;
pub mod timeline;
pub mod translation;
pub mod wallet;

pub use company::{Branding, CompanyPublic, HexColor};
pub use day::Day;
pub use error::{ApiError, ErrorBody};
pub use locale::Locale;
pub use origin::Origin;
pub use postings::{
    EmploymentType, Facets, Location, PayPeriod, PostingDetail, PostingList, PostingQuery, PostingSummary,
    QuestionKind, SalaryRange, ScreeningQuestion, Stage, Workplace,
};
pub use rules::{FieldError, Invalid};
pub use slug::{CompanySlug, PostingSlug, QuestionKey};
