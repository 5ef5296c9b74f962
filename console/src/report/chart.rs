//! Planned against actual as a chart: a pair of bars per stage on one
//! calendar (the plan's bar above, what happened below), a line for today,
//! and the same figures in a table, which is what a screen reader reads
//! and what the chart is checked against. Plain SVG: a few rectangles are
//! less code than any chart library's setup, and print sharp on A4.
//!
//! Drawn at its box's own width, one unit a pixel, and again when the
//! window is resized: scaling one fixed drawing to a phone shrank its
//! stage names to 10 px, and to a wide screen swelled them to 24. At most
//! about A4's width, so that a page printed from a wide screen keeps its
//! text the size of the page's.

use candor_api::Day;
use candor_api::reports::{Report, StageActual, StageStatus};
use leptos::html;
use leptos::prelude::*;

use super::words::{actual_words, late_words, scroll_table, span, status_name};
use crate::i18n::{ConsoleStrings, strings};

/// The width drawn before the box is measured, and the least: narrower, the box scrolls.
const FIRST_WIDTH: f64 = 640.0;
const LEAST_WIDTH: f64 = 260.0;
/// A4 less its margins is 680 px wide (at CSS's 96 per inch).
const MOST_WIDTH: f64 = 720.0;
const SIDE: f64 = 6.0;
/// Room above the first stage for the weeks and the "today" label.
const TOP: f64 = 36.0;
const NAME_SIZE: f64 = 15.0;
const SMALL_SIZE: f64 = 13.0;
const BAR: f64 = 12.0;
/// What a week's label needs before labels are thinned out.
const LABEL_ROOM: f64 = 46.0;

/// The bars' colours (the legend's words and the table say the same).
const PLAN_FILL: &str = "#d9e2ec";
const PLAN_LINE: &str = "#486581";
const LATE: &str = "#b42318";
const TODAY: &str = "#b42318";
const MUTED: &str = "#52606d";

/// Roughly how wide a text is drawn at `size` (SVG can't be asked before
/// it is drawn): enough to tell whether two texts share a line.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.56
}

/// `text` cut to `room` with an ellipsis when it is longer (a stage's whole
/// name is in the table and in the drawing's description).
fn fitted(text: &str, size: f64, room: f64) -> String {
    if text_width(text, size) <= room {
        return text.to_owned();
    }
    let keep = ((room / (size * 0.56)) as usize).saturating_sub(1);
    format!("{}…", text.chars().take(keep).collect::<String>())
}

/// What a stage's line says against the plan ("3 days late", "Not begun").
fn verdict(t: &ConsoleStrings, s: &StageActual) -> String {
    match s.status {
        StageStatus::Upcoming if s.days_late == 0 => status_name(t, s.status).to_owned(),
        _ => late_words(t, s.days_late),
    }
}

