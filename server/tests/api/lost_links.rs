//! "Lost your link?" and the asker's mail, against a real SMTP server
//! (`smtp.rs`): an address that applied or asked gets one mail with every
//! link, in the language asked in, and each link opens what it names; an
//! unknown address gets the very same answer and no mail; an address gets
//! at most three such mails an hour. A question asked with an address is
//! answered (or declined) by mail, in the asker's language, with its link;
//! the address is never in any question's JSON. The asker can take the
//! address back at once, and it is forgotten anyway once the company's
//! retention period after the answer has passed.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, COMPANY, TestApp, application, error_of, json};
use crate::smtp::{Received, Sending, SmtpServer, app_sending_to};

crate::on_both_backends!(
    a_lost_link_brings_back_every_application_and_question_of_the_address_in_one_mail,
    an_unknown_address_gets_the_same_answer_and_no_mail,
    an_address_gets_at_most_three_mails_of_links_an_hour,
    an_answered_question_reaches_its_asker_by_mail_in_their_language,
    a_declined_question_reaches_its_asker_by_mail_too,
    the_askers_address_is_never_in_a_questions_json,
    an_asker_takes_their_address_back,
    an_askers_address_is_forgotten_after_the_retention_period,
);

async fn app_mailing_to(backend: Backend, smtp: &SmtpServer) -> TestApp {
    app_sending_to(backend, smtp, Sending::default()).await
}

async fn lost_link(app: &TestApp, email: &str, locale: &str) -> (u16, Value) {
    let url = app.url(&format!("/api/v1/companies/{COMPANY}/lost-link"));
    let response = app.client.post(url).json(&json!({"email": email, "locale": locale})).send().await.unwrap();
    let (status, body) = json(response).await;
    (status.as_u16(), body)
}

/// Every private token a mail's links carry, in order.
fn tokens(mail: &Received) -> Vec<String> {
    let text = mail.text();
    text.match_indices("/status?lang=")
        .filter_map(|(at, _)| {
            let rest = &text[at..];
            let hash = rest.find('#')?;
            Some(rest[hash + 1..].split_whitespace().next()?.to_owned())
        })
        .collect()
}

/// Waits long enough for a mail that would come to have come.
async fn settle_down() {
    tokio::time::sleep(Duration::from_millis(1500)).await;
}

async fn question_id(app: &TestApp, text: &str) -> i64 {
    let (_, list) = json(app.recruiter(Method::GET, "questions", &app.recruiter_token).send().await.unwrap()).await;
    list.as_array().unwrap().iter().find(|q| q["text"] == text).expect("in the inbox")["id"].as_i64().unwrap()
}

async fn a_lost_link_brings_back_every_application_and_question_of_the_address_in_one_mail(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let (token, _) = app.applied(&application("Aino Virtanen", "Aino.Virtanen@example.fi")).await;
    app.applied(&application("Mikael Berg", "mikael@example.se")).await;
    let question = "Onko klinikan lähellä pysäköintiä?";
    let (status, receipt) = app
        .ask("dental-hygienist", &json!({"text": question, "email": "aino.virtanen@EXAMPLE.fi", "locale": "fi"}))
        .await;
    assert_eq!(status, 201, "{receipt}");
    let question_token = receipt["token"].as_str().unwrap().to_owned();
    smtp.wait_for(2).await; // the two acknowledgements

    let (status, answer) = lost_link(&app, "AINO.virtanen@example.fi", "fi").await;
    assert_eq!((status, answer), (202, json!({"accepted": true})));
    let received = smtp.wait_for(3).await;
    let mail = &received[2];
    assert_eq!(mail.to(), "aino.virtanen@example.fi");
    assert_eq!(mail.subject(), "Linkkisi: Northwind Dental");
    let text = mail.text();
    assert!(text.contains("* Suuhygienisti\n  Haettu "), "the posting in Finnish, the date applied: {text}");
    assert!(text.contains("Nyt vaiheessa: "), "where it stands: {text}");
    assert!(text.contains("Kysytty ") && text.contains("Odottaa vastausta"), "the question and its state: {text}");
    assert!(mail.header("List-Unsubscribe").is_none(), "essential: it answers a request");
    assert!(text.contains("Kadotitko linkkisi?"), "it says why it came: {text}");
    assert!(!text.contains("Mikael"), "nobody else's");

    // Each link opens what it names, in a client that has nothing stored.
    assert_eq!(tokens(mail), [token.clone(), question_token.clone()]);
    let (status, seen) = app.status(&token).await;
    assert_eq!((status.as_u16(), seen["posting"]["slug"].as_str()), (200, Some("dental-hygienist")));
    let (status, seen) = app.asked(&question_token).await;
    assert_eq!((status.as_u16(), seen["text"].as_str()), (200, Some(question)));

    settle_down().await;
    assert_eq!(smtp.received().len(), 3, "one mail");

    // A malformed address is said at its field, as the form says it.
    let (status, body) = lost_link(&app, "aino@", "fi").await;
    assert_eq!((status, error_of(&body)), (400, ("not_an_email".to_owned(), Some("email".to_owned()))), "{body}");
}

