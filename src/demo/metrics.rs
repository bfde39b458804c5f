use super::content::CAMPAIGNS;
use super::posts::Published;
use super::rng::Rng;
use super::{DemoAccount, Plan, day_str};
use crate::clock::Clock;
use crate::store::{AccountDay, Bulk, NewCampaign, PostSnapshot, SpendDay, StoreResult};

/// Days relative to today when each demo campaign runs, in the order of `CAMPAIGNS`, and how
/// fast it spends against plan (1.0 on pace; the Black Friday one overspends).
const WINDOWS: &[(i64, i64, f64)] = &[
    (-40, 20, 1.0),
    (-20, 10, 0.9),
    (-60, -5, 1.0),
    (-7, 5, 2.2),
    (-90, 90, 0.8),
];

pub(crate) fn campaigns(
    bulk: &Bulk<'_>,
    rng: &mut Rng,
    accounts: &[DemoAccount],
    clock: &Clock,
) -> StoreResult<Vec<i64>> {
    let mut ids = Vec::new();
    for ((name, client, objective, channel, budget), (start, end, pace)) in
        CAMPAIGNS.iter().zip(WINDOWS)
    {
        let linked: Vec<i64> = super::content::BRANDS
            .iter()
            .filter(|(brand, _)| brand == client)
            .flat_map(|(_, list)| list.iter().map(|(_, handle, ..)| *handle))
            .filter_map(|h| accounts.iter().find(|a| a.handle == h).map(|a| a.id))
            .collect();
        let id = bulk.add_campaign(
            &NewCampaign {
                name: name.to_string(),
                client: client.to_string(),
                objective: objective.to_string(),
                channel: channel.to_string(),
                budget_minor: Some(budget * 100),
                currency: "USD".into(),
                start_on: Some(day_str(clock, *start)),
                end_on: Some(day_str(clock, *end)),
                goal: goal_of(objective).to_string(),
                ..Default::default()
            },
            &linked,
        )?;
        let days = (end - start + 1).max(1);
        let per_day = budget * 100 / days;
        for d in *start..(*end).min(-1) + 1 {
            let spend = (per_day as f64 * pace * (0.8 + rng.unit() * 0.4)) as i64;
            let impressions = spend * 125 / 100 * rng.range(80, 120) / 100;
            let clicks = impressions * rng.range(8, 16) / 1000;
            let conversions = clicks * rng.range(2, 5) / 100;
            // Only shops report a purchase value; an awareness campaign's revenue is unknown.
            let sells = goal_of(objective) == "sales";
            bulk.campaign_day(
                id,
                &SpendDay {
                    day: day_str(clock, d),
                    covers_from: None,
                    spend_minor: spend,
                    impressions: Some(impressions),
                    reach: Some(impressions * 7 / 10),
                    clicks: Some(clicks),
                    conversions: Some(conversions),
                    revenue_minor: sells.then_some(conversions * 4_000),
                },
            )?;
        }
        ids.push(id);
    }
    Ok(ids)
}

/// The goal a demo campaign's objective stands for.
fn goal_of(objective: &str) -> &'static str {
    match objective {
        "awareness" => "reach",
        "engagement" => "clicks",
        "leads" => "leads",
        _ => "sales",
    }
}

/// Typical lifetime views of a post per platform, before the random spread.
fn base_views(platform: &str) -> f64 {
    match platform {
        "tiktok" => 5_000.0,
        "instagram" => 2_000.0,
        "x" => 1_500.0,
        "facebook" => 800.0,
        _ => 600.0,
    }
}

pub(crate) fn post_snapshots(
    bulk: &mut Bulk<'_>,
    rng: &mut Rng,
    plan: &Plan,
    published: &[Published],
    accounts: &[DemoAccount],
    clock: &Clock,
) -> StoreResult<()> {
    let now = clock.now_ts();
    let mut written = 0usize;
    // Newest posts first, so a budget that runs out cuts the oldest history.
    let mut order: Vec<&Published> = published.iter().collect();
    order.sort_by_key(|p| std::cmp::Reverse(p.at));
    for p in order {
        let platform = accounts[p.account].platform;
        let final_views = base_views(platform) * (0.4 + rng.unit() * 1.6) * p.boost;
        let age_days = ((now - p.at) / 86_400).clamp(0, plan.metric_days);
        let label = if matches!(platform, "x" | "linkedin") {
            "impressions"
        } else {
            "views"
        };
        for d in 0..=age_days {
            if written >= plan.snapshot_rows {
                return Ok(());
            }
            // Lifetime totals grow fast in the first days, then flatten.
            let grown = final_views * (1.0 - (-(d as f64 + 1.0) / 2.5).exp());
            let views = grown as i64;
            let reactions = (grown * 0.05) as i64;
            bulk.post_snapshot(&PostSnapshot {
                post_id: p.id,
                snapshot_on: clock
                    .local_date(p.at + d * 86_400)
                    .format("%Y-%m-%d")
                    .to_string(),
                views_label: label.into(),
                views: Some(views),
                reach: Some(views * 7 / 10),
                reactions: Some(reactions),
                comments: Some(reactions / 8),
                shares: Some(reactions / 12),
                saves: (platform == "instagram").then_some(reactions / 6),
                clicks: Some(views / 60),
                video_views: None,
                watch_time_s: None,
                follows: Some(reactions / 40),
                source: "demo".into(),
            })?;
            written += 1;
        }
    }
    Ok(())
}

/// Daily account numbers with one clear surge (Instagram, three weeks ago) and one clear drop
/// (Facebook, a week ago), for the trend views to find.
pub(crate) fn account_days(
    bulk: &Bulk<'_>,
    rng: &mut Rng,
    plan: &Plan,
    accounts: &[DemoAccount],
    clock: &Clock,
) -> StoreResult<()> {
    for a in accounts {
        let base = base_views(a.platform);
        let mut followers = (base * 6.0) as i64;
        for d in -plan.metric_days..0 {
            let factor = match (a.platform, d) {
                ("instagram", -21..=-18) => 4.5,
                ("facebook", -9..=-6) => 0.25,
                _ => 0.85 + rng.unit() * 0.3,
            };
            let reach = (base * 1.5 * factor) as i64;
            followers += (reach / 200).max(1) - rng.range(0, 3);
            bulk.account_day(&AccountDay {
                account_id: a.id,
                day: day_str(clock, d),
                followers: Some(followers),
                reach: Some(reach),
                views: Some(reach * 13 / 10),
                profile_visits: Some(reach / 25),
            })?;
        }
    }
    Ok(())
}
