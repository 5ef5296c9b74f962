//! The list of open postings: filters, the count, the cards, and the
//! hash-driven switch between the list and one posting.

use candor_api::postings::FacetValue;
use candor_api::postings::QUERY_TEXT_MAX;
use candor_api::{FieldError, PostingList, PostingQuery, PostingSlug, PostingSummary};
use leptos::prelude::*;

use super::detail::PostingView;
use super::{content_lang, facts, mark_painted};
use crate::api_client::Loader;
use crate::context::Widget;
use crate::format;
use crate::i18n::Rules;
use crate::routing::{self, Route};
use crate::states::{LoadFailed, Skeleton};

/// The browser's Unicode lowercasing (see `PostingQuery::matches_folding`).
fn lowercase(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

/// The list and the posting a deep link opens. The list's data and filters
/// live here, so going back to the list shows it as it was left, without a
/// new request.
#[component]
pub fn Browser() -> impl IntoView {
    let widget = expect_context::<Widget>();
    let Some(company) = widget.company.clone() else { return ().into_any() };
    // In the visitor's language where the company wrote it (the server picks).
    let list: Loader<PostingList> =
        Loader::new(widget.api_url(&format!("companies/{company}/postings?lang={}", widget.locale.tag())));
    let filters = Filters::default();
    let route = RwSignal::new(routing::parse(&routing::current_hash(), &company));
    // Focus follows navigation made in the widget, not the first load of a
    // deep link: stealing focus on arrival would disorient a screen-reader user.
    let came_from_list = RwSignal::new(false);
    let last_opened = RwSignal::new(None::<PostingSlug>);
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = routing::parse(&routing::current_hash(), &company);
        let previous = route.get_untracked();
        if next == previous {
            return;
        }
        came_from_list.set(previous == Route::List);
        if let Route::Posting(slug) = previous {
            last_opened.set(Some(slug));
        }
        route.set(next);
    });
    on_cleanup(move || listener.remove());

    (move || match route.get() {
        Route::List => view! { <ListView list filters last_opened/> }.into_any(),
        Route::Posting(slug) => view! { <PostingView slug from_list=came_from_list.get_untracked()/> }.into_any(),
    })
    .into_any()
}

/// What the visitor has typed and picked, as entered.
#[derive(Clone, Copy, Default)]
struct Filters {
    q: RwSignal<String>,
    department: RwSignal<String>,
    location: RwSignal<String>,
    remote: RwSignal<bool>,
}

impl Filters {
    /// The filters through the same rule the API applies to its query string.
    fn query(&self) -> Result<PostingQuery, FieldError> {
        let remote = if self.remote.get() { "true" } else { "" };
        PostingQuery::from_pairs([
            ("q", self.q.get().as_str()),
            ("department", self.department.get().as_str()),
            ("location", self.location.get().as_str()),
            ("remote", remote),
        ])
    }

    fn clear(&self) {
        self.q.set(String::new());
        self.department.set(String::new());
        self.location.set(String::new());
        self.remote.set(false);
    }
}

#[component]
fn ListView(list: Loader<PostingList>, filters: Filters, last_opened: RwSignal<Option<PostingSlug>>) -> impl IntoView {
    let t = expect_context::<Widget>().t;
    move || {
        match list.get() {
        None => view! { <Skeleton label=t.loading/> }.into_any(),
        Some(Err(_)) => {
            view! { <LoadFailed title=t.list_error_title body=t.common.error_body retry_label=t.common.retry on_retry=move || list.reload()/> }
                .into_any()
        }
        Some(Ok(data)) if data.total_open == 0 => view! {
            <div class="notice empty">
                <p class="notice-title">{t.none_open_title}</p>
                <p>{t.none_open_body}</p>
            </div>
        }
        .into_any(),
        Some(Ok(data)) => view! { <Loaded data filters last_opened/> }.into_any(),
    }
    }
}

