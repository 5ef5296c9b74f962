//! A company's postings: their texts, their process (stages) and screening
//! questions, and their status (draft, open, closed).

use std::sync::{Arc, LazyLock};

use async_trait::async_trait;
pub use candor_api::postings::PostingStatus;
use candor_api::postings::ValidPosting;
use candor_api::translation::{self, PostingTranslation, Translations};
use candor_api::{
    Day, EmploymentType, Locale, Location, PayPeriod, PostingDetail, PostingSlug, PostingSummary, QuestionKey,
    SalaryRange, ScreeningQuestion, Stage, Workplace,
};

use super::sql::{Backend, Conn, Dialect, Json, Row, Tx, Value, args};
use super::{CompanyId, Conflict, PostingId, PostingRow, SqlStore, StoreError, cache, reports};

#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    pub id: PostingId,
    pub status: PostingStatus,
    /// In the company's default language (`detail.summary.lang`).
    pub detail: PostingDetail,
    /// Its texts in other languages: `translation::shown_in` picks a visitor's.
    pub translations: Translations,
}

#[async_trait]
pub trait PostingStore: Send + Sync {
    /// Open postings, newest first, ties broken by creation order, each in
    /// `lang` where translated into it, else (and with no `lang`) in the
    /// company's default language; shared, so that a cached list is handed
    /// out without copying (and a new list is a new `Arc`). Cached per
    /// language: one language's list never holds another's texts.
    async fn open_postings(
        &self,
        company: CompanyId,
        lang: Option<Locale>,
    ) -> Result<Arc<Vec<PostingSummary>>, StoreError>;

    async fn posting(&self, company: CompanyId, slug: &PostingSlug) -> Result<Option<Posting>, StoreError>;

    async fn posting_by_id(&self, company: CompanyId, id: PostingId) -> Result<Option<Posting>, StoreError>;

    /// Every posting of the company whatever its status, newest first, with
    /// how many have applied to each.
    async fn company_postings(&self, company: CompanyId) -> Result<Vec<PostingRow>, StoreError>;

    /// How many have applied to a posting, erased applications included.
    async fn application_count(&self, company: CompanyId, posting: PostingId) -> Result<u64, StoreError>;

    /// Stores a posting validated by `PostingDraft::validate`, with its
    /// translations, all or nothing; `Conflict::PostingSlug` when the
    /// company has the slug already.
    async fn create_posting(
        &self,
        company: CompanyId,
        posting: &ValidPosting,
        status: PostingStatus,
    ) -> Result<PostingId, StoreError>;

    /// Replaces a posting's texts, translations, process and questions, all or nothing, if
    /// as many have applied as the caller checked the edit against;
    /// `Conflict::AppliedMeanwhile` otherwise.
    async fn update_posting(
        &self,
        company: CompanyId,
        id: PostingId,
        posting: &ValidPosting,
        applications_seen: u64,
    ) -> Result<(), StoreError>;

    /// Moves a posting from `from` to `to`; `NotFound` if it is no longer in
    /// `from` (someone else moved it). A draft that opens is published on
    /// `on`, and a posting that opens keeps its plan from then on (see
    /// `ReportStore::report_plan`).
    async fn set_posting_status(
        &self,
        company: CompanyId,
        id: PostingId,
        from: PostingStatus,
        to: PostingStatus,
        on: Day,
    ) -> Result<(), StoreError>;
}

/// The columns of a posting's summary, in the order `summary_from` reads
/// them; its texts' language is its company's default.
macro_rules! summary_columns {
    () => {
        "slug, title, department, city, country, workplace, employment_type, teaser, \
         salary_min, salary_max, salary_currency, salary_period, published_on, closes_on, \
         (SELECT default_locale FROM companies WHERE companies.id = postings.company_id)"
    };
}

macro_rules! select_posting {
    ($filter:literal) => {
        concat!("SELECT id, status, description, ", summary_columns!(), " FROM postings WHERE ", $filter)
    };
}

/// The posting columns an admin writes, in the order `posting_values` gives
/// them: one list for creating and for editing.
const POSTING_COLUMNS: [&str; 13] = [
    "title",
    "department",
    "city",
    "country",
    "workplace",
    "employment_type",
    "teaser",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "description",
    "closes_on",
];

/// Company, slug, status and publication day as parameters 1 to 4, then `POSTING_COLUMNS`.
static INSERT_POSTING: LazyLock<String> = LazyLock::new(|| {
    let columns = POSTING_COLUMNS.join(", ");
    let values: Vec<String> = (1..=4 + POSTING_COLUMNS.len()).map(|n| format!("${n}")).collect();
    format!(
        "INSERT INTO postings (company_id, slug, status, published_on, {columns}) VALUES ({}) RETURNING id",
        values.join(", ")
    )
});

