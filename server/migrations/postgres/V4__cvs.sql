-- The candidate's optional CV, kept in the database so that instances share
-- nothing but it.
CREATE TABLE application_cvs (
    application_id BIGINT      PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
    file_name      TEXT        NOT NULL,
    content        BYTEA       NOT NULL,
    uploaded_at    TIMESTAMPTZ NOT NULL
);
