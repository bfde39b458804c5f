//! TikTok Studio "Download data": Overview.csv, FollowerHistory.csv and Viewers.csv (account per
//! day) and Content.csv (per video), all with dates written without a year ("February 28",
//! "8 de marzo") in the interface language.
//!
//! A daily file is one run of consecutive days: its last day is the latest such day the export
//! can hold (the day in the file name, else the file's date or today) and the rows before it
//! are counted back from there, never each guessed alone.

use chrono::NaiveDate;

use crate::domain::{Platform, PostFormat};

use super::dates::{self, latest_on_or_before, month_day};
use super::records::{
    AccountHint, Ctx, DayRec, FileError, MetricsRec, Parsed, PostRec, When, Yearless,
};
use super::table::{Row, Table};
use super::{parse, url_segment};

fn hint() -> AccountHint {
    AccountHint {
        platform: Some(Platform::TikTok),
        ..Default::default()
    }
}

pub fn overview(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    let views = t.require(&["Video Views"])?;
    let profile = t.col(&["Profile Views"]);
    daily(&t, ctx, |row, d| {
        d.views = row.count(Some(views));
        d.profile_visits = row.count(profile);
    })
}

pub fn followers(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    let followers = t.require(&["Followers"])?;
    daily(&t, ctx, |row, d| d.followers = row.count(Some(followers)))
}

/// Viewers.csv: `Total Viewers` is the day's unique viewers, smmdeck's reach.
pub fn viewers(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    let total = t.require(&["Total Viewers"])?;
    daily(&t, ctx, |row, d| d.reach = row.count(Some(total)))
}