async fn an_unknown_address_gets_the_same_answer_and_no_mail(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    smtp.wait_for(1).await;

    let known = lost_link(&app, "aino@example.fi", "en").await;
    let unknown = lost_link(&app, "nobody@example.fi", "en").await;
    assert_eq!(known, unknown, "the answer says nothing");
    assert_eq!(unknown.0, 202);
    smtp.wait_for(2).await;
    settle_down().await;
    let all = smtp.received();
    assert_eq!(all.len(), 2, "the known address's mail, and none for the unknown one");
    assert_eq!(all[1].to(), "aino@example.fi");
    assert_eq!(all[1].subject(), "Your links at Northwind Dental");
}

async fn an_address_gets_at_most_three_mails_of_links_an_hour(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    app.applied(&application("Ola Nowak", "ola@example.pl")).await;
    app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    smtp.wait_for(2).await;

    for _ in 0..5 {
        assert_eq!(lost_link(&app, "ola@example.pl", "pl").await.0, 202, "the same answer past the limit");
    }
    smtp.wait_for(5).await;
    // Another address has its own budget.
    assert_eq!(lost_link(&app, "aino@example.fi", "en").await.0, 202);
    smtp.wait_for(6).await;
    settle_down().await;
    let all = smtp.received();
    assert_eq!(all.len(), 6, "{:?}", all.iter().map(Received::subject).collect::<Vec<_>>());
    let to_ola = all.iter().filter(|m| m.to() == "ola@example.pl" && m.subject() == "Twoje linki – Northwind Dental");
    assert_eq!(to_ola.count(), 3, "three of five");
}

async fn an_answered_question_reaches_its_asker_by_mail_in_their_language(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let question = "Finns det parkering vid kliniken?";
    let (status, receipt) =
        app.ask("dental-hygienist", &json!({"text": question, "email": "Karin@Example.se", "locale": "sv"})).await;
    assert_eq!(status, 201, "{receipt}");
    let token = receipt["token"].as_str().unwrap().to_owned();
    // Asked again (a second click): the same link, still.
    let (status, again) =
        app.ask("dental-hygienist", &json!({"text": question, "email": "karin@example.se", "locale": "sv"})).await;
    assert_eq!((status, again["token"].as_str()), (200, Some(token.as_str())));

    let id = question_id(&app, question).await;
    let answer = "Ja: två platser bakom kliniken.\n<b>Gratis</b> för personalen.";
    app.acts(&format!("questions/{id}/answer"), &json!({"answer": answer})).await;
    let mail = &smtp.wait_for(1).await[0];
    assert_eq!(mail.to(), "karin@example.se");
    assert!(mail.subject().starts_with("Northwind Dental har svarat på din fråga om "), "{}", mail.subject());
    let text = mail.text();
    assert!(text.contains("> Ja: två platser bakom kliniken.\n> <b>Gratis</b> för personalen."), "in full: {text}");
    assert!(mail.html().contains("&lt;b&gt;Gratis&lt;/b&gt;"), "as text, never markup");
    assert!(text.contains(&format!("Du frågade: {question}")), "{text}");
    assert!(mail.header("List-Unsubscribe").is_none(), "its only mail: nothing to stop");
    assert_eq!(tokens(mail), std::slice::from_ref(&token));
    let (status, seen) = app.asked(&token).await;
    assert_eq!((status.as_u16(), seen["state"].as_str()), (200, Some("answered")));
    settle_down().await;
    assert_eq!(smtp.received().len(), 1, "once");

    // A question without an address is answered without mail.
    let (_, _) = app.ask("dental-hygienist", &json!({"text": "Is there a staff canteen?"})).await;
    let id = question_id(&app, "Is there a staff canteen?").await;
    app.acts(&format!("questions/{id}/answer"), &json!({"answer": "Yes."})).await;
    settle_down().await;
    assert_eq!(smtp.received().len(), 1);
}

