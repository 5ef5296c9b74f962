//! What a candidate's browser keeps of Candor, under one key per Candor
//! server and kind. The candidate bundle reads and writes it; the widget
//! only asks how many applications it holds for a company, to offer
//! "My applications" without downloading that bundle first.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = rememberedCount)]
    fn remembered_count(key: &str, company: &str) -> u32;
}

/// The localStorage key for `what` (`profile`, `applications`) kept for
/// the Candor server at `api_base`.
pub fn storage_key(api_base: &str, what: &str) -> String {
    format!("candor:{api_base}:{what}")
}

/// How many applications and questions to `company` this browser remembers.
pub fn kept_for(api_base: &str, company: &str) -> u32 {
    remembered_count(&storage_key(api_base, "applications"), company)
        + remembered_count(&storage_key(api_base, "questions"), company)
}
