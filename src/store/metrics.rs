use rusqlite::{Connection, params};
use serde::Serialize;

use super::StoreResult;

/// Lifetime totals of one post as of one day. None means the export did not say (not zero).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PostSnapshot {
    pub post_id: i64,
    pub snapshot_on: String,
    pub views_label: String,
    pub views: Option<i64>,
    pub reach: Option<i64>,
    pub reactions: Option<i64>,
    pub comments: Option<i64>,
    pub shares: Option<i64>,
    pub saves: Option<i64>,
    pub clicks: Option<i64>,
    pub video_views: Option<i64>,
    pub watch_time_s: Option<i64>,
    pub follows: Option<i64>,
    pub source: String,
}

/// One account's numbers for one day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AccountDay {
    pub account_id: i64,
    pub day: String,
    pub followers: Option<i64>,
    pub reach: Option<i64>,
    pub views: Option<i64>,
    pub profile_visits: Option<i64>,
}

pub struct Metrics<'a> {
    conn: &'a Connection,
}

impl<'a> Metrics<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Self { conn }
    }

    /// Stores a post snapshot (replacing one of the same day) and brings that day's summary up
    /// to date, in one transaction.
    pub fn record_post_snapshot(&self, s: &PostSnapshot) -> StoreResult<()> {
        let tx = self.conn.unchecked_transaction()?;
        upsert_post_snapshot(&tx, s)?;
        refresh_summary(&tx, &s.snapshot_on)?;
        tx.commit()?;
        Ok(())
    }

    pub fn record_account_day(&self, d: &AccountDay) -> StoreResult<()> {
        upsert_account_day(self.conn, d)
    }

    /// The newest snapshot of a post, if any.
    pub fn latest_snapshot(&self, post_id: i64) -> StoreResult<Option<PostSnapshot>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT post_id, snapshot_on, views_label, views, reach, reactions, comments, shares,
                    saves, clicks, video_views, watch_time_s, follows, source
               FROM post_metrics WHERE post_id = ?1 ORDER BY snapshot_on DESC LIMIT 1",
        )?;
        let mut rows = stmt.query_map([post_id], |r| {
            Ok(PostSnapshot {
                post_id: r.get(0)?,
                snapshot_on: r.get(1)?,
                views_label: r.get(2)?,
                views: r.get(3)?,
                reach: r.get(4)?,
                reactions: r.get(5)?,
                comments: r.get(6)?,
                shares: r.get(7)?,
                saves: r.get(8)?,
                clicks: r.get(9)?,
                video_views: r.get(10)?,
                watch_time_s: r.get(11)?,
                follows: r.get(12)?,
                source: r.get(13)?,
            })
        })?;
        Ok(rows.next().transpose()?)
    }

    /// Each account's daily reach in `[from, to]`, by account then day, for finding surges
    /// and drops per account: (account id, day, reach).
    pub fn account_reach_series(
        &self,
        from: &str,
        to: &str,
        account: Option<i64>,
    ) -> StoreResult<Vec<(i64, String, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT account_id, day, reach FROM account_metrics
              WHERE day >= ?1 AND day <= ?2 AND reach IS NOT NULL AND (?3 IS NULL OR account_id = ?3)
              ORDER BY account_id, day",
        )?;
        let rows = stmt
            .query_map(params![from, to, account], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Reach per day summed over accounts (or one account), from the daily account numbers.
    pub fn account_reach_daily(
        &self,
        from: &str,
        to: &str,
        account: Option<i64>,
    ) -> StoreResult<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, COALESCE(SUM(reach), 0) FROM account_metrics
              WHERE day >= ?1 AND day <= ?2 AND (?3 IS NULL OR account_id = ?3)
              GROUP BY day ORDER BY day",
        )?;
        let rows = stmt
            .query_map(params![from, to, account], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Per-day sums from the summary table in `[from, to]`, optionally for one account:
    /// (day, posts, views, reach, engagements, clicks).
    pub fn daily_totals(
        &self,
        from: &str,
        to: &str,
        account: Option<i64>,
    ) -> StoreResult<Vec<(String, [i64; 5])>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, SUM(posts), SUM(views), SUM(reach), SUM(engagements), SUM(clicks)
               FROM account_daily_summary
              WHERE day >= ?1 AND day <= ?2 AND (?3 IS NULL OR account_id = ?3)
              GROUP BY day ORDER BY day",
        )?;
        let rows = stmt
            .query_map(params![from, to, account], |r| {
                Ok((
                    r.get(0)?,
                    [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

pub(crate) fn upsert_post_snapshot(conn: &Connection, s: &PostSnapshot) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO post_metrics (post_id, snapshot_on, views_label, views, reach,
             reactions, comments, shares, saves, clicks, video_views, watch_time_s, follows, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        s.post_id,
        s.snapshot_on,
        if s.views_label.is_empty() {
            "views"
        } else {
            s.views_label.as_str()
        },
        s.views,
        s.reach,
        s.reactions,
        s.comments,
        s.shares,
        s.saves,
        s.clicks,
        s.video_views,
        s.watch_time_s,
        s.follows,
        s.source
    ])?;
    Ok(())
}

pub(crate) fn upsert_account_day(conn: &Connection, d: &AccountDay) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO account_metrics (account_id, day, followers, reach, views, profile_visits)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![d.account_id, d.day, d.followers, d.reach, d.views, d.profile_visits])?;
    Ok(())
}

/// Recomputes the per-account daily summary for every day on or after `from_day`.
pub(crate) fn refresh_summary(conn: &Connection, from_day: &str) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM account_daily_summary WHERE day >= ?1")?
        .execute([from_day])?;
    conn.prepare_cached(
        "INSERT INTO account_daily_summary (account_id, day, posts, views, reach, engagements, clicks)
         SELECT p.account_id, m.snapshot_on, COUNT(*), COALESCE(SUM(m.views), 0),
                COALESCE(SUM(m.reach), 0),
                COALESCE(SUM(COALESCE(m.reactions, 0) + COALESCE(m.comments, 0)
                             + COALESCE(m.shares, 0) + COALESCE(m.saves, 0)), 0),
                COALESCE(SUM(m.clicks), 0)
           FROM post_metrics m JOIN posts p ON p.id = m.post_id
          WHERE m.snapshot_on >= ?1
          GROUP BY p.account_id, m.snapshot_on",
    )?
    .execute([from_day])?;
    refresh_latest(conn, from_day)
}

