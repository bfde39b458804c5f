-- smmdeck schema v1: the whole domain, so that later work adds behaviour rather than tables.
-- Instants are INTEGER unix seconds in UTC; calendar days are TEXT 'YYYY-MM-DD' (local dates).
-- Money is INTEGER minor units (cents) with a currency code beside it.

CREATE TABLE accounts (
    id                    INTEGER PRIMARY KEY,
    brand                 TEXT    NOT NULL DEFAULT '',
    platform              TEXT    NOT NULL,
    handle                TEXT    NOT NULL,
    display_name          TEXT,
    external_id           TEXT,
    timezone              TEXT,
    target_posts_per_week INTEGER,
    created_at            INTEGER NOT NULL,
    UNIQUE (platform, handle)
);
CREATE INDEX accounts_external ON accounts (platform, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    client       TEXT    NOT NULL DEFAULT '',
    objective    TEXT    NOT NULL DEFAULT '',
    channel      TEXT    NOT NULL DEFAULT 'organic'
                 CHECK (channel IN ('organic', 'paid', 'influencer', 'mixed')),
    budget_minor INTEGER,
    currency     TEXT    NOT NULL DEFAULT 'USD',
    start_on     TEXT,
    end_on       TEXT,
    created_at   INTEGER NOT NULL
);

CREATE TABLE campaign_accounts (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, account_id)
) WITHOUT ROWID;

CREATE TABLE campaign_daily (
    campaign_id   INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    day           TEXT    NOT NULL,
    spend_minor   INTEGER,
    impressions   INTEGER,
    reach         INTEGER,
    clicks        INTEGER,
    conversions   INTEGER,
    revenue_minor INTEGER,
    PRIMARY KEY (campaign_id, day)
) WITHOUT ROWID;

