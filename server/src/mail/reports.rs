//! The mails of a progress report's reader (a hiring manager, an agency's
//! client): the link when it is made, each warning note at once, and the
//! weekly summary of the search, all in the link's language, each with
//! the reader's link.
//!
//! A mail never names a candidate, whatever the link shows: a mail is
//! forwarded and kept far more readily than a page behind a link, so the
//! names stay on the page. Not essential, yet no `List-Unsubscribe`: the
//! mails end with the link, which the recruiter revokes on request, and
//! each says so in its "why" line.

use candor_api::mail::MailKind;
use candor_api::reports::{Note, NoteKind, Report, ShareLink, Shows};
use candor_api::{CompanyPublic, Day};

use super::letter::{Letter, Link};
use super::texts::{MailTexts, fill, texts};

/// A weekly summary tells the notes of this many days before its own,
/// its own day's and the last summary's day included: a note written on
/// that day after the summary went is told in the next, never lost.
pub const DIGEST_NOTES_DAYS: i64 = 7;

/// Who a report's mail goes to: the person a link was made for, with the
/// link itself.
pub struct ReportReader<'a> {
    pub company: &'a CompanyPublic,
    /// The posting's title, as the report shows it.
    pub posting_title: &'a str,
    pub link: &'a ShareLink,
    /// The reader's URL (`Mailer::report_link`), its secret after `#`.
    pub url: String,
}

