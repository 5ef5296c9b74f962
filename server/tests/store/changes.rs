//! Changes told between two stores on one database (issue 17): on
//! PostgreSQL the other store hears them as they commit and can read them
//! back from an id, neither of which the writer gets of its own; SQLite,
//! one instance's database, tells nobody.

use std::time::Duration;

use candor_server::store::{self, ApplicationId, Caching, Change, ChangeId, CompanyId, QuestionId};

use crate::database::{Backend, Database};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_store_on_postgresql_hears_a_change_and_can_read_it_back() {
    let Some(backend) = Backend::postgres() else {
        return eprintln!("skipped: CANDOR_TEST_POSTGRES_URL is not set");
    };
    let database = Database::fresh(backend).await;
    let writer = store::open(&database.url, Caching::PublicReads).await.unwrap();
    let hearer = store::open(&database.url, Caching::PublicReads).await.unwrap();
    let mut heard = hearer.listen().await.unwrap().expect("PostgreSQL is shared");
    let mut own = writer.listen().await.unwrap().expect("PostgreSQL is shared");
    let before = hearer.newest_change().await.unwrap();

    let told = [Change::Application(ApplicationId(7)), Change::Company(CompanyId(3)), Change::Question(QuestionId(9))];
    for change in told {
        writer.publish(change);
    }
    let mut got = Vec::new();
    for _ in told {
        let next = tokio::time::timeout(Duration::from_secs(5), heard.next()).await.expect("heard in time");
        got.push(next.expect("still connected"));
    }
    let mut ids: Vec<ChangeId> = got.iter().map(|(id, _)| *id).collect();
    assert!(ids.iter().all(|id| *id > before), "after the newest before: {got:?}");
    let changes: Vec<Change> = got.iter().map(|(_, c)| *c).collect();
    assert_eq!(changes, told, "in the order told");
    assert!(
        tokio::time::timeout(Duration::from_millis(300), own.next()).await.is_err(),
        "the writer doesn't hear its own changes"
    );

    let read_back = hearer.changes_after(before).await.unwrap();
    assert_eq!(read_back, got, "read back as heard");
    ids.sort();
    assert_eq!(hearer.changes_after(ids[1]).await.unwrap(), vec![got[2]], "from an id on");
    assert!(writer.changes_after(before).await.unwrap().is_empty(), "the writer's own are not read back to it");
    assert_eq!(writer.newest_change().await.unwrap(), ids[2]);
    assert_eq!(hearer.forget_old_changes().await.unwrap(), 0, "far fewer than are kept");
}

#[tokio::test]
async fn sqlite_tells_nobody() {
    let database = Database::fresh(Backend::Sqlite).await;
    let store = store::open(&database.url, Caching::PublicReads).await.unwrap();
    assert!(store.listen().await.unwrap().is_none(), "no other instance to hear");
    store.publish(Change::Application(ApplicationId(1)));
    assert_eq!(store.newest_change().await.unwrap(), ChangeId(0));
    assert!(store.changes_after(ChangeId(0)).await.unwrap().is_empty());
}
