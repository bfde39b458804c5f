//! Saved replies: short texts with placeholders that the inbox inserts into a reply.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::{StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SavedReply {
    pub id: i64,
    pub title: String,
    pub body: String,
}

pub struct SavedReplies<'a> {
    conn: &'a Connection,
}

impl<'a> SavedReplies<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Self { conn }
    }

    /// All saved replies by title (a user keeps tens, not thousands).
    pub fn list(&self) -> StoreResult<Vec<SavedReply>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, title, body FROM saved_replies ORDER BY title, id")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(SavedReply {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    body: r.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn add(&self, title: &str, body: &str, now: i64) -> StoreResult<i64> {
        if body.trim().is_empty() {
            return Err(StoreError::Invalid("a saved reply needs some text".into()));
        }
        self.conn.execute(
            "INSERT INTO saved_replies (title, body, created_at) VALUES (?1, ?2, ?3)",
            params![title.trim(), body, now],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update(&self, id: i64, title: &str, body: &str) -> StoreResult<()> {
        let n = self.conn.execute(
            "UPDATE saved_replies SET title = ?2, body = ?3 WHERE id = ?1",
            params![id, title.trim(), body],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("saved reply {id}")));
        }
        Ok(())
    }

    pub fn delete(&self, id: i64) -> StoreResult<()> {
        self.conn
            .execute("DELETE FROM saved_replies WHERE id = ?1", [id])?;
        Ok(())
    }
}

/// Splits an editor's text into a title (first line) and body (the rest, or the first line
/// when there is no rest).
pub fn split_title(text: &str) -> (String, String) {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").trim().to_string();
    let rest = lines.collect::<Vec<_>>().join("\n").trim().to_string();
    if rest.is_empty() {
        (first.chars().take(40).collect(), first)
    } else {
        (first, rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn crud_and_titles() {
        let store = Store::open_in_memory().unwrap();
        let r = store.saved_replies();
        let id = r.add("Thanks", "Thank you, {author}!", 0).unwrap();
        assert!(r.add("Empty", "  ", 0).is_err());
        r.update(id, "Thanks!", "Merci {author}").unwrap();
        assert_eq!(r.list().unwrap()[0].body, "Merci {author}");
        r.delete(id).unwrap();
        assert!(r.list().unwrap().is_empty());
        assert_eq!(
            split_title("Hi\nbody text"),
            ("Hi".into(), "body text".into())
        );
        assert_eq!(split_title("only"), ("only".into(), "only".into()));
    }
}
