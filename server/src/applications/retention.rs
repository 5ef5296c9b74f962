//! The retention job: an ended application's personal data goes once the
//! company's retention period after its end has passed (the period every
//! candidate is told when applying, and in their export), the same way as
//! when the candidate erases it themselves (`ApplicationStore::
//! erase_application`: profile, answers, address, messages, CV and mails go;
//! the bare history of kinds and dates stays, so the company's figures
//! survive). A talent-pool member's data stays while their consent lasts.
//! The rule is `candor_api::privacy::retention_over`.
//!
//! It runs in-process at start and hourly (and when the test clock moves),
//! and from the command line: `candor admin retention run`. Erasing twice is
//! harmless, so any number of instances may sweep.

use std::sync::Arc;
use std::time::Duration;

use candor_api::privacy::retention_over;

use crate::clock::{self, AdjustableClock, Clock};
use crate::http::state::AppState;
use crate::store::{Actor, ApplicationId, Store, StoreError};

/// How often the job looks, besides at start: retention is counted in days.
pub const SWEEP_EVERY: Duration = Duration::from_secs(60 * 60);

/// Erases every ended application past its retention; the ids it erased.
/// One application's failure is logged and the job goes on.
pub async fn run(store: &dyn Store, clock: &dyn Clock) -> Result<Vec<ApplicationId>, StoreError> {
    let today = clock.today();
    let mut erased = Vec::new();
    for ended in store.ended_applications().await? {
        if !retention_over(ended.ended_on, ended.retention_days, ended.pool_consent_on, today) {
            continue;
        }
        // Kept in the audit log as Candor's, in the erasure's transaction.
        match store.erase_application(ended.company, ended.id, clock.now(), Some(&Actor::system())).await {
            Ok(()) => erased.push(ended.id),
            // Erased meanwhile (by its candidate, or another instance).
            Err(StoreError::NotFound) => {}
            Err(e) => tracing::error!(application = ended.id.0, error = ?e, "erasing an application past retention"),
        }
    }
    if !erased.is_empty() {
        tracing::info!(erased = erased.len(), "retention: ended applications past their period anonymised");
    }
    Ok(erased)
}

/// Runs at start and then every [`SWEEP_EVERY`] until the process ends;
/// with the test clock, also right after it moves. An open status view of
/// an erased application is told, and shows it is gone.
pub fn spawn(app: AppState, test_clock: Option<Arc<AdjustableClock>>) -> tokio::task::JoinHandle<()> {
    let closing = app.live.closing();
    clock::sweep_every("retention", SWEEP_EVERY, test_clock, closing, move || {
        let app = app.clone();
        async move {
            let erased = run(&*app.store, &*app.clock).await?;
            for id in &erased {
                app.live.changed(*id);
            }
            Ok::<u32, StoreError>(u32::try_from(erased.len()).unwrap_or(u32::MAX))
        }
    })
}
