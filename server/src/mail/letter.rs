//! A mail's content, and its two renderings: plain text and HTML.
//!
//! Every text in a letter is the reader's text or a catalogue's, and each
//! is escaped where it enters the HTML: a recruiter's words arrive as they
//! wrote them, line breaks kept, and never as markup. The HTML has no
//! remote images or styles (they would tell a sender when a mail is read,
//! and many clients block them): the company's colour is the accent.

use std::fmt::Write;

use candor_api::Locale;
use candor_api::mail::MailKind;

/// A link shown as a button (in text: its label, then the address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// One item of a letter's list: what it is, a line about it, its link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub details: String,
    pub link: Link,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub kind: MailKind,
    pub locale: Locale,
    pub company_name: String,
    /// `#rrggbb`, readable with white text on it (`Branding::readable_accent`).
    pub accent: String,
    pub subject: String,
    pub greeting: String,
    pub paragraphs: Vec<String>,
    /// Someone's own words, each shown whole below its label.
    pub quotes: Vec<(String, String)>,
    pub button: Option<Link>,
    /// Small print below the button (the link is private).
    pub after_button: Vec<String>,
    /// A list of things, each with its own link ("Lost your link?": every
    /// application and question of an address), after the paragraphs.
    pub entries: Vec<Entry>,
    pub signature: String,
    /// Why this mail is sent.
    pub why: String,
    /// How to stop mails like it; `None` for an essential mail.
    pub stop: Option<Link>,
}

impl Letter {
    pub fn text(&self) -> String {
        let mut out = String::new();
        if !self.greeting.is_empty() {
            out.push_str(&self.greeting);
            out.push_str("\n\n");
        }
        for paragraph in &self.paragraphs {
            out.push_str(paragraph);
            out.push_str("\n\n");
        }
        for entry in &self.entries {
            let _ = write!(
                out,
                "* {}\n  {}\n  {}:\n  {}\n\n",
                entry.title, entry.details, entry.link.label, entry.link.url
            );
        }
        for (label, words) in &self.quotes {
            out.push_str(label);
            out.push('\n');
            for line in words.lines() {
                let _ = writeln!(out, "> {line}");
            }
            out.push('\n');
        }
        if let Some(button) = &self.button {
            let _ = write!(out, "{}:\n{}\n\n", button.label, button.url);
        }
        for line in &self.after_button {
            out.push_str(line);
            out.push_str("\n\n");
        }
        out.push_str(&self.signature);
        out.push_str("\n\n-- \n");
        out.push_str(&self.why);
        out.push('\n');
        if let Some(stop) = &self.stop {
            let _ = writeln!(out, "{}: {}", stop.label, stop.url);
        }
        out
    }