/// Reads the `Date` column as one series of days and the rest of each row with `fill`.
fn daily(
    t: &Table,
    ctx: &Ctx,
    fill: impl Fn(&mut Row<'_>, &mut DayRec),
) -> Result<Parsed, FileError> {
    let date = t.require(&["Date"])?;
    let mut out = Parsed {
        account: hint(),
        ..Default::default()
    };
    // (month, day, year as written) of every row that read cleanly, in file order.
    let mut written = Vec::new();
    for (line, rec) in &t.rows {
        let mut row = Row::new(t, *line, rec);
        let md = row.with(Some(date), month_day);
        let mut day = DayRec {
            line: *line,
            ..Default::default()
        };
        fill(&mut row, &mut day);
        if let (true, Some(md)) = (row.done(&mut out), md) {
            written.push(md);
            out.days.push(day);
        }
    }
    if written.iter().all(|(_, _, y)| y.is_some()) {
        for (d, (m, dd, y)) in out.days.iter_mut().zip(&written) {
            d.day = y
                .and_then(|y| NaiveDate::from_ymd_opt(y, *m, *dd))
                .ok_or_else(|| FileError::field(d.line, "Date", "not a real date"))?;
        }
        return Ok(out);
    }
    let month_days: Vec<(u32, u32)> = written.iter().map(|(m, d, _)| (*m, *d)).collect();
    let dated = dates::walk_back(&month_days, ctx.export_date).map_err(|i| {
        FileError::field(
            out.days.get(i).map_or(t.header_line, |d| d.line),
            "Date",
            "the dates carry no year and do not run day after day, so their years cannot be \
             told",
        )
    })?;
    for (d, day) in out.days.iter_mut().zip(dated) {
        d.day = day;
    }
    if let (Some(first), Some(last)) = (out.days.first(), out.days.last()) {
        let how = if ctx.export_date_stated {
            "the date in the file name"
        } else {
            "the latest it can be; days already imported keep their dates"
        };
        out.notes.push(format!(
            "TikTok dates carry no year: {} … {} ({how})",
            first.day, last.day
        ));
    }
    if !ctx.export_date_stated {
        out.yearless = Some(Yearless {
            month_days,
            limit: ctx.export_date,
        });
    }
    Ok(out)
}

/// Content.csv: `Time` (the day the totals were taken), `Video title`, `Video link`,
/// `Post time` ("July 16"), `Total likes`, `Total comments`, `Total shares`, `Total views`.
/// An older guess of the layout with a full `Post time` is read too.
pub fn content(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    let link = t.require(&["Video link"])?;
    let time = t.require(&["Post time"])?;
    let taken = t.col(&["Time"]);
    let title = t.col(&["Video title"]);
    let likes = t.col(&["Total likes", "Likes"]);
    let comments = t.col(&["Total comments", "Comments"]);
    let shares = t.col(&["Total shares", "Shares"]);
    let views = t.col(&["Total views", "Video views", "Views"]);
    let mut out = Parsed {
        account: hint(),
        ..Default::default()
    };
    let mut guessed = false;
    for (line, rec) in &t.rows {
        let mut row = Row::new(&t, *line, rec);
        let Some(external_id) = row.with(Some(link), |u| {
            url_segment(u, 2)
                .ok_or_else(|| format!("{u:?} is not a TikTok video link"))
                .and_then(|id| parse::id(&id))
        }) else {
            row.done(&mut out);
            continue;
        };
        if out.account.handle.is_none() {
            out.account.handle =
                url_segment(row.text(Some(link)), 0).map(|h| h.trim_start_matches('@').to_string());
        }
        // The day of the totals: the same on every row, the latest such day of the export.
        let snapshot = match row.opt_text(taken) {
            None => None,
            Some(_) => row.with(taken, |s| {
                let (m, d, y) = month_day(s)?;
                guessed |= y.is_none();
                dated(m, d, y, ctx.export_date)
            }),
        };
        if out.snapshot_on.is_none() {
            out.snapshot_on = snapshot;
        }
        let limit = out.snapshot_on.unwrap_or(ctx.export_date);
        let at = row.with(Some(time), |s| {
            if let Ok(t) = parse::naive_datetime(s, &["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]) {
                return Ok(When::Local(t));
            }
            let (m, d, y) = month_day(s)?;
            guessed |= y.is_none();
            dated(m, d, y, limit).map(When::Date)
        });
        let metrics = MetricsRec {
            views_label: "views",
            views: row.count(views),
            reactions: row.count(likes),
            comments: row.count(comments),
            shares: row.count(shares),
            ..Default::default()
        };
        let rec = PostRec {
            line: row.line,
            external_id,
            title: String::new(),
            caption: row.text(title).trim().to_string(),
            format: PostFormat::Video,
            published: at,
            permalink: row.opt_text(Some(link)),
            metrics,
        };
        if row.done(&mut out) {
            out.posts.push(rec);
        }
    }
    if guessed && !ctx.export_date_stated {
        out.yearless = Some(Yearless {
            month_days: Vec::new(),
            limit: ctx.export_date,
        });
    }
    Ok(out)
}

/// A month and day read as the latest such date on or before `limit`, or as written when the
/// year is there.
fn dated(m: u32, d: u32, year: Option<i32>, limit: NaiveDate) -> Result<NaiveDate, String> {
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y, m, d),
        None => latest_on_or_before(m, d, limit),
    }
    .ok_or_else(|| format!("{m:02}-{d:02} is not a real date"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ctx(y: i32, m: u32, d: u32) -> Ctx {
        Ctx {
            file_name: "Overview.csv".into(),
            export_date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            ..Default::default()
        }
    }

    #[test]
    fn a_series_across_new_year_lands_in_two_years() {
        let csv = "Date,Video Views\n\"December 31\",1\n\"January 1\",2\n";
        let p = overview(csv, &ctx(2027, 1, 3)).unwrap();
        let days: Vec<String> = p.days.iter().map(|d| d.day.to_string()).collect();
        assert_eq!(days, ["2026-12-31", "2027-01-01"]);
        assert!(
            overview("Date,Video Views\nSmarch 1,1\n", &ctx(2027, 1, 3))
                .unwrap()
                .rejects
                .len()
                == 1
        );
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let ctx = Ctx { file_name: "f.csv".into(), export_date: NaiveDate::MIN, ..Default::default() };
            let _ = overview(&format!("Date,Video Views,Profile Views\n{s}"), &ctx);
            let _ = followers(&format!("Date,Followers\n{s}"), &ctx);
            let _ = viewers(&format!("Date,Total Viewers\n{s}"), &ctx);
            let _ = content(&format!("Video link,Post time\n{s}"), &ctx);
            let _ = content(&format!("Time,Video link,Post time\n{s}"), &ctx);
        }
    }
}
