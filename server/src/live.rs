//! Live updates: "application N changed", fanned out to the status streams
//! open on this instance, which then reload what their candidate may see.
//!
//! Ids only, never content. With PostgreSQL, where several instances may
//! share the database, each change is also told to the others through the
//! store (`store/changes.rs`: a row and a NOTIFY), and [`follow`] hears
//! theirs: it hands their stage moves and answers to the streams open
//! here, and their companies' changes to this instance's cache. Its
//! connection lost, it connects again, waiting longer each time, and reads
//! what it missed from the last change it saw.
//!
//! It also carries the instance's closing: on `SIGTERM` every open stream
//! hears it, asks its browser to come back soon and ends (the browser
//! resumes from `Last-Event-ID` on whichever instance answers), and the
//! background loops stop between two pieces of work.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::broadcast;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use crate::store::Change;
use crate::store::{ApplicationId, ChangeId, Heard, QuestionId, Store};

#[derive(Clone)]
pub struct Live {
    /// Who watches what: a channel per application or question with a
    /// stream open on it, gone with its last stream. Per key rather than
    /// one channel for all, so that a change wakes only its own streams:
    /// with one channel every change woke all 10,000 open streams to
    /// check an id (39 ms at p99 in BENCHMARKS.md).
    watchers: Watchers,
    closing: CancellationToken,
    /// Where changes are told to the other instances (`None`: nowhere).
    store: Option<Arc<dyn Store>>,
}

type Watchers = Arc<Mutex<HashMap<Change, broadcast::Sender<()>>>>;

/// Changes one stream may fall behind by before it is told it lagged (and
/// then simply reloads, as for one).
const BACKLOG: usize = 8;

impl Default for Live {
    fn default() -> Self {
        Live { watchers: Watchers::default(), closing: CancellationToken::new(), store: None }
    }
}

/// A stream's watch on one application or question.
pub struct Watching {
    key: Change,
    receiver: broadcast::Receiver<()>,
    watchers: Watchers,
}

impl Watching {
    /// Resolves once what is watched changed after the watch began, or
    /// after the last time this resolved. (Changes missed while the
    /// stream was busy count as one: it reloads either way.)
    pub async fn changed(&mut self) {
        match self.receiver.recv().await {
            Ok(()) | Err(broadcast::error::RecvError::Lagged(_)) => {}
            // The sender lives while a watch does: never closed.
            Err(broadcast::error::RecvError::Closed) => std::future::pending().await,
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let mut watchers = self.watchers.lock().unwrap_or_else(|e| e.into_inner());
        // This receiver still counts: it was the last one.
        if watchers.get(&self.key).is_some_and(|sender| sender.receiver_count() <= 1) {
            watchers.remove(&self.key);
        }
    }
}

impl Live {
    /// Live updates that the other instances on `store`'s database hear too.
    pub fn shared(store: Arc<dyn Store>) -> Self {
        Live { store: Some(store), ..Live::default() }
    }

    /// Tells every open stream, here and on the other instances, that
    /// `application` has a new event.
    pub fn changed(&self, application: ApplicationId) {
        self.tell(Change::Application(application));
    }

    /// Tells every open stream that `question` was answered or declined.
    pub fn question_settled(&self, question: QuestionId) {
        self.tell(Change::Question(question));
    }

    fn tell(&self, change: Change) {
        self.hear(change);
        if let Some(store) = &self.store {
            store.publish(change);
        }
    }

    /// A change for the streams open here only.
    fn hear(&self, change: Change) {
        let watchers = self.watchers.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sender) = watchers.get(&change) {
            let _ = sender.send(());
        }
    }

    /// Watches `what` (an application or a question) from now on: begun
    /// before the first read, so no change can fall in between.
    pub fn watch(&self, what: Change) -> Watching {
        let mut watchers = self.watchers.lock().unwrap_or_else(|e| e.into_inner());
        let receiver = watchers.entry(what).or_insert_with(|| broadcast::channel(BACKLOG).0).subscribe();
        Watching { key: what, receiver, watchers: self.watchers.clone() }
    }

