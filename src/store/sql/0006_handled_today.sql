-- smmdeck schema v6: the items handled since a moment (Today's "handled today" line) by a
-- short range of this index, with or without the account filter, instead of a walk over every
-- inbox item.
CREATE INDEX inbox_handled ON inbox_items (handled_at, account_id) WHERE handled_at IS NOT NULL;
