//! A contacts list into the database, in one transaction: a contact already present (one of
//! the same platform handle, else the same e-mail, else, for a row without handles, the same
//! name) is updated with what the row says, never duplicated.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::StoreResult;
use super::contacts::{Contacts, NewContact, insert_contact, refresh_derived};
use super::contacts_write::{write_fields, write_handles};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ContactImportCounts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
}

fn find_existing(conn: &Connection, c: &NewContact) -> StoreResult<Option<i64>> {
    let mut by_handle = conn.prepare_cached(
        "SELECT contact_id FROM contact_handles WHERE platform = ?1 AND handle = ?2",
    )?;
    for h in &c.handles {
        if let Some(id) = by_handle
            .query_row(params![h.platform, h.handle], |r| r.get(0))
            .optional()?
        {
            return Ok(Some(id));
        }
    }
    if let Some(email) = &c.email
        && let Some(id) = conn
            .prepare_cached("SELECT id FROM contacts WHERE email = ?1 COLLATE NOCASE LIMIT 1")?
            .query_row([email], |r| r.get(0))
            .optional()?
    {
        return Ok(Some(id));
    }
    if c.handles.is_empty() {
        return Ok(conn
            .prepare_cached(
                "SELECT id FROM contacts WHERE name = ?1 COLLATE NOCASE
                    AND NOT EXISTS (SELECT 1 FROM contact_handles WHERE contact_id = contacts.id)
                  LIMIT 1",
            )?
            .query_row([&c.name], |r| r.get(0))
            .optional()?);
    }
    Ok(None)
}

/// What the stored contact becomes: the row's non-empty values over the stored ones, its
/// handles added or their figures refreshed, the stored handles kept.
fn merged(old: &NewContact, row: &NewContact) -> NewContact {
    let pick = |new: &str, old: &str| if new.is_empty() { old } else { new }.to_string();
    let opt = |new: &Option<String>, old: &Option<String>| new.clone().or_else(|| old.clone());
    let mut handles = old.handles.clone();
    for h in &row.handles {
        match handles
            .iter_mut()
            .find(|o| o.platform == h.platform && o.handle.eq_ignore_ascii_case(&h.handle))
        {
            Some(o) => {
                o.followers = h.followers.or(o.followers);
                o.engagement_rate = h.engagement_rate.or(o.engagement_rate);
            }
            None => handles.push(h.clone()),
        }
    }
    NewContact {
        name: pick(&row.name, &old.name),
        niche: pick(&row.niche, &old.niche),
        location: pick(&row.location, &old.location),
        language: pick(&row.language, &old.language),
        email: opt(&row.email, &old.email),
        phone: opt(&row.phone, &old.phone),
        messenger: opt(&row.messenger, &old.messenger),
        notes: pick(&row.notes, &old.notes),
        // A list says "prospect" for everyone it has not sorted; it does not move anyone back.
        stage: if row.stage.is_empty() || row.stage == "prospect" {
            old.stage.clone()
        } else {
            row.stage.clone()
        },
        follow_up_on: opt(&row.follow_up_on, &old.follow_up_on),
        rating: row.rating.or(old.rating),
        handles,
    }
}

impl Contacts<'_> {
    /// Imports checked contacts (`checked_contact`) in one transaction; with `dry_run` the
    /// counts are made and everything is rolled back.
    pub fn import(
        &self,
        rows: &[NewContact],
        now: i64,
        dry_run: bool,
    ) -> StoreResult<ContactImportCounts> {
        let tx = self.conn().unchecked_transaction()?;
        let mut counts = ContactImportCounts::default();
        // Counted per contact at the end, so that two rows of one file about the same person
        // count once, and a second run of the same file counts nothing as updated.
        let mut before: HashMap<i64, NewContact> = HashMap::new();
        let mut created: HashSet<i64> = HashSet::new();
        for row in rows {
            match find_existing(&tx, row)? {
                Some(id) => {
                    let old = Contacts::new(&tx).input(id)?;
                    if !created.contains(&id) {
                        before.entry(id).or_insert_with(|| old.clone());
                    }
                    let new = merged(&old, row);
                    if new != old {
                        write_fields(&tx, id, &new, now)?;
                        write_handles(&tx, id, &new.handles)?;
                        refresh_derived(&tx, id)?;
                    }
                }
                None => {
                    let mut row = row.clone();
                    if row.stage.is_empty() {
                        row.stage = "prospect".into();
                    }
                    insert_contact(&tx, &row, now)?;
                    let id = tx.last_insert_rowid();
                    write_handles(&tx, id, &row.handles)?;
                    refresh_derived(&tx, id)?;
                    created.insert(id);
                    counts.new += 1;
                }
            }
        }
        for (id, old) in &before {
            if Contacts::new(&tx).input(*id)? == *old {
                counts.unchanged += 1;
            } else {
                counts.updated += 1;
            }
        }
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(counts)
    }
}
