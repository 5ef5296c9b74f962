-- Applications and their append-only history, the idempotency of their
-- submission, and the server's own secrets.

CREATE TABLE server_secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;

CREATE TABLE applications (
    id                INTEGER PRIMARY KEY,
    company_id        INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    posting_id        INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    -- The status token: a selector to find the row, a hash of the verifier.
    token_selector    TEXT    NOT NULL UNIQUE,
    token_verifier    BLOB    NOT NULL,
    idempotency_key   TEXT    NOT NULL,
    request_digest    BLOB    NOT NULL,
    -- Personal data; NULL once the candidate erased it.
    email             TEXT,
    profile           TEXT,
    answers           TEXT,
    talent_pool       INTEGER NOT NULL,
    locale            TEXT    NOT NULL,
    created_at        TEXT    NOT NULL,
    erased_at         TEXT,
    UNIQUE (posting_id, idempotency_key)
) STRICT;
-- One application per person and posting; erased ones no longer count.
CREATE UNIQUE INDEX applications_one_per_email ON applications (posting_id, email) WHERE email IS NOT NULL;
CREATE INDEX applications_by_posting ON applications (posting_id, id);

CREATE TABLE application_events (
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    at             TEXT    NOT NULL,
    on_day         TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    message        TEXT    NOT NULL,
    promised       TEXT,
    PRIMARY KEY (application_id, seq)
) STRICT;
