-- The outbox: every mail Candor sends, written in the same transaction as
-- the event it tells of, so that a crash between the two loses neither. A
-- sender delivers it later and records the server's answer. The message is
-- kept whole (`raw`, with its own Message-ID and Date), so that a retry, a
-- restart or a resend sends the very same message again, never a second
-- different one. `once_key` names a mail that may exist at most once (a
-- late promise's apology for one promised day).
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    company_id      INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    application_id  INTEGER REFERENCES applications (id) ON DELETE CASCADE,
    question_id     INTEGER REFERENCES questions (id) ON DELETE CASCADE,
    user_id         INTEGER REFERENCES users (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,
    essential       INTEGER NOT NULL,
    recipient       TEXT    NOT NULL,
    locale          TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    text_body       TEXT    NOT NULL,
    html_body       TEXT    NOT NULL,
    message_id      TEXT    NOT NULL UNIQUE,
    raw             BLOB    NOT NULL,
    once_key        TEXT    UNIQUE,
    created_at      TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    lease_until     TEXT,
    last_attempt_at TEXT,
    last_answer     TEXT    NOT NULL DEFAULT '',
    sent_at         TEXT
) STRICT;
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_by_company ON outbox (company_id, id);
CREATE INDEX outbox_by_application ON outbox (application_id);

-- A candidate can stop the mails that are not essential (every step but
-- the acknowledgement and the outcome) from their status page or with one
-- click in any such mail.
ALTER TABLE applications ADD COLUMN mail_updates INTEGER NOT NULL DEFAULT 1;
