//! Google Ads "Campaign report" downloads: two title lines (the report's name, then its period
//! such as `27 January 2026 - 23 February 2026` or `All time`) before the header, one row per
//! campaign, then `Total: …` rows that are sums, not campaigns. The "Excel CSV" download is
//! UTF-16 and tab-separated (decoded and sniffed before this), missing values are ` --`.

use chrono::NaiveDate;

use super::{Columns, RowReader, finish, table};
use crate::import::records::{Ctx, FileError, Parsed};
use crate::import::table::Table;

pub fn is_header(h: &[String]) -> bool {
    Table::has_all(h, &["Campaign", "Cost"])
        && (Table::has_all(h, &["Impr."]) || Table::has_all(h, &["Impressions"]))
}

/// The period a title line states: Some(None) for "All time", Some(Some(..)) for dates.
fn period(line: &str) -> Option<Option<(NaiveDate, NaiveDate)>> {
    let l = line.trim().trim_matches('"').trim();
    if l.eq_ignore_ascii_case("all time") {
        return Some(None);
    }
    let (a, b) = l.split_once(" - ").or_else(|| l.split_once(" – "))?;
    let day = |s: &str| {
        let s = s.trim();
        ["%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y", "%Y-%m-%d"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
    };
    Some(Some((day(a)?, day(b)?)))
}

pub fn parse(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let (t, before) = table(text)?;
    let stated = before.iter().find_map(|l| period(l));
    let mut parsed = Parsed::default();
    let (from, to) = match stated {
        Some(Some((a, b))) => (Some(a), b),
        Some(None) => {
            parsed.notes.push(format!(
                "an \"All time\" report: its totals are kept as of {} and replace earlier \
                 all-time totals of the same campaigns",
                ctx.export_date
            ));
            (None, ctx.export_date)
        }
        None => {
            parsed.notes.push(format!(
                "the report states no period: its totals are kept as all time as of {}",
                ctx.export_date
            ));
            (None, ctx.export_date)
        }
    };
    let currency = t.require(&["Currency code", "Currency"])?;
    let cols = Columns {
        name: t.require(&["Campaign"])?,
        id: t.col(&["Campaign ID"]),
        spend: t.require(&["Cost"])?,
        impressions: t.col(&["Impr.", "Impressions"]),
        reach: None,
        clicks: t.col(&["Clicks"]),
        conversions: t.col(&["Conversions"]),
        revenue: t.col(&["Conv. value", "Conversion value", "All conv. value"]),
    };
    let status = t.col(&["Campaign status"]);
    let day = t.col(&["Day", "Date"]);
    let mut recs = Vec::new();
    let mut totals = 0;
    for (line, rec) in &t.rows {
        let mut r = RowReader::new(&t, *line, rec);
        let is_total = [status, Some(cols.name)]
            .iter()
            .any(|c| r.text(*c).starts_with("Total:"));
        if is_total {
            totals += 1;
            continue;
        }
        if r.text(Some(cols.name)).is_empty() {
            continue;
        }
        let code = r.text(Some(currency)).to_ascii_uppercase();
        if code.len() != 3 {
            r.fail(Some(currency), format!("{code:?} is not a currency code"));
            r.done(&mut parsed);
            continue;
        }
        let (f, t_) = match day {
            Some(d) => match r.date(Some(d)) {
                Some(d) => (Some(d), d),
                None => {
                    r.done(&mut parsed);
                    continue;
                }
            },
            None => (from, to),
        };
        let s = cols.read(&mut r, &code, f, t_);
        if r.done(&mut parsed) {
            recs.push(s);
        }
    }
    if totals > 0 {
        parsed.notes.push(format!(
            "skipped {totals} \"Total:\" rows (sums, not campaigns)"
        ));
    }
    Ok(finish(parsed, recs, "Google Ads"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_periods_and_totals() {
        let text = "Campaign report\n1 October 2026 - 31 October 2026\n\
                    Campaign status,Campaign,Currency code,Clicks,Impr.,Cost,Conversions,Conv. value\n\
                    Enabled,Autumn boxes,EUR,120,\"4,500\",99.90,3.00,150.00\n\
                    Paused,Old,EUR, --, --,0.00, --, --\n\
                    Total: Campaigns, --,EUR,120,\"4,500\",99.90,3.00,150.00\n\
                    Total: Account,,EUR,130,\"4,600\",100.00,3.00,150.00\n";
        let p = parse(text, &super::super::tests::ctx()).unwrap();
        assert_eq!(p.spend.len(), 2);
        let s = &p.spend[0];
        assert_eq!(
            (
                s.spend_minor,
                s.impressions,
                s.clicks,
                s.conversions,
                s.revenue_minor
            ),
            (9_990, Some(4_500), Some(120), Some(3), Some(15_000))
        );
        assert_eq!(s.from.unwrap().to_string(), "2026-10-01");
        assert_eq!(p.spend[1].clicks, None, "` --` is unknown, not zero");
        assert!(p.notes.iter().any(|n| n.contains("2 \"Total:\" rows")));
        assert_eq!(period("All time"), Some(None));
        assert!(period("Campaign report").is_none());
    }

    #[test]
    fn tab_separated_and_all_time() {
        let text = "Campaign report\nAll time\nCampaign\tCurrency code\tCost\tImpr.\tClicks\nA, B\tUSD\t1.30\t50\t2\n";
        let p = parse(text, &super::super::tests::ctx()).unwrap();
        assert_eq!(p.spend[0].name, "A, B");
        assert_eq!((p.spend[0].from, p.spend[0].spend_minor), (None, 130));
    }
}
