use std::sync::Arc;

use crate::clock::Clock;
use crate::postings::RenderedLists;
use crate::store::Store;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub rendered_lists: RenderedLists,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Self {
        AppState { store, clock, rendered_lists: RenderedLists::default() }
    }
}
