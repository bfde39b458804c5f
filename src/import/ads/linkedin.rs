//! LinkedIn Campaign Manager campaign performance reports: report-description lines (the
//! report's name, `Report Start: …`, `Report End: …`, when it was generated) before the header,
//! then one row per campaign, or per campaign and day with `Start Date (in UTC)` when the
//! report is broken down by day. Modelled on LinkedIn's documented columns; no real file was
//! available to check against.

use chrono::NaiveDate;

use super::{Columns, RowReader, date, finish, table};
use crate::import::records::{Ctx, FileError, Parsed};
use crate::import::table::Table;

pub fn is_header(h: &[String]) -> bool {
    Table::has_all(h, &["Campaign Name", "Total Spent"])
}

/// `Report Start: 10/1/2026, 12:00 AM` → 2026-10-01.
fn stated(before: &[String], key: &str) -> Option<NaiveDate> {
    before.iter().find_map(|l| {
        let rest = l.trim().strip_prefix(key)?.trim_start().strip_prefix(':')?;
        let first = rest.trim().split([',', ' ']).next()?;
        date(first).ok()
    })
}

pub fn parse(text: &str, _ctx: &Ctx) -> Result<Parsed, FileError> {
    let (t, before) = table(text)?;
    let day = t.col(&["Start Date (in UTC)", "Start Date"]);
    let span = stated(&before, "Report Start").zip(stated(&before, "Report End"));
    if day.is_none() && span.is_none() {
        return Err(FileError::new(
            "the report states no period (no \"Report Start\" and \"Report End\" lines, and no \
             \"Start Date (in UTC)\" column)",
        ));
    }
    let currency = t.require(&["Currency"])?;
    let cols = Columns {
        name: t.require(&["Campaign Name"])?,
        id: t.col(&["Campaign ID"]),
        spend: t.require(&["Total Spent", "Amount Spent"])?,
        impressions: t.col(&["Impressions"]),
        reach: t.col(&["Reach", "Approximate Member Reach"]),
        clicks: t.col(&["Clicks"]),
        conversions: t.col(&["Conversions", "Leads"]),
        revenue: t.col(&["Total Conversion Value", "Conversion Value"]),
    };
    let mut parsed = Parsed::default();
    let mut recs = Vec::new();
    for (line, rec) in &t.rows {
        let mut r = RowReader::new(&t, *line, rec);
        if r.text(Some(cols.name)).is_empty() {
            continue;
        }
        let code = r.text(Some(currency)).to_ascii_uppercase();
        let (from, to) = match (day, span) {
            (Some(d), _) => match r.date(Some(d)) {
                Some(d) => (d, d),
                None => {
                    r.done(&mut parsed);
                    continue;
                }
            },
            (None, Some(s)) => s,
            (None, None) => continue,
        };
        if code.len() != 3 {
            r.fail(Some(currency), format!("{code:?} is not a currency code"));
        }
        let s = cols.read(&mut r, &code, Some(from), to);
        if r.done(&mut parsed) {
            recs.push(s);
        }
    }
    Ok(finish(parsed, recs, "LinkedIn Ads"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn description_lines_then_rows() {
        let text = "Campaign Performance Report (in UTC)\n\
                    \"Report Start: 10/1/2026, 12:00 AM\"\n\
                    \"Report End: 10/31/2026, 11:59 PM\"\n\
                    \"Date Generated: 11/2/2026, 9:15 AM\"\n\
                    Account Name,Campaign Name,Campaign ID,Currency,Total Spent,Impressions,Clicks,Conversions\n\
                    Verde,Hiring,123456,EUR,250.00,10000,80,4\n";
        let p = parse(text, &super::super::tests::ctx()).unwrap();
        let s = &p.spend[0];
        assert_eq!(
            (s.ads_id.as_deref(), s.spend_minor, s.clicks),
            (Some("123456"), 25_000, Some(80))
        );
        assert_eq!(
            (s.from.unwrap().to_string(), s.to.to_string()),
            ("2026-10-01".into(), "2026-10-31".into())
        );
    }
}
