//! The legacy "Facebook Insights Data Export (Post Level)": names on row 1, a row of
//! descriptions ("Lifetime: The total number of people…") on row 2, then one row per post.

use crate::domain::{Platform, PostFormat};

use super::dates::{self, DateOrder};
use super::parse;
use super::records::{AccountHint, Ctx, FileError, MetricsRec, Parsed, PostRec, When};
use super::table::{Row, Table};

pub fn posts(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    let id = t.require(&["Post ID"])?;
    let posted = t.require(&["Posted"])?;
    // Month first as Facebook wrote it, unless the column shows a day-first re-save.
    let order = dates::decide_order_or(
        t.rows.iter().map(|(_, r)| r.get(posted).unwrap_or("")),
        ctx.date_order,
        DateOrder::Mdy,
    )
    .map_err(|e| FileError::field(t.header_line, "Posted", e))?;
    let permalink = t.col(&["Permalink"]);
    let message = t.col(&["Post Message"]);
    let kind = t.col(&["Type"]);
    let reach = t.col(&["Lifetime Post Total Reach"]);
    let impressions = t.col(&["Lifetime Post Total Impressions"]);
    let clicks = t.col(&["Lifetime Post Consumptions"]);
    // Likes, comments and shares exist only split "by action type": the count of stories
    // (every action), else the people who acted ("Talking About This").
    let action = |kind: &str| {
        t.col(&[
            &format!("Lifetime Post Stories by action type - {kind}"),
            &format!("Lifetime Talking About This (Post) by action type - {kind}"),
        ])
    };
    let (likes, comments, shares) = (action("like"), action("comment"), action("share"));
    let mut out = Parsed {
        account: AccountHint {
            platform: Some(Platform::Facebook),
            ..Default::default()
        },
        ..Default::default()
    };
    for (i, (line, rec)) in t.rows.iter().enumerate() {
        let mut row = Row::new(&t, *line, rec);
        // The second header row: descriptions, no id.
        if i == 0 && row.text(Some(id)).trim().is_empty() {
            continue;
        }
        if let Some(e) = row.mangled(Some(id)) {
            return Err(e);
        }
        let Some(external_id) = row.with(Some(id), parse::id) else {
            row.done(&mut out);
            continue;
        };
        if out.account.external_id.is_none() {
            // Post ids are `<page id>_<post id>`; the permalink names the page's vanity handle.
            out.account.external_id = external_id
                .split_once('_')
                .map(|(page, _)| page.to_string());
            out.account.handle = row
                .opt_text(permalink)
                .and_then(|u| super::meta_csv::page_slug(&u));
            out.account.handle_from_links = out.account.handle.is_some();
        }
        let when = row
            .with(Some(posted), |s| {
                match order.and_then(|o| dates::numeric_datetime(s, o)) {
                    Some(r) => r,
                    None => parse::naive_datetime(s, &["%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M"]),
                }
            })
            .map(When::Local);
        let metrics = MetricsRec {
            views_label: "impressions",
            views: row.count(impressions),
            reach: row.count(reach),
            clicks: row.count(clicks),
            reactions: row.count(likes),
            comments: row.count(comments),
            shares: row.count(shares),
            ..Default::default()
        };
        let format = match row.text(kind).trim().to_ascii_lowercase().as_str() {
            "video" => PostFormat::Video,
            _ => PostFormat::Post,
        };
        let rec = PostRec {
            line: row.line,
            external_id,
            title: String::new(),
            caption: row.text(message).to_string(),
            format,
            published: when,
            permalink: row.opt_text(permalink),
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

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let ctx = Ctx { file_name: "f.csv".into(), root: None, export_date: chrono::NaiveDate::MIN, ..Default::default() };
            let _ = posts(&format!("Post ID,Permalink,Posted,Lifetime Post Total Reach\n{s}"), &ctx);
            let _ = posts(&s, &ctx);
        }
    }
}
