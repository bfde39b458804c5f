//! Account analytics of a period, aggregated in SQL: the period's posts come from `post_latest`
//! (each post's newest totals beside its publication instant, one index range), the accounts'
//! own daily numbers from `account_metrics`. Every query reads tens of thousands of index
//! entries at most, never the millions of snapshots.

use std::collections::BTreeMap;

use rusqlite::types::Type;
use rusqlite::{Connection, OpenFlags, params};
use serde::Serialize;

use super::StoreResult;
use super::filter::{and_eq, bind};
use super::scope::Scope;
use crate::domain::heatmap::HeatCell;
use crate::domain::kpi::Kpis;

impl super::Store {
    /// A second, read-only connection to the database at `path`, for reading the Analytics
    /// figures on a thread of their own while the app stays live (WAL lets it read beside the
    /// app's writer). It never migrates: a file at another schema version is refused.
    pub fn open_reader(path: &std::path::Path) -> StoreResult<super::Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(2))?;
        conn.pragma_update(None, "query_only", true)?;
        // Through its own small page cache, not a second map of the file: the app's memory
        // stays what it was.
        conn.pragma_update(None, "mmap_size", 0)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found != super::latest_schema_version() {
            return Err(super::StoreError::Invalid(format!(
                "{}: schema {found}, expected {}",
                path.display(),
                super::latest_schema_version()
            )));
        }
        Ok(super::Store {
            conn,
            path: Some(path.to_path_buf()),
            damage: None,
            limited: None,
            session: None,
            changes: Default::default(),
        })
    }
}

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
    /// The post's address on the platform, when known.
    pub permalink: Option<String>,
}

pub struct Analytics<'a> {
    conn: &'a Connection,
}

