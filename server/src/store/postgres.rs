//! The scale-out backend: PostgreSQL through tokio-postgres on a deadpool pool.

use std::error::Error;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;
use bytes::{BufMut, BytesMut};
use deadpool_postgres::{ClientWrapper, Manager, ManagerConfig, Pool, RecyclingMethod, Transaction};
use futures_util::StreamExt;
use time::OffsetDateTime;
use tokio::sync::{mpsc, oneshot};
use tokio_postgres::error::SqlState;
use tokio_postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};
use tokio_postgres::{AsyncMessage, IsolationLevel, NoTls};

use super::sql::{
    Backend, Cell, Conn, Dialect, Notice, Notices, PoolUse, Row, SqlError, SqlErrorKind, Tx, Value, Work,
};
use super::{Conflict, StoreError};

mod embedded {
    refinery::embed_migrations!("migrations/postgres");
}

/// How many times a serialisable transaction is tried before its conflict
/// is reported: two admins demoting each other at the same moment is rare,
/// and a later attempt sees the first one's result, once that one has
/// committed. An immediate retry can start before it has (on a busy
/// machine the winner's commit is still on its way) and lose again, so the
/// attempts wait a little longer each time (2, 4, 8, 16, 32 ms).
const ATTEMPTS: u32 = 6;

pub struct Postgres {
    pool: Pool,
    /// For the listener's own connection, which LISTEN holds.
    config: tokio_postgres::Config,
    /// Drawn at random when this process connects (see `changes.rs`).
    instance: i64,
    /// To the publisher, which writes one batch at a time.
    changes: mpsc::UnboundedSender<Queued>,
}

/// The most changes one statement publishes.
const BATCH: usize = 64;

/// The channel changes are told on, `candor_changes:<schema>`: one per schema, as NOTIFY's channels
/// are the database's, and tests (or two deployments) may each have a
/// schema of one database. (PostgreSQL allows 63 bytes: a schema's name
/// of up to 48.)
macro_rules! channel {
    () => {
        "('candor_changes:' || current_schema())"
    };
}

/// One statement per batch: the rows, and a notification for each, which
/// PostgreSQL sends when the statement commits. The payload is the row's
/// ids, space-separated: `id instance kind ref_id`.
const PUBLISH: &str = concat!(
    "WITH written AS ( \
     INSERT INTO live_changes (instance, kind, ref_id) \
     SELECT $1, kind, ref_id FROM unnest($2::text[], $3::bigint[]) AS batch (kind, ref_id) \
     RETURNING id, instance, kind, ref_id) \
     SELECT pg_notify(",
    channel!(),
    ", id::text || ' ' || instance::text || ' ' || kind || ' ' || ref_id::text) FROM written"
);

/// The channel's name, for the listener's LISTEN.
const CHANNEL: &str = concat!("SELECT ", channel!());

impl Postgres {
    /// Connects (the URL may carry `options=-csearch_path=…` to pick a
    /// schema) and brings the schema up to date.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let config = tokio_postgres::Config::from_str(url).context("reading the PostgreSQL URL")?;
        // Fast recycling: a broken connection shows itself on first use,
        // and the query a "verified" checkout costs is not paid on every request.
        let manager =
            Manager::from_config(config.clone(), NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager).max_size(16).build().context("building the PostgreSQL pool")?;
        let mut client = pool.get().await.context("connecting to PostgreSQL")?;
        let client: &mut tokio_postgres::Client = &mut client;
        super::sql::migrations(embedded::migrations::runner())
            .run_async(client)
            .await
            .context("applying PostgreSQL migrations")?;
        let instance = rand::random::<i64>();
        let (changes, queue) = mpsc::unbounded_channel();
        tokio::spawn(publish(pool.clone(), instance, queue));
        Ok(Postgres { pool, config, instance, changes })
    }

    async fn attempt<D, T>(&self, tx: Tx, data: &D, work: Work<D, T>) -> Result<T, StoreError>
    where
        D: Send + Sync + 'static,
        T: Send + 'static,
    {
        let mut client = self.pool.get().await.context("no PostgreSQL connection available")?;
        let builder = client.build_transaction();
        let builder = match tx {
            Tx::Auto => return work(&mut PgConn::Client(&client), data).await,
            // One snapshot for all the reads.
            Tx::Read => builder.isolation_level(IsolationLevel::RepeatableRead).read_only(true),
            Tx::Write => builder,
            Tx::Serializable => builder.isolation_level(IsolationLevel::Serializable),
        };
        let transaction = builder.start().await.map_err(pg_error)?;
        let done = work(&mut PgConn::Tx(&transaction), data).await?;
        // Dropped without a commit (an error above), it rolls back.
        transaction.commit().await.map_err(pg_error)?;
        Ok(done)
    }
}

