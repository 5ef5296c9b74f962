//! The profile wallet on Candor's own origin, `/me`: the candidate's
//! profile kept in this browser only (edited, imported and exported as JSON
//! Resume, erased), and every application and question they chose to
//! follow here, whichever employer's careers page sent it. With `?share=`
//! or `?save=` the same page is the small window a careers page opens to
//! ask for the profile or offer one (`asked.rs`).

mod asked;

use candor_api::qa::{AskedQuestion, QuestionState};
use candor_api::timeline::ApplicationStatus;
use candor_api::wallet::{Entry, EntryKind, Kept};
use candor_api::{CompanySlug, Invalid};
use candor_widget::api_client::{LoadError, Loader};
use leptos::prelude::*;

use crate::ask::QuestionView;
use crate::context::Tracked;
use crate::focus::{focus_by_id, focus_on_mount, root_of};
use crate::i18n::CandidateStrings;
use crate::mine::standing;
use crate::profile_form::{self, Errors, input_id};
use crate::status::StatusView;
use crate::storage;

/// The wallet's page, or the window a careers page asked for, as the
/// address's query says.
pub fn view(api_base: String, t: &'static CandidateStrings) -> AnyView {
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let asked = form_value(&query, "share")
        .map(|c| (asked::Asked::Share, c))
        .or_else(|| form_value(&query, "save").map(|c| (asked::Asked::Save, c)));
    match asked.and_then(|(asked, company)| CompanySlug::parse(&company).ok().map(|c| (asked, c))) {
        Some((asked, company)) => view! { <asked::AskedView asked company api_base t/> }.into_any(),
        None => view! { <WalletPage api_base t/> }.into_any(),
    }
}

/// The value of `name` in a `?a=b&c=d` query (slugs and language tags
/// only, so nothing needs decoding).
fn form_value(query: &str, name: &str) -> Option<String> {
    query.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name && !value.is_empty()).then(|| value.to_owned())
    })
}

/// This page's own origin, as the browser names it.
fn own_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// The profile's rule failures a person can fix here, each by its field;
/// an empty field is not one (nothing here is required: it is a draft).
fn problems(kept: &Kept, t: &'static CandidateStrings) -> Vec<(String, String)> {
    match kept.profile.validate_all() {
        Ok(_) => Vec::new(),
        Err(all) => all
            .into_iter()
            .filter(|e| e.invalid != Invalid::Required)
            .map(|e| (e.field.to_string(), t.rules().say(&e.invalid)))
            .collect(),
    }
}

