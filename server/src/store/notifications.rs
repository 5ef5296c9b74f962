//! What mail each of a company's people chose to get of the work that
//! waits (`users.notify`), and who is to hear of it.

use async_trait::async_trait;
use candor_api::Day;
use candor_api::notifications::Notify;

use super::people::{user_columns, user_row};
use super::sql::{Backend, Tx, args};
use super::{CompanyId, SqlStore, StoreError, UserId, UserRecord};

#[async_trait]
pub trait NotifyStore: Send + Sync {
    /// The company's user's choice; `NotFound` if there is no such user.
    async fn notify(&self, company: CompanyId, user: UserId) -> Result<Notify, StoreError>;

    async fn set_notify(&self, company: CompanyId, user: UserId, notify: Notify) -> Result<(), StoreError>;

    /// The company's people who chose `notify`, by id.
    async fn notified(&self, company: CompanyId, notify: Notify) -> Result<Vec<UserRecord>, StoreError>;

    /// Everyone, of every company, who chose the digest and has no digest
    /// for `day` in the outbox yet (by its once-key, `digest:<user>:<day>`):
    /// for the one task that writes them for all companies, as the sender
    /// sends for all.
    async fn digest_due(&self, day: Day) -> Result<Vec<UserRecord>, StoreError>;
}

/// The once-key of user `user`'s digest for `day`: one per person and day,
/// across restarts and instances.
pub fn digest_key(user: UserId, day: Day) -> String {
    format!("digest:{}:{day}", user.0)
}

#[async_trait]
impl<B: Backend> NotifyStore for SqlStore<B> {
    async fn notify(&self, company: CompanyId, user: UserId) -> Result<Notify, StoreError> {
        self.run(Tx::Auto, (company, user), |c, (company, user)| {
            Box::pin(async move {
                let row = c
                    .optional("SELECT notify FROM users WHERE id = $1 AND company_id = $2", args![*user, *company])
                    .await?
                    .ok_or(StoreError::NotFound)?;
                let notify: String = row.get(0)?;
                Notify::parse(&notify).ok_or_else(|| StoreError::Corrupt(format!("user {}: notify", user.0)))
            })
        })
        .await
    }

    async fn set_notify(&self, company: CompanyId, user: UserId, notify: Notify) -> Result<(), StoreError> {
        self.run(Tx::Auto, (company, user, notify), |c, (company, user, notify)| {
            Box::pin(async move {
                let changed = c
                    .execute(
                        "UPDATE users SET notify = $3 WHERE id = $1 AND company_id = $2",
                        args![*user, *company, notify.as_str()],
                    )
                    .await?;
                if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
            })
        })
        .await
    }

    async fn notified(&self, company: CompanyId, notify: Notify) -> Result<Vec<UserRecord>, StoreError> {
        self.run(Tx::Auto, (company, notify), |c, (company, notify)| {
            Box::pin(async move {
                let sql = concat!(
                    "SELECT ",
                    user_columns!(),
                    " FROM users u WHERE u.company_id = $1 AND u.notify = $2 ORDER BY u.id"
                );
                c.all_as(sql, args![*company, notify.as_str()], user_row).await
            })
        })
        .await
    }

    async fn digest_due(&self, day: Day) -> Result<Vec<UserRecord>, StoreError> {
        self.run(Tx::Auto, day.to_string(), |c, day| {
            Box::pin(async move {
                // The key as `digest_key` writes it; `||` joins text to a
                // number on both backends.
                let sql = concat!(
                    "SELECT ",
                    user_columns!(),
                    " FROM users u WHERE u.notify = 'digest' AND NOT EXISTS (SELECT 1 FROM outbox o ",
                    "WHERE o.once_key = 'digest:' || CAST(u.id AS TEXT) || ':' || $1) ORDER BY u.id"
                );
                c.all_as(sql, args![day.as_str()], user_row).await
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_key_names_the_person_and_the_day() {
        assert_eq!(digest_key(UserId(7), Day::from_ymd(2027, 3, 1).unwrap()), "digest:7:2027-03-01");
    }
}
