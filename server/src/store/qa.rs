//! Public questions about postings: asked by anyone, answered (published)
//! or declined by the company, followed by the asker on a private token.

use async_trait::async_trait;
use candor_api::Locale;
use candor_api::qa::{DeclineReason, QuestionState};
use time::OffsetDateTime;

use super::mail::{NewMail, insert_mail};
use super::sql::{Backend, Row, Tx, args};
use super::{CompanyId, Conflict, PostingId, QuestionId, SqlStore, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub struct NewQuestion {
    pub company: CompanyId,
    pub posting: PostingId,
    pub token_selector: String,
    pub token_verifier: Vec<u8>,
    pub text: String,
    pub name: String,
    pub asked_at: OffsetDateTime,
    /// A keyed hash of who asked what (the client's address, the posting,
    /// the text and name as `Ask::sameness` folds them), to know the question
    /// asked again; never the address itself.
    pub repeat_key: Vec<u8>,
    /// The notes to the company's people who asked for one, kept in the
    /// same transaction (each gets the new question's id).
    pub arrival_mails: Vec<NewMail>,
    /// Where the asker hears of the answer (lowercased), if they want to.
    pub email: Option<String>,
    /// The language it was asked in.
    pub locale: Locale,
}

/// What happened to a question that is no longer pending.
#[derive(Debug, Clone, PartialEq)]
pub enum Settlement {
    Answer(String),
    Decline(DeclineReason, String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionRecord {
    pub id: QuestionId,
    pub company: CompanyId,
    pub posting: PostingId,
    pub token_verifier: Vec<u8>,
    pub text: String,
    pub name: String,
    pub asked_at: OffsetDateTime,
    /// `None` while pending.
    pub settled: Option<(Settlement, OffsetDateTime)>,
    /// What the asker's token is derived from (with `asked_at`); `None` for
    /// a question from before repeats were known.
    pub repeat_key: Option<Vec<u8>>,
    /// The asker's address for the one mail of its answer; never published.
    pub email: Option<String>,
    /// The language it was asked in; `None` for questions from before it
    /// was kept (their mail, if any, is in the company's default language).
    pub locale: Option<Locale>,
}

impl QuestionRecord {
    pub fn state(&self) -> QuestionState {
        match &self.settled {
            None => QuestionState::Pending,
            Some((Settlement::Answer(_), _)) => QuestionState::Answered,
            Some((Settlement::Decline(..), _)) => QuestionState::Declined,
        }
    }
}

#[async_trait]
pub trait QuestionStore: Send + Sync {
    async fn create_question(&self, question: &NewQuestion) -> Result<QuestionId, StoreError>;

    /// By its asker's token's selector (the caller verifies the token).
    async fn question_by_selector(&self, selector: &str) -> Result<Option<QuestionRecord>, StoreError>;

    async fn question(&self, company: CompanyId, id: QuestionId) -> Result<Option<QuestionRecord>, StoreError>;

    /// The earliest question on `posting` with this `repeat_key` asked at
    /// `since` or later: the one a repeat of it is answered with.
    async fn repeated_question(
        &self,
        company: CompanyId,
        posting: PostingId,
        repeat_key: &[u8],
        since: OffsetDateTime,
    ) -> Result<Option<QuestionRecord>, StoreError>;

    /// The company's questions, or one posting's, oldest first (by the
    /// time asked, to the microsecond, then by arrival), optionally in one state.
    async fn questions(
        &self,
        company: CompanyId,
        posting: Option<PostingId>,
        state: Option<QuestionState>,
    ) -> Result<Vec<QuestionRecord>, StoreError>;

    /// Answers or declines a pending question. `Conflict::QuestionSettled`
    /// when it is no longer pending (two recruiters at once: the first one wins).
    async fn settle_question(
        &self,
        company: CompanyId,
        id: QuestionId,
        settlement: &Settlement,
        at: OffsetDateTime,
        mail: Option<&NewMail>,
    ) -> Result<(), StoreError>;

    /// The company's questions whose asker left this (lowercased) address,
    /// oldest first: for "Lost your link?".
    async fn questions_by_email(&self, company: CompanyId, email: &str) -> Result<Vec<QuestionRecord>, StoreError>;

    /// Forgets the asker's address (asked by the asker, or by retention):
    /// the question stays, and so do the company people's notes of it, but
    /// the asker's own mail goes from the outbox with it (sent or not: it
    /// holds the address, and unsent, nobody wants it any more).
    /// `NotFound` when there is no such question.
    async fn forget_question_address(&self, company: CompanyId, id: QuestionId) -> Result<(), StoreError>;

    /// Every settled question that still keeps its asker's address, with
    /// the day it was settled and its company's retention period in days:
    /// what the retention job weighs.
    async fn settled_question_addresses(&self) -> Result<Vec<SettledAddress>, StoreError>;
}

/// A settled question whose asker's address is still kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettledAddress {
    pub company: CompanyId,
    pub id: QuestionId,
    pub settled_at: OffsetDateTime,
    pub retention_days: u32,
}

macro_rules! select_question {
    ($filter:literal) => {
        concat!(
            "SELECT id, company_id, posting_id, token_verifier, text, name, asked_at, state, answer, answered_at, \
             decline_reason, decline_message, declined_at, repeat_key, email, locale FROM questions WHERE ",
            $filter
        )
    };
}

fn state_name(state: QuestionState) -> &'static str {
    match state {
        QuestionState::Pending => "pending",
        QuestionState::Answered => "answered",
        QuestionState::Declined => "declined",
    }
}

fn question_from(row: &Row) -> Result<QuestionRecord, StoreError> {
    let id: QuestionId = row.get(0)?;
    let state: String = row.get(7)?;
    let corrupt = || StoreError::Corrupt(format!("question {}: state {state:?}", id.0));
    let answered_at: Option<OffsetDateTime> = row.get(9)?;
    let reason: Option<String> = row.get(10)?;
    let declined_at: Option<OffsetDateTime> = row.get(12)?;
    let settled = match (state.as_str(), answered_at, reason.as_deref(), declined_at) {
        ("pending", ..) => None,
        ("answered", Some(at), _, _) => Some((Settlement::Answer(row.get(8)?), at)),
        ("declined", _, Some(reason), Some(at)) => {
            let reason = DeclineReason::parse(reason).ok_or_else(corrupt)?;
            Some((Settlement::Decline(reason, row.get(11)?), at))
        }
        _ => return Err(corrupt()),
    };
    let locale = match row.get::<Option<String>>(15)? {
        Some(tag) => Some(Locale::parse(&tag).map_err(|_| StoreError::Corrupt(format!("question {}: locale", id.0)))?),
        None => None,
    };
    Ok(QuestionRecord {
        id,
        company: row.get(1)?,
        posting: row.get(2)?,
        token_verifier: row.get(3)?,
        text: row.get(4)?,
        name: row.get(5)?,
        asked_at: row.get(6)?,
        settled,
        repeat_key: row.get(13)?,
        email: row.get(14)?,
        locale,
    })
}

#[async_trait]
impl<B: Backend> QuestionStore for SqlStore<B> {
    async fn create_question(&self, question: &NewQuestion) -> Result<QuestionId, StoreError> {
        let tx = if question.arrival_mails.is_empty() { Tx::Auto } else { Tx::Write };
        self.run(tx, question.clone(), |c, q| {
            Box::pin(async move {
                // Only about a posting of the company it names.
                let sql = "INSERT INTO questions (company_id, posting_id, token_selector, token_verifier, text, name, \
                           asked_at, state, repeat_key, email, locale) \
                           SELECT company_id, id, $3, $4, $5, $6, $7, 'pending', $8, $9, $10 \
                           FROM postings WHERE id = $2 AND company_id = $1 RETURNING id";
                let args = args![
                    q.company,
                    q.posting,
                    &q.token_selector,
                    &q.token_verifier,
                    &q.text,
                    &q.name,
                    q.asked_at,
                    &q.repeat_key,
                    q.email.as_ref(),
                    q.locale.tag()
                ];
                let id: QuestionId = c.optional(sql, args).await?.ok_or(StoreError::NotFound)?.get(0)?;
                for mail in &q.arrival_mails {
                    insert_mail(c, &NewMail { question: Some(id), ..mail.clone() }, None).await?;
                }
                Ok(id)
            })
        })
        .await
    }

    async fn question_by_selector(&self, selector: &str) -> Result<Option<QuestionRecord>, StoreError> {
        self.run(Tx::Auto, selector.to_owned(), |c, selector| {
            Box::pin(async move {
                c.optional_as(select_question!("token_selector = $1"), args![selector], question_from).await
            })
        })
        .await
    }

    async fn question(&self, company: CompanyId, id: QuestionId) -> Result<Option<QuestionRecord>, StoreError> {
        self.run(Tx::Auto, (company, id), |c, (company, id)| {
            Box::pin(async move {
                c.optional_as(select_question!("id = $1 AND company_id = $2"), args![*id, *company], question_from)
                    .await
            })
        })
        .await
    }

    async fn repeated_question(
        &self,
        company: CompanyId,
        posting: PostingId,
        repeat_key: &[u8],
        since: OffsetDateTime,
    ) -> Result<Option<QuestionRecord>, StoreError> {
        self.run(Tx::Auto, (company, posting, repeat_key.to_vec(), since), |c, (company, posting, key, since)| {
            Box::pin(async move {
                c.optional_as(
                    select_question!(
                        "company_id = $1 AND posting_id = $2 AND repeat_key = $3 AND asked_at >= $4 \
                         ORDER BY asked_at, id LIMIT 1"
                    ),
                    args![*company, *posting, key, *since],
                    question_from,
                )
                .await
            })
        })
        .await
    }

    async fn questions(
        &self,
        company: CompanyId,
        posting: Option<PostingId>,
        state: Option<QuestionState>,
    ) -> Result<Vec<QuestionRecord>, StoreError> {
        let state = state.map(state_name);
        self.run(Tx::Auto, (company, posting, state), |c, (company, posting, state)| {
            Box::pin(async move {
                c.all_as(
                    select_question!(
                        "company_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR posting_id = $2) \
                             AND (CAST($3 AS TEXT) IS NULL OR state = $3) ORDER BY asked_at, id"
                    ),
                    args![*company, *posting, *state],
                    question_from,
                )
                .await
            })
        })
        .await
    }

    async fn settle_question(
        &self,
        company: CompanyId,
        id: QuestionId,
        settlement: &Settlement,
        at: OffsetDateTime,
        mail: Option<&NewMail>,
    ) -> Result<(), StoreError> {
        let args = (company, id, settlement.clone(), at, mail.cloned());
        self.run(Tx::Write, args, |c, (company, id, settlement, at, mail)| {
            Box::pin(async move {
                let (state, answer, reason, message, answered_at, declined_at) = match settlement {
                    Settlement::Answer(answer) => ("answered", answer.as_str(), None, "", Some(*at), None),
                    Settlement::Decline(reason, message) => {
                        ("declined", "", Some(reason.as_str()), message.as_str(), None, Some(*at))
                    }
                };
                let changed = c
                    .execute(
                        "UPDATE questions SET state = $3, answer = $4, answered_at = $5, decline_reason = $6, \
                         decline_message = $7, declined_at = $8 WHERE id = $1 AND company_id = $2 AND state = 'pending'",
                        args![*id, *company, state, answer, answered_at, reason, message, declined_at],
                    )
                    .await?;
                if changed == 1 {
                    // The asker's mail with the settlement: both or neither,
                    // and only for the recruiter whose settlement stands.
                    if let Some(mail) = mail {
                        insert_mail(c, mail, None).await?;
                    }
                    return Ok(());
                }
                let exists: bool = c
                    .one("SELECT EXISTS (SELECT 1 FROM questions WHERE id = $1 AND company_id = $2)", args![
                        *id, *company
                    ])
                    .await?
                    .get(0)?;
                Err(if exists { Conflict::QuestionSettled.into() } else { StoreError::NotFound })
            })
        })
        .await
    }

    async fn questions_by_email(&self, company: CompanyId, email: &str) -> Result<Vec<QuestionRecord>, StoreError> {
        self.run(Tx::Auto, (company, email.to_lowercase()), |c, (company, email)| {
            Box::pin(async move {
                c.all_as(
                    select_question!("company_id = $1 AND email = $2 ORDER BY asked_at, id"),
                    args![*company, email],
                    question_from,
                )
                .await
            })
        })
        .await
    }

    async fn forget_question_address(&self, company: CompanyId, id: QuestionId) -> Result<(), StoreError> {
        self.run(Tx::Write, (company, id), |c, (company, id)| {
            Box::pin(async move {
                let changed = c
                    .execute(
                        "UPDATE questions SET email = NULL WHERE id = $1 AND company_id = $2",
                        args![*id, *company],
                    )
                    .await?;
                if changed == 0 {
                    return Err(StoreError::NotFound);
                }
                // The asker's mail is the question's one without a person
                // of the company as its reader.
                c.execute(
                    "DELETE FROM outbox WHERE question_id = $1 AND company_id = $2 AND user_id IS NULL",
                    args![*id, *company],
                )
                .await?;
                Ok(())
            })
        })
        .await
    }

    async fn settled_question_addresses(&self) -> Result<Vec<SettledAddress>, StoreError> {
        self.run(Tx::Read, (), |c, ()| {
            Box::pin(async move {
                let sql = "SELECT q.company_id, q.id, COALESCE(q.answered_at, q.declined_at), c.retention_days \
                           FROM questions q JOIN companies c ON c.id = q.company_id \
                           WHERE q.email IS NOT NULL AND q.state <> 'pending' ORDER BY q.id";
                c.all_as(sql, args![], |row| {
                    Ok(SettledAddress {
                        company: row.get(0)?,
                        id: row.get(1)?,
                        settled_at: row.get(2)?,
                        retention_days: row.get(3)?,
                    })
                })
                .await
            })
        })
        .await
    }
}
