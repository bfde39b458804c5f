//! One contact in full, for the contacts detail pane: contact details, handles, rate card,
//! the latest interactions and the collaborations.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::contacts::Contacts;
use super::{StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactDetail {
    pub id: i64,
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
    /// (platform, handle, followers, engagement rate), biggest first.
    pub handles: Vec<(String, String, Option<i64>, Option<f64>)>,
    /// (format, price in minor units, currency).
    pub rates: Vec<(String, i64, String)>,
    /// (when, channel, note), newest first.
    pub interactions: Vec<(i64, String, String)>,
    pub collaborations: Vec<Collaboration>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collaboration {
    pub campaign: Option<String>,
    pub deliverable: String,
    pub due_on: Option<String>,
    pub fee_minor: Option<i64>,
    pub currency: String,
    pub paid: bool,
    pub status: String,
}

/// How many interactions the pane lists; the rest stay in the database.
const INTERACTIONS_SHOWN: i64 = 10;

impl Contacts<'_> {
    pub fn detail(&self, id: i64) -> StoreResult<ContactDetail> {
        let conn = self.conn();
        let mut d = conn
            .prepare_cached(
                "SELECT id, name, niche, location, language, email, phone, messenger, notes, stage,
                        follow_up_on, rating FROM contacts WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok(ContactDetail {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    niche: r.get(2)?,
                    location: r.get(3)?,
                    language: r.get(4)?,
                    email: r.get(5)?,
                    phone: r.get(6)?,
                    messenger: r.get(7)?,
                    notes: r.get(8)?,
                    stage: r.get(9)?,
                    follow_up_on: r.get(10)?,
                    rating: r.get(11)?,
                    handles: Vec::new(),
                    rates: Vec::new(),
                    interactions: Vec::new(),
                    collaborations: Vec::new(),
                })
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("contact {id}")))?;
        d.handles = conn
            .prepare_cached(
                "SELECT platform, handle, followers, engagement_rate FROM contact_handles
                  WHERE contact_id = ?1 ORDER BY followers DESC NULLS LAST",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        d.rates = conn
            .prepare_cached("SELECT format, price_minor, currency FROM rate_cards WHERE contact_id = ?1 ORDER BY price_minor")?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        d.interactions = conn
            .prepare_cached(
                "SELECT at, channel, note FROM interactions WHERE contact_id = ?1
                  ORDER BY at DESC LIMIT ?2",
            )?
            .query_map(params![id, INTERACTIONS_SHOWN], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        d.collaborations = conn
            .prepare_cached(
                "SELECT c.name, k.deliverable, k.due_on, k.fee_minor, k.currency, k.paid, k.status
                   FROM collaborations k LEFT JOIN campaigns c ON c.id = k.campaign_id
                  WHERE k.contact_id = ?1 ORDER BY k.due_on DESC NULLS LAST",
            )?
            .query_map([id], |r| {
                Ok(Collaboration {
                    campaign: r.get(0)?,
                    deliverable: r.get(1)?,
                    due_on: r.get(2)?,
                    fee_minor: r.get(3)?,
                    currency: r.get(4)?,
                    paid: r.get(5)?,
                    status: r.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{NewContact, Store};

    #[test]
    fn detail_gathers_everything() {
        let mut store = Store::open_in_memory().unwrap();
        let id = {
            let mut bulk = store.bulk().unwrap();
            bulk.set_now(100);
            let id = bulk
                .add_contact(&NewContact {
                    name: "Anna".into(),
                    stage: "content_live".into(),
                    ..Default::default()
                })
                .unwrap();
            bulk.add_handle(id, "instagram", "anna", 5_000, 0.04)
                .unwrap();
            bulk.add_handle(id, "tiktok", "anna_tt", 90_000, 0.08)
                .unwrap();
            bulk.add_rate(id, "reel", 20_000, "USD").unwrap();
            bulk.add_interaction(id, 50, "email", "sent brief").unwrap();
            bulk.add_interaction(id, 80, "call", "agreed").unwrap();
            bulk.add_collaboration(
                id,
                None,
                "1 reel",
                "2026-12-01",
                20_000,
                "USD",
                false,
                "planned",
            )
            .unwrap();
            bulk.finish().unwrap();
            id
        };
        let d = store.contacts().detail(id).unwrap();
        assert_eq!(d.handles[0].1, "anna_tt", "biggest first");
        assert_eq!(
            d.rates,
            vec![("reel".to_string(), 20_000, "USD".to_string())]
        );
        assert_eq!(d.interactions[0].2, "agreed", "newest first");
        assert_eq!(d.collaborations[0].deliverable, "1 reel");
        assert!(!d.collaborations[0].paid);
        assert!(store.contacts().detail(999).is_err());
    }
}
