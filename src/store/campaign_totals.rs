//! Campaign totals for lists and the campaign view: spend and results summed in SQL, the cost
//! metrics and pacing derived from them through `domain`, the spend by day and the linked posts.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::campaigns::{Campaigns, SpendDay, spend_days};
use super::scope::Scope;
use super::{StoreError, StoreResult};
use crate::domain::metrics;
use crate::domain::pacing::{self, Pace};

/// A campaign with its totals, summed in SQL.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignSummary {
    pub id: i64,
    pub name: String,
    pub client: String,
    pub channel: String,
    pub goal: String,
    pub goal_target: Option<i64>,
    pub budget_minor: Option<i64>,
    pub currency: String,
    pub start_on: Option<String>,
    pub end_on: Option<String>,
    pub ads_source: Option<String>,
    pub ads_id: Option<String>,
    pub revenue_per_conversion_minor: Option<i64>,
    pub spend_minor: i64,
    pub impressions: Option<i64>,
    pub reach: Option<i64>,
    pub clicks: Option<i64>,
    pub conversions: Option<i64>,
    /// The purchase value the ads manager reported; None when no export carried one.
    pub revenue_minor: Option<i64>,
    pub days_with_data: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub posts: i64,
}

impl CampaignSummary {
    pub fn ctr(&self) -> Option<f64> {
        metrics::ctr(self.clicks?, self.impressions?)
    }
    pub fn cpc(&self) -> Option<f64> {
        metrics::cpc(self.spend_minor, self.clicks?)
    }
    pub fn cpm(&self) -> Option<f64> {
        metrics::cpm(self.spend_minor, self.impressions?)
    }
    pub fn cpa(&self) -> Option<f64> {
        metrics::cpa(self.spend_minor, self.conversions?)
    }
    /// Reported purchase value, else conversions × the revenue per conversion, else unknown.
    pub fn revenue(&self) -> Option<i64> {
        metrics::revenue(
            self.revenue_minor,
            self.conversions,
            self.revenue_per_conversion_minor,
        )
    }
    pub fn romi(&self) -> Option<f64> {
        metrics::romi(self.revenue(), self.spend_minor)
    }
    fn dates(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        (day(&self.start_on), day(&self.end_on))
    }
    pub fn pace(&self, today: NaiveDate) -> Pace {
        let (s, e) = self.dates();
        pacing::pace(self.budget_minor, self.spend_minor, s, e, today)
    }
    /// Spend against what the elapsed days allow (1.0 on plan).
    pub fn pacing_ratio(&self, today: NaiveDate) -> Option<f64> {
        let (s, e) = self.dates();
        pacing::pacing_ratio(self.budget_minor, self.spend_minor, s, e, today)
    }
    /// Whether the campaign runs on some day of `[from, to]` (a campaign without dates runs
    /// always).
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let (s, e) = self.dates();
        s.is_none_or(|s| s <= to) && e.is_none_or(|e| e >= from)
    }
    /// The share of the flight that has passed.
    pub fn elapsed(&self, today: NaiveDate) -> Option<f64> {
        let (s, e) = self.dates();
        Some(pacing::elapsed_share(s?, e?, today))
    }
}

/// What pacing needs of a campaign (the tab bar's and Today's "off track"): its budget, its
/// spend and its dates, without the totals and post counts of a summary.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignPace {
    pub id: i64,
    pub name: String,
    pub currency: String,
    pub budget_minor: Option<i64>,
    pub spend_minor: i64,
    pub start_on: Option<String>,
    pub end_on: Option<String>,
}

impl CampaignPace {
    /// The same pace as [`CampaignSummary::pace`], from the same function.
    pub fn pace(&self, today: NaiveDate) -> Pace {
        pacing::pace(
            self.budget_minor,
            self.spend_minor,
            day(&self.start_on),
            day(&self.end_on),
            today,
        )
    }
}

/// A post linked to a campaign, with its newest numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignPost {
    pub id: i64,
    pub account_id: i64,
    pub title: String,
    pub status: String,
    pub at: Option<i64>,
    pub views: Option<i64>,
    pub reach: Option<i64>,
    pub engagements: Option<i64>,
}

/// An influencer collaboration of a campaign, with what it cost per engagement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignCollab {
    pub id: i64,
    pub contact: String,
    pub deliverable: String,
    pub status: String,
    pub fee_minor: Option<i64>,
    pub currency: String,
    pub engagements: Option<i64>,
}

impl CampaignCollab {
    /// Fee ÷ engagements, in minor units.
    pub fn cpe(&self) -> Option<f64> {
        metrics::cpe(self.fee_minor?, self.engagements?)
    }
}

/// The WHERE clause keeping the campaigns run on the scope's accounts (bound from `?1` on),
/// or nothing for all accounts: with and without the accounts as separate texts (see
/// `store::filter`).
fn run_on(scope: &Scope) -> String {
    match scope {
        Scope::All => String::new(),
        _ => format!(
            "WHERE c.id IN (SELECT campaign_id FROM campaign_accounts WHERE 1{})",
            scope.and_in("account_id", 1)
        ),
    }
}

/// A stored `YYYY-MM-DD`, if there is one and it reads as a date.
fn day(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref().and_then(|d| d.parse::<NaiveDate>().ok())
}

