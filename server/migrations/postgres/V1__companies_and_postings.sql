-- Companies, the origins allowed to embed their widget, and their postings
-- with the hiring process each one promises.

CREATE TABLE companies (
    id                 BIGSERIAL   PRIMARY KEY,
    slug               TEXT        NOT NULL UNIQUE,
    name               TEXT        NOT NULL,
    accent_color       TEXT        NOT NULL,
    font_family        TEXT,
    logo_url           TEXT,
    default_locale     TEXT        NOT NULL,
    retention_days     INTEGER     NOT NULL,
    silence_alarm_days INTEGER     NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE allowed_origins (
    company_id BIGINT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    origin     TEXT   NOT NULL,
    PRIMARY KEY (company_id, origin)
);
CREATE INDEX allowed_origins_by_origin ON allowed_origins (origin);

CREATE TABLE postings (
    id              BIGSERIAL PRIMARY KEY,
    company_id      BIGINT    NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    slug            TEXT      NOT NULL,
    status          TEXT      NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    title           TEXT      NOT NULL,
    department      TEXT      NOT NULL,
    city            TEXT      NOT NULL,
    country         TEXT      NOT NULL,
    workplace       TEXT      NOT NULL,
    employment_type TEXT      NOT NULL,
    teaser          TEXT      NOT NULL,
    salary_min      BIGINT,
    salary_max      BIGINT,
    salary_currency TEXT,
    salary_period   TEXT,
    description     TEXT      NOT NULL,
    published_on    DATE      NOT NULL,
    closes_on       DATE,
    UNIQUE (company_id, slug)
);
CREATE INDEX postings_open_by_company ON postings (company_id, status, published_on DESC, id);

CREATE TABLE posting_stages (
    posting_id    BIGINT  NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    expected_days INTEGER NOT NULL,
    description   TEXT    NOT NULL,
    PRIMARY KEY (posting_id, position)
);

-- A question's kind and its settings (options, limits) are kept as the JSON
-- of the wire type: they are read and written as a whole, never queried.
CREATE TABLE screening_questions (
    posting_id BIGINT  NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    key        TEXT    NOT NULL,
    prompt     TEXT    NOT NULL,
    required   BOOLEAN NOT NULL,
    kind       JSONB   NOT NULL,
    PRIMARY KEY (posting_id, position),
    UNIQUE (posting_id, key)
);
