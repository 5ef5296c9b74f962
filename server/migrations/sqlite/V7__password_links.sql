-- One-time links with which a person invited to the console sets their own
-- password: a selector and a hash of the secret part, one live link per person.
CREATE TABLE password_links (
    selector   TEXT    PRIMARY KEY,
    verifier   BLOB    NOT NULL,
    user_id    INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    expires_at TEXT    NOT NULL
) STRICT;
