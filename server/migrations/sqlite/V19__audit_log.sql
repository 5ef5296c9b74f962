-- The audit log (issue 15): who viewed, exported, erased, changed a role,
-- or made a token or a link. Names are kept as they were, so an entry
-- still says who when the person or token is gone; the ids are not
-- foreign keys for that reason. Labels are a posting's title or a
-- person's, token's or reader's name: never a candidate's address, a
-- message or a secret.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    company_id    INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    at            TEXT    NOT NULL,
    actor_kind    TEXT    NOT NULL CHECK (actor_kind IN ('person', 'api_token', 'candidate', 'system')),
    actor_id      INTEGER,
    actor_name    TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    subject_kind  TEXT    NOT NULL,
    subject_id    INTEGER NOT NULL,
    subject_label TEXT    NOT NULL
) STRICT;
CREATE INDEX audit_log_by_company ON audit_log (company_id, id);
