//! A posting's public questions and answers: what others asked, what the
//! company answered and how long that took, and the way to ask (the form
//! itself is in the candidate bundle, loaded when someone wants to ask).

use candor_api::qa::PostingQuestions;
use candor_api::{CompanySlug, PostingSlug};
use leptos::prelude::*;

use crate::api_client::Loader;
use crate::candidate_bundle::form_button;
use crate::context::{CompanyInfo, Widget};
use crate::format;

#[component]
pub fn QuestionsAndAnswers(company: CompanySlug, posting: PostingSlug) -> impl IntoView {
    let widget = expect_context::<Widget>();
    let info = expect_context::<CompanyInfo>();
    let (t, locale) = (widget.t, widget.locale);
    let answers: Loader<PostingQuestions> =
        Loader::new(widget.api_url(&format!("companies/{company}/postings/{posting}/questions")));
    let company_name = move || info.loaded().map(|c| c.name).unwrap_or_default();
    let list = move || {
        // The section stays quiet while loading or if the answers can't be
        // read: the posting itself is what matters on this page.
        let a = answers.loaded()?;
        let median = a.median_answer_minutes.map(|m| {
            view! { <p class="qa-median">{t.qa_median.replace("{company}", &company_name()).replace("{duration}", &format::duration(locale, m))}</p> }
        });
        if a.questions.is_empty() {
            return Some(view! { {median} <p class="muted qa-none">{t.qa_none}</p> }.into_any());
        }
        let items = a
            .questions
            .into_iter()
            .map(|q| {
                let who = if q.name.is_empty() { t.asked_by_visitor.to_owned() } else { t.asked_by.replace("{name}", &q.name) };
                view! {
                    <li class="qa-item">
                        <p class="muted">{who}</p>
                        <p class="qa-question">{q.text}</p>
                        <p class="qa-answer">{q.answer}</p>
                        <p class="muted">{t.common.answered_in.replace("{duration}", &format::duration(locale, q.answer_minutes))}</p>
                    </li>
                }
            })
            .collect_view();
        Some(view! { {median} <ul class="qa-list" role="list">{items}</ul> }.into_any())
    };
    view! {
        <section class="qa" aria-labelledby="candor-qa-title" data-candor-pending=move || answers.pending().then_some("")>
            <h3 id="candor-qa-title">{t.qa_title}</h3>
            {list}
            {form_button(&widget, "ask", posting, t.ask_question, "button secondary")}
        </section>
    }
}
