-- smmdeck schema v12: a client report's inbox figures over a year read from indexes alone.
--
-- The report counts a period's items by account, kind, status, priority and labels, and the
-- first-response times of those answered. Through `inbox_time` every item costs a lookup of
-- its row (a year of the large demo: 30 s from a cold cache); these two cover the queries.
CREATE INDEX inbox_period ON inbox_items
    (received_at, account_id, kind, status, priority, replied_at, labels) WHERE from_self = 0;
CREATE INDEX inbox_replied ON inbox_items (received_at, account_id, priority, replied_at)
    WHERE from_self = 0 AND replied_at IS NOT NULL;
