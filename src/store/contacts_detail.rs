//! One contact in full, for the detail pane and `contacts show`: how to reach them, handles,
//! rate card, the latest interactions, and the collaborations with what each cost per
//! engagement and per thousand views.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::contacts::{Contacts, EFFECTIVE_ENGAGEMENTS, EFFECTIVE_VIEWS, Handle};
use super::{StoreError, StoreResult};
use crate::domain::contact::{CollabFigures, contact_costs, cost_per_engagement, cost_per_mille};

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
    pub last_contact_at: Option<i64>,
    pub rating: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Biggest first.
    pub handles: Vec<Handle>,
    /// Cheapest first.
    pub rates: Vec<Rate>,
    /// The latest `INTERACTIONS_SHOWN`, newest first; `interactions_total` counts them all.
    pub interactions: Vec<Interaction>,
    pub interactions_total: i64,
    /// Latest due first; those without a date last.
    pub collaborations: Vec<Collaboration>,
    /// Over the collaborations whose fee and results are known; None when unknown or when
    /// fees are in several currencies.
    pub cost_per_engagement: Option<f64>,
    pub cost_per_mille: Option<f64>,
    pub cost_currency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rate {
    pub format: String,
    pub price_minor: i64,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interaction {
    pub id: i64,
    pub at: i64,
    pub channel: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collaboration {
    pub id: i64,
    pub campaign_id: Option<i64>,
    pub campaign: Option<String>,
    pub deliverable: String,
    pub format: String,
    pub due_on: Option<String>,
    pub fee_minor: Option<i64>,
    pub currency: String,
    pub barter: String,
    pub status: String,
    pub post_link: Option<String>,
    pub post_id: Option<i64>,
    /// From the linked post's latest snapshot, else as the contact reported; None if unknown.
    pub views: Option<i64>,
    pub engagements: Option<i64>,
    pub paid: bool,
    pub paid_at: Option<i64>,
    pub cost_per_engagement: Option<f64>,
    pub cost_per_mille: Option<f64>,
}

/// How many interactions the pane lists; the rest stay in the database.
pub const INTERACTIONS_SHOWN: i64 = 10;

/// A collaboration's columns with its effective views and engagements.
fn collab_select() -> String {
    format!(
        "SELECT k.id, k.campaign_id, c.name, k.deliverable, k.format, k.due_on, k.fee_minor,
                k.currency, k.barter, k.status, k.post_link, k.post_id, k.paid, k.paid_at,
                {EFFECTIVE_VIEWS}, {EFFECTIVE_ENGAGEMENTS}
           FROM collaborations k LEFT JOIN campaigns c ON c.id = k.campaign_id"
    )
}

fn collab_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Collaboration> {
    let fee: Option<i64> = r.get(6)?;
    let views: Option<i64> = r.get(14)?;
    let engagements: Option<i64> = r.get(15)?;
    Ok(Collaboration {
        id: r.get(0)?,
        campaign_id: r.get(1)?,
        campaign: r.get(2)?,
        deliverable: r.get(3)?,
        format: r.get(4)?,
        due_on: r.get(5)?,
        fee_minor: fee,
        currency: r.get(7)?,
        barter: r.get(8)?,
        status: r.get(9)?,
        post_link: r.get(10)?,
        post_id: r.get(11)?,
        paid: r.get(12)?,
        paid_at: r.get(13)?,
        views,
        engagements,
        cost_per_engagement: cost_per_engagement(fee, engagements),
        cost_per_mille: cost_per_mille(fee, views),
    })
}

/// A late deliverable for Today: who owes it, what, and since when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LateDeliverable {
    pub collaboration_id: i64,
    pub contact_id: i64,
    pub contact: String,
    pub deliverable: String,
    pub due_on: Option<String>,
    pub status: String,
}

impl Contacts<'_> {
    pub fn detail(&self, id: i64) -> StoreResult<ContactDetail> {
        let conn = self.conn();
        let mut d = conn
            .prepare_cached(
                "SELECT id, name, niche, location, language, email, phone, messenger, notes, stage,
                        follow_up_on, last_contact_at, rating, created_at, updated_at
                   FROM contacts WHERE id = ?1",
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
                    last_contact_at: r.get(11)?,
                    rating: r.get(12)?,
                    created_at: r.get(13)?,
                    updated_at: r.get(14)?,
                    handles: Vec::new(),
                    rates: Vec::new(),
                    interactions: Vec::new(),
                    interactions_total: 0,
                    collaborations: Vec::new(),
                    cost_per_engagement: None,
                    cost_per_mille: None,
                    cost_currency: None,
                })
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("contact {id}")))?;
        d.handles = conn
            .prepare_cached(
                "SELECT platform, handle, followers, engagement_rate FROM contact_handles
                  WHERE contact_id = ?1 ORDER BY followers DESC NULLS LAST, id",
            )?
            .query_map([id], |r| {
                Ok(Handle {
                    platform: r.get(0)?,
                    handle: r.get(1)?,
                    followers: r.get(2)?,
                    engagement_rate: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        d.rates = conn
            .prepare_cached(
                "SELECT format, price_minor, currency FROM rate_cards WHERE contact_id = ?1
                  ORDER BY price_minor, format",
            )?
            .query_map([id], |r| {
                Ok(Rate {
                    format: r.get(0)?,
                    price_minor: r.get(1)?,
                    currency: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        d.interactions = conn
            .prepare_cached(
                "SELECT id, at, channel, note FROM interactions WHERE contact_id = ?1
                  ORDER BY at DESC, id DESC LIMIT +?2",
            )?
            .query_map(params![id, INTERACTIONS_SHOWN], |r| {
                Ok(Interaction {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    channel: r.get(2)?,
                    note: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        d.interactions_total = conn
            .prepare_cached("SELECT COUNT(*) FROM interactions WHERE contact_id = ?1")?
            .query_row([id], |r| r.get(0))?;
        d.collaborations = conn
            .prepare_cached(&format!(
                "{} WHERE k.contact_id = ?1 ORDER BY k.due_on DESC NULLS LAST, k.id",
                collab_select()
            ))?
            .query_map([id], collab_from_row)?
            .collect::<Result<_, _>>()?;
        let figures: Vec<CollabFigures<'_>> = d
            .collaborations
            .iter()
            .filter(|c| c.status != "cancelled")
            .map(|c| CollabFigures {
                fee_minor: c.fee_minor,
                currency: &c.currency,
                views: c.views,
                engagements: c.engagements,
            })
            .collect();
        let costs = contact_costs(&figures);
        d.cost_per_engagement = costs.cost_per_engagement;
        d.cost_per_mille = costs.cost_per_mille;
        d.cost_currency = costs.currency;
        Ok(d)
    }

    /// One collaboration, for its form.
    pub fn collaboration(&self, id: i64) -> StoreResult<Collaboration> {
        self.conn()
            .prepare_cached(&format!("{} WHERE k.id = ?1", collab_select()))?
            .query_row([id], collab_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("collaboration {id}")))
    }

    /// Deliverables still open past their due date (or marked late), oldest first.
    pub fn late_deliverables(
        &self,
        today: &str,
        limit: usize,
    ) -> StoreResult<Vec<LateDeliverable>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT k.id, k.contact_id, c.name, k.deliverable, k.due_on, k.status
                   FROM collaborations k JOIN contacts c ON c.id = k.contact_id
                  WHERE k.status = 'late' OR (k.status = 'planned' AND k.due_on < ?1)
                  ORDER BY k.due_on NULLS FIRST, k.id LIMIT +?2",
            )?
            .query_map(params![today, limit as i64], |r| {
                Ok(LateDeliverable {
                    collaboration_id: r.get(0)?,
                    contact_id: r.get(1)?,
                    contact: r.get(2)?,
                    deliverable: r.get(3)?,
                    due_on: r.get(4)?,
                    status: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?)
    }

    pub fn count_late_deliverables(&self, today: &str) -> StoreResult<i64> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT COUNT(*) FROM collaborations
                  WHERE status = 'late' OR (status = 'planned' AND due_on < ?1)",
            )?
            .query_row([today], |r| r.get(0))?)
    }
}
