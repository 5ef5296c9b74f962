//! API tests: a real server on a loopback port per test, run against SQLite
//! always and PostgreSQL when `CANDOR_TEST_POSTGRES_URL` is set.

#[path = "../support/database.rs"]
mod database;
mod helpers;
mod served;

mod administration;
mod api_document;
mod applying;
mod audit;
mod bad_input;
mod behind_nginx;
mod board;
mod candidate_actions;
mod company;
mod console;
mod crashes;
mod http_caching;
mod inbox;
mod instances;
mod isolation;
mod late_promises;
mod lost_links;
mod mail;
mod mail_stop;
mod naughty_strings;
mod operations;
mod origins;
mod outbox;
mod people_mail;
mod postings;
mod questions;
mod recruiting;
mod report_mail;
mod reports;
mod retention;
mod secrets;
mod shutdown;
mod smtp;
mod strict_input;
mod talent_pool;
mod translations;
mod wallet;
