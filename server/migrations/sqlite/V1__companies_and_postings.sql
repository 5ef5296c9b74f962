-- Companies, the origins allowed to embed their widget, and their postings
-- with the hiring process each one promises.

CREATE TABLE companies (
    id                 INTEGER PRIMARY KEY,
    slug               TEXT    NOT NULL UNIQUE,
    name               TEXT    NOT NULL,
    accent_color       TEXT    NOT NULL,
    font_family        TEXT,
    logo_url           TEXT,
    default_locale     TEXT    NOT NULL,
    retention_days     INTEGER NOT NULL,
    silence_alarm_days INTEGER NOT NULL,
    created_at         TEXT    NOT NULL
) STRICT;

CREATE TABLE allowed_origins (
    company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    origin     TEXT    NOT NULL,
    PRIMARY KEY (company_id, origin)
) STRICT;
CREATE INDEX allowed_origins_by_origin ON allowed_origins (origin);

CREATE TABLE postings (
    id              INTEGER PRIMARY KEY,
    company_id      INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    slug            TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    title           TEXT    NOT NULL,
    department      TEXT    NOT NULL,
    city            TEXT    NOT NULL,
    country         TEXT    NOT NULL,
    workplace       TEXT    NOT NULL,
    employment_type TEXT    NOT NULL,
    teaser          TEXT    NOT NULL,
    salary_min      INTEGER,
    salary_max      INTEGER,
    salary_currency TEXT,
    salary_period   TEXT,
    description     TEXT    NOT NULL,
    published_on    TEXT    NOT NULL,
    closes_on       TEXT,
    UNIQUE (company_id, slug)
) STRICT;
CREATE INDEX postings_open_by_company ON postings (company_id, status, published_on DESC, id);

CREATE TABLE posting_stages (
    posting_id    INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    expected_days INTEGER NOT NULL,
    description   TEXT    NOT NULL,
    PRIMARY KEY (posting_id, position)
) STRICT;

-- A question's kind and its settings (options, limits) are kept as the JSON
-- of the wire type: they are read and written as a whole, never queried.
CREATE TABLE screening_questions (
    posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    key        TEXT    NOT NULL,
    prompt     TEXT    NOT NULL,
    required   INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    PRIMARY KEY (posting_id, position),
    UNIQUE (posting_id, key)
) STRICT;
