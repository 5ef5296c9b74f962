//! A posting's progress report, for the hiring manager or agency client the
//! search is for. In the console (the posting's Report tab): the notes
//! editor (an update, or a warning that sits on top of the report and is
//! mailed at once), the share links (`links.rs`), and a preview of the
//! report as a reader of each kind sees it, in any of its languages. The
//! report itself is one view (`view.rs`, its chart in `chart.rs`), drawn
//! the same on the reader's own page (`reader.rs`, `/report#token`), with
//! the words both say its figures in (`words.rs`).

mod chart;
mod links;
mod reader;
mod view;
mod words;

use candor_api::Locale;
use candor_api::PostingSlug;
use candor_api::posting_admin::PostingForAdmin;
use candor_api::reports::{NOTE_MAX, NewNote, Note, NoteKind, Report, Shows};
use candor_widget::api_client::{Body, Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

pub use reader::ReaderPage;
use view::ReportView;

use crate::client::{API, Api, refused_field, say};
use crate::i18n::{self, t};
use crate::ui;

/// The preview's address: as a reader who sees `shows`, in `lang`.
fn preview_url(posting: &PostingSlug, shows: Shows, lang: Locale) -> String {
    format!("{API}postings/{posting}/report?shows={}&lang={}", shows.as_str(), lang.tag())
}

#[component]
pub fn ReportTab(posting: PostingSlug, api: Api, may_act: bool) -> impl IntoView {
    let about: Loader<PostingForAdmin> = Loader::new(format!("{API}postings/{posting}"));
    let title = move || about.loaded().map_or_else(String::new, |p| p.detail.summary.title);
    let shows = RwSignal::new(Shows::Counts);
    let lang = RwSignal::new(i18n::locale());
    let slug = StoredValue::new(posting.clone());
    let preview = RwSignal::new(Loader::<Report>::new(preview_url(&posting, Shows::Counts, lang.get_untracked())));
    // The server's day, which decides whether a link still opens.
    let today = RwSignal::new(None);
    Effect::new(move |_| {
        if let Some(report) = preview.get().loaded() {
            today.set(Some(report.today));
        }
    });
    let refresh =
        move || preview.set(Loader::new(preview_url(&slug.get_value(), shows.get_untracked(), lang.get_untracked())));
    let t = t();
    view! {
        <section class="card no-print" aria-labelledby="report-tab-title">
            <h2 id="report-tab-title" tabindex="-1">{move || t.report_tab_title.replace("{title}", &title())}</h2>
            <p class="muted">{t.report_tab_intro}</p>
        </section>
        {may_act.then(|| view! { <NoteEditor posting=posting.clone() api on_added=refresh/> })}
        <links::Links posting=posting.clone() api may_act today/>
        <section class="card preview" aria-labelledby="preview-title">
            <h2 id="preview-title" class="no-print">{t.report_preview_title}</h2>
            <div class="preview-controls no-print">
                <fieldset class="choice">
                    <legend>{t.report_preview_shows}</legend>
                    {Shows::ALL.map(|s| {
                        let id = format!("preview-shows-{}", s.as_str());
                        let label_for = id.clone();
                        view! {
                            <label class="check" for=label_for>
                                <input type="radio" id=id name="preview-shows" value=s.as_str() prop:checked=move || shows.get() == s on:change=move |_| { shows.set(s); refresh(); }/>
                                {t.shows_name(s)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="preview-language">{t.report_preview_language}</label>
                    <select id="preview-language" on:change:target=move |ev| {
                        if let Ok(l) = Locale::parse(&ev.target().value()) {
                            lang.set(l);
                            refresh();
                        }
                    }>
                        {Locale::ALL.map(|l| view! { <option value=l.tag() selected=move || lang.get() == l>{ui::language_name(l)}</option> }).collect_view()}
                    </select>
                </div>
                <button type="button" class="secondary" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{t.report_print}</button>
            </div>
            {move || {
                let loader = preview.get();
                ui::loaded(loader, t.report_failed, move |report| view! { <ReportView report in_console=true/> })()
            }}
        </section>
    }
}

/// Writing a note: an update, or a warning, which goes on top of the report
/// and to every reader by mail at once.
#[component]
fn NoteEditor(posting: PostingSlug, api: Api, on_added: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let kind = RwSignal::new(NoteKind::Update);
    let body = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let url = format!("{API}postings/{posting}/report/notes");
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let request = match (NewNote { kind: kind.get_untracked(), body: body.get_untracked() }).validate() {
            Ok(request) => request,
            Err(e) => {
                problem.set(Some(ui::point_at(&e, "note-body")));
                return;
            }
        };
        problem.set(None);
        let url = url.clone();
        spawn_local(async move {
            match api.send_for::<Note>(Method::Post, &url, Body::json(&request)).await {
                Ok(note) => {
                    body.set(String::new());
                    kind.set(NoteKind::Update);
                    let t = t();
                    done.set(Some(
                        if note.kind == NoteKind::Warning { t.report_warning_added } else { t.report_update_added }
                            .to_owned(),
                    ));
                    ui::focus_soon("note-done".to_owned());
                    on_added();
                }
                Err(e) => match refused_field(&e) {
                    Some(field) => problem.set(Some(ui::point_at(&field, "note-body"))),
                    None => problem.set(Some(say(&e))),
                },
            }
        });
    };
    let t = t();
    let kinds = [
        (NoteKind::Update, "note-kind-update", t.report_note_update, t.report_note_update_hint),
        (NoteKind::Warning, "note-kind-warning", t.report_note_warning, t.report_note_warning_hint),
    ]
    .map(|(k, id, name, hint)| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="field">
                <label class="check" for=id>
                    <input type="radio" id=id name="note-kind" aria-describedby=hint_id.clone() prop:checked=move || kind.get() == k on:change=move |_| kind.set(k)/>
                    {name}
                </label>
                <p class="muted" id=hint_id>{hint}</p>
            </div>
        }
    })
    .collect_view();
    view! {
        <form class="card no-print" on:submit=add aria-labelledby="note-title" novalidate>
            <h2 id="note-title">{t.report_write_note}</h2>
            <fieldset class="choice">
                <legend>{t.report_note_kind}</legend>
                {kinds}
            </fieldset>
            <div class="field">
                <label for="note-body">{t.report_note_body}</label>
                <textarea id="note-body" rows="5" maxlength=NOTE_MAX prop:value=move || body.get() on:input:target=move |ev| body.set(ev.target().value())></textarea>
            </div>
            <p class="error" role="alert">{move || problem.get()}</p>
            <button type="submit">{t.report_add_note}</button>
            <p id="note-done" class="confirmation" role="status" tabindex="-1">{move || done.get()}</p>
        </form>
    }
}