impl ReportReader<'_> {
    fn t(&self) -> &'static MailTexts {
        texts(self.link.locale)
    }

    fn values<'v>(&'v self, more: &[(&'v str, &'v str)]) -> Vec<(&'v str, &'v str)> {
        let mut values = vec![("company", self.company.name.as_str()), ("posting", self.posting_title)];
        values.extend_from_slice(more);
        values
    }

    fn letter(
        &self,
        kind: MailKind,
        subject: String,
        paragraphs: Vec<String>,
        quotes: Vec<(String, String)>,
    ) -> Letter {
        let t = self.t();
        let until = t.day(self.link.expires_on);
        Letter {
            kind,
            locale: self.link.locale,
            company_name: self.company.name.clone(),
            accent: self.company.branding.accent_color.as_str().to_owned(),
            subject,
            greeting: if self.link.name.trim().is_empty() {
                String::new()
            } else {
                fill(t.hello, &[("name", &self.link.name)])
            },
            paragraphs,
            quotes,
            button: Some(Link { label: t.report_open.to_owned(), url: self.url.clone() }),
            after_button: vec![t.report_link_private.to_owned()],
            entries: Vec::new(),
            signature: fill(t.signature, &self.values(&[])),
            why: fill(t.report_why, &self.values(&[("date", &until)])),
            stop: None,
        }
    }

    /// The mail that brings a new link: who shared it (`by`, when a person
    /// did rather than an API token), what it shows, the mails that follow,
    /// until when it opens.
    pub fn shared(&self, by: Option<&str>) -> Letter {
        let t = self.t();
        let by = by.map(str::trim).unwrap_or_default();
        let values = self.values(&[("by", by)]);
        let (subject, intro) = if by.is_empty() {
            (t.report_shared_subject_nobody, t.report_shared_intro_nobody)
        } else {
            (t.report_shared_subject, t.report_shared_intro)
        };
        let shows = match self.link.shows {
            Shows::Counts => t.report_shows_counts,
            Shows::Names => t.report_shows_names,
        };
        let until = t.day(self.link.expires_on);
        self.letter(
            MailKind::ReportShared,
            fill(subject, &values),
            vec![
                fill(intro, &values),
                shows.to_owned(),
                t.report_shared_mails.to_owned(),
                fill(t.report_link_until, &[("date", &until)]),
            ],
            Vec::new(),
        )
    }

    /// The mail of a warning note, the moment it is written: its words whole.
    pub fn warning(&self, note: &Note) -> Letter {
        let t = self.t();
        let values = self.values(&[]);
        let intro = format!("{} {}", fill(t.report_warning_intro, &values), t.report_answer_there);
        self.letter(
            MailKind::ReportWarning,
            fill(t.report_warning_subject, &values),
            vec![intro],
            vec![self.note_quote(t.report_warning_by, note)],
        )
    }

    /// The weekly summary of `report` (as its reader would see it today):
    /// how far the search is from its plan, the candidates per stage, how
    /// they are being treated, the newest warning and the week's notes.
    pub fn digest(&self, report: &Report) -> Letter {
        let t = self.t();
        let today = t.day(report.today);
        let mut paragraphs = vec![fill(t.report_digest_intro, &self.values(&[("date", &today)]))];
        let days = report.days_late.abs().to_string();
        paragraphs.push(match report.days_late {
            0 => t.report_on_plan.to_owned(),
            1 => t.report_behind_one.to_owned(),
            -1 => t.report_ahead_one.to_owned(),
            late if late > 0 => fill(t.report_behind_many, &[("days", &days)]),
            _ => fill(t.report_ahead_many, &[("days", &days)]),
        });
        let funnel = &report.funnel;
        if funnel.per_stage.iter().sum::<u32>() + funnel.ended == 0 {
            paragraphs.push(t.report_funnel_empty.to_owned());
        } else {
            paragraphs.push(t.report_funnel.to_owned());
            for (stage, count) in report.plan.stages.iter().zip(&funnel.per_stage) {
                let line = fill(t.report_funnel_stage, &[("stage", &stage.name), ("count", &count.to_string())]);
                paragraphs.push(format!("• {line}"));
            }
            let ended = fill(t.report_funnel_ended, &[("count", &funnel.ended.to_string())]);
            paragraphs.push(format!("• {ended}"));
        }
        let care = &report.care;
        paragraphs.push(fill(t.report_overdue, &[("count", &care.overdue_promises.to_string())]));
        paragraphs.push(match care.closed_with_message_share {
            Some(share) if care.closed > 0 => {
                let share = fill(t.percent, &[("n", &format!("{:.0}", share * 100.0))]);
                fill(
                    t.report_closed_with_message,
                    &[
                        ("count", &care.closed_with_message.to_string()),
                        ("closed", &care.closed.to_string()),
                        ("share", &share),
                    ],
                )
            }
            _ => t.report_none_closed.to_owned(),
        });

        // The newest warning first, however old: it stands until the
        // search is over. Then the week's other notes, newest first.
        let newest_warning = report.notes.iter().filter(|n| n.kind == NoteKind::Warning).max_by(|a, b| newer(a, b));
        let since = report.today.add_days(-DIGEST_NOTES_DAYS).unwrap_or(report.today);
        let mut this_week: Vec<&Note> = report
            .notes
            .iter()
            .filter(|n| written_on(n).is_some_and(|on| on >= since))
            .filter(|n| newest_warning.is_none_or(|w| w.id != n.id))
            .collect();
        this_week.sort_by(|a, b| newer(b, a));
        let mut quotes: Vec<(String, String)> =
            newest_warning.map(|w| self.note_quote(t.report_newest_warning, w)).into_iter().collect();
        let week_had_notes = !this_week.is_empty() || newest_warning.and_then(written_on).is_some_and(|on| on >= since);
        if !week_had_notes {
            paragraphs.push(t.report_no_notes.to_owned());
        }
        quotes.extend(this_week.into_iter().map(|n| {
            let label = match n.kind {
                NoteKind::Warning => t.report_warning_by,
                NoteKind::Update => t.report_update_by,
            };
            self.note_quote(label, n)
        }));
        self.letter(MailKind::ReportDigest, fill(t.report_digest_subject, &self.values(&[])), paragraphs, quotes)
    }

    /// A note's words below `label` (its author and day).
    fn note_quote(&self, label: &str, note: &Note) -> (String, String) {
        let t = self.t();
        let on = written_on(note).map(|d| t.day(d)).unwrap_or_default();
        let author = if note.author.trim().is_empty() { self.company.name.as_str() } else { note.author.as_str() };
        (fill(label, &[("author", author), ("date", &on)]), note.body.clone())
    }
}

/// The day a note was written (its time is RFC 3339, UTC).
fn written_on(note: &Note) -> Option<Day> {
    note.written_at.get(..10).and_then(|d| Day::parse(d).ok())
}

