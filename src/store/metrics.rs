//! Post snapshots and account days as exports give them, and the two tables kept from them for
//! fast reads: the per-account daily summary and each post's latest figures (`post_latest`).

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::StoreResult;
use super::filter::{and_eq, bind};
use super::scope::Scope;

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

    /// Stores a post snapshot (replacing one of the same day) and brings that day's summary and
    /// the post's latest figures up to date, in one transaction.
    pub fn record_post_snapshot(&self, s: &PostSnapshot) -> StoreResult<()> {
        let tx = self.conn.unchecked_transaction()?;
        let account: Option<i64> = tx
            .prepare_cached("SELECT account_id FROM posts WHERE id = ?1")?
            .query_row([s.post_id], |r| r.get(0))
            .optional()?;
        // The day's old figures for this post leave the summary and the new ones join it: one
        // row of the summary changes, whatever the day and however many snapshots exist.
        if let Some(account) = account {
            summary_delta(&tx, s.post_id, account, Some(&s.snapshot_on), -1)?;
        }
        upsert_post_snapshot(&tx, s)?;
        if let Some(account) = account {
            summary_delta(&tx, s.post_id, account, Some(&s.snapshot_on), 1)?;
        }
        refresh_latest_of(&tx, s.post_id)?;
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
        scope: impl Into<Scope>,
    ) -> StoreResult<Vec<(i64, String, i64)>> {
        let mut out = Vec::new();
        for account in scope.into().parts() {
            // Account by account, each a range of the (account_id, day) key: already in order,
            // where a range of days over every account would need a sort.
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT m.account_id, m.day, m.reach
                   FROM accounts a JOIN account_metrics m ON m.account_id = a.id
                  WHERE m.day >= ?1 AND m.day <= ?2 AND m.reach IS NOT NULL{}
                  ORDER BY a.id, m.day",
                and_eq("a.id", 3, account.is_some())
            ))?;
            let rows = stmt.query_map(bind(vec![&from, &to], &account).as_slice(), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// Reach per day summed over accounts (or one account), from the daily account numbers.
    pub fn account_reach_daily(
        &self,
        from: &str,
        to: &str,
        account: Option<i64>,
    ) -> StoreResult<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT day, COALESCE(SUM(reach), 0) FROM account_metrics
              WHERE day >= ?1 AND day <= ?2{}
              GROUP BY day ORDER BY day",
            and_eq("account_id", 3, account.is_some())
        ))?;
        let rows = stmt
            .query_map(bind(vec![&from, &to], &account).as_slice(), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
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
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT day, SUM(posts), SUM(views), SUM(reach), SUM(engagements), SUM(clicks)
               FROM account_daily_summary
              WHERE day >= ?1 AND day <= ?2{}
              GROUP BY day ORDER BY day",
            and_eq("account_id", 3, account.is_some())
        ))?;
        let rows = stmt
            .query_map(bind(vec![&from, &to], &account).as_slice(), |r| {
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

/// Adds (`sign` 1) or subtracts (`sign` -1) one post's snapshots to or from the per-account
/// daily summary, as figures of `account`: all its snapshots, or only the one of `day`. The
/// cost is that post's snapshot rows, never the days after them, so deleting a post a year old
/// costs what deleting yesterday's does. Subtract before the snapshots go, add after they come.
/// A summary row left with no posts is removed, as a rebuild would not write it.
pub(crate) fn summary_delta(
    conn: &Connection,
    post_id: i64,
    account: i64,
    day: Option<&str>,
    sign: i64,
) -> StoreResult<()> {
    // With and without the day as separate texts (see `store::filter`), each an index seek.
    let mut upsert = conn.prepare_cached(&format!(
        "INSERT INTO account_daily_summary (account_id, day, posts, views, reach, engagements, clicks)
         SELECT ?2, snapshot_on, ?3, ?3 * COALESCE(views, 0), ?3 * COALESCE(reach, 0),
                ?3 * (COALESCE(reactions, 0) + COALESCE(comments, 0) + COALESCE(shares, 0)
                      + COALESCE(saves, 0)),
                ?3 * COALESCE(clicks, 0)
           FROM post_metrics WHERE post_id = ?1{}
         ON CONFLICT (account_id, day) DO UPDATE SET posts = posts + excluded.posts,
             views = views + excluded.views, reach = reach + excluded.reach,
             engagements = engagements + excluded.engagements, clicks = clicks + excluded.clicks",
        and_eq("snapshot_on", 4, day.is_some())
    ))?;
    upsert.execute(bind(vec![&post_id, &account, &sign], &day).as_slice())?;
    let mut prune = conn.prepare_cached(&format!(
        "DELETE FROM account_daily_summary WHERE account_id = ?2 AND posts <= 0
            AND day IN (SELECT snapshot_on FROM post_metrics WHERE post_id = ?1{})",
        and_eq("snapshot_on", 3, day.is_some())
    ))?;
    prune.execute(bind(vec![&post_id, &account], &day).as_slice())?;
    Ok(())
}

/// Recomputes the per-account daily summary of the given days, one day at a time from the
/// `snapshot_on` index: a batch costs the snapshots of the days it wrote, not of every day
/// after the earliest one.
pub(crate) fn refresh_summary_days<'d>(
    conn: &Connection,
    days: impl IntoIterator<Item = &'d str>,
) -> StoreResult<()> {
    let mut clear = conn.prepare_cached("DELETE FROM account_daily_summary WHERE day = ?1")?;
    let mut fill = conn.prepare_cached(
        "INSERT INTO account_daily_summary (account_id, day, posts, views, reach, engagements, clicks)
         SELECT p.account_id, m.snapshot_on, COUNT(*), COALESCE(SUM(m.views), 0),
                COALESCE(SUM(m.reach), 0),
                COALESCE(SUM(COALESCE(m.reactions, 0) + COALESCE(m.comments, 0)
                             + COALESCE(m.shares, 0) + COALESCE(m.saves, 0)), 0),
                COALESCE(SUM(m.clicks), 0)
           FROM post_metrics m JOIN posts p ON p.id = m.post_id
          WHERE m.snapshot_on = ?1
          GROUP BY p.account_id",
    )?;
    for day in days {
        clear.execute([day])?;
        fill.execute([day])?;
    }
    Ok(())
}

/// Writes `post_latest` for the posts with a snapshot that `cond` (over `post_metrics m`)
/// selects: each one's newest snapshot, beside its slot.
fn write_latest(conn: &Connection, cond: &str, arg: &dyn rusqlite::ToSql) -> StoreResult<()> {
    conn.prepare_cached(&format!(
        "INSERT OR REPLACE INTO post_latest (post_id, account_id, published_at, format, pillar,
                                             snapshot_on, views_label, views, reach, engagements, clicks)
         SELECT p.id, p.account_id, COALESCE(p.scheduled_at, p.published_at), p.format,
                p.pillar, MAX(m.snapshot_on), m.views_label, COALESCE(m.views, 0), COALESCE(m.reach, 0),
                COALESCE(m.reactions, 0) + COALESCE(m.comments, 0) + COALESCE(m.shares, 0)
                    + COALESCE(m.saves, 0),
                COALESCE(m.clicks, 0)
           FROM post_metrics m JOIN posts p ON p.id = m.post_id
          WHERE {cond} AND COALESCE(p.scheduled_at, p.published_at) IS NOT NULL
          GROUP BY m.post_id"
    ))?
    .execute([arg])?;
    Ok(())
}

