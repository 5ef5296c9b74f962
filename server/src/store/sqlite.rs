//! The embedded default: SQLite through rusqlite, in WAL mode.
//!
//! rusqlite is synchronous, so each call runs on Tokio's blocking pool with a
//! connection from an r2d2 pool. r2d2 rather than deadpool-sqlite because the
//! latter checks every connection out with an extra query on an extra thread
//! hop, which doubled the cost of the cheapest reads; r2d2 with
//! `test_on_check_out(false)` costs one hop per call.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use async_trait::async_trait;
use candor_api::company::CompanySettings;
use candor_api::cv::CvInfo;
use candor_api::qa::QuestionState;
use candor_api::recruiting::{ApiTokenInfo, Role};
use candor_api::timeline::Event;
use candor_api::{
    Branding, CompanyPublic, CompanySlug, Day, HexColor, Locale, Origin, PostingDetail, PostingSlug, PostingSummary,
    QuestionKey, ScreeningQuestion, Stage,
};
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{
    ApiTokenRecord, ApplicationId, ApplicationRecord, Company, CompanyId, NewApplication, NewCompany, NewEvent,
    NewPasswordLink, NewQuestion, NewSession, NewUser, PasswordLinkRecord, Posting, PostingId, PostingRow,
    PostingStatus, QuestionId, QuestionRecord, QuestionScope, SessionRecord, Settlement, Store, StoreError, Submitted,
    UserId, UserRecord,
};

mod embedded {
    refinery::embed_migrations!("migrations/sqlite");
}

type Pool = r2d2::Pool<SqliteConnectionManager>;

pub struct SqliteStore {
    pool: Pool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub async fn open(path: &Path) -> anyhow::Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        // Per connection: foreign keys are off by default in SQLite; a
        // writer waits for another instead of failing at once; FULL makes
        // each commit durable before it is acknowledged (WAL's NORMAL could
        // lose the last commits on power loss, and an acknowledged
        // application must not vanish).
        let manager = SqliteConnectionManager::file(path).with_init(|c| {
            c.execute_batch("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;")
        });
        let path = path.to_owned();
        tokio::task::spawn_blocking(move || {
            let pool = r2d2::Pool::builder()
                .max_size(16)
                .test_on_check_out(false)
                .build(manager)
                .with_context(|| format!("opening SQLite database {}", path.display()))?;
            let mut conn = pool.get()?;
            // WAL is a property of the file: readers never block the writer.
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            anyhow::ensure!(mode.eq_ignore_ascii_case("wal"), "SQLite refused WAL mode (got {mode})");
            embedded::migrations::runner().run(&mut *conn).context("applying SQLite migrations")?;
            drop(conn);
            Ok(SqliteStore { pool })
        })
        .await?
    }

    async fn run<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().context("no SQLite connection available")?;
            f(&mut conn)
        })
        .await
        .context("SQLite task failed")?
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Backend(e.into())
    }
}

/// Turns a uniqueness violation into `Conflict(what)`, anything else into a backend error.
fn conflict_as(what: &'static str) -> impl FnOnce(rusqlite::Error) -> StoreError {
    move |e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Conflict(what),
        _ => e.into(),
    }
}

fn day(slug: &str, raw: &str) -> Result<Day, StoreError> {
    Day::parse(raw).map_err(|_| StoreError::Corrupt(format!("posting {slug:?}: date {raw:?}")))
}

/// The company matching `filter` (a WHERE clause over `companies`).
fn read_company(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Option<Company>, StoreError> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT id, slug, name, accent_color, font_family, logo_url, default_locale, \
             retention_days, silence_alarm_days FROM companies WHERE {filter}"
        ))?
        .query_row(args, |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, String>(6)?,
                row.get::<_, u32>(7)?,
                row.get::<_, u32>(8)?,
            ))
        })
        .optional()?;
    let Some((id, slug, name, accent, font_family, logo_url, locale, retention_days, silence_alarm_days)) = row else {
        return Ok(None);
    };
    let corrupt = |what: &str| StoreError::Corrupt(format!("company {slug:?}: {what}"));
    Ok(Some(Company {
        id: CompanyId(id),
        public: CompanyPublic {
            slug: CompanySlug::parse(&slug).map_err(|_| corrupt("slug"))?,
            name,
            branding: Branding {
                accent_color: HexColor::parse(&accent).map_err(|_| corrupt("accent_color"))?,
                font_family,
                logo_url,
            },
            default_locale: Locale::parse(&locale).map_err(|_| corrupt("default_locale"))?,
            retention_days,
        },
        silence_alarm_days,
    }))
}

