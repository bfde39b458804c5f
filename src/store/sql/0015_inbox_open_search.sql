-- smmdeck schema v15: a search index of the open queue alone, in the queue's order.
--
-- A search in the open queue keeps the queue's urgency order (issue 11). With one index over
-- every item, a page had to read the whole match set (26,201 ids for "experience" at a million
-- items, of which ~3,000 open), look each up and sort, or walk the queue checking each row
-- against it: 4–66 ms. This second index holds only open items (new or escalated, not the
-- account's own messages), and its rowid is the queue's order itself: queue_key * 2^26 + id.
-- FTS5 yields matches in rowid order, so a page of an open search is the first rows of the
-- index's own answer, a keyset page is a rowid range, and the item is `rowid & (2^26 - 1)`.
-- Ids from 2^26 up cannot be keyed so: they are left out, and the search falls back to the
-- old plan while any exist (inbox_query.rs).
--
-- The content is a view of the open items under that key, so FTS5's integrity check
-- (`smmdeck check`) compares the index with exactly the rows it should hold.
CREATE VIEW inbox_open_text AS
SELECT queue_key * 67108864 + id AS open_key, author_name, author_handle, body, labels
  FROM inbox_items
 WHERE status IN ('new', 'escalated') AND from_self = 0 AND id < 67108864;

CREATE VIRTUAL TABLE inbox_open_fts USING fts5 (
    author_name, author_handle, body, labels,
    content = 'inbox_open_text', content_rowid = 'open_key',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO inbox_open_fts (inbox_open_fts) VALUES ('rebuild');

-- New rows are indexed by the store with the main index (inbox.rs `index_item`,
-- `index_items_after`), as bulk writes do. Changes and deletes are kept here. A row written by
-- a bulk batch may change before the batch indexes it: a delete is only written for a key the
-- index holds (its docsize row), since deleting an entry FTS5 never had would corrupt it, and
-- the batch's indexing skips keys already there.
--
-- A triage write rewrites the index only when the item enters or leaves the open queue, or
-- moves in it, or its text changes: `new` to `escalated`, or an undo that writes the same
-- labels back, costs nothing here.
CREATE TRIGGER inbox_open_fts_update
AFTER UPDATE OF status, from_self, priority, received_at, author_name, author_handle, body, labels
ON inbox_items
WHEN (old.status IN ('new', 'escalated') AND old.from_self = 0)
         IS NOT (new.status IN ('new', 'escalated') AND new.from_self = 0)
  OR (new.status IN ('new', 'escalated') AND new.from_self = 0
      AND (old.queue_key IS NOT new.queue_key OR old.author_name IS NOT new.author_name
           OR old.author_handle IS NOT new.author_handle OR old.body IS NOT new.body
           OR old.labels IS NOT new.labels)) BEGIN
    INSERT INTO inbox_open_fts (inbox_open_fts, rowid, author_name, author_handle, body, labels)
    SELECT 'delete', old.queue_key * 67108864 + old.id, old.author_name, old.author_handle,
           old.body, old.labels
     WHERE old.status IN ('new', 'escalated') AND old.from_self = 0
       AND EXISTS (SELECT 1 FROM inbox_open_fts_docsize
                    WHERE id = old.queue_key * 67108864 + old.id);
    INSERT INTO inbox_open_fts (rowid, author_name, author_handle, body, labels)
    SELECT new.queue_key * 67108864 + new.id, new.author_name, new.author_handle, new.body,
           new.labels
     WHERE new.status IN ('new', 'escalated') AND new.from_self = 0 AND new.id < 67108864
       AND NOT EXISTS (SELECT 1 FROM inbox_open_fts_docsize
                        WHERE id = new.queue_key * 67108864 + new.id);
END;

CREATE TRIGGER inbox_open_fts_delete AFTER DELETE ON inbox_items
WHEN old.status IN ('new', 'escalated') AND old.from_self = 0 BEGIN
    INSERT INTO inbox_open_fts (inbox_open_fts, rowid, author_name, author_handle, body, labels)
    SELECT 'delete', old.queue_key * 67108864 + old.id, old.author_name, old.author_handle,
           old.body, old.labels
     WHERE EXISTS (SELECT 1 FROM inbox_open_fts_docsize
                    WHERE id = old.queue_key * 67108864 + old.id);
END;

-- The whole index's trigger, likewise: it re-indexed a row whenever one of its columns was
-- written, even with the same text (every undo writes the labels back).
DROP TRIGGER inbox_fts_update;
CREATE TRIGGER inbox_fts_update
AFTER UPDATE OF author_name, author_handle, body, labels ON inbox_items
WHEN old.author_name IS NOT new.author_name OR old.author_handle IS NOT new.author_handle
  OR old.body IS NOT new.body OR old.labels IS NOT new.labels BEGIN
    INSERT INTO inbox_fts (inbox_fts, rowid, author_name, author_handle, body, labels)
        VALUES ('delete', old.id, old.author_name, old.author_handle, old.body, old.labels);
    INSERT INTO inbox_fts (rowid, author_name, author_handle, body, labels)
        VALUES (new.id, new.author_name, new.author_handle, new.body, new.labels);
END;
