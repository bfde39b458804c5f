use rusqlite::{Connection, params};
use serde::Serialize;

use super::filter::{and_eq, bind};
use super::{StoreError, StoreResult};
use crate::domain::PostStatus;

mod calendar;
mod edit;
pub use calendar::{AgendaPage, DayPosts};
pub use edit::{DeletedPost, PostEdit, PostFilter, violations};

/// A post as lists show it, joined with its account's label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostRow {
    pub id: i64,
    pub account_id: i64,
    pub platform: String,
    pub handle: String,
    pub title: String,
    pub caption: String,
    pub format: String,
    pub status: String,
    pub pillar: String,
    pub tags: String,
    pub scheduled_at: Option<i64>,
    pub published_at: Option<i64>,
    pub permalink: Option<String>,
    pub campaign_id: Option<i64>,
    /// Only the date is known (the export gave no time): show it without one.
    pub date_only: bool,
}

impl PostRow {
    /// The title, or the caption's first line when there is no title.
    pub fn headline(&self) -> &str {
        let t = self.title.trim();
        if t.is_empty() {
            self.caption.lines().next().unwrap_or("").trim()
        } else {
            t
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct NewPost {
    pub account_id: i64,
    pub title: String,
    pub caption: String,
    pub format: String,
    pub status: String,
    pub pillar: String,
    pub tags: String,
    pub scheduled_at: Option<i64>,
    pub published_at: Option<i64>,
    pub permalink: Option<String>,
    pub external_id: Option<String>,
    pub campaign_id: Option<i64>,
}

pub struct Posts<'a> {
    conn: &'a Connection,
}

/// The columns `post_from_row` reads, from `posts p` and `accounts a`.
macro_rules! post_columns {
    () => {
        "p.id, p.account_id, a.platform, a.handle, p.title, p.caption, p.format, p.status, \
         p.pillar, p.tags, p.scheduled_at, p.published_at, p.permalink, p.campaign_id, p.date_only"
    };
}
pub(crate) const POST_COLUMNS: &str = post_columns!();
pub(crate) const SELECT_POST: &str = concat!(
    "SELECT ",
    post_columns!(),
    " FROM posts p JOIN accounts a ON a.id = p.account_id"
);

pub(crate) fn post_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PostRow> {
    post_from_row_at(r, 0)
}

/// A post whose `POST_COLUMNS` start at column `at`.
pub(crate) fn post_from_row_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<PostRow> {
    Ok(PostRow {
        id: r.get(at)?,
        account_id: r.get(at + 1)?,
        platform: r.get(at + 2)?,
        handle: r.get(at + 3)?,
        title: r.get(at + 4)?,
        caption: r.get(at + 5)?,
        format: r.get(at + 6)?,
        status: r.get(at + 7)?,
        pillar: r.get(at + 8)?,
        tags: r.get(at + 9)?,
        scheduled_at: r.get(at + 10)?,
        published_at: r.get(at + 11)?,
        permalink: r.get(at + 12)?,
        campaign_id: r.get(at + 13)?,
        date_only: r.get(at + 14)?,
    })
}

impl<'a> Posts<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Self { conn }
    }

