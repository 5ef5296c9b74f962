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
use candor_api::{
    Branding, CompanyPublic, CompanySlug, Day, HexColor, Locale, Origin, PostingDetail, PostingSlug, PostingSummary,
    QuestionKey, ScreeningQuestion, Stage,
};
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Company, CompanyId, NewCompany, Posting, PostingId, PostingStatus, Store, StoreError};

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

fn company_from_row(row: &Row<'_>) -> rusqlite::Result<(i64, String, String, String, Option<String>, Option<String>, String, u32, u32)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
    ))
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
        self.run(move |conn| {
            let row = conn
                .prepare_cached(
                    "SELECT id, slug, name, accent_color, font_family, logo_url, default_locale, \
                     retention_days, silence_alarm_days FROM companies WHERE slug = ?1",
                )?
                .query_row([slug.as_str()], company_from_row)
                .optional()?;
            let Some((id, slug, name, accent, font_family, logo_url, locale, retention_days, silence_alarm_days)) = row
            else {
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
                },
                retention_days,
                silence_alarm_days,
            }))
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
                    c.retention_days,
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
        self.run(move |conn| {
            let tx = conn.transaction()?;
            let found = tx
                .prepare_cached(&format!(
                    "SELECT id, status, description, {SUMMARY_COLUMNS} FROM postings WHERE company_id = ?1 AND slug = ?2"
                ))?
                .query_row(params![company.0, slug.as_str()], |row| {
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
                let corrupt = |what: &str| StoreError::Corrupt(format!("posting {slug}: question {what}"));
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
                status: PostingStatus::parse(&status)?,
                detail: PostingDetail { summary, description, stages, screening_questions },
            }))
        })
        .await
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
            let salary = s.salary.as_ref();
            tx.execute(
                "INSERT INTO postings (company_id, slug, status, title, department, city, country, workplace, \
                 employment_type, teaser, salary_min, salary_max, salary_currency, salary_period, description, \
                 published_on, closes_on) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                params![
                    company.0,
                    s.slug.as_str(),
                    status.as_str(),
                    s.title,
                    s.department,
                    s.location.city,
                    s.location.country,
                    s.workplace.as_str(),
                    s.employment_type.as_str(),
                    s.teaser,
                    salary.map(|x| x.min),
                    salary.map(|x| x.max),
                    salary.map(|x| x.currency.as_str()),
                    salary.map(|x| x.period.as_str()),
                    p.description,
                    s.published_on.to_string(),
                    s.closes_on.map(|d| d.to_string()),
                ],
            )
            .map_err(conflict_as("posting slug"))?;
            let id = tx.last_insert_rowid();
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
            tx.commit()?;
            Ok(PostingId(id))
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
