//! Offers made once per page: a page with two widgets (a list and a
//! featured posting) shows "My applications" and "Lost your link?" in the
//! first only, and again in the next if the first goes away.

use std::cell::Cell;
use std::thread::LocalKey;

use leptos::prelude::on_cleanup;

/// Whether the calling view is the one to make the offer `flag` stands for;
/// it keeps the offer until the view is cleaned up.
pub fn claim(flag: &'static LocalKey<Cell<bool>>) -> bool {
    if flag.with(|f| f.replace(true)) {
        return false;
    }
    on_cleanup(move || flag.with(|f| f.set(false)));
    true
}