/// Brings one post's `post_latest` row up to date from its own snapshots (none: no row).
pub(crate) fn refresh_latest_of(conn: &Connection, post_id: i64) -> StoreResult<()> {
    write_latest(conn, "m.post_id = ?1", &post_id)?;
    conn.prepare_cached(
        "DELETE FROM post_latest WHERE post_id = ?1
            AND NOT EXISTS (SELECT 1 FROM post_metrics m WHERE m.post_id = ?1)",
    )?
    .execute([post_id])?;
    Ok(())
}

/// Brings `post_latest` up to date for every post with a snapshot on or after `from_day` (its
/// newest snapshot is then among those), and drops posts whose snapshots are all gone.
pub(crate) fn refresh_latest(conn: &Connection, from_day: &str) -> StoreResult<()> {
    write_latest(conn, "m.snapshot_on >= ?1", &from_day)?;
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

    /// The summary as kept, and as a rebuild from every snapshot would write it.
    fn kept_and_rebuilt(store: &Store) -> (Vec<[String; 7]>, Vec<[String; 7]>) {
        let read = |sql: &str| -> Vec<[String; 7]> {
            let mut stmt = store.conn.prepare(sql).unwrap();
            stmt.query_map([], |r| {
                let mut row: [String; 7] = Default::default();
                for (i, cell) in row.iter_mut().enumerate() {
                    *cell = r
                        .get::<_, rusqlite::types::Value>(i)
                        .map(|v| format!("{v:?}"))?;
                }
                Ok(row)
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
        };
        let kept = read(
            "SELECT account_id, day, posts, views, reach, engagements, clicks
               FROM account_daily_summary ORDER BY account_id, day",
        );
        let rebuilt = read(
            "SELECT p.account_id, m.snapshot_on, COUNT(*), COALESCE(SUM(m.views), 0),
                    COALESCE(SUM(m.reach), 0),
                    COALESCE(SUM(COALESCE(m.reactions, 0) + COALESCE(m.comments, 0)
                                 + COALESCE(m.shares, 0) + COALESCE(m.saves, 0)), 0),
                    COALESCE(SUM(m.clicks), 0)
               FROM post_metrics m JOIN posts p ON p.id = m.post_id
              GROUP BY p.account_id, m.snapshot_on ORDER BY 1, 2",
        );
        (kept, rebuilt)
    }

    /// Each post's latest figures as kept, and as rebuilt from every snapshot.
    fn latest_kept_and_rebuilt(store: &Store) -> (Vec<String>, Vec<String>) {
        let read = |sql: &str| -> Vec<String> {
            let mut stmt = store.conn.prepare(sql).unwrap();
            let n = stmt.column_count();
            stmt.query_map([], |r| {
                (0..n)
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(|cells| cells.join(","))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
        };
        let kept = read(
            "SELECT post_id, account_id, published_at, format, pillar, snapshot_on, views_label,
                    views, reach, engagements, clicks FROM post_latest ORDER BY post_id",
        );
        let rebuilt = read(
            "SELECT p.id, p.account_id, COALESCE(p.scheduled_at, p.published_at), p.format,
                    p.pillar, MAX(m.snapshot_on), m.views_label, COALESCE(m.views, 0),
                    COALESCE(m.reach, 0),
                    COALESCE(m.reactions, 0) + COALESCE(m.comments, 0) + COALESCE(m.shares, 0)
                        + COALESCE(m.saves, 0),
                    COALESCE(m.clicks, 0)
               FROM post_metrics m JOIN posts p ON p.id = m.post_id
              WHERE COALESCE(p.scheduled_at, p.published_at) IS NOT NULL
              GROUP BY m.post_id ORDER BY m.post_id",
        );
        (kept, rebuilt)
    }

    #[track_caller]
    fn assert_summary_exact(store: &Store, after: &str) {
        let (kept, rebuilt) = kept_and_rebuilt(store);
        assert!(!rebuilt.is_empty(), "after {after}: nothing to compare");
        assert_eq!(kept, rebuilt, "summary after {after}");
        let (kept, rebuilt) = latest_kept_and_rebuilt(store);
        assert!(!rebuilt.is_empty(), "after {after}: no latest figures");
        assert_eq!(kept, rebuilt, "latest figures after {after}");
    }

    #[test]
    fn summary_follows_every_write_exactly() {
        let mut store = Store::open_in_memory().unwrap();
        let account = |handle: &str| NewAccount {
            platform: "instagram".into(),
            handle: handle.into(),
            ..Default::default()
        };
        let a = store.accounts().add(&account("a"), 0).unwrap();
        let b = store.accounts().add(&account("b"), 0).unwrap();
        let mut posts = Vec::new();
        for (i, acc) in [a, a, b, a].into_iter().enumerate() {
            let id = store
                .posts()
                .add(
                    &NewPost {
                        account_id: acc,
                        format: "post".into(),
                        status: "published".into(),
                        scheduled_at: Some(1_000 * i as i64),
                        ..Default::default()
                    },
                    0,
                )
                .unwrap();
            posts.push(id);
        }
        let days = ["2026-09-01", "2026-09-02", "2026-10-15", "2026-11-20"];
        for (n, &post) in posts.iter().enumerate() {
            for (d, day) in days.iter().enumerate().skip(n % 2) {
                let k = (n * 10 + d) as i64;
                store
                    .metrics()
                    .record_post_snapshot(&PostSnapshot {
                        post_id: post,
                        snapshot_on: day.to_string(),
                        views: Some(100 + k),
                        reach: (k % 3 != 0).then_some(50 + k),
                        reactions: Some(k),
                        comments: (k % 2 == 0).then_some(2),
                        saves: Some(1),
                        clicks: Some(k % 4),
                        ..Default::default()
                    })
                    .unwrap();
            }
        }
        assert_summary_exact(&store, "first snapshots");
        // A snapshot of a day already held replaces it, with a figure now unknown.
        store
            .metrics()
            .record_post_snapshot(&PostSnapshot {
                post_id: posts[0],
                snapshot_on: days[0].into(),
                views: None,
                reactions: Some(900),
                ..Default::default()
            })
            .unwrap();
        assert_summary_exact(&store, "a replaced snapshot");
        // The oldest post goes, then comes back.
        let gone = store.posts().delete(posts[0]).unwrap();
        assert_summary_exact(&store, "delete");
        store.posts().undelete(&gone).unwrap();
        assert_summary_exact(&store, "undelete");
        // The only post of account b on some days goes: its rows must vanish, not stay at zero.
        let gone = store.posts().delete(posts[2]).unwrap();
        assert_summary_exact(&store, "deleting an account's only post");
        store.posts().undelete(&gone).unwrap();
        assert_summary_exact(&store, "undeleting it");
        // Moving a post to another account moves its figures; moving its slot moves nothing.
        let mut edit = crate::store::PostEdit::from(&store.posts().get(posts[1]).unwrap());
        edit.account_id = b;
        let before = store.posts().update(posts[1], &edit, 1).unwrap();
        assert_summary_exact(&store, "a move to another account");
        store.posts().update(posts[1], &before, 2).unwrap();
        assert_summary_exact(&store, "its undo");
        store.posts().reschedule(posts[3], Some(99_999), 3).unwrap();
        assert_summary_exact(&store, "a reschedule");
        // A batch rebuilds the days it wrote, old ones included.
        let mut bulk = store.bulk().unwrap();
        for (i, day) in ["2026-09-02", "2026-11-21"].iter().enumerate() {
            bulk.post_snapshot(&PostSnapshot {
                post_id: posts[3],
                snapshot_on: day.to_string(),
                views: Some(7_000 + i as i64),
                ..Default::default()
            })
            .unwrap();
        }
        bulk.finish().unwrap();
        assert_summary_exact(&store, "a batch of snapshots");
    }
}