#[component]
fn WalletPage(api_base: String, t: &'static CandidateStrings) -> impl IntoView {
    let stored = RwSignal::new(storage::wallet_profile());
    let keeps = storage::can_keep();
    Effect::new(move |_| {
        let kept = stored.get();
        if kept == Kept::default() {
            storage::erase_wallet_profile();
        } else {
            storage::save_wallet_profile(&kept);
        }
    });
    let error: Errors = RwSignal::new(Vec::new());
    let notice = RwSignal::new(None::<&'static str>);
    let erasing = RwSignal::new(false);
    // Said when the person leaves a field, not while they type in it.
    let check = move |_| error.set(problems(&stored.get_untracked(), t));
    let erase = move |ev: leptos::ev::MouseEvent| {
        stored.set(Kept::default());
        error.set(Vec::new());
        erasing.set(false);
        notice.set(Some(t.wallet_erased));
        focus_by_id(root_of(&ev), "candor-wallet-notice".to_owned());
    };
    view! {
        <div class="candor wallet" lang=t.locale.tag()>
            <h1>{t.wallet_title}</h1>
            <p class="muted">{t.wallet_intro.replace("{origin}", &own_origin())}</p>
            {(!keeps).then(|| view! { <p class="notice" role="alert">{t.wallet_not_kept}</p> })}
            <section class="profile" aria-labelledby="candor-profile-title">
                <h2 id="candor-profile-title">{t.your_profile}</h2>
                <div class="resume-actions">
                    {profile_form::resume_buttons(stored, t, move |read| {
                        notice.set(Some(if read { t.imported } else { t.import_failed }));
                    })}
                    <button type="button" class="button secondary" id="candor-wallet-erase"
                        hidden=move || erasing.get()
                        on:click=move |ev| {
                            erasing.set(true);
                            focus_by_id(root_of(&ev), "candor-wallet-erase-warning".to_owned());
                        }>
                        {t.wallet_erase}
                    </button>
                </div>
                <div class="confirm" role="group" aria-labelledby="candor-wallet-erase-warning" hidden=move || !erasing.get()>
                    <p id="candor-wallet-erase-warning" tabindex="-1">{t.wallet_erase_warning}</p>
                    <div class="resume-actions">
                        <button type="button" class="button danger" on:click=erase>{t.wallet_erase_confirm}</button>
                        <button type="button" class="button secondary"
                            on:click=move |ev| {
                                erasing.set(false);
                                focus_by_id(root_of(&ev), "candor-wallet-erase".to_owned());
                            }>
                            {t.wallet_keep}
                        </button>
                    </div>
                </div>
                <p id="candor-wallet-notice" class="notice" role="status" tabindex="-1" hidden=move || notice.get().is_none()>
                    {move || notice.get()}
                </p>
                <div class="profile-fields" on:focusout=check>{profile_form::fields(stored, error, t)}</div>
            </section>
            <Entries api_base t/>
        </div>
    }
}

/// Every application and question the candidate chose to follow here;
/// one opens into its live status in place.
#[component]
fn Entries(api_base: String, t: &'static CandidateStrings) -> impl IntoView {
    let entries = RwSignal::new(storage::wallet_entries());
    let selected = RwSignal::new(None::<Entry>);
    let tracked =
        move |token: String| Tracked { api_base: api_base.clone(), token, t, on_status_page: false, chosen: true };
    let forget = move |token: String| {
        entries.update(|all| all.retain(|e| e.token != token));
        storage::save_wallet_entries(&entries.get_untracked());
    };
    let list = {
        let tracked = tracked.clone();
        move || {
            let all = entries.get();
            if all.is_empty() {
                return view! { <p class="notice">{t.wallet_entries_none}</p> }.into_any();
            }
            let items = all
                .into_iter()
                .map(|entry| {
                    let tracked = tracked(entry.token.clone());
                    view! { <Item entry tracked selected forget/> }
                })
                .collect_view();
            view! { <ul class="my-list" role="list">{items}</ul> }.into_any()
        }
    };
    view! {
        <section class="wallet-entries" aria-labelledby="candor-entries-title">
            <h2 id="candor-entries-title" tabindex="-1">{t.wallet_entries_title}</h2>
            {move || match selected.get() {
                Some(entry) => {
                    let back = NodeRef::<leptos::html::Button>::new();
                    focus_on_mount(back);
                    let what = tracked(entry.token.clone());
                    let shown = match entry.kind {
                        EntryKind::Question => view! { <QuestionView question=what/> }.into_any(),
                        EntryKind::Application => view! { <StatusView application=what/> }.into_any(),
                    };
                    view! {
                        <button type="button" class="back link-button" node_ref=back
                            on:click=move |ev| {
                                selected.set(None);
                                focus_by_id(root_of(&ev), "candor-entries-title".to_owned());
                            }>
                            <span aria-hidden="true">"← "</span>{t.wallet_entries_title}
                        </button>
                        {shown}
                    }
                    .into_any()
                }
                None => list.clone()().into_any(),
            }}
        </section>
    }
}

/// One entry: what and where, how it stands now, Open and Remove.
#[component]
fn Item(
    entry: Entry,
    tracked: Tracked,
    selected: RwSignal<Option<Entry>>,
    forget: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = tracked.t;
    let line = match entry.kind {
        EntryKind::Application => {
            let status: Loader<ApplicationStatus> = tracked.status_loader();
            Signal::derive(move || match status.get() {
                None => t.loading_application.to_owned(),
                Some(Ok(s)) => standing(t, &s),
                Some(Err(LoadError::NotFound)) => t.not_found.to_owned(),
                Some(Err(_)) => t.error_title.to_owned(),
            })
        }
        EntryKind::Question => {
            let asked: Loader<AskedQuestion> = tracked.question_loader();
            Signal::derive(move || match asked.get() {
                None => t.loading_application.to_owned(),
                Some(Ok(q)) => match q.state {
                    QuestionState::Pending => t.question_pending,
                    QuestionState::Answered => t.question_answered,
                    QuestionState::Declined => t.question_declined,
                }
                .replace("{company}", &q.company.name),
                Some(Err(LoadError::NotFound)) => t.not_found.to_owned(),
                Some(Err(_)) => t.error_title.to_owned(),
            })
        }
    };
    let what = t.wallet_entry_at.replace("{title}", &entry.title).replace("{company}", &entry.company_name);
    let token = entry.token.clone();
    let open_id = input_id(&format!("wallet.{}", entry.token));
    view! {
        <li class="my-item">
            <div>
                <p class="stage-name">{what.clone()}</p>
                {(!entry.text.is_empty()).then(|| view! { <p>{entry.text.clone()}</p> })}
                <p class="muted">{line}</p>
            </div>
            <div class="resume-actions">
                <button type="button" class="button secondary" id=open_id aria-label=format!("{}: {what}", t.open_application)
                    on:click={
                        let entry = entry.clone();
                        move |_| selected.set(Some(entry.clone()))
                    }>
                    {t.open_application}
                </button>
                <button type="button" class="link-button" aria-label=format!("{}: {what}", t.wallet_forget)
                    on:click=move |ev| {
                        forget(token.clone());
                        focus_by_id(root_of(&ev), "candor-entries-title".to_owned());
                    }>
                    {t.wallet_forget}
                </button>
            </div>
        </li>
    }
}
