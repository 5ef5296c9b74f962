-- Public questions about postings. Published once answered; the asker
-- follows theirs with a private token (a selector and a verifier hash).
CREATE TABLE questions (
    id              INTEGER PRIMARY KEY,
    company_id      INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    posting_id      INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    token_selector  TEXT    NOT NULL UNIQUE,
    token_verifier  BLOB    NOT NULL,
    text            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    asked_at        TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'answered', 'declined')),
    answer          TEXT    NOT NULL DEFAULT '',
    answered_at     TEXT,
    decline_reason  TEXT    CHECK (decline_reason IN ('spam', 'off_topic')),
    decline_message TEXT    NOT NULL DEFAULT '',
    declined_at     TEXT
) STRICT;
CREATE INDEX questions_by_posting ON questions (posting_id, state, asked_at);
CREATE INDEX questions_by_company ON questions (company_id, state, asked_at);
