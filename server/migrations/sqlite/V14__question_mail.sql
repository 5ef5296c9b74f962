-- Issue 12: an asker may leave an address to hear by mail when their
-- question is answered or declined, and "Lost your link?" finds a company's
-- applications and questions by address. `email` is lowercased (NULL: no
-- mail wanted, and every question asked before); `locale` is the language
-- the question was asked in, which its mail is written in (NULL before).
ALTER TABLE questions ADD COLUMN email TEXT;
ALTER TABLE questions ADD COLUMN locale TEXT;
CREATE INDEX questions_by_email ON questions (company_id, email) WHERE email IS NOT NULL;
CREATE INDEX applications_by_email ON applications (company_id, email) WHERE email IS NOT NULL;
