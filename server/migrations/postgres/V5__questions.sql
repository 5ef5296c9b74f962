-- Public questions about postings. Published once answered; the asker
-- follows theirs with a private token (a selector and a verifier hash).
CREATE TABLE questions (
    id              BIGSERIAL   PRIMARY KEY,
    company_id      BIGINT      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    posting_id      BIGINT      NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    token_selector  TEXT        NOT NULL UNIQUE,
    token_verifier  BYTEA       NOT NULL,
    text            TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    asked_at        TIMESTAMPTZ NOT NULL,
    state           TEXT        NOT NULL CHECK (state IN ('pending', 'answered', 'declined')),
    answer          TEXT        NOT NULL DEFAULT '',
    answered_at     TIMESTAMPTZ,
    decline_reason  TEXT        CHECK (decline_reason IN ('spam', 'off_topic')),
    decline_message TEXT        NOT NULL DEFAULT '',
    declined_at     TIMESTAMPTZ
);
CREATE INDEX questions_by_posting ON questions (posting_id, state, asked_at);
CREATE INDEX questions_by_company ON questions (company_id, state, asked_at);