#[async_trait]
impl Backend for Postgres {
    async fn run<D, T>(&self, tx: Tx, data: D, work: Work<D, T>) -> Result<T, StoreError>
    where
        D: Send + Sync + 'static,
        T: Send + 'static,
    {
        let mut attempt = 1;
        loop {
            match self.attempt(tx, &data, work).await {
                Err(StoreError::Conflict(Conflict::Concurrent)) if tx == Tx::Serializable && attempt < ATTEMPTS => {
                    tokio::time::sleep(std::time::Duration::from_millis(1 << attempt)).await;
                    attempt += 1;
                }
                done => return done,
            }
        }
    }

    fn latest_migration(&self) -> i64 {
        super::sql::newest_migration(&embedded::migrations::runner())
    }

    fn pool_use(&self) -> PoolUse {
        let status = self.pool.status();
        fn count<N: TryInto<u64>>(n: N) -> u64 {
            n.try_into().unwrap_or(0)
        }
        PoolUse { open: count(status.size), idle: count(status.available), max: count(status.max_size) }
    }

    fn instance(&self) -> i64 {
        self.instance
    }

    fn publish(&self, kind: &'static str, id: i64) {
        // Gone only when this store is: nobody is left to tell.
        let _ = self.changes.send(Queued::Change(kind, id));
    }

    async fn published(&self) {
        let (done, published) = oneshot::channel();
        if self.changes.send(Queued::Flushed(done)).is_ok() {
            let _ = published.await;
        }
    }

    async fn listen(&self) -> Result<Option<Notices>, StoreError> {
        let mut config = self.config.clone();
        // Named, so that an operator (and a test) can find it among the
        // backends; kept alive so that a peer that vanished shows within
        // half a minute rather than when the kernel gives up.
        config
            .application_name("candor-listener")
            .keepalives(true)
            .keepalives_idle(Duration::from_secs(10))
            .keepalives_interval(Duration::from_secs(5))
            .keepalives_retries(3);
        let (client, mut connection) = config.connect(NoTls).await.map_err(pg_error)?;
        let (heard, receiver) = mpsc::unbounded_channel();
        let instance = self.instance;
        // The connection yields the notifications, and must be polled for
        // the client's LISTEN to be answered at all.
        tokio::spawn(async move {
            let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
            while let Some(message) = messages.next().await {
                match message {
                    Ok(AsyncMessage::Notification(notice)) => match read_notice(notice.payload()) {
                        Some((writer, _)) if writer == instance => {}
                        Some((_, notice)) => {
                            if heard.send(notice).is_err() {
                                return;
                            }
                        }
                        None => tracing::warn!(payload = notice.payload(), "a change this instance can't read"),
                    },
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "the connection that hears other instances' changes failed");
                        return;
                    }
                }
            }
        });
        let channel: String = client.query_one(CHANNEL, &[]).await.map_err(pg_error)?.get(0);
        client.batch_execute(&format!("LISTEN \"{}\"", channel.replace('"', "\"\""))).await.map_err(pg_error)?;
        Ok(Some(Notices::new(receiver, Box::new(client))))
    }
}

/// A notification's payload: its writer, and the change.
fn read_notice(payload: &str) -> Option<(i64, Notice)> {
    let mut parts = payload.split(' ');
    let id = parts.next()?.parse().ok()?;
    let writer = parts.next()?.parse().ok()?;
    let kind = parts.next()?.to_owned();
    let ref_id = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((writer, Notice { id, kind, ref_id }))
}

