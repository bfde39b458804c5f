//! X (Twitter) analytics: the legacy analytics.twitter.com "tweet activity" CSV and the current
//! Premium `account_analytics_content` CSV.

use crate::domain::{Platform, PostFormat};

use super::records::{AccountHint, Ctx, FileError, MetricsRec, Parsed, PostRec, When};
use super::table::{Row, Table};
use super::{parse, url_segment};

/// `account_analytics_content_YYYY-MM-DD_YYYY-MM-DD.csv`: dates only, no times (the posts are
/// stored as date-only, never as a made-up midnight).
pub fn content(text: &str, _ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    let id = t.require(&["Post id"])?;
    let date = t.require(&["Date"])?;
    let body = t.col(&["Post text"]);
    let link = t.col(&["Post Link"]);
    let impressions = t.col(&["Impressions"]);
    let likes = t.col(&["Likes"]);
    let replies = t.col(&["Replies"]);
    let reposts = t.col(&["Reposts"]);
    let bookmarks = t.col(&["Bookmarks"]);
    let follows = t.col(&["New follows"]);
    let clicks = t.col(&["URL Clicks"]);
    let mut out = Parsed {
        account: AccountHint {
            platform: Some(Platform::X),
            ..Default::default()
        },
        ..Default::default()
    };
    for (line, rec) in &t.rows {
        let mut row = Row::new(&t, *line, rec);
        if let Some(e) = row.mangled(Some(id)) {
            return Err(e);
        }
        let Some(external_id) = row.with(Some(id), parse::id) else {
            row.done(&mut out);
            continue;
        };
        if out.account.handle.is_none() {
            out.account.handle = row.opt_text(link).and_then(|u| url_segment(&u, 0));
        }
        let day = row.with(Some(date), |s| {
            parse::date(s, &["%a, %b %d, %Y", "%Y-%m-%d", "%b %d, %Y"])
        });
        let metrics = MetricsRec {
            views_label: "impressions",
            views: row.count(impressions),
            reactions: row.count(likes),
            comments: row.count(replies),
            shares: row.count(reposts),
            saves: row.count(bookmarks),
            follows: row.count(follows),
            clicks: row.count(clicks),
            ..Default::default()
        };
        let rec = PostRec {
            line: row.line,
            external_id,
            title: String::new(),
            // X writes `&` as `&amp;` (and `<`, `>`, quotes) in both exports.
            caption: parse::html_entities(row.text(body)),
            format: PostFormat::Post,
            published: day.map(When::Date),
            permalink: row.opt_text(link),
            metrics,
        };
        if row.done(&mut out) {
            out.posts.push(rec);
        }
    }
    Ok(out)
}

/// `tweet_activity_metrics_<user>_<from>_<to>_en.csv`: every cell quoted, counts as floats,
/// times in UTC with an offset.
pub fn tweet_activity(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    let id = t.require(&["Tweet id"])?;
    let time = t.require(&["time"])?;
    let link = t.col(&["Tweet permalink"]);
    let body = t.col(&["Tweet text"]);
    let impressions = t.col(&["impressions"]);
    let likes = t.col(&["likes", "favorites"]);
    let replies = t.col(&["replies"]);
    let retweets = t.col(&["retweets"]);
    let clicks = t.col(&["url clicks"]);
    let follows = t.col(&["follows"]);
    let media = t.col(&["media views"]);
    let mut out = Parsed {
        account: AccountHint {
            platform: Some(Platform::X),
            ..Default::default()
        },
        ..Default::default()
    };
    out.account.handle = handle_from_file_name(&ctx.file_name);
    for (line, rec) in &t.rows {
        let mut row = Row::new(&t, *line, rec);
        if let Some(e) = row.mangled(Some(id)) {
            return Err(e);
        }
        let Some(external_id) = row.with(Some(id), parse::id) else {
            row.done(&mut out);
            continue;
        };
        if out.account.handle.is_none() {
            out.account.handle = row.opt_text(link).and_then(|u| url_segment(&u, 0));
        }
        let at = row.with(Some(time), |s| {
            parse::instant(s, &["%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S %z"])
        });
        let metrics = MetricsRec {
            views_label: "impressions",
            views: row.count(impressions),
            reactions: row.count(likes),
            comments: row.count(replies),
            shares: row.count(retweets),
            clicks: row.count(clicks),
            follows: row.count(follows),
            video_views: row.count(media),
            ..Default::default()
        };
        let rec = PostRec {
            line: row.line,
            external_id,
            title: String::new(),
            // X writes `&` as `&amp;` (and `<`, `>`, quotes) in both exports.
            caption: parse::html_entities(row.text(body)),
            format: PostFormat::Post,
            published: at.map(When::Utc),
            permalink: row.opt_text(link),
            metrics,
        };
        if row.done(&mut out) {
            out.posts.push(rec);
        }
    }
    Ok(out)
}

/// `…tweet_activity_metrics_lumencoffee_20231001_20231031_en.csv` → `lumencoffee`.
fn handle_from_file_name(name: &str) -> Option<String> {
    let rest = &name[name.find("tweet_activity_metrics_")? + "tweet_activity_metrics_".len()..];
    let parts: Vec<&str> = rest.split('_').collect();
    // The handle may itself hold underscores: everything before the two dates.
    let dates = parts
        .iter()
        .position(|p| p.len() == 8 && p.bytes().all(|b| b.is_ascii_digit()))?;
    let handle = parts[..dates].join("_");
    (!handle.is_empty()).then_some(handle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn handle_comes_from_the_file_name() {
        assert_eq!(
            handle_from_file_name("x_tweet_activity_metrics_lumen_coffee_20231001_20231031_en.csv")
                .as_deref(),
            Some("lumen_coffee")
        );
        assert_eq!(handle_from_file_name("Overview.csv"), None);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}", name in "\\PC{0,40}") {
            let ctx = Ctx { file_name: name, root: None, export_date: chrono::NaiveDate::MIN, ..Default::default() };
            let _ = content(&format!("Post id,Date,Post Link,Impressions\n{s}"), &ctx);
            let _ = tweet_activity(&format!("\"Tweet id\",\"time\",\"impressions\"\n{s}"), &ctx);
            let _ = handle_from_file_name(&ctx.file_name);
        }
    }
}
