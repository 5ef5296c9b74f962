-- What mail each of the company's people gets of the work that waits:
-- 'each' (a mail per new application and question), 'digest' (one in the
-- morning) or 'none'. 'each' by default, for every role: the product is
-- about nobody waiting unseen, and a person who finds it too much chooses
-- otherwise in the console. Named V16: V13 to V15 are other features'.
ALTER TABLE users ADD COLUMN notify TEXT NOT NULL DEFAULT 'each' CHECK (notify IN ('each', 'digest', 'none'));
