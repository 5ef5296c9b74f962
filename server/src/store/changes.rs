//! What changed, told to the other instances on the same database, so that
//! a candidate's stream on one hears of a stage move made on another and a
//! company's cached settings go everywhere at once. Ids only (an
//! application, a question, a company), never content: each instance
//! reloads what it shows, through the same checks as any read.
//!
//! On PostgreSQL a change is a row of `live_changes` and a NOTIFY on
//! `candor_changes:<schema>`, written by one statement, so listeners hear it once it
//! has committed, and a listener that lost its connection reads what it
//! missed from the table by id (`changes_after`). SQLite serves one
//! instance: nothing travels, and these calls do nothing.

use super::sql::{Backend, Notices, Tx, args};
use super::{ApplicationId, CompanyId, QuestionId, SqlStore, StoreError};
use async_trait::async_trait;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// An application's timeline or the candidate's choices on it.
    Application(ApplicationId),
    /// A question was answered or declined.
    Question(QuestionId),
    /// A company's settings, origins or postings.
    Company(CompanyId),
}

impl Change {
    /// How a change is written in `live_changes` and in a notification.
    pub fn to_row(self) -> (&'static str, i64) {
        match self {
            Change::Application(id) => ("application", id.0),
            Change::Question(id) => ("question", id.0),
            Change::Company(id) => ("company", id.0),
        }
    }

    pub fn from_row(kind: &str, id: i64) -> Option<Change> {
        Some(match kind {
            "application" => Change::Application(ApplicationId(id)),
            "question" => Change::Question(QuestionId(id)),
            "company" => Change::Company(CompanyId(id)),
            _ => return None,
        })
    }
}

/// A change's place in `live_changes`: ids grow as changes are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChangeId(pub i64);

/// A change another instance made.
pub type Heard = (ChangeId, Change);

/// How many of the newest changes the table keeps: a listener that was
/// away for longer than this many changes reads only these. At the
/// launch-day rate in BENCHMARKS.md that is more than an hour.
pub const KEPT: i64 = 100_000;

/// The other instances' changes, as they commit, while the connection that
/// hears them lasts.
pub struct Listening(Notices);

impl Listening {
    /// The next change heard; `None` once the connection is lost.
    pub async fn next(&mut self) -> Option<Heard> {
        loop {
            let notice = self.0.next().await?;
            // A kind a newer binary writes is not this one's business.
            if let Some(change) = Change::from_row(&notice.kind, notice.ref_id) {
                return Some((ChangeId(notice.id), change));
            }
        }
    }
}

#[async_trait]
pub trait ChangeStore: Send + Sync {
    /// Tells the other instances, soon (in the background, in the order
    /// given). Does nothing on SQLite.
    fn publish(&self, change: Change);

    /// Resolves once every change published before is told (before the
    /// process exits: the publisher works in the background).
    async fn published(&self);

    /// Starts hearing the other instances' changes; `None` where there are
    /// no others (SQLite).
    async fn listen(&self) -> Result<Option<Listening>, StoreError>;

    /// The newest change's id (0 when there is none): where a listener
    /// that starts now has seen up to.
    async fn newest_change(&self) -> Result<ChangeId, StoreError>;

    /// The other instances' changes with ids after `after`, oldest first.
    async fn changes_after(&self, after: ChangeId) -> Result<Vec<Heard>, StoreError>;

    /// Drops all but the newest [`KEPT`] changes; how many went.
    async fn forget_old_changes(&self) -> Result<u64, StoreError>;

    /// Another instance changed `company`: what this one cached of its
    /// public reads goes.
    async fn changed_elsewhere(&self, company: CompanyId);
}

#[async_trait]
impl<B: Backend> ChangeStore for SqlStore<B> {
    fn publish(&self, change: Change) {
        let (kind, id) = change.to_row();
        self.backend.publish(kind, id);
    }

    async fn published(&self) {
        self.backend.published().await;
    }

    async fn listen(&self) -> Result<Option<Listening>, StoreError> {
        Ok(self.backend.listen().await?.map(Listening))
    }

    async fn newest_change(&self) -> Result<ChangeId, StoreError> {
        self.run(Tx::Auto, (), |c, ()| {
            Box::pin(async move {
                let row = c.one("SELECT COALESCE(MAX(id), 0) FROM live_changes", &[]).await?;
                Ok(ChangeId(row.get(0)?))
            })
        })
        .await
    }

    async fn changes_after(&self, after: ChangeId) -> Result<Vec<Heard>, StoreError> {
        self.run(Tx::Auto, (after, self.backend.instance()), |c, (after, instance)| {
            Box::pin(async move {
                let rows = c
                    .query(
                        "SELECT id, kind, ref_id FROM live_changes WHERE id > $1 AND instance <> $2 ORDER BY id",
                        args![after.0, *instance],
                    )
                    .await?;
                let mut heard = Vec::with_capacity(rows.len());
                for row in rows {
                    let kind: String = row.get(1)?;
                    // A kind a newer binary writes is not this one's business.
                    if let Some(change) = Change::from_row(&kind, row.get(2)?) {
                        heard.push((ChangeId(row.get(0)?), change));
                    }
                }
                Ok(heard)
            })
        })
        .await
    }

    async fn forget_old_changes(&self) -> Result<u64, StoreError> {
        self.run(Tx::Auto, (), |c, ()| {
            Box::pin(async move {
                Ok(c.execute(
                    "DELETE FROM live_changes WHERE id <= (SELECT MAX(id) FROM live_changes) - $1",
                    args![KEPT],
                )
                .await?)
            })
        })
        .await
    }

    async fn changed_elsewhere(&self, company: CompanyId) {
        if let Some(cache) = &self.cache {
            cache.forget_company(company).await;
            // Which origins it allows may have changed: few entries, rarely.
            cache.origins.invalidate_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_reads_back_as_it_was_written() {
        for change in
            [Change::Application(ApplicationId(7)), Change::Question(QuestionId(8)), Change::Company(CompanyId(9))]
        {
            let (kind, id) = change.to_row();
            assert_eq!(Change::from_row(kind, id), Some(change));
        }
        assert_eq!(Change::from_row("posting", 1), None, "a kind this binary doesn't know is skipped");
    }
}