/// Id and company as parameters 1 and 2, then `POSTING_COLUMNS`.
static UPDATE_POSTING: LazyLock<String> = LazyLock::new(|| {
    let set: Vec<String> = POSTING_COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 3)).collect();
    format!("UPDATE postings SET {} WHERE id = $1 AND company_id = $2", set.join(", "))
});

/// The values of `POSTING_COLUMNS`, in their order.
fn posting_values(p: &PostingDetail) -> Vec<Value<'_>> {
    let s = &p.summary;
    let salary = s.salary.as_ref();
    vec![
        Value::from(&s.title),
        Value::from(&s.department),
        Value::from(&s.location.city),
        Value::from(&s.location.country),
        Value::from(s.workplace.as_str()),
        Value::from(s.employment_type.as_str()),
        Value::from(&s.teaser),
        Value::from(salary.map(|x| x.min)),
        Value::from(salary.map(|x| x.max)),
        Value::from(salary.map(|x| &x.currency)),
        Value::from(salary.map(|x| x.period.as_str())),
        Value::from(&p.description),
        Value::from(s.closes_on),
    ]
}

fn status_from(raw: &str) -> Result<PostingStatus, StoreError> {
    PostingStatus::parse(raw).map_err(|_| StoreError::Corrupt(format!("posting status {raw:?}")))
}

/// Reads the summary columns starting at column `at`, checking the rules
/// again: a row that no longer satisfies them is reported, never served
/// half-read.
fn summary_from(row: &Row, at: usize) -> Result<PostingSummary, StoreError> {
    let slug: String = row.get(at)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("posting {slug:?}: {what}"));
    let text = |i: usize| row.get::<String>(at + i);
    let salary = match (row.get(at + 8)?, row.get(at + 9)?, row.get(at + 10)?, row.get::<Option<String>>(at + 11)?) {
        (Some(min), Some(max), Some(currency), Some(period)) => Some(SalaryRange {
            min,
            max,
            currency,
            period: PayPeriod::parse(&period).map_err(|_| corrupt("salary_period"))?,
        }),
        _ => None,
    };
    Ok(PostingSummary {
        slug: PostingSlug::parse(&slug).map_err(|_| corrupt("slug"))?,
        title: text(1)?,
        department: text(2)?,
        location: Location { city: text(3)?, country: text(4)? },
        workplace: Workplace::parse(&text(5)?).map_err(|_| corrupt("workplace"))?,
        employment_type: EmploymentType::parse(&text(6)?).map_err(|_| corrupt("employment_type"))?,
        teaser: text(7)?,
        salary,
        published_on: row.get(at + 12)?,
        closes_on: row.get(at + 13)?,
        lang: Locale::parse(&text(14)?).map_err(|_| corrupt("default_locale"))?,
    })
}

/// A translation's row: its locale and its texts.
fn translation_from(row: &Row, at: usize) -> Result<(Locale, PostingTranslation), StoreError> {
    let raw: String = row.get(at)?;
    let locale = Locale::parse(&raw).map_err(|_| StoreError::Corrupt(format!("translation locale {raw:?}")))?;
    let Json(texts) = row.get(at + 1)?;
    Ok((locale, texts))
}

