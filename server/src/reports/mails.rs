//! The reader's mails, composed for one link: its secret derived again
//! from the link's seed (it is never stored), the letter in the link's
//! language (`mail::reports`), the message made once to keep with what it
//! tells of. A mail that can't be composed is said in the log and left
//! out: the report itself is on the page.

use candor_api::reports::{Note, Report, ShareLink};
use time::OffsetDateTime;

use crate::auth::tokens::TokenKey;
use crate::http::state::AppState;
use crate::mail::reports::ReportReader;
use crate::mail::{About, Letter};
use crate::store::{Company, NewMail, ReportLinkRecord};

/// What a reader's mail is composed from: the company, the posting's
/// title as the report shows it, the link and the seed of its secret.
pub struct ForLink<'a> {
    pub company: &'a Company,
    pub posting_title: &'a str,
    pub link: &'a ShareLink,
    pub seed: &'a [u8],
}

impl<'a> ForLink<'a> {
    pub fn of(company: &'a Company, posting_title: &'a str, record: &'a ReportLinkRecord) -> Self {
        ForLink { company, posting_title, link: &record.link, seed: &record.seed }
    }

    /// The letter `write` makes for this link's reader, composed to keep.
    pub fn compose(
        &self,
        app: &AppState,
        at: OffsetDateTime,
        write: impl FnOnce(&ReportReader) -> Letter,
    ) -> Option<NewMail> {
        let token = TokenKey::of(&app.token_secret).report_token(self.seed);
        let reader = ReportReader {
            company: &self.company.public,
            posting_title: self.posting_title,
            link: self.link,
            url: app.mail.report_link(&token.reveal()),
        };
        let letter = write(&reader);
        match app.mail.compose(self.company.id, About::default(), &self.link.email, &letter, at) {
            Ok(mail) => Some(mail),
            Err(e) => {
                tracing::warn!(kind = letter.kind.as_str(), link = self.link.id, error = %e, "a report's mail could not be composed");
                None
            }
        }
    }
}

/// A warning's mail to each of `links` live today, the moment it is written.
pub fn warnings(
    app: &AppState,
    company: &Company,
    posting_title: &str,
    links: &[ReportLinkRecord],
    note: &Note,
    at: OffsetDateTime,
) -> Vec<NewMail> {
    let today = app.clock.today();
    links
        .iter()
        .filter(|record| record.link.is_live(today))
        .filter_map(|record| ForLink::of(company, posting_title, record).compose(app, at, |r| r.warning(note)))
        .collect()
}

/// The weekly summary of `report` for one link's reader.
pub fn digest(
    app: &AppState,
    company: &Company,
    record: &ReportLinkRecord,
    report: &Report,
    at: OffsetDateTime,
) -> Option<NewMail> {
    ForLink::of(company, &report.posting.title, record).compose(app, at, |r| r.digest(report))
}
