//! A fresh database per test, on SQLite or on PostgreSQL: shared by the API
//! tests and the store's contract tests (each includes it with `#[path]`).

/// Which database a test runs on: SQLite always, PostgreSQL when
/// `CANDOR_TEST_POSTGRES_URL` is set.
#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    Postgres(String),
}

impl Backend {
    pub fn postgres() -> Option<Backend> {
        std::env::var("CANDOR_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty()).map(Backend::Postgres)
    }
}

/// A database of the test's own, removed when dropped.
pub struct Database {
    /// What `store::open` and `--database-url` take.
    pub url: String,
    _guard: Guard,
}

enum Guard {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { url: String, schema: String },
}

impl Database {
    pub async fn fresh(backend: Backend) -> Database {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("a temporary directory");
                let url = format!("sqlite://{}", dir.path().join("candor.sqlite3").display());
                Database { url, _guard: Guard::Sqlite(dir) }
            }
            Backend::Postgres(base) => {
                // A schema per test: tests run in parallel on one database and
                // never see each other's rows.
                let schema = format!("candor_test_{:016x}", rand::random::<u64>());
                let (client, connection) =
                    tokio_postgres::connect(&base, tokio_postgres::NoTls).await.expect("PostgreSQL is reachable");
                tokio::spawn(connection);
                client.batch_execute(&format!("CREATE SCHEMA {schema}")).await.expect("a fresh schema");
                let separator = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{separator}options=-csearch_path%3D{schema}");
                Database { url, _guard: Guard::Postgres { url: base, schema } }
            }
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Guard::Postgres { url, schema } = self {
            let (url, schema) = (url.clone(), schema.clone());
            // Drop runs inside the test's runtime, which can't be blocked on:
            // clean up from a thread with a runtime of its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                rt.block_on(async {
                    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await.ok()?;
                    tokio::spawn(connection);
                    client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).await.ok()
                })
            })
            .join();
        }
    }
}
