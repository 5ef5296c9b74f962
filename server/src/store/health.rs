//! What an operator asks of the database: whether it answers with the
//! schema this binary expects (`/readyz`), how deep and how old the
//! outbox is and how the pool is used (`/metrics`). Counts and times only,
//! across every company: nothing about one.

use async_trait::async_trait;
use time::OffsetDateTime;

use super::sql::{Backend, PoolUse, Tx};
use super::{SqlStore, StoreError};

/// The mails still to go out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutboxDepth {
    pub pending: u64,
    /// When the oldest of them was written.
    pub oldest: Option<OffsetDateTime>,
}

/// The database's schema, against this binary's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schema {
    pub applied: i64,
    pub expected: i64,
}

impl Schema {
    /// A database an older binary migrated further is as good: migrations
    /// only add, and an upgrade rolls instances one by one.
    pub fn is_current(&self) -> bool {
        self.applied >= self.expected
    }
}

#[async_trait]
pub trait HealthStore: Send + Sync {
    /// The newest migration applied, read from the database (so it also
    /// says the database answers).
    async fn schema(&self) -> Result<Schema, StoreError>;

    async fn outbox_depth(&self) -> Result<OutboxDepth, StoreError>;

    fn pool_use(&self) -> PoolUse;
}

#[async_trait]
impl<B: Backend> HealthStore for SqlStore<B> {
    async fn schema(&self) -> Result<Schema, StoreError> {
        let applied = self
            .run(Tx::Auto, (), |c, ()| {
                Box::pin(async move {
                    let row = c.one("SELECT COALESCE(MAX(version), 0) FROM refinery_schema_history", &[]).await?;
                    row.get::<i64>(0)
                })
            })
            .await?;
        Ok(Schema { applied, expected: self.backend.latest_migration() })
    }

    async fn outbox_depth(&self) -> Result<OutboxDepth, StoreError> {
        self.run(Tx::Read, (), |c, ()| {
            Box::pin(async move {
                let count = c.one("SELECT COUNT(*) FROM outbox WHERE state = 'pending'", &[]).await?;
                // By id, the order mails are written in: `created_at` has
                // no index, and the oldest pending one is the first by id.
                let oldest = c
                    .optional("SELECT created_at FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 1", &[])
                    .await?;
                Ok(OutboxDepth {
                    pending: u64::try_from(count.get::<i64>(0)?).unwrap_or(0),
                    oldest: oldest.map(|row| row.get(0)).transpose()?,
                })
            })
        })
        .await
    }

    fn pool_use(&self) -> PoolUse {
        self.backend.pool_use()
    }
}

#[cfg(test)]
mod tests {
    use super::Schema;

    #[test]
    fn a_schema_is_current_from_the_binarys_newest_migration_on() {
        assert!(Schema { applied: 21, expected: 21 }.is_current());
        assert!(Schema { applied: 22, expected: 21 }.is_current(), "a newer binary migrated it further");
        assert!(!Schema { applied: 20, expected: 21 }.is_current());
        assert!(!Schema { applied: 0, expected: 21 }.is_current(), "an empty database");
    }
}
