//! The audit log: who viewed, exported, erased, changed a role, or made a
//! token or a link (issue 15). Entries are only ever added; they go with
//! their company.
//!
//! A change's entry is kept in the change's own transaction: each write
//! that is audited takes who does it (`by: Option<&Actor>`) and writes its
//! entry with [`audit_change`], naming the subject from what it reads and
//! writes there, so that no change is kept without its entry and no entry
//! tells of a change that failed. A read has no transaction to join: its
//! entry ([`AuditStore::record_audit`]) is kept after the read and before
//! the answer, which the caller gives only once the entry is kept.

use async_trait::async_trait;
use candor_api::audit::{ActorKind, AuditAction, AuditEntry, COMMAND_LINE, SubjectKind};
use time::OffsetDateTime;

use super::sql::{Backend, Conn, Row, Tx, args};
use super::{CompanyId, SqlStore, StoreError, UserId};
use crate::clock::rfc3339;

/// Who did something, by the name they had then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub kind: ActorKind,
    /// The person's or the token's id.
    pub id: Option<i64>,
    pub name: String,
}

impl Actor {
    /// The candidate, by their private link: named by role, not by name,
    /// so that erasing them leaves no name behind.
    pub fn candidate() -> Actor {
        Actor { kind: ActorKind::Candidate, id: None, name: "candidate".into() }
    }

    /// Candor's own work (retention).
    pub fn system() -> Actor {
        Actor { kind: ActorKind::System, id: None, name: "Candor".into() }
    }

    /// An operator at the command line (`candor admin …`): Candor's own
    /// kind of actor, named by the command so the log tells it from retention.
    pub fn command_line() -> Actor {
        Actor { kind: ActorKind::System, id: None, name: COMMAND_LINE.into() }
    }
}

/// One thing done, to be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAudit {
    pub at: OffsetDateTime,
    pub actor: Actor,
    pub action: AuditAction,
    pub subject_kind: SubjectKind,
    pub subject_id: i64,
    /// A posting's title, or a person's, token's or reader's name: never an
    /// address, a message or a secret.
    pub subject_label: String,
}

/// Which entries to read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    /// Done by this person.
    pub actor: Option<UserId>,
    /// Older than this entry: the next page.
    pub before: Option<i64>,
}

#[async_trait]
pub trait AuditStore: Send + Sync {
    /// Keeps one entry for the company: for a read (a view, a download, an
    /// export), which has no change to go with. A change's entry goes in
    /// the change's own transaction instead (see the module's comment).
    async fn record_audit(&self, company: CompanyId, entry: &NewAudit) -> Result<(), StoreError>;

    /// The company's entries that pass `filter`, newest first, at most `limit`.
    async fn audit_log(
        &self,
        company: CompanyId,
        filter: AuditFilter,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError>;
}

fn entry_from(row: &Row) -> Result<AuditEntry, StoreError> {
    let id: i64 = row.get(0)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("audit entry {id}: {what}"));
    let actor_kind: String = row.get(2)?;
    let action: String = row.get(5)?;
    let subject_kind: String = row.get(6)?;
    Ok(AuditEntry {
        id,
        at: rfc3339(row.get(1)?),
        actor_kind: ActorKind::parse(&actor_kind).ok_or_else(|| corrupt("actor kind"))?,
        actor_id: row.get(3)?,
        actor_name: row.get(4)?,
        action: AuditAction::parse(&action).map_err(|_| corrupt("action"))?,
        subject_kind: SubjectKind::parse(&subject_kind).ok_or_else(|| corrupt("subject kind"))?,
        subject_id: row.get(7)?,
        subject_label: row.get(8)?,
    })
}

/// Keeps `entry` on the connection of the caller's transaction; `NotFound`
/// if there is no such company.
async fn insert_audit(c: &mut dyn Conn, company: CompanyId, e: &NewAudit) -> Result<(), StoreError> {
    let sql = "INSERT INTO audit_log (company_id, at, actor_kind, actor_id, actor_name, action, \
               subject_kind, subject_id, subject_label) \
               SELECT id, $2, $3, $4, $5, $6, $7, $8, $9 FROM companies WHERE id = $1";
    let args = args![
        company,
        e.at,
        e.actor.kind.as_str(),
        e.actor.id,
        &e.actor.name,
        e.action.as_str(),
        e.subject_kind.as_str(),
        e.subject_id,
        &e.subject_label
    ];
    if c.execute(sql, args).await? == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

/// Keeps, in the transaction of the change it tells of, that `by` did
/// `action` to the subject at `at`; nothing when no one is named (the
/// demo's seed and the store's own stories make their rows unaudited).
pub(super) async fn audit_change(
    c: &mut dyn Conn,
    company: CompanyId,
    by: Option<&Actor>,
    at: OffsetDateTime,
    action: AuditAction,
    subject: (SubjectKind, i64),
    label: String,
) -> Result<(), StoreError> {
    let Some(actor) = by else { return Ok(()) };
    let entry = NewAudit {
        at,
        actor: actor.clone(),
        action,
        subject_kind: subject.0,
        subject_id: subject.1,
        subject_label: label,
    };
    insert_audit(c, company, &entry).await
}

#[async_trait]
impl<B: Backend> AuditStore for SqlStore<B> {
    async fn record_audit(&self, company: CompanyId, entry: &NewAudit) -> Result<(), StoreError> {
        self.run(Tx::Auto, (company, entry.clone()), |c, (company, e)| {
            Box::pin(async move { insert_audit(c, *company, e).await })
        })
        .await
    }

    async fn audit_log(
        &self,
        company: CompanyId,
        filter: AuditFilter,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        self.run(Tx::Auto, (company, filter, limit), |c, (company, f, limit)| {
            Box::pin(async move {
                // A person is the actor only as a person: a token's id may
                // be the same number.
                let sql = "SELECT id, at, actor_kind, actor_id, actor_name, action, subject_kind, subject_id, \
                           subject_label FROM audit_log WHERE company_id = $1 \
                           AND (CAST($2 AS TEXT) IS NULL OR action = $2) \
                           AND (CAST($3 AS BIGINT) IS NULL OR (actor_kind = 'person' AND actor_id = $3)) \
                           AND (CAST($4 AS BIGINT) IS NULL OR id < $4) \
                           ORDER BY id DESC LIMIT $5";
                let args = args![*company, f.action.map(|a| a.as_str()), f.actor, f.before, *limit];
                c.all_as(sql, args, entry_from).await
            })
        })
        .await
    }
}
