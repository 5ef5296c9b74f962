//! The scale-out backend: PostgreSQL through tokio-postgres on a deadpool pool.

use std::str::FromStr;
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
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::{NoTls, Row, error::SqlState, types::Json, types::ToSql};

use super::{
    ApiTokenRecord, ApplicationId, ApplicationRecord, Company, CompanyId, NewApplication, NewCompany, NewEvent,
    NewPasswordLink, NewQuestion, NewSession, NewUser, PasswordLinkRecord, Posting, PostingId, PostingRow,
    PostingStatus, QuestionId, QuestionRecord, QuestionScope, SessionRecord, Settlement, Store, StoreError, Submitted,
    UserId, UserRecord,
};

mod embedded {
    refinery::embed_migrations!("migrations/postgres");
}

pub struct PostgresStore {
    pool: Pool,
}

impl PostgresStore {
    /// Connects (the URL may carry `options=-csearch_path=…` to pick a
    /// schema) and brings the schema up to date.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let config = tokio_postgres::Config::from_str(url).context("reading the PostgreSQL URL")?;
        // Fast recycling: a broken connection shows itself on first use,
        // and the query a "verified" checkout costs is not paid on every request.
        let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager).max_size(16).build().context("building the PostgreSQL pool")?;
        let mut client = pool.get().await.context("connecting to PostgreSQL")?;
        let client: &mut tokio_postgres::Client = &mut client;
        embedded::migrations::runner().run_async(client).await.context("applying PostgreSQL migrations")?;
        Ok(PostgresStore { pool })
    }

    async fn client(&self) -> Result<deadpool_postgres::Object, StoreError> {
        Ok(self.pool.get().await.context("no PostgreSQL connection available")?)
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        StoreError::Backend(e.into())
    }
}

fn conflict_as(what: &'static str) -> impl FnOnce(tokio_postgres::Error) -> StoreError {
    move |e| {
        if e.code() == Some(&SqlState::UNIQUE_VIOLATION) { StoreError::Conflict(what) } else { e.into() }
    }
}

fn to_date(day: Day) -> Result<time::Date, StoreError> {
    let month = time::Month::try_from(day.month()).context("month")?;
    Ok(time::Date::from_calendar_date(day.year(), month, day.day()).context("date")?)
}

fn from_date(slug: &str, date: time::Date) -> Result<Day, StoreError> {
    Day::from_ymd(date.year(), date.month() as u8, date.day())
        .ok_or_else(|| StoreError::Corrupt(format!("posting {slug:?}: date {date}")))
}

const SUMMARY_COLUMNS: &str = "slug, title, department, city, country, workplace, employment_type, teaser, \
     salary_min, salary_max, salary_currency, salary_period, published_on, closes_on";

/// Reads the summary columns starting at column `offset`.
fn summary_from_row(row: &Row, offset: usize) -> Result<PostingSummary, StoreError> {
    let col = |i: usize| offset + i;
    let slug: String = row.try_get(col(0))?;
    let salary = match (row.try_get(col(8))?, row.try_get(col(9))?, row.try_get(col(10))?, row.try_get(col(11))?) {
        (Some(min), Some(max), Some(currency), Some(period)) => Some((min, max, currency, period)),
        _ => None,
    };
    let published_on = from_date(&slug, row.try_get(col(12))?)?;
    let closes_on = row.try_get::<_, Option<time::Date>>(col(13))?.map(|d| from_date(&slug, d)).transpose()?;
    super::summary_from_columns(
        &slug,
        row.try_get(col(1))?,
        row.try_get(col(2))?,
        row.try_get(col(3))?,
        row.try_get(col(4))?,
        row.try_get(col(5))?,
        row.try_get(col(6))?,
        row.try_get(col(7))?,
        salary,
        published_on,
        closes_on,
    )
}

fn unsigned(slug: &str, what: &str, n: i32) -> Result<u32, StoreError> {
    u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("{slug:?}: {what} {n}")))
}

/// The values of `super::POSTING_COLUMNS`, in their order.
fn posting_values(p: &PostingDetail) -> Result<Vec<Box<dyn ToSql + Send + Sync>>, StoreError> {
    let s = &p.summary;
    let salary = s.salary.as_ref();
    Ok(vec![
        Box::new(s.title.clone()),
        Box::new(s.department.clone()),
        Box::new(s.location.city.clone()),
        Box::new(s.location.country.clone()),
        Box::new(s.workplace.as_str()),
        Box::new(s.employment_type.as_str()),
        Box::new(s.teaser.clone()),
        Box::new(salary.map(|x| i64::from(x.min))),
        Box::new(salary.map(|x| i64::from(x.max))),
        Box::new(salary.map(|x| x.currency.clone())),
        Box::new(salary.map(|x| x.period.as_str())),
        Box::new(p.description.clone()),
        Box::new(s.closes_on.map(to_date).transpose()?),
    ])
}

