//! What every handler can reach, and the lookups many of them start with.

use std::sync::Arc;

use candor_api::{CompanySlug, PostingSlug};

use super::caching::RenderedLists;
use super::error::AppError;
use crate::clock::Clock;
use crate::live::Live;
use crate::mail::Mailer;
use crate::store::{Company, CompanyId, Posting, PostingId, PostingStatus, Store};

/// The server's secret that status tokens are derived from (the `TokenKey`
/// of the auth folder does the deriving), kept in the database so that
/// every instance derives the same tokens. Held here as bytes, so that this
/// layer needs nothing from the layers above it.
#[derive(Clone)]
pub struct TokenSecret(pub [u8; 32]);

impl std::fmt::Debug for TokenSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenSecret(***)")
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub token_secret: TokenSecret,
    pub live: Live,
    pub rendered_lists: RenderedLists,
    /// How mail is made here (the outbox and its sender are the store's
    /// and `mail::sender`'s).
    pub mail: Arc<Mailer>,
}

impl AppState {
    /// A state whose mail links point at `http://localhost`, until
    /// [`AppState::with_mail`] says where the server is reached.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, token_secret: TokenSecret) -> Self {
        let mail = Mailer::new("http://localhost", None, false, &token_secret.0).expect("the default sender is valid");
        AppState {
            live: Live::shared(store.clone()),
            store,
            clock,
            token_secret,
            rendered_lists: RenderedLists::default(),
            mail: Arc::new(mail),
        }
    }

    pub fn with_mail(mut self, mail: Mailer) -> Self {
        self.mail = Arc::new(mail);
        self
    }

    /// The company a public request names, or the 404 every endpoint gives for it.
    pub async fn company_named(&self, slug: &CompanySlug) -> Result<Company, AppError> {
        self.store.company_by_slug(slug).await?.ok_or(AppError::CompanyNotFound)
    }

    /// The company's posting a request names, whatever its status.
    pub async fn posting_named(&self, company: CompanyId, slug: &PostingSlug) -> Result<Posting, AppError> {
        self.store.posting(company, slug).await?.ok_or(AppError::PostingNotFound)
    }

    /// A posting that a company's row refers to: its absence is a fault in
    /// the data, not the caller's.
    pub async fn posting_of(&self, company: CompanyId, id: PostingId) -> Result<Posting, AppError> {
        self.store
            .posting_by_id(company, id)
            .await?
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("posting {} of company {} is gone", id.0, company.0)))
    }

    /// The company a row refers to, likewise.
    pub async fn company_of(&self, id: CompanyId) -> Result<Company, AppError> {
        self.store.company(id).await?.ok_or_else(|| AppError::Internal(anyhow::anyhow!("company {} is gone", id.0)))
    }

    /// The published posting a public request names: open or closed (a
    /// closed posting's page and answers stay readable); a draft does not
    /// exist for the public.
    pub async fn published_posting(&self, company: CompanyId, slug: &PostingSlug) -> Result<Posting, AppError> {
        let posting = self.posting_named(company, slug).await?;
        if posting.status == PostingStatus::Draft { Err(AppError::PostingNotFound) } else { Ok(posting) }
    }
}
