//! The SQL both backends speak, so that every statement and every row is
//! written once.
//!
//! The store's methods are `async fn`s over [`Conn`]: they send statements
//! with `$1`-style parameters ([`Value`]s) and read [`Row`]s of [`Cell`]s.
//! Each backend turns a value into its own column type and a column back
//! into a cell (SQLite keeps times and days as text, PostgreSQL as
//! `timestamptz` and `date`); this file is the one place where a time is
//! written and read.
//!
//! Hand-written rather than sqlx, whose `Any` driver would do the same: the
//! stack is rusqlite and tokio-postgres, which already had their pools,
//! migrations and measured settings (see BENCHMARKS.md), and this layer is
//! the few hundred lines that let one SQL text serve both.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

use async_trait::async_trait;
use candor_api::Day;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{Conflict, StoreError};

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A unit of the store's work: it runs on a connection the backend lends,
/// with data the caller moved in (owned, because SQLite runs it on a
/// blocking thread). A plain function, so a backend can run it again when
/// a serialisable transaction lost a race.
pub type Work<D, T> = for<'c> fn(&'c mut dyn Conn, &'c D) -> BoxFuture<'c, Result<T, StoreError>>;

/// How a unit of work is wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tx {
    /// Each statement commits on its own: one read, or one write.
    Auto,
    /// Several reads that see one snapshot.
    Read,
    /// Writes, all or nothing. On SQLite the write lock is taken at `BEGIN`
    /// (`IMMEDIATE`), so what the work read still holds when it commits; on
    /// PostgreSQL (read committed) it holds only for what one statement
    /// checks and writes itself, or what the work locked (`FOR UPDATE`, an
    /// advisory lock): a check across statements needs one of those.
    Write,
    /// As `Write`, and on PostgreSQL serialisable: for a check over other
    /// rows ("another admin remains") that a concurrent change could falsify.
    /// A transaction that loses is run again (see `postgres.rs`).
    Serializable,
}

/// Which database a statement goes to, for the few places that differ
/// (row locks, advisory locks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A backend: it lends a connection and runs work on it.
#[async_trait]
pub trait Backend: Send + Sync + 'static {
    async fn run<D, T>(&self, tx: Tx, data: D, work: Work<D, T>) -> Result<T, StoreError>
    where
        D: Send + Sync + 'static,
        T: Send + 'static;

    /// The newest migration this binary carries, which a ready database
    /// has applied.
    fn latest_migration(&self) -> i64;

    /// How the connection pool is used right now.
    fn pool_use(&self) -> PoolUse;

    /// This process among those sharing the database: the writer of a
    /// change, who needn't hear it back (see `changes.rs`).
    fn instance(&self) -> i64 {
        0
    }

    /// Tells the other instances of a change (its kind and row id, as
    /// `changes.rs` writes them); none share a database that doesn't
    /// override this.
    fn publish(&self, _kind: &'static str, _id: i64) {}

    /// Resolves once every change handed to `publish` before is told.
    async fn published(&self) {}

    /// Starts hearing the other instances' changes.
    async fn listen(&self) -> Result<Option<Notices>, StoreError> {
        Ok(None)
    }
}

/// A change another instance made, as its backend carried it: its id in
/// `live_changes`, its kind and row id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: i64,
    pub kind: String,
    pub ref_id: i64,
}

/// The notices a backend hears while its connection lasts.
pub struct Notices {
    receiver: tokio::sync::mpsc::UnboundedReceiver<Notice>,
    /// What keeps the connection open (PostgreSQL's client).
    _connection: Box<dyn Send + Sync>,
}

impl Notices {
    pub fn new(receiver: tokio::sync::mpsc::UnboundedReceiver<Notice>, connection: Box<dyn Send + Sync>) -> Self {
        Notices { receiver, _connection: connection }
    }

    /// The next notice; `None` once the connection is lost.
    pub async fn next(&mut self) -> Option<Notice> {
        self.receiver.recv().await
    }
}

/// How a backend applies its migrations at start: those it lacks, in
/// order. A database a newer binary migrated further is no error (its
/// migrations only add): an instance rolled back, or restarted mid-way
/// through a rolling upgrade, still starts (`/readyz` agrees).
pub fn migrations(runner: refinery::Runner) -> refinery::Runner {
    runner.set_abort_missing(false)
}

