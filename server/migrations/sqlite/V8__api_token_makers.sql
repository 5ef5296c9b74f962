-- Who made each API token, so that a person's tokens end with their access:
-- revoked when they are removed, or made to exceed their new role.
-- Tokens made on the command line or by the demo have no maker.
ALTER TABLE api_tokens ADD COLUMN created_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX api_tokens_by_maker ON api_tokens (created_by) WHERE created_by IS NOT NULL;