    /// This instance is stopping: every stream and loop that waits on
    /// [`Live::closing`] hears it, also those that start waiting later.
    pub fn close(&self) {
        self.closing.cancel();
    }

    /// Resolves once the instance is stopping (at once if it already is).
    pub fn closing(&self) -> tokio_util::sync::WaitForCancellationFutureOwned {
        self.closing.clone().cancelled_owned()
    }

    pub fn is_closing(&self) -> bool {
        self.closing.is_cancelled()
    }
}

/// How many changes before the newest one seen a listener that connects
/// again reads back. The publishers commit in the order of the ids (they
/// take one advisory lock, `store/postgres.rs`), and PostgreSQL delivers
/// notifications in commit order, so a listener that saw id N has seen all
/// before it: the margin is a safety net, what was heard is skipped ([`Seen`]).
const CATCH_UP_MARGIN: i64 = 256;

/// The waits between two tries to connect the listener: doubling, up to the longest.
const FIRST_WAIT: Duration = Duration::from_millis(100);
const MOST_WAIT: Duration = Duration::from_secs(5);

/// A connection that lasted this long was a good one: the next is tried at
/// once. One that drops sooner (a pooler that accepts and hangs up) is
/// tried again after a longer wait each time.
const LASTED: Duration = Duration::from_secs(30);

/// How often the shared table is trimmed to its newest changes.
const TRIM_EVERY: Duration = Duration::from_secs(600);

/// Hears the other instances' changes until this instance stops (at once,
/// where there are none: SQLite).
pub fn follow(live: Live, store: Arc<dyn Store>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut closing = std::pin::pin!(live.closing());
        let mut seen = Seen::default();
        // Where this instance starts: if the first connection fails, what
        // others change meanwhile is read back once it succeeds.
        if let Ok(newest) = store.newest_change().await {
            seen.newest = Some(newest);
        }
        let mut wait = FIRST_WAIT;
        let mut trim = tokio::time::interval(TRIM_EVERY);
        loop {
            let listening = tokio::select! {
                () = &mut closing => return,
                listening = store.listen() => listening,
            };
            let mut listening = match listening {
                Ok(Some(listening)) => listening,
                Ok(None) => return,
                Err(e) => {
                    tracing::warn!(error = %e, wait_ms = wait.as_millis() as u64, "can't hear the other instances; trying again");
                    if !pause(&mut closing, &mut wait).await {
                        return;
                    }
                    continue;
                }
            };
            let connected = tokio::time::Instant::now();
            // Listening from here: what committed before is read back.
            if let Err(e) = catch_up(&live, store.as_ref(), &mut seen).await {
                tracing::warn!(error = %e, wait_ms = wait.as_millis() as u64, "can't read the other instances' changes; trying again");
                if !pause(&mut closing, &mut wait).await {
                    return;
                }
                continue;
            }
            loop {
                let heard = tokio::select! {
                    () = &mut closing => return,
                    heard = listening.next() => heard,
                    _ = trim.tick() => {
                        // Every instance trims; one that hears nothing too.
                        if let Err(e) = store.forget_old_changes().await {
                            tracing::warn!(error = %e, "trimming the shared changes failed");
                        }
                        continue;
                    }
                };
                let Some(heard) = heard else { break };
                if seen.insert(heard) {
                    apply(&live, store.as_ref(), heard.1).await;
                }
            }
            if connected.elapsed() >= LASTED {
                wait = FIRST_WAIT;
            }
            tracing::warn!(
                wait_ms = wait.as_millis() as u64,
                "lost the connection that hears the other instances; connecting again"
            );
            if !pause(&mut closing, &mut wait).await {
                return;
            }
        }
    })
}

/// Waits `wait` (and doubles it for next time); `false` if the instance
/// began stopping meanwhile.
async fn pause(
    closing: &mut std::pin::Pin<&mut tokio_util::sync::WaitForCancellationFutureOwned>,
    wait: &mut Duration,
) -> bool {
    let stopping = tokio::select! {
        () = closing.as_mut() => true,
        () = tokio::time::sleep(*wait) => false,
    };
    *wait = (*wait * 2).min(MOST_WAIT);
    !stopping
}