/// The newest migration a backend's runner carries.
pub fn newest_migration(runner: &refinery::Runner) -> i64 {
    runner.get_migrations().iter().map(|m| i64::from(m.version())).max().unwrap_or(0)
}

/// A connection pool's state, for `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    /// Connections open, lent or idle.
    pub open: u64,
    /// Of those, the ones idle in the pool.
    pub idle: u64,
    /// The most the pool opens.
    pub max: u64,
}

/// A connection (or a transaction on one).
#[async_trait]
pub trait Conn: Send {
    fn dialect(&self) -> Dialect;

    /// Runs a statement; how many rows it changed.
    async fn execute(&mut self, sql: &str, args: &[Value<'_>]) -> Result<u64, SqlError>;

    async fn query(&mut self, sql: &str, args: &[Value<'_>]) -> Result<Vec<Row>, SqlError>;
}

impl dyn Conn + '_ {
    /// The one row a statement answers with (an aggregate, `RETURNING`).
    pub async fn one(&mut self, sql: &str, args: &[Value<'_>]) -> Result<Row, SqlError> {
        self.query(sql, args)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| SqlError { kind: SqlErrorKind::Other, source: anyhow::anyhow!("no row from {sql}") })
    }

    /// The row a statement answers with, if any.
    pub async fn optional(&mut self, sql: &str, args: &[Value<'_>]) -> Result<Option<Row>, SqlError> {
        Ok(self.query(sql, args).await?.into_iter().next())
    }

    /// The row a statement answers with, if any, read by `from`.
    pub async fn optional_as<T>(
        &mut self,
        sql: &str,
        args: &[Value<'_>],
        from: fn(&Row) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        self.optional(sql, args).await?.as_ref().map(from).transpose()
    }

    /// Every row a statement answers with, each read by `from`.
    pub async fn all_as<T>(
        &mut self,
        sql: &str,
        args: &[Value<'_>],
        from: fn(&Row) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        self.query(sql, args).await?.iter().map(from).collect()
    }
}

/// A statement's parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Text(Cow<'a, str>),
    Bytes(&'a [u8]),
    Bool(bool),
    /// UTC, to the microsecond (see [`Value::time`]).
    Time(OffsetDateTime),
    Day(Day),
    /// A JSON document: `jsonb` on PostgreSQL, text on SQLite.
    Json(String),
}

impl Value<'_> {
    /// A time as every backend stores it: in UTC, cut to the microsecond
    /// (PostgreSQL's precision), so that a time reads back the same from
    /// both and orders the same within one second.
    pub fn time(at: OffsetDateTime) -> Value<'static> {
        let at = at.to_offset(time::UtcOffset::UTC);
        Value::Time(at.replace_nanosecond(at.nanosecond() / 1_000 * 1_000).unwrap_or(at))
    }

    /// `value` as a JSON document.
    pub fn json(value: &impl serde::Serialize) -> Result<Value<'static>, StoreError> {
        Ok(Value::Json(serde_json::to_string(value).map_err(anyhow::Error::from)?))
    }
}

impl From<i64> for Value<'_> {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}

impl From<u32> for Value<'_> {
    fn from(n: u32) -> Self {
        Value::Int(n.into())
    }
}

impl From<u16> for Value<'_> {
    fn from(n: u16) -> Self {
        Value::Int(n.into())
    }
}

impl From<usize> for Value<'_> {
    /// Positions and counts in a list: far below `i64::MAX`.
    fn from(n: usize) -> Self {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<bool> for Value<'_> {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(s: &'a String) -> Self {
        Value::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::Text(Cow::Owned(s))
    }
}

impl<'a> From<&'a [u8]> for Value<'a> {
    fn from(b: &'a [u8]) -> Self {
        Value::Bytes(b)
    }
}

impl<'a> From<&'a Vec<u8>> for Value<'a> {
    fn from(b: &'a Vec<u8>) -> Self {
        Value::Bytes(b)
    }
}

impl From<OffsetDateTime> for Value<'_> {
    fn from(at: OffsetDateTime) -> Self {
        Value::time(at)
    }
}

impl From<Day> for Value<'_> {
    fn from(day: Day) -> Self {
        Value::Day(day)
    }
}

impl<'a, T: Into<Value<'a>>> From<Option<T>> for Value<'a> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Value::Null, Into::into)
    }
}

