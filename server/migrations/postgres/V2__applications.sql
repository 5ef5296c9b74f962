-- Applications and their append-only history, the idempotency of their
-- submission, and the server's own secrets.

CREATE TABLE server_secrets (
    name  TEXT  PRIMARY KEY,
    value BYTEA NOT NULL
);

CREATE TABLE applications (
    id                BIGSERIAL   PRIMARY KEY,
    company_id        BIGINT      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    posting_id        BIGINT      NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    -- The status token: a selector to find the row, a hash of the verifier.
    token_selector    TEXT        NOT NULL UNIQUE,
    token_verifier    BYTEA       NOT NULL,
    idempotency_key   TEXT        NOT NULL,
    request_digest    BYTEA       NOT NULL,
    -- Personal data; NULL once the candidate erased it.
    email             TEXT,
    profile           JSONB,
    answers           JSONB,
    talent_pool       BOOLEAN     NOT NULL,
    locale            TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    erased_at         TIMESTAMPTZ,
    UNIQUE (posting_id, idempotency_key)
);
-- One application per person and posting; erased ones no longer count.
CREATE UNIQUE INDEX applications_one_per_email ON applications (posting_id, email) WHERE email IS NOT NULL;
CREATE INDEX applications_by_posting ON applications (posting_id, id);

CREATE TABLE application_events (
    application_id BIGINT  NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    seq            BIGINT  NOT NULL,
    at             TIMESTAMPTZ NOT NULL,
    on_day         DATE    NOT NULL,
    kind           JSONB   NOT NULL,
    message        TEXT    NOT NULL,
    promised       DATE,
    PRIMARY KEY (application_id, seq)
);
