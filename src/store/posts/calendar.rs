//! The calendar's reads of a visible range, each one statement whatever the number of days or
//! weeks: the first posts of every day with the day's total, and the planned posts per account
//! per week. Day and week bounds come from the caller (local midnights, so a day with a clock
//! change is still one day) as a JSON array bound to one parameter.

use rusqlite::params;

use super::{POST_COLUMNS, PostRow, Posts, post_from_row_at};
use crate::store::StoreResult;
use crate::store::filter::and_eq;

/// One calendar day: its first posts by slot and how many it has in all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayPosts {
    pub posts: Vec<PostRow>,
    pub total: i64,
    /// Those of `posts` that go out within the warning's reach after another post of their
    /// account (as `close_to_previous` says).
    pub close: Vec<i64>,
}

/// One page of the agenda, with its posts that go out too close after another of their
/// account (as `close_to_previous` says).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgendaPage {
    pub posts: Vec<PostRow>,
    pub close: Vec<i64>,
}

/// Whether post `p` goes out less than `?{within}` seconds after another post of its account
/// (archived and failed posts neither warn nor count): a short range of the (account, slot,
/// id, status) index behind the post.
fn close_clause(within: usize) -> String {
    format!(
        "(p.status NOT IN ('archived', 'failed')
          AND EXISTS (SELECT 1 FROM posts q
                       WHERE q.account_id = p.account_id
                         AND q.scheduled_at > p.scheduled_at - ?{within}
                         AND q.scheduled_at <= p.scheduled_at
                         AND (q.scheduled_at, q.id) < (p.scheduled_at, p.id)
                         AND q.status NOT IN ('archived', 'failed')))"
    )
}

/// `[[from, to], ...]` as JSON text.
fn bounds_json(bounds: &[(i64, i64)]) -> String {
    let pairs: Vec<String> = bounds.iter().map(|(f, t)| format!("[{f},{t}]")).collect();
    format!("[{}]", pairs.join(","))
}

