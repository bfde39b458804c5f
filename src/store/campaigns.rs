use rusqlite::{Connection, params};
use serde::Serialize;

use super::StoreResult;

#[derive(Debug, Clone, Default)]
pub struct NewCampaign {
    pub name: String,
    pub client: String,
    pub objective: String,
    pub channel: String,
    pub budget_minor: Option<i64>,
    pub currency: String,
    pub start_on: Option<String>,
    pub end_on: Option<String>,
}

/// A campaign with its totals, summed in SQL.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignSummary {
    pub id: i64,
    pub name: String,
    pub client: String,
    pub channel: String,
    pub budget_minor: Option<i64>,
    pub currency: String,
    pub start_on: Option<String>,
    pub end_on: Option<String>,
    pub spend_minor: i64,
    pub impressions: i64,
    pub reach: i64,
    pub clicks: i64,
    pub conversions: i64,
    pub revenue_minor: i64,
    pub days_with_data: i64,
}

pub struct Campaigns<'a> {
    conn: &'a Connection,
}

impl<'a> Campaigns<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Self { conn }
    }

    pub fn add(&self, c: &NewCampaign, accounts: &[i64], now: i64) -> StoreResult<i64> {
        let tx = self.conn.unchecked_transaction()?;
        let id = insert_campaign(&tx, c, accounts, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// Records (or replaces) one day of a campaign's numbers.
    #[allow(clippy::too_many_arguments)]
    pub fn record_day(
        &self,
        campaign: i64,
        day: &str,
        spend_minor: i64,
        impressions: i64,
        reach: i64,
        clicks: i64,
        conversions: i64,
        revenue_minor: i64,
    ) -> StoreResult<()> {
        upsert_day(
            self.conn,
            campaign,
            day,
            [
                spend_minor,
                impressions,
                reach,
                clicks,
                conversions,
                revenue_minor,
            ],
        )
    }

    /// Every campaign with its totals, newest start first. Campaigns are few; the sums run in SQL.
    pub fn summaries(&self, account: Option<i64>) -> StoreResult<Vec<CampaignSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.client, c.channel, c.budget_minor, c.currency, c.start_on, c.end_on,
                    COALESCE(SUM(d.spend_minor), 0), COALESCE(SUM(d.impressions), 0),
                    COALESCE(SUM(d.reach), 0), COALESCE(SUM(d.clicks), 0),
                    COALESCE(SUM(d.conversions), 0), COALESCE(SUM(d.revenue_minor), 0), COUNT(d.day)
               FROM campaigns c LEFT JOIN campaign_daily d ON d.campaign_id = c.id
              WHERE ?1 IS NULL OR c.id IN (SELECT campaign_id FROM campaign_accounts WHERE account_id = ?1)
              GROUP BY c.id ORDER BY c.start_on DESC, c.id DESC",
        )?;
        let rows = stmt
            .query_map([account], |r| {
                Ok(CampaignSummary {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    client: r.get(2)?,
                    channel: r.get(3)?,
                    budget_minor: r.get(4)?,
                    currency: r.get(5)?,
                    start_on: r.get(6)?,
                    end_on: r.get(7)?,
                    spend_minor: r.get(8)?,
                    impressions: r.get(9)?,
                    reach: r.get(10)?,
                    clicks: r.get(11)?,
                    conversions: r.get(12)?,
                    revenue_minor: r.get(13)?,
                    days_with_data: r.get(14)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

pub(crate) fn insert_campaign(
    conn: &Connection,
    c: &NewCampaign,
    accounts: &[i64],
    now: i64,
) -> StoreResult<i64> {
    conn.prepare_cached(
        "INSERT INTO campaigns (name, client, objective, channel, budget_minor, currency, start_on,
                                end_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        c.name,
        c.client,
        c.objective,
        if c.channel.is_empty() {
            "organic"
        } else {
            c.channel.as_str()
        },
        c.budget_minor,
        if c.currency.is_empty() {
            "USD"
        } else {
            c.currency.as_str()
        },
        c.start_on,
        c.end_on,
        now
    ])?;
    let id = conn.last_insert_rowid();
    for a in accounts {
        conn.prepare_cached(
            "INSERT INTO campaign_accounts (campaign_id, account_id) VALUES (?1, ?2)",
        )?
        .execute([id, *a])?;
    }
    Ok(id)
}

/// Values in order: spend, impressions, reach, clicks, conversions, revenue.
pub(crate) fn upsert_day(
    conn: &Connection,
    campaign: i64,
    day: &str,
    v: [i64; 6],
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO campaign_daily (campaign_id, day, spend_minor, impressions, reach,
                                                clicks, conversions, revenue_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![campaign, day, v[0], v[1], v[2], v[3], v[4], v[5]])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::{NewAccount, NewCampaign, Store};

    #[test]
    fn totals_sum_in_sql() {
        let store = Store::open_in_memory().unwrap();
        let acc = store
            .accounts()
            .add(
                &NewAccount {
                    platform: "facebook".into(),
                    handle: "lumen".into(),
                    ..Default::default()
                },
                0,
            )
            .unwrap();
        let c = store.campaigns();
        let id = c
            .add(
                &NewCampaign {
                    name: "Winter".into(),
                    channel: "paid".into(),
                    budget_minor: Some(100_000),
                    ..Default::default()
                },
                &[acc],
                0,
            )
            .unwrap();
        c.add(
            &NewCampaign {
                name: "Other".into(),
                ..Default::default()
            },
            &[],
            0,
        )
        .unwrap();
        c.record_day(id, "2026-11-01", 1000, 500, 400, 20, 2, 5000)
            .unwrap();
        c.record_day(id, "2026-11-02", 2000, 700, 600, 30, 1, 0)
            .unwrap();
        c.record_day(id, "2026-11-02", 3000, 700, 600, 30, 1, 0)
            .unwrap();
        let all = c.summaries(None).unwrap();
        assert_eq!(all.len(), 2);
        let mine = c.summaries(Some(acc)).unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(
            (mine[0].spend_minor, mine[0].clicks, mine[0].days_with_data),
            (4000, 50, 2)
        );
    }
}
