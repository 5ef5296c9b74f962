//! An application's timeline as the server handles it: the application a
//! status token opens, where it stands now, and the one place an event is
//! appended (and the candidate's open streams told of it). The recruiters'
//! actions (`recruiting::applications`) append through here too.

use candor_api::timeline::{self, ApplicationStatus, Event, EventKind, PostingRef, Progress};
use candor_api::translation::shown_in;
use candor_api::{Day, Locale};

use crate::auth::tokens::StatusToken;
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::store::{ApplicationRecord, Company, NewEvent, Posting};

/// The application a token opens. Unknown, malformed and wrong tokens are
/// all the same 404: nothing tells whether an application ever existed.
pub async fn find(app: &AppState, token: &str) -> Result<ApplicationRecord, AppError> {
    let token = StatusToken::parse(token).ok_or(AppError::ApplicationNotFound)?;
    let record = app.store.application_by_selector(&token.selector()).await?.ok_or(AppError::ApplicationNotFound)?;
    if token.verifies(&record.token_verifier) { Ok(record) } else { Err(AppError::ApplicationNotFound) }
}

/// An application with what its rules are checked against: its posting,
/// its history, and where that leaves it today.
pub struct Current {
    pub record: ApplicationRecord,
    pub posting: Posting,
    pub events: Vec<Event>,
    pub progress: Progress,
}

impl Current {
    pub async fn of(app: &AppState, record: ApplicationRecord) -> Result<Current, AppError> {
        let posting = app.posting_of(record.company, record.posting).await?;
        let events = app.store.application_events(record.company, record.id).await?;
        let progress = timeline::derive(&posting.detail.stages, &events, app.clock.today());
        Ok(Current { record, posting, events, progress })
    }

    /// The application a status token opens, as it stands.
    pub async fn opened_by(app: &AppState, token: &str) -> Result<Current, AppError> {
        Current::of(app, find(app, token).await?).await
    }

    /// Nothing more happens to a closed or withdrawn application.
    pub fn must_be_open(&self) -> Result<(), AppError> {
        if self.progress.is_open() { Ok(()) } else { Err(AppError::ApplicationClosed) }
    }

    /// Appends an event as the one after those read, refused
    /// (`changed_meanwhile`) if someone else's got there first, and tells
    /// the application's open streams.
    pub async fn append(
        mut self,
        app: &AppState,
        kind: EventKind,
        message: String,
        promised: Option<Day>,
    ) -> Result<Current, AppError> {
        let next = self.events.last().map_or(1, |e| e.seq + 1);
        let event = NewEvent { at: app.clock.now(), on: app.clock.today(), kind, message, promised };
        let added = app.store.append_event(self.record.company, self.record.id, next, &event).await?;
        app.live.changed(self.record.id);
        self.events.push(added);
        self.progress = timeline::derive(&self.posting.detail.stages, &self.events, app.clock.today());
        Ok(self)
    }

    /// Everything the status view shows.
    pub async fn status(self, app: &AppState) -> Result<ApplicationStatus, AppError> {
        let company = app.company_of(self.record.company).await?;
        Ok(application_status(&company, &self.posting, self.events, self.progress, self.record.locale))
    }

    /// The status as the company's recruiters read it: the posting's own
    /// words in the company's default language, which the console's stage
    /// list and messages are written in, whatever language the candidate
    /// applied in (the console says that language beside it).
    pub async fn status_for_recruiters(self, app: &AppState) -> Result<ApplicationStatus, AppError> {
        let company = app.company_of(self.record.company).await?;
        let default = company.public.default_locale;
        let mut status = application_status(&company, &self.posting, self.events, self.progress, default);
        status.locale = self.record.locale;
        Ok(status)
    }
}

/// Everything the status view shows of an application to `posting` with
/// this history and where it leaves it.
pub fn application_status(
    company: &Company,
    posting: &Posting,
    events: Vec<Event>,
    mut progress: Progress,
    locale: Locale,
) -> ApplicationStatus {
    // In the language the candidate applied in, where the posting has it.
    let shown = shown_in(&posting.detail, &posting.translations, locale);
    for (stage, named) in progress.stages.iter_mut().zip(&shown.stages) {
        stage.name.clone_from(&named.name);
    }
    ApplicationStatus {
        company: company.public.clone().into(),
        posting: PostingRef::from(&shown.summary),
        progress,
        events,
        locale,
    }
}

/// Everything the status view shows of `record`, derived as of today.
pub async fn status_of(app: &AppState, record: ApplicationRecord) -> Result<ApplicationStatus, AppError> {
    Current::of(app, record).await?.status(app).await
}