impl Posts<'_> {
    /// One page of the agenda: posts slotted at or after `from` (keyset: strictly after the
    /// `(scheduled_at, id)` of the last row seen), oldest first, optionally for one account;
    /// each with its "too close" flag (within `within` seconds after another post of its
    /// account), read beside it.
    pub fn agenda_page(
        &self,
        from: i64,
        after: Option<(i64, i64)>,
        account: Option<i64>,
        limit: usize,
        within: i64,
    ) -> StoreResult<AgendaPage> {
        let (at, id) = after.unwrap_or((from, i64::MIN));
        // The lower bound is the keyset's own slot, so the index walk starts where the last page
        // ended instead of at `from` (which made a page 50,000 rows in cost 15x the first).
        self.agenda_rows(from.max(at), (at, id), false, account, limit, within)
    }

    /// The page of the agenda from `from` that ends just before the post at `before` (its
    /// `(scheduled_at, id)`), oldest first: what lies above a window of rows that slid down.
    pub fn agenda_page_before(
        &self,
        from: i64,
        before: (i64, i64),
        account: Option<i64>,
        limit: usize,
        within: i64,
    ) -> StoreResult<AgendaPage> {
        let mut page = self.agenda_rows(from, before, true, account, limit, within)?;
        page.posts.reverse();
        Ok(page)
    }

    /// Posts slotted at or after `from` on one side of the keyset `key`: after it, oldest
    /// first, or (`back`) before it, newest first. Both walk the `(scheduled_at, id)` index.
    fn agenda_rows(
        &self,
        from: i64,
        (at, id): (i64, i64),
        back: bool,
        account: Option<i64>,
        limit: usize,
        within: i64,
    ) -> StoreResult<AgendaPage> {
        let (side, order) = if back { ("<", "DESC") } else { (">", "ASC") };
        let limit = limit as i64;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {close} AS close, {POST_COLUMNS}
               FROM posts p JOIN accounts a ON a.id = p.account_id
              WHERE p.scheduled_at >= ?1 AND (p.scheduled_at, p.id) {side} (?2, ?3){filter}
              ORDER BY p.scheduled_at {order}, p.id {order} LIMIT +?4",
            close = close_clause(5),
            filter = and_eq("p.account_id", 6, account.is_some())
        ))?;
        let mut page = AgendaPage::default();
        let mut rows = match account {
            Some(a) => stmt.query(params![from, at, id, limit, within, a])?,
            None => stmt.query(params![from, at, id, limit, within])?,
        };
        while let Some(r) = rows.next()? {
            let post = post_from_row_at(r, 1)?;
            if r.get::<_, bool>(0)? {
                page.close.push(post.id);
            }
            page.posts.push(post);
        }
        Ok(page)
    }

    /// For each `[from, to)` of `days`: its first `cap` posts by slot, and its total. One
    /// statement: each day is an index range (a count, and the ids of the first `cap`), so a
    /// month of the 100k-post demo reads a few hundred rows, not its ten thousand.
    /// Each post read carries its "too close" flag (posts within `within` seconds after another
    /// of their account), read beside it rather than by a second statement that looked every
    /// post up again by id.
    pub fn days(
        &self,
        days: &[(i64, i64)],
        cap: usize,
        within: i64,
        account: Option<i64>,
    ) -> StoreResult<Vec<DayPosts>> {
        let filter = and_eq("account_id", 3, account.is_some());
        let close = close_clause(4);
        let mut stmt = self.conn.prepare_cached(&format!(
            "WITH days AS MATERIALIZED (
                 SELECT CAST(key AS INTEGER) AS n, value ->> 0 AS s, value ->> 1 AS e,
                        (SELECT COUNT(*) FROM posts
                          WHERE scheduled_at >= value ->> 0 AND scheduled_at < value ->> 1{filter})
                            AS total
                   FROM json_each(?1))
             SELECT d.n, d.total, {close} AS close, {POST_COLUMNS}
               FROM days d
               LEFT JOIN posts p ON p.id IN (
                    SELECT id FROM posts WHERE scheduled_at >= d.s AND scheduled_at < d.e{filter}
                     ORDER BY scheduled_at, id LIMIT +?2)
               LEFT JOIN accounts a ON a.id = p.account_id"
        ))?;
        let json = bounds_json(days);
        let cap = cap as i64;
        let mut out = vec![DayPosts::default(); days.len()];
        let mut rows = match account {
            Some(a) => stmt.query(params![json, cap, a, within])?,
            None => stmt.query(params![json, cap, Option::<i64>::None, within])?,
        };
        while let Some(r) = rows.next()? {
            let n: usize = r.get::<_, i64>(0)?.try_into().unwrap_or(usize::MAX);
            let Some(day) = out.get_mut(n) else { continue };
            day.total = r.get(1)?;
            if let Some(id) = r.get::<_, Option<i64>>(3)? {
                if r.get::<_, Option<bool>>(2)?.unwrap_or(false) {
                    day.close.push(id);
                }
                day.posts.push(post_from_row_at(r, 3)?);
            }
        }
        // The ids come back in id order (an IN list); the day shows them by slot.
        for day in &mut out {
            day.posts
                .sort_by_key(|p| (p.scheduled_at.unwrap_or(i64::MIN), p.id));
        }
        Ok(out)
    }

    /// Which of `ids` go out less than `within` seconds after another post of their account
    /// (archived and failed posts neither warn nor count). One statement; behind each post a
    /// short range of the (account, slot, id, status) index, so the cost follows the posts on
    /// screen, not the posts in the range.
    pub fn close_to_previous(&self, ids: &[i64], within: i64) -> StoreResult<Vec<i64>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.id FROM json_each(?1) j JOIN posts p ON p.id = j.value WHERE {}",
            close_clause(2)
        ))?;
        let json = format!(
            "[{}]",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        );
        let rows = stmt
            .query_map(params![json, within], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        Ok(rows)
    }

    /// Planned posts (archived and failed ones do not count) of each of `accounts` in each
    /// `[from, to)` of `weeks`: `counts[week][i]` for `accounts[i]`. One statement; each pair is
    /// a range count of the (account, slot, status) index.
    pub fn planned_per_week(
        &self,
        weeks: &[(i64, i64)],
        accounts: &[i64],
    ) -> StoreResult<Vec<Vec<i64>>> {
        let mut out = vec![vec![0; accounts.len()]; weeks.len()];
        if weeks.is_empty() || accounts.is_empty() {
            return Ok(out);
        }
        let mut stmt = self.conn.prepare_cached(
            "WITH w AS MATERIALIZED (
                 SELECT CAST(key AS INTEGER) AS n, value ->> 0 AS s, value ->> 1 AS e
                   FROM json_each(?1)),
             a AS MATERIALIZED (SELECT CAST(key AS INTEGER) AS i, value AS id FROM json_each(?2))
             SELECT w.n, a.i,
                    (SELECT COUNT(*) FROM posts
                      WHERE account_id = a.id AND scheduled_at >= w.s AND scheduled_at < w.e
                        AND status NOT IN ('archived', 'failed'))
               FROM w, a",
        )?;
        let ids: Vec<String> = accounts.iter().map(i64::to_string).collect();
        let ids = format!("[{}]", ids.join(","));
        let mut rows = stmt.query(params![bounds_json(weeks), ids])?;
        while let Some(r) = rows.next()? {
            let (w, i): (i64, i64) = (r.get(0)?, r.get(1)?);
            if let Some(cell) = usize::try_from(w)
                .ok()
                .and_then(|w| out.get_mut(w))
                .and_then(|row| usize::try_from(i).ok().and_then(|i| row.get_mut(i)))
            {
                *cell = r.get(2)?;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{NewAccount, NewPost, Store};

    fn store_with_posts() -> (Store, i64, i64) {
        let store = Store::open_in_memory().unwrap();
        let add = |h: &str| {
            store
                .accounts()
                .add(
                    &NewAccount {
                        platform: "x".into(),
                        handle: h.into(),
                        ..Default::default()
                    },
                    0,
                )
                .unwrap()
        };
        let (a, b) = (add("a"), add("b"));
        // Day 0: five posts of a (slots out of id order), one of b; day 1: none; day 2: one
        // archived post of b.
        for (acc, at, status) in [
            (a, 500, "draft"),
            (a, 100, "draft"),
            (b, 300, "scheduled"),
            (a, 400, "draft"),
            (a, 200, "ready"),
            (a, 600, "idea"),
            (b, 2 * 1000 + 5, "archived"),
        ] {
            store
                .posts()
                .add(
                    &NewPost {
                        account_id: acc,
                        format: "post".into(),
                        status: status.into(),
                        scheduled_at: Some(at),
                        ..Default::default()
                    },
                    0,
                )
                .unwrap();
        }
        (store, a, b)
    }

    #[test]
    fn days_are_capped_by_slot_with_their_totals() {
        let (store, a, _) = store_with_posts();
        let bounds = [(0, 1000), (1000, 2000), (2000, 3000)];
        let days = store.posts().days(&bounds, 3, 3600, None).unwrap();
        let slots = |i: usize| -> Vec<i64> {
            days[i]
                .posts
                .iter()
                .map(|p| p.scheduled_at.unwrap())
                .collect()
        };
        assert_eq!(days.len(), 3);
        assert_eq!((slots(0), days[0].total), (vec![100, 200, 300], 6));
        assert_eq!((slots(1), days[1].total), (vec![], 0));
        assert_eq!((slots(2), days[2].total), (vec![2005], 1));
        // 200 and 300 go out within the hour after 100 (of the same account or not).
        assert!(!days[0].close.is_empty());
        // The same as a range read of each day.
        for (i, (from, to)) in bounds.iter().enumerate() {
            let expected = store.posts().in_range(*from, *to, Some(a), 3).unwrap();
            let got = store.posts().days(&bounds, 3, 3600, Some(a)).unwrap();
            assert_eq!(got[i].posts, expected);
            // Each post's "too close" flag as the statement that checks posts by id says.
            let ids: Vec<i64> = expected.iter().map(|p| p.id).collect();
            let mut close = store.posts().close_to_previous(&ids, 3600).unwrap();
            close.sort_unstable();
            let mut flagged = got[i].close.clone();
            flagged.sort_unstable();
            assert_eq!(flagged, close);
            assert_eq!(
                got[i].total,
                store.posts().count_in_range(*from, *to, Some(a)).unwrap()
            );
        }
    }

    #[test]
    fn planned_per_week_counts_each_account_and_week() {
        let (store, a, b) = store_with_posts();
        let weeks = [(0, 1000), (1000, 3000)];
        let counts = store.posts().planned_per_week(&weeks, &[b, a]).unwrap();
        // The archived post of b does not count.
        assert_eq!(counts, vec![vec![1, 5], vec![0, 0]]);
        assert!(store.posts().planned_per_week(&weeks, &[]).unwrap()[0].is_empty());
    }
}
