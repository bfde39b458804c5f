//! The calendar's writes and planning reads on posts: edit, move, status, delete with an exact
//! undo, duplicate, and the aggregates behind the planning aids. Every write that a platform
//! rule governs (a caption over the limit may not be `ready` or `scheduled`) checks it here, so
//! the editor, the keys and the command line cannot disagree.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::{PostRow, Posts, SELECT_POST, post_from_row};
use crate::domain::limits::{self, Violation};
use crate::domain::{Platform, PostFormat, PostStatus};
use crate::store::metrics::{refresh_latest_of, summary_delta};
use crate::store::{StoreError, StoreResult};

/// The fields the post editor changes; also what an undo of an edit puts back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PostEdit {
    pub account_id: i64,
    pub title: String,
    pub caption: String,
    pub format: String,
    pub status: String,
    pub pillar: String,
    pub tags: String,
    pub scheduled_at: Option<i64>,
    pub campaign_id: Option<i64>,
}

impl From<&PostRow> for PostEdit {
    fn from(p: &PostRow) -> Self {
        PostEdit {
            account_id: p.account_id,
            title: p.title.clone(),
            caption: p.caption.clone(),
            format: p.format.clone(),
            status: p.status.clone(),
            pillar: p.pillar.clone(),
            tags: p.tags.clone(),
            scheduled_at: p.scheduled_at,
            campaign_id: p.campaign_id,
        }
    }
}

/// Everything a delete removed, so that undo can put back the very same rows (same id, its
/// metric snapshots, and the inbox items that pointed at it).
#[derive(Debug, Clone)]
pub struct DeletedPost {
    pub id: i64,
    post: Vec<(String, Value)>,
    metrics: Vec<Vec<(String, Value)>>,
    inbox_ids: Vec<i64>,
}

/// Filters for `posts list` and the iCalendar feed.
#[derive(Debug, Clone, Default)]
pub struct PostFilter {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub account: Option<i64>,
    /// Any of these statuses; empty: every status.
    pub statuses: Vec<PostStatus>,
}

/// The platform words an account id stands for.
fn platform_of(conn: &Connection, account_id: i64) -> StoreResult<Platform> {
    let word: Option<String> = conn
        .prepare_cached("SELECT platform FROM accounts WHERE id = ?1")?
        .query_row([account_id], |r| r.get(0))
        .optional()?;
    let word = word.ok_or_else(|| StoreError::NotFound(format!("account {account_id}")))?;
    Platform::parse(&word).ok_or_else(|| {
        StoreError::Invalid(format!("account {account_id}: unknown platform {word}"))
    })
}

/// The limits a post with these fields breaks on its account's platform.
pub fn violations(
    conn_platform: Platform,
    format: &str,
    title: &str,
    caption: &str,
) -> Vec<Violation> {
    let format = PostFormat::parse(format).unwrap_or(PostFormat::Post);
    limits::check(conn_platform, format, title, caption)
}

/// Refuses `ready`/`scheduled` for a caption over its platform's limit, naming the limit.
fn ensure_fits(conn: &Connection, e: &PostEdit) -> StoreResult<()> {
    let status = PostStatus::parse(&e.status)
        .ok_or_else(|| StoreError::Invalid(format!("unknown status {:?}", e.status)))?;
    if PostFormat::parse(&e.format).is_none() {
        return Err(StoreError::Invalid(format!(
            "unknown format {:?}",
            e.format
        )));
    }
    if !status.requires_valid_caption() {
        return Ok(());
    }
    let platform = platform_of(conn, e.account_id)?;
    let broken = violations(platform, &e.format, &e.title, &e.caption);
    if broken.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = broken.iter().map(|v| v.to_string()).collect();
    Err(StoreError::Invalid(format!(
        "cannot mark it {status}: {} on {platform}",
        list.join(", ")
    )))
}

fn row_values(r: &rusqlite::Row<'_>, names: &[String]) -> rusqlite::Result<Vec<(String, Value)>> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| Ok((n.clone(), r.get::<_, Value>(i)?)))
        .collect()
}

fn select_values(conn: &Connection, sql: &str, id: i64) -> StoreResult<Vec<Vec<(String, Value)>>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let rows = stmt
        .query_map([id], |r| row_values(r, &names))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Inserts a row captured by `select_values`. Column names come from SQLite's own schema,
/// never from the user, so formatting them into the statement is safe.
fn insert_values(conn: &Connection, table: &str, row: &[(String, Value)]) -> StoreResult<()> {
    let cols: Vec<&str> = row.iter().map(|(n, _)| n.as_str()).collect();
    let marks: Vec<String> = (1..=row.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        cols.join(", "),
        marks.join(", ")
    );
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(row.iter().map(|(_, v)| v)))?;
    Ok(())
}