/// Brings `post_latest` up to date for every post with a snapshot on or after `from_day` (its
/// newest snapshot is then among those), and drops posts whose snapshots are all gone.
fn refresh_latest(conn: &Connection, from_day: &str) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO post_latest (post_id, account_id, published_at, format, pillar,
                                             snapshot_on, views_label, views, reach, engagements, clicks)
         SELECT p.id, p.account_id, COALESCE(p.scheduled_at, p.published_at), p.format,
                p.pillar, MAX(m.snapshot_on), m.views_label, COALESCE(m.views, 0), COALESCE(m.reach, 0),
                COALESCE(m.reactions, 0) + COALESCE(m.comments, 0) + COALESCE(m.shares, 0)
                    + COALESCE(m.saves, 0),
                COALESCE(m.clicks, 0)
           FROM post_metrics m JOIN posts p ON p.id = m.post_id
          WHERE m.snapshot_on >= ?1 AND COALESCE(p.scheduled_at, p.published_at) IS NOT NULL
          GROUP BY m.post_id",
    )?
    .execute([from_day])?;
    conn.prepare_cached(
        "DELETE FROM post_latest WHERE snapshot_on >= ?1
            AND NOT EXISTS (SELECT 1 FROM post_metrics m WHERE m.post_id = post_latest.post_id)",
    )?
    .execute([from_day])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAccount, NewPost, Store};

    #[test]
    fn snapshots_feed_the_summary() {
        let store = Store::open_in_memory().unwrap();
        let acc = store
            .accounts()
            .add(
                &NewAccount {
                    platform: "instagram".into(),
                    handle: "l".into(),
                    ..Default::default()
                },
                0,
            )
            .unwrap();
        let post = store
            .posts()
            .add(
                &NewPost {
                    account_id: acc,
                    format: "post".into(),
                    status: "published".into(),
                    ..Default::default()
                },
                0,
            )
            .unwrap();
        let snap = PostSnapshot {
            post_id: post,
            snapshot_on: "2026-11-01".into(),
            views: Some(100),
            reach: None,
            reactions: Some(5),
            comments: Some(2),
            ..Default::default()
        };
        store.metrics().record_post_snapshot(&snap).unwrap();
        store
            .metrics()
            .record_post_snapshot(&PostSnapshot {
                views: Some(150),
                ..snap.clone()
            })
            .unwrap();
        let latest = store.metrics().latest_snapshot(post).unwrap().unwrap();
        assert_eq!((latest.views, latest.reach), (Some(150), None));
        let totals = store
            .metrics()
            .daily_totals("2026-10-01", "2026-12-01", None)
            .unwrap();
        assert_eq!(totals, vec![("2026-11-01".to_string(), [1, 150, 0, 7, 0])]);
        store
            .metrics()
            .record_account_day(&AccountDay {
                account_id: acc,
                day: "2026-11-01".into(),
                followers: Some(10),
                ..Default::default()
            })
            .unwrap();
    }
}
