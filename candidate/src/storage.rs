//! What the candidate's browser keeps: their profile (with the JSON Resume
//! sections it has no fields for) and the status tokens of their
//! applications, in the careers page's own storage, namespaced per Candor
//! server; and, on Candor's own origin, the wallet (`/me`): the profile and
//! the status links the candidate chose to carry between employers. Never
//! sent anywhere until the candidate applies or shares.

use candor_api::wallet::{Entry, Kept};
use candor_widget::remembered::storage_key as key;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read_key<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Whether it was kept: private browsing or a full quota refuse it.
fn write_key<T: Serialize>(key: &str, value: &T) -> bool {
    match (storage(), serde_json::to_string(value)) {
        (Some(storage), Ok(text)) => storage.set_item(key, &text).is_ok(),
        _ => false,
    }
}

fn read<T: DeserializeOwned>(api_base: &str, what: &str) -> Option<T> {
    read_key(&key(api_base, what))
}

fn write<T: Serialize>(api_base: &str, what: &str, value: &T) {
    // Not kept: the form still works, it just isn't remembered.
    write_key(&key(api_base, what), value);
}

/// The profile as the careers page's storage keeps it.
pub type StoredProfile = Kept;

pub fn profile(api_base: &str) -> StoredProfile {
    read(api_base, "profile").unwrap_or_default()
}

pub fn save_profile(api_base: &str, profile: &StoredProfile) {
    write(api_base, "profile", profile);
}

/// The wallet's keys. Only Candor's own pages (`/me`) read them, so they
/// are the wallet of the Candor server this origin is; a careers page on
/// Candor's origin (the demo's) keeps its form's profile apart, under
/// [`key`], as any other careers page does.
const WALLET_PROFILE: &str = "candor-wallet:profile";
const WALLET_ENTRIES: &str = "candor-wallet:entries";

pub fn wallet_profile() -> Kept {
    read_key(WALLET_PROFILE).unwrap_or_default()
}

/// Whether the browser kept it (it won't in some private windows).
pub fn save_wallet_profile(kept: &Kept) -> bool {
    write_key(WALLET_PROFILE, kept)
}

pub fn erase_wallet_profile() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(WALLET_PROFILE);
    }
}

pub fn wallet_entries() -> Vec<Entry> {
    read_key(WALLET_ENTRIES).unwrap_or_default()
}

pub fn save_wallet_entries(entries: &[Entry]) -> bool {
    write_key(WALLET_ENTRIES, &entries)
}

/// Whether this browser keeps anything for this origin at all.
pub fn can_keep() -> bool {
    let probe = "candor-wallet:probe";
    storage().is_some_and(|s| s.set_item(probe, "1").is_ok() && s.remove_item(probe).is_ok())
}

/// What this browser keeps a list of for "My applications", newest first,
/// one entry per private token.
trait Listed: Serialize + DeserializeOwned {
    /// Its key (see [`key`]); the careers widget counts the same lists.
    const WHAT: &'static str;
    fn token(&self) -> &str;
}

fn kept<T: Listed>(api_base: &str) -> Vec<T> {
    read(api_base, T::WHAT).unwrap_or_default()
}

/// Keeps `entry` first in its list, in place of any with its token (or,
/// with none, just drops `token`), and tells the careers widget's
/// "My applications" count to look again.
fn replace<T: Listed>(api_base: &str, token: &str, entry: Option<T>) {
    let mut all = kept::<T>(api_base);
    all.retain(|e| e.token() != token);
    if let Some(entry) = entry {
        all.insert(0, entry);
    }
    write(api_base, T::WHAT, &all);
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new("candor:remembered")) {
        let _ = window.dispatch_event(&event);
    }
}

/// An application this browser sent, for "My applications".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Remembered {
    pub token: String,
    pub company: String,
    pub posting: String,
    pub title: String,
}

impl Listed for Remembered {
    const WHAT: &'static str = "applications";
    fn token(&self) -> &str {
        &self.token
    }
}

pub fn applications(api_base: &str) -> Vec<Remembered> {
    kept(api_base)
}

pub fn remember(api_base: &str, application: Remembered) {
    replace(api_base, &application.token.clone(), Some(application));
}

/// Drops an application from "My applications" (erased, or no longer known).
pub fn forget(api_base: &str, token: &str) {
    replace::<Remembered>(api_base, token, None);
}

/// A question this browser asked, for "My questions".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RememberedQuestion {
    pub token: String,
    pub company: String,
    pub posting: String,
    pub title: String,
    pub text: String,
}

impl Listed for RememberedQuestion {
    const WHAT: &'static str = "questions";
    fn token(&self) -> &str {
        &self.token
    }
}

pub fn questions(api_base: &str) -> Vec<RememberedQuestion> {
    kept(api_base)
}

pub fn remember_question(api_base: &str, question: RememberedQuestion) {
    replace(api_base, &question.token.clone(), Some(question));
}
