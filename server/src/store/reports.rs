//! Progress reports: the plan a posting was published with, the links its
//! report is shared by (each for one named reader, found by its secret's
//! selector), the recruiters' notes on it and the readers' replies, which
//! wait in the console's inbox until someone marks them seen.

use async_trait::async_trait;
use candor_api::audit::{AuditAction, SubjectKind};
use candor_api::reports::{Note, NoteKind, Plan, Reply, ShareLink, Shows};
use candor_api::{Day, Locale};
use time::OffsetDateTime;

use super::audit::{Actor, audit_change};
use super::mail::{NewMail, insert_mail};
use super::sql::{Backend, Conn, Json, Row, Tx, Value, args};
use super::{CompanyId, PostingId, ReportLinkId, ReportNoteId, ReportReplyId, SqlStore, StoreError};
use crate::clock::rfc3339;

/// A link being made: what is kept of it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReportLink {
    pub company: CompanyId,
    pub posting: PostingId,
    pub name: String,
    pub email: String,
    pub shows: Shows,
    pub locale: Locale,
    /// What its secret is derived from (`auth::tokens::TokenKey::report_token`).
    pub seed: Vec<u8>,
    pub selector: String,
    pub verifier: Vec<u8>,
    /// The name of who made it: a person, or an API token.
    pub created_by: String,
    pub created_at: OffsetDateTime,
    /// The last day it opens.
    pub expires_on: Day,
}

