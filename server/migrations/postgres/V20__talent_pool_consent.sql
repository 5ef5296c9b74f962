-- The talent pool's consent as its own day (issue 15): a candidate renews
-- it from their status page, so it is no longer always the day they
-- applied. Set while they are in the pool (`talent_pool`), also once the
-- consent lapsed unrenewed: out of the pool by the rule, but renewable
-- from the status page while the application's data is kept.
ALTER TABLE applications ADD COLUMN pool_consent_on DATE;
-- When the mail asking to renew this consent was written: once per
-- consent; renewing clears it, so the next year's is asked again.
ALTER TABLE applications ADD COLUMN pool_renewal_asked_at TIMESTAMPTZ;
UPDATE applications SET pool_consent_on =
    (SELECT e.on_day FROM application_events e WHERE e.application_id = applications.id AND e.seq = 1)
    WHERE talent_pool;
-- The renewal sweep reads the pool's members by their consent's day.
CREATE INDEX applications_by_pool_consent ON applications (pool_consent_on) WHERE talent_pool;