const SUMMARY_SQL: &str = "
    SELECT c.id, c.name, c.client, c.channel, c.goal, c.goal_target, c.budget_minor, c.currency,
           c.start_on, c.end_on, c.ads_source, c.ads_id, c.revenue_per_conversion_minor,
           COALESCE(SUM(d.spend_minor), 0), SUM(d.impressions), SUM(d.reach), SUM(d.clicks),
           SUM(d.conversions), SUM(d.revenue_minor), COUNT(d.day),
           MIN(COALESCE(d.covers_from, d.day)), MAX(d.day),
           (SELECT COUNT(*) FROM posts p WHERE p.campaign_id = c.id)
      FROM campaigns c LEFT JOIN campaign_daily d ON d.campaign_id = c.id";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CampaignSummary> {
    Ok(CampaignSummary {
        id: r.get(0)?,
        name: r.get(1)?,
        client: r.get(2)?,
        channel: r.get(3)?,
        goal: r.get(4)?,
        goal_target: r.get(5)?,
        budget_minor: r.get(6)?,
        currency: r.get(7)?,
        start_on: r.get(8)?,
        end_on: r.get(9)?,
        ads_source: r.get(10)?,
        ads_id: r.get(11)?,
        revenue_per_conversion_minor: r.get(12)?,
        spend_minor: r.get(13)?,
        impressions: r.get(14)?,
        reach: r.get(15)?,
        clicks: r.get(16)?,
        conversions: r.get(17)?,
        revenue_minor: r.get(18)?,
        days_with_data: r.get(19)?,
        first_day: r.get(20)?,
        last_day: r.get(21)?,
        posts: r.get(22)?,
    })
}

impl Campaigns<'_> {
    /// The collaborations linked to a campaign (a page), newest due first.
    pub fn collaborations(&self, campaign: i64, limit: i64) -> StoreResult<Vec<CampaignCollab>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, k.name, c.deliverable, c.status, c.fee_minor, c.currency, c.engagements
               FROM collaborations c JOIN contacts k ON k.id = c.contact_id
              WHERE c.campaign_id = ?1
              ORDER BY c.due_on DESC, c.id DESC LIMIT +?2",
        )?;
        let rows = stmt
            .query_map(params![campaign, limit], |r| {
                Ok(CampaignCollab {
                    id: r.get(0)?,
                    contact: r.get(1)?,
                    deliverable: r.get(2)?,
                    status: r.get(3)?,
                    fee_minor: r.get(4)?,
                    currency: r.get(5)?,
                    engagements: r.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Every campaign with its totals, newest start first (those run on the scope's
    /// accounts). Campaigns are few; the sums run in SQL.
    pub fn summaries(&self, scope: impl Into<Scope>) -> StoreResult<Vec<CampaignSummary>> {
        let scope = scope.into();
        let only = run_on(&scope);
        let sql = format!(
            "{SUMMARY_SQL} {only}
              GROUP BY c.id ORDER BY c.start_on DESC, c.id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(scope.ids()), summary_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Every campaign's budget, spend and dates (those run on the scope's accounts), newest
    /// start first: one sum over the spend by day, no count of linked posts (30,000 of them
    /// took 1 ms after every write at the large demo).
    pub fn paces(&self, scope: impl Into<Scope>) -> StoreResult<Vec<CampaignPace>> {
        let scope = scope.into();
        let only = run_on(&scope);
        let sql = format!(
            "SELECT c.id, c.name, c.currency, c.budget_minor,
                    COALESCE((SELECT SUM(d.spend_minor) FROM campaign_daily d
                               WHERE d.campaign_id = c.id), 0),
                    c.start_on, c.end_on
               FROM campaigns c {only}
              ORDER BY c.start_on DESC, c.id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(scope.ids()), |r| {
                Ok(CampaignPace {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    currency: r.get(2)?,
                    budget_minor: r.get(3)?,
                    spend_minor: r.get(4)?,
                    start_on: r.get(5)?,
                    end_on: r.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn summary(&self, id: i64) -> StoreResult<CampaignSummary> {
        let sql = format!("{SUMMARY_SQL} WHERE c.id = ?1 GROUP BY c.id");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], summary_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("campaign {id}")))
    }

    /// The spend rows of a campaign whose days fall in `[from, to]`, oldest first.
    pub fn spend_days(&self, campaign: i64, from: &str, to: &str) -> StoreResult<Vec<SpendDay>> {
        spend_days(self.conn, campaign, from, to)
    }

    /// Posts linked to a campaign, newest first, with their newest numbers (a page).
    pub fn posts(&self, campaign: i64, limit: i64) -> StoreResult<Vec<CampaignPost>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.account_id, CASE WHEN p.title <> '' THEN p.title ELSE p.caption END,
                    p.status, COALESCE(p.published_at, p.scheduled_at),
                    l.views, l.reach, l.engagements
               FROM posts p LEFT JOIN post_latest l ON l.post_id = p.id
              WHERE p.campaign_id = ?1
              ORDER BY COALESCE(p.published_at, p.scheduled_at) DESC, p.id DESC LIMIT +?2",
        )?;
        let rows = stmt
            .query_map(params![campaign, limit], |r| {
                Ok(CampaignPost {
                    id: r.get(0)?,
                    account_id: r.get(1)?,
                    title: r.get(2)?,
                    status: r.get(3)?,
                    at: r.get(4)?,
                    views: r.get(5)?,
                    reach: r.get(6)?,
                    engagements: r.get(7)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
