//! The asker's address under the company's retention period: it serves to
//! tell the asker of the answer (and "Lost your link?"), so once the
//! question has been answered or declined it is kept for the company's
//! retention period, as an ended application is, and then forgotten. The
//! question and its answer stay: they are the company's public Q&A. The
//! asker can forget it sooner themselves (`DELETE /api/v1/question/address`).
//! The rule is the applications' one, `candor_api::privacy::retention_over`,
//! counted from the day of the settlement.

use std::sync::Arc;
use std::time::Duration;

use candor_api::privacy::retention_over;

use crate::clock::{self, AdjustableClock, Clock, day_of};
use crate::http::state::AppState;
use crate::store::{QuestionId, Store, StoreError};

/// How often it looks, besides at start (as the applications' job does):
/// retention is counted in days.
const SWEEP_EVERY: Duration = Duration::from_secs(60 * 60);

/// Forgets every settled question's address past its retention; the ids.
/// One question's failure is logged and the job goes on.
pub async fn run(store: &dyn Store, clock: &dyn Clock) -> Result<Vec<QuestionId>, StoreError> {
    let today = clock.today();
    let mut forgotten = Vec::new();
    for kept in store.settled_question_addresses().await? {
        if !retention_over(day_of(kept.settled_at), kept.retention_days, None, today) {
            continue;
        }
        match store.forget_question_address(kept.company, kept.id).await {
            Ok(()) => forgotten.push(kept.id),
            Err(StoreError::NotFound) => {}
            Err(e) => tracing::error!(question = kept.id.0, error = ?e, "forgetting an asker's address past retention"),
        }
    }
    if !forgotten.is_empty() {
        tracing::info!(forgotten = forgotten.len(), "retention: askers' addresses past their period forgotten");
    }
    Ok(forgotten)
}

/// Runs at start and then every [`SWEEP_EVERY`]; with the test clock, also
/// right after it moves.
pub fn spawn(app: AppState, test_clock: Option<Arc<AdjustableClock>>) -> tokio::task::JoinHandle<()> {
    let closing = app.live.closing();
    clock::sweep_every("question retention", SWEEP_EVERY, test_clock, closing, move || {
        let app = app.clone();
        async move {
            let forgotten = run(&*app.store, &*app.clock).await?;
            Ok::<u32, StoreError>(u32::try_from(forgotten.len()).unwrap_or(u32::MAX))
        }
    })
}
