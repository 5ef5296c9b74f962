//! The metrics page: how the company treats its candidates, overall and per
//! posting, with simple SVG bar charts (no chart library: a few rectangles
//! are less code than any library's setup, and stay accessible).

use candor_api::metrics::{Metrics, MetricsReport};
use candor_api::timeline::WithdrawReason;
use candor_widget::api_client::Loader;
use leptos::prelude::*;

use crate::API;
use crate::i18n::{fill, t};

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_owned(), |s| t().percent(s))
}

fn minutes(m: Option<u64>) -> String {
    let t = t();
    match m {
        None => "–".to_owned(),
        Some(m) if m < 60 => t.age_minutes.replace("{n}", &m.to_string()),
        Some(m) if m < 48 * 60 => t.age_hours.replace("{n}", &((m + 30) / 60).to_string()),
        Some(m) => t.count(&t.age_days, usize::try_from((m + 720) / 1440).unwrap_or(0)),
    }
}

fn reason_name(reason: WithdrawReason) -> &'static str {
    let t = t();
    match reason {
        WithdrawReason::AcceptedAnotherOffer => t.withdraw_accepted_another_offer,
        WithdrawReason::ProcessTooSlow => t.withdraw_process_too_slow,
        WithdrawReason::SalaryOrConditions => t.withdraw_salary_or_conditions,
        WithdrawReason::NoLongerInterested => t.withdraw_no_longer_interested,
        WithdrawReason::PersonalReasons => t.withdraw_personal_reasons,
        WithdrawReason::Other => t.withdraw_other,
    }
}

/// A horizontal bar chart; `rows` are (label, value, shown text), values
/// scaled to the largest (or to 1.0 for shares).
#[component]
fn Bars(title: &'static str, rows: Vec<(String, f64, String)>, max: f64) -> impl IntoView {
    let height = rows.len() as f64 * 28.0 + 8.0;
    let label = format!("{title}: {}", rows.iter().map(|(l, _, v)| format!("{l} {v}")).collect::<Vec<_>>().join(", "));
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (name, value, shown))| {
            let y = i as f64 * 28.0 + 4.0;
            let width = if max > 0.0 { (value / max * 360.0).max(1.0) } else { 1.0 };
            view! {
                <text x="0" y=y + 16.0 font-size="13">{name}</text>
                <rect x="240" y=y width=width height="20" rx="3" fill="#0f766e"></rect>
                <text x=248.0 + width y=y + 15.0 font-size="13">{shown}</text>
            }
        })
        .collect_view();
    view! {
        <figure>
            <figcaption><strong>{title}</strong></figcaption>
            <svg role="img" aria-label=label viewBox=format!("0 0 680 {height}") width="100%">{bars}</svg>
        </figure>
    }
}

#[component]
fn Figures(m: Metrics) -> impl IntoView {
    let t = t();
    let late = match (m.promises.median_days_late, m.promises.most_days_late) {
        (Some(median), Some(most)) => {
            fill(t.late_ones, &[("median", &median.to_string()), ("most", &most.to_string())])
        }
        _ => t.none_late.to_owned(),
    };
    let of = |n: String, total: String| fill(t.m_of, &[("n", &n), ("total", &total)]);
    let items = [
        (
            t.m_applications,
            m.applications.to_string(),
            fill(t.m_open_withdrawn, &[("open", &m.open.to_string()), ("withdrawn", &m.withdrawn.to_string())]),
        ),
        (
            t.m_acknowledged,
            of(m.acknowledged_at_once.to_string(), m.applications.to_string()),
            t.m_automatic.to_owned(),
        ),
        (t.m_first_answer, minutes(m.median_first_response_minutes), t.m_median.to_owned()),
        (
            t.m_closed_outcome,
            percent(m.closed_with_outcome_share),
            t.m_of_ended.replace("{n}", &m.closed_with_outcome.to_string()),
        ),
        (
            t.m_promises_kept,
            percent(m.promises.kept_share),
            fill(
                t.m_kept_of_due,
                &[("kept", &m.promises.kept.to_string()), ("due", &m.promises.due.to_string()), ("late", &late)],
            ),
        ),
        (
            t.m_questions_answered,
            minutes(m.median_question_answer_minutes),
            t.m_median_of.replace("{n}", &m.questions_answered.to_string()),
        ),
        (
            t.m_rating,
            m.average_rating.map_or_else(|| "–".to_owned(), |r| format!("{} / 5", t.decimal(r))),
            t.count(&t.m_ratings, usize::try_from(m.ratings).unwrap_or(0)),
        ),
        (t.m_would_apply_again, percent(m.would_apply_again_share), t.m_of_raters.to_owned()),
    ];
    let cards = items
        .into_iter()
        .map(|(name, value, note)| {
            view! {
                <div class="figure">
                    <dt>{name}</dt>
                    <dd><span class="value">{value}</span> <span class="muted">{note}</span></dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="figures">{cards}</dl> }
}

#[component]
pub fn MetricsPage() -> impl IntoView {
    let report: Loader<MetricsReport> = Loader::new(format!("{API}metrics"));
    let t = t();
    view! {
        {move || match report.get() {
            None => view! { <p class="muted" role="status">{t.loading_figures}</p> }.into_any(),
            Some(Err(_)) => view! { <p class="card" role="alert">{t.figures_failed}</p> }.into_any(),
            Some(Ok(r)) => {
                let kept: Vec<(String, f64, String)> = r
                    .per_posting
                    .iter()
                    .map(|p| (p.posting.title.clone(), p.metrics.promises.kept_share.unwrap_or(0.0), percent(p.metrics.promises.kept_share)))
                    .collect();
                let reasons: Vec<(String, f64, String)> = r.overall.withdrawal_reasons.iter().map(|(reason, n)| (reason_name(*reason).to_owned(), f64::from(*n), n.to_string())).collect();
                let most = reasons.iter().map(|(_, n, _)| *n).fold(0.0, f64::max);
                let per_posting = r
                    .per_posting
                    .into_iter()
                    .map(|p| {
                        let id = format!("metrics-{}", p.posting.slug);
                        view! {
                            <section class="card" aria-labelledby=id.clone()>
                                <h3 id=id.clone()>{p.posting.title}</h3>
                                <Figures m=p.metrics/>
                            </section>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="card" aria-labelledby="overall-title">
                        <h2 id="overall-title">{t.overall_title}</h2>
                        <Figures m=r.overall/>
                        <Bars title=t.chart_kept rows=kept max=1.0/>
                        <Bars title=t.chart_reasons rows=reasons max=most/>
                    </section>
                    <h2>{t.per_posting}</h2>
                    {per_posting}
                }
                .into_any()
            }
        }}
    }
}
