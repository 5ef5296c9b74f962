-- Progress reports (issue 13): a posting's report shared with a named
-- reader by a link, the recruiter's notes on it, and the readers' replies.

-- The schedule as planned when the search opened, kept as the JSON of the
-- wire type `Plan` from the posting's first publication on: a stage retimed
-- later doesn't rewrite what the client agreed to. Null for postings
-- published before it was kept (the report falls back to their stages now).
ALTER TABLE postings ADD COLUMN plan JSONB;

-- What a new link shows unless its maker says otherwise, and the ISO
-- weekday (1 = Monday) the weekly summary goes out on.
ALTER TABLE companies ADD COLUMN report_default_shows TEXT NOT NULL DEFAULT 'counts'
    CHECK (report_default_shows IN ('counts', 'names'));
ALTER TABLE companies ADD COLUMN report_digest_weekday INTEGER NOT NULL DEFAULT 1
    CHECK (report_digest_weekday BETWEEN 1 AND 7);

-- A link for one named reader. Its secret is derived from `seed` under the
-- server's key, so a weekly mail can carry it again without it being
-- stored; found by its selector, checked against the verifier's hash.
-- `created_by` is the name of who made it (a person or an API token) then.
CREATE TABLE report_links (
    id             BIGSERIAL PRIMARY KEY,
    company_id     BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    posting_id     BIGINT  NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    email          TEXT    NOT NULL,
    shows          TEXT    NOT NULL CHECK (shows IN ('counts', 'names')),
    locale         TEXT    NOT NULL CHECK (locale IN ('en', 'fi', 'sv', 'pl', 'nl')),
    seed           BYTEA   NOT NULL,
    selector       TEXT    NOT NULL UNIQUE,
    verifier_hash  BYTEA   NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    created_by     TEXT    NOT NULL,
    expires_on     DATE    NOT NULL,
    last_opened_at TIMESTAMPTZ,
    revoked_at     TIMESTAMPTZ
);
CREATE INDEX report_links_by_posting ON report_links (company_id, posting_id, id);

CREATE TABLE report_notes (
    id         BIGSERIAL PRIMARY KEY,
    company_id BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    posting_id BIGINT  NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('update', 'warning')),
    body       TEXT    NOT NULL,
    author     TEXT    NOT NULL,
    written_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX report_notes_by_posting ON report_notes (company_id, posting_id, written_at);

-- A reader's answer to a note, waiting in the console's inbox until a
-- recruiter marks it seen.
CREATE TABLE report_replies (
    id         BIGSERIAL PRIMARY KEY,
    company_id BIGINT  NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    note_id    BIGINT  NOT NULL REFERENCES report_notes (id) ON DELETE CASCADE,
    link_id    BIGINT  NOT NULL REFERENCES report_links (id) ON DELETE CASCADE,
    body       TEXT    NOT NULL,
    written_at TIMESTAMPTZ NOT NULL,
    seen_at    TIMESTAMPTZ
);
CREATE INDEX report_replies_by_note ON report_replies (note_id, written_at);
CREATE INDEX report_replies_unseen ON report_replies (company_id, written_at) WHERE seen_at IS NULL;