impl<'a> Analytics<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Self { conn }
    }

    /// The accounts a query covers: the one asked for, or every account (they are few).
    fn account_ids(&self, scope: &Scope) -> StoreResult<Vec<i64>> {
        if let Scope::Only(ids) = scope {
            return Ok(ids.clone());
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM accounts ORDER BY id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        Ok(ids)
    }

    /// Each account's KPIs for the period (accounts with no data at all are left out). One
    /// aggregate per account over its own index range: no sort, no scan of other accounts.
    pub fn kpis(&self, r: &Range, scope: impl Into<Scope>) -> StoreResult<BTreeMap<i64, Kpis>> {
        let scope = scope.into();
        let mut out: BTreeMap<i64, Kpis> = BTreeMap::new();
        // The whole UTC days inside the period from the kept day totals, the partial days at
        // either edge (a local midnight is not a UTC one) from the posts themselves.
        let mut posts = self.conn.prepare_cached(&format!(
            "WITH parts (n, v, i, p, r, e, c) AS (
                 SELECT SUM(posts), {LABELLED_SUMS} FROM post_day_totals
                  WHERE account_id = ?1 AND day >= ?4 AND day < ?5
                 UNION ALL
                 SELECT COUNT(*), {LABELLED_SUMS} FROM post_latest
                  WHERE account_id = ?1 AND published_at >= ?2 AND published_at < ?6
                 UNION ALL
                 SELECT COUNT(*), {LABELLED_SUMS} FROM post_latest
                  WHERE account_id = ?1 AND published_at >= ?7 AND published_at < ?3)
             SELECT COALESCE(SUM(n), 0), SUM(v), SUM(i), SUM(p), COALESCE(SUM(r), 0),
                    COALESCE(SUM(e), 0), COALESCE(SUM(c), 0)
               FROM parts"
        ))?;
        let parts = split(r.start, r.end);
        let mut published = self.conn.prepare_cached(
            "SELECT COUNT(*) FROM posts
              WHERE account_id = ?1 AND scheduled_at >= ?2 AND scheduled_at < ?3
                AND status = 'published'",
        )?;
        let mut days = self.conn.prepare_cached(
            "SELECT COUNT(*), SUM(reach), SUM(profile_visits) FROM account_metrics
              WHERE account_id = ?1 AND day >= ?2 AND day <= ?3",
        )?;
        let mut last = self.conn.prepare_cached(
            "SELECT followers FROM account_metrics
              WHERE account_id = ?1 AND day <= ?2 AND followers IS NOT NULL
              ORDER BY day DESC LIMIT 1",
        )?;
        let before = previous_day(&r.from_day);
        for id in self.account_ids(&scope)? {
            let mut k = Kpis::default();
            let p = &parts;
            let bind = params![
                id,
                r.start,
                r.end,
                p.first,
                p.last,
                p.head_end,
                p.tail_start
            ];
            let (n, labelled) = posts.query_row(bind, |row| {
                let labelled: Vec<(String, Option<i64>)> = ["views", "impressions", "plays"]
                    .iter()
                    .enumerate()
                    .map(|(i, l)| Ok((l.to_string(), row.get(1 + i)?)))
                    .collect::<rusqlite::Result<_>>()?;
                k.reach = row.get(4)?;
                k.engagements = row.get(5)?;
                k.clicks = row.get(6)?;
                Ok((row.get::<_, i64>(0)?, labelled))
            })?;
            k.posts_measured = n;
            k.views = labelled
                .into_iter()
                .filter_map(|(l, v)| Some((l, v?)))
                .collect();
            k.views.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            k.posts = published.query_row(params![id, r.start, r.end], |row| row.get(0))?;
            let (day_rows, reach, visits): (i64, Option<i64>, Option<i64>) = days
                .query_row(params![id, r.from_day, r.to_day], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                })?;
            k.account_reach = reach;
            k.profile_visits = visits;
            let mut at = |day: &str| -> StoreResult<Option<i64>> {
                let mut q = last.query(params![id, day])?;
                Ok(match q.next()? {
                    Some(row) => row.get(0)?,
                    None => None,
                })
            };
            k.followers = at(&r.to_day)?;
            // Growth needs a count at both ends, not only one from long before.
            k.growth = match (k.followers, at(&before)?) {
                (Some(end), Some(s)) => Some(end - s),
                _ => None,
            };
            if n > 0 || k.posts > 0 || day_rows > 0 || scope.names(id) {
                out.insert(id, k);
            }
        }
        Ok(out)
    }

    /// Daily values of `metric` per account over the period, by account then day.
    pub fn trend(
        &self,
        metric: TrendMetric,
        r: &Range,
        scope: impl Into<Scope>,
        utc_offset: i64,
    ) -> StoreResult<Vec<TrendPoint>> {
        let scope = scope.into();
        let column = match metric {
            TrendMetric::Reach => "reach",
            TrendMetric::Views => "views",
            TrendMetric::Followers => "followers",
            TrendMetric::ProfileVisits => "profile_visits",
            TrendMetric::Engagements => {
                // Summed by local day of publication as the period's posts stream past.
                let mut sums: BTreeMap<(i64, String), i64> = BTreeMap::new();
                self.each_post(r.start, r.end, &scope, |p| {
                    let day = chrono::DateTime::from_timestamp(p.published_at + utc_offset, 0)
                        .map(|d| d.date_naive().to_string())
                        .unwrap_or_default();
                    *sums.entry((p.account_id, day)).or_default() += p.engagements;
                })?;
                return Ok(sums
                    .into_iter()
                    .map(|((account_id, day), value)| TrendPoint {
                        account_id,
                        day,
                        value,
                    })
                    .collect());
            }
        };
        let mut rows = Vec::new();
        for account in scope.parts() {
            // The column is one of the four names above, never user text.
            let acc = and_eq("account_id", 3, account.is_some());
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT account_id, day, {column} FROM account_metrics
                  WHERE day >= ?1 AND day <= ?2{acc} AND {column} IS NOT NULL
                  ORDER BY account_id, day"
            ))?;
            let part = stmt.query_map(
                bind(vec![&r.from_day, &r.to_day], &account).as_slice(),
                |row| {
                    Ok(TrendPoint {
                        account_id: row.get(0)?,
                        day: row.get(1)?,
                        value: row.get(2)?,
                    })
                },
            )?;
            for p in part {
                rows.push(p?);
            }
        }
        Ok(rows)
    }

    /// Streams the posts published in `[start, end)` (one account, or all) along the index of
    /// publication instants, without sorting: the callers bucket or rank them as they pass, so
    /// a period of tens of thousands of posts costs one index walk and a few counters. The
    /// format and pillar are lent from the row, not copied: most posts only add to counters.
    fn each_post(
        &self,
        start: i64,
        end: i64,
        scope: &Scope,
        mut f: impl FnMut(&Streamed<'_>),
    ) -> StoreResult<()> {
        for account in scope.parts() {
            let acc = and_eq("account_id", 3, account.is_some());
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT post_id, account_id, published_at, format, pillar, reach, engagements
                   FROM post_latest
                  WHERE published_at >= ?1 AND published_at < ?2{acc}"
            ))?;
            let mut rows = stmt.query(bind(vec![&start, &end], &account).as_slice())?;
            while let Some(row) = rows.next()? {
                let text = |i: usize| -> rusqlite::Result<&str> {
                    row.get_ref(i)?.as_str().map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e))
                    })
                };
                f(&Streamed {
                    post_id: row.get(0)?,
                    account_id: row.get(1)?,
                    published_at: row.get(2)?,
                    format: text(3)?,
                    pillar: text(4)?,
                    reach: row.get(5)?,
                    engagements: row.get(6)?,
                });
            }
        }
        Ok(())
    }

    /// The period's posts sliced by platform, format or content pillar, biggest reach first.
    pub fn breakdown(
        &self,
        by: BreakdownBy,
        r: &Range,
        scope: impl Into<Scope>,
    ) -> StoreResult<Vec<Slice>> {
        let scope = scope.into();
        let platforms: BTreeMap<i64, String> = if by == BreakdownBy::Platform {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id, platform FROM accounts")?;
            stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<Result<_, _>>()?
        } else {
            BTreeMap::new()
        };
        let mut slices: BTreeMap<String, Slice> = BTreeMap::new();
        self.each_post(r.start, r.end, &scope, |p| {
            let key = match by {
                BreakdownBy::Platform => platforms.get(&p.account_id).map_or("", String::as_str),
                BreakdownBy::Format => p.format,
                BreakdownBy::Pillar if p.pillar.is_empty() => "(no pillar)",
                BreakdownBy::Pillar => p.pillar,
            };
            // The key is copied once per slice, not once per post.
            if !slices.contains_key(key) {
                let slice = Slice {
                    key: key.to_string(),
                    posts: 0,
                    reach: 0,
                    engagements: 0,
                };
                slices.insert(key.to_string(), slice);
            }
            let Some(s) = slices.get_mut(key) else { return };
            s.posts += 1;
            s.reach += p.reach;
            s.engagements += p.engagements;
        })?;
        let mut out: Vec<Slice> = slices.into_values().collect();
        out.sort_by(|a, b| b.reach.cmp(&a.reach).then(a.key.cmp(&b.key)));
        Ok(out)
    }

    /// Engagement by weekday and hour of publication (local, via `utc_offset` seconds) of the
    /// posts published in `[start, end)`.
    pub fn heatmap(
        &self,
        start: i64,
        end: i64,
        scope: impl Into<Scope>,
        utc_offset: i64,
    ) -> StoreResult<Vec<HeatCell>> {
        let mut cells = [[(0i64, 0i64, 0i64); 24]; 7];
        self.each_post(start, end, &scope.into(), |p| {
            let local = p.published_at + utc_offset;
            // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
            let weekday = (local.div_euclid(86_400) + 3).rem_euclid(7) as usize;
            let hour = (local.rem_euclid(86_400) / 3_600) as usize;
            let c = &mut cells[weekday][hour];
            c.0 += 1;
            c.1 += p.engagements;
            c.2 += p.reach;
        })?;
        let mut out = Vec::new();
        for (w, row) in cells.iter().enumerate() {
            for (h, (posts, engagements, reach)) in row.iter().enumerate() {
                if *posts > 0 {
                    out.push(HeatCell {
                        weekday: w as u32,
                        hour: h as u32,
                        posts: *posts,
                        engagements: *engagements,
                        reach: *reach,
                    });
                }
            }
        }
        Ok(out)
    }

    /// The period's best and worst posts by engagement rate (posts with reach) and by reach,
    /// `n` of each, ranked in one pass over the period.
    pub fn ranked_posts(
        &self,
        r: &Range,
        scope: impl Into<Scope>,
        n: [usize; 4],
    ) -> StoreResult<[Vec<PostPerf>; 4]> {
        // (key, post id): kept sorted, cut to n; ties go to the older id.
        let mut best: [Vec<(f64, i64)>; 4] = Default::default();
        let keep = |list: &mut Vec<(f64, i64)>, key: f64, id: i64, n: usize| {
            let at = list.partition_point(|(k, i)| (*k, *i) > (key, -id));
            if at < n {
                list.insert(at, (key, -id));
                list.truncate(n);
            }
        };
        self.each_post(r.start, r.end, &scope.into(), |p| {
            if p.reach <= 0 {
                return;
            }
            let er = p.engagements as f64 / p.reach as f64;
            let reach = p.reach as f64;
            keep(&mut best[0], er, p.post_id, n[0]);
            keep(&mut best[1], -er, p.post_id, n[1]);
            keep(&mut best[2], reach, p.post_id, n[2]);
            keep(&mut best[3], -reach, p.post_id, n[3]);
        })?;
        let mut out: [Vec<PostPerf>; 4] = Default::default();
        for (list, ids) in out.iter_mut().zip(best.iter()) {
            for (_, neg_id) in ids {
                list.push(self.post_perf(-neg_id)?);
            }
        }
        Ok(out)
    }

    /// Posts published in `[start, end)`, most engaging first (a few).
    pub fn posts_between(
        &self,
        start: i64,
        end: i64,
        scope: impl Into<Scope>,
        limit: usize,
    ) -> StoreResult<Vec<PostPerf>> {
        let mut top: Vec<(i64, i64)> = Vec::new();
        self.each_post(start, end, &scope.into(), |p| {
            let at = top.partition_point(|(e, i)| (*e, *i) > (p.engagements, -p.post_id));
            if at < limit {
                top.insert(at, (p.engagements, -p.post_id));
                top.truncate(limit);
            }
        })?;
        top.iter().map(|(_, id)| self.post_perf(-id)).collect()
    }

    /// One post's newest numbers and title, by its key.
    fn post_perf(&self, id: i64) -> StoreResult<PostPerf> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.post_id, l.account_id, l.published_at, l.format, l.views_label, l.views,
                    l.reach, l.engagements,
                    CASE WHEN p.title <> '' THEN p.title ELSE p.caption END, p.permalink
               FROM post_latest l JOIN posts p ON p.id = l.post_id
              WHERE l.post_id = ?1",
        )?;
        Ok(stmt.query_row([id], |row| {
            Ok(PostPerf {
                id: row.get(0)?,
                account_id: row.get(1)?,
                published_at: row.get(2)?,
                format: row.get(3)?,
                views_label: row.get(4)?,
                views: row.get(5)?,
                reach: row.get(6)?,
                engagements: row.get(7)?,
                title: row.get(8)?,
                permalink: row.get(9)?,
            })
        })?)
    }
}

