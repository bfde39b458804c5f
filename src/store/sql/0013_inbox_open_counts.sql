-- smmdeck schema v13: the open queue's sizes kept as they change. The tab bar, Today and the
-- inbox header ask "how many open, how many negative, how many escalated" after every key that
-- writes; counting the open queue's index for that cost 2–3 ms each at a million items (49,000
-- open), several times per frame. Here each (account, status, priority) of the open queue
-- (new or escalated, not the account's own messages) has its row count, kept by triggers on
-- every insert, delete and change of the columns that decide it, including the rows an
-- account's deletion cascades to. A count is then a sum over a few dozen rows.
CREATE TABLE inbox_open_counts (
    account_id INTEGER NOT NULL,
    status     TEXT    NOT NULL,
    priority   INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (account_id, status, priority)
) WITHOUT ROWID;

INSERT INTO inbox_open_counts (account_id, status, priority, n)
SELECT account_id, status, priority, COUNT(*) FROM inbox_items
 WHERE status IN ('new', 'escalated') AND from_self = 0
 GROUP BY account_id, status, priority;

CREATE TRIGGER inbox_open_count_insert AFTER INSERT ON inbox_items
WHEN new.status IN ('new', 'escalated') AND new.from_self = 0 BEGIN
    INSERT INTO inbox_open_counts (account_id, status, priority, n)
    VALUES (new.account_id, new.status, new.priority, 1)
    ON CONFLICT (account_id, status, priority) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER inbox_open_count_delete AFTER DELETE ON inbox_items
WHEN old.status IN ('new', 'escalated') AND old.from_self = 0 BEGIN
    UPDATE inbox_open_counts SET n = n - 1
     WHERE account_id = old.account_id AND status = old.status AND priority = old.priority;
END;

CREATE TRIGGER inbox_open_count_update
AFTER UPDATE OF status, priority, from_self, account_id ON inbox_items
WHEN (old.status IN ('new', 'escalated') AND old.from_self = 0)
  OR (new.status IN ('new', 'escalated') AND new.from_self = 0) BEGIN
    UPDATE inbox_open_counts SET n = n - 1
     WHERE old.status IN ('new', 'escalated') AND old.from_self = 0
       AND account_id = old.account_id AND status = old.status AND priority = old.priority;
    INSERT INTO inbox_open_counts (account_id, status, priority, n)
    SELECT new.account_id, new.status, new.priority, 1
     WHERE new.status IN ('new', 'escalated') AND new.from_self = 0
    ON CONFLICT (account_id, status, priority) DO UPDATE SET n = n + 1;
END;
