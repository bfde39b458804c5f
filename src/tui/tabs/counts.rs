//! The tab bar's live counts, read by one cheap set of queries (each a count an index covers)
//! so that a write, a filter change or a tick refreshes them without refreshing the tabs
//! behind them.

use chrono::Duration;

use super::Ctx;
use crate::domain::pacing::Pace;
use crate::domain::priority::PRIORITY_NEGATIVE;

/// The five counts in tab order: Today's items that need the user (overdue posts, unanswered
/// negatives, follow-ups due, late deliverables, campaigns off track), posts in the next seven days, open inbox items,
/// follow-ups due, campaigns off track. None shows no number.
pub fn tab_counts(ctx: &Ctx<'_>) -> anyhow::Result<[Option<i64>; 5]> {
    let now = ctx.clock.now_ts();
    let today = ctx.clock.today();
    let day = today.format("%Y-%m-%d").to_string();
    // Kept figures: a write reads again only those it could have moved (store::kept).
    let kept = ctx.store.kept();
    let inbox = ctx.store.inbox();
    let week = kept.posts_in_range(
        ctx.clock.start_of_day(today),
        ctx.clock.start_of_day(today + Duration::days(7)),
        ctx.account,
    )?;
    let overdue = kept.overdue_posts(now, ctx.account)?;
    let negative = inbox.count_open_at_least(PRIORITY_NEGATIVE, ctx.account)?;
    let open = inbox.count_open(ctx.account)?;
    let follow_ups = kept.follow_ups_due(&day)?;
    let late = kept.late_deliverables(&day)?;
    let off_track = ctx
        .store
        .campaigns()
        .paces(ctx.account)?
        .iter()
        .filter(|c| c.pace(today) != Pace::OnTrack)
        .count() as i64;
    let some = |n: i64| (n > 0).then_some(n);
    Ok([
        some(overdue + negative + follow_ups + late + off_track),
        Some(week),
        Some(open),
        some(follow_ups),
        some(off_track),
    ])
}
