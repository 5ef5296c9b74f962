-- The console's people and their sessions. Passwords only as argon2id
-- hashes; sessions by a selector and a hash of their secret part.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    company_id    INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('viewer', 'recruiter', 'admin')),
    password_hash TEXT,
    created_at    TEXT    NOT NULL
) STRICT;

CREATE TABLE sessions (
    selector   TEXT    PRIMARY KEY,
    verifier   BLOB    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
) STRICT;
