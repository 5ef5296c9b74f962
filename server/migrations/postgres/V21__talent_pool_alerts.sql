-- A talent-pool member may ask for a mail when a posting opens in the
-- departments and places they chose (issue 15): the choice as JSON
-- (`candor_api::privacy::PoolAlerts`), NULL for none, and the day it was
-- made, since only postings published from then on are told. Each
-- member hears of a posting once: its mail's `once_key` names both.
ALTER TABLE applications ADD COLUMN pool_alerts JSONB;
ALTER TABLE applications ADD COLUMN pool_alerts_on DATE;
