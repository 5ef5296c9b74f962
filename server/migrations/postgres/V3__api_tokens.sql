-- Tokens for integrations and the recruiter API: a selector to find one, a
-- hash of its secret half; revoked tokens stay for the record.
CREATE TABLE api_tokens (
    id          BIGSERIAL   PRIMARY KEY,
    company_id  BIGINT      NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    role        TEXT        NOT NULL CHECK (role IN ('viewer', 'recruiter', 'admin')),
    name        TEXT        NOT NULL,
    selector    TEXT        NOT NULL UNIQUE,
    verifier    BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ
);
