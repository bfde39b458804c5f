-- smmdeck schema v7: an inbox item's history names the rule that changed it.
--
-- Rules from config.toml label, reprioritise, hide or sink items at import and through
-- `smmdeck inbox apply-rules`; the user must be able to see which rule did what to an item.
-- NULL for changes a person made.
ALTER TABLE inbox_events ADD COLUMN rule TEXT;
