//! The pipeline board's facts, as a posting's list gives them: the day the
//! list stands as of comes from the server's clock, so days in a stage and
//! a promise's nearness follow the test clock, and the board's columns are
//! the list arranged.

use candor_api::board::{self, Column, PromiseState};
use candor_api::recruiting::ApplicationListItem;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, application, json, spawn_app_with};

crate::on_both_backends!(the_list_says_its_day_so_the_board_counts_days_in_stage_and_promises,);

const POSTING: &str = "dental-hygienist";

async fn list(app: &TestApp) -> Vec<ApplicationListItem> {
    let response =
        app.recruiter(Method::GET, &format!("postings/{POSTING}/applications"), &app.recruiter_token).send().await;
    let (status, body) = json(response.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("the list reads as the api's type")
}

async fn act(app: &TestApp, id: i64, action: &str, body: Value) {
    let request = app.recruiter(Method::POST, &format!("applications/{id}/{action}"), &app.recruiter_token);
    let response = request.json(&body).send().await.unwrap();
    assert_eq!(response.status(), 200);
}

fn in_days(app: &TestApp, n: i64) -> String {
    app.state.clock.today().add_days(n).unwrap().to_string()
}

async fn the_list_says_its_day_so_the_board_counts_days_in_stage_and_promises(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let aino = app.applied(&application("Aino Virtanen", "aino@example.fi")).await.1;
    let eero = app.applied(&application("Eero Laine", "eero@example.fi")).await.1;
    let sara = app.applied(&application("Sara Berg", "sara@example.se")).await.1;
    act(&app, aino, "stage", json!({"stage": 1, "message": "Let's talk on Tuesday.", "promised": in_days(&app, 6)}))
        .await;
    act(&app, sara, "close", json!({"outcome": "not_selected", "message": "Thank you, Sara."})).await;

    let now = list(&app).await;
    assert!(now.iter().all(|i| i.today == app.state.clock.today()), "the server's day");

    // Three days on, by the test clock: Aino's promise is three days away,
    // Eero's first (the review's usual 4 days) is due tomorrow.
    let response = app.client.post(app.url("/api/test/clock?advance_days=3")).send().await.unwrap();
    assert_eq!(response.status(), 204);
    let later = list(&app).await;
    let today = app.state.clock.today();
    let of = |id: i64| later.iter().find(|i| i.id == id).unwrap();
    assert_eq!(of(aino).today, today, "the list moved with the clock");
    assert_eq!(board::days_in_stage(&of(aino).progress, today), 3);
    assert_eq!(
        board::promise_state(&of(aino).progress, today),
        Some(PromiseState::Kept { by: today.add_days(3).unwrap(), days_left: 3 })
    );
    assert_eq!(
        board::promise_state(&of(eero).progress, today),
        Some(PromiseState::DueSoon { by: today.add_days(1).unwrap(), days_left: 1 })
    );
    assert_eq!(board::promise_state(&of(sara).progress, today), None);

    let columns: Vec<_> =
        board::arrange(&later).iter().map(|c| (c.column, c.cards.iter().map(|i| i.id).collect::<Vec<_>>())).collect();
    assert_eq!(
        columns,
        vec![
            (Column::Stage(0), vec![eero]),
            (Column::Stage(1), vec![aino]),
            (Column::Stage(2), vec![]),
            (Column::Stage(3), vec![]),
            (Column::Stage(4), vec![]),
            (Column::Ended, vec![sara]),
        ]
    );

    // A day past Eero's date: overdue, as the candidate sees it.
    let response = app.client.post(app.url("/api/test/clock?advance_days=2")).send().await.unwrap();
    assert_eq!(response.status(), 204);
    let today = app.state.clock.today();
    let eero_now = list(&app).await.into_iter().find(|i| i.id == eero).unwrap();
    assert_eq!(
        board::promise_state(&eero_now.progress, today),
        Some(PromiseState::Overdue { by: today.add_days(-1).unwrap(), days_late: 1 })
    );
    assert_eq!(board::days_in_stage(&eero_now.progress, today), 5);
}
