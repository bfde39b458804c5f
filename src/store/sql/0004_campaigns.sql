-- Campaigns as real data (goal and target, revenue per conversion, the ads manager's own id) and
-- ad spend that a re-imported period replaces; post analytics that aggregate per period.

ALTER TABLE campaigns ADD COLUMN goal TEXT NOT NULL DEFAULT ''
    CHECK (goal IN ('', 'reach', 'clicks', 'leads', 'sales'));
ALTER TABLE campaigns ADD COLUMN goal_target INTEGER;
ALTER TABLE campaigns ADD COLUMN revenue_per_conversion_minor INTEGER;
-- Which ads manager the campaign came from ('meta', 'tiktok', 'linkedin', 'google') and its id
-- there: a later export finds the same campaign even after a rename.
ALTER TABLE campaigns ADD COLUMN ads_source TEXT;
ALTER TABLE campaigns ADD COLUMN ads_id TEXT;
CREATE UNIQUE INDEX campaigns_ads ON campaigns (ads_source, ads_id) WHERE ads_id IS NOT NULL;
CREATE INDEX campaigns_name ON campaigns (name);

-- A spend row normally covers one day. A report without a day breakdown gives totals for a
-- span: the row sits on the span's last day and `covers_from` is its first ('0000-01-01' for
-- "all time"), so that a later report over the same days replaces it instead of adding to it.
-- NULLs in the counts mean the report did not carry that column (unknown, not zero).
ALTER TABLE campaign_daily ADD COLUMN covers_from TEXT;
CREATE INDEX campaign_daily_day ON campaign_daily (day, campaign_id);

-- Each post's newest lifetime totals beside its publication instant, so that "the posts of a
-- period" is one index range instead of a latest-snapshot lookup per post. The store keeps it
-- current wherever it refreshes the daily summary; a trigger follows posts that move.
CREATE TABLE post_latest (
    post_id      INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL,
    published_at INTEGER NOT NULL,
    format       TEXT    NOT NULL,
    pillar       TEXT    NOT NULL,
    snapshot_on  TEXT    NOT NULL,
    views_label  TEXT    NOT NULL,
    views        INTEGER NOT NULL,
    reach        INTEGER NOT NULL,
    engagements  INTEGER NOT NULL,
    clicks       INTEGER NOT NULL
);
CREATE INDEX post_latest_when ON post_latest
    (published_at, account_id, views_label, views, reach, engagements, clicks, format, pillar);
CREATE INDEX post_latest_account_when ON post_latest
    (account_id, published_at, views_label, views, reach, engagements, clicks, format, pillar);

INSERT INTO post_latest (post_id, account_id, published_at, format, pillar, snapshot_on,
                         views_label, views, reach, engagements, clicks)
SELECT p.id, p.account_id, COALESCE(p.scheduled_at, p.published_at), p.format, p.pillar,
       MAX(m.snapshot_on),
       m.views_label, COALESCE(m.views, 0), COALESCE(m.reach, 0),
       COALESCE(m.reactions, 0) + COALESCE(m.comments, 0) + COALESCE(m.shares, 0)
           + COALESCE(m.saves, 0),
       COALESCE(m.clicks, 0)
  FROM post_metrics m JOIN posts p ON p.id = m.post_id
 WHERE COALESCE(p.scheduled_at, p.published_at) IS NOT NULL
 GROUP BY m.post_id;

CREATE TRIGGER post_latest_follows
AFTER UPDATE OF account_id, scheduled_at, published_at, format, pillar ON posts
BEGIN
    UPDATE post_latest
       SET account_id = new.account_id,
           published_at = COALESCE(new.scheduled_at, new.published_at, published_at),
           format = new.format, pillar = new.pillar
     WHERE post_id = new.id;
END;
