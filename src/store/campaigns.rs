//! Campaigns: their plan (budget, dates, goal), the accounts they run on, and the daily ad spend
//! the ads managers' exports bring. Totals are summed in SQL; a NULL sum means no row carried
//! that figure (unknown), never zero.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use super::{StoreError, StoreResult};

/// A campaign as the form and `campaigns add` describe it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewCampaign {
    pub name: String,
    pub client: String,
    pub objective: String,
    pub channel: String,
    pub budget_minor: Option<i64>,
    pub currency: String,
    pub start_on: Option<String>,
    pub end_on: Option<String>,
    pub goal: String,
    pub goal_target: Option<i64>,
    pub revenue_per_conversion_minor: Option<i64>,
}

/// A campaign with the accounts it runs on, for editing.
#[derive(Debug, Clone, PartialEq)]
pub struct Campaign {
    pub id: i64,
    pub fields: NewCampaign,
    pub accounts: Vec<i64>,
    pub ads_source: Option<String>,
    pub ads_id: Option<String>,
}

/// One row of ad spend. `covers_from` is set when the row is a span's total (a report
/// without a day breakdown), and the row then sits on the span's last day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SpendDay {
    pub day: String,
    pub covers_from: Option<String>,
    pub spend_minor: i64,
    pub impressions: Option<i64>,
    pub reach: Option<i64>,
    pub clicks: Option<i64>,
    pub conversions: Option<i64>,
    pub revenue_minor: Option<i64>,
}

impl SpendDay {
    /// The first day the row covers.
    pub fn first_day(&self) -> &str {
        self.covers_from.as_deref().unwrap_or(&self.day)
    }
}

/// What `delete` removed, for undo.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedCampaign {
    pub campaign: Campaign,
    pub created_at: i64,
    pub days: Vec<SpendDay>,
    pub posts: Vec<i64>,
}

pub struct Campaigns<'a> {
    pub(super) conn: &'a Connection,
}

