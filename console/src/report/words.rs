//! The report's words for what its figures say: a stage against its plan,
//! a span of days, what happened in a stage; and the box its tables scroll
//! in. Shared by the report's view and its chart.

use candor_api::reports::{StageActual, StageStatus};
use candor_api::{Day, Locale};
use leptos::prelude::*;

use crate::dates;
use crate::i18n::ConsoleStrings;

/// A count of days as the catalogues' plurals take it.
pub(super) fn days(n: i64) -> usize {
    usize::try_from(n.unsigned_abs()).unwrap_or(usize::MAX)
}

/// "3 days late", "2 days early", "on time": one stage against its plan.
pub(super) fn late_words(t: &ConsoleStrings, late: i64) -> String {
    match late {
        0 => t.report_on_time.to_owned(),
        n if n > 0 => t.count(&t.report_days_late, days(n)),
        n => t.count(&t.report_days_early, days(n)),
    }
}

/// "15 Jan – 22 Jan": a span within the search.
pub(super) fn span(locale: Locale, from: Day, to: Day) -> String {
    format!("{} – {}", dates::day_month_in(locale, from), dates::day_month_in(locale, to))
}

pub(super) fn status_name(t: &ConsoleStrings, status: StageStatus) -> &'static str {
    match status {
        StageStatus::Done => t.report_stage_done,
        StageStatus::Current => t.report_stage_current,
        StageStatus::Upcoming => t.report_stage_upcoming,
    }
}

/// What happened in a stage, in dates: "2 Nov – 10 Nov", "since 7 Nov", "not begun".
pub(super) fn actual_words(t: &ConsoleStrings, locale: Locale, s: &StageActual) -> String {
    match (s.actual_start, s.actual_end) {
        (Some(from), Some(to)) => span(locale, from, to),
        (Some(from), None) => t.report_since.replace("{date}", &dates::day_month_in(locale, from)),
        (None, _) => t.report_not_begun.to_owned(),
    }
}

/// A table in a box of its own that scrolls sideways when the table is
/// wider than a phone, so the page itself never does; named, and
/// focusable, so a keyboard can scroll it too.
pub(super) fn scroll_table(label: impl Into<String>, table: impl IntoView) -> impl IntoView {
    view! { <div class="table-scroll" role="region" aria-label=label.into() tabindex="0">{table}</div> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::strings;

    #[test]
    fn a_stage_is_said_late_early_or_on_time_in_the_readers_words() {
        let en = strings(Locale::En);
        assert_eq!(late_words(en, 3), "3 days late");
        assert_eq!(late_words(en, -1), "1 day early");
        assert_eq!(late_words(en, 0), "on time");
        let pl = strings(Locale::Pl);
        assert_eq!(late_words(pl, 3), "3 dni opóźnienia");
        assert_eq!(pl.count(&pl.report_behind, 1), "1 dzień opóźnienia względem planu");
        let fi = strings(Locale::Fi);
        assert_eq!(fi.count(&fi.report_ahead, 2), "2 päivää edellä suunnitelmaa");
    }
}
