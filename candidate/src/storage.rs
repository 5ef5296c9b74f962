//! What the candidate's browser keeps: their profile (with the JSON Resume
//! sections it has no fields for) and the status tokens of their
//! applications. Namespaced per Candor server, never sent anywhere until
//! the candidate applies.

use candor_api::profile::Profile;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

use candor_widget::remembered::storage_key as key;

fn read<T: for<'de> Deserialize<'de>>(api_base: &str, what: &str) -> Option<T> {
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

/// An application this browser sent, for "My applications".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Remembered {
    pub token: String,
    pub company: String,
    pub posting: String,
    pub title: String,
}

pub fn applications(api_base: &str) -> Vec<Remembered> {
    read(api_base, "applications").unwrap_or_default()
}

pub fn remember(api_base: &str, application: Remembered) {
    let mut all = applications(api_base);
    all.retain(|a| a.token != application.token);
    all.insert(0, application);
    save_applications(api_base, &all);
}

fn save_applications(api_base: &str, all: &[Remembered]) {
    write(api_base, "applications", &all);
    announce();
}

/// Tells the careers widget's "My applications" count to look again.
fn announce() {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new("candor:remembered")) {
        let _ = window.dispatch_event(&event);
    }
}

/// Drops an application from "My applications" (erased, or no longer known).
pub fn forget(api_base: &str, token: &str) {
    let mut all = applications(api_base);
    all.retain(|a| a.token != token);
    save_applications(api_base, &all);
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

pub fn questions(api_base: &str) -> Vec<RememberedQuestion> {
    read(api_base, "questions").unwrap_or_default()
}

pub fn remember_question(api_base: &str, question: RememberedQuestion) {
    let mut all = questions(api_base);
    all.retain(|q| q.token != question.token);
    all.insert(0, question);
    write(api_base, "questions", &all);
    announce();
}
