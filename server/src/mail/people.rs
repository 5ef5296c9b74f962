//! The mails of a company's own people: the one-time link that sets a
//! password (for an invitation or a reset), a note of each new application
//! or question for those who chose one, and the morning digest of what
//! waits. Each names a posting and a candidate's name at most: the rest of
//! a candidate's data stays in the console, behind a sign-in.

use candor_api::Locale;
use candor_api::inbox::Silence;
use candor_api::mail::MailKind;
use time::OffsetDateTime;

use super::letter::{Letter, Link};
use super::texts::{MailTexts, fill, texts};
use super::{About, Mailer};
use crate::store::{ApplicationId, Company, NewMail, UserRecord};

/// The language a person's mail is written in: their own console
/// language, or else the company's.
pub fn locale_of(user: &UserRecord, company: &Company) -> Locale {
    user.locale.unwrap_or(company.public.default_locale)
}

/// Why a set-password link is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkFor {
    Invitation,
    Reset,
}

/// What arrived, as a note to the company's people tells it.
#[derive(Debug, Clone)]
pub enum Arrival<'a> {
    Application { posting: &'a str, name: &'a str },
    Question { posting: &'a str, name: &'a str },
}

/// One line of a digest: a posting and the candidate's (or asker's) name,
/// empty once erased or never given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub posting: String,
    pub name: String,
}

/// What waits on the company's people this morning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Digest {
    pub questions: Vec<Waiting>,
    pub alarms: Vec<(Waiting, Silence)>,
    pub due_today: Vec<Waiting>,
}

impl Digest {
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty() && self.alarms.is_empty() && self.due_today.is_empty()
    }
}

/// A person's mail, before it is composed for them.
struct Colleague<'a> {
    company: &'a Company,
    user: &'a UserRecord,
    locale: Locale,
}

impl<'a> Colleague<'a> {
    fn new(company: &'a Company, user: &'a UserRecord) -> Self {
        Colleague { company, user, locale: locale_of(user, company) }
    }

    fn t(&self) -> &'static MailTexts {
        texts(self.locale)
    }

    fn company_name(&self) -> &str {
        &self.company.public.name
    }

    fn letter(&self, kind: MailKind, subject: String, paragraphs: Vec<String>, button: Link) -> Letter {
        let t = self.t();
        let company = [("company", self.company_name())];
        Letter {
            kind,
            locale: self.locale,
            company_name: self.company.public.name.clone(),
            accent: self.company.public.branding.accent_color.as_str().to_owned(),
            subject,
            greeting: if self.user.name.trim().is_empty() {
                String::new()
            } else {
                fill(t.hello, &[("name", &self.user.name)])
            },
            paragraphs,
            entries: Vec::new(),
            quote: None,
            button: Some(button),
            after_button: Vec::new(),
            signature: fill(t.signature, &company),
            why: String::new(),
            // A colleague changes what they get in the console, signed in:
            // there is no one-click address to offer for it.
            stop: None,
        }
    }

    /// The small print of a note or a digest: why it comes, and where it
    /// is changed.
    fn chosen(&self, mut letter: Letter, why: &str, mailer: &Mailer) -> Letter {
        let t = self.t();
        letter.why = fill(why, &[("company", self.company_name())]);
        letter.after_button = vec![format!("{} {}/console/settings", t.change_notifications, mailer.base_url)];
        letter
    }
}

fn shown_name<'n>(t: &'static MailTexts, name: &'n str) -> &'n str {
    if name.trim().is_empty() { t.no_name } else { name }
}

/// The mail that brings a set-password link: who made it (`by`, when a
/// person did), for which company, the link, and until when it works.
pub fn password_link(
    company: &Company,
    user: &UserRecord,
    by: Option<&str>,
    why: LinkFor,
    url: String,
    expires_at: OffsetDateTime,
) -> Letter {
    let c = Colleague::new(company, user);
    let t = c.t();
    let expires_at = expires_at.to_offset(time::UtcOffset::UTC);
    let (hour, minute) = (format!("{:02}", expires_at.hour()), format!("{:02}", expires_at.minute()));
    let (date, clock) = (t.day(day_of(expires_at)), fill(t.clock, &[("hour", &hour), ("minute", &minute)]));
    let by = by.filter(|b| !b.trim().is_empty());
    let values = [("company", c.company_name()), ("by", by.unwrap_or_default())];
    let (subject, intro) = match (why, by.is_some()) {
        (LinkFor::Invitation, true) => (t.invite_subject, t.invite_by),
        (LinkFor::Invitation, false) => (t.invite_subject, t.invite_by_nobody),
        (LinkFor::Reset, true) => (t.reset_subject, t.reset_by),
        (LinkFor::Reset, false) => (t.reset_subject, t.reset_by_nobody),
    };
    let mut letter = c.letter(
        MailKind::PasswordLink,
        fill(subject, &values),
        vec![fill(intro, &values), fill(t.link_works_until, &[("date", &date), ("time", &clock)])],
        Link { label: t.set_password.to_owned(), url },
    );
    letter.after_button = vec![t.password_link_is_private.to_owned()];
    letter.why = fill(t.why_password_link, &values);
    letter
}

