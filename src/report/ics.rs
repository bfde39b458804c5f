//! The content plan as an iCalendar feed (RFC 5545): one VEVENT per scheduled post. UIDs are
//! `post-<id>@smmdeck`, so a calendar app that subscribes updates events in place when a post
//! moves instead of adding a copy.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::domain::Platform;
use crate::store::PostRow;

/// How long an event lasts in the calendar app: a post is an instant, but a zero-length event
/// is hidden by several apps.
const EVENT_MINUTES: i64 = 15;

/// The UID of a post's event; stable for the life of the post.
pub fn uid(post_id: i64) -> String {
    format!("post-{post_id}@smmdeck")
}

/// Writes the feed. `now` stamps DTSTAMP (the clock is injected so that output is stable).
pub fn feed(posts: &[PostRow], now: i64) -> String {
    let stamp = DateTime::from_timestamp(now, 0).unwrap_or_default();
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//smmdeck//content plan//EN"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.name("smmdeck content plan");
    for p in posts {
        let Some(start) = p
            .scheduled_at
            .and_then(|t| DateTime::<Utc>::from_timestamp(t, 0))
        else {
            continue;
        };
        let badge = Platform::badge_of(&p.platform);
        let summary = format!("{badge} @{}: {}", p.handle, p.headline());
        let mut description = format!("{} · {}", p.format, p.status);
        if !p.caption.is_empty() {
            description.push_str("\n\n");
            description.push_str(&p.caption);
        }
        let mut event = Event::new();
        event
            .uid(&uid(p.id))
            .timestamp(stamp)
            .starts(start)
            .ends(start + Duration::minutes(EVENT_MINUTES))
            .summary(&summary)
            .description(&description);
        if let Some(link) = &p.permalink {
            event.url(link);
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}
