//! The SQL of importing ad spend: finding the campaign an ads manager's export names (by its
//! id there, else by name), creating it when new, and replacing the days a report covers so
//! that a re-imported or overlapping period never counts twice.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreResult;
use super::campaigns::{NewCampaign, SpendDay, insert_campaign, insert_spend, spend_days};
use super::imports::{Change, ImportBatch};

/// The campaign an export row belongs to, as the batch found or made it.
#[derive(Debug, Clone, PartialEq)]
pub struct SpendCampaign {
    pub id: i64,
    pub currency: String,
    /// It already had spend rows (so its currency is settled).
    pub has_spend: bool,
    pub created: bool,
}

impl ImportBatch<'_> {
    /// Finds the campaign by the ads manager's id, else by name; creates it (paid, in the
    /// export's currency, linked to `accounts`) when new. A found campaign with no spend yet
    /// takes on the export's currency and id.
    pub fn spend_campaign(
        &self,
        source: &str,
        ads_id: Option<&str>,
        name: &str,
        currency: &str,
        accounts: &[i64],
    ) -> StoreResult<SpendCampaign> {
        let conn = self.conn();
        if let Some((id, cur, has_spend)) = find_for_import(conn, source, ads_id, name)? {
            if !has_spend {
                adopt_for_import(conn, id, source, ads_id, currency)?;
            }
            return Ok(SpendCampaign {
                id,
                currency: if has_spend { cur } else { currency.to_string() },
                has_spend,
                created: false,
            });
        }
        let id = create_for_import(conn, source, ads_id, name, currency, accounts, self.now())?;
        Ok(SpendCampaign {
            id,
            currency: currency.to_string(),
            has_spend: false,
            created: true,
        })
    }

    /// Replaces the campaign's rows over the span `rows` cover (see `replace_spend`).
    pub fn replace_spend(&self, campaign: i64, rows: &[SpendDay]) -> StoreResult<Change> {
        let had = !spend_days(self.conn(), campaign, "0000-01-01", "9999-12-31")?.is_empty();
        Ok(match replace_spend(self.conn(), campaign, rows)? {
            false => Change::Unchanged,
            true if had => Change::Updated,
            true => Change::New,
        })
    }
}

/// Replaces the campaign's rows over the span `rows` cover with `rows`: a re-imported period
/// replaces, never adds. Returns false (and writes nothing) when they are already exactly so.
pub(crate) fn replace_spend(
    conn: &Connection,
    campaign: i64,
    rows: &[SpendDay],
) -> StoreResult<bool> {
    let (Some(from), Some(to)) = (
        rows.iter().map(SpendDay::first_day).min(),
        rows.iter().map(|r| r.day.as_str()).max(),
    ) else {
        return Ok(false);
    };
    let mut sorted: Vec<SpendDay> = rows.to_vec();
    sorted.sort_by(|a, b| a.day.cmp(&b.day));
    if spend_days(conn, campaign, from, to)? == sorted {
        return Ok(false);
    }
    conn.prepare_cached(
        "DELETE FROM campaign_daily
          WHERE campaign_id = ?1 AND day >= ?2 AND COALESCE(covers_from, day) <= ?3",
    )?
    .execute(params![campaign, from, to])?;
    for r in &sorted {
        insert_spend(conn, campaign, r)?;
    }
    Ok(true)
}

/// The campaign an ads manager's export names: by its id there, else by name (a campaign
/// made by hand, or one from an export without ids). Returns (id, currency, has spend rows).
pub(crate) fn find_for_import(
    conn: &Connection,
    source: &str,
    ads_id: Option<&str>,
    name: &str,
) -> StoreResult<Option<(i64, String, bool)>> {
    let pick = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(i64, String, bool)> {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    };
    if let Some(ads_id) = ads_id {
        let found = conn
            .prepare_cached(
                "SELECT id, currency, EXISTS(SELECT 1 FROM campaign_daily d WHERE d.campaign_id = c.id)
                   FROM campaigns c WHERE ads_source = ?1 AND ads_id = ?2",
            )?
            .query_row(params![source, ads_id], pick)
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(conn
        .prepare_cached(
            "SELECT id, currency, EXISTS(SELECT 1 FROM campaign_daily d WHERE d.campaign_id = c.id)
               FROM campaigns c WHERE name = ?1 AND (ads_id IS NULL OR ?2 IS NULL)
              ORDER BY id LIMIT 1",
        )?
        .query_row(params![name, ads_id], pick)
        .optional()?)
}

/// Creates a campaign an export named for the first time (paid, in the export's currency).
pub(crate) fn create_for_import(
    conn: &Connection,
    source: &str,
    ads_id: Option<&str>,
    name: &str,
    currency: &str,
    accounts: &[i64],
    now: i64,
) -> StoreResult<i64> {
    let id = insert_campaign(
        conn,
        &NewCampaign {
            name: name.to_string(),
            channel: "paid".into(),
            currency: currency.to_string(),
            ..Default::default()
        },
        accounts,
        now,
    )?;
    conn.prepare_cached("UPDATE campaigns SET ads_source = ?2, ads_id = ?3 WHERE id = ?1")?
        .execute(params![id, source, ads_id])?;
    Ok(id)
}

/// Takes on the export's currency and id for a campaign that had no spend yet.
pub(crate) fn adopt_for_import(
    conn: &Connection,
    id: i64,
    source: &str,
    ads_id: Option<&str>,
    currency: &str,
) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE campaigns SET currency = ?2,
                ads_source = COALESCE(ads_source, ?3), ads_id = COALESCE(ads_id, ?4)
          WHERE id = ?1 AND (currency <> ?2 OR ads_id IS NOT ?4)",
    )?
    .execute(params![id, currency, source, ads_id])?;
    Ok(())
}
