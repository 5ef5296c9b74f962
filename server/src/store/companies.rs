//! Companies (the tenants): their public settings, private settings (their
//! reports' among them), and the web origins allowed to embed their widget.

use async_trait::async_trait;
use candor_api::company::CompanySettings;
use candor_api::reports::{ReportSettings, Shows};
use candor_api::{Branding, CompanyPublic, CompanySlug, HexColor, Locale, Origin};
use time::OffsetDateTime;

use super::cache;
use super::sql::{Backend, Row, Tx, args};
use super::{Change, ChangeStore, CompanyId, Conflict, SqlStore, StoreError};

/// A company as the server knows it: the public part plus private settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Company {
    pub id: CompanyId,
    pub public: CompanyPublic,
    /// Days without a candidate-visible event before an application raises an alarm.
    pub silence_alarm_days: u32,
    /// Whether a candidate is written to when a promised date passes
    /// without a word (a new company starts with it on).
    pub late_promise_mail: bool,
    /// What its progress reports' links show by default, and the weekday
    /// their readers' summary goes out.
    pub reports: ReportSettings,
}

/// What a new company starts with.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCompany {
    pub public: CompanyPublic,
    pub silence_alarm_days: u32,
    /// The careers sites allowed to embed its widget from the start.
    pub origins: Vec<Origin>,
    pub created_at: OffsetDateTime,
}

#[async_trait]
pub trait CompanyStore: Send + Sync {
    /// By its public name.
    async fn company_by_slug(&self, slug: &CompanySlug) -> Result<Option<Company>, StoreError>;

    async fn company(&self, id: CompanyId) -> Result<Option<Company>, StoreError>;

    /// A company with its origins, all or nothing; `Conflict::CompanySlug`
    /// when the slug is taken.
    async fn create_company(&self, company: &NewCompany) -> Result<CompanyId, StoreError>;

    /// Replaces the company's settings and its allowed origins, all or nothing.
    async fn update_company(
        &self,
        company: CompanyId,
        settings: &CompanySettings,
        origins: &[Origin],
    ) -> Result<(), StoreError>;

    /// Lets `origin` embed the company's widget; allowing it twice is harmless.
    async fn allow_origin(&self, company: CompanyId, origin: &Origin) -> Result<(), StoreError>;

    /// The origins allowed to embed the company's widget, sorted.
    async fn origins(&self, company: CompanyId) -> Result<Vec<Origin>, StoreError>;

    async fn is_origin_allowed(&self, company: &CompanySlug, origin: &Origin) -> Result<bool, StoreError>;

    /// Whether any company allows `origin`: the widget's files are shared by all.
    async fn is_origin_allowed_anywhere(&self, origin: &Origin) -> Result<bool, StoreError>;
}

macro_rules! select_company {
    ($filter:literal) => {
        concat!(
            "SELECT id, slug, name, accent_color, font_family, logo_url, default_locale, retention_days, \
             silence_alarm_days, late_promise_mail, report_default_shows, report_digest_weekday FROM companies WHERE ",
            $filter
        )
    };
}

/// Rebuilds a company, checking the rules again: a row that no longer
/// satisfies them is reported, never served half-read.
fn company_from(row: &Row) -> Result<Company, StoreError> {
    let slug: String = row.get(1)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("company {slug:?}: {what}"));
    Ok(Company {
        id: row.get(0)?,
        public: CompanyPublic {
            slug: CompanySlug::parse(&slug).map_err(|_| corrupt("slug"))?,
            name: row.get(2)?,
            branding: Branding {
                accent_color: HexColor::parse(&row.get::<String>(3)?).map_err(|_| corrupt("accent_color"))?,
                font_family: row.get(4)?,
                logo_url: row.get(5)?,
            },
            default_locale: Locale::parse(&row.get::<String>(6)?).map_err(|_| corrupt("default_locale"))?,
            retention_days: row.get(7)?,
        },
        silence_alarm_days: row.get(8)?,
        late_promise_mail: row.get(9)?,
        reports: ReportSettings {
            default_shows: Shows::parse(&row.get::<String>(10)?).ok_or_else(|| corrupt("report_default_shows"))?,
            digest_weekday: row.get(11)?,
        },
    })
}

#[async_trait]
impl<B: Backend> CompanyStore for SqlStore<B> {
    async fn company_by_slug(&self, slug: &CompanySlug) -> Result<Option<Company>, StoreError> {
        let read = || {
            self.run(Tx::Auto, slug.clone(), |c, slug| {
                Box::pin(async move {
                    c.optional(select_company!("slug = $1"), args![slug.as_str()])
                        .await?
                        .map(|r| company_from(&r))
                        .transpose()
                })
            })
        };
        let generation = self.cache.as_ref().map_or(0, |c| c.companies_generation());
        cache::load(self.cache.as_ref().map(|c| &c.companies), (generation, slug.clone()), read).await
    }

    async fn company(&self, id: CompanyId) -> Result<Option<Company>, StoreError> {
        self.run(Tx::Auto, id, |c, id| {
            Box::pin(async move { c.optional_as(select_company!("id = $1"), args![*id], company_from).await })
        })
        .await
    }

