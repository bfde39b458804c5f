-- smmdeck schema v2: one word for the people of the Contacts tab ("contacts"; they were
-- influencers, crm and bloggers), the pipeline of the CRM, and what the CRM needs to hold.
--
-- Stages: prospect → contacted → negotiating → agreed → content_live → paid, plus declined and
-- paused. Old rows map: contracted → agreed, active → content_live, completed → paid.
-- Collaborations: planned, live, late, done (cancelled kept so that no old row loses its
-- meaning). Old rows map: in_progress → planned, delivered → live, published → done when paid,
-- live otherwise.
--
-- Tables with a changed CHECK must be rebuilt. The new tables are written first, the old ones
-- dropped children first (so dropping a parent never cascades into rows still needed), and the
-- new ones renamed into place: every row is kept, ids included.

CREATE TABLE contacts (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL,
    niche               TEXT    NOT NULL DEFAULT '',
    location            TEXT    NOT NULL DEFAULT '',
    language            TEXT    NOT NULL DEFAULT '',
    email               TEXT,
    phone               TEXT,
    messenger           TEXT,
    notes               TEXT    NOT NULL DEFAULT '',
    stage               TEXT    NOT NULL DEFAULT 'prospect'
                        CHECK (stage IN ('prospect', 'contacted', 'negotiating', 'agreed',
                                         'content_live', 'paid', 'declined', 'paused')),
    follow_up_on        TEXT,
    last_contact_at     INTEGER,
    rating              INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    -- Kept by the store on every write, so that search and every sort are one indexed read:
    -- the folded (lowercase) name, handles, niche and notes; the biggest handle's followers and
    -- engagement rate; the cost per engagement over the collaborations with known figures.
    search_text         TEXT    NOT NULL DEFAULT '',
    followers           INTEGER,
    engagement_rate     REAL,
    cost_per_engagement REAL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

INSERT INTO contacts (id, name, niche, location, language, email, phone, messenger, notes, stage,
                      follow_up_on, last_contact_at, rating, search_text, followers,
                      engagement_rate, created_at, updated_at)
SELECT f.id, f.name, f.niche, f.location, f.language, f.email, f.phone, f.messenger, f.notes,
       CASE f.stage WHEN 'contracted' THEN 'agreed' WHEN 'active' THEN 'content_live'
                    WHEN 'completed' THEN 'paid' ELSE f.stage END,
       f.follow_up_on,
       (SELECT MAX(at) FROM interactions i WHERE i.influencer_id = f.id),
       f.rating,
       lower(f.name || ' ' || f.niche || ' ' || f.notes || ' ' ||
             COALESCE((SELECT group_concat(handle, ' ') FROM influencer_handles h
                        WHERE h.influencer_id = f.id), '')),
       (SELECT MAX(followers) FROM influencer_handles h WHERE h.influencer_id = f.id),
       (SELECT engagement_rate FROM influencer_handles h WHERE h.influencer_id = f.id
         ORDER BY followers DESC NULLS LAST LIMIT 1),
       f.created_at, f.updated_at
  FROM influencers f;

CREATE TABLE contact_handles (
    id              INTEGER PRIMARY KEY,
    contact_id      INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    platform        TEXT    NOT NULL,
    handle          TEXT    NOT NULL COLLATE NOCASE,
    followers       INTEGER,
    engagement_rate REAL,
    UNIQUE (platform, handle)
);
INSERT INTO contact_handles (id, contact_id, platform, handle, followers, engagement_rate)
SELECT id, influencer_id, platform, handle, followers, engagement_rate FROM influencer_handles
 WHERE true
    ON CONFLICT DO NOTHING;

CREATE TABLE rate_cards_v2 (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    format      TEXT    NOT NULL,
    price_minor INTEGER NOT NULL,
    currency    TEXT    NOT NULL DEFAULT 'USD',
    UNIQUE (contact_id, format)
);
INSERT INTO rate_cards_v2 (id, contact_id, format, price_minor, currency)
SELECT id, influencer_id, format, price_minor, currency FROM rate_cards WHERE true
    ON CONFLICT DO NOTHING;

-- 'stage' marks the line a stage move writes; the others are how the user reached the contact.
CREATE TABLE interactions_v2 (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    channel    TEXT    NOT NULL DEFAULT 'other'
               CHECK (channel IN ('email', 'dm', 'call', 'meeting', 'other', 'stage')),
    note       TEXT    NOT NULL DEFAULT ''
);
INSERT INTO interactions_v2 (id, contact_id, at, channel, note)
SELECT id, influencer_id, at,
       CASE WHEN lower(channel) IN ('email', 'dm', 'call', 'meeting') THEN lower(channel)
            WHEN lower(channel) IN ('e-mail', 'mail') THEN 'email'
            WHEN lower(channel) LIKE '%dm%' OR lower(channel) IN ('telegram', 'whatsapp',
                 'viber', 'signal', 'messenger') THEN 'dm'
            ELSE 'other' END,
       CASE WHEN lower(channel) IN ('email', 'dm', 'call', 'meeting', 'e-mail', 'mail', '')
                 OR lower(channel) LIKE '%dm%' THEN note
            ELSE channel || ': ' || note END
  FROM interactions;

-- A collaboration's engagements and views come from the linked post when it is one of ours
-- (post_id), else from what the contact reported (views, engagements); NULL when unknown.
CREATE TABLE collaborations_v2 (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
    deliverable TEXT    NOT NULL DEFAULT '',
    format      TEXT    NOT NULL DEFAULT '',
    due_on      TEXT,
    fee_minor   INTEGER,
    currency    TEXT    NOT NULL DEFAULT 'USD',
    -- What is exchanged instead of (or beside) a fee; empty when none.
    barter      TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'live', 'late', 'done', 'cancelled')),
    post_link   TEXT,
    post_id     INTEGER REFERENCES posts (id) ON DELETE SET NULL,
    views       INTEGER,
    engagements INTEGER,
    paid        INTEGER NOT NULL DEFAULT 0,
    paid_at     INTEGER,
    created_at  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO collaborations_v2 (id, contact_id, campaign_id, deliverable, due_on, fee_minor,
                               currency, status, post_link, paid)
