//! What a company's progress-report links show unless their maker says
//! otherwise, and when their readers' weekly summary goes out: the part of
//! a company's settings (`company::CompanySettings::reports`) that the
//! reports themselves (`reports`) read too.

use serde::{Deserialize, Serialize};

use crate::rules::{FieldError, Invalid};

/// What a link's reader may see of the candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Shows {
    /// Figures only: no candidate is named anywhere in the report.
    #[default]
    Counts,
    /// The candidates' names with their stage, and who is waiting past a promise.
    Names,
}

impl Shows {
    pub const ALL: [Shows; 2] = [Shows::Counts, Shows::Names];

    pub fn as_str(self) -> &'static str {
        match self {
            Shows::Counts => "counts",
            Shows::Names => "names",
        }
    }

    pub fn parse(raw: &str) -> Option<Shows> {
        Shows::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// A company's settings for its reports (a part of its settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSettings {
    /// What a new link shows unless its maker picks otherwise.
    pub default_shows: Shows,
    /// The weekday the weekly summary goes out, ISO: 1 = Monday … 7 = Sunday.
    pub digest_weekday: u8,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings { default_shows: Shows::Counts, digest_weekday: 1 }
    }
}

impl ReportSettings {
    pub fn validate(&self) -> Result<ReportSettings, FieldError> {
        if !(1..=7).contains(&self.digest_weekday) {
            return Err(FieldError::new("digest_weekday", Invalid::NotAChoice));
        }
        Ok(*self)
    }
}