#[component]
fn Loaded(data: PostingList, filters: Filters, last_opened: RwSignal<Option<PostingSlug>>) -> impl IntoView {
    let widget = expect_context::<Widget>();
    let t = widget.t;
    let total = data.total_open;
    let facets = data.facets;
    let all = StoredValue::new(data.postings);
    let query = Memo::new(move |_| filters.query());
    let shown = Memo::new(move |_| match query.get() {
        Ok(q) => {
            all.with_value(|all| all.iter().filter(|p| q.matches_folding(p, lowercase)).cloned().collect::<Vec<_>>())
        }
        Err(_) => all.get_value(),
    });
    let active = move || query.get().map_or(true, |q| !q.is_empty());
    let q_error =
        move || query.get().err().filter(|e| e.field == "q").map(|e| Rules::for_careers_page(t).say(&e.invalid));
    let count = move || {
        let n = shown.get().len();
        if active() {
            t.matching_positions.format(t.locale, n).replace("{total}", &total.to_string())
        } else {
            t.open_positions.format(t.locale, n)
        }
    };
    mark_painted("candor:postings-painted");
    // "Clear filters" goes away once pressed: the focus goes back to the
    // search rather than to the page's start.
    let search = NodeRef::<leptos::html::Input>::new();

    let remote = (facets.remote > 0).then(|| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || filters.remote.get()
                    on:change:target=move |ev| filters.remote.set(ev.target().checked())
                />
                <span>{t.remote_only}</span>
            </label>
        }
    });

    view! {
        <div class="filters" role="search" aria-label=t.filters_label>
            <div class="field field-search">
                <label for="candor-q">{t.search_label}</label>
                <input
                    id="candor-q"
                    node_ref=search
                    type="search"
                    autocomplete="off"
                    maxlength=QUERY_TEXT_MAX
                    placeholder=t.search_placeholder
                    aria-invalid=move || q_error().is_some().then_some("true")
                    aria-describedby=move || q_error().is_some().then_some("candor-q-error")
                    prop:value=move || filters.q.get()
                    on:input:target=move |ev| filters.q.set(ev.target().value())
                />
                <p id="candor-q-error" class="field-error" hidden=move || q_error().is_none()>{q_error}</p>
            </div>
            <FacetSelect id="candor-department" label=t.department_label all=t.all_departments values=facets.departments chosen=filters.department/>
            <FacetSelect id="candor-location" label=t.location_label all=t.all_locations values=facets.locations chosen=filters.location/>
            {remote}
        </div>
        <div class="list-status">
            <p role="status" class="count">{count}</p>
            <Show when=active>
                <button type="button" class="link-button" on:click=move |_| {
                    filters.clear();
                    if let Some(input) = search.get_untracked() {
                        let _ = input.focus();
                    }
                }>{t.clear_filters}</button>
            </Show>
        </div>
        // Re-rendered whole on each change rather than diffed with <For>:
        // a careers page lists tens of postings, not thousands, and keyed
        // diffing costs the widget ~10 KB.
        {move || {
            let shown = shown.get();
            if shown.is_empty() {
                view! { <p class="notice empty">{t.none_matching}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards" role="list">
                        {shown.into_iter().map(|posting| view! { <Card posting last_opened/> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }
        }}
    }
}

/// A filter over one facet: "All departments", then each value with how
/// many postings it has, "Clinical (2)".
#[component]
fn FacetSelect(
    id: &'static str,
    label: &'static str,
    all: &'static str,
    values: Vec<FacetValue>,
    chosen: RwSignal<String>,
) -> impl IntoView {
    let options = values
        .into_iter()
        .map(|f| view! { <option value=f.value.clone()>{format!("{} ({})", f.value, f.count)}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id prop:value=move || chosen.get() on:change:target=move |ev| chosen.set(ev.target().value())>
                <option value="">{all}</option>
                {options}
            </select>
        </div>
    }
}

#[component]
fn Card(posting: PostingSummary, last_opened: RwSignal<Option<PostingSlug>>) -> impl IntoView {
    let widget = expect_context::<Widget>();
    let t = widget.t;
    // Cards are only listed for a company (see `Browser`).
    let href = widget.company.as_ref().map(|company| routing::posting_href(company, &posting.slug)).unwrap_or_default();
    let link = NodeRef::<leptos::html::A>::new();
    let slug = posting.slug.clone();
    // Back from this posting: put focus where the visitor left the list.
    Effect::new(move |_| {
        if let Some(a) = link.get()
            && last_opened.get_untracked().as_ref() == Some(&slug)
        {
            let _ = a.focus();
            last_opened.set(None);
        }
    });
    let salary = posting.salary.as_ref().map(|s| view! { <span class="salary">{format::salary(t, s)}</span> });
    let lang = content_lang(&posting);
    let teaser =
        (!posting.teaser.is_empty()).then(|| view! { <p class="teaser" lang=lang>{posting.teaser.clone()}</p> });
    view! {
        <li class="card">
            <h3 class="card-title">
                <a class="card-link" href=href node_ref=link lang=lang>{posting.title.clone()}</a>
            </h3>
            {facts(&posting)}
            {teaser}
            <p class="card-foot">
                {salary}
                <span class="posted">{format::posted(t, posting.published_on)}</span>
            </p>
        </li>
    }
}
