//! TikTok Ads Manager custom reports by day: `Campaign name`, a day column (`By Day` in the
//! export, `Date` in reports re-saved by hand), `Cost`, `Impressions`, `Clicks (destination)`,
//! `Conversions`, `Currency`. Rows at ad or ad-group level are summed per campaign and day.

use super::{Columns, RowReader, finish, table};
use crate::import::records::{Ctx, FileError, Parsed};
use crate::import::table::Table;

const NAME: &[&str] = &["Campaign name", "Campaign Name"];
const DAY: &[&str] = &["By Day", "Date", "Day", "Stat time", "stat_time_day"];

pub fn is_header(h: &[String]) -> bool {
    let t = Table {
        headers: h.to_vec(),
        header_line: 1,
        rows: Vec::new(),
    };
    t.col(NAME).is_some()
        && t.col(&["Cost", "Total cost"]).is_some()
        && t.col(&["Impressions", "Impression"]).is_some()
}

pub fn parse(text: &str, _ctx: &Ctx) -> Result<Parsed, FileError> {
    let (t, _) = table(text)?;
    let day = t.col(DAY).ok_or_else(|| {
        FileError::field(
            t.header_line,
            "By Day",
            "this TikTok report has no day column; export it again broken down by day",
        )
    })?;
    let currency = t.require(&["Currency"])?;
    let cols = Columns {
        name: t.require(NAME)?,
        id: t.col(&["Campaign ID", "Campaign id"]),
        spend: t.require(&["Cost", "Total cost"])?,
        impressions: t.col(&["Impressions", "Impression"]),
        reach: t.col(&["Reach"]),
        clicks: t.col(&["Clicks (destination)", "Clicks (Destination)", "Clicks"]),
        conversions: t.col(&["Conversions", "Results"]),
        revenue: t.col(&["Total purchase value", "Purchase value"]),
    };
    let mut parsed = Parsed::default();
    let mut recs = Vec::new();
    for (line, rec) in &t.rows {
        let mut r = RowReader::new(&t, *line, rec);
        let name = r.text(Some(cols.name));
        if name.is_empty() || name.starts_with("Total") {
            continue;
        }
        let code = r.text(Some(currency)).to_ascii_uppercase();
        let Some(d) = r.date(Some(day)) else {
            r.done(&mut parsed);
            continue;
        };
        if code.len() != 3 {
            r.fail(Some(currency), format!("{code:?} is not a currency code"));
        }
        let s = cols.read(&mut r, &code, Some(d), d);
        if r.done(&mut parsed) {
            recs.push(s);
        }
    }
    Ok(finish(parsed, recs, "TikTok Ads"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ad_rows_of_a_day_add_up() {
        let text = "Campaign name,Ad Name,By Day,Cost,Impressions,Clicks (destination),Conversions,Currency\n\
                    Launch,Ad 1,2026-10-01,10.50,1000,12,1,USD\n\
                    Launch,Ad 2,2026-10-01,4.50,500,3,0,USD\n\
                    Launch,Ad 1,2026-10-02,1.00,100,1,0,USD\n\
                    Total of 3 results,,,16.00,1600,16,1,USD\n";
        let p = parse(text, &super::super::tests::ctx()).unwrap();
        assert_eq!(p.spend.len(), 2);
        assert_eq!(
            (p.spend[0].spend_minor, p.spend[0].clicks),
            (1_500, Some(15))
        );
        let no_day = "Campaign name,Cost,Impressions,Currency\nA,1,2,USD\n";
        let e = parse(no_day, &super::super::tests::ctx()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("By Day"));
    }
}
