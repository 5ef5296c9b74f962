//! What a candidate may take away: everything stored about their
//! application, as one JSON document (the GDPR right of access).

use serde::{Deserialize, Serialize};

use crate::apply::Answer;
use crate::cv::CvInfo;
use crate::locale::Locale;
use crate::profile::Profile;
use crate::timeline::{CompanyRef, Event, PostingRef};

/// `GET /api/v1/applications/{token}/export`: everything stored about an
/// application, for the candidate to keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Export {
    pub company: CompanyRef,
    pub posting: PostingRef,
    pub profile: Profile,
    pub answers: Vec<Answer>,
    pub talent_pool: bool,
    pub locale: Locale,
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cv: Option<CvInfo>,
    /// What the company does with it, and for how long.
    pub retention_days: u32,
}
