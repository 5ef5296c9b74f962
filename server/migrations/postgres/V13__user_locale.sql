-- Each person's own console language; NULL follows the company's default
-- language (and a change of it). Named V13: V12 is the mail outbox's.
ALTER TABLE users ADD COLUMN locale TEXT CHECK (locale IN ('en', 'fi', 'sv', 'pl', 'nl'));