/// A posting's stages and screening questions, in order.
async fn write_process(
    tx: &deadpool_postgres::Transaction<'_>,
    id: i64,
    posting: &PostingDetail,
) -> Result<(), StoreError> {
    tx.execute("DELETE FROM posting_stages WHERE posting_id = $1", &[&id]).await?;
    tx.execute("DELETE FROM screening_questions WHERE posting_id = $1", &[&id]).await?;
    for (i, stage) in posting.stages.iter().enumerate() {
        tx.execute(
            "INSERT INTO posting_stages (posting_id, position, name, expected_days, description) \
             VALUES ($1, $2, $3, $4, $5)",
            &[&id, &(i as i32), &stage.name, &i32::from(stage.expected_days), &stage.description],
        )
        .await?;
    }
    for (i, q) in posting.screening_questions.iter().enumerate() {
        tx.execute(
            "INSERT INTO screening_questions (posting_id, position, key, prompt, required, kind) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[&id, &(i as i32), &q.key.as_str(), &q.prompt, &q.required, &Json(&q.kind)],
        )
        .await?;
    }
    Ok(())
}

/// A serialisable transaction that lost to a concurrent one: the other
/// change stands, as with any conflict.
fn serialisation_as_conflict(e: tokio_postgres::Error) -> StoreError {
    if e.code() == Some(&SqlState::T_R_SERIALIZATION_FAILURE) {
        StoreError::Conflict(super::CONFLICT_LAST_ADMIN)
    } else {
        e.into()
    }
}

type Params<'a> = &'a [&'a (dyn tokio_postgres::types::ToSql + Sync)];

/// The company matching `filter` (a WHERE clause over `companies`).
async fn read_company(
    client: &deadpool_postgres::ClientWrapper,
    filter: &str,
    args: Params<'_>,
) -> Result<Option<Company>, StoreError> {
    let stmt = client
        .prepare_cached(&format!(
            "SELECT id, slug, name, accent_color, font_family, logo_url, default_locale, retention_days, \
             silence_alarm_days FROM companies WHERE {filter}"
        ))
        .await?;
    let Some(row) = client.query_opt(&stmt, args).await? else { return Ok(None) };
    let slug: String = row.try_get(1)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("company {slug:?}: {what}"));
    Ok(Some(Company {
        id: CompanyId(row.try_get(0)?),
        public: CompanyPublic {
            slug: CompanySlug::parse(&slug).map_err(|_| corrupt("slug"))?,
            name: row.try_get(2)?,
            branding: Branding {
                accent_color: HexColor::parse(row.try_get(3)?).map_err(|_| corrupt("accent_color"))?,
                font_family: row.try_get(4)?,
                logo_url: row.try_get(5)?,
            },
            default_locale: Locale::parse(row.try_get(6)?).map_err(|_| corrupt("default_locale"))?,
            retention_days: unsigned(&slug, "retention_days", row.try_get(7)?)?,
        },
        silence_alarm_days: unsigned(&slug, "silence_alarm_days", row.try_get(8)?)?,
    }))
}

