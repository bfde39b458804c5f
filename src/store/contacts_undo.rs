//! Undo for the contacts: every write returns the contact as it was (the rows it may change,
//! ids included), and putting that back is one transaction that also returns the state it
//! replaced, so that the same step serves redo. A delete or a new contact keeps every row of
//! the contact; a smaller change keeps only the tables it touches, and of the interactions and
//! collaborations it adds only the rows added after it (a stage move of a contact with a
//! thousand interactions logged copies one row, not a thousand).

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::StoreResult;
use super::contacts::{Contacts, refresh_derived};

/// The tables that hold one contact, parents first, with the column that names the contact.
const TABLES: [(&str, &str); 5] = [
    ("contacts", "id"),
    ("contact_handles", "contact_id"),
    ("rate_cards", "contact_id"),
    ("interactions", "contact_id"),
    ("collaborations", "contact_id"),
];

/// One contact's rows as they were: every row (`whole`), or those of the tables a change
/// touches; no tables when the contact did not exist.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactSnapshot {
    id: i64,
    whole: bool,
    tables: Vec<TableRows>,
}

#[derive(Debug, Clone, PartialEq)]
struct TableRows {
    table: &'static str,
    /// Only the rows whose id is above this: the table's highest id when the snapshot was
    /// taken, for a change that adds rows and changes none.
    after: Option<i64>,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

/// What a change touches of a contact, beside the contact's own row.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    /// Every row of this table for the contact.
    All(&'static str),
    /// Only rows added to this table from now on.
    Added(&'static str),
}

/// One undoable change: what it was (for the status line and the `u` hint) and the contact
/// before it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactUndo {
    pub label: String,
    pub contact_id: i64,
    before: ContactSnapshot,
}

impl ContactUndo {
    pub(crate) fn new(label: String, before: ContactSnapshot) -> Self {
        Self {
            label,
            contact_id: before.id,
            before,
        }
    }

    /// How many rows the step holds (for tests of what a change keeps).
    #[cfg(test)]
    pub(crate) fn rows_kept(&self) -> usize {
        self.before.tables.iter().map(|t| t.rows.len()).sum()
    }

    /// True when the change created the contact (its undo deletes it).
    pub fn created(&self) -> bool {
        self.before.tables.is_empty()
    }
}

impl ContactSnapshot {
    /// A contact that did not exist (the step before it was created).
    pub(crate) fn absent(id: i64) -> Self {
        Self {
            id,
            whole: true,
            tables: Vec::new(),
        }
    }

    /// Every row of the contact (for a delete, or an edit of everything).
    pub(crate) fn take(conn: &Connection, id: i64) -> StoreResult<Self> {
        let mut tables = Vec::new();
        for (table, _) in TABLES {
            let rows = TableRows::read(conn, table, id, None)?;
            if table == "contacts" && rows.rows.is_empty() {
                return Ok(Self::absent(id));
            }
            tables.push(rows);
        }
        Ok(Self {
            id,
            whole: true,
            tables,
        })
    }

    /// The contact's own row and the `parts` a change touches (the contact exists).
    pub(crate) fn take_part(conn: &Connection, id: i64, parts: &[Part]) -> StoreResult<Self> {
        let mut tables = vec![TableRows::read(conn, "contacts", id, None)?];
        for part in parts {
            tables.push(match *part {
                Part::All(table) => TableRows::read(conn, table, id, None)?,
                Part::Added(table) => {
                    let top: i64 = conn
                        .prepare_cached(&format!("SELECT COALESCE(MAX(id), 0) FROM {table}"))?
                        .query_row([], |r| r.get(0))?;
                    TableRows::read(conn, table, id, Some(top))?
                }
            });
        }
        Ok(Self {
            id,
            whole: false,
            tables,
        })
    }

    /// The same rows as they are now: what putting this snapshot back replaces (for redo).
    fn retake(&self, conn: &Connection) -> StoreResult<Self> {
        if self.whole {
            return Self::take(conn, self.id);
        }
        let tables = self
            .tables
            .iter()
            .map(|t| TableRows::read(conn, t.table, self.id, t.after))
            .collect::<StoreResult<_>>()?;
        Ok(Self {
            id: self.id,
            whole: false,
            tables,
        })
    }

