//! The profile's fields, as the application form and the wallet (`/me`)
//! both edit them: one editor, so the two never ask for a profile in two
//! ways. Also reading and writing JSON Resume files.

use candor_api::json_resume;
use candor_api::profile::{Education, LanguageSkill, Link, Profile, Work};
use candor_api::wallet::Kept;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::focus::{focus_by_id, root_of};
use crate::i18n::CandidateStrings;

/// The id of the input a field error is about (`profile.email` → `candor-profile-email`).
pub fn input_id(field: &str) -> String {
    format!("candor-{}", field.replace(['.', '[', ']'], "-"))
}

/// What the form says is wrong: each field at fault and what to say about
/// it, all at once (a person fixes them in one go, not one per attempt).
pub type Errors = RwSignal<Vec<(String, String)>>;

/// The message `errors` holds for `field`, as a memo its field re-renders on.
pub fn message_for(errors: Errors, field: String) -> Memo<Option<String>> {
    Memo::new(move |_| errors.with(|all| all.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone())))
}

/// The profile's fields over `stored`, each saying next to it what
/// `error` holds for it.
pub fn fields(stored: RwSignal<Kept>, error: Errors, t: &'static CandidateStrings) -> impl IntoView {
    let error_for = move |field: &'static str| {
        let message = message_for(error, field.to_owned());
        move || message.get()
    };
    let text_field = move |name: &'static str,
                           label: &'static str,
                           kind: &'static str,
                           required: bool,
                           get: fn(&Profile) -> String,
                           set: fn(&mut Profile, String)| {
        let field = format!("profile.{name}");
        let id = input_id(&field);
        let error_id = format!("{id}-error");
        let message = message_for(error, field);
        let message = move || message.get();
        let autocomplete = match name {
            "name" => "name",
            "email" => "email",
            "phone" => "tel",
            _ => "off",
        };
        view! {
            <div class="field">
                <label for=id.clone()>{label} {required.then_some(" *")}</label>
                <input
                    id=id
                    type=kind
                    autocomplete=autocomplete
                    required=required
                    aria-invalid=move || message().is_some().then_some("true")
                    aria-describedby=error_id.clone()
                    prop:value=move || get(&stored.get().profile)
                    on:input:target=move |ev| stored.update(|s| set(&mut s.profile, ev.target().value()))
                />
                <p id=error_id.clone() class="field-error" hidden=move || message().is_none()>{message}</p>
            </div>
        }
    };

    let skills_text = move || stored.with(|s| s.profile.skills.join(","));
    let set_skills = move |text: String| {
        stored.update(|s| {
            s.profile.skills =
                if text.trim().is_empty() { Vec::new() } else { text.split(',').map(str::to_owned).collect() }
        })
    };
    let link_fields: &'static [RowField<Link>] = &[row_field!(label, link_label), row_field!(url, link_url)];
    let work_fields: &'static [RowField<Work>] = &[
        row_field!(position, position),
        row_field!(organisation, organisation),
        row_field!(start, start),
        row_field!(end, end),
        row_field!(summary, work_summary, multi_line),
    ];
    let education_fields: &'static [RowField<Education>] = &[
        row_field!(institution, institution),
        row_field!(degree, degree),
        row_field!(area, area),
        row_field!(start, start),
        row_field!(end, end),
    ];
    let language_fields: &'static [RowField<LanguageSkill>] =
        &[row_field!(language, language), row_field!(fluency, fluency)];
    let rows = Rows { stored, error, t };
    view! {
        {text_field("name", t.name, "text", true, |p| p.name.clone(), |p, v| p.name = v)}
        {text_field("email", t.email, "email", true, |p| p.email.clone(), |p, v| p.email = v)}
        {text_field("phone", t.phone, "tel", false, |p| p.phone.clone(), |p, v| p.phone = v)}
        {text_field("location", t.location, "text", false, |p| p.location.clone(), |p, v| p.location = v)}
        {text_field("headline", t.headline, "text", false, |p| p.headline.clone(), |p, v| p.headline = v)}
        <div class="field">
            <label for="candor-profile-summary">{t.summary}</label>
            <textarea
                id="candor-profile-summary"
                rows="4"
                aria-describedby="candor-profile-summary-error"
                prop:value=move || stored.get().profile.summary
                on:input:target=move |ev| stored.update(|s| s.profile.summary = ev.target().value())
            ></textarea>
            <p id="candor-profile-summary-error" class="field-error" hidden=move || error_for("profile.summary")().is_none()>
                {error_for("profile.summary")}
            </p>
        </div>
        {rows.editor("links", t.links, t.add_link, link_fields, |p| &p.links, |p| &mut p.links)}
        {rows.editor("work", t.work_history, t.add_work, work_fields, |p| &p.work, |p| &mut p.work)}
        {rows.editor("education", t.education_title, t.add_education, education_fields, |p| &p.education, |p| &mut p.education)}
        <div class="field">
            <label for="candor-profile-skills">{t.skills}</label>
            <input id="candor-profile-skills" type="text" aria-describedby="candor-profile-skills-hint"
                prop:value=skills_text on:input:target=move |ev| set_skills(ev.target().value())/>
            <p id="candor-profile-skills-hint" class="muted">{t.skills_hint}</p>
        </div>
        {rows.editor("languages", t.languages_title, t.add_language, language_fields, |p| &p.languages, |p| &mut p.languages)}
    }
}