#[component]
pub fn Chart(report: Report, posting_lang: Option<&'static str>) -> impl IntoView {
    let locale = report.locale;
    let t = strings(locale);
    let on_time = report.company.accent_color.as_str().to_owned();
    let boxed = NodeRef::<html::Div>::new();
    let width = RwSignal::new(FIRST_WIDTH);
    let measure = move || {
        if let Some(b) = boxed.get_untracked() {
            let w = f64::from(b.client_width());
            if w > 0.0 {
                width.set(w.clamp(LEAST_WIDTH, MOST_WIDTH));
            }
        }
    };
    Effect::new(move |_| {
        if boxed.get().is_some() {
            measure();
        }
    });
    let resized = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resized.remove());

    // What the drawing shows, said: each stage in a sentence.
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
    let report = StoredValue::new(report);
    let on_colour = on_time.clone();
    let drawing = move || {
        let w = width.get();
        report.with_value(|r| draw(r, w, &on_colour, posting_lang, &described))
    };
    view! {
        <figure class="chart">
            <ul class="legend" aria-hidden="true">
                <li><span class="key plan"></span>{t.report_planned}</li>
                <li><span class="key actual" style:background-color=on_time></span>{t.report_actual}</li>
                <li><span class="key late"></span>{t.report_actual_late}</li>
                <li><span class="key today"></span>{t.report_today}</li>
            </ul>
            <div class="chart-box" node_ref=boxed>{drawing}</div>
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

/// The drawing at `width` pixels.
fn draw(report: &Report, width: f64, on_time: &str, posting_lang: Option<&'static str>, described: &str) -> AnyView {
    let t = strings(report.locale);
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
    let inner = width - 2.0 * SIDE;
    let x = move |day: Day| SIDE + start.days_until(day) as f64 / (weeks * 7) as f64 * inner;

    // Each stage's rows: its name (and how it stands, on the same line when
    // both fit), then the plan's bar and the actual one.
    let mut y = TOP;
    let mut rows = Vec::new();
    for s in &report.stages {
        let words = verdict(t, s);
        let same_line = text_width(&s.name, NAME_SIZE) + text_width(&words, SMALL_SIZE) + 16.0 <= inner;
        let name_y = y + NAME_SIZE;
        let (words_x, words_y, anchor) =
            if same_line { (width - SIDE, name_y, "end") } else { (SIDE, name_y + SMALL_SIZE + 5.0, "start") };
        let bars = words_y + 8.0;
        let (px, pw) = (x(s.planned_start), (x(s.planned_end) - x(s.planned_start)).max(3.0));
        let actual = s.actual_start.map(|from| {
            // A stage under way has run through today: its bar covers today
            // too, so one reached this morning is a day's bar, not a sliver.
            let to = s.actual_end.unwrap_or_else(|| report.today.add_days(1).unwrap_or(report.today)).max(from);
            let colour = if s.days_late > 0 { LATE.to_owned() } else { on_time.to_owned() };
            view! { <rect x=x(from) y=bars + BAR + 4.0 width=(x(to) - x(from)).max(3.0) height=BAR rx="2" fill=colour></rect> }
        });
        let words_colour = if s.days_late > 0 { LATE } else { MUTED };
        rows.push(view! {
            <text x=SIDE y=name_y font-size=NAME_SIZE font-weight="600" fill="#1f2933" lang=posting_lang>{fitted(&s.name, NAME_SIZE, inner)}</text>
            <text x=words_x y=words_y font-size=SMALL_SIZE text-anchor=anchor fill=words_colour>{words}</text>
            <rect x=px y=bars width=pw height=BAR rx="2" fill=PLAN_FILL stroke=PLAN_LINE stroke-width="1.5"></rect>
            {actual}
        });
        y = bars + 2.0 * BAR + 18.0;
    }
    let height = y;

    let week_px = inner / weeks as f64;
    let every = (LABEL_ROOM / week_px).ceil().max(1.0) as i64;
    let grid = (0..=weeks)
        .map(|w| {
            let at = SIDE + w as f64 * week_px;
            let label = (w < weeks && w % every == 0).then(|| {
                let text = t.report_week_short.replace("{n}", &(w + 1).to_string());
                view! { <text x=at + 3.0 y="14" font-size="12" fill=MUTED>{text}</text> }
            });
            view! {
                <line x1=at x2=at y1="18" y2=height - 4.0 stroke="#d9e2ec" stroke-width="1"></line>
                {label}
            }
        })
        .collect_view();
    let today_x = x(report.today);
    let today_label_x = today_x.clamp(SIDE + 24.0, width - SIDE - 24.0);
    view! {
        <svg role="img" aria-labelledby="report-chart-svg-title report-chart-svg-desc" viewBox=format!("0 0 {width} {height}") width=width height=height>
            <title id="report-chart-svg-title">{t.report_chart_title}</title>
            <desc id="report-chart-svg-desc">{described.to_owned()}</desc>
            {grid}
            {rows}
            <line x1=today_x x2=today_x y1="20" y2=height - 4.0 stroke=TODAY stroke-width="2" stroke-dasharray="4 3"></line>
            <text x=today_label_x y="31" font-size="12" font-weight="700" text-anchor="middle" fill=TODAY>{t.report_today}</text>
        </svg>
    }
    .into_any()
}