SELECT id, influencer_id, campaign_id, deliverable, due_on, fee_minor, currency,
       CASE status WHEN 'in_progress' THEN 'planned' WHEN 'delivered' THEN 'live'
                   WHEN 'published' THEN (CASE WHEN paid THEN 'done' ELSE 'live' END)
                   ELSE status END,
       post_link, paid
  FROM collaborations;

DROP TABLE collaborations;
DROP TABLE interactions;
DROP TABLE rate_cards;
DROP TABLE influencer_handles;
DROP TABLE influencers;

ALTER TABLE rate_cards_v2 RENAME TO rate_cards;
ALTER TABLE interactions_v2 RENAME TO interactions;
ALTER TABLE collaborations_v2 RENAME TO collaborations;

CREATE INDEX contacts_name ON contacts (name, id);
CREATE INDEX contacts_stage ON contacts (stage, name, id);
CREATE INDEX contacts_follow_up ON contacts (follow_up_on, id) WHERE follow_up_on IS NOT NULL;
CREATE INDEX contacts_followers ON contacts (followers, id);
CREATE INDEX contacts_er ON contacts (engagement_rate, id);
CREATE INDEX contacts_cpe ON contacts (cost_per_engagement, id);
CREATE INDEX contacts_last_contact ON contacts (last_contact_at, id);
CREATE INDEX contact_handles_owner ON contact_handles (contact_id);
CREATE INDEX rate_cards_owner ON rate_cards (contact_id);
CREATE INDEX interactions_owner ON interactions (contact_id, at);
CREATE INDEX collaborations_owner ON collaborations (contact_id);
CREATE INDEX collaborations_campaign ON collaborations (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX collaborations_post ON collaborations (post_id) WHERE post_id IS NOT NULL;
-- Late deliverables for Today: still open and past due.
CREATE INDEX collaborations_open_due ON collaborations (due_on, id)
    WHERE status IN ('planned', 'late') AND due_on IS NOT NULL;