/// What the publisher is handed: a change (its kind and row id), or a
/// wish to hear once everything handed before is published.
enum Queued {
    Change(&'static str, i64),
    Flushed(oneshot::Sender<()>),
}

/// The advisory lock every instance's publisher holds while it writes: the
/// changes commit in the order of their ids, so that a listener that has
/// seen id N has seen every change before it (NOTIFY takes a lock of the
/// whole database at commit anyway, so this costs no concurrency).
const PUBLISHING: i64 = 0x63616e646f72; // "candor"

/// How many times a batch is tried before it is given up: about half a
/// minute. A stream elsewhere that reads a database this long gone has
/// ended and reconnected, and so reads afresh what it missed.
const TRIES: u32 = 12;

/// Publishes what `queue` brings, one batch at a time and in order, until
/// the store is dropped. A batch that fails is tried again, waiting longer
/// each time, and given up after [`TRIES`], said in the log.
async fn publish(pool: Pool, instance: i64, mut queue: mpsc::UnboundedReceiver<Queued>) {
    let mut taken = Vec::with_capacity(BATCH);
    while queue.recv_many(&mut taken, BATCH).await > 0 {
        let mut flushed = Vec::new();
        let (kinds, ids): (Vec<&str>, Vec<i64>) = taken
            .drain(..)
            .filter_map(|queued| match queued {
                Queued::Change(kind, id) => Some((kind, id)),
                Queued::Flushed(done) => {
                    flushed.push(done);
                    None
                }
            })
            .unzip();
        let mut wait = Duration::from_millis(50);
        for attempt in 1..=TRIES {
            if kinds.is_empty() {
                break;
            }
            let sent = async {
                let mut client = pool.get().await.context("no PostgreSQL connection available")?;
                let transaction = client.transaction().await?;
                transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&PUBLISHING]).await?;
                let statement = transaction.prepare_cached(PUBLISH).await?;
                transaction.execute(&statement, &[&instance, &kinds, &ids]).await?;
                transaction.commit().await?;
                anyhow::Ok(())
            };
            match sent.await {
                Ok(()) => break,
                Err(e) if attempt == TRIES => {
                    tracing::error!(error = %e, changes = kinds.len(), "gave up telling the other instances of these changes");
                }
                Err(e) => {
                    tracing::warn!(error = %e, changes = kinds.len(), "telling the other instances failed; trying again");
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_secs(5));
                }
            }
        }
        for done in flushed {
            let _ = done.send(());
        }
    }
}

enum PgConn<'a> {
    Client(&'a ClientWrapper),
    Tx(&'a Transaction<'a>),
}

impl PgConn<'_> {
    async fn statement(&self, sql: &str) -> Result<tokio_postgres::Statement, SqlError> {
        match self {
            PgConn::Client(client) => client.prepare_cached(sql).await,
            PgConn::Tx(tx) => tx.prepare_cached(sql).await,
        }
        .map_err(pg_error)
    }
}