fn day_of(at: OffsetDateTime) -> candor_api::Day {
    let d = at.date();
    candor_api::Day::from_ymd(d.year(), d.month() as u8, d.day())
        .unwrap_or(candor_api::Day::from_ymd(1970, 1, 1).expect("a valid date"))
}

/// The note of one new application or question, with a link to it in the console.
pub fn arrival(company: &Company, user: &UserRecord, arrival: &Arrival, url: String, mailer: &Mailer) -> Letter {
    let c = Colleague::new(company, user);
    let t = c.t();
    let (subject, body, name, posting) = match arrival {
        Arrival::Application { posting, name } => (t.new_application_subject, t.new_application, *name, *posting),
        Arrival::Question { posting, name } if name.trim().is_empty() => {
            (t.new_question_subject, t.new_question_nameless, *name, *posting)
        }
        Arrival::Question { posting, name } => (t.new_question_subject, t.new_question, *name, *posting),
    };
    let values = [("company", c.company_name()), ("posting", posting), ("name", shown_name(t, name))];
    let letter = c.letter(
        MailKind::NewArrival,
        fill(subject, &values),
        vec![fill(body, &values)],
        Link { label: t.open_in_console.to_owned(), url },
    );
    c.chosen(letter, t.why_each, mailer)
}

/// The morning digest, or `None` when nothing waits.
pub fn digest(company: &Company, user: &UserRecord, digest: &Digest, mailer: &Mailer) -> Option<Letter> {
    if digest.is_empty() {
        return None;
    }
    let c = Colleague::new(company, user);
    let t = c.t();
    let company_value = [("company", c.company_name())];
    let item = |w: &Waiting| fill(t.digest_item, &[("posting", &w.posting), ("name", shown_name(t, &w.name))]);
    let mut paragraphs = vec![fill(t.digest_intro, &company_value)];
    if !digest.questions.is_empty() {
        paragraphs.push(t.digest_questions.to_owned());
        paragraphs.extend(digest.questions.iter().map(|w| format!("• {}", item(w))));
    }
    if !digest.alarms.is_empty() {
        paragraphs.push(t.digest_alarms.to_owned());
        paragraphs.extend(digest.alarms.iter().map(|(w, silence)| {
            let (why, date) = match silence {
                Silence::PromiseMissed { promised, .. } => (t.digest_promise_missed, *promised),
                Silence::NoContact { last_contact_on, .. } => (t.digest_no_contact, *last_contact_on),
            };
            format!("• {} ({})", item(w), fill(why, &[("date", &t.day(date))]))
        }));
    }
    if !digest.due_today.is_empty() {
        paragraphs.push(t.digest_due_today.to_owned());
        paragraphs.extend(digest.due_today.iter().map(|w| format!("• {}", item(w))));
    }
    let letter = c.letter(
        MailKind::Digest,
        fill(t.digest_subject, &company_value),
        paragraphs,
        Link { label: t.open_inbox.to_owned(), url: format!("{}/console/", mailer.base_url) },
    );
    Some(c.chosen(letter, t.why_digest, mailer))
}

/// `letter` composed for `user`, or `None` (said in the log) when their
/// address can't receive mail: what the mail tells is in the console too.
pub fn compose(
    mailer: &Mailer,
    company: &Company,
    user: &UserRecord,
    about: About,
    letter: &Letter,
    at: OffsetDateTime,
) -> Option<NewMail> {
    let about = About { user: Some(user.id), ..about };
    match mailer.compose(company.id, about, &user.email, letter, at) {
        Ok(mail) => Some(mail),
        Err(e) => {
            tracing::warn!(kind = letter.kind.as_str(), user = user.id.0, error = %e, "a mail could not be composed");
            None
        }
    }
}

/// The notes of a new application to each of `readers`, made once the
/// store has given it its id (the link names it).
pub fn application_arrivals(
    mailer: &Mailer,
    company: &Company,
    readers: &[UserRecord],
    posting: &str,
    name: &str,
    id: ApplicationId,
    at: OffsetDateTime,
) -> Vec<NewMail> {
    let url = format!("{}/console/applications/{}", mailer.base_url, id.0);
    let what = Arrival::Application { posting, name };
    readers
        .iter()
        .filter_map(|user| {
            let letter = arrival(company, user, &what, url.clone(), mailer);
            compose(mailer, company, user, About { application: Some(id), ..About::default() }, &letter, at)
        })
        .collect()
}

