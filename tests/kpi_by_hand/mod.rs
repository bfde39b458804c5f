//! The KPIs of one account and period computed straight from the base tables, for the tests
//! that compare them with `analytics --json` and with the Analytics tab.
#![allow(dead_code)]

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::common;

/// The KPIs of one account over local days `from..=to`, straight from the base tables: each
/// post's newest snapshot found by a correlated MAX, not through `post_latest`.
pub fn by_hand(conn: &Connection, account: i64, from: &str, to: &str) -> serde_json::Value {
    let clock = common::clock();
    let day = |s: &str| s.parse::<NaiveDate>().unwrap();
    let (start, end) = clock.span(day(from), day(to));
    let posts: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM posts WHERE account_id = ?1 AND status = 'published'
                AND scheduled_at >= ?2 AND scheduled_at < ?3",
            params![account, start, end],
            |r| r.get(0),
        )
        .unwrap();
    let (measured, views, reach, engagements, clicks): (i64, i64, i64, i64, i64) = conn
        .query_row(
            "SELECT COUNT(*), COALESCE(SUM(m.views), 0), COALESCE(SUM(m.reach), 0),
                    COALESCE(SUM(COALESCE(m.reactions, 0) + COALESCE(m.comments, 0)
                        + COALESCE(m.shares, 0) + COALESCE(m.saves, 0)), 0),
                    COALESCE(SUM(m.clicks), 0)
               FROM posts p JOIN post_metrics m ON m.post_id = p.id
              WHERE p.account_id = ?1 AND COALESCE(p.scheduled_at, p.published_at) >= ?2
                AND COALESCE(p.scheduled_at, p.published_at) < ?3
                AND m.snapshot_on = (SELECT MAX(snapshot_on) FROM post_metrics WHERE post_id = p.id)",
            params![account, start, end],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    let followers_at = |d: &str| -> Option<i64> {
        conn.query_row(
            "SELECT followers FROM account_metrics WHERE account_id = ?1 AND day <= ?2
                AND followers IS NOT NULL ORDER BY day DESC LIMIT 1",
            params![account, d],
            |r| r.get(0),
        )
        .optional()
        .unwrap()
    };
    let followers = followers_at(to);
    let before = (day(from) - chrono::Duration::days(1)).to_string();
    let growth = followers.zip(followers_at(&before)).map(|(a, b)| a - b);
    let (account_reach, visits): (Option<i64>, Option<i64>) = conn
        .query_row(
            "SELECT SUM(reach), SUM(profile_visits) FROM account_metrics
              WHERE account_id = ?1 AND day >= ?2 AND day <= ?3",
            params![account, from, to],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let er_reach = (reach > 0).then(|| engagements as f64 / reach as f64);
    let er_followers = followers
        .filter(|f| *f > 0 && measured > 0)
        .map(|f| engagements as f64 / measured as f64 / f as f64);
    serde_json::json!({
        "posts": posts, "posts_measured": measured, "views": views, "reach": reach,
        "engagements": engagements, "clicks": clicks, "followers": followers, "growth": growth,
        "account_reach": account_reach, "profile_visits": visits,
        "er_by_reach": er_reach, "er_by_followers": er_followers,
    })
}
