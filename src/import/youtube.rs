//! YouTube Studio's Content export: a folder (or zip) `Content <from>_<to> <Channel>` holding
//! `Table data.csv` (one row per video after a `Total` row), `Totals.csv` (views per day) and
//! `Chart data.csv` (views per video per day, which smmdeck does not keep).

use crate::domain::{Platform, PostFormat};

use super::dates::{self, DateOrder};
use super::parse;
use super::records::{AccountHint, Ctx, DayRec, FileError, MetricsRec, Parsed, PostRec, When};
use super::table::{Row, Table};

fn hint(ctx: &Ctx) -> AccountHint {
    AccountHint {
        platform: Some(Platform::YouTube),
        display_name: channel_name(ctx),
        ..Default::default()
    }
}

/// `Content 2026-10-01_2026-10-31 Lumen Coffee Co` → `Lumen Coffee Co`.
fn channel_name(ctx: &Ctx) -> Option<String> {
    let root = ctx.root.as_deref()?.trim_end_matches(".zip");
    let rest = root.strip_prefix("Content ")?;
    let (_, name) = rest.split_once(' ')?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

pub fn table(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    let id = t.require(&["Content"])?;
    let title = t.col(&["Video title"]);
    let published = t.col(&["Video publish time"]);
    let duration = t.col(&["Duration"]);
    let views = t.col(&["Views"]);
    let hours = t.col(&["Watch time (hours)"]);
    let subs = t.col(&["Subscribers"]);
    let likes = t.col(&["Likes"]);
    let comments = t.col(&["Comments added", "Comments"]);
    let shares = t.col(&["Shares"]);
    let order = match published {
        Some(c) => column_order(&t, c, ctx)?,
        None => None,
    };
    let mut out = Parsed {
        account: hint(ctx),
        ..Default::default()
    };
    for (line, rec) in &t.rows {
        let mut row = Row::new(&t, *line, rec);
        // Row 2 sums the table; it is not a video.
        if row.text(Some(id)).trim().eq_ignore_ascii_case("total") {
            continue;
        }
        // Ids that start with `-` come with a leading space (so spreadsheets keep them text).
        let Some(external_id) = row.with(Some(id), parse::id) else {
            row.done(&mut out);
            continue;
        };
        let when = match row.opt_text(published) {
            None => None,
            Some(s) => row.with(published, |_| {
                parse::naive_datetime(&s, &["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"])
                    .map(When::Local)
                    .or_else(|_| dates::any_date(&s, order).map(When::Date))
            }),
        };
        let secs = row.count(duration);
        let watch_hours = row.decimal(hours);
        let metrics = MetricsRec {
            views_label: "views",
            views: row.count(views),
            watch_time_s: watch_hours.map(|h| (h * 3600.0).round() as i64),
            follows: row.count(subs),
            reactions: row.count(likes),
            comments: row.count(comments),
            shares: row.count(shares),
            ..Default::default()
        };
        let video_title = row.text(title).trim().to_string();
        let short = secs.is_some_and(|s| s <= 60) || video_title.to_lowercase().contains("#shorts");
        let rec = PostRec {
            line: row.line,
            permalink: Some(format!("https://www.youtube.com/watch?v={external_id}")),
            external_id,
            title: video_title,
            caption: String::new(),
            format: if short {
                PostFormat::Short
            } else {
                PostFormat::Video
            },
            published: when,
            metrics,
        };
        if row.done(&mut out) {
            out.posts.push(rec);
        }
    }
    Ok(out)
}

pub fn totals(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    let date = t.require(&["Date"])?;
    let views = t.require(&["Views"])?;
    let mut out = Parsed {
        account: hint(ctx),
        ..Default::default()
    };
    // A spreadsheet re-save writes `13-06-2025`: the whole column says which number is the day.
    let order = column_order(&t, date, ctx)?;
    for (line, rec) in &t.rows {
        let mut row = Row::new(&t, *line, rec);
        let day = row.with(Some(date), |s| dates::any_date(s, order));
        let v = row.count(Some(views));
        if let (true, Some(day)) = (row.done(&mut out), day) {
            out.days.push(DayRec {
                line: *line,
                day,
                views: v,
                ..Default::default()
            });
        }
    }
    Ok(out)
}

/// Day/month order of the numeric dates in column `col`, decided by all of them at once.
fn column_order(t: &Table, col: usize, ctx: &Ctx) -> Result<Option<DateOrder>, FileError> {
    let name = t.headers.get(col).map_or("Date", String::as_str);
    dates::decide_order(
        t.rows.iter().map(|(_, r)| r.get(col).unwrap_or("")),
        ctx.date_order,
    )
    .map_err(|e| FileError::field(t.header_line, name, e))
}

/// Chart data is views per video per day; smmdeck keeps lifetime totals per video (from Table
/// data) and daily totals per account (from Totals), so this file adds nothing. Said, not
/// silently dropped.
pub fn chart(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    t.require(&["Date"])?;
    let mut out = Parsed {
        account: hint(ctx),
        ..Default::default()
    };
    out.notes.push(format!(
        "skipped {} rows: daily views per video are not kept (Table data.csv and Totals.csv are)",
        t.rows.len()
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn channel_from_folder() {
        let ctx = Ctx {
            file_name: "Table data.csv".into(),
            root: Some("Content 2026-10-01_2026-10-31 Lumen Coffee Co".into()),
            export_date: chrono::NaiveDate::MIN,
            ..Default::default()
        };
        assert_eq!(channel_name(&ctx).as_deref(), Some("Lumen Coffee Co"));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let ctx = Ctx { file_name: "f.csv".into(), root: Some(s.clone()), export_date: chrono::NaiveDate::MIN, ..Default::default() };
            let _ = table(&format!("Content,Video title,Video publish time,Duration,Views,Watch time (hours)\n{s}"), &ctx);
            let _ = totals(&format!("Date,Views\n{s}"), &ctx);
            let _ = chart(&s, &ctx);
        }
    }
}
