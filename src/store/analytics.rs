//! Account analytics of a period, aggregated in SQL: the period's posts come from `post_latest`
//! (each post's newest totals beside its publication instant, one index range), the accounts'
//! own daily numbers from `account_metrics`. Every query reads tens of thousands of index
//! entries at most, never the millions of snapshots.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use serde::Serialize;

use super::StoreResult;
use crate::domain::heatmap::HeatCell;
use crate::domain::kpi::Kpis;

/// A period as the queries need it: local days for the accounts' daily rows, and the instants
/// the first day starts and the day after the last starts, for posts.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    pub from_day: String,
    pub to_day: String,
    pub start: i64,
    pub end: i64,
}

/// A line of the trend chart: one account's value on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub account_id: i64,
    pub day: String,
    pub value: i64,
}

/// What the trend chart can draw (`m` cycles).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendMetric {
    Reach,
    Views,
    Followers,
    ProfileVisits,
    Engagements,
}

impl TrendMetric {
    pub const ALL: [TrendMetric; 5] = [
        TrendMetric::Reach,
        TrendMetric::Engagements,
        TrendMetric::Views,
        TrendMetric::Followers,
        TrendMetric::ProfileVisits,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TrendMetric::Reach => "reach",
            TrendMetric::Views => "views",
            TrendMetric::Followers => "followers",
            TrendMetric::ProfileVisits => "profile visits",
            TrendMetric::Engagements => "engagements (by day posted)",
        }
    }

    pub fn next(self) -> TrendMetric {
        let i = Self::ALL.iter().position(|m| *m == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

/// How `b` slices the period's posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakdownBy {
    Platform,
    Format,
    Pillar,
}

/// One slice of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slice {
    pub key: String,
    pub posts: i64,
    pub reach: i64,
    pub engagements: i64,
}

/// Which posts rank first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostRank {
    TopByEr,
    BottomByEr,
    TopByReach,
    BottomByReach,
}

/// A post of the period with its newest numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostPerf {
    pub id: i64,
    pub account_id: i64,
    pub published_at: i64,
    pub title: String,
    pub format: String,
    pub views_label: String,
    pub views: i64,
    pub reach: i64,
    pub engagements: i64,
}

pub struct Analytics<'a> {
    conn: &'a Connection,
}

