//! The candidate's mails: one for each event they should hear of, in the
//! language they applied in, with the recruiter's words in full and the
//! private status link in every one.

use candor_api::mail::MailKind;
use candor_api::timeline::{EventKind, Outcome};
use candor_api::{CompanyPublic, Day, Locale};

use super::letter::{Entry, Letter, Link};
use super::texts::{MailTexts, fill, texts};

/// Who a candidate's mail goes to, and what every one of them carries.
pub struct Reader<'a> {
    pub company: &'a CompanyPublic,
    /// In the candidate's language, where the posting has it.
    pub posting_title: &'a str,
    pub name: &'a str,
    pub locale: Locale,
    pub status_link: String,
    /// Where the updates stop: in every mail that is not essential.
    pub stop_link: Option<String>,
}

/// What happened, as the mail tells it.
pub struct Told<'a> {
    pub kind: &'a EventKind,
    /// The recruiter's words that came with it.
    pub message: &'a str,
    pub promised: Option<Day>,
    /// The day it happened.
    pub on: Day,
    /// For a stage change: the stage's name in the candidate's language.
    pub stage_name: Option<&'a str>,
}

impl Reader<'_> {
    fn t(&self) -> &'static MailTexts {
        texts(self.locale)
    }

    fn values<'v>(&'v self, more: &[(&'v str, &'v str)]) -> Vec<(&'v str, &'v str)> {
        let mut values = vec![("company", self.company.name.as_str()), ("posting", self.posting_title)];
        values.extend_from_slice(more);
        values
    }

    /// A letter to this reader, with the status link and the right footer.
    fn letter(&self, kind: MailKind, subject: String, paragraphs: Vec<String>, message: &str) -> Letter {
        let t = self.t();
        let values = self.values(&[]);
        let quotes = (!message.trim().is_empty()).then(|| (fill(t.their_words, &values), message.to_owned()));
        let (why, stop) = if kind.is_essential() {
            (fill(t.why_essential, &values), None)
        } else {
            let stop = self.stop_link.clone().map(|url| Link { label: t.stop_updates.to_owned(), url });
            (fill(t.why_updates, &values), stop)
        };
        let mut after = vec![t.follow_intro.to_owned()];
        after.push(t.link_is_private.to_owned());
        Letter {
            kind,
            locale: self.locale,
            company_name: self.company.name.clone(),
            accent: self.company.branding.accent_color.as_str().to_owned(),
            subject,
            greeting: if self.name.trim().is_empty() { String::new() } else { fill(t.hello, &[("name", self.name)]) },
            paragraphs,
            quotes: quotes.into_iter().collect(),
            button: Some(Link { label: t.open_application.to_owned(), url: self.status_link.clone() }),
            after_button: after,
            entries: Vec::new(),
            signature: fill(t.signature, &values),
            why,
            stop,
        }
    }

    /// The mail that tells of `told`, or `None` for what the candidate did
    /// themselves (withdrew, rated).
    pub fn about(&self, told: &Told) -> Option<Letter> {
        let t = self.t();
        let day = |d: Day| t.day(d);
        let promise = told.promised.map(|d| fill(t.received_promise, &[("date", &day(d))]));
        let (kind, subject, mut paragraphs) = match told.kind {
            EventKind::Received => (
                MailKind::Received,
                fill(t.received_subject, &self.values(&[])),
                vec![fill(t.received_intro, &self.values(&[("date", &day(told.on))]))],
            ),
            EventKind::StageChanged { .. } => {
                let stage = told.stage_name.unwrap_or_default();
                (
                    MailKind::StageChanged,
                    fill(t.stage_subject, &self.values(&[("stage", stage)])),
                    vec![fill(t.stage_intro, &self.values(&[("stage", stage)]))],
                )
            }
            EventKind::Message => (
                MailKind::Message,
                fill(t.message_subject, &self.values(&[])),
                vec![fill(t.message_intro, &self.values(&[]))],
            ),
            EventKind::Promise => {
                let date = told.promised.map(day).unwrap_or_default();
                let values = self.values(&[("date", &date)]);
                // The new date is the news: said once, in the first line.
                return Some(self.letter(
                    MailKind::Promise,
                    fill(t.promise_subject, &values),
                    vec![fill(t.promise_intro, &values)],
                    told.message,
                ));
            }
            EventKind::Closed { outcome } => {
                let said = match outcome {
                    Outcome::Hired => t.closed_hired,
                    Outcome::NotSelected => t.closed_not_selected,
                    Outcome::PositionClosed => t.closed_position_closed,
                };
                (MailKind::Closed, fill(t.closed_subject, &self.values(&[])), vec![fill(said, &self.values(&[]))])
            }
            EventKind::Withdrawn { .. } | EventKind::Feedback { .. } => return None,
        };
        paragraphs.extend(promise);
        Some(self.letter(kind, subject, paragraphs, told.message))
    }

    /// The apology for a promised date that passed without a word.
    pub fn late(&self, promised: Day) -> Letter {
        let t = self.t();
        let date = t.day(promised);
        self.letter(
            MailKind::PromiseLate,
            fill(t.late_subject, &self.values(&[])),
            vec![fill(t.late_body, &self.values(&[("date", &date)]))],
            "",
        )
    }

    /// Asks to renew a talent-pool consent that lasts `until` (its last
    /// day): one click on the status page, and what happens without it.
    pub fn pool_renewal(&self, until: Day) -> Letter {
        let t = self.t();
        let date = t.day(until);
        let values = self.values(&[("date", &date)]);
        let mut letter = self.letter(
            MailKind::PoolRenewal,
            fill(t.pool_renewal_subject, &values),
            vec![fill(t.pool_renewal_intro, &values), fill(t.pool_renewal_how, &values)],
            "",
        );
        // Not about the application itself, as the essential mails' footer says.
        letter.why = fill(t.pool_renewal_why, &values);
        letter
    }

    /// Tells a pool member of an opening they asked to hear of: its title,
    /// department and place, its link on the careers page (`None` when the
    /// company names no careers site), and the status page to change the
    /// choice or leave the pool.
    pub fn pool_alert(&self, opening: &Opening) -> Letter {
        let t = self.t();
        let values = self.values(&[("opening", opening.title)]);
        let mut letter = self.letter(
            MailKind::PoolAlert,
            fill(t.pool_alert_subject, &values),
            vec![fill(t.pool_alert_intro, &values)],
            "",
        );
        letter.entries = opening
            .link
            .clone()
            .map(|url| Entry {
                title: opening.title.to_owned(),
                details: format!("{} · {}", opening.department, opening.place),
                link: Link { label: t.pool_alert_read.to_owned(), url },
            })
            .into_iter()
            .collect();
        if let Some(button) = &mut letter.button {
            t.pool_alert_change.clone_into(&mut button.label);
        }
        letter.after_button = vec![t.link_is_private.to_owned()];
        letter.why = fill(t.pool_alert_why, &values);
        letter
    }
}

