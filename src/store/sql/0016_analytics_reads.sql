-- What the Analytics tab reads, made cheap: kept day totals of the posts, and an index for a
-- campaign's newest posts.
--
-- Each account's measured posts summed by UTC day of publication and views label, kept by
-- triggers on post_latest, so that a period's KPIs add up a row per day instead of decoding
-- every post of the period (90 days at the large demo: 20,000 posts). A period starts and ends
-- at local midnights, which are not UTC ones: the store sums the whole UTC days inside the
-- period here and reads the posts of the partial days at either edge from post_latest.
-- `day` is published_at / 86400 (UTC days since 1970; periods before 1970 are read from
-- post_latest alone). A bucket whose last post leaves is deleted, so that a label with no
-- posts in a period stays absent rather than zero.
CREATE TABLE post_day_totals (
    account_id  INTEGER NOT NULL,
    day         INTEGER NOT NULL,
    views_label TEXT    NOT NULL,
    posts       INTEGER NOT NULL,
    views       INTEGER NOT NULL,
    reach       INTEGER NOT NULL,
    engagements INTEGER NOT NULL,
    clicks      INTEGER NOT NULL,
    PRIMARY KEY (account_id, day, views_label)
) WITHOUT ROWID;

INSERT INTO post_day_totals (account_id, day, views_label, posts, views, reach, engagements,
                             clicks)
SELECT account_id, published_at / 86400, views_label, COUNT(*), SUM(views), SUM(reach),
       SUM(engagements), SUM(clicks)
  FROM post_latest
 GROUP BY account_id, published_at / 86400, views_label;

CREATE TRIGGER post_day_totals_add AFTER INSERT ON post_latest
BEGIN
    INSERT INTO post_day_totals (account_id, day, views_label, posts, views, reach,
                                 engagements, clicks)
    VALUES (new.account_id, new.published_at / 86400, new.views_label, 1, new.views, new.reach,
            new.engagements, new.clicks)
    ON CONFLICT (account_id, day, views_label) DO UPDATE
       SET posts = posts + 1,
           views = views + excluded.views,
           reach = reach + excluded.reach,
           engagements = engagements + excluded.engagements,
           clicks = clicks + excluded.clicks;
END;

-- INSERT OR REPLACE removes the row it replaces without firing delete triggers: take the old
-- row out first (a statement that then fails rolls this back with it).
CREATE TRIGGER post_day_totals_replace BEFORE INSERT ON post_latest
BEGIN
    UPDATE post_day_totals
       SET posts = post_day_totals.posts - 1,
           views = post_day_totals.views - o.views,
           reach = post_day_totals.reach - o.reach,
           engagements = post_day_totals.engagements - o.engagements,
           clicks = post_day_totals.clicks - o.clicks
      FROM (SELECT account_id, published_at, views_label, views, reach, engagements, clicks
              FROM post_latest WHERE post_id = new.post_id) AS o
     WHERE post_day_totals.account_id = o.account_id
       AND post_day_totals.day = o.published_at / 86400
       AND post_day_totals.views_label = o.views_label;
    DELETE FROM post_day_totals
     WHERE posts = 0
       AND (account_id, day, views_label) IN
           (SELECT account_id, published_at / 86400, views_label
              FROM post_latest WHERE post_id = new.post_id);
END;

CREATE TRIGGER post_day_totals_remove AFTER DELETE ON post_latest
BEGIN
    UPDATE post_day_totals
       SET posts = posts - 1,
           views = views - old.views,
           reach = reach - old.reach,
           engagements = engagements - old.engagements,
           clicks = clicks - old.clicks
     WHERE account_id = old.account_id AND day = old.published_at / 86400
       AND views_label = old.views_label;
    DELETE FROM post_day_totals
     WHERE account_id = old.account_id AND day = old.published_at / 86400
       AND views_label = old.views_label AND posts = 0;
END;

CREATE TRIGGER post_day_totals_change
AFTER UPDATE OF account_id, published_at, views_label, views, reach, engagements, clicks
ON post_latest
BEGIN
    UPDATE post_day_totals
       SET posts = posts - 1,
           views = views - old.views,
           reach = reach - old.reach,
           engagements = engagements - old.engagements,
           clicks = clicks - old.clicks
     WHERE account_id = old.account_id AND day = old.published_at / 86400
       AND views_label = old.views_label;
    DELETE FROM post_day_totals
     WHERE account_id = old.account_id AND day = old.published_at / 86400
       AND views_label = old.views_label AND posts = 0;
    INSERT INTO post_day_totals (account_id, day, views_label, posts, views, reach,
                                 engagements, clicks)
    VALUES (new.account_id, new.published_at / 86400, new.views_label, 1, new.views, new.reach,
            new.engagements, new.clicks)
    ON CONFLICT (account_id, day, views_label) DO UPDATE
       SET posts = posts + 1,
           views = views + excluded.views,
           reach = reach + excluded.reach,
           engagements = engagements + excluded.engagements,
           clicks = clicks + excluded.clicks;
END;

-- A campaign's newest posts (the campaign view's list) walk this index to their LIMIT instead
-- of sorting all of the campaign's posts (6,000 each at the large demo) on every `c`.
CREATE INDEX posts_campaign_when ON posts
    (campaign_id, COALESCE(published_at, scheduled_at), id);