impl<'a> Campaigns<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Self { conn }
    }

    fn write(&self) -> StoreResult<rusqlite::Transaction<'a>> {
        Ok(rusqlite::Transaction::new_unchecked(
            self.conn,
            TransactionBehavior::Immediate,
        )?)
    }

    pub fn add(&self, c: &NewCampaign, accounts: &[i64], now: i64) -> StoreResult<i64> {
        let tx = self.write()?;
        let id = insert_campaign(&tx, c, accounts, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// Replaces a campaign's plan and accounts; returns what it was, for undo.
    pub fn update(&self, id: i64, c: &NewCampaign, accounts: &[i64]) -> StoreResult<Campaign> {
        let tx = self.write()?;
        let before = get(&tx, id)?;
        validate(c)?;
        write_fields(&tx, id, c)?;
        set_accounts(&tx, id, accounts)?;
        tx.commit()?;
        Ok(before)
    }

    pub fn get(&self, id: i64) -> StoreResult<Campaign> {
        get(self.conn, id)
    }

    /// Deletes a campaign; its spend rows go with it and its posts keep going without it.
    /// Returns everything needed to put it back.
    pub fn delete(&self, id: i64) -> StoreResult<DeletedCampaign> {
        let tx = self.write()?;
        let campaign = get(&tx, id)?;
        let created_at: i64 = tx.query_row(
            "SELECT created_at FROM campaigns WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        let days = spend_days(&tx, id, "0000-01-01", "9999-12-31")?;
        let posts = tx
            .prepare_cached("SELECT id FROM posts WHERE campaign_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        tx.prepare_cached("DELETE FROM campaigns WHERE id = ?1")?
            .execute([id])?;
        tx.commit()?;
        Ok(DeletedCampaign {
            campaign,
            created_at,
            days,
            posts,
        })
    }

    /// Puts back exactly what `delete` removed (same id, spend rows and post links).
    pub fn undelete(&self, d: &DeletedCampaign) -> StoreResult<()> {
        let tx = self.write()?;
        let c = &d.campaign;
        let f = &c.fields;
        tx.prepare_cached(
            "INSERT INTO campaigns (id, name, ads_source, ads_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![c.id, f.name, c.ads_source, c.ads_id, d.created_at])?;
        write_fields(&tx, c.id, f)?;
        set_accounts(&tx, c.id, &c.accounts)?;
        for day in &d.days {
            insert_spend(&tx, c.id, day)?;
        }
        for p in &d.posts {
            tx.prepare_cached("UPDATE posts SET campaign_id = ?2 WHERE id = ?1")?
                .execute(params![p, c.id])?;
        }
        tx.commit()?;
        Ok(())
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

    /// Names and ids of every campaign, for pickers (campaigns are tens, not millions).
    pub fn names(&self) -> StoreResult<Vec<(i64, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM campaigns ORDER BY name, id")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

/// The refusals a campaign's plan can meet, in the words the form and CLI show.
pub(crate) fn validate(c: &NewCampaign) -> StoreResult<()> {
    let bad = |m: String| Err(StoreError::Invalid(m));
    if c.name.trim().is_empty() {
        return bad("a campaign needs a name".into());
    }
    if let (Some(s), Some(e)) = (&c.start_on, &c.end_on)
        && e < s
    {
        return bad(format!("the campaign ends ({e}) before it starts ({s})"));
    }
    if c.budget_minor.is_some_and(|b| b < 0) {
        return bad("the budget cannot be negative".into());
    }
    let cur = currency_or_default(c);
    if cur.len() != 3 || !cur.chars().all(|ch| ch.is_ascii_uppercase()) {
        return bad(format!(
            "{cur:?} is not a currency code (three capital letters, such as EUR)"
        ));
    }
    Ok(())
}

fn channel_or_default(c: &NewCampaign) -> &str {
    if c.channel.is_empty() {
        "organic"
    } else {
        c.channel.as_str()
    }
}

fn currency_or_default(c: &NewCampaign) -> &str {
    if c.currency.is_empty() {
        "USD"
    } else {
        c.currency.as_str()
    }
}

fn get(conn: &Connection, id: i64) -> StoreResult<Campaign> {
    let found = conn
        .prepare_cached(
            "SELECT name, client, objective, channel, budget_minor, currency, start_on, end_on,
                    goal, goal_target, revenue_per_conversion_minor, ads_source, ads_id
               FROM campaigns WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                NewCampaign {
                    name: r.get(0)?,
                    client: r.get(1)?,
                    objective: r.get(2)?,
                    channel: r.get(3)?,
                    budget_minor: r.get(4)?,
                    currency: r.get(5)?,
                    start_on: r.get(6)?,
                    end_on: r.get(7)?,
                    goal: r.get(8)?,
                    goal_target: r.get(9)?,
                    revenue_per_conversion_minor: r.get(10)?,
                },
                r.get(11)?,
                r.get(12)?,
            ))
        })
        .optional()?;
    let (fields, ads_source, ads_id) =
        found.ok_or_else(|| StoreError::NotFound(format!("campaign {id}")))?;
    let accounts = conn
        .prepare_cached(
            "SELECT account_id FROM campaign_accounts WHERE campaign_id = ?1 ORDER BY account_id",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok(Campaign {
        id,
        fields,
        accounts,
        ads_source,
        ads_id,
    })
}

fn set_accounts(conn: &Connection, id: i64, accounts: &[i64]) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM campaign_accounts WHERE campaign_id = ?1")?
        .execute([id])?;
    for a in accounts {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO campaign_accounts (campaign_id, account_id) VALUES (?1, ?2)",
        )?
        .execute([id, *a])?;
    }
    Ok(())
}

pub(crate) fn insert_campaign(
    conn: &Connection,
    c: &NewCampaign,
    accounts: &[i64],
    now: i64,
) -> StoreResult<i64> {
    validate(c)?;
    conn.prepare_cached("INSERT INTO campaigns (name, created_at) VALUES (?1, ?2)")?
        .execute(params![c.name, now])?;
    let id = conn.last_insert_rowid();
    write_fields(conn, id, c)?;
    set_accounts(conn, id, accounts)?;
    Ok(id)
}

/// Writes the plan's fields onto an existing row (add, edit and undo all go through here).
fn write_fields(conn: &Connection, id: i64, c: &NewCampaign) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE campaigns SET name = ?2, client = ?3, objective = ?4, channel = ?5,
                budget_minor = ?6, currency = ?7, start_on = ?8, end_on = ?9, goal = ?10,
                goal_target = ?11, revenue_per_conversion_minor = ?12
          WHERE id = ?1",
    )?
    .execute(params![
        id,
        c.name,
        c.client,
        c.objective,
        channel_or_default(c),
        c.budget_minor,
        currency_or_default(c),
        c.start_on,
        c.end_on,
        c.goal,
        c.goal_target,
        c.revenue_per_conversion_minor
    ])?;
    Ok(())
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

pub(crate) fn insert_spend(conn: &Connection, campaign: i64, d: &SpendDay) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO campaign_daily (campaign_id, day, covers_from, spend_minor,
                                                impressions, reach, clicks, conversions,
                                                revenue_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        campaign,
        d.day,
        d.covers_from,
        d.spend_minor,
        d.impressions,
        d.reach,
        d.clicks,
        d.conversions,
        d.revenue_minor
    ])?;
    Ok(())
}

