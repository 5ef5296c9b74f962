//! The posting editor's translations: a section per language other than
//! the company's default, with the same texts as the default (title,
//! department, teaser, description, each stage's name and description, each
//! question and its options), each shown beside the default's words. The
//! rules are `api/`'s (`translation::validate`), checked when the posting
//! is saved; the editor (`postings.rs`) owns the rest of the form.

use candor_api::Locale;
use candor_api::translation::{PostingTranslation, QuestionTranslation, StageTranslation, Translations};
use leptos::prelude::*;

use crate::i18n::t;

/// The default's texts as the editor holds them, which a translation follows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Original {
    pub title: String,
    pub department: String,
    pub teaser: String,
    pub description: String,
    /// Each stage's name and description.
    pub stages: Vec<(String, String)>,
    /// Each question's prompt, and its options if it is a choice.
    pub questions: Vec<(String, Vec<String>)>,
}

/// What decides which fields a translation has: how many stages and
/// questions, which optional texts the default has, how many options.
#[derive(Clone, Debug, PartialEq)]
struct Shape {
    teaser: bool,
    stages: Vec<bool>,
    questions: Vec<usize>,
}

impl Original {
    fn shape(&self) -> Shape {
        Shape {
            teaser: !self.teaser.trim().is_empty(),
            stages: self.stages.iter().map(|(_, d)| !d.trim().is_empty()).collect(),
            questions: self.questions.iter().map(|(_, o)| o.len()).collect(),
        }
    }
}

/// A language's name in the console's language.
pub fn language(l: Locale) -> &'static str {
    t().language(l)
}

/// A language's name as a label's first word ("suomi" → "Suomi").
fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// The translations to send: those with any text written. A language
/// whose every field is left empty has no translation (its visitors read
/// the default); one written in part is sent, and its rules say what is missing.
pub fn written(translations: &Translations) -> Translations {
    translations.iter().filter(|(_, t)| !is_blank(t)).map(|(l, t)| (*l, t.clone())).collect()
}

fn is_blank(t: &PostingTranslation) -> bool {
    let blank = |s: &str| s.trim().is_empty();
    blank(&t.title)
        && blank(&t.department)
        && blank(&t.teaser)
        && blank(&t.description)
        && t.stages.iter().all(|s| blank(&s.name) && blank(&s.description))
        && t.screening_questions.iter().all(|q| blank(&q.prompt) && q.options.iter().all(|o| blank(o)))
}

/// Before a rule's failure in a translation is pointed at: opens its
/// language's section, so that its field can take the focus.
pub fn reveal(field: &str) {
    let Some(rest) = field.strip_prefix("translations.") else { return };
    let tag = rest.split('.').next().unwrap_or_default();
    let section = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("posting-translation-{tag}")));
    if let Some(section) = section {
        let _ = section.set_attribute("open", "");
    }
}

/// One text of one translation: how it is read and written.
type Read = fn(&PostingTranslation, usize) -> String;
type Write = fn(&mut PostingTranslation, usize, String);

#[component]
pub fn TranslationsEditor(
    /// The company's default language: the default texts are in it.
    default_locale: Locale,
    original: Signal<Original>,
    translations: RwSignal<Translations>,
    /// The editor's id for a rule's field (`translations.fi.title`).
    input_id: fn(&str) -> String,
) -> impl IntoView {
    let shape = Memo::new(move |_| original.with(Original::shape));
    let sections = Locale::ALL
        .into_iter()
        .filter(|l| *l != default_locale)
        .map(|locale| view! { <Section locale default_locale original shape translations input_id/> })
        .collect_view();
    view! {
        <fieldset>
            <legend>{t().translations}</legend>
            <p class="muted">{t().translations_note.replace("{language}", language(default_locale))}</p>
            {sections}
        </fieldset>
    }
}

