use rusqlite::{Connection, params};
use serde::Serialize;

use super::StoreResult;

/// An influencer as the contacts list shows it, with their biggest handle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InfluencerRow {
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
pub struct NewInfluencer {
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

pub struct Influencers<'a> {
    conn: &'a Connection,
}

const SELECT_ROW: &str =
    "SELECT f.id, f.name, f.niche, f.location, f.stage, f.follow_up_on, f.rating,
        h.platform, h.handle, h.followers
   FROM influencers f
   LEFT JOIN influencer_handles h ON h.id = (
        SELECT id FROM influencer_handles WHERE influencer_id = f.id
        ORDER BY followers DESC NULLS LAST LIMIT 1)";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<InfluencerRow> {
    Ok(InfluencerRow {
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

impl<'a> Influencers<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Self { conn }
    }

    pub(crate) fn conn(&self) -> &'a Connection {
        self.conn
    }

    pub fn add(&self, f: &NewInfluencer, now: i64) -> StoreResult<i64> {
        insert_influencer(self.conn, f, now)?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn add_handle(
        &self,
        influencer: i64,
        platform: &str,
        handle: &str,
        followers: Option<i64>,
        er: Option<f64>,
    ) -> StoreResult<i64> {
        self.conn.execute(
            "INSERT INTO influencer_handles (influencer_id, platform, handle, followers, engagement_rate)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![influencer, platform, handle, followers, er],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// One page by name (keyset on `(name, id)`).
    pub fn page_by_name(
        &self,
        after: Option<(&str, i64)>,
        limit: usize,
    ) -> StoreResult<Vec<InfluencerRow>> {
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
    pub fn follow_ups_due(&self, day: &str, limit: usize) -> StoreResult<Vec<InfluencerRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_ROW} WHERE f.follow_up_on <= ?1 AND f.stage NOT IN ('completed', 'declined')
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
                "SELECT COUNT(*) FROM influencers WHERE follow_up_on <= ?1
               AND stage NOT IN ('completed', 'declined')",
            )?
            .query_row([day], |r| r.get(0))?)
    }

    pub fn count(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM influencers", [], |r| r.get(0))?)
    }
}

pub(crate) fn insert_influencer(conn: &Connection, f: &NewInfluencer, now: i64) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO influencers (name, niche, location, language, email, phone, messenger, notes,
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

#[cfg(test)]
mod tests {
    use crate::store::{NewInfluencer, Store};

    #[test]
    fn pages_and_follow_ups() {
        let store = Store::open_in_memory().unwrap();
        let inf = store.influencers();
        let names = ["Zoe", "Anna", "Mia"];
        for (i, n) in names.iter().enumerate() {
            let id = inf
                .add(
                    &NewInfluencer {
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