/// A post of a period as it streams past (its text lent from the row).
struct Streamed<'r> {
    post_id: i64,
    account_id: i64,
    published_at: i64,
    format: &'r str,
    pillar: &'r str,
    reach: i64,
    engagements: i64,
}

const DAY_SECONDS: i64 = 86_400;

/// The sums of a period's posts, the same over `post_latest` and `post_day_totals` (whose
/// columns bear the same names): views by the name the platform gives them, never added
/// across names.
const LABELLED_SUMS: &str = "SUM(CASE views_label WHEN 'views' THEN views END),
    SUM(CASE views_label WHEN 'impressions' THEN views END),
    SUM(CASE views_label WHEN 'plays' THEN views END),
    SUM(reach), SUM(engagements), SUM(clicks)";

/// How `[start, end)` is read: the UTC days (`post_day_totals.day`) wholly inside it as
/// `[first, last)`, and the instants left at either edge, `[start, head_end)` and
/// `[tail_start, end)`. With no whole day inside (or from 1970 back, where a day's number
/// rounds the other way) the days are none and the head edge is the whole period.
#[derive(Debug, PartialEq)]
struct Split {
    first: i64,
    last: i64,
    head_end: i64,
    tail_start: i64,
}

fn split(start: i64, end: i64) -> Split {
    let first = start.div_euclid(DAY_SECONDS) + i64::from(start.rem_euclid(DAY_SECONDS) != 0);
    let last = end.div_euclid(DAY_SECONDS);
    if start <= 0 || first >= last {
        return Split {
            first: 0,
            last: 0,
            head_end: end,
            tail_start: end,
        };
    }
    Split {
        first,
        last,
        head_end: first * DAY_SECONDS,
        tail_start: last * DAY_SECONDS,
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
        let [top, _, _, low] = a.ranked_posts(&week, None, [2, 0, 0, 1]).unwrap();
        assert_eq!(
            top.iter().map(|p| p.format.as_str()).collect::<Vec<_>>(),
            ["reel", "article"]
        );
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

    #[test]
    fn periods_split_into_whole_utc_days_and_edges() {
        let d = MON / DAY;
        // Kyiv's Monday starts at 22:00 UTC on Sunday: two hours at the head, 22 at the tail.
        let (start, end) = (MON - 2 * 3600, MON - 2 * 3600 + 7 * DAY);
        let split_kyiv = Split {
            first: d,
            last: d + 6,
            head_end: MON,
            tail_start: MON + 6 * DAY,
        };
        assert_eq!(split(start, end), split_kyiv);
        // UTC midnights: no edge at all.
        let utc = Split {
            first: d,
            last: d + 1,
            head_end: MON,
            tail_start: MON + DAY,
        };
        assert_eq!(split(MON, MON + DAY), utc);
        // No whole UTC day inside (a local day east of UTC), and 1970 itself: post by post.
        let alone = |end| Split {
            first: 0,
            last: 0,
            head_end: end,
            tail_start: end,
        };
        let india = MON - 19_800;
        assert_eq!(split(india, india + DAY), alone(india + DAY));
        assert_eq!(split(0, 3 * DAY), alone(3 * DAY));
        assert_eq!(split(-DAY, DAY), alone(DAY));
    }

    /// The day totals kept by triggers equal a rebuild from `post_latest` after each kind of
    /// write, and the KPIs read through them equal a sum over the posts, in every zone.
    #[test]
    fn kept_day_totals_follow_every_write() {
        let (store, ig, li) = seeded();
        let rows = |sql: &str| -> Vec<Vec<String>> {
            let mut stmt = store.conn.prepare(sql).unwrap();
            let n = stmt.column_count();
            stmt.query_map([], |r| {
                (0..n)
                    .map(|i| Ok(format!("{:?}", r.get_ref(i)?)))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
        };
        let check = |when: &str| {
            assert_eq!(
                rows("SELECT * FROM post_day_totals ORDER BY 1, 2, 3"),
                rows(
                    "SELECT account_id, published_at / 86400, views_label, COUNT(*), SUM(views),
                            SUM(reach), SUM(engagements), SUM(clicks)
                       FROM post_latest GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
                ),
                "{when}"
            );
            // Local midnights of UTC, Kyiv, New York, India and Auckland; 1 to 30 days.
            for offset in [0, 7_200, -18_000, 19_800, 46_800] {
                for days in [1, 3, 7, 30] {
                    let start = MON - DAY - offset;
                    let r = range("2026-11-01", "2026-11-30", start, start + days * DAY);
                    let kpis = store.analytics().kpis(&r, None).unwrap();
                    for id in [ig, li] {
                        let direct = rows(&format!(
                            "SELECT COUNT(*), {LABELLED_SUMS} FROM post_latest
                              WHERE account_id = {id} AND published_at >= {}
                                AND published_at < {}",
                            r.start, r.end
                        ));
                        let k = kpis.get(&id).cloned().unwrap_or_default();
                        let views = |l: &str| {
                            let v = k.views.iter().find(|(name, _)| name == l);
                            format!("{:?}", v.map(|(_, n)| *n))
                        };
                        let sums = |i: usize| {
                            direct[0][i]
                                .trim_start_matches("Integer(")
                                .trim_end_matches(')')
                                .parse::<i64>()
                                .ok()
                        };
                        let at = format!("{when}: account {id}, offset {offset}, {days} days");
                        assert_eq!(Some(k.posts_measured), sums(0), "{at}");
                        for (i, label) in [(1, "views"), (2, "impressions"), (3, "plays")] {
                            assert_eq!(views(label), format!("{:?}", sums(i)), "{at}: {label}");
                        }
                        assert_eq!(Some(k.reach), sums(4).or(Some(0)), "{at}");
                        assert_eq!(Some(k.engagements), sums(5).or(Some(0)), "{at}");
                        assert_eq!(Some(k.clicks), sums(6).or(Some(0)), "{at}");
                    }
                }
            }
        };
        check("as seeded");
        let write = |sql: &str| store.conn.execute(sql, []).unwrap();
        // A post moved across a UTC midnight (the trigger that follows posts).
        write("UPDATE posts SET scheduled_at = scheduled_at + 20 * 3600 WHERE format = 'post'");
        check("moved");
        // A newer snapshot under another name (post_latest's row replaced).
        let reel: i64 = store
            .conn
            .query_row("SELECT id FROM posts WHERE format = 'reel'", [], |r| {
                r.get(0)
            })
            .unwrap();
        store
            .metrics()
            .record_post_snapshot(&PostSnapshot {
                post_id: reel,
                snapshot_on: "2026-11-25".into(),
                views_label: "plays".into(),
                views: Some(7_000),
                reach: Some(900),
                reactions: Some(70),
                ..Default::default()
            })
            .unwrap();
        check("a new snapshot");
        write(&format!(
            "UPDATE posts SET account_id = {li} WHERE id = {reel}"
        ));
        check("to another account");
        write("DELETE FROM posts WHERE format = 'article'");
        check("deleted");
    }

    /// Every period query walks an index; none scans a table.
    #[test]
    fn queries_use_indexes() {
        let (store, ..) = seeded();
        // The campaign view's newest posts: an index walk to the LIMIT, no sort.
        let newest: Vec<String> = store
            .conn
            .prepare(
                "EXPLAIN QUERY PLAN SELECT p.id FROM posts p
                   LEFT JOIN post_latest l ON l.post_id = p.id WHERE p.campaign_id = 1
                  ORDER BY COALESCE(p.published_at, p.scheduled_at) DESC, p.id DESC LIMIT 20",
            )
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            newest.iter().all(|l| !l.contains("TEMP B-TREE")),
            "{newest:?}"
        );
        let plans = [
            "SELECT COUNT(*), SUM(views) FROM post_latest
              WHERE account_id = 1 AND published_at >= 1 AND published_at < 2",
            "SELECT SUM(posts), SUM(views) FROM post_day_totals
              WHERE account_id = 1 AND day >= 1 AND day < 2",
            "SELECT COUNT(*) FROM posts WHERE account_id = 1 AND scheduled_at >= 1
                AND scheduled_at < 2 AND status = 'published'",
            "SELECT post_id, account_id, published_at, format, pillar, reach, engagements
               FROM post_latest WHERE published_at >= 1 AND published_at < 2",
            "SELECT post_id, account_id, published_at, format, pillar, reach, engagements
               FROM post_latest WHERE published_at >= 1 AND published_at < 2 AND account_id = 1",
            "SELECT followers FROM account_metrics WHERE account_id = 1 AND day <= '2026-11-01'
                AND followers IS NOT NULL ORDER BY day DESC LIMIT 1",
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
                    && !text.contains("SCAN posts")
                    && !text.contains("SCAN post_day_totals"),
                "{sql}\n{text}"
            );
        }
    }
}
