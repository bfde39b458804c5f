//! The influencer collaborations of a period, for reports: those due in it or whose linked
//! post went out in it, with fee, reach, engagements and whether the deliverable is late.

use rusqlite::ToSql;
use serde::Serialize;

use super::StoreResult;
use super::contacts::Contacts;
use super::scope::Scope;
use crate::domain::metrics;

/// One collaboration as a report lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodCollab {
    pub id: i64,
    pub contact: String,
    pub deliverable: String,
    pub format: String,
    pub due_on: Option<String>,
    pub status: String,
    pub fee_minor: Option<i64>,
    pub currency: String,
    /// From the linked post when it is one of ours, else unknown.
    pub reach: Option<i64>,
    /// From the linked post, else what the contact reported.
    pub engagements: Option<i64>,
    pub link: Option<String>,
    /// Marked late, or still planned after its due day.
    pub late: bool,
}

impl PeriodCollab {
    /// Fee ÷ engagements, in minor units.
    pub fn cpe(&self) -> Option<f64> {
        metrics::cpe(self.fee_minor?, self.engagements?)
    }
}

impl Contacts<'_> {
    /// Collaborations due in `[from_day, to_day]` or whose post was published in
    /// `[start, end)`, on the scope's accounts (through the post or the campaign), by due day.
    /// `today` decides lateness, as in the contacts' late list.
    pub fn collaborations_of_period(
        &self,
        (from_day, to_day): (&str, &str),
        (start, end): (i64, i64),
        scope: &Scope,
        today: &str,
        limit: i64,
    ) -> StoreResult<Vec<PeriodCollab>> {
        let acc = match scope {
            Scope::All => String::new(),
            _ => format!(
                " AND (l.account_id IS NOT NULL{a} OR k.campaign_id IN
                      (SELECT campaign_id FROM campaign_accounts WHERE 1{b}))",
                a = scope.and_in("l.account_id", 7),
                b = scope.and_in("account_id", 7),
            ),
        };
        let sql = format!(
            "SELECT k.id, c.name, k.deliverable, k.format, k.due_on, k.status, k.fee_minor,
                    k.currency, l.reach, COALESCE(l.engagements, k.engagements),
                    COALESCE(p.permalink, k.post_link),
                    k.status = 'late' OR (k.status = 'planned' AND k.due_on < ?5)
               FROM collaborations k JOIN contacts c ON c.id = k.contact_id
               LEFT JOIN posts p ON p.id = k.post_id
               LEFT JOIN post_latest l ON l.post_id = k.post_id
              WHERE ((k.due_on >= ?1 AND k.due_on <= ?2)
                     OR (l.published_at >= ?3 AND l.published_at < ?4)){acc}
              ORDER BY k.due_on, k.id LIMIT +?6"
        );
        let mut args: Vec<&dyn ToSql> = vec![&from_day, &to_day, &start, &end, &today, &limit];
        args.extend(scope.ids().iter().map(|i| i as &dyn ToSql));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt
            .query_map(args.as_slice(), |r| {
                Ok(PeriodCollab {
                    id: r.get(0)?,
                    contact: r.get(1)?,
                    deliverable: r.get(2)?,
                    format: r.get(3)?,
                    due_on: r.get(4)?,
                    status: r.get(5)?,
                    fee_minor: r.get(6)?,
                    currency: r.get(7)?,
                    reach: r.get(8)?,
                    engagements: r.get(9)?,
                    link: r.get(10)?,
                    late: r.get(11)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}