    /// Makes the database hold exactly this contact again (or no such contact). A campaign or
    /// post that a collaboration pointed to and that is gone since is left out of the link.
    fn put_back(&self, conn: &Connection) -> StoreResult<()> {
        if self.whole {
            conn.prepare_cached("DELETE FROM contacts WHERE id = ?1")?
                .execute([self.id])?;
        } else {
            self.clear_parts(conn)?;
        }
        for t in &self.tables {
            if !self.whole && t.table == "contacts" {
                continue;
            }
            let marks = vec!["?"; t.columns.len()].join(", ");
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({marks})",
                t.table,
                t.columns.join(", ")
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            for row in &t.rows {
                let mut row = row.clone();
                if t.table == "collaborations" {
                    for (col, parent) in [("campaign_id", "campaigns"), ("post_id", "posts")] {
                        if let Some(i) = t.columns.iter().position(|c| c == col)
                            && !exists(conn, parent, &row[i])?
                        {
                            row[i] = Value::Null;
                        }
                    }
                }
                stmt.execute(params_from_iter(row))?;
            }
        }
        if !self.tables.is_empty() {
            refresh_derived(conn, self.id)?;
        }
        Ok(())
    }

    /// A part snapshot's way back: the contact's row rewritten in place (deleting it would
    /// take every other row of theirs with it), the rows of the other tables it holds deleted
    /// for `put_back` to insert them as they were.
    fn clear_parts(&self, conn: &Connection) -> StoreResult<()> {
        for t in &self.tables {
            if t.table == "contacts" {
                let Some(row) = t.rows.first() else {
                    return Err(super::StoreError::NotFound(format!("contact {}", self.id)));
                };
                let sets: Vec<String> = t
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{c} = ?{}", i + 1))
                    .collect();
                let n = conn
                    .prepare_cached(&format!(
                        "UPDATE contacts SET {} WHERE id = ?{}",
                        sets.join(", "),
                        t.columns.len() + 1
                    ))?
                    .execute(params_from_iter(
                        row.iter().chain([&Value::Integer(self.id)]),
                    ))?;
                if n == 0 {
                    return Err(super::StoreError::NotFound(format!("contact {}", self.id)));
                }
            } else {
                conn.prepare_cached(&format!(
                    "DELETE FROM {} WHERE {}",
                    t.table,
                    owned_by("contact_id", t.after)
                ))?
                .execute(params_from_iter(owner_args(self.id, t.after)))?;
            }
        }
        Ok(())
    }
}

/// The condition for a contact's rows (`?1`), or for those of them added after id `?2`: a walk
/// of the ids above it (the few rows a change added), not of every row the contact has.
fn owned_by(key: &str, after: Option<i64>) -> String {
    match after {
        Some(_) => format!("id > ?2 AND +{key} = ?1"),
        None => format!("{key} = ?1"),
    }
}

/// The values `owned_by`'s condition binds.
fn owner_args(id: i64, after: Option<i64>) -> Vec<i64> {
    std::iter::once(id).chain(after).collect()
}

impl TableRows {
    /// The contact's rows of `table` (above id `after`, when given), every column.
    fn read(
        conn: &Connection,
        table: &'static str,
        id: i64,
        after: Option<i64>,
    ) -> StoreResult<Self> {
        let key = TABLES
            .iter()
            .find(|(t, _)| *t == table)
            .map_or("contact_id", |(_, k)| k);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT * FROM {table} WHERE {}",
            owned_by(key, after)
        ))?;
        let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
        let n = columns.len();
        let rows = stmt
            .query_map(params_from_iter(owner_args(id, after)), |r| {
                (0..n).map(|i| r.get::<_, Value>(i)).collect()
            })?
            .collect::<Result<Vec<Vec<Value>>, _>>()?;
        Ok(Self {
            table,
            after,
            columns,
            rows,
        })
    }
}

fn exists(conn: &Connection, table: &str, id: &Value) -> StoreResult<bool> {
    if *id == Value::Null {
        return Ok(true);
    }
    Ok(conn
        .prepare_cached(&format!(
            "SELECT EXISTS(SELECT 1 FROM {table} WHERE id = ?1)"
        ))?
        .query_row([id], |r| r.get(0))?)
}

impl Contacts<'_> {
    /// Puts the contact back as it was before `step`, in one transaction. Returns the step
    /// that undoes this undo (redo), named the same.
    pub fn undo(&self, step: &ContactUndo) -> StoreResult<ContactUndo> {
        let tx = self.conn().unchecked_transaction()?;
        let now = step.before.retake(&tx)?;
        step.before.put_back(&tx)?;
        tx.commit()?;
        Ok(ContactUndo::new(step.label.clone(), now))
    }
}
