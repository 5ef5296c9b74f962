//! What the candidate's browser keeps: their profile (with the JSON Resume
//! sections it has no fields for) and the status tokens of their
//! applications. Namespaced per Candor server, never sent anywhere until
//! the candidate applies.

use candor_api::profile::Profile;
use candor_widget::remembered::storage_key as key;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read<T: DeserializeOwned>(api_base: &str, what: &str) -> Option<T> {
    let text = storage()?.get_item(&key(api_base, what)).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

fn write<T: Serialize>(api_base: &str, what: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(value)) {
        // Private browsing or a full quota: the form still works, it just isn't kept.
        let _ = storage.set_item(&key(api_base, what), &text);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredProfile {
    pub profile: Profile,
    /// JSON Resume sections Candor has no fields for, kept for the export.
    #[serde(default)]
    pub other_sections: Map<String, Value>,
}

pub fn profile(api_base: &str) -> StoredProfile {
    read(api_base, "profile").unwrap_or_default()
}

pub fn save_profile(api_base: &str, profile: &StoredProfile) {
    write(api_base, "profile", profile);
}

/// What this browser keeps a list of for "My applications", newest first,
/// one entry per private token.
trait Kept: Serialize + DeserializeOwned {
    /// Its key (see [`key`]); the careers widget counts the same lists.
    const WHAT: &'static str;
    fn token(&self) -> &str;
}

fn kept<T: Kept>(api_base: &str) -> Vec<T> {
    read(api_base, T::WHAT).unwrap_or_default()
}

/// Keeps `entry` first in its list, in place of any with its token (or,
/// with none, just drops `token`), and tells the careers widget's
/// "My applications" count to look again.
fn replace<T: Kept>(api_base: &str, token: &str, entry: Option<T>) {
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

impl Kept for Remembered {
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

impl Kept for RememberedQuestion {
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
