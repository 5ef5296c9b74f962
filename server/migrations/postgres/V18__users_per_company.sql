-- A console address is unique within its company, not across companies
-- (issue 15): an agency's recruiter may have an account with each client,
-- and one company can't learn, or take first, an address another uses.
-- Signing in looks the address up across companies, hence its own index.
ALTER TABLE users DROP CONSTRAINT users_email_key;
ALTER TABLE users ADD CONSTRAINT users_company_email_key UNIQUE (company_id, email);
CREATE INDEX users_by_email ON users (email);
