//! An application's timeline as the server handles it: the application a
//! status token opens, where it stands now, and the one place an event is
//! appended (and the candidate's open streams told of it). The recruiters'
//! actions (`recruiting::applications`) append through here too.

use candor_api::privacy::{pool_consent_lasts, pool_consent_until, pool_renewable};
use candor_api::timeline::{self, ApplicationStatus, Event, EventKind, PostingRef, Progress};
use candor_api::translation::shown_in;
use candor_api::{Day, Locale};

use crate::auth::tokens::{IdempotencyKey, StatusToken, TokenKey};
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::mail::Letter;
use crate::mail::candidates::{Reader, Told};
use crate::mail::{About, wanted};
use crate::store::{ApplicationId, ApplicationRecord, Company, NewEvent, NewMail, Posting};

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
        let company = app.company_of(self.record.company).await?;
        let mail =
            to_candidate(app, &self.posting, &self.record, |to| event_mail(app, &company, &self.posting, to, &event));
        let added = app.store.append_event(self.record.company, self.record.id, next, &event, mail.as_ref()).await?;
        app.live.changed(self.record.id);
        if let Some(mail) = &mail {
            crate::mail::counted::written(mail.kind);
            app.mail.ring();
        }
        self.events.push(added);
        self.progress = timeline::derive(&self.posting.detail.stages, &self.events, app.clock.today());
        Ok(self)
    }

    /// Everything the status view shows.
    pub async fn status(self, app: &AppState) -> Result<ApplicationStatus, AppError> {
        let company = app.company_of(self.record.company).await?;
        let consent = match self.record.talent_pool {
            true => app.store.pool_consent(self.record.company, self.record.id).await?,
            false => None,
        };
        let today = app.clock.today();
        let mut status = application_status(&company, &self.posting, self.events, self.progress, self.record.locale);
        status.mail_updates = self.record.mail_updates;
        let given = consent.as_ref().map(|c| c.on);
        status.talent_pool_until = given.filter(|&given| pool_consent_lasts(given, today)).map(pool_consent_until);
        status.talent_pool_lapsed_on = given.filter(|&given| !pool_consent_lasts(given, today)).map(pool_consent_until);
        status.talent_pool_renewable = given.is_some_and(|given| pool_renewable(given, today));
        status.talent_pool_alerts = consent.and_then(|c| c.alerts);
        Ok(status)
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
        status.mail_updates = self.record.mail_updates;
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
        // A new application gets every step; a stored one says its own.
        mail_updates: true,
        talent_pool_until: None,
        talent_pool_renewable: false,
        talent_pool_lapsed_on: None,
        talent_pool_alerts: None,
    }
}

/// Everything the status view shows of `record`, derived as of today.
pub async fn status_of(app: &AppState, record: ApplicationRecord) -> Result<ApplicationStatus, AppError> {
    Current::of(app, record).await?.status(app).await
}

/// Who a candidate's mail goes to.
pub struct MailTo<'a> {
    pub name: &'a str,
    pub email: &'a str,
    /// The language they applied in.
    pub locale: Locale,
    pub token: &'a StatusToken,
    /// `None` for an application not stored yet (its acknowledgement).
    pub application: Option<ApplicationId>,
    pub updates_wanted: bool,
}

/// `write` given `record`'s candidate as a mail's addressee, with the
/// status link's token derived again from the application's key (to
/// `applied_to`); `None` for an erased application.
fn to_candidate<R>(
    app: &AppState,
    applied_to: &Posting,
    record: &ApplicationRecord,
    write: impl FnOnce(&MailTo) -> Option<R>,
) -> Option<R> {
    let (Some(profile), Some(key)) = (&record.profile, IdempotencyKey::parse(&record.idempotency_key)) else {
        return None;
    };
    let token = TokenKey::of(&app.token_secret).derive(applied_to.id, &key);
    write(&MailTo {
        name: &profile.name,
        email: &profile.email,
        locale: record.locale,
        token: &token,
        application: Some(record.id),
        updates_wanted: record.mail_updates,
    })
}

/// Who a mail about an application to a posting titled `posting_title`
/// (in the candidate's language) is written to, with their links.
pub fn reader<'a>(app: &AppState, company: &'a Company, posting_title: &'a str, to: &MailTo<'a>) -> Reader<'a> {
    Reader {
        company: &company.public,
        posting_title,
        name: to.name,
        locale: to.locale,
        status_link: app.mail.status_link(to.locale, &to.token.reveal()),
        stop_link: to.application.map(|id| app.mail.stop_link(id)),
    }
}

/// The mail that tells the candidate of `event`, if they hear of it: not
/// of what they did themselves, and only essential mail once they stopped
/// the updates. A mail that can't be composed (an address lettre refuses
/// though the rules took it) is logged, and the event still happens.
pub fn event_mail(
    app: &AppState,
    company: &Company,
    posting: &Posting,
    to: &MailTo,
    event: &NewEvent,
) -> Option<NewMail> {
    let shown = shown_in(&posting.detail, &posting.translations, to.locale);
    let stage_name = match &event.kind {
        EventKind::StageChanged { stage } => shown.stages.get(usize::from(*stage)).map(|s| s.name.as_str()),
        _ => None,
    };
    let reader = reader(app, company, &shown.summary.title, to);
    let told = Told { kind: &event.kind, message: &event.message, promised: event.promised, on: event.on, stage_name };
    let letter = reader.about(&told)?;
    if !wanted(letter.kind, to.updates_wanted) {
        return None;
    }
    let about = About { application: to.application, ..About::default() };
    match app.mail.compose(company.id, about, to.email, &letter, event.at) {
        Ok(mail) => Some(mail),
        Err(e) => {
            tracing::warn!(kind = letter.kind.as_str(), error = %e, "a mail could not be composed");
            None
        }
    }
}

/// A mail a sweep writes to `record`'s candidate about their application
/// to `applied_to` (the late promise's apology, the talent pool's renewal
/// and alerts): the status link's token derived again from the
/// application's key, the letter `write` makes for them in their language,
/// and its `once_key`. `None` for an erased application, or for a mail that
/// can't be composed (logged as `what`; the sweep goes on).
pub fn swept_mail(
    app: &AppState,
    company: &Company,
    applied_to: &Posting,
    record: &ApplicationRecord,
    what: &str,
    once_key: String,
    write: impl FnOnce(&Reader<'_>) -> Letter,
) -> Option<NewMail> {
    to_candidate(app, applied_to, record, |to| {
        let shown = shown_in(&applied_to.detail, &applied_to.translations, to.locale);
        let letter = write(&reader(app, company, &shown.summary.title, to));
        let about = About { application: to.application, ..About::default() };
        match app.mail.compose(company.id, about, to.email, &letter, app.clock.now()) {
            Ok(mail) => Some(NewMail { once_key: Some(once_key), ..mail }),
            Err(e) => {
                tracing::warn!(application = record.id.0, error = %e, "{what} could not be composed");
                None
            }
        }
    })
}
