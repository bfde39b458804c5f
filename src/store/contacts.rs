//! The contacts list: the people the user works with, paged by name, and their follow-ups.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::StoreResult;
use crate::domain::contact::{CollabFigures, contact_costs, fold};

/// A contact as the list shows them, with their biggest handle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactRow {
    pub id: i64,
    pub name: String,
    pub niche: String,
    pub location: String,
    pub stage: String,
    pub follow_up_on: Option<String>,
    pub rating: Option<i64>,
    pub top_platform: Option<String>,
    pub top_handle: Option<String>,
    pub top_followers: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct NewContact {
    pub name: String,
    pub niche: String,
    pub location: String,
    pub language: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub messenger: Option<String>,
    pub notes: String,
    pub stage: String,
    pub follow_up_on: Option<String>,
    pub rating: Option<i64>,
}

pub struct Contacts<'a> {
    conn: &'a Connection,
}

const SELECT_ROW: &str =
    "SELECT f.id, f.name, f.niche, f.location, f.stage, f.follow_up_on, f.rating,
        h.platform, h.handle, h.followers
   FROM contacts f
   LEFT JOIN contact_handles h ON h.id = (
        SELECT id FROM contact_handles WHERE contact_id = f.id
        ORDER BY followers DESC NULLS LAST LIMIT 1)";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ContactRow> {
    Ok(ContactRow {
        id: r.get(0)?,
        name: r.get(1)?,
        niche: r.get(2)?,
        location: r.get(3)?,
        stage: r.get(4)?,
        follow_up_on: r.get(5)?,
        rating: r.get(6)?,
        top_platform: r.get(7)?,
        top_handle: r.get(8)?,
        top_followers: r.get(9)?,
    })
}

impl<'a> Contacts<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Self { conn }
    }

    pub(crate) fn conn(&self) -> &'a Connection {
        self.conn
    }

    pub fn add(&self, f: &NewContact, now: i64) -> StoreResult<i64> {
        insert_contact(self.conn, f, now)?;
        let id = self.conn.last_insert_rowid();
        refresh_derived(self.conn, id)?;
        Ok(id)
    }

    pub fn add_handle(
        &self,
        contact: i64,
        platform: &str,
        handle: &str,
        followers: Option<i64>,
        er: Option<f64>,
    ) -> StoreResult<i64> {
        self.conn.execute(
            "INSERT INTO contact_handles (contact_id, platform, handle, followers, engagement_rate)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![contact, platform, handle, followers, er],
        )?;
        let id = self.conn.last_insert_rowid();
        refresh_derived(self.conn, contact)?;
        Ok(id)
    }

    /// One page by name (keyset on `(name, id)`).
    pub fn page_by_name(
        &self,
        after: Option<(&str, i64)>,
        limit: usize,
    ) -> StoreResult<Vec<ContactRow>> {
        let (name, id) = after.unwrap_or(("", i64::MIN));
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_ROW} WHERE (f.name, f.id) > (?1, ?2) ORDER BY f.name, f.id LIMIT ?3"
        ))?;
        let rows = stmt
            .query_map(params![name, id, limit as i64], from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Follow-ups due on or before `day` (YYYY-MM-DD), earliest first, skipping closed stages.
    pub fn follow_ups_due(&self, day: &str, limit: usize) -> StoreResult<Vec<ContactRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_ROW} WHERE f.follow_up_on <= ?1 AND f.stage NOT IN ('paid', 'declined')
             ORDER BY f.follow_up_on, f.id LIMIT ?2"
        ))?;
        let rows = stmt
            .query_map(params![day, limit as i64], from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn count_follow_ups_due(&self, day: &str) -> StoreResult<i64> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT COUNT(*) FROM contacts WHERE follow_up_on <= ?1
               AND stage NOT IN ('paid', 'declined')",
            )?
            .query_row([day], |r| r.get(0))?)
    }

    pub fn count(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM contacts", [], |r| r.get(0))?)
    }
}

pub(crate) fn insert_contact(conn: &Connection, f: &NewContact, now: i64) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO contacts (name, niche, location, language, email, phone, messenger, notes,
                                  stage, follow_up_on, rating, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        f.name,
        f.niche,
        f.location,
        f.language,
        f.email,
        f.phone,
        f.messenger,
        f.notes,
        if f.stage.is_empty() {
            "prospect"
        } else {
            f.stage.as_str()
        },
        f.follow_up_on,
        f.rating,
        now
    ])?;
    Ok(())
}

