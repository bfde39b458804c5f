//! LinkedIn Page analytics ("Analytics → Content → Export"), each sheet saved as CSV: "All
//! posts" (one row per post) and "Metrics" (one row per day). Both sheets start with one
//! disclaimer row before the header.

use crate::domain::{Platform, PostFormat};

use super::parse;
use super::records::{AccountHint, Ctx, DayRec, FileError, MetricsRec, Parsed, PostRec, When};
use super::table::{Row, Table};

const DATES: &[&str] = &["%m/%d/%Y", "%Y-%m-%d"];

fn hint() -> AccountHint {
    AccountHint {
        platform: Some(Platform::LinkedIn),
        ..Default::default()
    }
}

pub fn posts(text: &str, _ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, header_row(text))?;
    let link = t.require(&["Post link"])?;
    let created = t.require(&["Created date", "Date"])?;
    let title = t.col(&["Post title"]);
    let impressions = t.col(&["Impressions"]);
    let views = t.col(&["Views (excluding off-site video views)"]);
    let clicks = t.col(&["Clicks"]);
    let likes = t.col(&["Likes", "Reactions"]);
    let comments = t.col(&["Comments"]);
    let reposts = t.col(&["Reposts", "Shares"]);
    let follows = t.col(&["Follows"]);
    let content = t.col(&["Content Type"]);
    let mut out = Parsed {
        account: hint(),
        ..Default::default()
    };
    for (line, rec) in &t.rows {
        let mut row = Row::new(&t, *line, rec);
        let Some(external_id) = row.with(Some(link), activity_id) else {
            row.done(&mut out);
            continue;
        };
        let day = row.with(Some(created), |s| parse::date(s, DATES));
        let metrics = MetricsRec {
            views_label: "impressions",
            views: row.count(impressions),
            video_views: row.count(views),
            clicks: row.count(clicks),
            reactions: row.count(likes),
            comments: row.count(comments),
            shares: row.count(reposts),
            follows: row.count(follows),
            ..Default::default()
        };
        let format = match row.text(content).trim().to_ascii_lowercase().as_str() {
            "video" => PostFormat::Video,
            "article" => PostFormat::Article,
            "carousel" | "document" => PostFormat::Carousel,
            _ => PostFormat::Post,
        };
        let rec = PostRec {
            line: row.line,
            external_id,
            title: String::new(),
            caption: row.text(title).to_string(),
            format,
            published: day.map(When::Date),
            permalink: row.opt_text(Some(link)),
            metrics,
        };
        if row.done(&mut out) {
            out.posts.push(rec);
        }
    }
    Ok(out)
}

pub fn metrics(text: &str, _ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, header_row(text))?;
    let date = t.require(&["Date"])?;
    let total = t.require(&["Impressions (total)"])?;
    let unique = t.col(&["Unique impressions (organic)"]);
    let mut out = Parsed {
        account: hint(),
        ..Default::default()
    };
    for (line, rec) in &t.rows {
        let mut row = Row::new(&t, *line, rec);
        let day = row.with(Some(date), |s| parse::date(s, DATES));
        let views = row.count(Some(total));
        let reach = row.count(unique);
        if let (true, Some(day)) = (row.done(&mut out), day) {
            out.days.push(DayRec {
                line: *line,
                day,
                views,
                reach,
                ..Default::default()
            });
        }
    }
    Ok(out)
}

/// The disclaimer row is one cell of prose; a header has many cells.
pub(super) fn header_row(text: &str) -> usize {
    let first = text.lines().next().unwrap_or("");
    usize::from(!(first.contains("Post link") || first.starts_with("Date,")))
}

/// `…/feed/update/urn:li:activity:7381234567890123456` → the activity number.
fn activity_id(link: &str) -> Result<String, String> {
    let l = link.trim().trim_end_matches('/');
    if l.is_empty() {
        return Err("the post link is empty".into());
    }
    let tail = l.rsplit(['/', ':']).next().unwrap_or(l);
    parse::id(tail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn activity_ids() {
        assert_eq!(
            activity_id("https://www.linkedin.com/feed/update/urn:li:activity:738/").as_deref(),
            Ok("738")
        );
        assert!(activity_id(" ").is_err());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let ctx = Ctx { file_name: "f.csv".into(), root: None, export_date: chrono::NaiveDate::MIN, ..Default::default() };
            let _ = posts(&format!("Disclaimer\nPost title,Post link,Created date\n{s}"), &ctx);
            let _ = metrics(&format!("Disclaimer\nDate,Impressions (total)\n{s}"), &ctx);
            let _ = posts(&s, &ctx);
        }
    }
}