#[component]
fn Section(
    locale: Locale,
    default_locale: Locale,
    original: Signal<Original>,
    shape: Memo<Shape>,
    translations: RwSignal<Translations>,
    input_id: fn(&str) -> String,
) -> impl IntoView {
    let tag = locale.tag();
    let name = language(locale);
    let words = t();
    let state = move || {
        if translations.with(|t| t.get(&locale).is_some_and(|t| !is_blank(t))) {
            words.written
        } else {
            words.not_written
        }
    };
    // A text field of this language; `get_original` is the default's words, shown beside it.
    let field = move |field: String,
                      label: String,
                      multi: bool,
                      index: usize,
                      get: Read,
                      set: Write,
                      get_original: fn(&Original, usize) -> String| {
        let id = input_id(&format!("translations.{tag}.{field}"));
        let hint_id = format!("{id}-original");
        let value = move || translations.with(|t| t.get(&locale).map(|t| get(t, index)).unwrap_or_default());
        let write = move |v: String| {
            translations.update(|t| set(t.entry(locale).or_default(), index, v));
        };
        let input = if multi {
            view! { <textarea id=id.clone() rows="8" lang=tag aria-describedby=hint_id.clone() prop:value=value on:input:target=move |ev| write(ev.target().value())></textarea> }.into_any()
        } else {
            view! { <input id=id.clone() type="text" lang=tag aria-describedby=hint_id.clone() prop:value=value on:input:target=move |ev| write(ev.target().value())/> }.into_any()
        };
        view! {
            <div class="field">
                <label for=id>{label}</label>
                {input}
                <p class="muted original" id=hint_id lang=default_locale.tag()>
                    {format!("{}: ", capitalised(language(default_locale)))}
                    {move || original.with(|o| get_original(o, index))}
                </p>
            </div>
        }
    };
    let fields = move || {
        let s = shape.get();
        let stages = s
            .stages
            .iter()
            .enumerate()
            .map(|(i, &described)| {
                view! {
                    <li class="row">
                        {field(
                            format!("stages[{i}].name"),
                            words.stage_name.replace("{n}", &(i + 1).to_string()),
                            false,
                            i,
                            |t, i| t.stages.get(i).map(|s| s.name.clone()).unwrap_or_default(),
                            |t, i, v| stage(t, i).name = v,
                            |o, i| o.stages.get(i).map(|s| s.0.clone()).unwrap_or_default(),
                        )}
                        {described.then(|| field(
                            format!("stages[{i}].description"),
                            words.stage_what.replace("{n}", &(i + 1).to_string()),
                            false,
                            i,
                            |t, i| t.stages.get(i).map(|s| s.description.clone()).unwrap_or_default(),
                            |t, i, v| stage(t, i).description = v,
                            |o, i| o.stages.get(i).map(|s| s.1.clone()).unwrap_or_default(),
                        ))}
                    </li>
                }
            })
            .collect_view();
        let questions = s
            .questions
            .iter()
            .enumerate()
            .map(|(i, &options)| {
                view! {
                    <li class="row">
                        {field(
                            format!("screening_questions[{i}].prompt"),
                            words.question_n.replace("{n}", &(i + 1).to_string()),
                            false,
                            i,
                            |t, i| t.screening_questions.get(i).map(|q| q.prompt.clone()).unwrap_or_default(),
                            |t, i, v| question(t, i).prompt = v,
                            |o, i| o.questions.get(i).map(|q| q.0.clone()).unwrap_or_default(),
                        )}
                        {(options > 0).then(|| field(
                            format!("screening_questions[{i}].options"),
                            words.question_options.replace("{n}", &(i + 1).to_string()),
                            true,
                            i,
                            |t, i| t.screening_questions.get(i).map(|q| q.options.join("\n")).unwrap_or_default(),
                            |t, i, v| {
                                question(t, i).options =
                                    v.lines().map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect()
                            },
                            |o, i| o.questions.get(i).map(|q| q.1.join(" · ")).unwrap_or_default(),
                        ))}
                    </li>
                }
            })
            .collect_view();
        view! {
            {field("title".into(), words.title.into(), false, 0, |t, _| t.title.clone(), |t, _, v| t.title = v, |o, _| o.title.clone())}
            {field("department".into(), words.department.into(), false, 0, |t, _| t.department.clone(), |t, _, v| t.department = v, |o, _| o.department.clone())}
            {s.teaser.then(|| field("teaser".into(), words.teaser_short.into(), false, 0, |t, _| t.teaser.clone(), |t, _, v| t.teaser = v, |o, _| o.teaser.clone()))}
            {field("description".into(), words.description.into(), true, 0, |t, _| t.description.clone(), |t, _, v| t.description = v, |o, _| o.description.clone())}
            {(!s.stages.is_empty()).then(|| view! { <h4>{words.the_process}</h4><ol class="rows" role="list">{stages}</ol> })}
            {(!s.questions.is_empty()).then(|| view! { <h4>{words.screening_questions}</h4><ol class="rows" role="list">{questions}</ol> })}
        }
    };
    let clear = move |_| translations.update(|t| drop(t.remove(&locale)));
    view! {
        <details class="translation" id=format!("posting-translation-{tag}")>
            <summary>{capitalised(name)}" "<span class="muted">{move || format!("({})", state())}</span></summary>
            <div class="translation-fields">
                {fields}
                <button type="button" class="link" on:click=clear>{words.remove_translation.replace("{language}", name)}</button>
            </div>
        </details>
    }
}

