//! The metrics page: how the company treats its candidates, overall and per
//! posting, with simple SVG bar charts (no chart library: a few rectangles
//! are less code than any library's setup, and stay accessible).

use candor_api::metrics::{Metrics, MetricsReport};
use candor_api::timeline::WithdrawReason;
use candor_widget::api_client::Loader;
use leptos::prelude::*;

use crate::API;

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_owned(), |s| format!("{:.0}%", s * 100.0))
}

fn minutes(m: Option<u64>) -> String {
    match m {
        None => "–".to_owned(),
        Some(m) if m < 60 => format!("{m} min"),
        Some(m) if m < 48 * 60 => format!("{} h", (m + 30) / 60),
        Some(m) => format!("{} days", (m + 720) / 1440),
    }
}

fn reason_name(reason: WithdrawReason) -> &'static str {
    match reason {
        WithdrawReason::AcceptedAnotherOffer => "Accepted another offer",
        WithdrawReason::ProcessTooSlow => "Process too slow",
        WithdrawReason::SalaryOrConditions => "Salary or conditions",
        WithdrawReason::NoLongerInterested => "No longer interested",
        WithdrawReason::PersonalReasons => "Personal reasons",
        WithdrawReason::Other => "Other",
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
    let late = match (m.promises.median_days_late, m.promises.most_days_late) {
        (Some(median), Some(most)) => format!("late ones: {median} days median, {most} at most"),
        _ => "none late".to_owned(),
    };
    let items = [
        ("Applications", m.applications.to_string(), format!("{} open, {} withdrawn", m.open, m.withdrawn)),
        (
            "Acknowledged at once",
            format!("{} of {}", m.acknowledged_at_once, m.applications),
            "automatic, the moment they arrive".to_owned(),
        ),
        ("First answer from a person", minutes(m.median_first_response_minutes), "median".to_owned()),
        (
            "Closed with an explicit outcome",
            percent(m.closed_with_outcome_share),
            format!("{} of the ended ones", m.closed_with_outcome),
        ),
        (
            "Promised dates kept",
            percent(m.promises.kept_share),
            format!("{} of {} due; {late}", m.promises.kept, m.promises.due),
        ),
        (
            "Questions answered in",
            minutes(m.median_question_answer_minutes),
            format!("median of {}", m.questions_answered),
        ),
        (
            "Candidates' rating",
            m.average_rating.map_or_else(|| "–".to_owned(), |r| format!("{r:.1} / 5")),
            format!("{} ratings", m.ratings),
        ),
        ("Would apply again", percent(m.would_apply_again_share), "of those who rated".to_owned()),
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
    view! {
        {move || match report.get() {
            None => view! { <p class="muted" role="status">"Loading the figures…"</p> }.into_any(),
            Some(Err(_)) => view! { <p class="card" role="alert">"The figures could not be loaded."</p> }.into_any(),
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
                        <h2 id="overall-title">"How candidates are treated, overall"</h2>
                        <Figures m=r.overall/>
                        <Bars title="Promised dates kept, per posting" rows=kept max=1.0/>
                        <Bars title="Why candidates withdrew" rows=reasons max=most/>
                    </section>
                    <h2>"Per posting"</h2>
                    {per_posting}
                }
                .into_any()
            }
        }}
    }
}
