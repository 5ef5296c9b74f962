-- The table PostgreSQL's instances share their changes through (see the
-- PostgreSQL migration of the same number). SQLite is one instance: it
-- stays empty, and is here so that both schemas have the same tables.
CREATE TABLE live_changes (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    instance INTEGER NOT NULL,
    kind     TEXT    NOT NULL,
    ref_id   INTEGER NOT NULL
);
