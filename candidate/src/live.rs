//! Following an application's status as it changes (see `js/live.js`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/live.js")]
extern "C" {
    /// Calls `on_status` with each new status (JSON); returns a function that stops.
    fn follow(
        stream_url: &str,
        status_url: &str,
        header_name: &str,
        header_value: &str,
        on_status: &Closure<dyn FnMut(String)>,
        poll_ms: u32,
    ) -> js_sys::Function;
}

/// Polling interval when the stream can't be used.
const POLL_MS: u32 = 10_000;

/// Follows the status until the returned handle is dropped.
pub struct Following {
    stop: js_sys::Function,
    _callback: Closure<dyn FnMut(String)>,
}

impl Following {
    /// `proof`: the header (name, value) that carries the token.
    pub fn start(
        stream_url: &str,
        status_url: &str,
        proof: (&str, String),
        on_status: impl FnMut(String) + 'static,
    ) -> Following {
        let callback = Closure::<dyn FnMut(String)>::new(on_status);
        let stop = follow(stream_url, status_url, proof.0, &proof.1, &callback, POLL_MS);
        Following { stop, _callback: callback }
    }
}

impl Drop for Following {
    fn drop(&mut self) {
        let _ = self.stop.call0(&JsValue::NULL);
    }
}