    pub fn add(&self, p: &NewPost, now: i64) -> StoreResult<i64> {
        insert_post(self.conn, p, now)?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn get(&self, id: i64) -> StoreResult<PostRow> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_POST} WHERE p.id = ?1"))?;
        let mut rows = stmt.query_map([id], post_from_row)?;
        rows.next()
            .transpose()?
            .ok_or_else(|| StoreError::NotFound(format!("post {id}")))
    }

    /// Posts slotted in `[from, to)`, oldest first, at most `limit`.
    pub fn in_range(
        &self,
        from: i64,
        to: i64,
        account: Option<i64>,
        limit: usize,
    ) -> StoreResult<Vec<PostRow>> {
        let limit = limit as i64;
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_POST} WHERE p.scheduled_at >= ?1 AND p.scheduled_at < ?2{}
             ORDER BY p.scheduled_at, p.id LIMIT +?3",
            and_eq("p.account_id", 4, account.is_some())
        ))?;
        let args = bind(vec![&from, &to, &limit], &account);
        let rows = stmt
            .query_map(args.as_slice(), post_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// How many posts are slotted in `[from, to)` (an index range count).
    pub fn count_in_range(&self, from: i64, to: i64, account: Option<i64>) -> StoreResult<i64> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT COUNT(*) FROM posts WHERE scheduled_at >= ?1 AND scheduled_at < ?2{}",
            and_eq("account_id", 3, account.is_some())
        ))?;
        let args = bind(vec![&from, &to], &account);
        Ok(stmt.query_row(args.as_slice(), |r| r.get(0))?)
    }

    /// Posts of a range whose status is one of `statuses` (or, with `not`, none of them):
    /// "published today" and "still to go out today". The day's few rows are read by the
    /// time index; the status is checked on each.
    pub fn count_in_range_by_status(
        &self,
        from: i64,
        to: i64,
        statuses: &[PostStatus],
        not: bool,
        account: Option<i64>,
    ) -> StoreResult<i64> {
        let list = statuses
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        let op = if not { "NOT IN" } else { "IN" };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT COUNT(*) FROM posts WHERE scheduled_at >= ?1 AND scheduled_at < ?2
             AND status {op} ({list}){}",
            and_eq("account_id", 3, account.is_some())
        ))?;
        let args = bind(vec![&from, &to], &account);
        Ok(stmt.query_row(args.as_slice(), |r| r.get(0))?)
    }

    /// Posts that should have gone out before `now` but are not published: ready or scheduled
    /// with a slot in the past, or failed. Newest first, at most `limit`.
    pub fn overdue(
        &self,
        now: i64,
        account: Option<i64>,
        limit: usize,
    ) -> StoreResult<Vec<PostRow>> {
        // The newest few of each overdue status, merged: each part walks the (status,
        // scheduled_at) index backwards, where one query over all three would scan every past
        // post by time (140 ms at 100,000 posts, against well under 1 ms this way).
        let filter = and_eq("account_id", 3, account.is_some());
        let part = |status: &str| {
            format!(
                "SELECT id FROM (SELECT id FROM posts WHERE status = '{status}' AND scheduled_at < ?1
                   {filter} ORDER BY scheduled_at DESC LIMIT +?2)"
            )
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_POST} WHERE p.id IN ({} UNION ALL {} UNION ALL {})
             ORDER BY p.scheduled_at DESC LIMIT +?2",
            part("ready"),
            part("scheduled"),
            part("failed")
        ))?;
        let limit = limit as i64;
        let args = bind(vec![&now, &limit], &account);
        let rows = stmt
            .query_map(args.as_slice(), post_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn count_overdue(&self, now: i64, account: Option<i64>) -> StoreResult<i64> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT COUNT(*) FROM posts WHERE status IN ('ready', 'scheduled', 'failed')
               AND scheduled_at < ?1{}",
            and_eq("account_id", 2, account.is_some())
        ))?;
        let args = bind(vec![&now], &account);
        Ok(stmt.query_row(args.as_slice(), |r| r.get(0))?)
    }

    /// The first slot at or after `now` of a post still to go out: until then the overdue
    /// count stays as it is. One index seek per status.
    pub fn next_due(&self, now: i64, account: Option<i64>) -> StoreResult<Option<i64>> {
        let one = |status: &str| {
            format!(
                "SELECT MIN(scheduled_at) AS at FROM posts WHERE status = '{status}'
                   AND scheduled_at >= ?1{}",
                and_eq("account_id", 2, account.is_some())
            )
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT MIN(at) FROM ({} UNION ALL {} UNION ALL {})",
            one("ready"),
            one("scheduled"),
            one("failed")
        ))?;
        let args = bind(vec![&now], &account);
        Ok(stmt.query_row(args.as_slice(), |r| r.get(0))?)
    }
}

pub(crate) fn insert_post(conn: &Connection, p: &NewPost, now: i64) -> StoreResult<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO posts (account_id, title, caption, format, status, pillar, tags, scheduled_at,
                            published_at, permalink, external_id, campaign_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
    )?;
    stmt.execute(params![
        p.account_id,
        p.title,
        p.caption,
        p.format,
        p.status,
        p.pillar,
        p.tags,
        p.scheduled_at,
        p.published_at,
        p.permalink,
        p.external_id,
        p.campaign_id,
        now
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::{NewAccount, NewPost, Store};

    #[test]
    fn agenda_pages_and_overdue() {
        let store = Store::open_in_memory().unwrap();
        let acc = store
            .accounts()
            .add(
                &NewAccount {
                    platform: "x".into(),
                    handle: "lumen".into(),
                    ..Default::default()
                },
                0,
            )
            .unwrap();
        for i in 0..5 {
            store
                .posts()
                .add(
                    &NewPost {
                        account_id: acc,
                        title: format!("post {i}"),
                        format: "post".into(),
                        status: if i < 2 {
                            "scheduled".into()
                        } else {
                            "draft".into()
                        },
                        scheduled_at: Some(1000 + i * 100),
                        ..Default::default()
                    },
                    0,
                )
                .unwrap();
        }
        let first = store
            .posts()
            .agenda_page(1100, None, None, 2, 60)
            .unwrap()
            .posts;
        assert_eq!(
            first.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(),
            ["post 1", "post 2"]
        );
        let last = first.last().unwrap();
        let next = store
            .posts()
            .agenda_page(
                1100,
                Some((last.scheduled_at.unwrap(), last.id)),
                None,
                10,
                60,
            )
            .unwrap()
            .posts;
        assert_eq!(next.len(), 2);
        // The page above a row, oldest first.
        let above = store
            .posts()
            .agenda_page_before(
                1100,
                (next[1].scheduled_at.unwrap(), next[1].id),
                None,
                2,
                60,
            )
            .unwrap()
            .posts;
        assert_eq!(
            above.iter().map(|p| p.id).collect::<Vec<_>>(),
            [first[1].id, next[0].id]
        );
        assert_eq!(store.posts().count_overdue(1150, None).unwrap(), 2);
        assert_eq!(
            store.posts().overdue(1150, Some(acc), 10).unwrap()[0].title,
            "post 1"
        );
        assert_eq!(store.posts().count_in_range(1000, 1300, None).unwrap(), 3);
        assert_eq!(store.posts().get(first[0].id).unwrap().headline(), "post 1");
    }
}
