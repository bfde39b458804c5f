//! Meta Business Suite exports: the Facebook and Instagram post-level CSVs and the
//! account-level per-metric CSV (UTF-16LE, `sep=,`, a title line, then `Date,Primary`).

use crate::domain::{Platform, PostFormat};

use super::dates::{self, DateOrder};
use super::records::{AccountHint, Ctx, DayRec, FileError, MetricsRec, Parsed, PostRec, When};
use super::table::{Row, Table};
use super::{mojibake, parse};

const PUBLISH_FORMATS: &[&str] = &[
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
];

/// Business Suite post exports for either platform; the columns differ only in names.
pub fn posts(text: &str, ctx: &Ctx, platform: Platform) -> Result<Parsed, FileError> {
    let t = Table::read(text, 0)?;
    let id = t.require(&["Post ID"])?;
    let ig = platform == Platform::Instagram;
    let owner_id = t.require(if ig { &["Account ID"] } else { &["Page ID"] })?;
    let owner_name = t.col(if ig {
        &["Account name"]
    } else {
        &["Page name"]
    });
    let handle = t.col(&["Account username"]);
    let published = t.require(&["Publish time"])?;
    // Meta writes month first; a re-save in a day-first locale shows in the column.
    // Kept in the result too: a file read in chunks decides over all of them.
    let seen = dates::OrderSeen::of(t.rows.iter().map(|(_, r)| r.get(published).unwrap_or("")));
    let order = seen
        .clone()
        .decide(ctx.date_order, Some(DateOrder::Mdy))
        .map_err(|e| FileError::field(t.header_line, "Publish time", e))?;
    let title = t.col(&["Title"]);
    let caption = t.col(&["Description"]);
    let permalink = t.col(&["Permalink"]);
    let kind = t.col(&["Post type"]);
    // "Views" replaced "Impressions" (and "Plays" for reels) in 2024-25; keep the label.
    let (views, views_label) = match (
        t.col(&["Views"]),
        t.col(&["Impressions"]),
        t.col(&["Plays"]),
    ) {
        (Some(c), _, _) => (Some(c), "views"),
        (None, Some(c), _) => (Some(c), "impressions"),
        (None, None, Some(c)) => (Some(c), "plays"),
        _ => (None, "views"),
    };
    let reach = t.col(&["Reach"]);
    let reactions = t.col(if ig {
        &["Likes"]
    } else {
        &["Reactions", "Likes"]
    });
    let comments = t.col(&["Comments"]);
    let shares = t.col(&["Shares"]);
    let saves = t.col(&["Saves"]);
    let clicks = t.col(&["Total clicks"]);
    let seconds = t.col(&["Seconds viewed"]);
    let follows = t.col(&["Follows"]);

    let mut out = Parsed {
        account: AccountHint {
            platform: Some(platform),
            ..Default::default()
        },
        order_seen: Some(dates::ColumnOrder {
            line: t.header_line,
            field: "Publish time",
            native: Some(DateOrder::Mdy),
            seen,
        }),
        ..Default::default()
    };
    for (line, rec) in &t.rows {
        let mut row = Row::new(&t, *line, rec);
        // A spreadsheet that mangled one id mangled them all: refuse the file, naming the line.
        if let Some(e) = row
            .mangled(Some(id))
            .or_else(|| row.mangled(Some(owner_id)))
        {
            return Err(e);
        }
        let Some(external_id) = row.with(Some(id), parse::id) else {
            row.done(&mut out);
            continue;
        };
        if out.account.external_id.is_none() {
            out.account.external_id = row.opt_text(Some(owner_id));
            out.account.display_name = row.opt_text(owner_name);
            out.account.handle = row.opt_text(handle);
        }
        // A Page's vanity name shows in its permalinks (`facebook.com/<slug>/posts/…`).
        if !ig && out.account.handle.is_none() {
            out.account.handle = row.opt_text(permalink).and_then(|u| page_slug(&u));
            out.account.handle_from_links = out.account.handle.is_some();
        }
        let when = row
            .with(Some(published), |s| {
                match order.and_then(|o| dates::numeric_datetime(s, o)) {
                    Some(r) => r,
                    None => parse::naive_datetime(s, PUBLISH_FORMATS),
                }
            })
            .map(When::Local);
        let metrics = MetricsRec {
            views_label,
            views: row.count(views),
            reach: row.count(reach),
            reactions: row.count(reactions),
            comments: row.count(comments),
            shares: row.count(shares),
            saves: row.count(saves),
            clicks: row.count(clicks),
            watch_time_s: row.count(seconds),
            follows: row.count(follows),
            ..Default::default()
        };
        // Facebook puts a post's text in `Title` and leaves `Description` empty (reels and
        // videos have both): the text is the caption, a title only beside a description.
        let (mut head, mut body) = (
            row.text(title).trim().to_string(),
            row.text(caption).to_string(),
        );
        if !ig && body.trim().is_empty() {
            body = std::mem::take(&mut head);
        }
        let rec = PostRec {
            line: row.line,
            external_id,
            title: head,
            caption: body,
            format: post_format(row.text(kind)),
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

/// The Page slug in a Facebook permalink; None for numeric Page ids and for paths that name
/// no Page (`/reel/…`, `/watch/…`, `/permalink.php?…`).
pub fn page_slug(url: &str) -> Option<String> {
    const NOT_PAGES: &[&str] = &[
        "reel",
        "reels",
        "watch",
        "photo",
        "photo.php",
        "photos",
        "permalink.php",
        "story.php",
        "groups",
        "events",
        "videos",
        "profile.php",
        "share",
        "media",
        "hashtag",
        "l.php",
    ];
    let host_ok = url.contains("facebook.com") || url.contains("fb.com");
    let first = super::url_segment(url, 0)?;
    let numeric = first.bytes().all(|b| b.is_ascii_digit());
    (host_ok && !numeric && !NOT_PAGES.contains(&first.to_ascii_lowercase().as_str()))
        .then_some(first)
}

/// Business Suite's post types (`Photos`, `Reels`, `IG carousel`, ...) as smmdeck formats.
pub fn post_format(kind: &str) -> PostFormat {
    let k = kind.trim().to_ascii_lowercase();
    if k.contains("reel") {
        PostFormat::Reel
    } else if k.contains("story") || k.contains("stories") {
        PostFormat::Story
    } else if k.contains("carousel") || k.contains("album") {
        PostFormat::Carousel
    } else if k.contains("video") {
        PostFormat::Video
    } else {
        PostFormat::Post
    }
}

/// The per-metric account export: `sep=,`, `"Views"`, `"Date","Primary"`, then one row a day.
pub fn account_metric(text: &str, _ctx: &Ctx) -> Result<Parsed, FileError> {
    let mut lines = text.lines();
    if !lines.next().is_some_and(|l| l.trim().starts_with("sep=")) {
        return Err(FileError::at(
            1,
            "expected the `sep=,` line of a Business Suite metric export",
        ));
    }
    let title = lines
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches('"')
        .trim()
        .to_string();
    let field = metric_field(&title).ok_or_else(|| {
        FileError::at(
            2,
            format!(
                "the metric {title:?} has no place in smmdeck yet (it keeps views, reach, \
                 followers and profile visits per day)"
            ),
        )
    })?;
    let t = Table::read(text, 2)?;
    let date = t.require(&["Date"])?;
    let value = t.require(&["Primary"])?;
    let mut out = Parsed::default();
    out.account.display_name = None;
    for (line, rec) in &t.rows {
        let mut row = Row::new(&t, *line, rec);
        let day = row.with(Some(date), |s| {
            parse::naive_datetime(s, &["%Y-%m-%dT%H:%M:%S"])
                .map(|d| d.date())
                .or_else(|_| parse::date(s, &["%Y-%m-%d", "%m/%d/%Y"]))
        });
        let v = row.count(Some(value));
        let Some(day) = day else {
            row.done(&mut out);
            continue;
        };
        let mut rec = DayRec {
            line: row.line,
            day,
            ..Default::default()
        };
        *field.slot(&mut rec) = v;
        if row.done(&mut out) {
            out.days.push(rec);
        }
    }
    Ok(out)
}

/// Which `account_metrics` column a per-metric file feeds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DayField {
    Views,
    Reach,
    Followers,
    ProfileVisits,
}

impl DayField {
    fn slot(self, d: &mut DayRec) -> &mut Option<i64> {
        match self {
            DayField::Views => &mut d.views,
            DayField::Reach => &mut d.reach,
            DayField::Followers => &mut d.followers,
            DayField::ProfileVisits => &mut d.profile_visits,
        }
    }
}

fn metric_field(title: &str) -> Option<DayField> {
    let t = mojibake::repair(title).to_lowercase();
    match t.as_str() {
        "views" | "impressions" => Some(DayField::Views),
        "viewers" | "reach" | "accounts reached" => Some(DayField::Reach),
        "followers" | "facebook followers" | "instagram followers" | "total followers" => {
            Some(DayField::Followers)
        }
        "facebook visits" | "profile visits" | "instagram profile visits" | "page visits" => {
            Some(DayField::ProfileVisits)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ctx() -> Ctx {
        Ctx {
            file_name: "x.csv".into(),
            root: None,
            export_date: chrono::NaiveDate::MIN,
            ..Default::default()
        }
    }

    #[test]
    fn older_exports_say_impressions() {
        let csv = "Post ID,Page ID,Page name,Publish time,Impressions,Reach\n1221,6157,P,10/01/2026 08:30,1.2K,-\n";
        let p = posts(csv, &ctx(), Platform::Facebook).unwrap();
        assert_eq!(p.posts[0].metrics.views_label, "impressions");
        assert_eq!(p.posts[0].metrics.views, Some(1200));
        assert_eq!(p.posts[0].metrics.reach, None);
    }

    #[test]
    fn a_bad_cell_rejects_its_row_only() {
        let csv = "Post ID,Page ID,Publish time,Views\n1,2,10/01/2026 08:30,abc\n3,2,10/01/2026 08:30,5\n";
        let p = posts(csv, &ctx(), Platform::Facebook).unwrap();
        assert_eq!(p.posts.len(), 1);
        assert_eq!(
            (p.rejects[0].line, p.rejects[0].field.as_str()),
            (2, "Views")
        );
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let head = "Post ID,Page ID,Page name,Publish time,Views\n";
            let _ = posts(&format!("{head}{s}"), &ctx(), Platform::Facebook);
            let _ = posts(&s, &ctx(), Platform::Instagram);
            let _ = account_metric(&format!("sep=,\n\"Views\"\n{s}"), &ctx());
            let _ = account_metric(&s, &ctx());
        }
    }
}
