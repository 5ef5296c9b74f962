//! The talent pool's consents (issue 15): the day each was given, renewing
//! it, and the mail asking to renew it once per consent. Membership itself
//! is the application's `talent_pool` flag (`ApplicationStore::
//! leave_talent_pool`); whether a consent still lasts, or its renewal is
//! due, is `candor_api::privacy`'s to say.

use async_trait::async_trait;
use candor_api::Day;

use super::applications::{APPLICATION_COLUMNS, application_from};
use super::mail::{NewMail, insert_mail};
use super::sql::{Backend, Tx, args};
use super::{ApplicationId, ApplicationRecord, CompanyId, SqlStore, StoreError};

#[async_trait]
pub trait TalentPoolStore: Send + Sync {
    /// The day the application's talent-pool consent was given, while its
    /// candidate is in the pool (also once it lapsed unrenewed: it may be
    /// renewed then); `None` if they never joined or left it.
    async fn pool_consent(&self, company: CompanyId, id: ApplicationId) -> Result<Option<Day>, StoreError>;

    /// Gives the consent again on `on`, for another year, and forgets that
    /// its renewal was asked; `false` (nothing changed) unless the candidate
    /// is in the pool and their data is still kept.
    async fn renew_pool_consent(&self, company: CompanyId, id: ApplicationId, on: Day) -> Result<bool, StoreError>;

    /// For every company (the sweep works for all): the pool's members whose
    /// consent was given from `given_from` to `given_by` and whose renewal
    /// was not asked yet, with their data and address still kept, each with the day
    /// its consent was given. Whether it is due is `privacy::
    /// pool_renewal_due`'s to say: this only narrows the search.
    async fn pool_renewals_unasked(
        &self,
        given_from: Day,
        given_by: Day,
    ) -> Result<Vec<(ApplicationRecord, Day)>, StoreError>;

    /// Marks the renewal of the consent given on `given` as asked, and keeps
    /// the mail that asks it, in one transaction; `false` and no mail if it
    /// was asked already, or the consent changed meanwhile (renewed, left).
    async fn ask_pool_renewal(
        &self,
        company: CompanyId,
        id: ApplicationId,
        given: Day,
        mail: &NewMail,
    ) -> Result<bool, StoreError>;
}

#[async_trait]
impl<B: Backend> TalentPoolStore for SqlStore<B> {
    async fn pool_consent(&self, company: CompanyId, id: ApplicationId) -> Result<Option<Day>, StoreError> {
        self.run(Tx::Auto, (company, id), |c, (company, id)| {
            Box::pin(async move {
                let row = c
                    .optional(
                        "SELECT pool_consent_on FROM applications \
                         WHERE company_id = $1 AND id = $2 AND talent_pool AND erased_at IS NULL",
                        args![*company, *id],
                    )
                    .await?;
                Ok(row.map(|row| row.get::<Option<Day>>(0)).transpose()?.flatten())
            })
        })
        .await
    }

    async fn renew_pool_consent(&self, company: CompanyId, id: ApplicationId, on: Day) -> Result<bool, StoreError> {
        self.run(Tx::Auto, (company, id, on), |c, (company, id, on)| {
            Box::pin(async move {
                let changed = c
                    .execute(
                        "UPDATE applications SET pool_consent_on = $3, pool_renewal_asked_at = NULL \
                         WHERE company_id = $1 AND id = $2 AND talent_pool \
                         AND erased_at IS NULL AND profile IS NOT NULL",
                        args![*company, *id, *on],
                    )
                    .await?;
                Ok(changed > 0)
            })
        })
        .await
    }

    async fn pool_renewals_unasked(
        &self,
        given_from: Day,
        given_by: Day,
    ) -> Result<Vec<(ApplicationRecord, Day)>, StoreError> {
        self.run(Tx::Read, (given_from, given_by), |c, (given_from, given_by)| {
            Box::pin(async move {
                let sql = format!(
                    "SELECT {APPLICATION_COLUMNS}, a.pool_consent_on FROM applications a \
                     WHERE a.talent_pool AND a.pool_consent_on >= $1 AND a.pool_consent_on <= $2 AND a.pool_renewal_asked_at IS NULL \
                     AND a.erased_at IS NULL AND a.profile IS NOT NULL AND a.email IS NOT NULL ORDER BY a.id"
                );
                c.all_as(&sql, args![*given_from, *given_by], |row| Ok((application_from(row)?, row.get(10)?))).await
            })
        })
        .await
    }

    async fn ask_pool_renewal(
        &self,
        company: CompanyId,
        id: ApplicationId,
        given: Day,
        mail: &NewMail,
    ) -> Result<bool, StoreError> {
        self.run(Tx::Write, (company, id, given, mail.clone()), |c, (company, id, given, mail)| {
            Box::pin(async move {
                let marked = c
                    .execute(
                        "UPDATE applications SET pool_renewal_asked_at = $4 \
                         WHERE company_id = $1 AND id = $2 AND talent_pool AND pool_consent_on = $3 \
                         AND pool_renewal_asked_at IS NULL",
                        args![*company, *id, *given, mail.created_at],
                    )
                    .await?;
                if marked == 0 {
                    return Ok(false);
                }
                insert_mail(c, mail, Some(*id)).await
            })
        })
        .await
    }
}