/// A posting that opened, as a pool member's mail names it.
pub struct Opening<'a> {
    /// In the member's language, where the posting has it.
    pub title: &'a str,
    pub department: &'a str,
    pub place: &'a str,
    pub link: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company() -> CompanyPublic {
        crate::mail::fixtures::northwind(Locale::En)
    }

    fn reader(company: &CompanyPublic, locale: Locale) -> Reader<'_> {
        Reader {
            company,
            posting_title: "Hammashygienisti",
            name: "Aino",
            locale,
            status_link: "http://x.test/status?lang=fi#tok".into(),
            stop_link: Some("http://x.test/mail/stop?a=1&t=c".into()),
        }
    }

    fn told<'a>(kind: &'a EventKind, message: &'a str, promised: Option<Day>) -> Told<'a> {
        Told { kind, message, promised, on: Day::from_ymd(2027, 3, 1).unwrap(), stage_name: Some("Haastattelu") }
    }

    #[test]
    fn the_acknowledgement_says_when_and_by_when_in_the_candidates_language() {
        let company = company();
        let kind = EventKind::Received;
        let letter = reader(&company, Locale::Fi).about(&told(&kind, "", Day::from_ymd(2027, 3, 12))).unwrap();
        assert_eq!(letter.kind, MailKind::Received);
        assert_eq!(letter.subject, "Hakemuksesi tehtävään Hammashygienisti on perillä");
        let text = letter.text();
        assert!(text.contains("saapui 1. maaliskuuta 2027"), "{text}");
        assert!(text.contains("viimeistään 12. maaliskuuta 2027"), "{text}");
        assert!(text.contains("http://x.test/status?lang=fi#tok"));
        // Essential: says why, offers no unsubscribing.
        assert!(letter.stop.is_none());
        assert!(text.contains("vaikka olisit lopettanut muut päivitykset"));
    }

    #[test]
    fn a_stage_change_carries_the_stage_the_words_and_a_way_to_stop() {
        let company = company();
        let kind = EventKind::StageChanged { stage: 1 };
        let letter = reader(&company, Locale::En).about(&told(&kind, "See you on Monday.\nBring ID.", None)).unwrap();
        assert_eq!(letter.subject, "Hammashygienisti: your application has moved to Haastattelu");
        assert_eq!(letter.quotes[0].1, "See you on Monday.\nBring ID.");
        assert!(letter.stop.is_some());
    }

    #[test]
    fn what_the_candidate_did_themselves_sends_nothing() {
        let company = company();
        let kind = EventKind::Feedback { rating: 5, would_apply_again: true };
        assert!(reader(&company, Locale::En).about(&told(&kind, "", None)).is_none());
    }

    #[test]
    fn the_renewal_mail_says_until_when_and_that_one_click_renews() {
        let company = company();
        let letter = reader(&company, Locale::En).pool_renewal(Day::from_ymd(2027, 3, 12).unwrap());
        assert_eq!(letter.kind, MailKind::PoolRenewal);
        assert_eq!(letter.subject, "Stay in Northwind Dental's talent pool for another year?");
        let text = letter.text();
        assert!(text.contains("lasts until 12 March 2027"), "{text}");
        assert!(text.contains("\"Renew for another year\""), "{text}");
        assert!(text.contains("you leave the pool after 12 March 2027"), "{text}");
        assert!(text.contains("http://x.test/status?lang=fi#tok"), "the status link: {text}");
        assert!(text.contains("the only mail about renewing"), "{text}");
        assert!(letter.stop.is_none(), "the one mail of its kind offers no unsubscribing");
    }

    #[test]
    fn an_opening_is_named_with_its_link_and_the_way_to_change_the_choice() {
        let company = company();
        let opening = Opening {
            title: "Dental nurse",
            department: "Clinic",
            place: "Oulu",
            link: Some("https://careers.example/#candor/northwind/dental-nurse".into()),
        };
        let letter = reader(&company, Locale::En).pool_alert(&opening);
        assert_eq!(letter.kind, MailKind::PoolAlert);
        assert_eq!(letter.subject, "Northwind Dental has opened a position: Dental nurse");
        let text = letter.text();
        assert!(text.contains("Clinic · Oulu"), "{text}");
        assert!(text.contains("https://careers.example/#candor/northwind/dental-nurse"), "{text}");
        assert!(text.contains("Change your choice or leave the pool"), "{text}");
        assert!(text.contains("http://x.test/status?lang=fi#tok"), "{text}");
        assert!(letter.stop.is_some(), "not essential: the stop link stops it too");
    }

    #[test]
    fn the_late_mail_is_short_and_honest() {
        let company = company();
        let letter = reader(&company, Locale::En).late(Day::from_ymd(2027, 3, 12).unwrap());
        assert_eq!(
            letter.paragraphs,
            ["We said we'd be in touch by 12 March 2027. We're late, and your recruiter has been reminded."]
        );
    }
}
