//! The content plan as CSV for a spreadsheet (a planning meeting's drafts and ideas, or the
//! month ahead): one post a row, its date and time in its account's own zone, with the zone
//! named, so that a row reads the same wherever the sheet is opened.

use std::collections::HashMap;

use crate::clock::Clock;
use crate::store::PostRow;
use crate::text::spreadsheet_safe;

const HEADER: [&str; 14] = [
    "id",
    "date",
    "time",
    "zone",
    "account",
    "platform",
    "status",
    "format",
    "title",
    "caption",
    "pillar",
    "tags",
    "campaign_id",
    "link",
];

/// Writes the rows. `zones` maps an account id to its zone name (absent: the user's zone).
pub fn write(
    posts: &[PostRow],
    zones: &HashMap<i64, String>,
    clock: &Clock,
) -> anyhow::Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(HEADER)?;
    for p in posts {
        let local = clock.for_account(zones.get(&p.account_id).map(String::as_str));
        let (date, time) = match p.scheduled_at {
            Some(at) if p.date_only => (local.format(at, "%Y-%m-%d"), String::new()),
            Some(at) => (local.format(at, "%Y-%m-%d"), local.format(at, "%H:%M")),
            None => (String::new(), String::new()),
        };
        let id = p.id.to_string();
        let campaign = p.campaign_id.map(|c| c.to_string()).unwrap_or_default();
        out.write_record([
            id.as_str(),
            &date,
            &time,
            &local.zone_name(),
            &format!("@{}", p.handle),
            &p.platform,
            &p.status,
            &p.format,
            &spreadsheet_safe(&p.title),
            &spreadsheet_safe(&p.caption),
            &spreadsheet_safe(&p.pillar),
            &spreadsheet_safe(&p.tags),
            &campaign,
            p.permalink.as_deref().unwrap_or(""),
        ])?;
    }
    Ok(String::from_utf8(out.into_inner()?)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn post(id: i64, account_id: i64, at: i64, title: &str) -> PostRow {
        PostRow {
            id,
            account_id,
            platform: "instagram".into(),
            handle: "lumen.coffee".into(),
            title: title.into(),
            caption: String::new(),
            format: "post".into(),
            status: "draft".into(),
            pillar: String::new(),
            tags: String::new(),
            scheduled_at: Some(at),
            published_at: None,
            permalink: None,
            campaign_id: None,
            date_only: false,
        }
    }

    #[test]
    fn times_are_in_each_accounts_zone_and_formulas_are_defused() {
        let clock = Clock::fixed(
            Utc.with_ymd_and_hms(2026, 11, 26, 7, 30, 0).unwrap(),
            chrono_tz::UTC,
        );
        let at = Utc
            .with_ymd_and_hms(2026, 12, 1, 16, 30, 0)
            .unwrap()
            .timestamp();
        let zones = HashMap::from([(1, "Europe/Kyiv".to_string())]);
        let text = write(
            &[post(7, 1, at, "=HYPERLINK(1)"), post(8, 2, at, "Plain")],
            &zones,
            &clock,
        )
        .unwrap();
        let mut lines = text.lines();
        assert!(lines.next().unwrap().starts_with("id,date,time,zone"));
        assert_eq!(
            lines.next().unwrap(),
            "7,2026-12-01,18:30,Europe/Kyiv,@lumen.coffee,instagram,draft,post,'=HYPERLINK(1),,,,,"
        );
        assert!(lines.next().unwrap().starts_with("8,2026-12-01,16:30,UTC,"));
    }
}
