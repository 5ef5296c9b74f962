-- A console address is unique within its company, not across companies
-- (issue 15): an agency's recruiter may have an account with each client,
-- and one company can't learn, or take first, an address another uses.
-- Signing in looks the address up across companies, hence its own index.
-- SQLite can't drop a column's UNIQUE in place, so the table is rebuilt
-- with its ids; sessions, set-password links, the outbox and API tokens
-- refer to it by id and keep pointing at the same rows (the migration runs
-- with foreign keys off, so the DROP cascades into none of them; see
-- `store::sqlite::migrate`).
CREATE TABLE users_v18 (
    id            INTEGER PRIMARY KEY,
    company_id    INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email         TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('viewer', 'recruiter', 'admin')),
    password_hash TEXT,
    created_at    TEXT    NOT NULL,
    locale        TEXT    CHECK (locale IN ('en', 'fi', 'sv', 'pl', 'nl')),
    notify        TEXT    NOT NULL DEFAULT 'each' CHECK (notify IN ('each', 'digest', 'none')),
    UNIQUE (company_id, email)
) STRICT;
INSERT INTO users_v18 (id, company_id, email, name, role, password_hash, created_at, locale, notify)
    SELECT id, company_id, email, name, role, password_hash, created_at, locale, notify FROM users;
DROP TABLE users;
ALTER TABLE users_v18 RENAME TO users;
CREATE INDEX users_by_email ON users (email);
