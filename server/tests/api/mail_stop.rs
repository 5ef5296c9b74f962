//! Stopping the update mails (issue 12, item 2): the stop link of every
//! update opens a page and changes nothing until its button (or a mail
//! client's RFC 8058 one-click POST) is used; a wrong code is a bare 404;
//! afterwards a stage change sends no mail but the outcome still does.
//! The status page's choice does the same, both ways.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, application, error_of, json};
use crate::smtp::{Sending, SmtpServer, app_sending_to};

crate::on_both_backends!(
    the_stop_link_stops_updates_with_one_click_and_never_with_a_look,
    the_status_page_chooses_the_mail_both_ways,
);

async fn app_mailing_to(backend: Backend, smtp: &SmtpServer) -> TestApp {
    app_sending_to(backend, smtp, Sending::default()).await
}

async fn updates_wanted(app: &TestApp, token: &str) -> Value {
    app.status(token).await.1["mail_updates"].clone()
}

async fn the_stop_link_stops_updates_with_one_click_and_never_with_a_look(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let mut body = application("Mikael Berg", "mikael@example.se");
    body["locale"] = json!("sv");
    let (token, id) = app.applied(&body).await;
    app.acts(
        &format!("applications/{id}/stage"),
        &json!({"stage": 1, "message": "Vi ses på måndag.", "promised": app.in_days(5)}),
    )
    .await;
    let moved = smtp.wait_for(2).await[1].clone();
    let header = moved.header("List-Unsubscribe").expect("an update can be stopped");
    let link = header.trim().trim_start_matches('<').trim_end_matches('>').to_owned();
    assert!(link.starts_with(&app.url("/mail/stop?a=")), "{link}");
    assert_eq!(moved.header("List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
    assert!(moved.text().contains(&link), "the mail's own stop link is the header's");

    // A look (a person, or a mail scanner following every link) stops nothing.
    let page = app.client.get(&link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"<html lang="sv">"#), "in the application's language");
    assert!(html.contains("<button type=\"submit\">Stoppa uppdateringarna</button>"), "{html}");
    assert!(html.contains("Du får fortfarande mejlen om själva ansökan"), "what still comes");
    assert!(html.contains(r#"<form method="post" action="/mail/stop?a="#), "{html}");
    assert_eq!(updates_wanted(&app, &token).await, json!(true), "a GET never unsubscribes");

    // A wrong, missing or borrowed code is a 404 that says nothing more.
    let wrong = link.replace("&t=", "&t=x");
    let other =
        format!("{}&t=", link.split("&t=").next().unwrap().replace(&format!("a={id}"), &format!("a={}", id + 1)))
            + link.split("&t=").nth(1).unwrap();
    for bad in [wrong.clone(), app.url("/mail/stop"), app.url(&format!("/mail/stop?a={id}")), other] {
        let (status, body) = json(app.client.get(&bad).send().await.unwrap()).await;
        assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (404, "application_not_found"), "{bad}");
    }
    let refused = app.client.post(&wrong).form(&[("List-Unsubscribe", "One-Click")]).send().await.unwrap();
    assert_eq!(refused.status(), 404);
    assert_eq!(updates_wanted(&app, &token).await, json!(true));

    // One click, as a mail client sends it (RFC 8058).
    let clicked = app.client.post(&link).form(&[("List-Unsubscribe", "One-Click")]).send().await.unwrap();
    assert_eq!(clicked.status(), 200);
    let html = clicked.text().await.unwrap();
    assert!(html.contains("Uppdateringarna är stoppade"), "{html}");
    assert_eq!(updates_wanted(&app, &token).await, json!(false));
    // The page says so on a second look, and stopping twice is harmless.
    assert!(app.client.get(&link).send().await.unwrap().text().await.unwrap().contains("Uppdateringarna är stoppade"));
    assert_eq!(app.client.post(&link).send().await.unwrap().status(), 200);

    // A step is no longer mailed; the outcome still is.
    app.acts(
        &format!("applications/{id}/stage"),
        &json!({"stage": 2, "message": "Nästa steg.", "promised": app.in_days(5)}),
    )
    .await;
    app.acts(&format!("applications/{id}/close"), &json!({"outcome": "hired", "message": "Välkommen, Mikael!"})).await;
    let received = smtp.wait_for(3).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(smtp.received().len(), 3, "{:?}", smtp.received().iter().map(|m| m.subject()).collect::<Vec<_>>());
    assert!(received[2].text().contains("Välkommen, Mikael!"), "the outcome");
}

async fn the_status_page_chooses_the_mail_both_ways(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let (token, id) = app.applied(&application("Eva de Vries", "eva@example.nl")).await;
    smtp.wait_for(1).await;
    assert_eq!(updates_wanted(&app, &token).await, json!(true), "on by default");
    let choose = |updates: Value| {
        let request = app.candidate(Method::PUT, "/mail", &token).json(&json!({"updates": updates}));
        async move { json(request.send().await.unwrap()).await }
    };
    let (status, body) = choose(json!(false)).await;
    assert_eq!((status.as_u16(), &body["mail_updates"]), (200, &json!(false)), "{body}");
    app.acts(&format!("applications/{id}/messages"), &json!({"message": "A quiet note."})).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(smtp.received().len(), 1, "no mail for the message");

    let (status, body) = choose(json!(true)).await;
    assert_eq!((status.as_u16(), &body["mail_updates"]), (200, &json!(true)));
    app.acts(&format!("applications/{id}/messages"), &json!({"message": "A mailed note."})).await;
    assert!(smtp.wait_for(2).await[1].text().contains("A mailed note."));

    // A wrong body or token is refused, plainly.
    let (status, body) = choose(json!("yes")).await;
    assert_eq!(status.as_u16(), 400, "{body}");
    let (status, _) =
        json(app.candidate(Method::PUT, "/mail", "nope").json(&json!({"updates": false})).send().await.unwrap()).await;
    assert_eq!(status.as_u16(), 404);
}