/// The posting matching `filter` (a WHERE clause over `postings`) with its
/// process and questions, read in one transaction.
fn read_posting(
    conn: &mut Connection,
    filter: &str,
    args: impl rusqlite::Params,
) -> Result<Option<Posting>, StoreError> {
    let tx = conn.transaction()?;
    let found = tx
        .prepare_cached(&format!("SELECT id, status, description, {SUMMARY_COLUMNS} FROM postings WHERE {filter}"))?
        .query_row(args, |row| {
            let id: i64 = row.get(0)?;
            let status: String = row.get(1)?;
            let description: String = row.get(2)?;
            // The summary columns follow the first three.
            Ok((id, status, description, summary_row_offset(row, 3)))
        })
        .optional()?;
    let Some((id, status, description, summary)) = found else { return Ok(None) };
    let summary = summary?;
    let stages = tx
        .prepare_cached(
            "SELECT name, expected_days, description FROM posting_stages WHERE posting_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| Ok(Stage { name: r.get(0)?, expected_days: r.get(1)?, description: r.get(2)? }))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut stmt = tx.prepare_cached(
        "SELECT key, prompt, required, kind FROM screening_questions WHERE posting_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query([id])?;
    let mut screening_questions = Vec::new();
    while let Some(r) = rows.next()? {
        let corrupt = |what: &str| StoreError::Corrupt(format!("posting {}: question {what}", summary.slug));
        let key: String = r.get(0)?;
        let kind: String = r.get(3)?;
        screening_questions.push(ScreeningQuestion {
            key: QuestionKey::parse(&key).map_err(|_| corrupt("key"))?,
            prompt: r.get(1)?,
            required: r.get(2)?,
            kind: serde_json::from_str(&kind).map_err(|_| corrupt("kind"))?,
        });
    }
    drop(rows);
    drop(stmt);
    tx.commit()?;
    Ok(Some(Posting {
        id: PostingId(id),
        status: super::posting_status(&status)?,
        detail: PostingDetail { summary, description, stages, screening_questions },
    }))
}

/// The applications matching `filter` (a WHERE clause over `applications`).
fn read_applications(
    conn: &Connection,
    filter: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<ApplicationRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, company_id, posting_id, token_verifier, profile, answers, talent_pool, locale \
         FROM applications WHERE {filter}"
    ))?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let corrupt = |what: &str| StoreError::Corrupt(format!("application {id}: {what}"));
        let profile: Option<String> = r.get(4)?;
        let answers: Option<String> = r.get(5)?;
        let locale: String = r.get(7)?;
        out.push(ApplicationRecord {
            id: ApplicationId(id),
            company: CompanyId(r.get(1)?),
            posting: PostingId(r.get(2)?),
            token_verifier: r.get(3)?,
            profile: profile.map(|p| serde_json::from_str(&p)).transpose().map_err(|_| corrupt("profile"))?,
            answers: answers.map(|a| serde_json::from_str(&a)).transpose().map_err(|_| corrupt("answers"))?,
            talent_pool: r.get(6)?,
            locale: Locale::parse(&locale).map_err(|_| corrupt("locale"))?,
        });
    }
    Ok(out)
}

fn rfc3339(at: time::OffsetDateTime) -> Result<String, StoreError> {
    Ok(at.format(&time::format_description::well_known::Rfc3339).map_err(anyhow::Error::from)?)
}

fn parse_rfc3339(id: i64, text: Option<String>) -> Result<Option<time::OffsetDateTime>, StoreError> {
    text.map(|t| time::OffsetDateTime::parse(&t, &time::format_description::well_known::Rfc3339))
        .transpose()
        .map_err(|_| StoreError::Corrupt(format!("question {id}: a time")))
}

fn read_users(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Vec<UserRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, company_id, email, name, role, password_hash FROM users WHERE {filter}"
    ))?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (id, role): (i64, String) = (r.get(0)?, r.get(4)?);
        let role = Role::parse(&role).map_err(|_| StoreError::Corrupt(format!("user {id}: role {role:?}")))?;
        out.push(UserRecord {
            id: UserId(id),
            company: CompanyId(r.get(1)?),
            email: r.get(2)?,
            name: r.get(3)?,
            role,
            password_hash: r.get(5)?,
        });
    }
    Ok(out)
}

fn read_user(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Option<UserRecord>, StoreError> {
    Ok(read_users(conn, filter, args)?.into_iter().next())
}

fn read_questions(
    conn: &Connection,
    filter: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<QuestionRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, company_id, posting_id, token_verifier, text, name, asked_at, state, answer, answered_at, \
         decline_reason, decline_message, declined_at FROM questions WHERE {filter}"
    ))?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let state: String = r.get(7)?;
        out.push(QuestionRecord {
            id: QuestionId(id),
            company: CompanyId(r.get(1)?),
            posting: PostingId(r.get(2)?),
            token_verifier: r.get(3)?,
            text: r.get(4)?,
            name: r.get(5)?,
            asked_at: parse_rfc3339(id, Some(r.get(6)?))?.unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
            settled: super::settlement_from_columns(
                id,
                &state,
                r.get(8)?,
                parse_rfc3339(id, r.get(9)?)?,
                r.get(10)?,
                r.get(11)?,
                parse_rfc3339(id, r.get(12)?)?,
            )?,
        });
    }
    Ok(out)
}

fn event_from_row(row: &Row<'_>) -> Result<Event, StoreError> {
    let seq: i64 = row.get(0)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("event {seq}: {what}"));
    let on: String = row.get(2)?;
    let kind: String = row.get(3)?;
    let promised: Option<String> = row.get(5)?;
    Ok(Event {
        seq: u64::try_from(seq).map_err(|_| corrupt("seq"))?,
        at: row.get(1)?,
        on: Day::parse(&on).map_err(|_| corrupt("on_day"))?,
        kind: serde_json::from_str(&kind).map_err(|_| corrupt("kind"))?,
        message: row.get(4)?,
        promised: promised.map(|p| Day::parse(&p).map_err(|_| corrupt("promised"))).transpose()?,
    })
}

