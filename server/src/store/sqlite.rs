//! The embedded default: SQLite through rusqlite, in WAL mode.
//!
//! rusqlite is synchronous, so each unit of work runs on Tokio's blocking
//! pool with a connection from an r2d2 pool. r2d2 rather than
//! deadpool-sqlite because the latter checks every connection out with an
//! extra query on an extra thread hop, which doubled the cost of the
//! cheapest reads; r2d2 with `test_on_check_out(false)` costs one hop per
//! unit of work.

use std::path::Path;
use std::task::{Context, Poll, Waker};

use anyhow::Context as _;
use async_trait::async_trait;
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};

use super::StoreError;
use super::sql::{Backend, Cell, Conn, Dialect, PoolUse, Row, SqlError, SqlErrorKind, Tx, Value, Work};

mod embedded {
    refinery::embed_migrations!("migrations/sqlite");
}

type Pool = r2d2::Pool<SqliteConnectionManager>;

pub struct Sqlite {
    pool: Pool,
}

impl Sqlite {
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
            migrate(&mut conn)?;
            drop(conn);
            Ok(Sqlite { pool })
        })
        .await?
    }
}

/// Copies the SQLite database at `from` to `to` while instances use it:
/// SQLite's online backup API (through rusqlite), one step over every page
/// so that a write meanwhile can't restart it (in WAL mode the read it
/// holds doesn't stop writers). Written beside `to` first and renamed once
/// whole, so that `to` is never half a backup. The copy's size in bytes.
pub fn backup(from: &Path, to: &Path) -> anyhow::Result<u64> {
    let source = Connection::open_with_flags(
        from,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("opening {}", from.display()))?;
    if let (Ok(a), Ok(b)) = (from.canonicalize(), to.canonicalize()) {
        anyhow::ensure!(a != b, "the backup would replace the database itself");
    }
    let mut partial = to.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    match std::fs::remove_file(&partial) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e).context("removing an unfinished backup"),
        _ => {}
    }
    let copied = copy_into(&source, &partial, to);
    if copied.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    copied
}

/// The backup's steps, into `partial`, then renamed to `to`.
fn copy_into(source: &Connection, partial: &Path, to: &Path) -> anyhow::Result<u64> {
    use rusqlite::backup::{Backup, StepResult};
    {
        let mut copy = Connection::open(partial).with_context(|| format!("creating {}", partial.display()))?;
        let backup = Backup::new(source, &mut copy)?;
        // A writer holding the lock at the moment: wait and try again.
        let mut busy = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked if busy < 200 => {
                    busy += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                StepResult::Busy | StepResult::Locked => anyhow::bail!("the database stayed locked for 10 s"),
                other => anyhow::bail!("the backup stopped: {other:?}"),
            }
        }
    }
    let copy = Connection::open(partial)?;
    let check: String = copy.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    anyhow::ensure!(check == "ok", "the copy fails SQLite's check: {check}");
    drop(copy);
    std::fs::rename(partial, to).with_context(|| format!("moving the backup to {}", to.display()))?;
    // The rename itself made durable, as the copy's pages already are.
    if let Some(folder) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::File::open(folder)?.sync_all()?;
    }
    Ok(std::fs::metadata(to)?.len())
}

/// Brings the schema up to date with foreign keys off meanwhile: a
/// migration that rebuilds a table others refer to (SQLite can't drop a
/// constraint in place) would otherwise cascade its `DROP TABLE` into
/// them, and SQLite ignores the switch inside the transaction each
/// migration runs in. What every row refers to is checked before they are
/// back on, as SQLite's own procedure for such changes does.
fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let migrated =
        super::sql::migrations(embedded::migrations::runner()).run(conn).context("applying SQLite migrations");
    let dangling = conn.prepare("PRAGMA foreign_key_check")?.query([])?.next()?.is_some();
    conn.execute_batch("PRAGMA foreign_keys = ON")?;
    migrated?;
    anyhow::ensure!(!dangling, "after the SQLite migrations, a row refers to one that is gone");
    Ok(())
}