/// "Import a JSON Resume file" and "Download as JSON Resume" over `stored`;
/// `imported` hears whether a chosen file was read in.
pub fn resume_buttons(
    stored: RwSignal<Kept>,
    t: &'static CandidateStrings,
    imported: impl Fn(bool) + Copy + 'static,
) -> impl IntoView {
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            match json_resume::import(&text) {
                Ok(file) => {
                    stored.set(Kept { profile: file.profile, other_sections: file.other_sections });
                    imported(true);
                }
                Err(_) => imported(false),
            }
        });
    };
    let export = move |_| download_resume(&stored.get_untracked());

    view! {
        <label class="button secondary file">
            {t.import_resume}
            <input type="file" class="visually-hidden" accept=".json,application/json" on:change=import/>
        </label>
        <button type="button" class="button secondary" on:click=export>{t.export_resume}</button>
    }
}

/// Downloads `kept` as a JSON Resume file.
pub fn download_resume(kept: &Kept) {
    download("resume.json", &json_resume::export(&kept.profile, &kept.other_sections).to_string());
}

/// Saves `text` as a file the browser downloads.
pub fn download(file_name: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) =
        document.create_element("a").and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().map_err(Into::into))
    {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// One input of a repeated row (a job, a school, a link).
struct RowField<T: 'static> {
    name: &'static str,
    label: fn(&CandidateStrings) -> &'static str,
    multi_line: bool,
    get: fn(&T) -> String,
    set: fn(&mut T, String),
}

/// A row's text input for its `field`, labelled with the catalogue's `label`
/// (`multi_line`: a text area); named on the wire as the field is named.
macro_rules! row_field {
    ($field:ident, $label:ident) => {
        row_field!($field, $label, false)
    };
    ($field:ident, $label:ident, multi_line) => {
        row_field!($field, $label, true)
    };
    ($field:ident, $label:ident, $multi_line:literal) => {
        RowField {
            name: stringify!($field),
            label: |t| t.$label,
            multi_line: $multi_line,
            get: |row| row.$field.clone(),
            set: |row, value| row.$field = value,
        }
    };
}
use row_field;

/// Editors for the profile's lists. Each list re-renders only when rows are
/// added or removed, never while the candidate types in one.
#[derive(Clone, Copy)]
struct Rows {
    stored: RwSignal<Kept>,
    error: Errors,
    t: &'static CandidateStrings,
}

impl Rows {
    fn editor<T: Default + Clone + Send + Sync + 'static>(
        self,
        list: &'static str,
        title: &'static str,
        add_label: &'static str,
        fields: &'static [RowField<T>],
        read: fn(&Profile) -> &Vec<T>,
        write: fn(&mut Profile) -> &mut Vec<T>,
    ) -> impl IntoView + use<T> {
        let Rows { stored, error, t } = self;
        let count = Memo::new(move |_| stored.with(|s| read(&s.profile).len()));
        let rows = move || {
            (0..count.get())
                .map(|i| {
                    let inputs = fields
                        .iter()
                        .map(|f| {
                            let field = format!("profile.{list}[{i}].{}", f.name);
                            let id = input_id(&field);
                            let error_id = format!("{id}-error");
                            let message = message_for(error, field);
                            let value = move || stored.with(|s| read(&s.profile).get(i).map(f.get).unwrap_or_default());
                            let set = move |v: String| {
                                stored.update(|s| {
                                    if let Some(row) = write(&mut s.profile).get_mut(i) {
                                        (f.set)(row, v)
                                    }
                                })
                            };
                            let input = if f.multi_line {
                                view! { <textarea id=id.clone() rows="3" aria-describedby=error_id.clone() aria-invalid=move || message.get().map(|_| "true") prop:value=value on:input:target=move |ev| set(ev.target().value())></textarea> }.into_any()
                            } else {
                                view! { <input id=id.clone() type="text" aria-describedby=error_id.clone() aria-invalid=move || message.get().map(|_| "true") prop:value=value on:input:target=move |ev| set(ev.target().value())/> }.into_any()
                            };
                            view! {
                                <div class="field">
                                    <label for=id>{(f.label)(t)}</label>
                                    {input}
                                    <p id=error_id class="field-error" hidden=move || message.get().is_none()>{move || message.get()}</p>
                                </div>
                            }
                        })
                        .collect_view();
                    view! {
                        <li class="row">
                            {inputs}
                            // Its row gone, focus goes to the list's "Add" button.
                            <button type="button" class="link-button" aria-label=format!("{} {title} {}", t.remove, i + 1)
                                on:click=move |ev| {
                                    stored.update(|s| { let rows = write(&mut s.profile); if i < rows.len() { rows.remove(i); } });
                                    focus_by_id(root_of(&ev), format!("candor-{list}-add"));
                                }>
                                {t.remove}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        };
        let heading_id = format!("candor-{list}-title");
        view! {
            <div class="rows" role="group" aria-labelledby=heading_id.clone()>
                <h4 id=heading_id.clone()>{title}</h4>
                <ol role="list">{rows}</ol>
                // A new row: focus goes to its first field, where typing starts.
                <button type="button" class="button secondary" id=format!("candor-{list}-add")
                    on:click=move |ev| {
                        let i = stored.with_untracked(|s| read(&s.profile).len());
                        stored.update(|s| write(&mut s.profile).push(T::default()));
                        focus_by_id(root_of(&ev), input_id(&format!("profile.{list}[{i}].{}", fields[0].name)));
                    }>
                    {add_label}
                </button>
            </div>
        }
    }
}
