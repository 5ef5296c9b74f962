//! The outbox's leases: a mail a sender took is no other sender's until
//! the sender records it, gives it back untried (it is stopping), or
//! its lease runs out (it died).

use std::sync::Arc;
use std::time::Duration;

use candor_server::store::{Delivery, Store};

use super::{T0, company, mail_to, posting, question};

pub async fn a_taken_mail_is_no_one_elses_until_given_back_or_its_lease_runs_out(store: Arc<dyn Store>) -> Vec<String> {
    let company = company(&store, "northwind").await;
    let posting = posting(&store, company, "hygienist").await;
    let asked = store.create_question(&question(company, posting, "Parking?", T0)).await.unwrap();
    for subject in ["a", "b", "c"] {
        assert!(store.enqueue_mail(&mail_to(company, asked, "asker@example.fi", subject)).await.unwrap());
    }
    let lease = Duration::from_secs(60);
    let at = |seconds: i64| T0 + time::Duration::seconds(seconds);
    let taken = |due: Vec<candor_server::store::DueMail>| {
        due.iter().map(|m| format!("{}:{}", m.id, m.attempts)).collect::<Vec<_>>().join(",")
    };
    let mut seen = Vec::new();
    let first = store.due_mails(at(0), lease, 10).await.unwrap();
    let ids: Vec<i64> = first.iter().map(|m| m.id).collect();
    seen.push(taken(first));
    // Leased: another sender, a second later, gets none of them.
    assert!(store.due_mails(at(1), lease, 10).await.unwrap().is_empty());
    // Given back untried (the sender stopped): taken again at once, the try uncounted.
    store.release_mails(&ids[1..]).await.unwrap();
    let again = store.due_mails(at(2), lease, 10).await.unwrap();
    assert_eq!(again.iter().map(|m| (m.id, m.attempts)).collect::<Vec<_>>(), [(ids[1], 1), (ids[2], 1)]);
    seen.push(taken(again));
    // The first sender died holding the first: its lease runs out, it goes again.
    let after_lease = store.due_mails(at(61), lease, 10).await.unwrap();
    assert_eq!(after_lease.iter().map(|m| (m.id, m.attempts)).collect::<Vec<_>>(), [(ids[0], 2)]);
    seen.push(taken(after_lease));
    // A mail recorded as sent is not given back by a late release.
    store.record_delivery(ids[0], at(62), &Delivery::Sent("250 OK".into())).await.unwrap();
    store.release_mails(&ids[..1]).await.unwrap();
    assert!(store.due_mails(at(200), lease, 10).await.unwrap().iter().all(|m| m.id != ids[0]));
    seen
}
