-- A question asked again (the same text and name from the same client
-- within a day) is answered with the first one's link instead of making a
-- second row: `repeat_key` is a keyed hash of who asked what (never the
-- client's address itself); questions asked before have none. Declining
-- gains the reason 'duplicate'. SQLite can't change a CHECK in place, so
-- the table is rebuilt (nothing refers to it).
CREATE TABLE questions_v11 (
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
    decline_reason  TEXT    CHECK (decline_reason IN ('spam', 'off_topic', 'duplicate')),
    decline_message TEXT    NOT NULL DEFAULT '',
    declined_at     TEXT,
    repeat_key      BLOB
) STRICT;
INSERT INTO questions_v11 (id, company_id, posting_id, token_selector, token_verifier, text, name, asked_at, state,
                           answer, answered_at, decline_reason, decline_message, declined_at)
    SELECT id, company_id, posting_id, token_selector, token_verifier, text, name, asked_at, state,
           answer, answered_at, decline_reason, decline_message, declined_at FROM questions;
DROP TABLE questions;
ALTER TABLE questions_v11 RENAME TO questions;
CREATE INDEX questions_by_posting ON questions (posting_id, state, asked_at);
CREATE INDEX questions_by_company ON questions (company_id, state, asked_at);
CREATE INDEX questions_by_repeat ON questions (posting_id, repeat_key, asked_at);