fn insert_event(
    tx: &rusqlite::Transaction<'_>,
    application: i64,
    seq: i64,
    event: &NewEvent,
) -> Result<(), StoreError> {
    let kind = serde_json::to_string(&event.kind).map_err(anyhow::Error::from)?;
    tx.execute(
        "INSERT INTO application_events (application_id, seq, at, on_day, kind, message, promised) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            application,
            seq,
            event.at_text()?,
            event.on.to_string(),
            kind,
            event.message,
            event.promised.map(|d| d.to_string())
        ],
    )?;
    Ok(())
}

/// The values of `super::POSTING_COLUMNS`, in their order.
fn posting_values(p: &PostingDetail) -> Vec<Box<dyn rusqlite::ToSql>> {
    let s = &p.summary;
    let salary = s.salary.as_ref();
    vec![
        Box::new(s.title.clone()),
        Box::new(s.department.clone()),
        Box::new(s.location.city.clone()),
        Box::new(s.location.country.clone()),
        Box::new(s.workplace.as_str()),
        Box::new(s.employment_type.as_str()),
        Box::new(s.teaser.clone()),
        Box::new(salary.map(|x| x.min)),
        Box::new(salary.map(|x| x.max)),
        Box::new(salary.map(|x| x.currency.clone())),
        Box::new(salary.map(|x| x.period.as_str())),
        Box::new(p.description.clone()),
        Box::new(s.closes_on.map(|d| d.to_string())),
    ]
}

/// A posting's stages and screening questions, in order.
fn write_process(tx: &rusqlite::Transaction<'_>, id: i64, p: &PostingDetail) -> Result<(), StoreError> {
    tx.execute("DELETE FROM posting_stages WHERE posting_id = ?1", [id])?;
    tx.execute("DELETE FROM screening_questions WHERE posting_id = ?1", [id])?;
    for (i, stage) in p.stages.iter().enumerate() {
        tx.execute(
            "INSERT INTO posting_stages (posting_id, position, name, expected_days, description) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, i as i64, stage.name, stage.expected_days, stage.description],
        )?;
    }
    for (i, q) in p.screening_questions.iter().enumerate() {
        let kind = serde_json::to_string(&q.kind).context("encoding a question kind")?;
        tx.execute(
            "INSERT INTO screening_questions (posting_id, position, key, prompt, required, kind) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, i as i64, q.key.as_str(), q.prompt, q.required, kind],
        )?;
    }
    Ok(())
}

const SUMMARY_COLUMNS: &str = "slug, title, department, city, country, workplace, employment_type, teaser, \
     salary_min, salary_max, salary_currency, salary_period, published_on, closes_on";

fn summary_from_row(row: &Row<'_>) -> Result<PostingSummary, StoreError> {
    summary_row_offset(row, 0)
}

#[async_trait]
impl Store for SqliteStore {
    async fn company_by_slug(&self, slug: &CompanySlug) -> Result<Option<Company>, StoreError> {
        let slug = slug.clone();
        self.run(move |conn| read_company(conn, "slug = ?1", params![slug.as_str()])).await
    }

    async fn company_by_id(&self, id: CompanyId) -> Result<Option<Company>, StoreError> {
        self.run(move |conn| read_company(conn, "id = ?1", params![id.0])).await
    }

