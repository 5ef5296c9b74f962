//! The asker's side of mail: their question's private link, derived again
//! from what is stored, and the one mail that tells them it was answered
//! or declined, kept in the same transaction as the settlement.

use candor_api::translation::shown_in;
use time::OffsetDateTime;

use crate::auth::tokens::{QuestionToken, TokenKey};
use crate::http::state::AppState;
use crate::mail::About;
use crate::mail::questions::{Asker, Settled};
use crate::store::{Company, NewMail, Posting, QuestionRecord, Settlement};

/// The asker's token, derived again from the stored repeat key and time;
/// `None` for a question whose token was made otherwise (before issue 12,
/// from the client's address), which no mail can carry.
pub fn token_of(key: &TokenKey, q: &QuestionRecord) -> Option<QuestionToken> {
    let token = key.question_token(q.repeat_key.as_deref()?, q.asked_at);
    token.verifies(&q.token_verifier).then_some(token)
}

/// The mail telling the asker of `settlement`, if they left an address.
/// One that can't be composed is logged, and the settlement still stands.
pub fn settled_mail(
    app: &AppState,
    company: &Company,
    posting: &Posting,
    q: &QuestionRecord,
    settlement: &Settlement,
    at: OffsetDateTime,
) -> Option<NewMail> {
    let to = q.email.as_deref()?;
    let token = token_of(&TokenKey::of(&app.token_secret), q)?;
    let locale = q.locale.unwrap_or(company.public.default_locale);
    let shown = shown_in(&posting.detail, &posting.translations, locale);
    let asker = Asker {
        company: &company.public,
        posting_title: &shown.summary.title,
        locale,
        question: &q.text,
        link: app.mail.status_link(locale, &token.reveal()),
    };
    let settled = match settlement {
        Settlement::Answer(answer) => Settled::Answered(answer),
        Settlement::Decline(reason, message) => Settled::Declined(*reason, message),
    };
    let letter = asker.letter(&settled);
    let about = About { question: Some(q.id), ..About::default() };
    match app.mail.compose(company.id, about, to, &letter, at) {
        Ok(mail) => Some(mail),
        Err(e) => {
            tracing::warn!(kind = letter.kind.as_str(), error = %e, "a mail could not be composed");
            None
        }
    }
}