/// The account of a post captured by `select_values`.
fn post_account(post: &[(String, Value)]) -> StoreResult<i64> {
    match post.iter().find(|(n, _)| n == "account_id") {
        Some((_, Value::Integer(a))) => Ok(*a),
        _ => Err(StoreError::Invalid("a post without an account".into())),
    }
}

impl Posts<'_> {
    /// Adds a post from the editor or the command line, refusing a ready/scheduled post whose
    /// caption breaks its platform's limits.
    pub fn create(&self, e: &PostEdit, now: i64) -> StoreResult<i64> {
        ensure_fits(self.conn, e)?;
        self.conn
            .prepare_cached(
                "INSERT INTO posts (account_id, title, caption, format, status, pillar, tags,
                                    scheduled_at, campaign_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            )?
            .execute(params![
                e.account_id,
                e.title,
                e.caption,
                e.format,
                e.status,
                e.pillar,
                e.tags,
                e.scheduled_at,
                e.campaign_id,
                now
            ])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Writes the editor's fields; returns what they were, for undo.
    pub fn update(&self, id: i64, e: &PostEdit, now: i64) -> StoreResult<PostEdit> {
        ensure_fits(self.conn, e)?;
        let before = PostEdit::from(&self.get(id)?);
        let tx = self.conn.unchecked_transaction()?;
        // Another account: the post's snapshots move from one account's summary to the other's.
        let moved = before.account_id != e.account_id;
        if moved {
            summary_delta(&tx, id, before.account_id, None, -1)?;
        }
        tx.prepare_cached(
            "UPDATE posts SET account_id = ?2, title = ?3, caption = ?4, format = ?5,
                        status = ?6, pillar = ?7, tags = ?8, scheduled_at = ?9, campaign_id = ?10,
                        updated_at = ?11
                  WHERE id = ?1",
        )?
        .execute(params![
            id,
            e.account_id,
            e.title,
            e.caption,
            e.format,
            e.status,
            e.pillar,
            e.tags,
            e.scheduled_at,
            e.campaign_id,
            now
        ])?;
        if moved {
            summary_delta(&tx, id, e.account_id, None, 1)?;
        }
        tx.commit()?;
        Ok(before)
    }

    /// Moves a post to another slot; returns the old one, for undo.
    pub fn reschedule(&self, id: i64, at: Option<i64>, now: i64) -> StoreResult<Option<i64>> {
        let before = self.get(id)?.scheduled_at;
        self.conn
            .prepare_cached("UPDATE posts SET scheduled_at = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![id, at, now])?;
        Ok(before)
    }

    /// Sets the status, checking the caption when the new status promises it may go out.
    /// Returns the old status and publication time, for `restore_status`.
    pub fn set_status(
        &self,
        id: i64,
        status: PostStatus,
        now: i64,
    ) -> StoreResult<(String, Option<i64>)> {
        let row = self.get(id)?;
        let mut edit = PostEdit::from(&row);
        edit.status = status.as_str().to_string();
        ensure_fits(self.conn, &edit)?;
        // Publishing by hand stamps the time it went out, if it has none yet.
        self.conn
            .prepare_cached(
                "UPDATE posts SET status = ?2, updated_at = ?3,
                        published_at = CASE WHEN ?2 = 'published' THEN COALESCE(published_at, ?3)
                                            ELSE published_at END
                  WHERE id = ?1",
            )?
            .execute(params![id, status.as_str(), now])?;
        Ok((row.status, row.published_at))
    }

    /// Puts back a status and publication time exactly as `set_status` found them (undo).
    pub fn restore_status(
        &self,
        id: i64,
        status: &str,
        published_at: Option<i64>,
        now: i64,
    ) -> StoreResult<()> {
        self.conn
            .prepare_cached(
                "UPDATE posts SET status = ?2, published_at = ?3, updated_at = ?4 WHERE id = ?1",
            )?
            .execute(params![id, status, published_at, now])?;
        Ok(())
    }

    /// Copies a post to another account as a new plan entry. A caption the new platform would
    /// refuse makes the copy a draft; the broken limits come back so the caller can say so.
    pub fn duplicate(
        &self,
        id: i64,
        account_id: i64,
        now: i64,
    ) -> StoreResult<(i64, Vec<Violation>)> {
        let row = self.get(id)?;
        let platform = platform_of(self.conn, account_id)?;
        let broken = violations(platform, &row.format, &row.title, &row.caption);
        let mut edit = PostEdit::from(&row);
        edit.account_id = account_id;
        let status = PostStatus::parse(&row.status).unwrap_or(PostStatus::Draft);
        let keeps = matches!(
            status,
            PostStatus::Idea | PostStatus::Draft | PostStatus::Ready | PostStatus::Scheduled
        ) && (broken.is_empty() || !status.requires_valid_caption());
        if !keeps {
            edit.status = PostStatus::Draft.as_str().to_string();
        }
        Ok((self.create(&edit, now)?, broken))
    }

    /// Deletes a post with its metric snapshots, in one transaction; the returned value puts
    /// all of it back with `undelete`.
    pub fn delete(&self, id: i64) -> StoreResult<DeletedPost> {
        let tx = self.conn.unchecked_transaction()?;
        let mut post = select_values(&tx, "SELECT * FROM posts WHERE id = ?1", id)?;
        let post = post
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("post {id}")))?;
        let metrics = select_values(&tx, "SELECT * FROM post_metrics WHERE post_id = ?1", id)?;
        let inbox_ids = tx
            .prepare_cached("SELECT id FROM inbox_items WHERE post_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        // The post's own snapshots leave the summary before the cascade removes them.
        let account = post_account(&post)?;
        summary_delta(&tx, id, account, None, -1)?;
        tx.prepare_cached("DELETE FROM posts WHERE id = ?1")?
            .execute([id])?;
        tx.commit()?;
        Ok(DeletedPost {
            id,
            post,
            metrics,
            inbox_ids,
        })
    }

    /// Puts back exactly what `delete` removed.
    pub fn undelete(&self, d: &DeletedPost) -> StoreResult<()> {
        let tx = self.conn.unchecked_transaction()?;
        insert_values(&tx, "posts", &d.post)?;
        for m in &d.metrics {
            insert_values(&tx, "post_metrics", m)?;
        }
        for item in &d.inbox_ids {
            tx.prepare_cached("UPDATE inbox_items SET post_id = ?2 WHERE id = ?1")?
                .execute(params![item, d.id])?;
        }
        summary_delta(&tx, d.id, post_account(&d.post)?, None, 1)?;
        refresh_latest_of(&tx, d.id)?;
        tx.commit()?;
        Ok(())
    }

    /// A page of posts for `posts list` and the feed, by slot then id (keyset after `after`).
    pub fn list(
        &self,
        f: &PostFilter,
        after: Option<(i64, i64)>,
        limit: usize,
    ) -> StoreResult<Vec<PostRow>> {
        let (at, id) = after.unwrap_or((i64::MIN, i64::MIN));
        let limit = limit as i64;
        // Each filter that is set is its own text (see `store::filter`), numbered in order.
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&at, &id, &limit];
        let mut sql = format!(
            "{SELECT_POST} WHERE p.scheduled_at IS NOT NULL AND (p.scheduled_at, p.id) > (?1, ?2)"
        );
        for (cond, value) in [
            ("p.scheduled_at >= ", f.from.as_ref()),
            ("p.scheduled_at < ", f.to.as_ref()),
            ("p.account_id = ", f.account.as_ref()),
        ] {
            if let Some(v) = value {
                args.push(v);
                sql.push_str(&format!(" AND {cond}?{}", args.len()));
            }
        }
        if !f.statuses.is_empty() {
            // Status words are our own enum's, never the user's text: safe to write inline.
            let list: Vec<String> = f
                .statuses
                .iter()
                .map(|s| format!("'{}'", s.as_str()))
                .collect();
            sql.push_str(&format!(" AND p.status IN ({})", list.join(", ")));
        }
        sql.push_str(" ORDER BY p.scheduled_at, p.id LIMIT +?3");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(args.as_slice(), post_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAccount, NewPost, PostSnapshot, Store};

    fn setup() -> (Store, i64, i64) {
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
        let (ig, x) = (add("instagram"), add("x"));
        (store, ig, x)
    }

    fn edit(account_id: i64, status: &str, caption: &str, at: i64) -> PostEdit {
        PostEdit {
            account_id,
            caption: caption.into(),
            format: "post".into(),
            status: status.into(),
            scheduled_at: Some(at),
            ..Default::default()
        }
    }

    #[test]
    fn limits_guard_ready_and_scheduled() {
        let (store, _ig, x) = setup();
        let posts = store.posts();
        let long = "a".repeat(281);
        let err = posts.create(&edit(x, "ready", &long, 0), 0).unwrap_err();
        assert!(err.to_string().contains("limit of 280"), "{err}");
        let id = posts.create(&edit(x, "draft", &long, 0), 0).unwrap();
        let err = posts.set_status(id, PostStatus::Ready, 1).unwrap_err();
        assert!(err.to_string().contains("281"), "{err}");
        assert_eq!(posts.get(id).unwrap().status, "draft");
        assert_eq!(
            posts.set_status(id, PostStatus::Published, 1).unwrap(),
            ("draft".to_string(), None)
        );
        assert_eq!(posts.get(id).unwrap().published_at, Some(1));
        posts.restore_status(id, "draft", None, 2).unwrap();
        let back = posts.get(id).unwrap();
        assert_eq!((back.status.as_str(), back.published_at), ("draft", None));
    }

    #[test]
    fn edits_come_back_for_undo() {
        let (store, ig, x) = setup();
        let posts = store.posts();
        let id = posts.create(&edit(ig, "draft", "hi", 1000), 0).unwrap();
        assert_eq!(
            posts.reschedule(id, Some(1000 + 86_400), 5).unwrap(),
            Some(1000)
        );
        let before = posts
            .update(id, &edit(ig, "idea", "changed", 7), 6)
            .unwrap();
        assert_eq!(before.caption, "hi");
        assert_eq!(before.scheduled_at, Some(1000 + 86_400));
        posts.update(id, &before, 7).unwrap();
        assert_eq!(posts.get(id).unwrap().caption, "hi");
        let (copy, broken) = posts.duplicate(id, x, 8).unwrap();
        assert!(broken.is_empty());
        assert_eq!(posts.get(copy).unwrap().platform, "x");
        // A caption too long for X: the copy is a draft and the limit comes back.
        let long = posts
            .create(&edit(ig, "scheduled", &"b".repeat(300), 9), 0)
            .unwrap();
        let (copy, broken) = posts.duplicate(long, x, 9).unwrap();
        assert_eq!(broken[0].limit, 280);
        assert_eq!(posts.get(copy).unwrap().status, "draft");
    }

    #[test]
    fn delete_and_undelete_restore_everything() {
        let (store, ig, _x) = setup();
        let id = store
            .posts()
            .add(
                &NewPost {
                    account_id: ig,
                    title: "gone".into(),
                    format: "reel".into(),
                    status: "published".into(),
                    scheduled_at: Some(5000),
                    published_at: Some(5000),
                    external_id: Some("ext-1".into()),
                    ..Default::default()
                },
                3,
            )
            .unwrap();
        store
            .metrics()
            .record_post_snapshot(&PostSnapshot {
                post_id: id,
                snapshot_on: "2026-11-20".into(),
                views_label: "views".into(),
                reactions: Some(40),
                ..Default::default()
            })
            .unwrap();
        let before = store.posts().get(id).unwrap();
        let deleted = store.posts().delete(id).unwrap();
        assert!(store.posts().get(id).is_err());
        assert!(store.metrics().latest_snapshot(id).unwrap().is_none());
        store.posts().undelete(&deleted).unwrap();
        assert_eq!(store.posts().get(id).unwrap(), before);
        let snap = store.metrics().latest_snapshot(id).unwrap().unwrap();
        assert_eq!(snap.reactions, Some(40));
        // Its newest numbers are back in the period analytics too, at the hour it went out.
        let cells = store.analytics().heatmap(0, i64::MAX, None, 0).unwrap();
        assert_eq!((cells[0].hour, cells[0].posts), (1, 1));
    }

    #[test]
    fn planning_reads() {
        let (store, ig, x) = setup();
        let posts = store.posts();
        let first = posts.create(&edit(ig, "draft", "a", 10_000), 0).unwrap();
        let close = posts
            .create(&edit(ig, "draft", "b", 10_000 + 3599), 0)
            .unwrap();
        let third = posts
            .create(&edit(ig, "draft", "c", 10_000 + 3599 + 3600), 0)
            .unwrap();
        let other = posts
            .create(&edit(x, "draft", "d", 10_000 + 60), 0)
            .unwrap();
        let all = [first, close, third, other];
        // Only the second post of ig is within the hour after another post of its account
        // (the third is an hour after it; the post of x is another account's).
        assert_eq!(posts.close_to_previous(&all, 3600).unwrap(), vec![close]);
        let per = posts.planned_per_week(&[(0, 100_000)], &[ig, x]).unwrap();
        assert_eq!(per, vec![vec![3, 1]]);
        // An archived post neither warns nor is warned about.
        posts.set_status(close, PostStatus::Archived, 1).unwrap();
        assert!(posts.close_to_previous(&all, 3600).unwrap().is_empty());
        posts.reschedule(third, Some(10_000 + 3599), 2).unwrap();
        assert_eq!(posts.close_to_previous(&all, 3600).unwrap(), vec![third]);
        let f = PostFilter {
            account: Some(ig),
            ..Default::default()
        };
        let page = posts.list(&f, None, 2).unwrap();
        assert_eq!(page.len(), 2);
        let last = page.last().unwrap();
        let rest = posts
            .list(&f, Some((last.scheduled_at.unwrap(), last.id)), 10)
            .unwrap();
        assert_eq!(rest.len(), 1);
    }
}
