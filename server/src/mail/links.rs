//! "Lost your link?": the one mail that lists every application and
//! question of an address with a company, each with its private link, in
//! the language the careers page was read in.

use candor_api::mail::MailKind;
use candor_api::qa::QuestionState;
use candor_api::timeline::Outcome;
use candor_api::{CompanyPublic, Day, Locale};

use super::letter::{Entry, Letter, Link};
use super::texts::{fill, texts};

/// Where an application stands, as the list says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Open, at this stage (named in the reader's language).
    AtStage(String),
    Ended(Outcome),
    Withdrawn,
}

/// An application of the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The posting's title in the reader's language, where it has one.
    pub title: String,
    pub on: Day,
    pub standing: Standing,
    pub link: String,
}

/// A question the address asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub title: String,
    pub text: String,
    pub on: Day,
    pub state: QuestionState,
    pub link: String,
}

/// How much of a question its entry shows: enough to tell two apart.
const EXCERPT: usize = 80;

/// The letter, or `None` when the address has nothing here: then no mail
/// goes at all.
pub fn letter(company: &CompanyPublic, locale: Locale, applied: &[Applied], asked: &[Asked]) -> Option<Letter> {
    if applied.is_empty() && asked.is_empty() {
        return None;
    }
    let t = texts(locale);
    let values = [("company", company.name.as_str())];
    let mut entries = Vec::with_capacity(applied.len() + asked.len());
    for a in applied {
        let state = match &a.standing {
            Standing::AtStage(stage) => fill(t.links_state_stage, &[("stage", stage)]),
            Standing::Ended(Outcome::Hired) => t.links_state_hired.to_owned(),
            Standing::Ended(Outcome::NotSelected) => t.links_state_not_selected.to_owned(),
            Standing::Ended(Outcome::PositionClosed) => t.links_state_position_closed.to_owned(),
            Standing::Withdrawn => t.links_state_withdrawn.to_owned(),
        };
        entries.push(Entry {
            title: a.title.clone(),
            details: fill(t.links_applied, &[("date", &t.day(a.on)), ("state", &state)]),
            link: Link { label: t.links_open_application.to_owned(), url: a.link.clone() },
        });
    }
    for q in asked {
        let state = match q.state {
            QuestionState::Pending => t.links_question_pending,
            QuestionState::Answered => t.links_question_answered,
            QuestionState::Declined => t.links_question_declined,
        };
        entries.push(Entry {
            title: format!("{}: {}", q.title, excerpt(&q.text)),
            details: fill(t.links_asked, &[("date", &t.day(q.on)), ("state", state)]),
            link: Link { label: t.links_open_question.to_owned(), url: q.link.clone() },
        });
    }
    Some(Letter {
        kind: MailKind::Links,
        locale,
        company_name: company.name.clone(),
        accent: company.branding.accent_color.as_str().to_owned(),
        subject: fill(t.links_subject, &values),
        greeting: String::new(),
        paragraphs: vec![fill(t.links_intro, &values)],
        quotes: Vec::new(),
        button: None,
        after_button: vec![t.links_private.to_owned()],
        entries,
        signature: fill(t.signature, &values),
        why: fill(t.links_why, &values),
        // Essential: it answers what someone asked for just now.
        stop: None,
    })
}

/// The first words of a question, on one line.
fn excerpt(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= EXCERPT {
        line
    } else {
        let cut: String = line.chars().take(EXCERPT).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company() -> CompanyPublic {
        crate::mail::fixtures::northwind(Locale::En)
    }

    fn day(d: u8) -> Day {
        Day::from_ymd(2027, 3, d).unwrap()
    }

    #[test]
    fn nothing_to_list_sends_nothing() {
        assert!(letter(&company(), Locale::En, &[], &[]).is_none());
    }

    #[test]
    fn each_application_and_question_has_its_date_state_and_link_in_the_readers_language() {
        let applied = [
            Applied {
                title: "Suuhygienisti".into(),
                on: day(1),
                standing: Standing::AtStage("Haastattelu".into()),
                link: "http://x.test/status?lang=fi#a".into(),
            },
            Applied {
                title: "Vastaanottoavustaja".into(),
                on: day(2),
                standing: Standing::Ended(Outcome::NotSelected),
                link: "http://x.test/status?lang=fi#b".into(),
            },
        ];
        let asked = [Asked {
            title: "Suuhygienisti".into(),
            text: "Onko klinikalla\npysäköintiä? ".repeat(10),
            on: day(3),
            state: QuestionState::Pending,
            link: "http://x.test/status?lang=fi#q_c".into(),
        }];
        let letter = letter(&company(), Locale::Fi, &applied, &asked).unwrap();
        assert_eq!(letter.kind, MailKind::Links);
        assert_eq!(letter.subject, "Linkkisi: Northwind Dental");
        assert!(letter.stop.is_none(), "essential: it answers a request");
        let text = letter.text();
        assert!(
            text.contains("* Suuhygienisti\n  Haettu 1. maaliskuuta 2027 · Nyt vaiheessa: Haastattelu\n"),
            "{text}"
        );
        assert!(text.contains("Haettu 2. maaliskuuta 2027 · Ei edennyt"), "{text}");
        assert!(text.contains("Kysytty 3. maaliskuuta 2027 · Odottaa vastausta"), "{text}");
        assert!(text.contains("* Suuhygienisti: Onko klinikalla pysäköintiä? Onko"), "one line: {text}");
        assert!(text.contains("…\n"), "a long question is cut: {text}");
        for link in ["#a", "#b", "#q_c"] {
            assert!(text.contains(&format!("http://x.test/status?lang=fi{link}\n")), "{link}: {text}");
        }
        assert!(text.contains("Kadotitko linkkisi?"), "says why: {text}");
    }
}