/// What the other instances changed while this one wasn't listening
/// (nothing, when it never knew where it started: no stream was open).
async fn catch_up(live: &Live, store: &dyn Store, seen: &mut Seen) -> Result<(), crate::store::StoreError> {
    let Some(newest) = seen.newest else {
        seen.newest = Some(store.newest_change().await?);
        return Ok(());
    };
    let missed = store.changes_after(ChangeId(newest.0 - CATCH_UP_MARGIN)).await?;
    let mut applied = 0;
    for heard in missed {
        if seen.insert(heard) {
            apply(live, store, heard.1).await;
            applied += 1;
        }
    }
    if applied > 0 {
        tracing::info!(changes = applied, "caught up with the other instances' changes");
    }
    Ok(())
}

async fn apply(live: &Live, store: &dyn Store, change: Change) {
    match change {
        Change::Application(_) | Change::Question(_) => live.hear(change),
        Change::Company(company) => store.changed_elsewhere(company).await,
    }
}

/// The changes heard lately, so that one read back when catching up is
/// applied once; and the newest id among them.
#[derive(Default)]
struct Seen {
    ids: HashSet<ChangeId>,
    order: VecDeque<ChangeId>,
    newest: Option<ChangeId>,
}

impl Seen {
    /// Whether `heard` is new; remembers it if so.
    fn insert(&mut self, (id, _): Heard) -> bool {
        if !self.ids.insert(id) {
            return false;
        }
        self.order.push_back(id);
        // Twice the margin: a catch-up reads back a margin from the newest.
        if self.order.len() > 2 * CATCH_UP_MARGIN as usize
            && let Some(old) = self.order.pop_front()
        {
            self.ids.remove(&old);
        }
        self.newest = Some(self.newest.map_or(id, |newest| newest.max(id)));
        true
    }
}

#[cfg(test)]
mod follow_tests {
    use super::*;
    use crate::store::CompanyId;

    fn heard(id: i64) -> Heard {
        (ChangeId(id), Change::Company(CompanyId(1)))
    }

    #[test]
    fn a_change_read_back_when_catching_up_is_applied_once() {
        let mut seen = Seen::default();
        assert!(seen.insert(heard(5)));
        assert!(seen.insert(heard(3)), "an older id that committed later is still new");
        assert!(!seen.insert(heard(5)), "heard again when catching up");
        assert_eq!(seen.newest, Some(ChangeId(5)), "the newest, not the last heard");
    }

    #[test]
    fn the_changes_heard_are_remembered_for_twice_the_margin() {
        let mut seen = Seen::default();
        let kept = 2 * CATCH_UP_MARGIN;
        for id in 1..=kept + 1 {
            assert!(seen.insert(heard(id)));
        }
        assert_eq!(seen.ids.len() as i64, kept, "bounded");
        assert!(seen.insert(heard(1)), "the oldest is forgotten");
        assert!(!seen.insert(heard(kept + 1 - CATCH_UP_MARGIN)), "what a catch-up reads back is remembered");
    }
}

#[cfg(test)]
mod watch_tests {
    use super::*;

    #[tokio::test]
    async fn a_change_wakes_its_own_watchers_only_and_a_watch_ends_with_its_stream() {
        let live = Live::default();
        let (mine, other) = (ApplicationId(1), ApplicationId(2));
        let mut watching = live.watch(Change::Application(mine));
        let mut also = live.watch(Change::Application(mine));
        let mut elsewhere = live.watch(Change::Application(other));
        live.changed(mine);
        watching.changed().await;
        also.changed().await;
        let quiet = tokio::time::timeout(Duration::from_millis(50), elsewhere.changed()).await;
        assert!(quiet.is_err(), "another application's stream isn't woken");
        // Several changes while busy: heard as (at least) one, never lost.
        live.changed(mine);
        live.changed(mine);
        watching.changed().await;
        drop((watching, also));
        assert!(!live.watchers.lock().unwrap().contains_key(&Change::Application(mine)), "gone with its last stream");
        assert!(live.watchers.lock().unwrap().contains_key(&Change::Application(other)));
        drop(elsewhere);
        assert!(live.watchers.lock().unwrap().is_empty());
        live.question_settled(QuestionId(3));
    }
}
