//! TikTok Studio "Download data": Overview.csv and FollowerHistory.csv (account per day, dates
//! without a year) and the per-video export, whose layout is unverified (FORMATS.md §9).

use chrono::{Datelike, NaiveDate};

use crate::domain::{Platform, PostFormat};

use super::records::{AccountHint, Ctx, DayRec, FileError, MetricsRec, Parsed, PostRec, When};
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
    let date = t.require(&["Date"])?;
    let views = t.require(&["Video Views"])?;
    let profile = t.col(&["Profile Views"]);
    let mut out = Parsed {
        account: hint(),
        ..Default::default()
    };
    for (line, rec) in &t.rows {
        let mut row = Row::new(&t, *line, rec);
        let day = row.with(Some(date), |s| day_without_year(s, ctx.export_date));
        let v = row.count(Some(views));
        let p = row.count(profile);
        if let (true, Some(day)) = (row.done(&mut out), day) {
            out.days.push(DayRec {
                line: *line,
                day,
                views: v,
                profile_visits: p,
                ..Default::default()
            });
        }
    }
    note_year(&mut out, ctx);
    Ok(out)
}

pub fn followers(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    let date = t.require(&["Date"])?;
    let followers = t.require(&["Followers"])?;
    let mut out = Parsed {
        account: hint(),
        ..Default::default()
    };
    for (line, rec) in &t.rows {
        let mut row = Row::new(&t, *line, rec);
        let day = row.with(Some(date), |s| day_without_year(s, ctx.export_date));
        let f = row.count(Some(followers));
        if let (true, Some(day)) = (row.done(&mut out), day) {
            out.days.push(DayRec {
                line: *line,
                day,
                followers: f,
                ..Default::default()
            });
        }
    }
    note_year(&mut out, ctx);
    Ok(out)
}

fn note_year(out: &mut Parsed, ctx: &Ctx) {
    if !out.days.is_empty() {
        out.notes.push(format!(
            "TikTok dates carry no year: read as the year up to {}",
            ctx.export_date
        ));
    }
}

/// `October 1` → the latest such date on or before the export day, so that a range that
/// crosses New Year (`December 31`, `January 1`) lands in the right years.
fn day_without_year(s: &str, export: NaiveDate) -> Result<NaiveDate, String> {
    let s = s.trim();
    let year = export.year();
    let this = parse::date(&format!("{s} {year}"), &["%B %d %Y", "%b %d %Y"])
        .or_else(|_| parse::date(s, &["%Y-%m-%d", "%m/%d/%Y"]))
        .map_err(|_| format!("{s:?} is not a date like \"October 1\""))?;
    if this > export && this.year() == year {
        return parse::date(&format!("{s} {}", year - 1), &["%B %d %Y", "%b %d %Y"]);
    }
    Ok(this)
}

/// The per-video export (`Content_UNVERIFIED.csv` in the samples), mapped by header names.
pub fn content(text: &str, _ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    let link = t.require(&["Video link"])?;
    let time = t.require(&["Post time"])?;
    let title = t.col(&["Video title"]);
    let likes = t.col(&["Total likes", "Likes"]);
    let comments = t.col(&["Total comments", "Comments"]);
    let shares = t.col(&["Total shares", "Shares"]);
    let views = t.col(&["Total views", "Video views", "Views"]);
    let mut out = Parsed {
        account: hint(),
        ..Default::default()
    };
    out.notes
        .push("the TikTok per-video layout is unverified: check the numbers against Studio".into());
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
        let at = row.with(Some(time), |s| {
            parse::naive_datetime(s, &["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"])
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
            caption: row.text(title).to_string(),
            format: PostFormat::Video,
            published: at.map(When::Local),
            permalink: row.opt_text(Some(link)),
            metrics,
        };
        if row.done(&mut out) {
            out.posts.push(rec);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn years_are_inferred_across_new_year() {
        let export = NaiveDate::from_ymd_opt(2027, 1, 3).unwrap();
        assert_eq!(
            day_without_year("December 31", export).unwrap().to_string(),
            "2026-12-31"
        );
        assert_eq!(
            day_without_year("January 1", export).unwrap().to_string(),
            "2027-01-01"
        );
        assert!(day_without_year("Smarch 1", export).is_err());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let ctx = Ctx { file_name: "f.csv".into(), root: None, export_date: NaiveDate::MIN };
            let _ = overview(&format!("Date,Video Views,Profile Views\n{s}"), &ctx);
            let _ = followers(&format!("Date,Followers\n{s}"), &ctx);
            let _ = content(&format!("Video link,Post time\n{s}"), &ctx);
        }
    }
}