/// Rows whose span overlaps `[from, to]`, oldest first.
pub(crate) fn spend_days(
    conn: &Connection,
    campaign: i64,
    from: &str,
    to: &str,
) -> StoreResult<Vec<SpendDay>> {
    let mut stmt = conn.prepare_cached(
        "SELECT day, covers_from, spend_minor, impressions, reach, clicks, conversions,
                revenue_minor
           FROM campaign_daily
          WHERE campaign_id = ?1 AND day >= ?2 AND COALESCE(covers_from, day) <= ?3
          ORDER BY day",
    )?;
    let rows = stmt
        .query_map(params![campaign, from, to], |r| {
            Ok(SpendDay {
                day: r.get(0)?,
                covers_from: r.get(1)?,
                spend_minor: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                impressions: r.get(3)?,
                reach: r.get(4)?,
                clicks: r.get(5)?,
                conversions: r.get(6)?,
                revenue_minor: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAccount, Store};

    fn store_with_account() -> (Store, i64) {
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
        (store, acc)
    }

    #[test]
    fn totals_sum_in_sql() {
        let (store, acc) = store_with_account();
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
        let other = all.iter().find(|s| s.name == "Other").unwrap();
        assert_eq!(
            (other.spend_minor, other.clicks, other.revenue_minor),
            (0, None, None)
        );
        let mine = c.summaries(Some(acc)).unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(
            (mine[0].spend_minor, mine[0].clicks, mine[0].days_with_data),
            (4000, Some(50), 2)
        );
        assert_eq!(c.summary(id).unwrap(), mine[0]);
    }

    #[test]
    fn edit_delete_and_undo() {
        let (store, acc) = store_with_account();
        let c = store.campaigns();
        let plan = NewCampaign {
            name: "Spring".into(),
            currency: "EUR".into(),
            budget_minor: Some(500_000),
            start_on: Some("2026-03-01".into()),
            end_on: Some("2026-03-31".into()),
            goal: "clicks".into(),
            goal_target: Some(2_000),
            ..Default::default()
        };
        let id = c.add(&plan, &[acc], 7).unwrap();
        let renamed = NewCampaign {
            name: "Spring sale".into(),
            ..plan.clone()
        };
        let before = c.update(id, &renamed, &[]).unwrap();
        assert_eq!(before.fields.name, "Spring");
        assert_eq!(before.accounts, vec![acc]);
        let now = c.get(id).unwrap();
        assert_eq!(
            (now.fields.name.as_str(), now.accounts.len()),
            ("Spring sale", 0)
        );
        c.record_day(id, "2026-03-02", 100, 1, 1, 1, 0, 0).unwrap();
        let gone = c.delete(id).unwrap();
        assert!(c.get(id).is_err());
        c.undelete(&gone).unwrap();
        assert_eq!(c.get(id).unwrap(), now);
        assert_eq!(c.summary(id).unwrap().spend_minor, 100);
        let bad = NewCampaign {
            end_on: Some("2026-02-01".into()),
            ..plan.clone()
        };
        assert!(
            c.add(&bad, &[], 0)
                .unwrap_err()
                .to_string()
                .contains("before")
        );
        let bad = NewCampaign {
            currency: "euro".into(),
            ..plan
        };
        assert!(c.add(&bad, &[], 0).is_err());
    }

    #[test]
    fn a_reimported_span_replaces_and_repeats_change_nothing() {
        let (store, _) = store_with_account();
        let id = store
            .campaigns()
            .add(
                &NewCampaign {
                    name: "Ads".into(),
                    ..Default::default()
                },
                &[],
                0,
            )
            .unwrap();
        let day = |d: &str, spend| SpendDay {
            day: d.into(),
            spend_minor: spend,
            clicks: Some(1),
            ..Default::default()
        };
        let first = [
            day("2026-10-01", 100),
            day("2026-10-02", 200),
            day("2026-10-03", 300),
        ];
        let replace =
            |rows: &[SpendDay]| super::super::ad_spend::replace_spend(&store.conn, id, rows);
        assert!(replace(&first).unwrap());
        assert!(!replace(&first).unwrap(), "same rows again");
        // A later export over the 3rd and 4th replaces the 3rd and adds the 4th.
        let later = [day("2026-10-03", 310), day("2026-10-04", 400)];
        assert!(replace(&later).unwrap());
        assert_eq!(store.campaigns().summary(id).unwrap().spend_minor, 1010);
        // A month total over the same days replaces them all.
        let total = SpendDay {
            covers_from: Some("2026-10-01".into()),
            ..day("2026-10-31", 999)
        };
        assert!(replace(std::slice::from_ref(&total)).unwrap());
        let s = store.campaigns().summary(id).unwrap();
        assert_eq!((s.spend_minor, s.days_with_data), (999, 1));
        assert_eq!(s.first_day.as_deref(), Some("2026-10-01"));
    }
}