/// A statement's parameters: `args![company, slug.as_str()]`.
macro_rules! args {
    ($($value:expr),* $(,)?) => {
        &[$($crate::store::sql::Value::from($value)),*]
    };
}
pub(crate) use args;

/// A column as read, before the store decides what it means.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
    Bool(bool),
    Time(OffsetDateTime),
    Date(time::Date),
}

/// A row as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Row(pub Vec<Cell>);

impl Row {
    /// Column `i` as a `T`; a column that isn't one is corrupt data.
    pub fn get<T: FromCell>(&self, i: usize) -> Result<T, StoreError> {
        let cell = self.0.get(i).ok_or_else(|| StoreError::Corrupt(format!("a row has no column {i}")))?;
        T::from_cell(cell).ok_or_else(|| StoreError::Corrupt(format!("column {i} is not {}: {}", T::WHAT, cell.kind())))
    }
}

impl Cell {
    /// What a cell holds, without its content: an error about a column
    /// reaches the log, and a column may hold a profile or a secret's hash.
    fn kind(&self) -> String {
        match self {
            Cell::Null => "null".into(),
            Cell::Int(_) => "an integer".into(),
            Cell::Real(_) => "a real number".into(),
            Cell::Text(t) => format!("text of {} characters", t.chars().count()),
            Cell::Bytes(b) => format!("{} bytes", b.len()),
            Cell::Bool(_) => "a boolean".into(),
            Cell::Time(_) => "a time".into(),
            Cell::Date(_) => "a date".into(),
        }
    }
}

/// What a cell can be read as.
pub trait FromCell: Sized {
    const WHAT: &'static str;
    fn from_cell(cell: &Cell) -> Option<Self>;
}

impl FromCell for i64 {
    const WHAT: &'static str = "an integer";
    fn from_cell(cell: &Cell) -> Option<Self> {
        match cell {
            Cell::Int(n) => Some(*n),
            _ => None,
        }
    }
}

/// Integers that must fit their type, or the row is corrupt.
macro_rules! narrow_integer {
    ($($t:ty),*) => {$(
        impl FromCell for $t {
            const WHAT: &'static str = concat!("a ", stringify!($t));
            fn from_cell(cell: &Cell) -> Option<Self> {
                <$t>::try_from(i64::from_cell(cell)?).ok()
            }
        }
    )*};
}
narrow_integer!(u64, u32, u16, u8);

impl FromCell for bool {
    const WHAT: &'static str = "a boolean";
    fn from_cell(cell: &Cell) -> Option<Self> {
        match cell {
            Cell::Bool(b) => Some(*b),
            // SQLite has no booleans: 0 and 1.
            Cell::Int(n) => Some(*n != 0),
            _ => None,
        }
    }
}

