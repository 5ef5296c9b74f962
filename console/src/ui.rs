//! The pieces every console page is made of: a loaded list or form, a
//! table, a labelled field, and a rule's failure said at its field.

use candor_api::FieldError;
use candor_api::recruiting::Role;
use candor_widget::api_client::Loader;
use leptos::prelude::*;

use crate::i18n::t;

/// "Loading…" while `loader` loads, `failed` (such as "The postings could
/// not be loaded.") if it can't, then what `loaded` makes of the answer.
pub fn loaded<T: serde::de::DeserializeOwned + Clone + Send + Sync + 'static, V: IntoView + 'static>(
    loader: Loader<T>,
    failed: &'static str,
    loaded: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl Fn() -> AnyView + Send + Sync + 'static {
    move || match loader.get() {
        None => view! { <p class="muted" role="status">{t().loading}</p> }.into_any(),
        Some(Err(_)) => view! { <p role="alert">{failed}</p> }.into_any(),
        Some(Ok(answer)) => loaded(answer).into_any(),
    }
}

/// A table with a heading per column; `actions`: a last column of buttons,
/// named for screen readers only.
pub fn table(columns: impl IntoIterator<Item = &'static str>, actions: bool, rows: impl IntoView) -> impl IntoView {
    let heads = columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view();
    let actions = actions.then(|| view! { <th scope="col"><span class="visually-hidden">{t().actions}</span></th> });
    view! {
        <table>
            <thead><tr>{heads}{actions}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// A language named in itself, then in the console's language when that
/// differs ("Suomi (Finnish)"), as a picker offers it.
pub fn language_name(l: candor_api::Locale) -> String {
    let (own, here) = (crate::i18n::own_name(l), t().language(l));
    if own.eq_ignore_ascii_case(here) { own.to_owned() } else { format!("{own} ({here})") }
}

/// `items` as a list, or `none` when there are none.
pub fn items_or<V: IntoView + 'static>(none: &'static str, items: Vec<V>) -> AnyView {
    if items.is_empty() {
        view! { <p class="muted">{none}</p> }.into_any()
    } else {
        view! { <ul class="items">{items}</ul> }.into_any()
    }
}

/// A labelled text input bound to `value`.
pub fn input_field(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    required: bool,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type=kind autocomplete=autocomplete required=required prop:value=move || value.get() on:input:target=move |ev| value.set(ev.target().value())/>
        </div>
    }
}