async fn a_declined_question_reaches_its_asker_by_mail_too(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let question = "Czy mogę pracować w weekendy zamiast w tygodniu?";
    let (status, receipt) =
        app.ask("dental-hygienist", &json!({"text": question, "email": "ola@example.pl", "locale": "pl"})).await;
    assert_eq!(status, 201, "{receipt}");
    let token = receipt["token"].as_str().unwrap().to_owned();
    let id = question_id(&app, question).await;
    app.acts(
        &format!("questions/{id}/decline"),
        &json!({"reason": "off_topic", "message": "Proszę napisać do działu kadr."}),
    )
    .await;
    let mail = &smtp.wait_for(1).await[0];
    assert!(mail.subject().starts_with("W sprawie Twojego pytania o stanowisko "), "{}", mail.subject());
    let text = mail.text();
    assert!(text.contains("Uznano, że nie dotyczy tego stanowiska."), "the reason: {text}");
    assert!(text.contains("> Proszę napisać do działu kadr."), "the company's word: {text}");
    assert_eq!(tokens(mail), std::slice::from_ref(&token));
    let (status, seen) = app.asked(&token).await;
    assert_eq!((status.as_u16(), seen["state"].as_str()), (200, Some("declined")));

    // A bad address is refused at its field, and nothing is kept.
    let (status, body) = app.ask("dental-hygienist", &json!({"text": "Another question here?", "email": "ola@"})).await;
    assert_eq!((status, error_of(&body).1.as_deref()), (400, Some("email")), "{body}");
}

async fn the_askers_address_is_never_in_a_questions_json(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let question = "Is the clinic reachable by tram?";
    let (status, receipt) =
        app.ask("dental-hygienist", &json!({"text": question, "email": "secret.asker@example.fi"})).await;
    assert_eq!(status, 201);
    assert!(!receipt.to_string().contains("secret.asker"), "{receipt}");
    let token = receipt["token"].as_str().unwrap().to_owned();
    let id = question_id(&app, question).await;
    app.acts(&format!("questions/{id}/answer"), &json!({"answer": "Yes, line 4."})).await;
    smtp.wait_for(1).await;

    let (_, public) = app.api(&format!("companies/{COMPANY}/postings/dental-hygienist/questions")).await;
    assert_eq!(public["questions"][0]["text"], question);
    let (_, own) = app.asked(&token).await;
    let (_, inbox) = json(app.recruiter(Method::GET, "questions", &app.recruiter_token).send().await.unwrap()).await;
    for body in [public, own, inbox] {
        assert!(!body.to_string().contains("secret.asker"), "{body}");
    }
}

