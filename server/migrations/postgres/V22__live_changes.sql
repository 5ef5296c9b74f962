-- What changed, for the other instances on this database (issue 17): an
-- application's timeline, a question's answer, a company's settings or
-- postings. Ids only. Each row is also sent by NOTIFY on the channel
-- `candor_changes`; the table is there for a listener that lost its
-- connection, which reads what it missed from the last id it saw.
-- `instance` names the writer, whose own changes it already applied.
-- Kept for the newest 100,000 changes (`store/changes.rs`).
CREATE TABLE live_changes (
    id       BIGSERIAL PRIMARY KEY,
    instance BIGINT NOT NULL,
    kind     TEXT   NOT NULL,
    ref_id   BIGINT NOT NULL
);
