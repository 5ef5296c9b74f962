use std::sync::Arc;

use crate::clock::Clock;
use crate::live::Live;
use crate::postings::RenderedLists;
use crate::store::Store;
use crate::tokens::TokenKey;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub token_key: TokenKey,
    pub live: Live,
    pub rendered_lists: RenderedLists,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, token_key: TokenKey) -> Self {
        AppState { store, clock, token_key, live: Live::default(), rendered_lists: RenderedLists::default() }
    }
}
