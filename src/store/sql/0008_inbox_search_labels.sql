-- smmdeck schema v8: the inbox search finds labels and author handles.
--
-- `/#billing` must find the item labelled a moment ago, and `/@anna` its author: the search
-- index gains the two columns, and an edit of either re-indexes the row at once (the update
-- trigger watches them). Rebuilt from the items in one pass.
DROP TRIGGER inbox_fts_update;
DROP TRIGGER inbox_fts_delete;
DROP TABLE inbox_fts;
CREATE VIRTUAL TABLE inbox_fts USING fts5 (
    author_name, author_handle, body, labels,
    content = 'inbox_items', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO inbox_fts (inbox_fts) VALUES ('rebuild');
CREATE TRIGGER inbox_fts_update
AFTER UPDATE OF author_name, author_handle, body, labels ON inbox_items BEGIN
    INSERT INTO inbox_fts (inbox_fts, rowid, author_name, author_handle, body, labels)
        VALUES ('delete', old.id, old.author_name, old.author_handle, old.body, old.labels);
    INSERT INTO inbox_fts (rowid, author_name, author_handle, body, labels)
        VALUES (new.id, new.author_name, new.author_handle, new.body, new.labels);
END;
CREATE TRIGGER inbox_fts_delete AFTER DELETE ON inbox_items BEGIN
    INSERT INTO inbox_fts (inbox_fts, rowid, author_name, author_handle, body, labels)
        VALUES ('delete', old.id, old.author_name, old.author_handle, old.body, old.labels);
END;