/// Which of two notes is newer: RFC 3339 UTC to the second sorts as its
/// time, and the id breaks ties within one second.
fn newer(a: &Note, b: &Note) -> std::cmp::Ordering {
    a.written_at.cmp(&b.written_at).then_with(|| a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use candor_api::reports::{Care, Funnel, Plan, figures};
    use candor_api::timeline::{CompanyRef, PostingRef};
    use candor_api::{Locale, PostingSlug};

    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    fn link(locale: Locale, shows: Shows) -> ShareLink {
        ShareLink {
            id: 4,
            name: "Anna <Berg>".into(),
            email: "anna@client.example".into(),
            shows,
            locale,
            created_at: "2027-03-01T09:00:00Z".into(),
            created_by: "Rasmus Recruiter".into(),
            expires_on: day("2027-05-30"),
            last_opened_at: None,
            revoked_at: None,
        }
    }

    fn reader<'a>(company: &'a CompanyPublic, link: &'a ShareLink) -> ReportReader<'a> {
        ReportReader { company, posting_title: "Dental Hygienist", link, url: "http://x.test/report#s3cret".into() }
    }

    fn note(id: i64, kind: NoteKind, body: &str, at: &str) -> Note {
        Note { id, kind, body: body.into(), author: "Rasmus Recruiter".into(), written_at: at.into(), replies: vec![] }
    }

    /// A report on 2027-03-15 of a search opened on the 1st: Screening 5
    /// days, Interview 7, Offer 3; three days behind, four candidates.
    fn report(notes: Vec<Note>) -> Report {
        let plan =
            Plan::new(day("2027-03-01"), &[("Screening".into(), 5), ("Interview".into(), 7), ("Offer".into(), 3)]);
        let mut f = figures(&plan, &[], day("2027-03-15"));
        f.days_late = 3;
        f.funnel = Funnel { per_stage: vec![2, 1, 0], ended: 1 };
        f.care = Care { overdue_promises: 1, closed: 2, closed_with_message: 1, closed_with_message_share: Some(0.5) };
        let company = crate::mail::fixtures::northwind(Locale::En);
        Report {
            company: CompanyRef::from(company),
            posting: PostingRef {
                slug: PostingSlug::parse("dental-hygienist").unwrap(),
                title: "Dental Hygienist".into(),
                lang: Locale::En,
            },
            reader: Some("Anna".into()),
            shows: Shows::Counts,
            locale: Locale::En,
            today: day("2027-03-15"),
            plan,
            stages: f.stages,
            days_late: f.days_late,
            funnel: f.funnel,
            weeks: f.weeks,
            care: f.care,
            candidates: vec![],
            notes,
            questions: vec![],
        }
    }

    #[test]
    fn a_new_link_says_who_shared_what_and_until_when_with_the_link() {
        let company = crate::mail::fixtures::northwind(Locale::En);
        let link = link(Locale::En, Shows::Counts);
        let letter = reader(&company, &link).shared(Some(&link.created_by));
        assert_eq!(letter.kind, MailKind::ReportShared);
        assert_eq!(letter.subject, "Rasmus Recruiter has shared the progress of Dental Hygienist with you");
        let text = letter.text();
        assert!(text.starts_with("Hello Anna <Berg>,"), "{text}");
        assert!(text.contains("Rasmus Recruiter at Northwind Dental has made you a link"), "{text}");
        assert!(text.contains("it names no candidate"), "{text}");
        assert!(text.contains("until 30 May 2027"), "{text}");
        assert!(text.contains("Open the report:\nhttp://x.test/report#s3cret\n"), "{text}");
        assert!(text.contains("Please don't forward this mail"), "{text}");
        assert!(letter.stop.is_none());
        let html = letter.html();
        assert!(html.contains("Hello Anna &lt;Berg&gt;,") && !html.contains("<Berg>"), "the name is text");
    }

    #[test]
    fn a_link_made_by_a_token_names_the_company_in_finnish() {
        let company = crate::mail::fixtures::northwind(Locale::Fi);
        let link = link(Locale::Fi, Shows::Names);
        let letter = reader(&company, &link).shared(None);
        assert_eq!(letter.locale, Locale::Fi);
        assert_eq!(letter.subject, "Northwind Dental jakoi kanssasi haun etenemisen: Dental Hygienist");
        let text = letter.text();
        assert!(text.contains("30. toukokuuta 2027 asti"), "{text}");
        assert!(text.contains("ehdokkaiden nimet"), "{text}");
    }

    #[test]
    fn a_warning_carries_its_words_whole_and_escaped() {
        let company = crate::mail::fixtures::northwind(Locale::En);
        let link = link(Locale::En, Shows::Counts);
        let warning =
            note(9, NoteKind::Warning, "Candidates expect <b>5,500</b>.\nRaise the range?", "2027-03-12T10:00:00Z");
        let letter = reader(&company, &link).warning(&warning);
        assert_eq!(letter.kind, MailKind::ReportWarning);
        assert_eq!(letter.subject, "Dental Hygienist: a warning about the search");
        assert_eq!(
            letter.quotes,
            [(
                "Warning from Rasmus Recruiter, 12 March 2027:".to_owned(),
                "Candidates expect <b>5,500</b>.\nRaise the range?".to_owned()
            )]
        );
        assert!(letter.text().contains("> Raise the range?\n"));
        let html = letter.html();
        assert!(html.contains("Candidates expect &lt;b&gt;5,500&lt;/b&gt;."), "{html}");
        assert!(!html.contains("<b>"));
        assert!(html.contains("href=\"http://x.test/report#s3cret\""));
    }

    #[test]
    fn the_digest_has_the_figures_the_newest_warning_and_the_weeks_notes() {
        let company = crate::mail::fixtures::northwind(Locale::En);
        let link = link(Locale::En, Shows::Names);
        let notes = vec![
            note(1, NoteKind::Warning, "They want relocation support.", "2027-02-20T09:00:00Z"),
            note(2, NoteKind::Update, "An old update.", "2027-03-07T09:00:00Z"),
            note(3, NoteKind::Update, "Two interviews on Friday.", "2027-03-08T15:00:00Z"),
            note(4, NoteKind::Update, "Shortlist & <next> steps.", "2027-03-14T09:00:00Z"),
        ];
        let letter = reader(&company, &link).digest(&report(notes));
        assert_eq!(letter.kind, MailKind::ReportDigest);
        assert_eq!(letter.subject, "Dental Hygienist: the week's progress");
        let text = letter.text();
        for said in [
            "Here is how the search for Dental Hygienist at Northwind Dental stands on 15 March 2027.",
            "The search is 3 days behind its plan.",
            "Candidates per stage now:",
            "• Screening: 2",
            "• Interview: 1",
            "• Offer: 0",
            "• Closed or withdrawn: 1",
            "Promises to candidates now overdue: 1",
            "Applications closed with a personal message: 1 of 2 (50%)",
            "The newest warning, from Rasmus Recruiter, 20 February 2027:\n> They want relocation support.",
            "Update from Rasmus Recruiter, 14 March 2027:\n> Shortlist & <next> steps.",
            "Update from Rasmus Recruiter, 8 March 2027:\n> Two interviews on Friday.",
        ] {
            assert!(text.contains(said), "{said:?} in {text}");
        }
        assert!(!text.contains("An old update"), "only the last seven days: {text}");
        assert!(!text.contains("No notes were written"), "{text}");
        assert!(
            text.find("14 March").unwrap() < text.find("8 March").unwrap(),
            "the week's notes newest first: {text}"
        );
        let html = letter.html();
        assert!(html.contains("Shortlist &amp; &lt;next&gt; steps."), "{html}");
        assert!(!html.contains("<next>"));
    }

    #[test]
    fn a_quiet_week_ahead_of_plan_says_so_in_polish() {
        let company = crate::mail::fixtures::northwind(Locale::Pl);
        let link = link(Locale::Pl, Shows::Counts);
        let mut r = report(vec![]);
        r.days_late = -2;
        r.funnel = Funnel { per_stage: vec![0, 0, 0], ended: 0 };
        r.care = Care { overdue_promises: 0, closed: 0, closed_with_message: 0, closed_with_message_share: None };
        let text = reader(&company, &link).digest(&r).text();
        assert!(text.contains("Rekrutacja wyprzedza plan o 2 dni."), "{text}");
        assert!(text.contains("Nikt jeszcze nie aplikował."), "{text}");
        assert!(text.contains("Żadne zgłoszenie nie zostało jeszcze zamknięte."), "{text}");
        assert!(text.contains("W tym tygodniu nie napisano żadnych notatek."), "{text}");
        assert!(text.contains("na dzień 15 marca 2027"), "{text}");
    }

    #[test]
    fn one_day_and_on_plan_read_as_each_language_says_them() {
        let company = crate::mail::fixtures::northwind(Locale::En);
        let said = |locale, days_late| {
            let link = link(locale, Shows::Counts);
            let mut r = report(vec![]);
            r.days_late = days_late;
            reader(&company, &link).digest(&r).paragraphs[1].clone()
        };
        assert_eq!(said(Locale::En, 1), "The search is 1 day behind its plan.");
        assert_eq!(said(Locale::En, 0), "The search is on plan.");
        assert_eq!(said(Locale::Sv, -1), "Rekryteringen ligger 1 dag före planen.");
        assert_eq!(said(Locale::Nl, 3), "De werving loopt 3 dagen achter op de planning.");
        assert_eq!(said(Locale::Fi, 3), "Haku on 3 päivää jäljessä aikataulusta.");
        let link = link(Locale::Fi, Shows::Counts);
        let text = reader(&company, &link).digest(&report(vec![])).text();
        assert!(text.contains("1/2 (50\u{a0}%)"), "{text}");
    }
}