#[async_trait]
impl Backend for Sqlite {
    async fn run<D, T>(&self, tx: Tx, data: D, work: Work<D, T>) -> Result<T, StoreError>
    where
        D: Send + Sync + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().context("no SQLite connection available")?;
            // BEGIN and COMMIT as statements rather than rusqlite's
            // `Transaction`, which borrows the connection in a way that
            // can't be sent, and the work's future must be `Send`.
            let begin = match tx {
                Tx::Auto => None,
                Tx::Read => Some("BEGIN DEFERRED"),
                Tx::Write | Tx::Serializable => Some("BEGIN IMMEDIATE"),
            };
            if let Some(begin) = begin {
                conn.execute_batch(begin).map_err(sql_error)?;
            }
            let result = run_now(&mut SqliteConn { conn: &mut conn }, &data, work);
            if begin.is_some() {
                let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
                if let Err(e) = conn.execute_batch(end) {
                    // A failed COMMIT leaves the transaction open: end it.
                    let _ = conn.execute_batch("ROLLBACK");
                    return Err(sql_error(e).into());
                }
            }
            result
        })
        .await
        .context("SQLite task failed")?
    }

    fn latest_migration(&self) -> i64 {
        super::sql::newest_migration(&embedded::migrations::runner())
    }

    fn pool_use(&self) -> PoolUse {
        let state = self.pool.state();
        PoolUse {
            open: state.connections.into(),
            idle: state.idle_connections.into(),
            max: self.pool.max_size().into(),
        }
    }
}

/// Runs the work to its end at once. Its awaits are SQLite calls, which are
/// synchronous, so it never waits; one that did would be a bug, and says so.
/// Written here because a blocking executor (`futures::executor::block_on`)
/// would only add a park and wake-up that never happens.
fn run_now<D, T>(conn: &mut SqliteConn<'_>, data: &D, work: Work<D, T>) -> Result<T, StoreError> {
    let mut future = work(conn, data);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(result) => result,
        Poll::Pending => Err(StoreError::Backend(anyhow::anyhow!("a SQLite unit of work waited for something"))),
    }
}

struct SqliteConn<'a> {
    conn: &'a mut Connection,
}

impl SqliteConn<'_> {
    fn bind(&self, sql: &str, args: &[Value<'_>]) -> Result<rusqlite::CachedStatement<'_>, SqlError> {
        let mut statement = self.conn.prepare_cached(&super::sql::sqlite_placeholders(sql)).map_err(sql_error)?;
        for (i, arg) in args.iter().enumerate() {
            statement.raw_bind_parameter(i + 1, arg).map_err(sql_error)?;
        }
        Ok(statement)
    }
}

#[async_trait]
impl Conn for SqliteConn<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    async fn execute(&mut self, sql: &str, args: &[Value<'_>]) -> Result<u64, SqlError> {
        let mut statement = self.bind(sql, args)?;
        Ok(statement.raw_execute().map_err(sql_error)? as u64)
    }

    async fn query(&mut self, sql: &str, args: &[Value<'_>]) -> Result<Vec<Row>, SqlError> {
        let mut statement = self.bind(sql, args)?;
        let width = statement.column_count();
        let mut rows = statement.raw_query();
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(sql_error)? {
            let mut cells = Vec::with_capacity(width);
            for i in 0..width {
                cells.push(match row.get_ref(i).map_err(sql_error)? {
                    ValueRef::Null => Cell::Null,
                    ValueRef::Integer(n) => Cell::Int(n),
                    ValueRef::Real(x) => Cell::Real(x),
                    ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Cell::Bytes(b.to_vec()),
                });
            }
            out.push(Row(cells));
        }
        Ok(out)
    }
}

impl ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Owned(rusqlite::types::Value::Null),
            Value::Int(n) => ToSqlOutput::from(*n),
            Value::Text(s) => ToSqlOutput::from(s.as_ref()),
            Value::Bytes(b) => ToSqlOutput::from(*b),
            Value::Bool(b) => ToSqlOutput::from(*b),
            Value::Time(at) => ToSqlOutput::from(super::sql::sqlite_time(*at)),
            Value::Day(day) => ToSqlOutput::from(day.to_string()),
            Value::Json(json) => ToSqlOutput::from(json.as_str()),
        })
    }
}

