//! What the mails say, one catalogue per locale (`texts/en.rs` …): a
//! struct, so a locale that misses a text does not compile, and a test
//! checks every text's `{placeholders}` against English.
//!
//! The server's own catalogue rather than the widget's: those live in the
//! wasm bundles, and mail speaks in whole sentences no view shows.

mod en;
mod fi;
mod nl;
mod pl;
mod sv;

use candor_api::{Day, Locale};

/// Declares the catalogue's struct and `texts()`, every text with its
/// field's name, from one list of fields.
macro_rules! mail_texts {
    ($($(#[$meta:meta])* $field:ident,)*) => {
        pub struct MailTexts {
            /// Month names as a date says them ("12 March 2027": the form
            /// after a day, genitive where the language has one).
            pub months: [&'static str; 12],
            /// How a date is written: `{day}`, `{month}`, `{year}`.
            pub date: &'static str,
            $($(#[$meta])* pub $field: &'static str,)*
        }

        impl MailTexts {
            /// Every text, named by its field.
            #[cfg(test)]
            pub fn texts(&self) -> Vec<(&'static str, &'static str)> {
                vec![("date", self.date), $((stringify!($field), self.$field),)*]
            }
        }
    };
}

mail_texts! {
    /// Greets the person by name: `{name}`.
    hello,
    /// The subject of the acknowledgement: `{posting}`.
    received_subject,
    /// `{posting}`, `{company}`, `{date}` the day it arrived.
    received_intro,
    /// `{date}`: the first promised date.
    received_promise,
    /// Above the status link, in every candidate mail.
    follow_intro,
    /// The status link's button.
    open_application,
    /// Below the status link: it is a key.
    link_is_private,
    /// `{posting}`, `{stage}`.
    stage_subject,
    /// `{posting}`, `{company}`, `{stage}`.
    stage_intro,
    /// `{posting}`.
    message_subject,
    /// `{company}`, `{posting}`: the recruiter's words follow.
    message_intro,
    /// `{posting}`, `{date}`.
    promise_subject,
    /// `{company}`, `{posting}`, `{date}`.
    promise_intro,
    /// `{posting}`.
    closed_subject,
    /// `{company}`, `{posting}`.
    closed_hired,
    closed_not_selected,
    closed_position_closed,
    /// Above the recruiter's own words: `{company}`.
    their_words,
    /// `{posting}`.
    late_subject,
    /// `{date}`: the promised date that passed.
    late_body,
    /// Why an essential mail is sent although updates were stopped:
    /// `{company}`, `{posting}`.
    why_essential,
    /// Why an update is sent, and how to stop them: `{company}`, `{posting}`.
    why_updates,
    /// The link that stops the updates.
    stop_updates,
    /// The signature: `{company}`.
    signature,
    // Company people's mails (`people.rs`): set-password links, notes of
    // new arrivals, the morning digest.
    /// Subject of an invitation's link: `{company}`.
    invite_subject,
    /// `{by}` the admin who invited, `{company}`.
    invite_by,
    /// The same, made without a person (an admin's API token): `{company}`.
    invite_by_nobody,
    /// Subject of a new link for a forgotten password: `{company}`.
    reset_subject,
    /// `{by}`, `{company}`.
    reset_by,
    /// `{company}`.
    reset_by_nobody,
    /// `{date}` and `{time}` (UTC) the link stops working.
    link_works_until,
    /// A time of day: `{hour}`, `{minute}`.
    clock,
    /// The set-password link's button.
    set_password,
    /// Below the set-password link.
    password_link_is_private,
    /// `{company}`.
    why_password_link,
    /// `{posting}`, `{name}` the candidate's.
    new_application_subject,
    /// `{name}`, `{posting}`.
    new_application,
    /// `{posting}`.
    new_question_subject,
    /// `{name}` the asker's, `{posting}`.
    new_question,
    /// An asker who gave no name: `{posting}`.
    new_question_nameless,
    /// The button to the application or the inbox.
    open_in_console,
    /// `{company}`.
    why_each,
    /// Before the console settings' address.
    change_notifications,
    /// Stands for a name erased or never given.
    no_name,
    /// `{company}`.
    digest_subject,
    /// `{company}`.
    digest_intro,
    digest_questions,
    digest_alarms,
    digest_due_today,
    /// One line of the digest: `{posting}`, `{name}`.
    digest_item,
    /// Why an alarm: `{date}` the promised day.
    digest_promise_missed,
    /// Why an alarm: `{date}` the last word to the candidate.
    digest_no_contact,
    open_inbox,
    /// `{company}`.
    why_digest,
    // Issue 12, "Lost your link?" and the asker's mail (helper h2).
    /// The subject of "Lost your link?": `{company}`.
    links_subject,
    /// `{company}`: what the list is, and that nothing changed if someone else asked.
    links_intro,
    /// Below an application's title: `{date}` applied, `{state}` where it stands.
    links_applied,
    /// Below a question's title: `{date}` asked, `{state}` where it stands.
    links_asked,
    /// An open application's state: `{stage}`.
    links_state_stage,
    links_state_hired,
    links_state_not_selected,
    links_state_position_closed,
    links_state_withdrawn,
    /// A question's state.
    links_question_pending,
    links_question_answered,
    links_question_declined,
    /// An entry's link.
    links_open_application,
    links_open_question,
    /// Below the list: the links are keys.
    links_private,
    /// Why the list is sent (it is essential): `{company}`.
    links_why,
    /// `{company}`, `{posting}`.
    question_answered_subject,
    /// `{company}`, `{posting}`.
    question_answered_intro,
    /// The asker's own words: `{question}`.
    question_asked,
    /// Above the answer: `{company}`.
    question_their_answer,
    /// `{posting}`.
    question_declined_subject,
    /// `{company}`, `{posting}`.
    question_declined_intro,
    /// Why it was declined.
    question_declined_spam,
    question_declined_off_topic,
    question_declined_duplicate,
    /// The question's link.
    question_open,
    /// Below it: the link is a key.
    question_private,
    /// Why the one mail of a question is sent: `{company}`, `{posting}`.
    question_why,
    // The stop link's page (`/mail/stop`), in the application's language.
    /// Its title and heading.
    stop_page_title,
    /// What stops: `{company}`, `{posting}`.
    stop_page_intro,
    /// What still comes.
    stop_page_essential,
    /// The button that stops them (a link alone never does).
    stop_page_button,
    /// The heading once stopped.
    stopped_title,
    /// What follows, once stopped: `{company}`.
    stopped_body,
    // Progress reports' mails (`reports.rs`, issue 13): to a share link's
    // person, in the link's language.
    /// A share as a percentage: `{n}`.
    percent,
    /// Subject of a new link: `{by}` who made it, `{posting}`.
    report_shared_subject,
    /// The same, made without a person (an API token): `{company}`, `{posting}`.
    report_shared_subject_nobody,
    /// What the link opens: `{by}`, `{company}`, `{posting}`.
    report_shared_intro,
    /// `{company}`, `{posting}`.
    report_shared_intro_nobody,
    /// What the link's report shows of the candidates.
    report_shows_counts,
    report_shows_names,
    /// The mails that follow a link.
    report_shared_mails,
    /// `{date}`: the link's last day.
    report_link_until,
    /// The report link's button.
    report_open,
    /// Below the link: it is a key.
    report_link_private,
    /// Why a reader gets a report's mail: `{company}`, `{posting}`, `{date}` the link's last day.
    report_why,
    /// `{posting}`.
    report_warning_subject,
    /// `{company}`, `{posting}`.
    report_warning_intro,
    /// Above a warning's words: `{author}`, `{date}`.
    report_warning_by,
    /// Below a warning.
    report_answer_there,
    /// `{posting}`.
    report_digest_subject,
    /// `{company}`, `{posting}`, `{date}` the day it counts on.
    report_digest_intro,
    /// How far the search is from its plan (`{days}`, more than one).
    report_behind_one,
    report_behind_many,
    report_ahead_one,
    report_ahead_many,
    report_on_plan,
    /// Above the funnel's lines.
    report_funnel,
    /// A stage's line: `{stage}`, `{count}`.
    report_funnel_stage,
    /// `{count}` closed or withdrawn.
    report_funnel_ended,
    /// No one has applied.
    report_funnel_empty,
    /// `{count}`.
    report_overdue,
    /// `{count}` of `{closed}`, `{share}` as a percentage.
    report_closed_with_message,
    /// No application is closed yet.
    report_none_closed,
    /// Above the newest warning's words: `{author}`, `{date}`.
    report_newest_warning,
    /// Above an update's words: `{author}`, `{date}`.
    report_update_by,
    /// No note was written in the week.
    report_no_notes,
    // The talent pool's renewal (issue 15).
    /// `{company}`.
    pool_renewal_subject,
    /// `{posting}`, `{company}`, `{date}` the consent's last day.
    pool_renewal_intro,
    /// Renewing is one click on the status page, and what happens if not:
    /// `{date}`, `{company}`.
    pool_renewal_how,
    /// Why it is sent (it can't be stopped: it is the only one): `{company}`, `{posting}`.
    pool_renewal_why,
    /// A posting opened that a member asked to hear of: `{company}`, `{opening}` its title.
    pool_alert_subject,
    /// `{company}`, `{opening}`.
    pool_alert_intro,
    /// The posting's link, on the company's careers page.
    pool_alert_read,
    /// The status link's button in this mail.
    pool_alert_change,
    /// `{company}`.
    pool_alert_why,
}

/// The catalogue of `locale`.
pub fn texts(locale: Locale) -> &'static MailTexts {
    match locale {
        Locale::En => &en::TEXTS,
        Locale::Fi => &fi::TEXTS,
        Locale::Sv => &sv::TEXTS,
        Locale::Pl => &pl::TEXTS,
        Locale::Nl => &nl::TEXTS,
    }
}

impl MailTexts {
    /// `day` as this language writes a date in a sentence.
    pub fn day(&self, day: Day) -> String {
        let month = self.months[usize::from(day.month().clamp(1, 12)) - 1];
        fill(self.date, &[("day", &day.day().to_string()), ("month", month), ("year", &day.year().to_string())])
    }
}

/// `template` with each `{name}` replaced by its value. A value is never
/// read for placeholders itself, so a recruiter's words can't expand.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}').map(|end| (&after[..end], end)) {
            Some((name, end)) if values.iter().any(|(n, _)| *n == name) => {
                out.push_str(values.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v));
                rest = &after[end + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{').skip(1).filter_map(|part| part.split_once('}').map(|(name, _)| name)).collect()
    }

    #[test]
    fn every_locale_has_the_placeholders_english_has() {
        let english = texts(Locale::En).texts();
        for locale in Locale::ALL {
            for ((field, text), (_, in_english)) in texts(locale).texts().into_iter().zip(&english) {
                assert_eq!(placeholders(text), placeholders(in_english), "{locale:?} {field}");
                assert!(!text.trim().is_empty(), "{locale:?} {field} is empty");
            }
        }
    }

    #[test]
    fn a_date_reads_as_each_language_writes_it() {
        let day = Day::from_ymd(2027, 3, 12).unwrap();
        let said: Vec<String> = Locale::ALL.into_iter().map(|l| texts(l).day(day)).collect();
        assert_eq!(said, ["12 March 2027", "12. maaliskuuta 2027", "12 mars 2027", "12 marca 2027", "12 maart 2027"]);
    }

    #[test]
    fn filling_replaces_known_names_and_leaves_the_rest() {
        assert_eq!(fill("{a} and {b}", &[("a", "x"), ("b", "{a}")]), "x and {a}");
        assert_eq!(fill("braces { stay } {unknown}", &[("a", "x")]), "braces { stay } {unknown}");
    }
}