async fn an_asker_takes_their_address_back(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let question = "Can I visit the clinic before applying?";
    let (status, receipt) = app.ask("dental-hygienist", &json!({"text": question, "email": "visit@example.fi"})).await;
    assert_eq!(status, 201, "{receipt}");
    assert_eq!(receipt["question"]["address_kept"], json!(true), "{receipt}");
    let token = receipt["token"].as_str().unwrap().to_owned();

    // Without its header, or with another token, nothing is forgotten.
    let bare = app.client.delete(app.url("/api/v1/question/address")).send().await.unwrap();
    let (status, body) = json(bare).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (400, "invalid_header"), "{body}");
    let forged = format!("{}x", &token[..token.len() - 1]);
    let (status, _) = json(app.asker(Method::DELETE, "/address", &forged).send().await.unwrap()).await;
    assert_eq!(status.as_u16(), 404);
    assert_eq!(app.asked(&token).await.1["address_kept"], json!(true));

    let (status, seen) = json(app.asker(Method::DELETE, "/address", &token).send().await.unwrap()).await;
    assert_eq!((status.as_u16(), &seen["address_kept"]), (200, &json!(false)), "{seen}");
    assert_eq!(seen["text"], question, "the question itself stays");
    let (status, again) = json(app.asker(Method::DELETE, "/address", &token).send().await.unwrap()).await;
    assert_eq!((status.as_u16(), &again["address_kept"]), (200, &json!(false)), "twice is no error");

    // "Lost your link?" no longer finds it by the address, and its answer
    // is mailed to nobody; the link still opens it.
    assert_eq!(lost_link(&app, "visit@example.fi", "en").await.0, 202);
    let id = question_id(&app, question).await;
    app.acts(&format!("questions/{id}/answer"), &json!({"answer": "Yes, on Fridays."})).await;
    settle_down().await;
    assert!(
        smtp.received().is_empty(),
        "no mail: {:?}",
        smtp.received().iter().map(Received::subject).collect::<Vec<_>>()
    );
    let (status, seen) = app.asked(&token).await;
    assert_eq!((status.as_u16(), seen["state"].as_str()), (200, Some("answered")));
}

async fn an_askers_address_is_forgotten_after_the_retention_period(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_sending_to(backend, &smtp, Sending { test_clock: true, ..Sending::default() }).await;
    let question = "Is there a bike shed?";
    let (_, receipt) = app.ask("dental-hygienist", &json!({"text": question, "email": "bike@example.fi"})).await;
    let token = receipt["token"].as_str().unwrap().to_owned();
    let (_, pending) =
        app.ask("dental-hygienist", &json!({"text": "Can I bring a dog?", "email": "dog@example.fi"})).await;
    let pending = pending["token"].as_str().unwrap().to_owned();
    let id = question_id(&app, question).await;
    app.acts(&format!("questions/{id}/answer"), &json!({"answer": "Yes, behind the clinic."})).await;
    smtp.wait_for(1).await;

    // The demo company keeps data 180 days: through the last one, the
    // address stays (a lost link is still mailed to it).
    let advance = |days: i64| {
        let url = app.url(&format!("/api/test/clock?advance_days={days}"));
        let client = app.client.clone();
        async move { assert_eq!(client.post(url).send().await.unwrap().status(), 204) }
    };
    advance(180).await;
    settle_down().await;
    assert_eq!(app.asked(&token).await.1["address_kept"], json!(true));
    assert_eq!(lost_link(&app, "bike@example.fi", "en").await.0, 202);
    smtp.wait_for(2).await;

    advance(1).await;
    let mut forgotten = false;
    for _ in 0..50 {
        if app.asked(&token).await.1["address_kept"] == json!(false) {
            forgotten = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(forgotten, "forgotten the day after the period");
    assert_eq!(app.asked(&token).await.1["answer"]["answer"], "Yes, behind the clinic.", "the Q&A stays");
    assert_eq!(app.asked(&pending).await.1["address_kept"], json!(true), "a pending question still needs it");
    assert_eq!(lost_link(&app, "bike@example.fi", "en").await.0, 202);
    settle_down().await;
    assert_eq!(smtp.received().len(), 2, "no mail to a forgotten address");

    // The command line does the same, and has nothing left to do.
    let run = app.candor_admin(&["retention", "run"], "");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("Forgot 0 asker address"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