impl FromCell for String {
    const WHAT: &'static str = "text";
    fn from_cell(cell: &Cell) -> Option<Self> {
        match cell {
            Cell::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl FromCell for Vec<u8> {
    const WHAT: &'static str = "bytes";
    fn from_cell(cell: &Cell) -> Option<Self> {
        match cell {
            Cell::Bytes(b) => Some(b.clone()),
            _ => None,
        }
    }
}

impl FromCell for OffsetDateTime {
    const WHAT: &'static str = "a time";
    fn from_cell(cell: &Cell) -> Option<Self> {
        match cell {
            Cell::Time(at) => Some(*at),
            // Any RFC 3339 text, so that times written before the fixed
            // width of `sqlite_time` still read.
            Cell::Text(s) => OffsetDateTime::parse(s, &Rfc3339).ok(),
            _ => None,
        }
    }
}

impl FromCell for Day {
    const WHAT: &'static str = "a day";
    fn from_cell(cell: &Cell) -> Option<Self> {
        match cell {
            Cell::Date(d) => Day::from_ymd(d.year(), d.month() as u8, d.day()),
            Cell::Text(s) => Day::parse(s).ok(),
            _ => None,
        }
    }
}

impl<T: FromCell> FromCell for Option<T> {
    const WHAT: &'static str = T::WHAT;
    fn from_cell(cell: &Cell) -> Option<Self> {
        match cell {
            Cell::Null => Some(None),
            other => T::from_cell(other).map(Some),
        }
    }
}

/// A JSON column, read into `T`.
pub struct Json<T>(pub T);

impl<T: serde::de::DeserializeOwned> FromCell for Json<T> {
    const WHAT: &'static str = "a JSON document of the expected shape";
    fn from_cell(cell: &Cell) -> Option<Self> {
        match cell {
            Cell::Text(s) => serde_json::from_str(s).ok().map(Json),
            _ => None,
        }
    }
}

/// How SQLite keeps a time: RFC 3339 in UTC with exactly six decimals, so
/// that the text sorts as the time does (`…:05Z` would sort after
/// `…:05.5Z`).
pub fn sqlite_time(at: OffsetDateTime) -> String {
    const FORMAT: &[time::format_description::BorrowedFormatItem<'_>] =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");
    at.to_offset(time::UtcOffset::UTC).format(FORMAT).unwrap_or_default()
}

/// A backend's error, sorted into what the store acts on.
#[derive(Debug)]
pub struct SqlError {
    pub kind: SqlErrorKind,
    pub source: anyhow::Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqlErrorKind {
    /// A unique key or index refused the row.
    UniqueViolation,
    /// A serialisable transaction lost to a concurrent one.
    SerializationFailure,
    Other,
}

impl SqlError {
    /// A unique violation reported as the named conflict; anything else as is.
    pub fn unique_as(self, conflict: Conflict) -> StoreError {
        if self.kind == SqlErrorKind::UniqueViolation { StoreError::Conflict(conflict) } else { self.into() }
    }
}

impl From<SqlError> for StoreError {
    fn from(e: SqlError) -> Self {
        match e.kind {
            SqlErrorKind::SerializationFailure => StoreError::Conflict(Conflict::Concurrent),
            SqlErrorKind::UniqueViolation | SqlErrorKind::Other => StoreError::Backend(e.source),
        }
    }
}

/// `$1`-style parameters as SQLite's `?1`, outside of quoted text.
pub fn sqlite_placeholders(sql: &str) -> Cow<'_, str> {
    if !sql.contains('$') {
        return Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => quoted = !quoted,
            '$' if !quoted && chars.peek().is_some_and(char::is_ascii_digit) => {
                out.push('?');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_times_sort_as_the_times_do() {
        let at = time::macros::datetime!(2026-12-01 09:17:05 UTC);
        let later = at + time::Duration::milliseconds(500);
        assert_eq!(sqlite_time(at), "2026-12-01T09:17:05.000000Z");
        assert_eq!(sqlite_time(later), "2026-12-01T09:17:05.500000Z");
        assert!(sqlite_time(at) < sqlite_time(later));
        let read = OffsetDateTime::from_cell(&Cell::Text(sqlite_time(later))).unwrap();
        assert_eq!(read, later);
        // Written before the fixed width: still a time.
        assert_eq!(OffsetDateTime::from_cell(&Cell::Text("2026-12-01T09:17:05Z".into())), Some(at));
    }

    #[test]
    fn stored_times_are_cut_to_the_microsecond_in_utc() {
        let at = time::macros::datetime!(2026-12-01 11:17:05.123456789 +02:00);
        assert_eq!(Value::time(at), Value::Time(time::macros::datetime!(2026-12-01 09:17:05.123456 UTC)));
    }

    #[test]
    fn placeholders_become_sqlite_s_outside_quotes() {
        assert_eq!(sqlite_placeholders("SELECT $1, '$2' || $10 FROM t"), "SELECT ?1, '$2' || ?10 FROM t");
        assert!(matches!(sqlite_placeholders("SELECT 1"), Cow::Borrowed(_)));
    }

    #[test]
    fn cells_read_as_what_they_hold() {
        let row = Row(vec![Cell::Int(300), Cell::Null, Cell::Int(1), Cell::Text("2030-01-10".into())]);
        let secret = Row(vec![Cell::Text("$argon2id$a secret hash".into())]);
        let error = secret.get::<i64>(0).unwrap_err().to_string();
        assert!(!error.contains("secret"), "a column's content stays out of errors: {error}");
        assert_eq!(row.get::<u32>(0).unwrap(), 300);
        assert!(row.get::<u16>(0).is_ok() && row.get::<String>(0).is_err());
        assert_eq!(row.get::<Option<String>>(1).unwrap(), None);
        assert!(row.get::<bool>(2).unwrap());
        assert_eq!(row.get::<Day>(3).unwrap(), Day::from_ymd(2030, 1, 10).unwrap());
        assert!(row.get::<i64>(4).is_err(), "no such column");
    }
}