/// The figures of each collaboration of a contact, the linked post's latest snapshot first and
/// what the contact reported otherwise: (fee, currency, views, engagements).
pub(crate) const COLLAB_FIGURES: &str = "
    SELECT k.fee_minor, k.currency,
           COALESCE((SELECT m.views FROM post_metrics m WHERE m.post_id = k.post_id
                      ORDER BY m.snapshot_on DESC LIMIT 1), k.views),
           COALESCE((SELECT CASE WHEN m.reactions IS NULL AND m.comments IS NULL
                                      AND m.shares IS NULL AND m.saves IS NULL THEN NULL
                            ELSE COALESCE(m.reactions, 0) + COALESCE(m.comments, 0)
                                 + COALESCE(m.shares, 0) + COALESCE(m.saves, 0) END
                       FROM post_metrics m WHERE m.post_id = k.post_id
                      ORDER BY m.snapshot_on DESC LIMIT 1), k.engagements)
      FROM collaborations k WHERE k.contact_id = ?1 AND k.status != 'cancelled'";

/// (fee, currency, views, engagements) as `COLLAB_FIGURES` reads them.
type FigureRow = (Option<i64>, String, Option<i64>, Option<i64>);

/// Brings a contact's kept columns up to date after any write that touches them: the folded
/// search text, the biggest handle's followers and engagement rate, the cost per engagement.
pub(crate) fn refresh_derived(conn: &Connection, id: i64) -> StoreResult<()> {
    let Some((name, niche, notes)) = conn
        .prepare_cached("SELECT name, niche, notes FROM contacts WHERE id = ?1")?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .optional()?
    else {
        return Ok(());
    };
    let mut text = format!("{name} {niche}");
    let mut handles = conn.prepare_cached(
        "SELECT handle, followers, engagement_rate FROM contact_handles WHERE contact_id = ?1
          ORDER BY followers DESC NULLS LAST, id",
    )?;
    let mut top: Option<(Option<i64>, Option<f64>)> = None;
    let mut rows = handles.query([id])?;
    while let Some(r) = rows.next()? {
        let handle: String = r.get(0)?;
        text.push(' ');
        text.push_str(&handle);
        top.get_or_insert((r.get(1)?, r.get(2)?));
    }
    text.push(' ');
    text.push_str(&notes);
    let figures: Vec<FigureRow> = conn
        .prepare_cached(COLLAB_FIGURES)?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let figures: Vec<CollabFigures<'_>> = figures
        .iter()
        .map(|(fee, cur, views, eng)| CollabFigures {
            fee_minor: *fee,
            currency: cur,
            views: *views,
            engagements: *eng,
        })
        .collect();
    let costs = contact_costs(&figures);
    let (followers, er) = top.unwrap_or((None, None));
    conn.prepare_cached(
        "UPDATE contacts SET search_text = ?2, followers = ?3, engagement_rate = ?4,
                cost_per_engagement = ?5 WHERE id = ?1",
    )?
    .execute(params![
        id,
        fold(&text),
        followers,
        er,
        costs.cost_per_engagement
    ])?;
    Ok(())
}

/// The kept columns and last-contact time of the contacts above `mark` (a bulk batch's).
pub(crate) fn refresh_contacts_after(conn: &Connection, mark: i64) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE contacts SET last_contact_at = (SELECT MAX(at) FROM interactions i
                 WHERE i.contact_id = contacts.id AND i.channel != 'stage')
          WHERE id > ?1",
    )?
    .execute([mark])?;
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM contacts WHERE id > ?1")?
        .query_map([mark], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        refresh_derived(conn, id)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::{NewContact, Store};

    #[test]
    fn pages_and_follow_ups() {
        let store = Store::open_in_memory().unwrap();
        let inf = store.contacts();
        let names = ["Zoe", "Anna", "Mia"];
        for (i, n) in names.iter().enumerate() {
            let id = inf
                .add(
                    &NewContact {
                        name: n.to_string(),
                        stage: if i == 2 {
                            "declined".into()
                        } else {
                            "contacted".into()
                        },
                        follow_up_on: Some(format!("2026-11-2{i}")),
                        ..Default::default()
                    },
                    0,
                )
                .unwrap();
            inf.add_handle(
                id,
                "instagram",
                &format!("{n}_ig"),
                Some(1000 * (i as i64 + 1)),
                None,
            )
            .unwrap();
            inf.add_handle(id, "tiktok", &format!("{n}_tt"), Some(10), None)
                .unwrap();
        }
        let page = inf.page_by_name(None, 2).unwrap();
        assert_eq!(
            page.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
            ["Anna", "Mia"]
        );
        assert_eq!(page[0].top_handle.as_deref(), Some("Anna_ig"));
        let next = inf
            .page_by_name(Some((&page[1].name, page[1].id)), 2)
            .unwrap();
        assert_eq!(next[0].name, "Zoe");
        assert_eq!(inf.count_follow_ups_due("2026-11-22").unwrap(), 2);
        assert_eq!(inf.follow_ups_due("2026-11-20", 5).unwrap()[0].name, "Zoe");
        assert_eq!(inf.count().unwrap(), 3);
    }
}
