//! Planned against actual as a chart: a pair of bars per stage on one
//! calendar (the plan's bar above, what happened below), a line for today,
//! and the same figures in a table, which is what a screen reader reads
//! and what the chart is checked against. Plain SVG: a few rectangles are
//! less code than any chart library's setup, and print sharp on A4.

use candor_api::Day;
use candor_api::reports::{Report, StageStatus};
use leptos::prelude::*;

use super::view::{actual_words, late_words, scroll_table, span, status_name};
use crate::i18n::strings;

/// The drawing's width in its own units; it scales to its box.
const WIDTH: f64 = 560.0;
const SIDE: f64 = 8.0;
/// Room above the first stage for the weeks and the "today" label.
const TOP: f64 = 34.0;
const ROW: f64 = 58.0;
const BAR: f64 = 12.0;
/// What a week's label needs, in drawing units, before labels are thinned.
const LABEL_ROOM: f64 = 52.0;

/// The bars' colours (the words of the legend and the table say the same).
const PLAN_FILL: &str = "#d9e2ec";
const PLAN_LINE: &str = "#486581";
const LATE: &str = "#b42318";
const TODAY: &str = "#b42318";

#[component]
pub fn Chart(report: Report, posting_lang: Option<&'static str>) -> impl IntoView {
    let locale = report.locale;
    let t = strings(locale);
    let on_time = report.company.accent_color.as_str().to_owned();
    let start = report.plan.opened_on;
    // The calendar runs from the opening day to whatever is last: the plan's
    // end, today, or a stage that ended later; in whole weeks.
    let last = report
        .stages
        .iter()
        .filter_map(|s| s.actual_end)
        .chain([report.plan.ends_on(), report.today])
        .max()
        .unwrap_or(start);
    let weeks = ((start.days_until(last) + 1).max(1) + 6) / 7;
    let total = (weeks * 7) as f64;
    let x = move |day: Day| SIDE + start.days_until(day) as f64 / total * (WIDTH - 2.0 * SIDE);
    let height = TOP + report.stages.len() as f64 * ROW + 8.0;

    let week_px = (WIDTH - 2.0 * SIDE) / weeks as f64;
    let every = (LABEL_ROOM / week_px).ceil().max(1.0) as i64;
    let grid = (0..=weeks)
        .map(|w| {
            let at = SIDE + w as f64 * week_px;
            let label = (w < weeks && w % every == 0)
                .then(|| view! { <text x=at + 3.0 y="14" font-size="12" fill="#52606d">{t.report_week_short.replace("{n}", &(w + 1).to_string())}</text> });
            view! {
                <line x1=at x2=at y1="18" y2=height - 4.0 stroke="#d9e2ec" stroke-width="1"></line>
                {label}
            }
        })
        .collect_view();

    let rows = report
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let y = TOP + i as f64 * ROW;
            let (px, pw) = (x(s.planned_start), (x(s.planned_end) - x(s.planned_start)).max(3.0));
            let actual = s.actual_start.map(|from| {
                let to = s.actual_end.unwrap_or(report.today).max(from);
                let colour = if s.days_late > 0 { LATE.to_owned() } else { on_time.clone() };
                view! { <rect x=x(from) y=y + 38.0 width=(x(to) - x(from)).max(3.0) height=BAR rx="2" fill=colour></rect> }
            });
            let words = match s.status {
                StageStatus::Upcoming if s.days_late == 0 => status_name(t, s.status).to_owned(),
                _ => late_words(t, s.days_late),
            };
            view! {
                <text x=SIDE y=y + 14.0 font-size="14" font-weight="600" fill="#1f2933" lang=posting_lang>{s.name.clone()}</text>
                <text x=WIDTH - SIDE y=y + 14.0 font-size="13" text-anchor="end" fill={if s.days_late > 0 { LATE } else { "#52606d" }}>{words}</text>
                <rect x=px y=y + 22.0 width=pw height=BAR rx="2" fill=PLAN_FILL stroke=PLAN_LINE stroke-width="1.5"></rect>
                {actual}
            }
        })
        .collect_view();

    let today_x = x(report.today);
    let today_label_x = today_x.clamp(SIDE + 24.0, WIDTH - SIDE - 24.0);

    // What the drawing shows, said: its title, then each stage in a sentence.
    let described = report
        .stages
        .iter()
        .map(|s| {
            format!(
                "{}: {} {}; {} {}; {}.",
                s.name,
                t.report_planned,
                span(locale, s.planned_start, s.planned_end),
                t.report_actual,
                actual_words(t, locale, s),
                late_words(t, s.days_late)
            )
        })
        .collect::<Vec<_>>()
        .join(" ");

    let table_rows = report
        .stages
        .iter()
        .map(|s| {
            view! {
                <tr class:late={s.days_late > 0}>
                    <th scope="row" lang=posting_lang>{s.name.clone()}</th>
                    <td>{span(locale, s.planned_start, s.planned_end)}</td>
                    <td>{actual_words(t, locale, s)}</td>
                    <td>{status_name(t, s.status)}</td>
                    <td>{late_words(t, s.days_late)}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <figure class="chart">
            <ul class="legend" aria-hidden="true">
                <li><span class="key plan"></span>{t.report_planned}</li>
                <li><span class="key actual" style=format!("background: {on_time}")></span>{t.report_actual}</li>
                <li><span class="key late"></span>{t.report_actual_late}</li>
                <li><span class="key today"></span>{t.report_today}</li>
            </ul>
            <div class="chart-box">
                <svg role="img" aria-labelledby="report-chart-svg-title report-chart-svg-desc" viewBox=format!("0 0 {WIDTH} {height}") width="100%" preserveAspectRatio="xMinYMin meet">
                    <title id="report-chart-svg-title">{t.report_chart_title}</title>
                    <desc id="report-chart-svg-desc">{described}</desc>
                    {grid}
                    {rows}
                    <line x1=today_x x2=today_x y1="18" y2=height - 4.0 stroke=TODAY stroke-width="2" stroke-dasharray="4 3"></line>
                    <text x=today_label_x y="30" font-size="12" font-weight="700" text-anchor="middle" fill=TODAY>{t.report_today}</text>
                </svg>
            </div>
            <figcaption class="muted">{t.report_chart_caption}</figcaption>
        </figure>
        {scroll_table(t.report_chart_table, view! {
            <table class="report-table stages-table">
                <caption>{t.report_chart_table}</caption>
                <thead><tr>
                    <th scope="col">{t.report_col_stage}</th>
                    <th scope="col">{t.report_planned}</th>
                    <th scope="col">{t.report_actual}</th>
                    <th scope="col">{t.report_col_status}</th>
                    <th scope="col">{t.report_col_against_plan}</th>
                </tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        })}
    }
}
