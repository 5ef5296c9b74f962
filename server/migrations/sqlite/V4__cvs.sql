-- The candidate's optional CV, kept in the database so that instances share
-- nothing but it.
CREATE TABLE application_cvs (
    application_id INTEGER PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
    file_name      TEXT    NOT NULL,
    content        BLOB    NOT NULL,
    uploaded_at    TEXT    NOT NULL
) STRICT;