impl<'a> Analytics<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Self { conn }
    }

    /// Each account's KPIs for the period (accounts with no data at all are left out).
    pub fn kpis(&self, r: &Range, account: Option<i64>) -> StoreResult<BTreeMap<i64, Kpis>> {
        let mut out: BTreeMap<i64, Kpis> = BTreeMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT account_id, views_label, COUNT(*), SUM(views), SUM(reach), SUM(engagements),
                    SUM(clicks)
               FROM post_latest
              WHERE published_at >= ?1 AND published_at < ?2 AND (?3 IS NULL OR account_id = ?3)
              GROUP BY account_id, views_label",
        )?;
        let mut rows = stmt.query(params![r.start, r.end, account])?;
        while let Some(row) = rows.next()? {
            let k = out.entry(row.get(0)?).or_default();
            let label: String = row.get(1)?;
            k.posts_measured += row.get::<_, i64>(2)?;
            k.views.push((label, row.get(3)?));
            k.reach += row.get::<_, i64>(4)?;
            k.engagements += row.get::<_, i64>(5)?;
            k.clicks += row.get::<_, i64>(6)?;
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT account_id, COUNT(*) FROM posts
              WHERE status = 'published' AND scheduled_at >= ?1 AND scheduled_at < ?2
                AND (?3 IS NULL OR account_id = ?3)
              GROUP BY account_id",
        )?;
        let mut rows = stmt.query(params![r.start, r.end, account])?;
        while let Some(row) = rows.next()? {
            out.entry(row.get(0)?).or_default().posts = row.get(1)?;
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT account_id, SUM(reach), SUM(profile_visits) FROM account_metrics
              WHERE day >= ?1 AND day <= ?2 AND (?3 IS NULL OR account_id = ?3)
              GROUP BY account_id",
        )?;
        let mut rows = stmt.query(params![r.from_day, r.to_day, account])?;
        while let Some(row) = rows.next()? {
            let k = out.entry(row.get(0)?).or_default();
            k.account_reach = row.get(1)?;
            k.profile_visits = row.get(2)?;
        }
        // Followers at both ends: one indexed look-up per account and end.
        let mut last = self.conn.prepare_cached(
            "SELECT followers FROM account_metrics
              WHERE account_id = ?1 AND day <= ?2 AND followers IS NOT NULL
              ORDER BY day DESC LIMIT 1",
        )?;
        let before = previous_day(&r.from_day);
        for (id, k) in out.iter_mut() {
            let at =
                |day: &str, stmt: &mut rusqlite::CachedStatement<'_>| -> StoreResult<Option<i64>> {
                    let mut q = stmt.query(params![id, day])?;
                    Ok(match q.next()? {
                        Some(row) => row.get(0)?,
                        None => None,
                    })
                };
            k.followers = at(&r.to_day, &mut last)?;
            // Growth needs a count inside the period too, not only one from long before.
            let start = at(&before, &mut last)?;
            k.growth = match (k.followers, start) {
                (Some(end), Some(s)) => Some(end - s),
                _ => None,
            };
            k.views.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        Ok(out)
    }

    /// Daily values of `metric` per account over the period, by account then day.
    pub fn trend(
        &self,
        metric: TrendMetric,
        r: &Range,
        account: Option<i64>,
        utc_offset: i64,
    ) -> StoreResult<Vec<TrendPoint>> {
        let sql = match metric {
            TrendMetric::Reach => {
                "SELECT account_id, day, reach FROM account_metrics
                  WHERE day >= ?1 AND day <= ?2 AND (?3 IS NULL OR account_id = ?3)
                    AND reach IS NOT NULL ORDER BY account_id, day"
            }
            TrendMetric::Views => {
                "SELECT account_id, day, views FROM account_metrics
                  WHERE day >= ?1 AND day <= ?2 AND (?3 IS NULL OR account_id = ?3)
                    AND views IS NOT NULL ORDER BY account_id, day"
            }
            TrendMetric::Followers => {
                "SELECT account_id, day, followers FROM account_metrics
                  WHERE day >= ?1 AND day <= ?2 AND (?3 IS NULL OR account_id = ?3)
                    AND followers IS NOT NULL ORDER BY account_id, day"
            }
            TrendMetric::ProfileVisits => {
                "SELECT account_id, day, profile_visits FROM account_metrics
                  WHERE day >= ?1 AND day <= ?2 AND (?3 IS NULL OR account_id = ?3)
                    AND profile_visits IS NOT NULL ORDER BY account_id, day"
            }
            TrendMetric::Engagements => {
                "SELECT account_id, date(published_at + ?6, 'unixepoch') AS d, SUM(engagements)
                   FROM post_latest
                  WHERE published_at >= ?4 AND published_at < ?5 AND (?3 IS NULL OR account_id = ?3)
                  GROUP BY account_id, d ORDER BY account_id, d"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let bind = params![r.from_day, r.to_day, account, r.start, r.end, utc_offset];
        let map = |row: &rusqlite::Row<'_>| {
            Ok(TrendPoint {
                account_id: row.get(0)?,
                day: row.get(1)?,
                value: row.get(2)?,
            })
        };
        // Statements bind only the parameters they name; pass the ones each uses.
        let rows = if metric == TrendMetric::Engagements {
            stmt.query_map(bind, map)?.collect::<Result<Vec<_>, _>>()?
        } else {
            stmt.query_map(params![r.from_day, r.to_day, account], map)?
                .collect::<Result<Vec<_>, _>>()?
        };
        Ok(rows)
    }

    /// The period's posts sliced by platform, format or content pillar, biggest reach first.
    pub fn breakdown(
        &self,
        by: BreakdownBy,
        r: &Range,
        account: Option<i64>,
    ) -> StoreResult<Vec<Slice>> {
        let sql = match by {
            BreakdownBy::Platform => {
                "SELECT a.platform, SUM(x.n), SUM(x.reach), SUM(x.eng)
                   FROM (SELECT account_id, COUNT(*) AS n, SUM(reach) AS reach,
                                SUM(engagements) AS eng
                           FROM post_latest
                          WHERE published_at >= ?1 AND published_at < ?2
                            AND (?3 IS NULL OR account_id = ?3)
                          GROUP BY account_id) x
                   JOIN accounts a ON a.id = x.account_id
                  GROUP BY a.platform ORDER BY 3 DESC, 1"
            }
            BreakdownBy::Format => {
                "SELECT format, COUNT(*), SUM(reach), SUM(engagements) FROM post_latest
                  WHERE published_at >= ?1 AND published_at < ?2 AND (?3 IS NULL OR account_id = ?3)
                  GROUP BY format ORDER BY 3 DESC, 1"
            }
            BreakdownBy::Pillar => {
                "SELECT CASE WHEN pillar = '' THEN '(no pillar)' ELSE pillar END AS k, COUNT(*),
                        SUM(reach), SUM(engagements) FROM post_latest
                  WHERE published_at >= ?1 AND published_at < ?2 AND (?3 IS NULL OR account_id = ?3)
                  GROUP BY k ORDER BY 3 DESC, 1"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map(params![r.start, r.end, account], |row| {
                Ok(Slice {
                    key: row.get(0)?,
                    posts: row.get(1)?,
                    reach: row.get(2)?,
                    engagements: row.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Engagement by weekday and hour of publication (local, via `utc_offset` seconds) of the
    /// posts published in `[start, end)`.
    pub fn heatmap(
        &self,
        start: i64,
        end: i64,
        account: Option<i64>,
        utc_offset: i64,
    ) -> StoreResult<Vec<HeatCell>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ((published_at + ?4) / 86400 + 3) % 7 AS wd,
                    (published_at + ?4) % 86400 / 3600 AS hr,
                    COUNT(*), SUM(engagements), SUM(reach)
               FROM post_latest
              WHERE published_at >= ?1 AND published_at < ?2 AND (?3 IS NULL OR account_id = ?3)
              GROUP BY wd, hr",
        )?;
        let rows = stmt
            .query_map(params![start, end, account, utc_offset], |row| {
                Ok(HeatCell {
                    weekday: row.get::<_, i64>(0)?.rem_euclid(7) as u32,
                    hour: row.get::<_, i64>(1)?.rem_euclid(24) as u32,
                    posts: row.get(2)?,
                    engagements: row.get(3)?,
                    reach: row.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The period's best or worst posts by engagement rate (posts with reach) or by reach.
    pub fn ranked_posts(
        &self,
        rank: PostRank,
        r: &Range,
        account: Option<i64>,
        limit: i64,
    ) -> StoreResult<Vec<PostPerf>> {
        let order = match rank {
            PostRank::TopByEr => "CAST(l.engagements AS REAL) / l.reach DESC",
            PostRank::BottomByEr => "CAST(l.engagements AS REAL) / l.reach ASC",
            PostRank::TopByReach => "l.reach DESC",
            PostRank::BottomByReach => "l.reach ASC",
        };
        let sql = format!(
            "SELECT l.post_id, l.account_id, l.published_at, l.format, l.views_label, l.views,
                    l.reach, l.engagements
               FROM post_latest l
              WHERE l.published_at >= ?1 AND l.published_at < ?2
                AND (?3 IS NULL OR l.account_id = ?3) AND l.reach > 0
              ORDER BY {order}, l.post_id LIMIT ?4"
        );
        self.posts_with_titles(&sql, params![r.start, r.end, account, limit])
    }

    /// Posts published in `[start, end)`, with numbers, most engaging first (a page).
    pub fn posts_between(
        &self,
        start: i64,
        end: i64,
        account: Option<i64>,
        limit: i64,
    ) -> StoreResult<Vec<PostPerf>> {
        self.posts_with_titles(
            "SELECT l.post_id, l.account_id, l.published_at, l.format, l.views_label, l.views,
                    l.reach, l.engagements
               FROM post_latest l
              WHERE l.published_at >= ?1 AND l.published_at < ?2
                AND (?3 IS NULL OR l.account_id = ?3)
              ORDER BY l.engagements DESC, l.post_id LIMIT ?4",
            params![start, end, account, limit],
        )
    }

    fn posts_with_titles(
        &self,
        sql: &str,
        bind: &[&dyn rusqlite::ToSql],
    ) -> StoreResult<Vec<PostPerf>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut found = stmt
            .query_map(bind, |row| {
                Ok(PostPerf {
                    id: row.get(0)?,
                    account_id: row.get(1)?,
                    published_at: row.get(2)?,
                    title: String::new(),
                    format: row.get(3)?,
                    views_label: row.get(4)?,
                    views: row.get(5)?,
                    reach: row.get(6)?,
                    engagements: row.get(7)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut title = self.conn.prepare_cached(
            "SELECT CASE WHEN title <> '' THEN title ELSE caption END FROM posts WHERE id = ?1",
        )?;
        for p in &mut found {
            p.title = title.query_row([p.id], |r| r.get(0))?;
        }
        Ok(found)
    }
}

fn previous_day(day: &str) -> String {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.pred_opt())
        .map_or_else(|| day.to_string(), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{AccountDay, NewAccount, NewPost, PostSnapshot, Store};

    const DAY: i64 = 86_400;
    /// 2026-11-02 00:00 UTC, a Monday.
    const MON: i64 = 1_793_577_600;

    fn range(from_day: &str, to_day: &str, start: i64, end: i64) -> Range {
        Range {
            from_day: from_day.into(),
            to_day: to_day.into(),
            start,
            end,
        }
    }

    fn seeded() -> (Store, i64, i64) {
        let store = Store::open_in_memory().unwrap();
        let add = |platform: &str| {
            store
                .accounts()
                .add(
                    &NewAccount {
                        platform: platform.into(),
                        handle: "lumen".into(),
                        ..Default::default()
                    },
                    0,
                )
                .unwrap()
        };
        let (ig, li) = (add("instagram"), add("linkedin"));
        // (account, at, format, pillar, label, views, reach, reactions, comments)
        let posts = [
            (
                ig,
                MON + 9 * 3600,
                "reel",
                "promo",
                "views",
                1_000,
                800,
                40,
                8,
            ),
            (
                ig,
                MON + DAY + 18 * 3600,
                "post",
                "",
                "views",
                500,
                400,
                10,
                2,
            ),
            (
                li,
                MON + 2 * DAY + 9 * 3600,
                "article",
                "education",
                "impressions",
                300,
                200,
                6,
                4,
            ),
            // Before the period: not counted.
            (ig, MON - DAY, "post", "", "views", 9_999, 9_999, 999, 99),
        ];
        for (account, at, format, pillar, label, views, reach, reactions, comments) in posts {
            let id = store
                .posts()
                .add(
                    &NewPost {
                        account_id: account,
                        format: format.into(),
                        status: "published".into(),
                        pillar: pillar.into(),
                        scheduled_at: Some(at),
                        ..Default::default()
                    },
                    0,
                )
                .unwrap();
            // An older snapshot first: only the newest may count.
            for (day, scale) in [("2026-11-05", 2), ("2026-11-20", 1)] {
                store
                    .metrics()
                    .record_post_snapshot(&PostSnapshot {
                        post_id: id,
                        snapshot_on: day.into(),
                        views_label: label.into(),
                        views: Some(views / scale),
                        reach: Some(reach / scale),
                        reactions: Some(reactions / scale),
                        comments: Some(comments / scale),
                        ..Default::default()
                    })
                    .unwrap();
            }
        }
        for (day, followers, reach) in [
            ("2026-11-01", 1_000, 50),
            ("2026-11-02", 1_010, 60),
            ("2026-11-08", 1_100, 70),
        ] {
            store
                .metrics()
                .record_account_day(&AccountDay {
                    account_id: ig,
                    day: day.into(),
                    followers: Some(followers),
                    reach: Some(reach),
                    views: None,
                    profile_visits: Some(5),
                })
                .unwrap();
        }
        (store, ig, li)
    }

    #[test]
    fn kpis_of_a_week() {
        let (store, ig, li) = seeded();
        let week = range("2026-11-02", "2026-11-08", MON, MON + 7 * DAY);
        let all = store.analytics().kpis(&week, None).unwrap();
        let k = &all[&ig];
        assert_eq!((k.posts, k.posts_measured), (2, 2));
        assert_eq!(k.views, vec![("views".to_string(), 1_500)]);
        assert_eq!((k.reach, k.engagements), (1_200, 60));
        assert_eq!((k.followers, k.growth), (Some(1_100), Some(100)));
        assert_eq!((k.account_reach, k.profile_visits), (Some(130), Some(10)));
        let l = &all[&li];
        assert_eq!(l.views, vec![("impressions".to_string(), 300)]);
        assert_eq!((l.followers, l.growth), (None, None));
        let only = store.analytics().kpis(&week, Some(li)).unwrap();
        assert_eq!(only.keys().copied().collect::<Vec<_>>(), vec![li]);
    }

    #[test]
    fn breakdowns_heatmap_and_ranking() {
        let (store, ig, _) = seeded();
        let week = range("2026-11-02", "2026-11-08", MON, MON + 7 * DAY);
        let a = store.analytics();
        let by_platform = a.breakdown(BreakdownBy::Platform, &week, None).unwrap();
        let keys: Vec<(&str, i64)> = by_platform
            .iter()
            .map(|s| (s.key.as_str(), s.posts))
            .collect();
        assert_eq!(keys, vec![("instagram", 2), ("linkedin", 1)]);
        let by_pillar = a.breakdown(BreakdownBy::Pillar, &week, Some(ig)).unwrap();
        assert_eq!(by_pillar[0].key, "promo");
        assert_eq!(by_pillar[1].key, "(no pillar)");
        let cells = a.heatmap(MON, MON + 7 * DAY, None, 0).unwrap();
        let monday_9 = cells
            .iter()
            .find(|c| c.weekday == 0 && c.hour == 9)
            .unwrap();
        assert_eq!((monday_9.posts, monday_9.engagements), (1, 48));
        // Two hours ahead of UTC, the Tuesday post moves to 20:00.
        let shifted = a.heatmap(MON, MON + 7 * DAY, Some(ig), 7_200).unwrap();
        assert!(shifted.iter().any(|c| c.weekday == 1 && c.hour == 20));
        // ER: reel 48/800 = 6%, post 12/400 = 3%, article 10/200 = 5%.
        let top = a.ranked_posts(PostRank::TopByEr, &week, None, 2).unwrap();
        assert_eq!(
            top.iter().map(|p| p.format.as_str()).collect::<Vec<_>>(),
            ["reel", "article"]
        );
        let low = a
            .ranked_posts(PostRank::BottomByReach, &week, None, 1)
            .unwrap();
        assert_eq!(low[0].format, "article");
        let trend = a
            .trend(TrendMetric::Engagements, &week, Some(ig), 0)
            .unwrap();
        assert_eq!(
            trend
                .iter()
                .map(|t| (t.day.as_str(), t.value))
                .collect::<Vec<_>>(),
            [("2026-11-02", 48), ("2026-11-03", 12)]
        );
        let reach = a.trend(TrendMetric::Reach, &week, None, 0).unwrap();
        assert_eq!(reach.len(), 2);
    }

    #[test]
    fn a_moved_post_moves_in_the_period() {
        let (store, ig, _) = seeded();
        let week = range("2026-11-02", "2026-11-08", MON, MON + 7 * DAY);
        let before = store.analytics().kpis(&week, None).unwrap()[&ig].posts_measured;
        store
            .conn
            .execute(
                "UPDATE posts SET scheduled_at = scheduled_at - 30 * 86400 WHERE format = 'reel'",
                [],
            )
            .unwrap();
        let after = store.analytics().kpis(&week, None).unwrap()[&ig].posts_measured;
        assert_eq!((before, after), (2, 1));
    }

    /// Every period query walks an index; none scans a table.
    #[test]
    fn queries_use_indexes() {
        let (store, ..) = seeded();
        let plans = [
            "SELECT account_id, views_label, COUNT(*), SUM(views) FROM post_latest
              WHERE published_at >= 1 AND published_at < 2 GROUP BY account_id, views_label",
            "SELECT account_id, views_label, COUNT(*), SUM(views) FROM post_latest
              WHERE published_at >= 1 AND published_at < 2 AND account_id = 1
              GROUP BY account_id, views_label",
            "SELECT account_id, COUNT(*) FROM posts
              WHERE status = 'published' AND scheduled_at >= 1 AND scheduled_at < 2
              GROUP BY account_id",
            "SELECT account_id, SUM(reach) FROM account_metrics
              WHERE day >= '2026-11-01' AND day <= '2026-11-02' AND account_id = 1
              GROUP BY account_id",
            "SELECT followers FROM account_metrics WHERE account_id = 1 AND day <= '2026-11-01'
                AND followers IS NOT NULL ORDER BY day DESC LIMIT 1",
            "SELECT format, COUNT(*) FROM post_latest WHERE published_at >= 1 AND published_at < 2
              GROUP BY format",
        ];
        for sql in plans {
            let plan: Vec<String> = store
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let text = plan.join(" | ");
            assert!(
                text.contains("USING")
                    && !text.contains("SCAN post_latest")
                    && !text.contains("SCAN posts"),
                "{sql}\n{text}"
            );
        }
    }
}