    pub fn html(&self) -> String {
        let accent = if is_hex_colour(&self.accent) { self.accent.as_str() } else { "#1f5fa8" };
        let mut out = String::with_capacity(4096);
        let _ = write!(
            out,
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{subject}</title></head>\
             <body style=\"margin:0;padding:0;background:#f3f5f7;\">\
             <div style=\"max-width:560px;margin:0 auto;padding:24px 12px;font-family:-apple-system,'Segoe UI',Roboto,\
             Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2933;\">\
             <div style=\"background:#ffffff;border-top:4px solid {accent};border-radius:8px;padding:24px;\">\
             <p style=\"margin:0 0 16px;font-weight:bold;color:#1f2933;\">{company}</p>",
            lang = self.locale.tag(),
            subject = escape(&self.subject),
            company = escape(&self.company_name),
        );
        if !self.greeting.is_empty() {
            let _ = write!(out, "<p style=\"margin:0 0 16px;\">{}</p>", escape(&self.greeting));
        }
        for paragraph in &self.paragraphs {
            let _ = write!(out, "<p style=\"margin:0 0 16px;\">{}</p>", escape(paragraph));
        }
        if !self.entries.is_empty() {
            out.push_str("<ul style=\"margin:0 0 16px;padding:0;list-style:none;\">");
            for entry in &self.entries {
                let _ = write!(
                    out,
                    "<li style=\"margin:0 0 12px;padding:12px 16px;border-left:4px solid {accent};background:#f3f5f7;\">\
                     <strong>{title}</strong><br>{details}<br>\
                     <a href=\"{url}\" style=\"color:#1f2933;font-weight:bold;\">{label}</a></li>",
                    title = escape(&entry.title),
                    details = escape(&entry.details),
                    url = escape(&entry.link.url),
                    label = escape(&entry.link.label),
                );
            }
            out.push_str("</ul>");
        }
        for (label, words) in &self.quotes {
            let _ = write!(
                out,
                "<p style=\"margin:0 0 8px;\">{}</p><blockquote style=\"margin:0 0 16px;padding:12px 16px;\
                 border-left:4px solid {accent};background:#f3f5f7;white-space:pre-wrap;\">{}</blockquote>",
                escape(label),
                escape(words),
            );
        }
        if let Some(button) = &self.button {
            let _ = write!(
                out,
                "<p style=\"margin:24px 0;\"><a href=\"{url}\" style=\"display:inline-block;background:{accent};\
                 color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:6px;\">{label}</a></p>\
                 <p style=\"margin:0 0 16px;font-size:14px;color:#52606d;word-break:break-all;\">{url}</p>",
                url = escape(&button.url),
                label = escape(&button.label),
            );
        }
        for line in &self.after_button {
            let _ = write!(out, "<p style=\"margin:0 0 16px;font-size:14px;color:#52606d;\">{}</p>", escape(line));
        }
        let _ = write!(
            out,
            "<p style=\"margin:16px 0 0;\">{}</p></div><p style=\"margin:16px 0 0;font-size:13px;color:#52606d;\">{}",
            escape(&self.signature),
            escape(&self.why),
        );
        if let Some(stop) = &self.stop {
            let _ =
                write!(out, " <a href=\"{}\" style=\"color:#52606d;\">{}</a>", escape(&stop.url), escape(&stop.label));
        }
        out.push_str("</p></div></body></html>");
        out
    }
}

fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter() -> Letter {
        Letter {
            kind: MailKind::Message,
            locale: Locale::Fi,
            company_name: "Smith & <Sons>".into(),
            accent: "#0b6e4f".into(),
            subject: "Hei".into(),
            greeting: "Hei Aino,".into(),
            paragraphs: vec!["First.".into()],
            quotes: vec![("They wrote:".into(), "<b>not bold</b>\nsecond line".into())],
            button: Some(Link { label: "Open".into(), url: "http://x.test/status?lang=fi#abc".into() }),
            after_button: vec!["Private.".into()],
            entries: vec![Entry {
                title: "Nurse <1>".into(),
                details: "Applied".into(),
                link: Link { label: "Open".into(), url: "http://x.test/status#a&b".into() },
            }],
            signature: "Smith & <Sons>, through Candor".into(),
            why: "Because.".into(),
            stop: Some(Link { label: "Stop".into(), url: "http://x.test/mail/stop?a=1&t=x".into() }),
        }
    }

    #[test]
    fn someones_words_are_text_in_html_never_markup() {
        let html = letter().html();
        assert!(html.contains("&lt;b&gt;not bold&lt;/b&gt;\nsecond line"));
        assert!(!html.contains("<b>"));
        assert!(html.contains("Smith &amp; &lt;Sons&gt;"));
        assert!(html.contains("href=\"http://x.test/mail/stop?a=1&amp;t=x\""));
        assert!(html.contains("lang=\"fi\""));
        assert!(
            html.contains("<strong>Nurse &lt;1&gt;</strong>") && html.contains("href=\"http://x.test/status#a&amp;b\"")
        );
    }

    #[test]
    fn html_has_no_remote_images_or_styles() {
        let html = letter().html();
        assert!(!html.contains("<img"));
        assert!(!html.contains("<link"));
        assert!(!html.contains("url("));
    }

    #[test]
    fn the_text_part_quotes_every_line_and_spells_out_the_links() {
        let text = letter().text();
        assert!(text.contains("> <b>not bold</b>\n> second line\n"));
        assert!(text.contains("Open:\nhttp://x.test/status?lang=fi#abc\n"));
        assert!(text.contains("Stop: http://x.test/mail/stop?a=1&t=x"));
        assert!(text.contains("* Nurse <1>\n  Applied\n  Open:\n  http://x.test/status#a&b\n"));
    }
}
