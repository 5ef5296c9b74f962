//! What the mail does, counted for `/metrics` (Prometheus): each mail
//! kept in the outbox, sent, given up on or tried again, and the
//! apologies for missed promises. A counter is moved where the thing
//! happens: where a mail is kept, and in `sender.rs`.

use candor_api::mail::MailKind;

pub const WRITTEN: &str = "candor_mails_written_total";
pub const SENT: &str = "candor_mails_sent_total";
pub const FAILED: &str = "candor_mails_failed_total";
pub const RETRIES: &str = "candor_mail_retries_total";
pub const LATE_PROMISES: &str = "candor_late_promise_mails_total";

/// Says what each counter counts, once, when the recorder is set up.
pub fn describe() {
    metrics::describe_counter!(WRITTEN, "Mails kept in the outbox, by kind");
    metrics::describe_counter!(SENT, "Mails the mail server accepted, by kind");
    metrics::describe_counter!(FAILED, "Mails given up on (refused for good, or every retry failed), by kind");
    metrics::describe_counter!(RETRIES, "Deliveries that failed for now and will be tried again");
    metrics::describe_counter!(LATE_PROMISES, "Apologies written to candidates whose promised date passed silently");
}

/// A mail of `kind` was kept in the outbox.
pub fn written(kind: MailKind) {
    metrics::counter!(WRITTEN, "kind" => kind.as_str()).increment(1);
}

pub fn sent(kind: MailKind) {
    metrics::counter!(SENT, "kind" => kind.as_str()).increment(1);
}

pub fn failed(kind: MailKind) {
    metrics::counter!(FAILED, "kind" => kind.as_str()).increment(1);
}

pub fn retried() {
    metrics::counter!(RETRIES).increment(1);
}

/// A missed promise's apology was kept (it counts as written too).
pub fn late_promise() {
    written(MailKind::PromiseLate);
    metrics::counter!(LATE_PROMISES).increment(1);
}