    async fn create_company(&self, company: &NewCompany) -> Result<CompanyId, StoreError> {
        let id = self
            .run(Tx::Write, company.clone(), |c, new| {
                Box::pin(async move {
                    let p = &new.public;
                    let row = c
                        .one(
                            "INSERT INTO companies (slug, name, accent_color, font_family, logo_url, default_locale, \
                             retention_days, silence_alarm_days, created_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                            args![
                                p.slug.as_str(),
                                &p.name,
                                p.branding.accent_color.as_str(),
                                p.branding.font_family.as_ref(),
                                p.branding.logo_url.as_ref(),
                                p.default_locale.tag(),
                                p.retention_days,
                                new.silence_alarm_days,
                                new.created_at,
                            ],
                        )
                        .await
                        .map_err(|e| e.unique_as(Conflict::CompanySlug))?;
                    let id: CompanyId = row.get(0)?;
                    for origin in &new.origins {
                        c.execute(
                            "INSERT INTO allowed_origins (company_id, origin) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                            args![id, origin.as_str()],
                        )
                        .await?;
                    }
                    Ok(id)
                })
            })
            .await?;
        if let Some(cache) = &self.cache {
            // An earlier "no such company" must not outlive its creation, nor
            // an earlier refusal of its origins.
            cache.forget_company(id).await;
            for origin in &company.origins {
                cache.forget_origin(origin);
            }
        }
        self.publish(Change::Company(id));
        Ok(id)
    }

    async fn update_company(
        &self,
        company: CompanyId,
        settings: &CompanySettings,
        origins: &[Origin],
    ) -> Result<(), StoreError> {
        let data = (company, settings.clone(), origins.to_vec());
        let result = self
            .write_company(company, Tx::Write, data, |c, (id, s, origins)| {
                Box::pin(async move {
                    let changed = c
                        .execute(
                            "UPDATE companies SET name = $2, accent_color = $3, font_family = $4, logo_url = $5, \
                             default_locale = $6, retention_days = $7, silence_alarm_days = $8, \
                             late_promise_mail = $9, report_default_shows = $10, report_digest_weekday = $11 \
                             WHERE id = $1",
                            args![
                                *id,
                                &s.name,
                                s.branding.accent_color.as_str(),
                                s.branding.font_family.as_ref(),
                                s.branding.logo_url.as_ref(),
                                s.default_locale.tag(),
                                s.retention_days,
                                s.silence_alarm_days,
                                s.late_promise_mail,
                                s.reports.default_shows.as_str(),
                                i64::from(s.reports.digest_weekday),
                            ],
                        )
                        .await?;
                    if changed == 0 {
                        return Err(StoreError::NotFound);
                    }
                    c.execute("DELETE FROM allowed_origins WHERE company_id = $1", args![*id]).await?;
                    for origin in origins {
                        c.execute(
                            "INSERT INTO allowed_origins (company_id, origin) VALUES ($1, $2)",
                            args![*id, origin.as_str()],
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .await;
        if let Some(cache) = &self.cache {
            // Any origin's cached answer may have changed, for this company and
            // for "any company": few entries, and settings change rarely.
            cache.origins.invalidate_all();
        }
        result
    }

    async fn allow_origin(&self, company: CompanyId, origin: &Origin) -> Result<(), StoreError> {
        let result = self
            .run(Tx::Write, (company, origin.clone()), |c, (id, origin)| {
                Box::pin(async move {
                    let added = c
                        .execute(
                            "INSERT INTO allowed_origins (company_id, origin) SELECT id, $2 FROM companies \
                             WHERE id = $1 ON CONFLICT DO NOTHING",
                            args![*id, origin.as_str()],
                        )
                        .await?;
                    let exists: bool =
                        c.one("SELECT EXISTS (SELECT 1 FROM companies WHERE id = $1)", args![*id]).await?.get(0)?;
                    if added == 0 && !exists { Err(StoreError::NotFound) } else { Ok(()) }
                })
            })
            .await;
        if let Some(cache) = &self.cache {
            cache.forget_origin(origin);
        }
        self.publish(Change::Company(company));
        result
    }

    async fn origins(&self, company: CompanyId) -> Result<Vec<Origin>, StoreError> {
        let mut origins = self
            .run(Tx::Auto, company, |c, id| {
                Box::pin(async move {
                    let rows = c.query("SELECT origin FROM allowed_origins WHERE company_id = $1", args![*id]).await?;
                    rows.iter()
                        .map(|r| {
                            let o: String = r.get(0)?;
                            Origin::parse(&o).map_err(|_| StoreError::Corrupt(format!("allowed origin {o:?}")))
                        })
                        .collect::<Result<Vec<_>, _>>()
                })
            })
            .await?;
        // Sorted here, not by the database: its collation differs per backend.
        origins.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        Ok(origins)
    }

    async fn is_origin_allowed(&self, company: &CompanySlug, origin: &Origin) -> Result<bool, StoreError> {
        let key = (Some(company.clone()), origin.clone());
        let read = || {
            self.run(Tx::Auto, (company.clone(), origin.clone()), |c, (company, origin)| {
                Box::pin(async move {
                    c.one(
                        "SELECT EXISTS (SELECT 1 FROM allowed_origins a JOIN companies c ON c.id = a.company_id \
                     WHERE c.slug = $1 AND a.origin = $2)",
                        args![company.as_str(), origin.as_str()],
                    )
                    .await?
                    .get(0)
                })
            })
        };
        cache::load(self.cache.as_ref().map(|c| &c.origins), key, read).await
    }

    async fn is_origin_allowed_anywhere(&self, origin: &Origin) -> Result<bool, StoreError> {
        let read = || {
            self.run(Tx::Auto, origin.clone(), |c, origin| {
                Box::pin(async move {
                    c.one("SELECT EXISTS (SELECT 1 FROM allowed_origins WHERE origin = $1)", args![origin.as_str()])
                        .await?
                        .get(0)
                })
            })
        };
        cache::load(self.cache.as_ref().map(|c| &c.origins), (None, origin.clone()), read).await
    }
}
