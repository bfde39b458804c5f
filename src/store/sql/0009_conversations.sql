-- smmdeck schema v9: conversations, and the names an account goes by in exports.
--
-- The DMs of one thread are one inbox item (kind 'dm'). Its row is where the conversation
-- stands (status, labels, priority, first reply) and carries the newest incoming message as its
-- author, body and received_at, so that the queue's indexes place and age it by that message
-- with no new index. Every message of the thread, the brand's own and the platform's system
-- lines included, is a row here: messages are read with their conversation and never reach the
-- queue.
CREATE TABLE inbox_messages (
    id              INTEGER PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES inbox_items (id) ON DELETE CASCADE,
    platform        TEXT    NOT NULL,
    -- The platform's message id, or a stable hash of the message where the export has none.
    external_id     TEXT    NOT NULL,
    sender_name     TEXT    NOT NULL DEFAULT '',
    sender_handle   TEXT,
    body            TEXT    NOT NULL DEFAULT '',
    sent_at         INTEGER NOT NULL,
    -- 1 when the account itself sent it.
    from_self       INTEGER NOT NULL DEFAULT 0,
    -- 1 for a line the platform wrote rather than a person (a reaction, "liked a message", a
    -- call, "sent an attachment"): kept in the thread, it never opens the conversation.
    system          INTEGER NOT NULL DEFAULT 0,
    -- How urgent the message reads (as inbox_items.priority); the conversation takes the most
    -- urgent of the messages still unanswered.
    priority        INTEGER NOT NULL DEFAULT 1,
    priority_reason TEXT    NOT NULL DEFAULT '',
    sentiment       REAL,
    UNIQUE (platform, external_id)
);
CREATE INDEX inbox_messages_item ON inbox_messages (item_id, sent_at, id);

-- Names an account appears under in exports besides its handle and display name: an Instagram
-- data download names senders by display name only. Learned from `import --as NAME` (or the
-- app's question) and from messages the export itself marks as the owner's.
CREATE TABLE account_aliases (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    -- How it was learned, for the user who wonders.
    source     TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
) WITHOUT ROWID;

-- DM threads already stored become conversations: the row of the newest incoming message
-- (else the newest row) stays as the conversation's item, every message of the thread is
-- copied to inbox_messages, and the other rows go, their history moved to the item.
-- SQLite takes the bare `id` from the row that holds the MAX.
CREATE TEMP TABLE conversation_heads AS
SELECT account_id, thread_key, id AS head,
       MAX((1 - from_self) * 100000000000000 + received_at) AS rank
  FROM inbox_items
 WHERE kind = 'dm' AND thread_key IS NOT NULL
 GROUP BY account_id, thread_key;
CREATE INDEX temp.conversation_heads_key ON conversation_heads (account_id, thread_key);

INSERT INTO inbox_messages (item_id, platform, external_id, sender_name, sender_handle, body,
                            sent_at, from_self, priority, priority_reason, sentiment)
SELECT h.head, i.platform, i.external_id, i.author_name, i.author_handle, i.body, i.received_at,
       i.from_self, i.priority, i.priority_reason, i.sentiment
  FROM inbox_items i
  JOIN conversation_heads h ON h.account_id = i.account_id AND h.thread_key = i.thread_key
 WHERE i.kind = 'dm';

UPDATE inbox_events
   SET item_id = (SELECT h.head FROM inbox_items i
                    JOIN conversation_heads h ON h.account_id = i.account_id
                                             AND h.thread_key = i.thread_key
                   WHERE i.id = inbox_events.item_id)
 WHERE item_id IN (SELECT id FROM inbox_items WHERE kind = 'dm' AND thread_key IS NOT NULL);

DELETE FROM inbox_items
 WHERE kind = 'dm' AND thread_key IS NOT NULL
   AND id NOT IN (SELECT head FROM conversation_heads);

-- The item's id in its platform's namespace is the conversation's, so that the next import
-- finds it; the first reply is the brand's first message after the first incoming one.
UPDATE inbox_items
   SET external_id = 'conversation:' || account_id || ':' || thread_key,
       replied_at = COALESCE(replied_at, (
           SELECT MIN(m.sent_at) FROM inbox_messages m
            WHERE m.item_id = inbox_items.id AND m.from_self = 1
              AND m.sent_at >= (SELECT MIN(f.sent_at) FROM inbox_messages f
                                 WHERE f.item_id = inbox_items.id AND f.from_self = 0)))
 WHERE id IN (SELECT head FROM conversation_heads);

DROP TABLE conversation_heads;
