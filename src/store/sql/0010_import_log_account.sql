-- What an import of a file decided, so that importing the same bytes again with the same
-- options can report "unchanged" without reading them: the account the rows went to and the
-- options that choose where and how they land.
ALTER TABLE import_log ADD COLUMN account_id INTEGER;
ALTER TABLE import_log ADD COLUMN options TEXT NOT NULL DEFAULT '';