/// A link as stored: the row it belongs to and how the console lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportLinkRecord {
    pub id: ReportLinkId,
    pub company: CompanyId,
    pub posting: PostingId,
    pub seed: Vec<u8>,
    pub verifier: Vec<u8>,
    pub link: ShareLink,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewReportNote {
    pub company: CompanyId,
    pub posting: PostingId,
    pub kind: NoteKind,
    pub body: String,
    /// The name of who wrote it.
    pub author: String,
    pub written_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewReportReply {
    pub company: CompanyId,
    /// The link its reader holds: the reply is theirs.
    pub link: ReportLinkId,
    pub note: ReportNoteId,
    pub body: String,
    pub written_at: OffsetDateTime,
}

/// A reader's reply waiting in the inbox, with the note it answers.
#[derive(Debug, Clone, PartialEq)]
pub struct UnseenReply {
    pub id: ReportReplyId,
    pub posting: PostingId,
    pub note_kind: NoteKind,
    pub note: String,
    /// The link's reader.
    pub by: String,
    pub body: String,
    pub written_at: OffsetDateTime,
}

#[async_trait]
pub trait ReportStore: Send + Sync {
    /// The plan the company's posting was first published with; `None`
    /// for a draft, and for one published before plans were kept.
    async fn report_plan(&self, company: CompanyId, posting: PostingId) -> Result<Option<Plan>, StoreError>;

    /// Stores a link to the company's posting (`NotFound` for another
    /// company's), with the mail that brings it to its reader: both or
    /// neither. Kept in the audit log as made `by` them, by its reader's
    /// name and its posting's title, with it.
    async fn create_report_link(
        &self,
        link: &NewReportLink,
        mail: Option<NewMail>,
        by: Option<&Actor>,
    ) -> Result<ReportLinkRecord, StoreError>;

    /// The posting's links, newest first, revoked and expired ones included.
    async fn report_links(&self, company: CompanyId, posting: PostingId) -> Result<Vec<ReportLinkRecord>, StoreError>;

    /// By its secret's selector (the caller verifies the secret).
    async fn report_link_by_selector(&self, selector: &str) -> Result<Option<ReportLinkRecord>, StoreError>;

    /// Revokes one of the company's links (a revoked one keeps its first
    /// revocation time); `NotFound` for another company's. Kept in the
    /// audit log as revoked `by` them, labelled as when it was made, with
    /// the revocation: a link revoked already gets no second entry.
    async fn revoke_report_link(
        &self,
        company: CompanyId,
        id: ReportLinkId,
        at: OffsetDateTime,
        by: Option<&Actor>,
    ) -> Result<(), StoreError>;

    /// Notes that the link's reader opened the report at `at`.
    async fn report_link_opened(
        &self,
        company: CompanyId,
        id: ReportLinkId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Stores a note on the company's posting (`NotFound` for another
    /// company's) with the mails that tell of it (a warning's, to each
    /// reader), all or nothing.
    async fn create_report_note(&self, note: &NewReportNote, mails: Vec<NewMail>) -> Result<Note, StoreError>;

    /// The posting's notes, newest first, each with its replies oldest first.
    async fn report_notes(&self, company: CompanyId, posting: PostingId) -> Result<Vec<Note>, StoreError>;

    /// Stores a reader's reply to a note of the posting their link is for;
    /// `NotFound` for a note of another posting or company.
    async fn create_report_reply(&self, reply: &NewReportReply) -> Result<Reply, StoreError>;

    /// The company's replies no one has marked seen, newest first.
    async fn unseen_report_replies(&self, company: CompanyId) -> Result<Vec<UnseenReply>, StoreError>;

    /// Marks one of the company's replies seen (once: a second time keeps
    /// the first); `NotFound` for another company's.
    async fn mark_report_reply_seen(
        &self,
        company: CompanyId,
        id: ReportReplyId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Every company's links whose weekly summary is due on `day` and not
    /// kept yet (none under [`report_digest_key`]): live on `day` (not
    /// revoked, not past their last day), of an open posting, in a company
    /// whose summaries go out on `day`'s weekday. By company and posting.
    async fn report_digests_due(&self, day: Day) -> Result<Vec<ReportLinkRecord>, StoreError>;
}

/// The once-key of a link's weekly summary of `day`: one per link and day,
/// whatever the restarts and however many instances look.
pub fn report_digest_key(link: ReportLinkId, day: Day) -> String {
    format!("report-digest:{}:{day}", link.0)
}

/// Writes the plan of a posting that has just become open, unless it has
/// one: its stages as they are now, from the day it was published. In the
/// caller's transaction, after the status change.
pub(super) async fn keep_plan(c: &mut dyn Conn, posting: PostingId) -> Result<(), StoreError> {
    let row = c.optional("SELECT published_on FROM postings WHERE id = $1 AND plan IS NULL", args![posting]).await?;
    let Some(row) = row else { return Ok(()) };
    let opened_on: Day = row.get(0)?;
    let stages = c
        .query("SELECT name, expected_days FROM posting_stages WHERE posting_id = $1 ORDER BY position", args![posting])
        .await?
        .iter()
        .map(|r| Ok((r.get::<String>(0)?, r.get::<u16>(1)?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
    let plan = Plan::new(opened_on, &stages);
    c.execute("UPDATE postings SET plan = $2 WHERE id = $1", &[posting.into(), Value::json(&plan)?]).await?;
    Ok(())
}

macro_rules! select_link {
    ($filter:literal) => {
        concat!(
            "SELECT id, company_id, posting_id, name, email, shows, locale, seed, verifier_hash, created_at, \
             created_by, expires_on, last_opened_at, revoked_at FROM report_links WHERE ",
            $filter
        )
    };
}

fn link_from(row: &Row) -> Result<ReportLinkRecord, StoreError> {
    let id: ReportLinkId = row.get(0)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("report link {}: {what}", id.0));
    let shows: String = row.get(5)?;
    let locale: String = row.get(6)?;
    Ok(ReportLinkRecord {
        id,
        company: row.get(1)?,
        posting: row.get(2)?,
        seed: row.get(7)?,
        verifier: row.get(8)?,
        link: ShareLink {
            id: id.0,
            name: row.get(3)?,
            email: row.get(4)?,
            shows: Shows::parse(&shows).ok_or_else(|| corrupt("shows"))?,
            locale: Locale::parse(&locale).map_err(|_| corrupt("locale"))?,
            created_at: rfc3339(row.get(9)?),
            created_by: row.get(10)?,
            expires_on: row.get(11)?,
            last_opened_at: row.get::<Option<OffsetDateTime>>(12)?.map(rfc3339),
            revoked_at: row.get::<Option<OffsetDateTime>>(13)?.map(rfc3339),
        },
    })
}

fn kind_name(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Update => "update",
        NoteKind::Warning => "warning",
    }
}

fn kind_from(raw: &str) -> Result<NoteKind, StoreError> {
    match raw {
        "update" => Ok(NoteKind::Update),
        "warning" => Ok(NoteKind::Warning),
        _ => Err(StoreError::Corrupt(format!("report note kind {raw:?}"))),
    }
}

fn note_from(row: &Row) -> Result<Note, StoreError> {
    Ok(Note {
        id: row.get(0)?,
        kind: kind_from(&row.get::<String>(1)?)?,
        body: row.get(2)?,
        author: row.get(3)?,
        written_at: rfc3339(row.get(4)?),
        replies: Vec::new(),
    })
}

/// A write to one of the company's rows that changed none found none.
fn changed_one(changed: u64) -> Result<(), StoreError> {
    if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

/// A link in the audit log: its reader's name and its posting's title, as
/// they are in the transaction that makes or revokes it (never the
/// reader's address).
async fn link_label(c: &mut dyn Conn, id: ReportLinkId) -> Result<String, StoreError> {
    let sql = "SELECT l.name, p.title FROM report_links l JOIN postings p ON p.id = l.posting_id WHERE l.id = $1";
    let row = c.one(sql, args![id]).await?;
    Ok(format!("{} · {}", row.get::<String>(0)?, row.get::<String>(1)?))
}

#[async_trait]
impl<B: Backend> ReportStore for SqlStore<B> {
    async fn report_plan(&self, company: CompanyId, posting: PostingId) -> Result<Option<Plan>, StoreError> {
        self.run(Tx::Auto, (company, posting), |c, (company, posting)| {
            Box::pin(async move {
                let row = c
                    .optional("SELECT plan FROM postings WHERE id = $1 AND company_id = $2", args![*posting, *company])
                    .await?;
                Ok(match row {
                    Some(row) => row.get::<Option<Json<Plan>>>(0)?.map(|Json(plan)| plan),
                    None => None,
                })
            })
        })
        .await
    }

    async fn create_report_link(
        &self,
        link: &NewReportLink,
        mail: Option<NewMail>,
        by: Option<&Actor>,
    ) -> Result<ReportLinkRecord, StoreError> {
        self.run(Tx::Write, (link.clone(), mail, by.cloned()), |c, (l, mail, by)| {
            Box::pin(async move {
                // Only for a posting of the company it names.
                let sql = "INSERT INTO report_links (company_id, posting_id, name, email, shows, locale, seed, \
                           selector, verifier_hash, created_at, created_by, expires_on) \
                           SELECT company_id, id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 \
                           FROM postings WHERE id = $2 AND company_id = $1 RETURNING id";
                let args = args![
                    l.company,
                    l.posting,
                    &l.name,
                    &l.email,
                    l.shows.as_str(),
                    l.locale.tag(),
                    &l.seed,
                    &l.selector,
                    &l.verifier,
                    l.created_at,
                    &l.created_by,
                    l.expires_on,
                ];
                let id: ReportLinkId = c.optional(sql, args).await?.ok_or(StoreError::NotFound)?.get(0)?;
                if let Some(mail) = mail {
                    insert_mail(c, mail, None).await?;
                }
                if by.is_some() {
                    let label = link_label(c, id).await?;
                    let subject = (SubjectKind::ReportLink, id.0);
                    audit_change(c, l.company, by.as_ref(), l.created_at, AuditAction::ReportLinkMade, subject, label)
                        .await?;
                }
                link_from(&c.one(select_link!("id = $1"), args![id]).await?)
            })
        })
        .await
    }

    async fn report_links(&self, company: CompanyId, posting: PostingId) -> Result<Vec<ReportLinkRecord>, StoreError> {
        self.run(Tx::Auto, (company, posting), |c, (company, posting)| {
            Box::pin(async move {
                c.all_as(
                    select_link!("company_id = $1 AND posting_id = $2 ORDER BY created_at DESC, id DESC"),
                    args![*company, *posting],
                    link_from,
                )
                .await
            })
        })
        .await
    }

    async fn report_link_by_selector(&self, selector: &str) -> Result<Option<ReportLinkRecord>, StoreError> {
        self.run(Tx::Auto, selector.to_owned(), |c, selector| {
            Box::pin(async move { c.optional_as(select_link!("selector = $1"), args![selector], link_from).await })
        })
        .await
    }

    async fn revoke_report_link(
        &self,
        company: CompanyId,
        id: ReportLinkId,
        at: OffsetDateTime,
        by: Option<&Actor>,
    ) -> Result<(), StoreError> {
        self.run(Tx::Write, (company, id, at, by.cloned()), |c, (company, id, at, by)| {
            Box::pin(async move {
                let sql = "UPDATE report_links SET revoked_at = $3 WHERE id = $1 AND company_id = $2 \
                           AND revoked_at IS NULL";
                if c.execute(sql, args![*id, *company, *at]).await? == 0 {
                    let sql = "SELECT 1 FROM report_links WHERE id = $1 AND company_id = $2";
                    return c.optional(sql, args![*id, *company]).await?.map(|_| ()).ok_or(StoreError::NotFound);
                }
                if by.is_none() {
                    return Ok(());
                }
                let label = link_label(c, *id).await?;
                let subject = (SubjectKind::ReportLink, id.0);
                audit_change(c, *company, by.as_ref(), *at, AuditAction::ReportLinkRevoked, subject, label).await
            })
        })
        .await
    }

    async fn report_link_opened(
        &self,
        company: CompanyId,
        id: ReportLinkId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.run(Tx::Auto, (company, id, at), |c, (company, id, at)| {
            Box::pin(async move {
                let sql = "UPDATE report_links SET last_opened_at = $3 WHERE id = $1 AND company_id = $2";
                changed_one(c.execute(sql, args![*id, *company, *at]).await?)
            })
        })
        .await
    }

    async fn create_report_note(&self, note: &NewReportNote, mails: Vec<NewMail>) -> Result<Note, StoreError> {
        let tx = if mails.is_empty() { Tx::Auto } else { Tx::Write };
        self.run(tx, (note.clone(), mails), |c, (n, mails)| {
            Box::pin(async move {
                let sql = "INSERT INTO report_notes (company_id, posting_id, kind, body, author, written_at) \
                           SELECT company_id, id, $3, $4, $5, $6 FROM postings WHERE id = $2 AND company_id = $1 \
                           RETURNING id, kind, body, author, written_at";
                let args = args![n.company, n.posting, kind_name(n.kind), &n.body, &n.author, n.written_at];
                let note = note_from(&c.optional(sql, args).await?.ok_or(StoreError::NotFound)?)?;
                for mail in mails {
                    insert_mail(c, mail, None).await?;
                }
                Ok(note)
            })
        })
        .await
    }

    async fn report_notes(&self, company: CompanyId, posting: PostingId) -> Result<Vec<Note>, StoreError> {
        self.run(Tx::Read, (company, posting), |c, (company, posting)| {
            Box::pin(async move {
                let mut notes = c
                    .all_as(
                        "SELECT id, kind, body, author, written_at FROM report_notes \
                         WHERE company_id = $1 AND posting_id = $2 ORDER BY written_at DESC, id DESC",
                        args![*company, *posting],
                        note_from,
                    )
                    .await?;
                let replies = c
                    .all_as(
                        "SELECT r.note_id, r.id, r.body, l.name, r.written_at FROM report_replies r \
                         JOIN report_notes n ON n.id = r.note_id JOIN report_links l ON l.id = r.link_id \
                         WHERE n.company_id = $1 AND n.posting_id = $2 ORDER BY r.written_at, r.id",
                        args![*company, *posting],
                        |row| {
                            let note: i64 = row.get(0)?;
                            let at: OffsetDateTime = row.get(4)?;
                            Ok((note, Reply { id: row.get(1)?, body: row.get(2)?, by: row.get(3)?, at: rfc3339(at) }))
                        },
                    )
                    .await?;
                for (note, reply) in replies {
                    if let Some(n) = notes.iter_mut().find(|n| n.id == note) {
                        n.replies.push(reply);
                    }
                }
                Ok(notes)
            })
        })
        .await
    }

    async fn create_report_reply(&self, reply: &NewReportReply) -> Result<Reply, StoreError> {
        self.run(Tx::Write, reply.clone(), |c, r| {
            Box::pin(async move {
                // A note of the very posting, and company, the link is for.
                let sql = "INSERT INTO report_replies (company_id, note_id, link_id, body, written_at) \
                           SELECT n.company_id, n.id, l.id, $4, $5 FROM report_notes n \
                           JOIN report_links l ON l.posting_id = n.posting_id AND l.company_id = n.company_id \
                           WHERE n.company_id = $1 AND l.id = $2 AND n.id = $3 RETURNING id";
                let args = args![r.company, r.link, r.note, &r.body, r.written_at];
                let id: i64 = c.optional(sql, args).await?.ok_or(StoreError::NotFound)?.get(0)?;
                let by: String = c.one("SELECT name FROM report_links WHERE id = $1", args![r.link]).await?.get(0)?;
                Ok(Reply { id, body: r.body.clone(), by, at: rfc3339(r.written_at) })
            })
        })
        .await
    }

    async fn unseen_report_replies(&self, company: CompanyId) -> Result<Vec<UnseenReply>, StoreError> {
        self.run(Tx::Auto, company, |c, company| {
            Box::pin(async move {
                c.all_as(
                    "SELECT r.id, n.posting_id, n.kind, n.body, l.name, r.body, r.written_at FROM report_replies r \
                     JOIN report_notes n ON n.id = r.note_id JOIN report_links l ON l.id = r.link_id \
                     WHERE r.company_id = $1 AND r.seen_at IS NULL ORDER BY r.written_at DESC, r.id DESC",
                    args![*company],
                    |row| {
                        Ok(UnseenReply {
                            id: row.get(0)?,
                            posting: row.get(1)?,
                            note_kind: kind_from(&row.get::<String>(2)?)?,
                            note: row.get(3)?,
                            by: row.get(4)?,
                            body: row.get(5)?,
                            written_at: row.get(6)?,
                        })
                    },
                )
                .await
            })
        })
        .await
    }

    async fn mark_report_reply_seen(
        &self,
        company: CompanyId,
        id: ReportReplyId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.run(Tx::Auto, (company, id, at), |c, (company, id, at)| {
            Box::pin(async move {
                let sql = "UPDATE report_replies SET seen_at = COALESCE(seen_at, $3) WHERE id = $1 AND company_id = $2";
                changed_one(c.execute(sql, args![*id, *company, *at]).await?)
            })
        })
        .await
    }

    async fn report_digests_due(&self, day: Day) -> Result<Vec<ReportLinkRecord>, StoreError> {
        self.run(Tx::Auto, day, |c, day| {
            Box::pin(async move {
                // The key as `report_digest_key` writes it; `||` joins text
                // to a number on both backends.
                let sql = "SELECT l.id, l.company_id, l.posting_id, l.name, l.email, l.shows, l.locale, l.seed, \
                           l.verifier_hash, l.created_at, l.created_by, l.expires_on, l.last_opened_at, l.revoked_at \
                           FROM report_links l JOIN companies c ON c.id = l.company_id \
                           JOIN postings p ON p.id = l.posting_id AND p.company_id = l.company_id \
                           WHERE c.report_digest_weekday = $2 AND p.status = 'open' \
                           AND l.revoked_at IS NULL AND l.expires_on >= $1 \
                           AND NOT EXISTS (SELECT 1 FROM outbox o \
                           WHERE o.once_key = 'report-digest:' || CAST(l.id AS TEXT) || ':' || $3) \
                           ORDER BY l.company_id, l.posting_id, l.id";
                let weekday = i64::from(day.iso_weekday());
                c.all_as(sql, args![*day, weekday, day.to_string()], link_from).await
            })
        })
        .await
    }
}
