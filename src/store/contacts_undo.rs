//! Undo for the contacts: every write returns the contact as it was (every row of it, ids
//! included), and putting that back is one transaction that also returns the state it replaced,
//! so that the same step serves redo.

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

/// Every row of one contact as it was; empty when the contact did not exist.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactSnapshot {
    id: i64,
    tables: Vec<TableRows>,
}

#[derive(Debug, Clone, PartialEq)]
struct TableRows {
    table: &'static str,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
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
            tables: Vec::new(),
        }
    }

    pub(crate) fn take(conn: &Connection, id: i64) -> StoreResult<Self> {
        let mut tables = Vec::new();
        for (table, key) in TABLES {
            let mut stmt =
                conn.prepare_cached(&format!("SELECT * FROM {table} WHERE {key} = ?1"))?;
            let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
            let n = columns.len();
            let rows = stmt
                .query_map([id], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())?
                .collect::<Result<Vec<Vec<Value>>, _>>()?;
            if table == "contacts" && rows.is_empty() {
                return Ok(Self {
                    id,
                    tables: Vec::new(),
                });
            }
            tables.push(TableRows {
                table,
                columns,
                rows,
            });
        }
        Ok(Self { id, tables })
    }

    /// Makes the database hold exactly this contact again (or no such contact). A campaign or
    /// post that a collaboration pointed to and that is gone since is left out of the link.
    fn put_back(&self, conn: &Connection) -> StoreResult<()> {
        conn.prepare_cached("DELETE FROM contacts WHERE id = ?1")?
            .execute([self.id])?;
        for t in &self.tables {
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
        let now = ContactSnapshot::take(&tx, step.contact_id)?;
        step.before.put_back(&tx)?;
        tx.commit()?;
        Ok(ContactUndo::new(step.label.clone(), now))
    }
}