    async fn company_postings(&self, company: CompanyId) -> Result<Vec<PostingRow>, StoreError> {
        self.run(move |conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT status, (SELECT count(*) FROM applications a WHERE a.posting_id = postings.id), {SUMMARY_COLUMNS} \
                 FROM postings WHERE company_id = ?1 ORDER BY published_on DESC, id DESC"
            ))?;
            let mut rows = stmt.query([company.0])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let status: String = row.get(0)?;
                let applications: i64 = row.get(1)?;
                out.push(PostingRow {
                    status: super::posting_status(&status)?,
                    applications: applications as u64,
                    summary: summary_row_offset(row, 2)?,
                });
            }
            Ok(out)
        })
        .await
    }

    async fn application_count(&self, posting: PostingId) -> Result<u64, StoreError> {
        self.run(move |conn| {
            let n: i64 = conn
                .prepare_cached("SELECT count(*) FROM applications WHERE posting_id = ?1")?
                .query_row([posting.0], |r| r.get(0))?;
            Ok(n as u64)
        })
        .await
    }

    async fn update_posting(
        &self,
        company: CompanyId,
        id: PostingId,
        posting: &PostingDetail,
        applications_seen: u64,
    ) -> Result<(), StoreError> {
        let p = posting.clone();
        self.run(move |conn| {
            // Immediate: no application can arrive between the count and the update.
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let applications: i64 =
                tx.query_row("SELECT count(*) FROM applications WHERE posting_id = ?1", [id.0], |r| r.get(0))?;
            if applications as u64 != applications_seen {
                return Err(StoreError::Conflict(super::CONFLICT_APPLIED_MEANWHILE));
            }
            let mut values: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(id.0), Box::new(company.0)];
            values.extend(posting_values(&p));
            let changed =
                tx.execute(&super::posting_update_sql(|n| format!("?{n}")), rusqlite::params_from_iter(values))?;
            if changed == 0 {
                return Err(StoreError::NotFound);
            }
            write_process(&tx, id.0, &p)?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn set_posting_status(
        &self,
        company: CompanyId,
        id: PostingId,
        from: PostingStatus,
        to: PostingStatus,
        on: Day,
    ) -> Result<(), StoreError> {
        self.run(move |conn| {
            let changed = conn.execute(
                "UPDATE postings SET status = ?4, \
                 published_on = CASE WHEN ?3 = 'draft' THEN ?5 ELSE published_on END \
                 WHERE id = ?1 AND company_id = ?2 AND status = ?3",
                params![id.0, company.0, from.as_str(), to.as_str(), on.to_string()],
            )?;
            if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
        })
        .await
    }

    async fn update_company(
        &self,
        id: CompanyId,
        settings: &CompanySettings,
        origins: &[Origin],
    ) -> Result<(), StoreError> {
        let (c, origins) = (settings.clone(), origins.to_vec());
        self.run(move |conn| {
            let tx = conn.transaction()?;
            let changed = tx.execute(
                "UPDATE companies SET name = ?2, accent_color = ?3, font_family = ?4, logo_url = ?5, default_locale = ?6, \
                 retention_days = ?7, silence_alarm_days = ?8 WHERE id = ?1",
                params![
                    id.0,
                    c.name,
                    c.branding.accent_color.as_str(),
                    c.branding.font_family,
                    c.branding.logo_url,
                    c.default_locale.tag(),
                    c.retention_days,
                    c.silence_alarm_days,
                ],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound);
            }
            tx.execute("DELETE FROM allowed_origins WHERE company_id = ?1", [id.0])?;
            for origin in &origins {
                tx.execute("INSERT INTO allowed_origins (company_id, origin) VALUES (?1, ?2)", params![id.0, origin.as_str()])?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn origins(&self, company: CompanyId) -> Result<Vec<Origin>, StoreError> {
        self.run(move |conn| {
            let mut stmt =
                conn.prepare_cached("SELECT origin FROM allowed_origins WHERE company_id = ?1 ORDER BY origin")?;
            let raw = stmt.query_map([company.0], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
            raw.iter()
                .map(|o| Origin::parse(o).map_err(|_| StoreError::Corrupt(format!("allowed origin {o:?}"))))
                .collect()
        })
        .await
    }

    async fn create_company(&self, company: &NewCompany) -> Result<CompanyId, StoreError> {
        let c = company.clone();
        self.run(move |conn| {
            let now = time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .context("formatting the time")?;
            conn.execute(
                "INSERT INTO companies (slug, name, accent_color, font_family, logo_url, default_locale, \
                 retention_days, silence_alarm_days, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    c.public.slug.as_str(),
                    c.public.name,
                    c.public.branding.accent_color.as_str(),
                    c.public.branding.font_family,
                    c.public.branding.logo_url,
                    c.public.default_locale.tag(),
                    c.public.retention_days,
                    c.silence_alarm_days,
                    now,
                ],
            )
            .map_err(conflict_as("company slug"))?;
            Ok(CompanyId(conn.last_insert_rowid()))
        })
        .await
    }

    async fn allow_origin(&self, company: CompanyId, origin: &Origin) -> Result<(), StoreError> {
        let origin = origin.clone();
        self.run(move |conn| {
            let changed = conn.execute(
                "INSERT INTO allowed_origins (company_id, origin) SELECT id, ?2 FROM companies WHERE id = ?1 \
                 ON CONFLICT DO NOTHING",
                params![company.0, origin.as_str()],
            )?;
            let exists: bool =
                conn.query_row("SELECT EXISTS (SELECT 1 FROM companies WHERE id = ?1)", [company.0], |r| r.get(0))?;
            if changed == 0 && !exists { Err(StoreError::NotFound) } else { Ok(()) }
        })
        .await
    }

    async fn is_origin_allowed(&self, company: &CompanySlug, origin: &Origin) -> Result<bool, StoreError> {
        let (company, origin) = (company.clone(), origin.clone());
        self.run(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM allowed_origins a JOIN companies c ON c.id = a.company_id \
                     WHERE c.slug = ?1 AND a.origin = ?2)",
                )?
                .query_row(params![company.as_str(), origin.as_str()], |r| r.get(0))?)
        })
        .await
    }

    async fn is_origin_allowed_anywhere(&self, origin: &Origin) -> Result<bool, StoreError> {
        let origin = origin.clone();
        self.run(move |conn| {
            Ok(conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM allowed_origins WHERE origin = ?1)")?
                .query_row([origin.as_str()], |r| r.get(0))?)
        })
        .await
    }

    async fn open_postings(&self, company: CompanyId) -> Result<Arc<Vec<PostingSummary>>, StoreError> {
        self.run(move |conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM postings WHERE company_id = ?1 AND status = 'open' \
                 ORDER BY published_on DESC, id"
            ))?;
            let mut rows = stmt.query([company.0])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(summary_from_row(row)?);
            }
            Ok(Arc::new(out))
        })
        .await
    }

    async fn posting(&self, company: CompanyId, slug: &PostingSlug) -> Result<Option<Posting>, StoreError> {
        let slug = slug.clone();
        self.run(move |conn| read_posting(conn, "company_id = ?1 AND slug = ?2", params![company.0, slug.as_str()]))
            .await
    }

    async fn posting_by_id(&self, id: PostingId) -> Result<Option<Posting>, StoreError> {
        self.run(move |conn| read_posting(conn, "id = ?1", params![id.0])).await
    }

    async fn create_posting(
        &self,
        company: CompanyId,
        posting: &PostingDetail,
        status: PostingStatus,
    ) -> Result<PostingId, StoreError> {
        let p = posting.clone();
        self.run(move |conn| {
            let tx = conn.transaction()?;
            let s = &p.summary;
            let mut values: Vec<Box<dyn rusqlite::ToSql>> = vec![
                Box::new(company.0),
                Box::new(s.slug.as_str().to_owned()),
                Box::new(status.as_str()),
                Box::new(s.published_on.to_string()),
            ];
            values.extend(posting_values(&p));
            tx.execute(&super::posting_insert_sql(|n| format!("?{n}")), rusqlite::params_from_iter(values))
                .map_err(conflict_as("posting slug"))?;
            let id = tx.last_insert_rowid();
            write_process(&tx, id, &p)?;
            tx.commit()?;
            Ok(PostingId(id))
        })
        .await
    }

    async fn secret(&self, name: &str, candidate: [u8; 32]) -> Result<[u8; 32], StoreError> {
        let name = name.to_owned();
        self.run(move |conn| {
            conn.execute(
                "INSERT INTO server_secrets (name, value) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![name, &candidate[..]],
            )?;
            let value: Vec<u8> =
                conn.query_row("SELECT value FROM server_secrets WHERE name = ?1", [&name], |r| r.get(0))?;
            value.try_into().map_err(|_| StoreError::Corrupt(format!("secret {name:?} is not 32 bytes")))
        })
        .await
    }

    async fn submit_application(&self, application: &NewApplication) -> Result<Submitted, StoreError> {
        let a = application.clone();
        self.run(move |conn| {
            // IMMEDIATE: take the write lock first, so two retries racing
            // can't both miss the other's row.
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let earlier: Option<(i64, Vec<u8>)> = tx
                .query_row(
                    "SELECT id, request_digest FROM applications WHERE posting_id = ?1 AND idempotency_key = ?2",
                    params![a.posting.0, a.idempotency_key],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((id, digest)) = earlier {
                return if digest == a.request_digest {
                    Ok(Submitted::Retry(ApplicationId(id)))
                } else {
                    Err(StoreError::Conflict(super::CONFLICT_IDEMPOTENCY))
                };
            }
            let profile = serde_json::to_string(&a.profile).map_err(anyhow::Error::from)?;
            let answers = serde_json::to_string(&a.answers).map_err(anyhow::Error::from)?;
            tx.execute(
                "INSERT INTO applications (company_id, posting_id, token_selector, token_verifier, idempotency_key, \
                 request_digest, email, profile, answers, talent_pool, locale, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    a.company.0,
                    a.posting.0,
                    a.token_selector,
                    a.token_verifier,
                    a.idempotency_key,
                    a.request_digest,
                    a.email_key,
                    profile,
                    answers,
                    a.talent_pool,
                    a.locale.tag(),
                    a.received.at_text()?,
                ],
            )
            .map_err(conflict_as(super::CONFLICT_EMAIL))?;
            let id = tx.last_insert_rowid();
            insert_event(&tx, id, 1, &a.received)?;
            tx.commit()?;
            Ok(Submitted::New(ApplicationId(id)))
        })
        .await
    }

    async fn application_by_selector(&self, selector: &str) -> Result<Option<ApplicationRecord>, StoreError> {
        let selector = selector.to_owned();
        self.run(move |conn| Ok(read_applications(conn, "token_selector = ?1", [&selector])?.pop())).await
    }

    async fn application_by_id(&self, id: ApplicationId) -> Result<Option<ApplicationRecord>, StoreError> {
        self.run(move |conn| Ok(read_applications(conn, "id = ?1", [id.0])?.pop())).await
    }

    async fn applications_of_posting(
        &self,
        posting: PostingId,
    ) -> Result<Vec<(ApplicationRecord, Vec<Event>)>, StoreError> {
        self.run(move |conn| {
            let tx = conn.transaction()?;
            let applications = read_applications(&tx, "posting_id = ?1 ORDER BY id", [posting.0])?;
            let mut stmt = tx.prepare_cached(
                "SELECT e.seq, e.at, e.on_day, e.kind, e.message, e.promised, e.application_id FROM application_events e \
                 JOIN applications a ON a.id = e.application_id WHERE a.posting_id = ?1 ORDER BY e.application_id, e.seq",
            )?;
            let mut rows = stmt.query([posting.0])?;
            let mut events: std::collections::HashMap<i64, Vec<Event>> = std::collections::HashMap::new();
            while let Some(row) = rows.next()? {
                events.entry(row.get(6)?).or_default().push(event_from_row(row)?);
            }
            drop(rows);
            drop(stmt);
            tx.commit()?;
            Ok(applications.into_iter().map(|a| { let e = events.remove(&a.id.0).unwrap_or_default(); (a, e) }).collect())
        })
        .await
    }

    async fn append_event(&self, id: ApplicationId, seq: u64, event: &NewEvent) -> Result<Event, StoreError> {
        let event = event.clone();
        self.run(move |conn| {
            let tx = conn.transaction()?;
            let seq_i64 = i64::try_from(seq).map_err(anyhow::Error::from)?;
            insert_event(&tx, id.0, seq_i64, &event).map_err(|e| match e {
                StoreError::Backend(inner)
                    if inner.downcast_ref::<rusqlite::Error>().and_then(|e| e.sqlite_error_code())
                        == Some(rusqlite::ErrorCode::ConstraintViolation) =>
                {
                    StoreError::Conflict(super::CONFLICT_EVENT)
                }
                other => other,
            })?;
            tx.commit()?;
            event.stored(seq)
        })
        .await
    }

    async fn erase_application(&self, id: ApplicationId, at: time::OffsetDateTime) -> Result<(), StoreError> {
        self.run(move |conn| {
            let at = at.format(&time::format_description::well_known::Rfc3339).map_err(anyhow::Error::from)?;
            let tx = conn.transaction()?;
            let changed = tx.execute(
                "UPDATE applications SET email = NULL, profile = NULL, answers = NULL, erased_at = ?2, \
                 token_selector = 'erased-' || id, idempotency_key = 'erased-' || id, request_digest = X'' \
                 WHERE id = ?1",
                params![id.0, at],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound);
            }
            tx.execute("UPDATE application_events SET message = '' WHERE application_id = ?1", [id.0])?;
            tx.execute("DELETE FROM application_cvs WHERE application_id = ?1", [id.0])?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn put_cv(
        &self,
        id: ApplicationId,
        file_name: &str,
        content: &[u8],
        at: time::OffsetDateTime,
    ) -> Result<(), StoreError> {
        let (file_name, content) = (file_name.to_owned(), content.to_vec());
        self.run(move |conn| {
            let at = at.format(&time::format_description::well_known::Rfc3339).map_err(anyhow::Error::from)?;
            conn.execute(
                "INSERT INTO application_cvs (application_id, file_name, content, uploaded_at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (application_id) DO UPDATE SET file_name = excluded.file_name, content = excluded.content, \
                 uploaded_at = excluded.uploaded_at",
                params![id.0, file_name, content, at],
            )?;
            Ok(())
        })
        .await
    }

    async fn cv(&self, id: ApplicationId) -> Result<Option<(CvInfo, Vec<u8>)>, StoreError> {
        self.run(move |conn| {
            Ok(conn
                .query_row("SELECT file_name, content FROM application_cvs WHERE application_id = ?1", [id.0], |r| {
                    let content: Vec<u8> = r.get(1)?;
                    Ok((CvInfo { file_name: r.get(0)?, size: content.len() as u64 }, content))
                })
                .optional()?)
        })
        .await
    }

    async fn cv_info(&self, id: ApplicationId) -> Result<Option<CvInfo>, StoreError> {
        self.run(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT file_name, length(content) FROM application_cvs WHERE application_id = ?1",
                    [id.0],
                    |r| Ok(CvInfo { file_name: r.get(0)?, size: r.get::<_, i64>(1)? as u64 }),
                )
                .optional()?)
        })
        .await
    }

    async fn create_api_token(
        &self,
        company: CompanyId,
        role: Role,
        name: &str,
        selector: &str,
        verifier: &[u8],
        created_by: Option<UserId>,
    ) -> Result<(), StoreError> {
        let (name, selector, verifier) = (name.to_owned(), selector.to_owned(), verifier.to_vec());
        self.run(move |conn| {
            let now = time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).map_err(anyhow::Error::from)?;
            conn.execute(
                "INSERT INTO api_tokens (company_id, role, name, selector, verifier, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![company.0, role.as_str(), name, selector, verifier, now, created_by.map(|u| u.0)],
            )?;
            Ok(())
        })
        .await
    }

    async fn api_token_by_selector(&self, selector: &str) -> Result<Option<ApiTokenRecord>, StoreError> {
        let selector = selector.to_owned();
        self.run(move |conn| {
            let row = conn
                .prepare_cached(
                    "SELECT company_id, role, verifier, revoked_at IS NOT NULL FROM api_tokens WHERE selector = ?1",
                )?
                .query_row([&selector], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Vec<u8>>(2)?, r.get::<_, bool>(3)?))
                })
                .optional()?;
            let Some((company, role, verifier, revoked)) = row else { return Ok(None) };
            let role = Role::parse(&role).map_err(|_| StoreError::Corrupt(format!("api token role {role:?}")))?;
            Ok(Some(ApiTokenRecord { company: CompanyId(company), role, verifier, revoked }))
        })
        .await
    }

    async fn api_tokens(&self, company: CompanyId) -> Result<Vec<ApiTokenInfo>, StoreError> {
        self.run(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT t.id, t.name, t.role, t.created_at, t.revoked_at, u.name FROM api_tokens t \
                 LEFT JOIN users u ON u.id = t.created_by WHERE t.company_id = ?1 ORDER BY t.id DESC",
            )?;
            let rows = stmt.query_map([company.0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (id, name, role, created_at, revoked_at, made_by) = row?;
                let role = Role::parse(&role).map_err(|_| StoreError::Corrupt(format!("api token {id}: role")))?;
                out.push(ApiTokenInfo { id, name, role, created_at, revoked_at, made_by });
            }
            Ok(out)
        })
        .await
    }

    async fn revoke_api_token(&self, company: CompanyId, id: i64, at: time::OffsetDateTime) -> Result<(), StoreError> {
        self.run(move |conn| {
            let changed = conn.execute(
                "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?3) WHERE id = ?1 AND company_id = ?2",
                params![id, company.0, rfc3339(at)?],
            )?;
            if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
        })
        .await
    }

    async fn create_user(&self, user: &NewUser) -> Result<UserId, StoreError> {
        let u = user.clone();
        self.run(move |conn| {
            conn.execute(
                "INSERT INTO users (company_id, email, name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![u.company.0, u.email.to_lowercase(), u.name, u.role.as_str(), u.password_hash, rfc3339(u.created_at)?],
            )
            .map_err(conflict_as(super::CONFLICT_USER))?;
            Ok(UserId(conn.last_insert_rowid()))
        })
        .await
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError> {
        let email = email.to_lowercase();
        self.run(move |conn| read_user(conn, "email = ?1", [&email])).await
    }

    async fn user_by_id(&self, id: UserId) -> Result<Option<UserRecord>, StoreError> {
        self.run(move |conn| read_user(conn, "id = ?1", [id.0])).await
    }

    async fn create_session(&self, session: &NewSession) -> Result<(), StoreError> {
        let s = session.clone();
        self.run(move |conn| {
            conn.execute(
                "INSERT INTO sessions (selector, verifier, user_id, csrf_token, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![s.selector, s.verifier, s.user.0, s.csrf_token, rfc3339(s.expires_at)?],
            )?;
            Ok(())
        })
        .await
    }

    async fn session_by_selector(&self, selector: &str) -> Result<Option<SessionRecord>, StoreError> {
        let selector = selector.to_owned();
        self.run(move |conn| {
            let row = conn
                .prepare_cached("SELECT verifier, user_id, csrf_token, expires_at FROM sessions WHERE selector = ?1")?
                .query_row([&selector], |r| {
                    Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
                })
                .optional()?;
            let Some((verifier, user, csrf_token, expires_at)) = row else { return Ok(None) };
            let expires_at = parse_rfc3339(user, Some(expires_at))?.unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
            Ok(Some(SessionRecord { verifier, user: UserId(user), csrf_token, expires_at }))
        })
        .await
    }

    async fn delete_session(&self, selector: &str) -> Result<(), StoreError> {
        let selector = selector.to_owned();
        self.run(move |conn| {
            conn.execute("DELETE FROM sessions WHERE selector = ?1", [&selector])?;
            Ok(())
        })
        .await
    }

    async fn users(&self, company: CompanyId) -> Result<Vec<UserRecord>, StoreError> {
        // Sorted here, not by the database: its collation differs per backend.
        let mut users = self.run(move |conn| read_users(conn, "company_id = ?1", [company.0])).await?;
        users.sort_by(|a, b| (a.name.to_lowercase(), a.id.0).cmp(&(b.name.to_lowercase(), b.id.0)));
        Ok(users)
    }

    async fn set_user_role(
        &self,
        company: CompanyId,
        id: UserId,
        role: Role,
        at: time::OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.run(move |conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let changed = tx.execute(
                concat!(
                    "UPDATE users SET role = ?3 WHERE id = ?1 AND company_id = ?2 AND (?3 = 'admin' OR role <> 'admin' OR ",
                    super::another_admin_remains!("?2", "?1"),
                    ")"
                ),
                params![id.0, company.0, role.as_str()],
            )?;
            if changed == 0 {
                return Err(StoreError::Conflict(super::CONFLICT_LAST_ADMIN));
            }
            for above in super::roles_above(role) {
                tx.execute(
                    "UPDATE api_tokens SET revoked_at = ?3 WHERE created_by = ?1 AND role = ?2 AND revoked_at IS NULL",
                    params![id.0, above, rfc3339(at)?],
                )?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn delete_user(&self, company: CompanyId, id: UserId, at: time::OffsetDateTime) -> Result<(), StoreError> {
        self.run(move |conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            tx.execute(
                "UPDATE api_tokens SET revoked_at = ?2 WHERE created_by = ?1 AND revoked_at IS NULL",
                params![id.0, rfc3339(at)?],
            )?;
            let changed = tx.execute(
                concat!(
                    "DELETE FROM users WHERE id = ?1 AND company_id = ?2 AND (role <> 'admin' OR ",
                    super::another_admin_remains!("?2", "?1"),
                    ")"
                ),
                params![id.0, company.0],
            )?;
            if changed == 0 {
                // Dropping the transaction rolls the revocations back too.
                return Err(StoreError::Conflict(super::CONFLICT_LAST_ADMIN));
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn create_password_link(&self, link: &NewPasswordLink) -> Result<(), StoreError> {
        let l = link.clone();
        self.run(move |conn| {
            conn.execute(
                "INSERT INTO password_links (selector, verifier, user_id, expires_at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (user_id) DO UPDATE SET selector = excluded.selector, verifier = excluded.verifier, \
                 expires_at = excluded.expires_at",
                params![l.selector, l.verifier, l.user.0, rfc3339(l.expires_at)?],
            )?;
            Ok(())
        })
        .await
    }

    async fn password_link(&self, selector: &str) -> Result<Option<PasswordLinkRecord>, StoreError> {
        let selector = selector.to_owned();
        self.run(move |conn| {
            let row = conn
                .prepare_cached("SELECT verifier, user_id, expires_at FROM password_links WHERE selector = ?1")?
                .query_row([&selector], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))
                .optional()?;
            let Some((verifier, user, expires_at)) = row else { return Ok(None) };
            let expires_at = parse_rfc3339(user, Some(expires_at))?.unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
            Ok(Some(PasswordLinkRecord { verifier, user: UserId(user), expires_at }))
        })
        .await
    }

    async fn use_password_link(&self, selector: &str, password_hash: &str) -> Result<(), StoreError> {
        let (selector, hash) = (selector.to_owned(), password_hash.to_owned());
        self.run(move |conn| {
            let tx = conn.transaction()?;
            let user: Option<i64> = tx
                .query_row("DELETE FROM password_links WHERE selector = ?1 RETURNING user_id", [&selector], |r| {
                    r.get(0)
                })
                .optional()?;
            let Some(user) = user else { return Err(StoreError::NotFound) };
            tx.execute("UPDATE users SET password_hash = ?2 WHERE id = ?1", params![user, hash])?;
            tx.execute("DELETE FROM sessions WHERE user_id = ?1", [user])?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn closings_with_message(&self, company: CompanyId, message: &str) -> Result<u64, StoreError> {
        let message = message.to_owned();
        self.run(move |conn| {
            let n: i64 = conn.query_row(
                "SELECT COUNT(*) FROM application_events e JOIN applications a ON a.id = e.application_id \
                 WHERE a.company_id = ?1 AND e.message = ?2 AND json_extract(e.kind, '$.closed') IS NOT NULL",
                params![company.0, message],
                |r| r.get(0),
            )?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
        .await
    }

    async fn create_question(&self, question: &NewQuestion) -> Result<QuestionId, StoreError> {
        let q = question.clone();
        self.run(move |conn| {
            conn.execute(
                "INSERT INTO questions (company_id, posting_id, token_selector, token_verifier, text, name, asked_at, state) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending')",
                params![q.company.0, q.posting.0, q.token_selector, q.token_verifier, q.text, q.name, rfc3339(q.asked_at)?],
            )?;
            Ok(QuestionId(conn.last_insert_rowid()))
        })
        .await
    }

    async fn question_by_selector(&self, selector: &str) -> Result<Option<QuestionRecord>, StoreError> {
        let selector = selector.to_owned();
        self.run(move |conn| Ok(read_questions(conn, "token_selector = ?1", [&selector])?.pop())).await
    }

    async fn question_by_id(&self, id: QuestionId) -> Result<Option<QuestionRecord>, StoreError> {
        self.run(move |conn| Ok(read_questions(conn, "id = ?1", [id.0])?.pop())).await
    }

    async fn questions(
        &self,
        scope: QuestionScope,
        state: Option<QuestionState>,
    ) -> Result<Vec<QuestionRecord>, StoreError> {
        let (column, id) = match scope {
            QuestionScope::Posting(p) => ("posting_id", p.0),
            QuestionScope::Company(c) => ("company_id", c.0),
        };
        let state = state.map(super::state_name);
        self.run(move |conn| {
            read_questions(
                conn,
                &format!("{column} = ?1 AND (?2 IS NULL OR state = ?2) ORDER BY asked_at, id"),
                params![id, state],
            )
        })
        .await
    }

    async fn settle_question(
        &self,
        id: QuestionId,
        settlement: &Settlement,
        at: time::OffsetDateTime,
    ) -> Result<(), StoreError> {
        let settlement = settlement.clone();
        self.run(move |conn| {
            let at = rfc3339(at)?;
            let (state, answer, answered, reason, message) = super::settlement_columns(&settlement);
            let (answered_at, declined_at) = if answered { (Some(&at), None) } else { (None, Some(&at)) };
            let changed = conn.execute(
                "UPDATE questions SET state = ?2, answer = ?3, answered_at = ?4, decline_reason = ?5, decline_message = ?6, \
                 declined_at = ?7 WHERE id = ?1 AND state = 'pending'",
                params![id.0, state, answer, answered_at, reason, message, declined_at],
            )?;
            if changed == 1 {
                return Ok(());
            }
            let exists: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM questions WHERE id = ?1)", [id.0], |r| r.get(0))?;
            Err(if exists { StoreError::Conflict(super::CONFLICT_QUESTION) } else { StoreError::NotFound })
        })
        .await
    }

    async fn application_events(&self, id: ApplicationId) -> Result<Vec<Event>, StoreError> {
        self.run(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT seq, at, on_day, kind, message, promised FROM application_events WHERE application_id = ?1 ORDER BY seq",
            )?;
            let mut rows = stmt.query([id.0])?;
            let mut events = Vec::new();
            while let Some(row) = rows.next()? {
                events.push(event_from_row(row)?);
            }
            Ok(events)
        })
        .await
    }
}

/// Reads the summary columns starting at column `offset`.
fn summary_row_offset(row: &Row<'_>, offset: usize) -> Result<PostingSummary, StoreError> {
    let slug: String = row.get(offset)?;
    let col = |i: usize| offset + i;
    let salary = match (row.get(col(8))?, row.get(col(9))?, row.get(col(10))?, row.get(col(11))?) {
        (Some(min), Some(max), Some(currency), Some(period)) => Some((min, max, currency, period)),
        _ => None,
    };
    let published_on = day(&slug, &row.get::<_, String>(col(12))?)?;
    let closes_on = row.get::<_, Option<String>>(col(13))?.map(|d| day(&slug, &d)).transpose()?;
    super::summary_from_columns(
        &slug,
        row.get(col(1))?,
        row.get(col(2))?,
        row.get(col(3))?,
        row.get(col(4))?,
        &row.get::<_, String>(col(5))?,
        &row.get::<_, String>(col(6))?,
        row.get(col(7))?,
        salary,
        published_on,
        closes_on,
    )
}
