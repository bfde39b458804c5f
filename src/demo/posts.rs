use chrono::{Duration, NaiveTime};

use super::content::{CAPTIONS, PILLARS, POST_TITLES};
use super::rng::Rng;
use super::{DemoAccount, Plan};
use crate::clock::Clock;
use crate::domain::PostFormat;
use crate::store::{Bulk, NewPost, StoreResult};

/// A published post: comments and metric snapshots attach to these.
pub(crate) struct Published {
    pub id: i64,
    pub account: usize,
    pub at: i64,
    /// How far this post travels: 1.0 normal; the surge post is far above.
    pub boost: f64,
}

/// Formats that fit each platform, so the calendar looks like a real plan.
fn formats_for(platform: &str) -> &'static [PostFormat] {
    use PostFormat::*;
    match platform {
        "instagram" => &[Post, Reel, Carousel, Story],
        "tiktok" => &[Video, Short],
        "x" => &[Post, Thread],
        "linkedin" => &[Post, Article, Carousel],
        "youtube" => &[Video, Short],
        _ => &[Post, Video],
    }
}

pub(crate) fn posts(
    bulk: &Bulk<'_>,
    rng: &mut Rng,
    plan: &Plan,
    accounts: &[DemoAccount],
    campaigns: &[i64],
    clock: &Clock,
    batch: &str,
) -> StoreResult<Vec<Published>> {
    let today = clock.today();
    let now = clock.now_ts();
    let mut published = Vec::new();
    for i in 0..plan.posts {
        // The first few posts land today so that the morning view has something to send.
        let offset = if i < 4 {
            0
        } else {
            rng.range(-plan.days_back, plan.days_ahead + 1)
        };
        let hour = if i < 4 {
            [9, 12, 15, 19][i]
        } else {
            rng.range(8, 21) as u32
        };
        let minute = [0, 15, 30, 45][rng.range(0, 4) as usize];
        let date = today + Duration::days(offset);
        let naive = date.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default());
        let at = clock.local_to_ts(naive).unwrap_or(now);
        let account = rng.range(0, accounts.len() as i64) as usize;
        let status = status_for(rng, at, now, i);
        let format = *rng.pick(formats_for(accounts[account].platform));
        let title = rng.pick(POST_TITLES).to_string();
        let is_published = status == "published";
        let id = bulk.add_post(&NewPost {
            account_id: accounts[account].id,
            title,
            caption: rng.pick(CAPTIONS).to_string(),
            format: format.as_str().to_string(),
            status: status.to_string(),
            pillar: rng.pick(PILLARS).to_string(),
            tags: String::new(),
            scheduled_at: Some(at),
            published_at: is_published.then_some(at),
            permalink: is_published
                .then(|| format!("https://example.com/{}/p/{i}", accounts[account].handle)),
            external_id: is_published.then(|| format!("{batch}-{i}")),
            campaign_id: rng.chance(0.3).then(|| *rng.pick(campaigns)),
        })?;
        if is_published {
            published.push(Published {
                id,
                account,
                at,
                boost: 1.0,
            });
        }
    }
    // One clear surge: the Instagram post nearest three weeks ago went viral.
    let surge_at = now - 21 * 86_400;
    if let Some(p) = published
        .iter_mut()
        .filter(|p| accounts[p.account].platform == "instagram")
        .min_by_key(|p| (p.at - surge_at).abs())
    {
        p.boost = 12.0;
    }
    Ok(published)
}

/// Past slots are mostly published, with a few overdue or failed; future ones run from idea to
/// scheduled. Today's first slot (9:00) stays scheduled, so once the morning has passed it shows
/// as overdue.
fn status_for(rng: &mut Rng, at: i64, now: i64, i: usize) -> &'static str {
    if i < 4 {
        return if at <= now {
            if i == 0 { "scheduled" } else { "published" }
        } else {
            "scheduled"
        };
    }
    if at <= now {
        match rng.range(0, 100) {
            0..=2 => "scheduled",
            3..=4 => "failed",
            5..=7 => "archived",
            _ => "published",
        }
    } else {
        match rng.range(0, 100) {
            0..=14 => "idea",
            15..=39 => "draft",
            40..=59 => "ready",
            _ => "scheduled",
        }
    }
}
