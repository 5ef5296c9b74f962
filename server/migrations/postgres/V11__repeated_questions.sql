-- A question asked again (the same text and name from the same client
-- within a day) is answered with the first one's link instead of making a
-- second row: `repeat_key` is a keyed hash of who asked what (never the
-- client's address itself); questions asked before have none. Declining
-- gains the reason 'duplicate'.
ALTER TABLE questions ADD COLUMN repeat_key BYTEA;
ALTER TABLE questions DROP CONSTRAINT questions_decline_reason_check;
ALTER TABLE questions ADD CONSTRAINT questions_decline_reason_check
    CHECK (decline_reason IN ('spam', 'off_topic', 'duplicate'));
CREATE INDEX questions_by_repeat ON questions (posting_id, repeat_key, asked_at);