fn sql_error(e: rusqlite::Error) -> SqlError {
    // SQLite has no serialisation failures: IMMEDIATE transactions take turns.
    let kind = match &e {
        rusqlite::Error::SqliteFailure(failure, _)
            if matches!(
                failure.extended_code,
                rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            ) =>
        {
            SqlErrorKind::UniqueViolation
        }
        _ => SqlErrorKind::Other,
    };
    SqlError { kind, source: e.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_written_before_one_format_are_rewritten_into_it() {
        let mut conn = Connection::open_in_memory().unwrap();
        embedded::migrations::runner().set_target(refinery::Target::Version(8)).run(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO companies (slug, name, accent_color, default_locale, retention_days, silence_alarm_days, \
             created_at) VALUES ('n', 'N', '#000000', 'en', 30, 7, '2026-12-01T09:17:05Z');
             INSERT INTO api_tokens (company_id, role, name, selector, verifier, created_at, revoked_at)
             VALUES (1, 'admin', 't', 's', x'00', '2026-12-01T09:17:05.5Z', NULL);",
        )
        .unwrap();
        embedded::migrations::runner().run(&mut conn).unwrap();
        let company: String = conn.query_row("SELECT created_at FROM companies", [], |r| r.get(0)).unwrap();
        let (created, revoked): (String, Option<String>) = conn
            .query_row("SELECT created_at, revoked_at FROM api_tokens", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!(company, "2026-12-01T09:17:05.000000Z");
        assert_eq!((created.as_str(), revoked), ("2026-12-01T09:17:05.500000Z", None));
        assert!(company < created, "the text sorts as the time does");
    }

    #[test]
    fn one_address_may_sign_in_to_two_companies_and_whatever_refers_to_a_person_survives_the_rebuild() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        embedded::migrations::runner().set_target(refinery::Target::Version(17)).run(&mut conn).unwrap();
        let t = "'2026-12-01T09:17:05.000000Z'";
        conn.execute_batch(&format!(
            "INSERT INTO companies (id, slug, name, accent_color, default_locale, retention_days, silence_alarm_days, \
             created_at) VALUES (1, 'a', 'A', '#000000', 'en', 30, 7, {t}), (2, 'b', 'B', '#000000', 'en', 30, 7, {t});
             INSERT INTO users (id, company_id, email, name, role, password_hash, created_at, locale, notify)
             VALUES (7, 1, 'a@x.example', 'Anna', 'admin', 'h', {t}, 'fi', 'digest');
             INSERT INTO sessions VALUES ('s', x'00', 7, 'c', {t});
             INSERT INTO password_links VALUES ('p', x'00', 7, {t});
             INSERT INTO api_tokens (company_id, role, name, selector, verifier, created_at, created_by)
             VALUES (1, 'admin', 't', 's', x'00', {t}, 7);
             INSERT INTO outbox (company_id, user_id, kind, essential, recipient, locale, subject, text_body, \
             html_body, message_id, raw, created_at, state, next_attempt_at)
             VALUES (1, 7, 'k', 1, 'a@x.example', 'en', 's', 't', 'h', 'm', x'00', {t}, 'pending', {t});"
        ))
        .unwrap();
        migrate(&mut conn).unwrap();
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(count("SELECT count(*) FROM sessions WHERE user_id = 7"), 1);
        assert_eq!(count("SELECT count(*) FROM password_links WHERE user_id = 7"), 1);
        assert_eq!(count("SELECT count(*) FROM api_tokens WHERE created_by = 7"), 1);
        assert_eq!(count("SELECT count(*) FROM outbox WHERE user_id = 7"), 1);
        assert_eq!(count("SELECT count(*) FROM users WHERE id = 7 AND locale = 'fi' AND notify = 'digest'"), 1);
        let add = |company: i64| {
            conn.execute(
                "INSERT INTO users (company_id, email, name, role, created_at) VALUES (?1, 'a@x.example', 'A', 'viewer', ?2)",
                rusqlite::params![company, "2026-12-01T09:17:05.000000Z"],
            )
        };
        assert!(add(2).is_ok(), "another company may use the address");
        assert!(add(1).is_err(), "its own company may not use it twice");
        // The rebuilt table is what the others' foreign keys point at.
        conn.execute("DELETE FROM users WHERE id = 7", []).unwrap();
        assert_eq!(count("SELECT count(*) FROM sessions"), 0);
        assert_eq!(count("SELECT count(*) FROM api_tokens WHERE created_by IS NULL"), 1);
        assert_eq!(count("PRAGMA foreign_keys"), 1, "foreign keys are on again after migrating");
    }
}