/// The notes of a new question to each of `readers`: the console's inbox
/// is where a question is answered.
pub fn question_arrivals(
    mailer: &Mailer,
    company: &Company,
    readers: &[UserRecord],
    posting: &str,
    name: &str,
    at: OffsetDateTime,
) -> Vec<NewMail> {
    let url = format!("{}/console/", mailer.base_url);
    let what = Arrival::Question { posting, name };
    readers
        .iter()
        .filter_map(|user| {
            let letter = arrival(company, user, &what, url.clone(), mailer);
            compose(mailer, company, user, About::default(), &letter, at)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use candor_api::Day;
    use candor_api::recruiting::Role;

    use super::*;
    use crate::store::{CompanyId, UserId};

    fn company(locale: Locale) -> Company {
        Company {
            id: CompanyId(1),
            public: crate::mail::fixtures::northwind(locale),
            silence_alarm_days: 7,
            late_promise_mail: true,
            reports: Default::default(),
        }
    }

    fn user() -> UserRecord {
        UserRecord {
            id: UserId(3),
            company: CompanyId(1),
            email: "rasmus@northwind.example".into(),
            name: "Rasmus".into(),
            role: Role::Recruiter,
            password_hash: None,
            locale: None,
        }
    }

    fn mailer() -> Mailer {
        Mailer::new("http://x.test", None, false, &[7; 32]).unwrap()
    }

    #[test]
    fn an_invitation_says_who_invited_to_which_company_and_until_when() {
        let at = time::macros::datetime!(2027-03-04 09:05 UTC);
        let letter = password_link(
            &company(Locale::En),
            &user(),
            Some("Maria Admin"),
            LinkFor::Invitation,
            "http://x.test/console/#set-password=secret".into(),
            at,
        );
        assert_eq!(letter.kind, MailKind::PasswordLink);
        let text = letter.text();
        assert!(text.contains("Maria Admin has invited you"), "{text}");
        assert!(text.contains("Northwind Dental"), "{text}");
        assert!(text.contains("4 March 2027 at 09:05"), "{text}");
        assert!(text.contains("http://x.test/console/#set-password=secret"), "{text}");
        assert!(letter.stop.is_none(), "essential");
    }

    #[test]
    fn a_reset_in_finnish_by_a_token_names_no_one() {
        let at = time::macros::datetime!(2027-03-04 18:30 UTC);
        let letter =
            password_link(&company(Locale::Fi), &user(), None, LinkFor::Reset, "http://x.test/#s=x".into(), at);
        assert_eq!(letter.locale, Locale::Fi);
        assert!(letter.text().contains("4. maaliskuuta 2027 klo 18.30"), "{}", letter.text());
    }

    #[test]
    fn a_note_of_an_arrival_names_the_posting_and_the_person_only() {
        let letter = arrival(
            &company(Locale::En),
            &user(),
            &Arrival::Application { posting: "Dental Hygienist", name: "Aino Virtanen" },
            "http://x.test/console/applications/9".into(),
            &mailer(),
        );
        assert_eq!(letter.subject, "New application for Dental Hygienist: Aino Virtanen");
        assert!(letter.text().contains("http://x.test/console/applications/9"));
        assert!(letter.text().contains("http://x.test/console/settings"), "where it is changed");
        let anonymous = arrival(
            &company(Locale::En),
            &user(),
            &Arrival::Question { posting: "Dental Hygienist", name: "" },
            "http://x.test/console/".into(),
            &mailer(),
        );
        assert_eq!(
            anonymous.paragraphs,
            ["Someone has asked a question about Dental Hygienist. It waits for an answer in the console's inbox."]
        );
    }

    #[test]
    fn a_digest_lists_what_waits_and_nothing_waiting_is_no_digest() {
        assert!(digest(&company(Locale::En), &user(), &Digest::default(), &mailer()).is_none());
        let waiting = |posting: &str, name: &str| Waiting { posting: posting.into(), name: name.into() };
        let d = Digest {
            questions: vec![waiting("Dental Hygienist", "Sam")],
            alarms: vec![(
                waiting("Dental Hygienist", "Aino"),
                Silence::PromiseMissed { promised: Day::from_ymd(2027, 3, 1).unwrap(), overdue_days: 2 },
            )],
            due_today: vec![waiting("Receptionist", "")],
        };
        let letter = digest(&company(Locale::En), &user(), &d, &mailer()).unwrap();
        let text = letter.text();
        assert!(text.contains("• Dental Hygienist: Sam"), "{text}");
        assert!(text.contains("• Dental Hygienist: Aino (promised word by 1 March 2027)"), "{text}");
        assert!(text.contains("• Receptionist: (no name)"), "{text}");
    }
}
