//! One posting: what the job is, and what the hiring process will be like.

use candor_api::PostingSlug;
use leptos::prelude::*;

use super::apply::ApplySection;
use super::jsonld::JsonLd;
use super::qa::QuestionsAndAnswers;
use super::rich_text::RichText;
use super::{PostingPage, content_lang, facts, mark_painted};
use crate::api_client::{LoadError, Loader};
use crate::context::Widget;
use crate::format;
use crate::routing;
use crate::states::{LoadFailed, Skeleton};

/// A posting by slug. `from_list`: the visitor opened it from the list in
/// this widget, so "back" returns there and focus moves to the heading.
#[component]
pub fn PostingView(slug: PostingSlug, from_list: bool) -> impl IntoView {
    let widget = expect_context::<Widget>();
    let t = widget.t;
    let Some(company) = widget.company.clone() else { return ().into_any() };
    let posting: Loader<PostingPage> =
        Loader::new(widget.api_url(&format!("companies/{company}/postings/{slug}?lang={}", widget.locale.tag())));
    // A widget fixed on one posting has no list to go back to.
    let back = widget.posting.is_none().then(|| {
        let href = routing::list_href(&company);
        view! {
            <a
                class="back"
                href=href
                on:click=move |ev| {
                    if from_list {
                        ev.prevent_default();
                        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                            let _ = history.back();
                        }
                    }
                }
            >
                <span aria-hidden="true">"←"</span>
                {t.back_to_list}
            </a>
        }
    });
    view! {
        {back}
        {move || match posting.get() {
            None => view! { <Skeleton label=t.loading cards=1/> }.into_any(),
            Some(Err(LoadError::NotFound)) => {
                view! { <p class="notice" role="alert">{t.posting_not_found}</p> }.into_any()
            }
            Some(Err(LoadError::Closed)) => view! { <p class="notice" role="alert">{t.posting_closed}</p> }.into_any(),
            Some(Err(_)) => {
                view! {
                    <LoadFailed title=t.posting_error_title body=t.common.error_body retry_label=t.common.retry on_retry=move || posting.reload()/>
                }
                    .into_any()
            }
            Some(Ok(p)) => view! { <Posting posting=p focus=from_list/> }.into_any(),
        }}
    }
    .into_any()
}

#[component]
fn Posting(posting: PostingPage, focus: bool) -> impl IntoView {
    let widget = expect_context::<Widget>();
    let (t, locale) = (widget.t, widget.locale);
    let heading = NodeRef::<leptos::html::H2>::new();
    if focus {
        Effect::new(move |_| {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        });
    }
    mark_painted("candor:posting-painted");
    let s = &posting.summary;
    let lang = content_lang(s);
    let salary = s.salary.as_ref().map(|salary| {
        view! {
            <p class="salary-line">
                <span class="label">{t.salary}</span>
                " "
                <span class="salary">{format::salary(t, salary)}</span>
            </p>
        }
    });
    let closes = s.closes_on.map(|d| view! { <span>{t.apply_by.replace("{date}", &format::date(locale, d))}</span> });
    let total_days = posting.typical_total_days() as usize;
    let steps = posting.stages.len();
    let stages = posting
        .stages
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let description = (!stage.description.is_empty())
                .then(|| view! { <p class="stage-note" lang=lang>{stage.description.clone()}</p> });
            view! {
                <li class="stage">
                    <span class="stage-number" aria-hidden="true">{i + 1}</span>
                    <div class="stage-body">
                        <p class="stage-name" lang=lang>{stage.name.clone()}</p>
                        <p class="stage-days">{t.common.usually_days.format(locale, usize::from(stage.expected_days))}</p>
                        {description}
                    </div>
                </li>
            }
        })
        .collect_view();

    view! {
        <JsonLd posting=posting.clone()/>
        <article class="posting" aria-labelledby="candor-title">
            <header class="posting-header">
                <h2 id="candor-title" tabindex="-1" node_ref=heading lang=lang>{s.title.clone()}</h2>
                {facts(s)}
                {salary}
                <p class="dates">
                    <span>{t.posted_on} " " {format::date(locale, s.published_on)}</span>
                    {closes}
                </p>
            </header>
            <section class="description" aria-labelledby="candor-about">
                <h3 id="candor-about">{t.about_the_role}</h3>
                <div class="description-text" lang=lang>
                    <RichText text=posting.description.clone()/>
                </div>
            </section>
            <section class="process" aria-labelledby="candor-process">
                <h3 id="candor-process">{t.what_to_expect}</h3>
                <p class="process-summary">
                    {t.process_steps.format(locale, steps)}
                    " · "
                    {t.about_days_in_total.format(locale, total_days)}
                </p>
                <ol class="stages" role="list">{stages}</ol>
            </section>
            <ApplySection posting=s.slug.clone()/>
            {widget.company.clone().map(|company| view! { <QuestionsAndAnswers company posting=s.slug.clone()/> })}
        </article>
    }
}