/// The role a new person or token gets.
pub fn role_field(id: &'static str, role: RwSignal<Role>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{t().role}</label>
            <select id=id on:change:target=move |ev| role.set(Role::parse(&ev.target().value()).unwrap_or(Role::Viewer))>
                {Role::ALL
                    .map(|r| view! { <option value=r.as_str() selected=move || role.get() == r>{t().role_name(r)}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

/// What a date or number field holds, or `None` while what is typed isn't
/// one yet (a month without its day): the browser then reports an empty
/// value, and a field that wrote that back would wipe the segments being
/// typed (01/15/2027 typed over a date became 11/05/2027). A form that
/// validates lets the browser refuse a field left half typed.
pub fn typed(input: &web_sys::HtmlInputElement) -> Option<String> {
    (!input.validity().bad_input()).then(|| input.value())
}

/// A date field's value in words in the recruiter's locale ("Friday 15
/// January 2027"), shown beside it: the field's own digits follow the
/// browser's order, which a reader may take for another.
pub fn day_in_words(typed: &str) -> String {
    candor_api::Day::parse(typed).map(crate::dates::long).unwrap_or_default()
}

/// Whether the date or number field `id` holds something half typed (a
/// month without its day), which its signal does not follow: sending then
/// would send what was there before. Moves the focus there when it does.
pub fn half_typed(id: &str) -> bool {
    let half = half_typed_field(id);
    if half {
        focus_soon(id.to_owned());
    }
    half
}

/// What to say about a half-typed date, whose order of day, month and
/// year is the browser's own.
pub fn half_typed_date() -> String {
    t().half_typed_date.to_owned()
}

fn half_typed_field(id: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
        .is_some_and(|input| input.validity().bad_input())
}

/// Says a rule's failure in the words of the form: the field's label, then
/// what the rule says (the same words the candidate's forms use, in the
/// language in use): "Stage 2 Expected days: Must be from 1 to 180.". Shows the
/// rule's words by the field too (a long form's summary at its end is
/// off-screen from the field) and moves the focus to the field, which then
/// reads out its label and that message.
pub fn point_at(e: &FieldError, input_id: &str) -> String {
    let document = web_sys::window().and_then(|w| w.document());
    let label = document
        .as_ref()
        .and_then(|d| d.query_selector(&format!("label[for='{input_id}']")).ok().flatten())
        .and_then(|l| l.text_content())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|label| !label.is_empty());
    if let Some(document) = &document {
        show_at_field(document, input_id, &said(e));
    }
    let input = document.and_then(|d| d.get_element_by_id(input_id));
    if let Some(input) = input.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
        let _ = input.focus();
    }
    at_field(&label.unwrap_or_else(|| e.field.to_string()), e)
}

/// The message under the field (`<p class="error field-error">`, the
/// field's description while it lasts), gone once the field is edited. Put
/// there by hand rather than by every form's view: each of the console's
/// forms gets it from [`point_at`] alone.
fn show_at_field(document: &web_sys::Document, input_id: &str, message: &str) {
    use wasm_bindgen::JsCast;
    // One fault at a time: the rules stop at the first.
    if let Ok(old) = document.query_selector_all(".field-error") {
        for i in 0..old.length() {
            if let Some(node) = old.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                forget_error(document, &node);
            }
        }
    }
    let Some(input) = document.get_element_by_id(input_id) else { return };
    let Some(place) = input.closest(".field").ok().flatten().or_else(|| input.parent_element()) else { return };
    let Ok(p) = document.create_element("p") else { return };
    let error_id = format!("{input_id}-error");
    p.set_id(&error_id);
    p.set_class_name("error field-error");
    p.set_text_content(Some(message));
    let _ = p.set_attribute("data-for", input_id);
    if place.append_child(&p).is_err() {
        return;
    }
    let described = input.get_attribute("aria-describedby").unwrap_or_default();
    let _ = input.set_attribute("aria-describedby", format!("{error_id} {described}").trim());
    let _ = input.set_attribute("aria-invalid", "true");
    let document = document.clone();
    let forget = wasm_bindgen::closure::Closure::once_into_js(move || forget_error(&document, &p));
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = input.add_event_listener_with_callback_and_add_event_listener_options(
        "input",
        forget.unchecked_ref(),
        &options,
    );
}

/// Takes a field's message away again, and what pointed at it.
fn forget_error(document: &web_sys::Document, error: &web_sys::Element) {
    if let Some(input) = error.get_attribute("data-for").and_then(|id| document.get_element_by_id(&id)) {
        let kept: Vec<String> = input
            .get_attribute("aria-describedby")
            .unwrap_or_default()
            .split_whitespace()
            .filter(|id| *id != error.id())
            .map(str::to_owned)
            .collect();
        let _ = if kept.is_empty() {
            input.remove_attribute("aria-describedby")
        } else {
            input.set_attribute("aria-describedby", &kept.join(" "))
        };
        let _ = input.remove_attribute("aria-invalid");
    }
    error.remove();
}

/// Moves the focus to `id` once the view has drawn it (a row just added).
pub fn focus_soon(id: String) {
    request_animation_frame(move || {
        let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id));
        if let Some(element) = element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
            let _ = element.focus();
        }
    });
}

/// The rule's words, as a sentence.
fn said(e: &FieldError) -> String {
    let message = t().rules().say(&e.invalid);
    let stop = if message.ends_with('.') { "" } else { "." };
    format!("{message}{stop}")
}

/// `e` said after `label`, as one sentence.
fn at_field(label: &str, e: &FieldError) -> String {
    format!("{label}: {}", said(e))
}

#[cfg(test)]
mod tests {
    use candor_api::Invalid;

    use super::*;

    #[test]
    fn a_rule_is_said_at_its_field_in_the_words_the_candidates_read() {
        let e = FieldError::new("silence_alarm_days", Invalid::OutOfRange { min: 1, max: 60 });
        assert_eq!(
            at_field("Silence alarm after (days without word)", &e),
            "Silence alarm after (days without word): Must be from 1 to 60."
        );
        let e = FieldError::new("cv", Invalid::NotAPdf);
        assert_eq!(at_field("CV", &e), "CV: That file isn't a PDF. Choose a PDF file.");
    }
}
