//! The talent pool's consents (issue 15): the day each was given, renewing
//! it, the mail asking to renew it once per consent, and what a member
//! asked to hear of when a posting opens. Membership itself
//! is the application's `talent_pool` flag (`ApplicationStore::
//! leave_talent_pool`); whether a consent still lasts, or its renewal is
//! due, is `candor_api::privacy`'s to say.

use async_trait::async_trait;
use candor_api::Day;
use candor_api::pool_alerts::PoolAlerts;

use super::applications::{APPLICATION_COLUMNS, application_from};
use super::mail::{NewMail, insert_mail};
use super::sql::{Backend, Json, Tx, Value, args};
use super::{ApplicationId, ApplicationRecord, CompanyId, PostingId, SqlStore, StoreError};

/// A pool member's consent and choice of mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolConsent {
    /// The day it was given (or last renewed).
    pub on: Day,
    pub alerts: Option<PoolAlerts>,
}

/// A member who may be owed a mail of a posting that opened.
#[derive(Debug, Clone)]
pub struct PoolAlertCandidate {
    pub record: ApplicationRecord,
    pub consent_on: Day,
    pub alerts: PoolAlerts,
    /// The day they chose it.
    pub chosen_on: Day,
    pub posting: PostingId,
}

#[async_trait]
pub trait TalentPoolStore: Send + Sync {
    /// The day the application's talent-pool consent was given, while its
    /// candidate is in the pool (also once it lapsed unrenewed: it may be
    /// renewed then); `None` if they never joined or left it.
    async fn pool_consent(&self, company: CompanyId, id: ApplicationId) -> Result<Option<PoolConsent>, StoreError>;

    /// Keeps what a member asked to hear of (`None`: nothing), made on
    /// `on`; `false` (nothing changed) unless they are in the pool and
    /// their data is still kept.
    async fn set_pool_alerts(
        &self,
        company: CompanyId,
        id: ApplicationId,
        alerts: Option<&PoolAlerts>,
        on: Day,
    ) -> Result<bool, StoreError>;

    /// For every company: each member with a choice of alerts, with each of
    /// their company's open postings published from `since` and from the
    /// day they chose, of which no mail was kept for them yet (none under
    /// [`pool_alert_key`]). Whether one is owed is `privacy::
    /// pool_alert_due`'s to say: this only narrows the search.
    async fn pool_alert_candidates(&self, since: Day) -> Result<Vec<PoolAlertCandidate>, StoreError>;

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

/// The key that keeps a member's mail of one posting to one.
pub fn pool_alert_key(application: ApplicationId, posting: PostingId) -> String {
    format!("pool-alert:{}:{}", application.0, posting.0)
}

#[async_trait]
impl<B: Backend> TalentPoolStore for SqlStore<B> {
    async fn pool_consent(&self, company: CompanyId, id: ApplicationId) -> Result<Option<PoolConsent>, StoreError> {
        self.run(Tx::Auto, (company, id), |c, (company, id)| {
            Box::pin(async move {
                let row = c
                    .optional(
                        "SELECT pool_consent_on, pool_alerts FROM applications \
                         WHERE company_id = $1 AND id = $2 AND talent_pool AND erased_at IS NULL",
                        args![*company, *id],
                    )
                    .await?;
                let Some(row) = row else { return Ok(None) };
                let Some(on) = row.get::<Option<Day>>(0)? else { return Ok(None) };
                let alerts = row.get::<Option<Json<PoolAlerts>>>(1)?.map(|Json(a)| a);
                Ok(Some(PoolConsent { on, alerts }))
            })
        })
        .await
    }

    async fn set_pool_alerts(
        &self,
        company: CompanyId,
        id: ApplicationId,
        alerts: Option<&PoolAlerts>,
        on: Day,
    ) -> Result<bool, StoreError> {
        let alerts = alerts.map(Value::json).transpose()?.unwrap_or(Value::Null);
        let day = if matches!(alerts, Value::Null) { Value::Null } else { Value::from(on) };
        self.run(Tx::Auto, (company, id, alerts, day), |c, (company, id, alerts, day)| {
            Box::pin(async move {
                let changed = c
                    .execute(
                        "UPDATE applications SET pool_alerts = $3, pool_alerts_on = $4 \
                         WHERE company_id = $1 AND id = $2 AND talent_pool \
                         AND erased_at IS NULL AND profile IS NOT NULL",
                        &[Value::from(*company), Value::from(*id), alerts.clone(), day.clone()],
                    )
                    .await?;
                Ok(changed > 0)
            })
        })
        .await
    }

    async fn pool_alert_candidates(&self, since: Day) -> Result<Vec<PoolAlertCandidate>, StoreError> {
        self.run(Tx::Read, since, |c, since| {
            Box::pin(async move {
                // The key as `pool_alert_key` writes it; `||` joins text on both.
                let sql = format!(
                    "SELECT {APPLICATION_COLUMNS}, a.pool_consent_on, a.pool_alerts, a.pool_alerts_on, p.id \
                     FROM applications a JOIN postings p ON p.company_id = a.company_id \
                     WHERE a.talent_pool AND a.pool_alerts IS NOT NULL AND a.pool_consent_on IS NOT NULL \
                     AND a.erased_at IS NULL AND a.profile IS NOT NULL AND a.email IS NOT NULL \
                     AND p.status = 'open' AND p.published_on >= $1 AND p.published_on >= a.pool_alerts_on \
                     AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.once_key = \
                         'pool-alert:' || CAST(a.id AS TEXT) || ':' || CAST(p.id AS TEXT)) \
                     ORDER BY a.id, p.id"
                );
                c.all_as(&sql, args![*since], |row| {
                    let Json(alerts) = row.get(11)?;
                    Ok(PoolAlertCandidate {
                        record: application_from(row)?,
                        consent_on: row.get(10)?,
                        alerts,
                        chosen_on: row.get(12)?,
                        posting: row.get(13)?,
                    })
                })
                .await
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
