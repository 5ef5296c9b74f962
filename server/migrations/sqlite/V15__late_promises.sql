-- A candidate whose promised date passed without a word gets an honest
-- mail saying so; a company may turn that off (it is on by default).
ALTER TABLE companies ADD COLUMN late_promise_mail INTEGER NOT NULL DEFAULT 1;

-- The late-promise sweep looks for promises whose date passed in the last
-- few days: this keeps it from reading every event ever written.
CREATE INDEX application_events_by_promise ON application_events (promised) WHERE promised IS NOT NULL;
