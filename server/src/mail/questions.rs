//! The asker's one mail: their question was answered (the answer in full)
//! or declined (the reason and the company's word), in the language they
//! asked in, with the question's private link.
//!
//! Not essential, yet it carries no `List-Unsubscribe`: a question has
//! exactly one such mail, asked for in the form that sent it, so there is
//! nothing further to stop. It says so instead, in its "why" line.

use candor_api::mail::MailKind;
use candor_api::qa::DeclineReason;
use candor_api::{CompanyPublic, Locale};

use super::letter::{Letter, Link};
use super::texts::{fill, texts};

/// What became of the question.
pub enum Settled<'a> {
    Answered(&'a str),
    Declined(DeclineReason, &'a str),
}

pub struct Asker<'a> {
    pub company: &'a CompanyPublic,
    /// In the asker's language, where the posting has it.
    pub posting_title: &'a str,
    pub locale: Locale,
    /// Their question, as they wrote it.
    pub question: &'a str,
    pub link: String,
}

impl Asker<'_> {
    pub fn letter(&self, settled: &Settled) -> Letter {
        let t = texts(self.locale);
        let values = [("company", self.company.name.as_str()), ("posting", self.posting_title)];
        let asked = fill(t.question_asked, &[("question", self.question)]);
        let (kind, subject, paragraphs, quotes) = match settled {
            Settled::Answered(answer) => (
                MailKind::QuestionAnswered,
                fill(t.question_answered_subject, &values),
                vec![fill(t.question_answered_intro, &values), asked],
                vec![(fill(t.question_their_answer, &values), (*answer).to_owned())],
            ),
            Settled::Declined(reason, message) => {
                let why = match reason {
                    DeclineReason::Spam => t.question_declined_spam,
                    DeclineReason::OffTopic => t.question_declined_off_topic,
                    DeclineReason::Duplicate => t.question_declined_duplicate,
                };
                let intro = format!("{} {why}", fill(t.question_declined_intro, &values));
                let quote = (!message.trim().is_empty()).then(|| (fill(t.their_words, &values), (*message).to_owned()));
                (
                    MailKind::QuestionDeclined,
                    fill(t.question_declined_subject, &values),
                    vec![intro, asked],
                    quote.into_iter().collect(),
                )
            }
        };
        Letter {
            kind,
            locale: self.locale,
            company_name: self.company.name.clone(),
            accent: self.company.branding.accent_color.as_str().to_owned(),
            subject,
            greeting: String::new(),
            paragraphs,
            quotes,
            button: Some(Link { label: t.question_open.to_owned(), url: self.link.clone() }),
            after_button: vec![t.question_private.to_owned()],
            entries: Vec::new(),
            signature: fill(t.signature, &values),
            why: fill(t.question_why, &values),
            stop: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company() -> CompanyPublic {
        crate::mail::fixtures::northwind(Locale::En)
    }

    fn asker(company: &CompanyPublic, locale: Locale) -> Asker<'_> {
        Asker {
            company,
            posting_title: "Tandhygienist",
            locale,
            question: "Finns det parkering?",
            link: "http://x.test/status?lang=sv#q_x".into(),
        }
    }

    #[test]
    fn the_answer_arrives_whole_as_text_with_the_question_and_its_link() {
        let company = company();
        let letter = asker(&company, Locale::Sv).letter(&Settled::Answered("Ja, <b>två</b> platser.\nGratis."));
        assert_eq!(letter.kind, MailKind::QuestionAnswered);
        assert_eq!(letter.subject, "Northwind Dental har svarat på din fråga om Tandhygienist");
        let text = letter.text();
        assert!(text.contains("Du frågade: Finns det parkering?"), "{text}");
        assert!(text.contains("> Ja, <b>två</b> platser.\n> Gratis.\n"), "{text}");
        assert!(letter.html().contains("Ja, &lt;b&gt;två&lt;/b&gt; platser."));
        assert!(text.contains("http://x.test/status?lang=sv#q_x"));
        assert!(letter.stop.is_none(), "its only mail: nothing to stop");
        assert!(text.contains("det enda mejlet om frågan"), "{text}");
    }

    #[test]
    fn a_decline_says_why_and_the_companys_word() {
        let company = company();
        let letter =
            asker(&company, Locale::En).letter(&Settled::Declined(DeclineReason::Duplicate, "See the one on parking."));
        assert_eq!(letter.kind, MailKind::QuestionDeclined);
        assert_eq!(letter.subject, "About your question on Tandhygienist");
        assert!(letter.paragraphs[0].ends_with("The same question has been asked and answered already."));
        assert_eq!(letter.quotes[0].1, "See the one on parking.");
    }
}