/// The posting matching `filter` (a WHERE clause over `postings`) with its
/// process and questions, read in one snapshot.
async fn read_posting(
    client: &mut deadpool_postgres::ClientWrapper,
    filter: &str,
    args: Params<'_>,
) -> Result<Option<Posting>, StoreError> {
    let tx = client.build_transaction().read_only(true).start().await?;
    let stmt = tx
        .prepare_cached(&format!("SELECT id, status, description, {SUMMARY_COLUMNS} FROM postings WHERE {filter}"))
        .await?;
    let Some(row) = tx.query_opt(&stmt, args).await? else { return Ok(None) };
    let id: i64 = row.try_get(0)?;
    let status = super::posting_status(row.try_get(1)?)?;
    let description: String = row.try_get(2)?;
    let summary = summary_from_row(&row, 3)?;
    let slug = summary.slug.clone();
    let stages = tx
        .query(
            "SELECT name, expected_days, description FROM posting_stages WHERE posting_id = $1 ORDER BY position",
            &[&id],
        )
        .await?
        .iter()
        .map(|r| {
            let days: i32 = r.try_get(1)?;
            Ok(Stage {
                name: r.try_get(0)?,
                expected_days: u16::try_from(days)
                    .map_err(|_| StoreError::Corrupt(format!("posting {slug}: stage days {days}")))?,
                description: r.try_get(2)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let screening_questions = tx
        .query(
            "SELECT key, prompt, required, kind FROM screening_questions WHERE posting_id = $1 ORDER BY position",
            &[&id],
        )
        .await?
        .iter()
        .map(|r| {
            let Json(kind) = r.try_get(3)?;
            Ok(ScreeningQuestion {
                key: QuestionKey::parse(r.try_get(0)?)
                    .map_err(|_| StoreError::Corrupt(format!("posting {slug}: question key")))?,
                prompt: r.try_get(1)?,
                required: r.try_get(2)?,
                kind,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    tx.commit().await?;
    Ok(Some(Posting {
        id: PostingId(id),
        status,
        detail: PostingDetail { summary, description, stages, screening_questions },
    }))
}

/// The applications matching `filter` (a WHERE clause over `applications`).
async fn read_applications(
    client: &impl deadpool_postgres::GenericClient,
    filter: &str,
    args: Params<'_>,
) -> Result<Vec<ApplicationRecord>, StoreError> {
    let stmt = client
        .prepare_cached(&format!(
            "SELECT id, company_id, posting_id, token_verifier, profile, answers, talent_pool, locale \
             FROM applications WHERE {filter}"
        ))
        .await?;
    client
        .query(&stmt, args)
        .await?
        .iter()
        .map(|row| {
            let id: i64 = row.try_get(0)?;
            let profile: Option<Json<candor_api::profile::Profile>> = row.try_get(4)?;
            let answers: Option<Json<Vec<candor_api::apply::Answer>>> = row.try_get(5)?;
            Ok(ApplicationRecord {
                id: ApplicationId(id),
                company: CompanyId(row.try_get(1)?),
                posting: PostingId(row.try_get(2)?),
                token_verifier: row.try_get(3)?,
                profile: profile.map(|Json(p)| p),
                answers: answers.map(|Json(a)| a),
                talent_pool: row.try_get(6)?,
                locale: Locale::parse(row.try_get(7)?)
                    .map_err(|_| StoreError::Corrupt(format!("application {id}: locale")))?,
            })
        })
        .collect()
}

fn user_from_row(r: &Row) -> Result<UserRecord, StoreError> {
    let id: i64 = r.try_get(0)?;
    let role: &str = r.try_get(4)?;
    let role = Role::parse(role).map_err(|_| StoreError::Corrupt(format!("user {id}: role {role:?}")))?;
    Ok(UserRecord {
        id: UserId(id),
        company: CompanyId(r.try_get(1)?),
        email: r.try_get(2)?,
        name: r.try_get(3)?,
        role,
        password_hash: r.try_get(5)?,
    })
}

const QUESTION_COLUMNS: &str = "id, company_id, posting_id, token_verifier, text, name, asked_at, state, answer, answered_at, \
     decline_reason, decline_message, declined_at";

fn question_from_row(r: &Row) -> Result<QuestionRecord, StoreError> {
    let id: i64 = r.try_get(0)?;
    let state: &str = r.try_get(7)?;
    Ok(QuestionRecord {
        id: QuestionId(id),
        company: CompanyId(r.try_get(1)?),
        posting: PostingId(r.try_get(2)?),
        token_verifier: r.try_get(3)?,
        text: r.try_get(4)?,
        name: r.try_get(5)?,
        asked_at: r.try_get(6)?,
        settled: super::settlement_from_columns(
            id,
            state,
            r.try_get(8)?,
            r.try_get(9)?,
            r.try_get(10)?,
            r.try_get(11)?,
            r.try_get(12)?,
        )?,
    })
}

fn event_from_row(row: &Row) -> Result<Event, StoreError> {
    let seq: i64 = row.try_get(0)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("event {seq}: {what}"));
    let at: time::OffsetDateTime = row.try_get(1)?;
    let Json(kind) = row.try_get(3)?;
    Ok(Event {
        seq: u64::try_from(seq).map_err(|_| corrupt("seq"))?,
        at: at.format(&time::format_description::well_known::Rfc3339).map_err(|_| corrupt("at"))?,
        on: from_date("event", row.try_get(2)?)?,
        kind,
        message: row.try_get(4)?,
        promised: row.try_get::<_, Option<time::Date>>(5)?.map(|d| from_date("event", d)).transpose()?,
    })
}

async fn insert_event(
    tx: &deadpool_postgres::Transaction<'_>,
    application: i64,
    seq: i64,
    event: &NewEvent,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO application_events (application_id, seq, at, on_day, kind, message, promised) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &application,
            &seq,
            &event.at.replace_nanosecond(0).unwrap_or(event.at),
            &to_date(event.on)?,
            &Json(&event.kind),
            &event.message,
            &event.promised.map(to_date).transpose()?,
        ],
    )
    .await?;
    Ok(())
}

#[async_trait]
impl Store for PostgresStore {
    async fn company_by_slug(&self, slug: &CompanySlug) -> Result<Option<Company>, StoreError> {
        read_company(&*self.client().await?, "slug = $1", &[&slug.as_str()]).await
    }

    async fn company_by_id(&self, id: CompanyId) -> Result<Option<Company>, StoreError> {
        read_company(&*self.client().await?, "id = $1", &[&id.0]).await
    }

    async fn create_company(&self, company: &NewCompany) -> Result<CompanyId, StoreError> {
        let client = self.client().await?;
        let c = company;
        let to_i32 = |n: u32| i32::try_from(n).context("a day count out of range");
        let row = client
            .query_one(
                "INSERT INTO companies (slug, name, accent_color, font_family, logo_url, default_locale, \
                 retention_days, silence_alarm_days, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) \
                 RETURNING id",
                &[
                    &c.public.slug.as_str(),
                    &c.public.name,
                    &c.public.branding.accent_color.as_str(),
                    &c.public.branding.font_family,
                    &c.public.branding.logo_url,
                    &c.public.default_locale.tag(),
                    &to_i32(c.public.retention_days)?,
                    &to_i32(c.silence_alarm_days)?,
                ],
            )
            .await
            .map_err(conflict_as("company slug"))?;
        Ok(CompanyId(row.try_get(0)?))
    }

    async fn allow_origin(&self, company: CompanyId, origin: &Origin) -> Result<(), StoreError> {
        let client = self.client().await?;
        let row = client
            .query_one(
                "WITH inserted AS (INSERT INTO allowed_origins (company_id, origin) SELECT id, $2 FROM companies \
                 WHERE id = $1 ON CONFLICT DO NOTHING RETURNING 1) \
                 SELECT EXISTS (SELECT 1 FROM companies WHERE id = $1)",
                &[&company.0, &origin.as_str()],
            )
            .await?;
        if row.try_get(0)? { Ok(()) } else { Err(StoreError::NotFound) }
    }

    async fn is_origin_allowed(&self, company: &CompanySlug, origin: &Origin) -> Result<bool, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM allowed_origins a JOIN companies c ON c.id = a.company_id \
                 WHERE c.slug = $1 AND a.origin = $2)",
            )
            .await?;
        Ok(client.query_one(&stmt, &[&company.as_str(), &origin.as_str()]).await?.try_get(0)?)
    }

    async fn is_origin_allowed_anywhere(&self, origin: &Origin) -> Result<bool, StoreError> {
        let client = self.client().await?;
        let stmt = client.prepare_cached("SELECT EXISTS (SELECT 1 FROM allowed_origins WHERE origin = $1)").await?;
        Ok(client.query_one(&stmt, &[&origin.as_str()]).await?.try_get(0)?)
    }

    async fn company_postings(&self, company: CompanyId) -> Result<Vec<PostingRow>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached(&format!(
                "SELECT status, (SELECT count(*) FROM applications a WHERE a.posting_id = postings.id), {SUMMARY_COLUMNS} \
                 FROM postings WHERE company_id = $1 ORDER BY published_on DESC, id DESC"
            ))
            .await?;
        client
            .query(&stmt, &[&company.0])
            .await?
            .iter()
            .map(|row| {
                let applications: i64 = row.try_get(1)?;
                Ok(PostingRow {
                    status: super::posting_status(row.try_get(0)?)?,
                    applications: u64::try_from(applications).unwrap_or(0),
                    summary: summary_from_row(row, 2)?,
                })
            })
            .collect()
    }

    async fn application_count(&self, posting: PostingId) -> Result<u64, StoreError> {
        let client = self.client().await?;
        let stmt = client.prepare_cached("SELECT count(*) FROM applications WHERE posting_id = $1").await?;
        let n: i64 = client.query_one(&stmt, &[&posting.0]).await?.try_get(0)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn update_posting(
        &self,
        company: CompanyId,
        id: PostingId,
        posting: &PostingDetail,
        applications_seen: u64,
    ) -> Result<(), StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        // The row lock waits for, and then holds off, any application being
        // stored meanwhile (its foreign key takes a share lock on the row).
        tx.execute("SELECT 1 FROM postings WHERE id = $1 FOR UPDATE", &[&id.0]).await?;
        let applications: i64 =
            tx.query_one("SELECT count(*) FROM applications WHERE posting_id = $1", &[&id.0]).await?.try_get(0)?;
        if u64::try_from(applications).unwrap_or(0) != applications_seen {
            return Err(StoreError::Conflict(super::CONFLICT_APPLIED_MEANWHILE));
        }
        let mut values: Vec<Box<dyn ToSql + Send + Sync>> = vec![Box::new(id.0), Box::new(company.0)];
        values.extend(posting_values(posting)?);
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v.as_ref() as &(dyn ToSql + Sync)).collect();
        let changed = tx.execute(&super::posting_update_sql(|n| format!("${n}")), &params).await?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        write_process(&tx, id.0, posting).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_posting_status(
        &self,
        company: CompanyId,
        id: PostingId,
        from: PostingStatus,
        to: PostingStatus,
        on: Day,
    ) -> Result<(), StoreError> {
        let changed = self
            .client()
            .await?
            .execute(
                "UPDATE postings SET status = $4, \
                 published_on = CASE WHEN $3 = 'draft' THEN $5 ELSE published_on END \
                 WHERE id = $1 AND company_id = $2 AND status = $3",
                &[&id.0, &company.0, &from.as_str(), &to.as_str(), &to_date(on)?],
            )
            .await?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    async fn update_company(&self, id: CompanyId, c: &CompanySettings, origins: &[Origin]) -> Result<(), StoreError> {
        let to_i32 = |n: u32| i32::try_from(n).context("a day count out of range");
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let changed = tx
            .execute(
                "UPDATE companies SET name = $2, accent_color = $3, font_family = $4, logo_url = $5, default_locale = $6, \
                 retention_days = $7, silence_alarm_days = $8 WHERE id = $1",
                &[
                    &id.0,
                    &c.name,
                    &c.branding.accent_color.as_str(),
                    &c.branding.font_family,
                    &c.branding.logo_url,
                    &c.default_locale.tag(),
                    &to_i32(c.retention_days)?,
                    &to_i32(c.silence_alarm_days)?,
                ],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        tx.execute("DELETE FROM allowed_origins WHERE company_id = $1", &[&id.0]).await?;
        for origin in origins {
            tx.execute("INSERT INTO allowed_origins (company_id, origin) VALUES ($1, $2)", &[&id.0, &origin.as_str()])
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn origins(&self, company: CompanyId) -> Result<Vec<Origin>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached("SELECT origin FROM allowed_origins WHERE company_id = $1 ORDER BY origin COLLATE \"C\"")
            .await?;
        client
            .query(&stmt, &[&company.0])
            .await?
            .iter()
            .map(|r| {
                let o: &str = r.try_get(0)?;
                Origin::parse(o).map_err(|_| StoreError::Corrupt(format!("allowed origin {o:?}")))
            })
            .collect()
    }

    async fn open_postings(&self, company: CompanyId) -> Result<Arc<Vec<PostingSummary>>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM postings WHERE company_id = $1 AND status = 'open' \
                 ORDER BY published_on DESC, id"
            ))
            .await?;
        let rows = client.query(&stmt, &[&company.0]).await?;
        Ok(Arc::new(rows.iter().map(|row| summary_from_row(row, 0)).collect::<Result<_, _>>()?))
    }

    async fn posting(&self, company: CompanyId, slug: &PostingSlug) -> Result<Option<Posting>, StoreError> {
        read_posting(&mut *self.client().await?, "company_id = $1 AND slug = $2", &[&company.0, &slug.as_str()]).await
    }

    async fn posting_by_id(&self, id: PostingId) -> Result<Option<Posting>, StoreError> {
        read_posting(&mut *self.client().await?, "id = $1", &[&id.0]).await
    }

    async fn create_posting(
        &self,
        company: CompanyId,
        posting: &PostingDetail,
        status: PostingStatus,
    ) -> Result<PostingId, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let s = &posting.summary;
        let mut values: Vec<Box<dyn ToSql + Send + Sync>> = vec![
            Box::new(company.0),
            Box::new(s.slug.as_str().to_owned()),
            Box::new(status.as_str()),
            Box::new(to_date(s.published_on)?),
        ];
        values.extend(posting_values(posting)?);
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v.as_ref() as &(dyn ToSql + Sync)).collect();
        let row = tx
            .query_one(&format!("{} RETURNING id", super::posting_insert_sql(|n| format!("${n}"))), &params)
            .await
            .map_err(conflict_as("posting slug"))?;
        let id: i64 = row.try_get(0)?;
        write_process(&tx, id, posting).await?;
        tx.commit().await?;
        Ok(PostingId(id))
    }

    async fn secret(&self, name: &str, candidate: [u8; 32]) -> Result<[u8; 32], StoreError> {
        let client = self.client().await?;
        client
            .execute(
                "INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&name, &&candidate[..]],
            )
            .await?;
        let value: Vec<u8> =
            client.query_one("SELECT value FROM server_secrets WHERE name = $1", &[&name]).await?.try_get(0)?;
        value.try_into().map_err(|_| StoreError::Corrupt(format!("secret {name:?} is not 32 bytes")))
    }

    async fn submit_application(&self, application: &NewApplication) -> Result<Submitted, StoreError> {
        let a = application;
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        // Retries of one submission serialise on this lock, so none of them
        // can miss the row another is writing.
        tx.execute("SELECT pg_advisory_xact_lock($1, hashtext($2))", &[&(a.posting.0 as i32), &a.idempotency_key])
            .await?;
        let earlier = tx
            .query_opt(
                "SELECT id, request_digest FROM applications WHERE posting_id = $1 AND idempotency_key = $2",
                &[&a.posting.0, &a.idempotency_key],
            )
            .await?;
        if let Some(row) = earlier {
            let digest: Vec<u8> = row.try_get(1)?;
            return if digest == a.request_digest {
                Ok(Submitted::Retry(ApplicationId(row.try_get(0)?)))
            } else {
                Err(StoreError::Conflict(super::CONFLICT_IDEMPOTENCY))
            };
        }
        let row = tx
            .query_one(
                "INSERT INTO applications (company_id, posting_id, token_selector, token_verifier, idempotency_key, \
                 request_digest, email, profile, answers, talent_pool, locale, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                &[
                    &a.company.0,
                    &a.posting.0,
                    &a.token_selector,
                    &a.token_verifier,
                    &a.idempotency_key,
                    &a.request_digest,
                    &a.email_key,
                    &Json(&a.profile),
                    &Json(&a.answers),
                    &a.talent_pool,
                    &a.locale.tag(),
                    &a.received.at,
                ],
            )
            .await
            .map_err(conflict_as(super::CONFLICT_EMAIL))?;
        let id: i64 = row.try_get(0)?;
        insert_event(&tx, id, 1, &a.received).await?;
        tx.commit().await?;
        Ok(Submitted::New(ApplicationId(id)))
    }

    async fn application_by_selector(&self, selector: &str) -> Result<Option<ApplicationRecord>, StoreError> {
        Ok(read_applications(&self.client().await?, "token_selector = $1", &[&selector]).await?.pop())
    }

    async fn application_by_id(&self, id: ApplicationId) -> Result<Option<ApplicationRecord>, StoreError> {
        Ok(read_applications(&self.client().await?, "id = $1", &[&id.0]).await?.pop())
    }

    async fn applications_of_posting(
        &self,
        posting: PostingId,
    ) -> Result<Vec<(ApplicationRecord, Vec<Event>)>, StoreError> {
        let mut client = self.client().await?;
        let tx = client.build_transaction().read_only(true).start().await?;
        let applications = read_applications(&tx, "posting_id = $1 ORDER BY id", &[&posting.0]).await?;
        let rows = tx
            .query(
                "SELECT e.seq, e.at, e.on_day, e.kind, e.message, e.promised, e.application_id FROM application_events e \
                 JOIN applications a ON a.id = e.application_id WHERE a.posting_id = $1 ORDER BY e.application_id, e.seq",
                &[&posting.0],
            )
            .await?;
        tx.commit().await?;
        let mut events: std::collections::HashMap<i64, Vec<Event>> = std::collections::HashMap::new();
        for row in &rows {
            events.entry(row.try_get(6)?).or_default().push(event_from_row(row)?);
        }
        Ok(applications
            .into_iter()
            .map(|a| {
                let e = events.remove(&a.id.0).unwrap_or_default();
                (a, e)
            })
            .collect())
    }

    async fn append_event(&self, id: ApplicationId, seq: u64, event: &NewEvent) -> Result<Event, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let seq_i64 = i64::try_from(seq).map_err(anyhow::Error::from)?;
        insert_event(&tx, id.0, seq_i64, event).await.map_err(|e| match e {
            StoreError::Backend(inner)
                if inner.downcast_ref::<tokio_postgres::Error>().and_then(|e| e.code())
                    == Some(&SqlState::UNIQUE_VIOLATION) =>
            {
                StoreError::Conflict(super::CONFLICT_EVENT)
            }
            other => other,
        })?;
        tx.commit().await?;
        event.stored(seq)
    }

    async fn erase_application(&self, id: ApplicationId, at: time::OffsetDateTime) -> Result<(), StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let changed = tx
            .execute(
                "UPDATE applications SET email = NULL, profile = NULL, answers = NULL, erased_at = $2, \
                 token_selector = 'erased-' || id, idempotency_key = 'erased-' || id, request_digest = ''::bytea \
                 WHERE id = $1",
                &[&id.0, &at],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        tx.execute("UPDATE application_events SET message = '' WHERE application_id = $1", &[&id.0]).await?;
        tx.execute("DELETE FROM application_cvs WHERE application_id = $1", &[&id.0]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn put_cv(
        &self,
        id: ApplicationId,
        file_name: &str,
        content: &[u8],
        at: time::OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.client()
            .await?
            .execute(
                "INSERT INTO application_cvs (application_id, file_name, content, uploaded_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (application_id) DO UPDATE SET file_name = excluded.file_name, content = excluded.content, \
                 uploaded_at = excluded.uploaded_at",
                &[&id.0, &file_name, &content, &at],
            )
            .await?;
        Ok(())
    }

    async fn cv(&self, id: ApplicationId) -> Result<Option<(CvInfo, Vec<u8>)>, StoreError> {
        let row = self
            .client()
            .await?
            .query_opt("SELECT file_name, content FROM application_cvs WHERE application_id = $1", &[&id.0])
            .await?;
        let Some(row) = row else { return Ok(None) };
        let content: Vec<u8> = row.try_get(1)?;
        Ok(Some((CvInfo { file_name: row.try_get(0)?, size: content.len() as u64 }, content)))
    }

    async fn cv_info(&self, id: ApplicationId) -> Result<Option<CvInfo>, StoreError> {
        let row = self
            .client()
            .await?
            .query_opt(
                "SELECT file_name, octet_length(content)::BIGINT FROM application_cvs WHERE application_id = $1",
                &[&id.0],
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(CvInfo { file_name: row.try_get(0)?, size: row.try_get::<_, i64>(1)? as u64 }))
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
        self.client()
            .await?
            .execute(
                "INSERT INTO api_tokens (company_id, role, name, selector, verifier, created_at, created_by) VALUES ($1, $2, $3, $4, $5, now(), $6)",
                &[&company.0, &role.as_str(), &name, &selector, &verifier, &created_by.map(|u| u.0)],
            )
            .await?;
        Ok(())
    }

    async fn api_token_by_selector(&self, selector: &str) -> Result<Option<ApiTokenRecord>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached(
                "SELECT company_id, role, verifier, revoked_at IS NOT NULL FROM api_tokens WHERE selector = $1",
            )
            .await?;
        let Some(row) = client.query_opt(&stmt, &[&selector]).await? else { return Ok(None) };
        let role: &str = row.try_get(1)?;
        let role = Role::parse(role).map_err(|_| StoreError::Corrupt(format!("api token role {role:?}")))?;
        Ok(Some(ApiTokenRecord {
            company: CompanyId(row.try_get(0)?),
            role,
            verifier: row.try_get(2)?,
            revoked: row.try_get(3)?,
        }))
    }

    async fn api_tokens(&self, company: CompanyId) -> Result<Vec<ApiTokenInfo>, StoreError> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT t.id, t.name, t.role, t.created_at, t.revoked_at, u.name FROM api_tokens t \
                 LEFT JOIN users u ON u.id = t.created_by WHERE t.company_id = $1 ORDER BY t.id DESC",
                &[&company.0],
            )
            .await?;
        let rfc = |t: time::OffsetDateTime| {
            t.format(&time::format_description::well_known::Rfc3339).map_err(|e| StoreError::Backend(e.into()))
        };
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get(0)?;
                let role: &str = r.try_get(2)?;
                let role = Role::parse(role).map_err(|_| StoreError::Corrupt(format!("api token {id}: role")))?;
                let revoked: Option<time::OffsetDateTime> = r.try_get(4)?;
                Ok(ApiTokenInfo {
                    id,
                    name: r.try_get(1)?,
                    role,
                    created_at: rfc(r.try_get(3)?)?,
                    revoked_at: revoked.map(rfc).transpose()?,
                    made_by: r.try_get(5)?,
                })
            })
            .collect()
    }

    async fn revoke_api_token(&self, company: CompanyId, id: i64, at: time::OffsetDateTime) -> Result<(), StoreError> {
        let changed = self
            .client()
            .await?
            .execute(
                "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND company_id = $2",
                &[&id, &company.0, &at],
            )
            .await?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    async fn create_user(&self, u: &NewUser) -> Result<UserId, StoreError> {
        let client = self.client().await?;
        let row = client
            .query_one(
                "INSERT INTO users (company_id, email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                &[&u.company.0, &u.email.to_lowercase(), &u.name, &u.role.as_str(), &u.password_hash, &u.created_at],
            )
            .await
            .map_err(conflict_as(super::CONFLICT_USER))?;
        Ok(UserId(row.try_get(0)?))
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached("SELECT id, company_id, email, name, role, password_hash FROM users WHERE email = $1")
            .await?;
        client.query_opt(&stmt, &[&email.to_lowercase()]).await?.as_ref().map(user_from_row).transpose()
    }

    async fn users(&self, company: CompanyId) -> Result<Vec<UserRecord>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached("SELECT id, company_id, email, name, role, password_hash FROM users WHERE company_id = $1")
            .await?;
        // Sorted here, not by the database: its collation differs per backend.
        let mut users =
            client.query(&stmt, &[&company.0]).await?.iter().map(user_from_row).collect::<Result<Vec<_>, _>>()?;
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
        let mut client = self.client().await?;
        // Serialisable: two admins demoting each other at once must not both succeed.
        let tx =
            client.build_transaction().isolation_level(tokio_postgres::IsolationLevel::Serializable).start().await?;
        let changed = tx
            .execute(
                concat!(
                    "UPDATE users SET role = $3 WHERE id = $1 AND company_id = $2 AND ($3 = 'admin' OR role <> 'admin' OR ",
                    super::another_admin_remains!("$2", "$1"),
                    ")"
                ),
                &[&id.0, &company.0, &role.as_str()],
            )
            .await
            .map_err(serialisation_as_conflict)?;
        if changed == 0 {
            return Err(StoreError::Conflict(super::CONFLICT_LAST_ADMIN));
        }
        for above in super::roles_above(role) {
            tx.execute(
                "UPDATE api_tokens SET revoked_at = $3 WHERE created_by = $1 AND role = $2 AND revoked_at IS NULL",
                &[&id.0, above, &at],
            )
            .await
            .map_err(serialisation_as_conflict)?;
        }
        tx.commit().await.map_err(serialisation_as_conflict)?;
        Ok(())
    }

    async fn delete_user(&self, company: CompanyId, id: UserId, at: time::OffsetDateTime) -> Result<(), StoreError> {
        let mut client = self.client().await?;
        let tx =
            client.build_transaction().isolation_level(tokio_postgres::IsolationLevel::Serializable).start().await?;
        tx.execute("UPDATE api_tokens SET revoked_at = $2 WHERE created_by = $1 AND revoked_at IS NULL", &[&id.0, &at])
            .await
            .map_err(serialisation_as_conflict)?;
        let changed = tx
            .execute(
                concat!(
                    "DELETE FROM users WHERE id = $1 AND company_id = $2 AND (role <> 'admin' OR ",
                    super::another_admin_remains!("$2", "$1"),
                    ")"
                ),
                &[&id.0, &company.0],
            )
            .await
            .map_err(serialisation_as_conflict)?;
        if changed == 0 {
            // Dropping the transaction rolls the revocations back too.
            return Err(StoreError::Conflict(super::CONFLICT_LAST_ADMIN));
        }
        tx.commit().await.map_err(serialisation_as_conflict)?;
        Ok(())
    }

    async fn create_password_link(&self, l: &NewPasswordLink) -> Result<(), StoreError> {
        self.client()
            .await?
            .execute(
                "INSERT INTO password_links (selector, verifier, user_id, expires_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (user_id) DO UPDATE SET selector = excluded.selector, verifier = excluded.verifier, \
                 expires_at = excluded.expires_at",
                &[&l.selector, &l.verifier, &l.user.0, &l.expires_at],
            )
            .await?;
        Ok(())
    }

    async fn password_link(&self, selector: &str) -> Result<Option<PasswordLinkRecord>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached("SELECT verifier, user_id, expires_at FROM password_links WHERE selector = $1")
            .await?;
        let Some(row) = client.query_opt(&stmt, &[&selector]).await? else { return Ok(None) };
        Ok(Some(PasswordLinkRecord {
            verifier: row.try_get(0)?,
            user: UserId(row.try_get(1)?),
            expires_at: row.try_get(2)?,
        }))
    }

    async fn use_password_link(&self, selector: &str, password_hash: &str) -> Result<(), StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let Some(row) =
            tx.query_opt("DELETE FROM password_links WHERE selector = $1 RETURNING user_id", &[&selector]).await?
        else {
            return Err(StoreError::NotFound);
        };
        let user: i64 = row.try_get(0)?;
        tx.execute("UPDATE users SET password_hash = $2 WHERE id = $1", &[&user, &password_hash]).await?;
        tx.execute("DELETE FROM sessions WHERE user_id = $1", &[&user]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn user_by_id(&self, id: UserId) -> Result<Option<UserRecord>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached("SELECT id, company_id, email, name, role, password_hash FROM users WHERE id = $1")
            .await?;
        client.query_opt(&stmt, &[&id.0]).await?.as_ref().map(user_from_row).transpose()
    }

    async fn create_session(&self, s: &NewSession) -> Result<(), StoreError> {
        self.client()
            .await?
            .execute(
                "INSERT INTO sessions (selector, verifier, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5)",
                &[&s.selector, &s.verifier, &s.user.0, &s.csrf_token, &s.expires_at],
            )
            .await?;
        Ok(())
    }

    async fn session_by_selector(&self, selector: &str) -> Result<Option<SessionRecord>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached("SELECT verifier, user_id, csrf_token, expires_at FROM sessions WHERE selector = $1")
            .await?;
        let Some(row) = client.query_opt(&stmt, &[&selector]).await? else { return Ok(None) };
        Ok(Some(SessionRecord {
            verifier: row.try_get(0)?,
            user: UserId(row.try_get(1)?),
            csrf_token: row.try_get(2)?,
            expires_at: row.try_get(3)?,
        }))
    }

    async fn delete_session(&self, selector: &str) -> Result<(), StoreError> {
        self.client().await?.execute("DELETE FROM sessions WHERE selector = $1", &[&selector]).await?;
        Ok(())
    }

    async fn closings_with_message(&self, company: CompanyId, message: &str) -> Result<u64, StoreError> {
        let client = self.client().await?;
        let row = client
            .query_one(
                "SELECT COUNT(*) FROM application_events e JOIN applications a ON a.id = e.application_id \
                 WHERE a.company_id = $1 AND e.message = $2 AND e.kind ? 'closed'",
                &[&company.0, &message],
            )
            .await?;
        let n: i64 = row.try_get(0)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn create_question(&self, q: &NewQuestion) -> Result<QuestionId, StoreError> {
        let client = self.client().await?;
        let row = client
            .query_one(
                "INSERT INTO questions (company_id, posting_id, token_selector, token_verifier, text, name, asked_at, state) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') RETURNING id",
                &[&q.company.0, &q.posting.0, &q.token_selector, &q.token_verifier, &q.text, &q.name, &q.asked_at],
            )
            .await?;
        Ok(QuestionId(row.try_get(0)?))
    }

    async fn question_by_selector(&self, selector: &str) -> Result<Option<QuestionRecord>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached(&format!("SELECT {QUESTION_COLUMNS} FROM questions WHERE token_selector = $1"))
            .await?;
        client.query_opt(&stmt, &[&selector]).await?.as_ref().map(question_from_row).transpose()
    }

    async fn question_by_id(&self, id: QuestionId) -> Result<Option<QuestionRecord>, StoreError> {
        let client = self.client().await?;
        let stmt = client.prepare_cached(&format!("SELECT {QUESTION_COLUMNS} FROM questions WHERE id = $1")).await?;
        client.query_opt(&stmt, &[&id.0]).await?.as_ref().map(question_from_row).transpose()
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
        let client = self.client().await?;
        let stmt = client
            .prepare_cached(&format!(
                "SELECT {QUESTION_COLUMNS} FROM questions WHERE {column} = $1 AND ($2::TEXT IS NULL OR state = $2) ORDER BY asked_at, id"
            ))
            .await?;
        client.query(&stmt, &[&id, &state]).await?.iter().map(question_from_row).collect()
    }

    async fn settle_question(
        &self,
        id: QuestionId,
        settlement: &Settlement,
        at: time::OffsetDateTime,
    ) -> Result<(), StoreError> {
        let client = self.client().await?;
        let (state, answer, answered, reason, message) = super::settlement_columns(settlement);
        let (answered_at, declined_at) = if answered { (Some(at), None) } else { (None, Some(at)) };
        let changed = client
            .execute(
                "UPDATE questions SET state = $2, answer = $3, answered_at = $4, decline_reason = $5, decline_message = $6, \
                 declined_at = $7 WHERE id = $1 AND state = 'pending'",
                &[&id.0, &state, &answer, &answered_at, &reason, &message, &declined_at],
            )
            .await?;
        if changed == 1 {
            return Ok(());
        }
        let exists: bool =
            client.query_one("SELECT EXISTS (SELECT 1 FROM questions WHERE id = $1)", &[&id.0]).await?.try_get(0)?;
        Err(if exists { StoreError::Conflict(super::CONFLICT_QUESTION) } else { StoreError::NotFound })
    }

    async fn application_events(&self, id: ApplicationId) -> Result<Vec<Event>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached(
                "SELECT seq, at, on_day, kind, message, promised FROM application_events WHERE application_id = $1 ORDER BY seq",
            )
            .await?;
        client.query(&stmt, &[&id.0]).await?.iter().map(event_from_row).collect()
    }
}
