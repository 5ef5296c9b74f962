//! Live updates: "application N changed", fanned out to the status streams
//! open on this instance, which then reload what their candidate may see.
//!
//! Ids only, never content, so the same message can later travel between
//! instances through PostgreSQL LISTEN/NOTIFY (the seam is `Live::changed`
//! and `Live::subscribe`).
//!
//! It also carries the instance's closing: on `SIGTERM` every open stream
//! hears it, asks its browser to come back soon and ends (the browser
//! resumes from `Last-Event-ID` on whichever instance answers), and the
//! background loops stop between two pieces of work.

use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

use crate::store::{ApplicationId, QuestionId};

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Application(ApplicationId),
    Question(QuestionId),
}

#[derive(Clone)]
pub struct Live {
    sender: broadcast::Sender<Change>,
    closing: CancellationToken,
}

/// Changes a slow stream may fall behind by before it is told it lagged
/// (and then simply reloads).
const BACKLOG: usize = 4096;

impl Default for Live {
    fn default() -> Self {
        Live { sender: broadcast::channel(BACKLOG).0, closing: CancellationToken::new() }
    }
}

impl Live {
    /// Tells every open stream that `application` has a new event.
    pub fn changed(&self, application: ApplicationId) {
        // No receivers is not an error: nobody is watching right now.
        let _ = self.sender.send(Change::Application(application));
    }

    /// Tells every open stream that `question` was answered or declined.
    pub fn question_settled(&self, question: QuestionId) {
        let _ = self.sender.send(Change::Question(question));
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.sender.subscribe()
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
