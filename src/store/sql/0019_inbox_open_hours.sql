-- smmdeck schema v19: the open queue's items kept per hour of arrival, for the inbox header's
-- overdue count. That count took the items still within their response target (the newest
-- day of the queue at most, some 6,000 at the large demo) from the kept total by walking
-- them in the queue index: 0.2 ms after every triage key, the largest read of one. Here each
-- (priority, hour, account) of the open queue (as in inbox_open_counts of schema 13) has its
-- row count, kept by triggers on every insert, delete and change of the columns that decide
-- it; the items within target are then the full hours after the cutoff's hour, summed, and
-- the few of the cutoff's own hour, walked.
CREATE TABLE inbox_open_hours (
    priority   INTEGER NOT NULL,
    hour       INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (priority, hour, account_id)
) WITHOUT ROWID;

INSERT INTO inbox_open_hours (priority, hour, account_id, n)
SELECT priority, received_at / 3600, account_id, COUNT(*) FROM inbox_items
 WHERE status IN ('new', 'escalated') AND from_self = 0
 GROUP BY priority, received_at / 3600, account_id;

CREATE TRIGGER inbox_open_hour_insert AFTER INSERT ON inbox_items
WHEN new.status IN ('new', 'escalated') AND new.from_self = 0 BEGIN
    INSERT INTO inbox_open_hours (priority, hour, account_id, n)
    VALUES (new.priority, new.received_at / 3600, new.account_id, 1)
    ON CONFLICT (priority, hour, account_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER inbox_open_hour_delete AFTER DELETE ON inbox_items
WHEN old.status IN ('new', 'escalated') AND old.from_self = 0 BEGIN
    UPDATE inbox_open_hours SET n = n - 1
     WHERE priority = old.priority AND hour = old.received_at / 3600
       AND account_id = old.account_id;
END;

CREATE TRIGGER inbox_open_hour_update
AFTER UPDATE OF status, priority, from_self, account_id, received_at ON inbox_items
WHEN (old.status IN ('new', 'escalated') AND old.from_self = 0)
  OR (new.status IN ('new', 'escalated') AND new.from_self = 0) BEGIN
    UPDATE inbox_open_hours SET n = n - 1
     WHERE old.status IN ('new', 'escalated') AND old.from_self = 0
       AND priority = old.priority AND hour = old.received_at / 3600
       AND account_id = old.account_id;
    INSERT INTO inbox_open_hours (priority, hour, account_id, n)
    SELECT new.priority, new.received_at / 3600, new.account_id, 1
     WHERE new.status IN ('new', 'escalated') AND new.from_self = 0
    ON CONFLICT (priority, hour, account_id) DO UPDATE SET n = n + 1;
END;