fn params<'a>(args: &'a [Value<'_>]) -> Vec<&'a (dyn ToSql + Sync)> {
    args.iter().map(|a| a as &(dyn ToSql + Sync)).collect()
}

#[async_trait]
impl Conn for PgConn<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    async fn execute(&mut self, sql: &str, args: &[Value<'_>]) -> Result<u64, SqlError> {
        let statement = self.statement(sql).await?;
        let params = params(args);
        match self {
            PgConn::Client(client) => client.execute(&statement, &params).await,
            PgConn::Tx(tx) => tx.execute(&statement, &params).await,
        }
        .map_err(pg_error)
    }

    async fn query(&mut self, sql: &str, args: &[Value<'_>]) -> Result<Vec<Row>, SqlError> {
        let statement = self.statement(sql).await?;
        let params = params(args);
        let rows = match self {
            PgConn::Client(client) => client.query(&statement, &params).await,
            PgConn::Tx(tx) => tx.query(&statement, &params).await,
        }
        .map_err(pg_error)?;
        rows.iter()
            .map(|row| (0..row.len()).map(|i| row.try_get::<_, Cell>(i)).collect::<Result<Vec<_>, _>>().map(Row))
            .collect::<Result<_, _>>()
            .map_err(pg_error)
    }
}

fn pg_error(e: tokio_postgres::Error) -> SqlError {
    let kind = match e.code() {
        Some(&SqlState::UNIQUE_VIOLATION) => SqlErrorKind::UniqueViolation,
        Some(&SqlState::T_R_SERIALIZATION_FAILURE | &SqlState::T_R_DEADLOCK_DETECTED) => {
            SqlErrorKind::SerializationFailure
        }
        _ => SqlErrorKind::Other,
    };
    SqlError { kind, source: e.into() }
}

type BoxError = Box<dyn Error + Sync + Send>;

/// Binds with the type PostgreSQL gave the parameter: an integer to
/// `integer` or `bigint` as the column is, a day to `date`, JSON to `jsonb`.
fn bind<T: ToSql>(value: T, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
    // The value itself stays out of the message: it may be a secret's hash.
    if T::accepts(ty) {
        value.to_sql(ty, out)
    } else {
        Err(format!("a {ty} parameter can't take a {}", std::any::type_name::<T>()).into())
    }
}

impl ToSql for Value<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(n) => match *ty {
                Type::INT2 => bind(i16::try_from(*n)?, ty, out),
                Type::INT4 => bind(i32::try_from(*n)?, ty, out),
                _ => bind(*n, ty, out),
            },
            Value::Text(s) => bind(s.as_ref(), ty, out),
            Value::Bytes(b) => bind(*b, ty, out),
            Value::Bool(b) => bind(*b, ty, out),
            Value::Time(at) => bind(*at, ty, out),
            Value::Day(day) => {
                let month = time::Month::try_from(day.month())?;
                bind(time::Date::from_calendar_date(day.year(), month, day.day())?, ty, out)
            }
            Value::Json(json) if *ty == Type::JSONB => {
                // jsonb's binary form: a version byte, then the text.
                out.put_u8(1);
                out.put_slice(json.as_bytes());
                Ok(IsNull::No)
            }
            Value::Json(json) => bind(json.as_str(), ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        // Every type `to_sql` knows; it refuses the rest with a message.
        true
    }

    to_sql_checked!();
}

impl<'a> FromSql<'a> for Cell {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(match *ty {
            Type::INT2 => Cell::Int(i16::from_sql(ty, raw)?.into()),
            Type::INT4 => Cell::Int(i32::from_sql(ty, raw)?.into()),
            Type::INT8 => Cell::Int(i64::from_sql(ty, raw)?),
            Type::FLOAT8 => Cell::Real(f64::from_sql(ty, raw)?),
            Type::BOOL => Cell::Bool(bool::from_sql(ty, raw)?),
            Type::BYTEA => Cell::Bytes(Vec::<u8>::from_sql(ty, raw)?),
            Type::TIMESTAMPTZ => Cell::Time(OffsetDateTime::from_sql(ty, raw)?),
            Type::DATE => Cell::Date(time::Date::from_sql(ty, raw)?),
            Type::JSONB => match raw.split_first() {
                Some((1, text)) => Cell::Text(std::str::from_utf8(text)?.to_owned()),
                _ => return Err("a jsonb value of an unknown version".into()),
            },
            _ if <&str as FromSql>::accepts(ty) => Cell::Text(<&str>::from_sql(ty, raw)?.to_owned()),
            _ => return Err(format!("a column of type {ty}, which the store does not read").into()),
        })
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(Cell::Null)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_reads_as_its_writer_and_change() {
        let notice = |id, kind: &str, ref_id| Notice { id, kind: kind.to_owned(), ref_id };
        assert_eq!(read_notice("12 -7 application 3"), Some((-7, notice(12, "application", 3))));
        assert_eq!(read_notice("13 7 company 4"), Some((7, notice(13, "company", 4))));
        for garbled in ["", "12 7 application", "12 7 application 3 4", "x 7 company 4", "12 y company 4"] {
            assert_eq!(read_notice(garbled), None, "{garbled:?}");
        }
    }
}