/// Stage `i` of a translation, made (with those before it) if not written yet.
fn stage(t: &mut PostingTranslation, i: usize) -> &mut StageTranslation {
    if t.stages.len() <= i {
        t.stages.resize(i + 1, StageTranslation::default());
    }
    &mut t.stages[i]
}

/// Question `i` of a translation, likewise.
fn question(t: &mut PostingTranslation, i: usize) -> &mut QuestionTranslation {
    if t.screening_questions.len() <= i {
        t.screening_questions.resize(i + 1, QuestionTranslation::default());
    }
    &mut t.screening_questions[i]
}

/// A translation sent with the posting has as many stages and questions as
/// the posting: a row the default gained since is an empty row (its rule
/// then says its name is missing); one the default lost goes.
pub fn fitted(translations: &Translations, original: &Original) -> Translations {
    translations
        .iter()
        .map(|(l, t)| {
            let mut t = t.clone();
            t.stages.resize(original.stages.len(), StageTranslation::default());
            t.screening_questions.resize(original.questions.len(), QuestionTranslation::default());
            for (q, (_, options)) in t.screening_questions.iter_mut().zip(&original.questions) {
                if options.is_empty() {
                    q.options.clear();
                }
            }
            for (s, (_, description)) in t.stages.iter_mut().zip(&original.stages) {
                if description.trim().is_empty() {
                    s.description.clear();
                }
            }
            if original.teaser.trim().is_empty() {
                t.teaser.clear();
            }
            (*l, t)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn original() -> Original {
        Original {
            title: "Dental hygienist".into(),
            department: "Clinical".into(),
            teaser: String::new(),
            description: "Gentle care.".into(),
            stages: vec![("Review".into(), String::new()), ("Interview".into(), "An hour".into())],
            questions: vec![("Licensed?".into(), vec![]), ("Start?".into(), vec!["Now".into(), "Later".into()])],
        }
    }

    #[test]
    fn an_empty_language_is_no_translation() {
        let mut all = Translations::new();
        all.insert(Locale::Fi, PostingTranslation { title: "  ".into(), ..Default::default() });
        all.insert(Locale::Sv, PostingTranslation { title: "Tandhygienist".into(), ..Default::default() });
        assert_eq!(written(&all).keys().collect::<Vec<_>>(), [&Locale::Sv]);
    }

    #[test]
    fn a_translation_follows_the_defaults_rows() {
        let mut all = Translations::new();
        let mut fi = PostingTranslation { teaser: "left from before".into(), ..Default::default() };
        fi.stages = vec![StageTranslation { name: "Arviointi".into(), description: "ei kuvausta".into() }; 3];
        fi.screening_questions =
            vec![QuestionTranslation { prompt: "Laillistettu?".into(), options: vec!["x".into()] }];
        all.insert(Locale::Fi, fi);
        let fitted = fitted(&all, &original());
        let fi = &fitted[&Locale::Fi];
        assert_eq!(fi.stages.len(), 2);
        assert_eq!(fi.stages[0].description, "", "the default's stage has none");
        assert_eq!(fi.screening_questions.len(), 2);
        assert!(fi.screening_questions[0].options.is_empty(), "not a choice");
        assert_eq!(fi.teaser, "");
    }
}