CREATE TABLE posts (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title        TEXT    NOT NULL DEFAULT '',
    caption      TEXT    NOT NULL DEFAULT '',
    format       TEXT    NOT NULL DEFAULT 'post'
                 CHECK (format IN ('post', 'reel', 'story', 'carousel', 'video', 'short', 'thread', 'article')),
    status       TEXT    NOT NULL DEFAULT 'idea'
                 CHECK (status IN ('idea', 'draft', 'ready', 'scheduled', 'published', 'failed', 'archived')),
    pillar       TEXT    NOT NULL DEFAULT '',
    tags         TEXT    NOT NULL DEFAULT '',
    -- The slot on the calendar: planned time, or the actual time once published.
    scheduled_at INTEGER,
    published_at INTEGER,
    permalink    TEXT,
    external_id  TEXT,
    campaign_id  INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
    media_paths  TEXT    NOT NULL DEFAULT '',
    notes        TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX posts_external ON posts (account_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX posts_when ON posts (scheduled_at, id);
CREATE INDEX posts_account_when ON posts (account_id, scheduled_at, id);
CREATE INDEX posts_status_when ON posts (status, scheduled_at);
CREATE INDEX posts_campaign ON posts (campaign_id) WHERE campaign_id IS NOT NULL;

CREATE TABLE inbox_items (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    platform        TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('comment', 'reply', 'dm', 'mention', 'review')),
    -- The platform's id, or a stable hash of the item where the export has none.
    external_id     TEXT    NOT NULL,
    thread_key      TEXT,
    post_id         INTEGER REFERENCES posts (id) ON DELETE SET NULL,
    author_name     TEXT    NOT NULL DEFAULT '',
    author_handle   TEXT,
    body            TEXT    NOT NULL DEFAULT '',
    received_at     INTEGER NOT NULL,
    -- 1 when the account itself sent it: it joins the thread but is not an item to triage.
    from_self       INTEGER NOT NULL DEFAULT 0,
    status          TEXT    NOT NULL DEFAULT 'new'
                    CHECK (status IN ('new', 'done', 'hidden', 'spam', 'escalated')),
    -- Higher is more urgent: 3 negative, 2 question, 1 other, 0 spam-like.
    priority        INTEGER NOT NULL DEFAULT 1,
    priority_reason TEXT    NOT NULL DEFAULT '',
    sentiment       REAL,
    labels          TEXT    NOT NULL DEFAULT '',
    reply_text      TEXT,
    replied_at      INTEGER,
    handled_at      INTEGER,
    escalation_note TEXT,
    -- One ascending key for the triage order (most urgent first, then oldest first), so that a
    -- page is a plain keyset range over an index.
    queue_key       INTEGER GENERATED ALWAYS AS ((9 - priority) * 10000000000 + received_at) VIRTUAL,
    -- The inbox's filter groups as one indexable word: open (new, escalated), done, trash
    -- (hidden, spam). One range per group keeps every filtered page an index walk, not a sort.
    shelf           TEXT    GENERATED ALWAYS AS (CASE status WHEN 'new' THEN 'open'
                        WHEN 'escalated' THEN 'open' WHEN 'done' THEN 'done' ELSE 'trash' END) VIRTUAL,
    UNIQUE (platform, external_id)
);
-- Open means new or escalated; these partial indices serve the default triage queue.
CREATE INDEX inbox_open_queue ON inbox_items (queue_key, id)
    WHERE status IN ('new', 'escalated') AND from_self = 0;
CREATE INDEX inbox_open_account_queue ON inbox_items (account_id, queue_key, id)
    WHERE status IN ('new', 'escalated') AND from_self = 0;
CREATE INDEX inbox_shelf_time ON inbox_items (shelf, received_at, id);
CREATE INDEX inbox_account_shelf_time ON inbox_items (account_id, shelf, received_at, id);
CREATE INDEX inbox_escalated ON inbox_items (received_at, id) WHERE status = 'escalated';
CREATE INDEX inbox_time ON inbox_items (received_at, id);
CREATE INDEX inbox_thread ON inbox_items (thread_key, received_at) WHERE thread_key IS NOT NULL;
CREATE INDEX inbox_author ON inbox_items (platform, author_handle) WHERE author_handle IS NOT NULL;
CREATE INDEX inbox_post ON inbox_items (post_id) WHERE post_id IS NOT NULL;

-- Full-text search over author and body. Inserts are indexed by the store explicitly (in bulk
-- after a batch, which is ~4x faster than a per-row trigger); edits and deletes use triggers.
CREATE VIRTUAL TABLE inbox_fts USING fts5 (
    author_name, body,
    content = 'inbox_items', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER inbox_fts_update AFTER UPDATE OF author_name, body ON inbox_items BEGIN
    INSERT INTO inbox_fts (inbox_fts, rowid, author_name, body)
        VALUES ('delete', old.id, old.author_name, old.body);
    INSERT INTO inbox_fts (rowid, author_name, body) VALUES (new.id, new.author_name, new.body);
END;
CREATE TRIGGER inbox_fts_delete AFTER DELETE ON inbox_items BEGIN
    INSERT INTO inbox_fts (inbox_fts, rowid, author_name, body)
        VALUES ('delete', old.id, old.author_name, old.body);
END;

-- What happened to an item, for its history in the detail pane.
CREATE TABLE inbox_events (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES inbox_items (id) ON DELETE CASCADE,
    at      INTEGER NOT NULL,
    action  TEXT    NOT NULL,
    detail  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX inbox_events_item ON inbox_events (item_id, at);

CREATE TABLE saved_replies (
    id         INTEGER PRIMARY KEY,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE influencers (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    niche        TEXT    NOT NULL DEFAULT '',
    location     TEXT    NOT NULL DEFAULT '',
    language     TEXT    NOT NULL DEFAULT '',
    email        TEXT,
    phone        TEXT,
    messenger    TEXT,
    notes        TEXT    NOT NULL DEFAULT '',
    stage        TEXT    NOT NULL DEFAULT 'prospect'
                 CHECK (stage IN ('prospect', 'contacted', 'negotiating', 'contracted', 'active',
                                  'completed', 'declined')),
    follow_up_on TEXT,
    rating       INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX influencers_stage ON influencers (stage, name);
CREATE INDEX influencers_follow_up ON influencers (follow_up_on) WHERE follow_up_on IS NOT NULL;
CREATE INDEX influencers_name ON influencers (name, id);

CREATE TABLE influencer_handles (
    id              INTEGER PRIMARY KEY,
    influencer_id   INTEGER NOT NULL REFERENCES influencers (id) ON DELETE CASCADE,
    platform        TEXT    NOT NULL,
    handle          TEXT    NOT NULL,
    followers       INTEGER,
    engagement_rate REAL,
    UNIQUE (platform, handle)
);
CREATE INDEX influencer_handles_owner ON influencer_handles (influencer_id);

CREATE TABLE rate_cards (
    id            INTEGER PRIMARY KEY,
    influencer_id INTEGER NOT NULL REFERENCES influencers (id) ON DELETE CASCADE,
    format        TEXT    NOT NULL,
    price_minor   INTEGER NOT NULL,
    currency      TEXT    NOT NULL DEFAULT 'USD'
);
CREATE INDEX rate_cards_owner ON rate_cards (influencer_id);

CREATE TABLE interactions (
    id            INTEGER PRIMARY KEY,
    influencer_id INTEGER NOT NULL REFERENCES influencers (id) ON DELETE CASCADE,
    at            INTEGER NOT NULL,
    channel       TEXT    NOT NULL DEFAULT '',
    note          TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX interactions_owner ON interactions (influencer_id, at);

CREATE TABLE collaborations (
    id            INTEGER PRIMARY KEY,
    influencer_id INTEGER NOT NULL REFERENCES influencers (id) ON DELETE CASCADE,
    campaign_id   INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
    deliverable   TEXT    NOT NULL DEFAULT '',
    due_on        TEXT,
    fee_minor     INTEGER,
    currency      TEXT    NOT NULL DEFAULT 'USD',
    paid          INTEGER NOT NULL DEFAULT 0,
    post_link     TEXT,
    status        TEXT    NOT NULL DEFAULT 'planned'
                  CHECK (status IN ('planned', 'in_progress', 'delivered', 'published', 'cancelled'))
);
CREATE INDEX collaborations_owner ON collaborations (influencer_id);
CREATE INDEX collaborations_due ON collaborations (due_on) WHERE due_on IS NOT NULL;
CREATE INDEX collaborations_campaign ON collaborations (campaign_id) WHERE campaign_id IS NOT NULL;

-- Lifetime totals of a post as of a snapshot day (an export or a sync), one row per day.
CREATE TABLE post_metrics (
    id           INTEGER PRIMARY KEY,
    post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    snapshot_on  TEXT    NOT NULL,
    -- The platform's own word for views: 'views', 'impressions' or 'plays'.
    views_label  TEXT    NOT NULL DEFAULT 'views',
    views        INTEGER,
    reach        INTEGER,
    reactions    INTEGER,
    comments     INTEGER,
    shares       INTEGER,
    saves        INTEGER,
    clicks       INTEGER,
    video_views  INTEGER,
    watch_time_s INTEGER,
    follows      INTEGER,
    source       TEXT    NOT NULL DEFAULT '',
    UNIQUE (post_id, snapshot_on)
);
CREATE INDEX post_metrics_day ON post_metrics (snapshot_on);

CREATE TABLE account_metrics (
    account_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day            TEXT    NOT NULL,
    followers      INTEGER,
    reach          INTEGER,
    views          INTEGER,
    profile_visits INTEGER,
    PRIMARY KEY (account_id, day)
) WITHOUT ROWID;

-- Per-account daily sums of post metrics, kept current by the store whenever post_metrics is
-- written, so that analytics rollups read thousands of rows instead of millions.
CREATE TABLE account_daily_summary (
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day         TEXT    NOT NULL,
    posts       INTEGER NOT NULL DEFAULT 0,
    views       INTEGER NOT NULL DEFAULT 0,
    reach       INTEGER NOT NULL DEFAULT 0,
    engagements INTEGER NOT NULL DEFAULT 0,
    clicks      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, day)
) WITHOUT ROWID;

CREATE TABLE import_log (
    id             INTEGER PRIMARY KEY,
    file           TEXT    NOT NULL,
    format         TEXT    NOT NULL,
    sha256         TEXT    NOT NULL,
    rows_new       INTEGER NOT NULL DEFAULT 0,
    rows_updated   INTEGER NOT NULL DEFAULT 0,
    rows_unchanged INTEGER NOT NULL DEFAULT 0,
    rows_rejected  INTEGER NOT NULL DEFAULT 0,
    imported_at    INTEGER NOT NULL
);
CREATE INDEX import_log_sha ON import_log (sha256);