/// The posting a `select_posting!` row names, with its process and
/// questions; the caller runs it in a snapshot (`Tx::Read`).
async fn posting_from(c: &mut dyn Conn, row: Option<Row>) -> Result<Option<Posting>, StoreError> {
    let Some(row) = row else { return Ok(None) };
    let id: PostingId = row.get(0)?;
    let summary = summary_from(&row, 3)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("posting {}: {what}", summary.slug));
    let stages = c
        .query(
            "SELECT name, expected_days, description FROM posting_stages WHERE posting_id = $1 ORDER BY position",
            args![id],
        )
        .await?
        .iter()
        .map(|r| Ok(Stage { name: r.get(0)?, expected_days: r.get(1)?, description: r.get(2)? }))
        .collect::<Result<Vec<_>, StoreError>>()?;
    let screening_questions = c
        .query(
            "SELECT key, prompt, required, kind FROM screening_questions WHERE posting_id = $1 ORDER BY position",
            args![id],
        )
        .await?
        .iter()
        .map(|r| {
            let Json(kind) = r.get(3)?;
            Ok(ScreeningQuestion {
                key: QuestionKey::parse(&r.get::<String>(0)?).map_err(|_| corrupt("question key"))?,
                prompt: r.get(1)?,
                required: r.get(2)?,
                kind,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let translations = c
        .query("SELECT locale, content FROM posting_translations WHERE posting_id = $1 ORDER BY locale", args![id])
        .await?
        .iter()
        .map(|r| translation_from(r, 0))
        .collect::<Result<Translations, StoreError>>()?;
    Ok(Some(Posting {
        id,
        status: status_from(&row.get::<String>(1)?)?,
        detail: PostingDetail { summary, description: row.get(2)?, stages, screening_questions },
        translations,
    }))
}

/// A posting's stages, screening questions and translations, in order, replacing any.
async fn write_process(c: &mut dyn Conn, id: PostingId, valid: &ValidPosting) -> Result<(), StoreError> {
    let p = &valid.detail;
    c.execute("DELETE FROM posting_stages WHERE posting_id = $1", args![id]).await?;
    c.execute("DELETE FROM screening_questions WHERE posting_id = $1", args![id]).await?;
    c.execute("DELETE FROM posting_translations WHERE posting_id = $1", args![id]).await?;
    for (locale, texts) in &valid.translations {
        c.execute(
            "INSERT INTO posting_translations (posting_id, locale, content) VALUES ($1, $2, $3)",
            &[id.into(), locale.tag().into(), Value::json(texts)?],
        )
        .await?;
    }
    for (i, stage) in p.stages.iter().enumerate() {
        c.execute(
            "INSERT INTO posting_stages (posting_id, position, name, expected_days, description) \
             VALUES ($1, $2, $3, $4, $5)",
            args![id, i, &stage.name, stage.expected_days, &stage.description],
        )
        .await?;
    }
    for (i, q) in p.screening_questions.iter().enumerate() {
        c.execute(
            "INSERT INTO screening_questions (posting_id, position, key, prompt, required, kind) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[id.into(), i.into(), q.key.as_str().into(), (&q.prompt).into(), q.required.into(), Value::json(&q.kind)?],
        )
        .await?;
    }
    Ok(())
}

#[async_trait]
impl<B: Backend> PostingStore for SqlStore<B> {
    async fn open_postings(
        &self,
        company: CompanyId,
        lang: Option<Locale>,
    ) -> Result<Arc<Vec<PostingSummary>>, StoreError> {
        let read = || {
            self.run(Tx::Auto, (company, lang), |c, (company, lang)| {
                Box::pin(async move {
                    // Without a language, no translation matches: the join's
                    // columns are null and every posting is in the default.
                    let rows = c
                        .query(
                            concat!(
                                "SELECT ",
                                summary_columns!(),
                                ", t.locale, t.content FROM postings \
                                 LEFT JOIN posting_translations t ON t.posting_id = postings.id AND t.locale = $2 \
                                 WHERE company_id = $1 AND status = 'open' ORDER BY published_on DESC, id"
                            ),
                            args![*company, lang.map(Locale::tag)],
                        )
                        .await?;
                    let shown = rows
                        .iter()
                        .map(|r| {
                            let summary = summary_from(r, 0)?;
                            let translated = match r.get::<Option<String>>(15)? {
                                Some(_) => Some(translation_from(r, 15)?.1),
                                None => None,
                            };
                            Ok(match lang {
                                Some(wanted) => translation::summary_in(&summary, translated.as_ref(), *wanted),
                                None => summary,
                            })
                        })
                        .collect::<Result<_, StoreError>>()?;
                    Ok(Arc::new(shown))
                })
            })
        };
        let generation = self.cache.as_ref().map_or(0, |c| c.generation(company));
        cache::load(self.cache.as_ref().map(|c| &c.open_postings), (company, generation, lang), read).await
    }

    async fn posting(&self, company: CompanyId, slug: &PostingSlug) -> Result<Option<Posting>, StoreError> {
        let read = || {
            self.run(Tx::Read, (company, slug.clone()), |c, (company, slug)| {
                Box::pin(async move {
                    let sql = select_posting!("company_id = $1 AND slug = $2");
                    let row = c.optional(sql, args![*company, slug.as_str()]).await?;
                    posting_from(c, row).await
                })
            })
        };
        let generation = self.cache.as_ref().map_or(0, |c| c.generation(company));
        cache::load(self.cache.as_ref().map(|c| &c.postings), (company, generation, slug.clone()), read).await
    }

    async fn posting_by_id(&self, company: CompanyId, id: PostingId) -> Result<Option<Posting>, StoreError> {
        self.run(Tx::Read, (company, id), |c, (company, id)| {
            Box::pin(async move {
                let row = c.optional(select_posting!("company_id = $1 AND id = $2"), args![*company, *id]).await?;
                posting_from(c, row).await
            })
        })
        .await
    }

    async fn company_postings(&self, company: CompanyId) -> Result<Vec<PostingRow>, StoreError> {
        self.run(Tx::Auto, company, |c, company| {
            Box::pin(async move {
                let rows = c
                    .query(
                        concat!(
                            "SELECT status, (SELECT count(*) FROM applications a WHERE a.posting_id = postings.id), ",
                            summary_columns!(),
                            " FROM postings WHERE company_id = $1 ORDER BY published_on DESC, id DESC"
                        ),
                        args![*company],
                    )
                    .await?;
                rows.iter()
                    .map(|row| {
                        Ok(PostingRow {
                            status: status_from(&row.get::<String>(0)?)?,
                            applications: row.get(1)?,
                            summary: summary_from(row, 2)?,
                        })
                    })
                    .collect()
            })
        })
        .await
    }

    async fn application_count(&self, company: CompanyId, posting: PostingId) -> Result<u64, StoreError> {
        self.run(Tx::Auto, (company, posting), |c, (company, posting)| {
            Box::pin(async move {
                c.one(
                    "SELECT count(*) FROM applications WHERE posting_id = $1 AND company_id = $2",
                    args![*posting, *company],
                )
                .await?
                .get(0)
            })
        })
        .await
    }

    async fn create_posting(
        &self,
        company: CompanyId,
        posting: &ValidPosting,
        status: PostingStatus,
    ) -> Result<PostingId, StoreError> {
        self.write_company(company, Tx::Write, (company, posting.clone(), status), |c, (company, p, status)| {
            Box::pin(async move {
                let mut values = vec![
                    Value::from(*company),
                    p.detail.summary.slug.as_str().into(),
                    status.as_str().into(),
                    p.detail.summary.published_on.into(),
                ];
                values.extend(posting_values(&p.detail));
                let id: PostingId =
                    c.one(&INSERT_POSTING, &values).await.map_err(|e| e.unique_as(Conflict::PostingSlug))?.get(0)?;
                write_process(c, id, p).await?;
                if *status == PostingStatus::Open {
                    reports::keep_plan(c, id).await?;
                }
                Ok(id)
            })
        })
        .await
    }

    async fn update_posting(
        &self,
        company: CompanyId,
        id: PostingId,
        posting: &ValidPosting,
        applications_seen: u64,
    ) -> Result<(), StoreError> {
        let data = (company, id, posting.clone(), applications_seen);
        self.write_company(company, Tx::Write, data, |c, (company, id, p, seen)| {
            Box::pin(async move {
                // No application may arrive between the count and the
                // update. SQLite's write lock, taken at BEGIN, keeps them
                // out; on PostgreSQL the row lock does (an application's
                // foreign key takes a share lock on the posting's row).
                let mine = match c.dialect() {
                    Dialect::Sqlite => "SELECT 1 FROM postings WHERE id = $1 AND company_id = $2",
                    Dialect::Postgres => "SELECT 1 FROM postings WHERE id = $1 AND company_id = $2 FOR UPDATE",
                };
                if c.optional(mine, args![*id, *company]).await?.is_none() {
                    return Err(StoreError::NotFound);
                }
                let applications: u64 =
                    c.one("SELECT count(*) FROM applications WHERE posting_id = $1", args![*id]).await?.get(0)?;
                if applications != *seen {
                    return Err(Conflict::AppliedMeanwhile.into());
                }
                let mut values = vec![Value::from(*id), Value::from(*company)];
                values.extend(posting_values(&p.detail));
                c.execute(&UPDATE_POSTING, &values).await?;
                write_process(c, *id, p).await
            })
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
        self.write_company(company, Tx::Write, (company, id, from, to, on), |c, (company, id, from, to, on)| {
            Box::pin(async move {
                let changed = c
                    .execute(
                        "UPDATE postings SET status = $4, \
                             published_on = CASE WHEN $3 = 'draft' THEN $5 ELSE published_on END \
                             WHERE id = $1 AND company_id = $2 AND status = $3",
                        args![*id, *company, from.as_str(), to.as_str(), *on],
                    )
                    .await?;
                if changed == 0 {
                    return Err(StoreError::NotFound);
                }
                // The search opens: its schedule is the one it opened with.
                if *to == PostingStatus::Open {
                    reports::keep_plan(c, *id).await?;
                }
                Ok(())
            })
        })
        .await
    }
}
