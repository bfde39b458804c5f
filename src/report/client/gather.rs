//! Gathers a report's figures from the store, through the same queries and `domain` rules as
//! the Analytics tab and `smmdeck analytics`: KPIs from `report::analytics::kpis`, lines from
//! the trend query, surges and drops from `domain::anomaly::events`, and so on.

use chrono::Duration;

use super::model::{Brand, CampaignLine, Content, Growth, Line, Marked, Report, Section};
use crate::clock::Clock;
use crate::domain::anomaly::{WINDOW, events};
use crate::domain::heatmap::best_slots;
use crate::domain::period::Period;
use crate::domain::targets::Targets;
use crate::report::analytics::{kpis, range};
use crate::store::{BreakdownBy, Scope, Store, StoreResult, TrendMetric, TrendPoint};

/// What to report on.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub scope: Scope,
    pub period: Period,
    pub brand: Brand,
    pub sections: Vec<Section>,
    pub targets: Targets,
    pub notes: Option<String>,
}

/// The response targets `config.toml` sets (or their defaults).
pub fn targets(inbox: &crate::config::InboxConfig) -> Targets {
    Targets {
        negative_minutes: inbox.target_negative_minutes,
        question_minutes: inbox.target_question_minutes,
        other_minutes: inbox.target_other_minutes,
    }
}

/// Surges and drops listed (each with the posts of its days).
const EVENTS: usize = 6;
/// Top and bottom posts listed.
const RANKED: usize = 5;
/// Collaborations listed at most.
const COLLABS: i64 = 200;

fn lines(points: Vec<TrendPoint>, labels: &[(i64, String)]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for p in points {
        let Ok(day) = p.day.parse() else { continue };
        match out.last_mut() {
            Some(l) if l.account_id == p.account_id => l.points.push((day, p.value)),
            _ => out.push(Line {
                account_id: p.account_id,
                label: label_of(labels, p.account_id),
                points: vec![(day, p.value)],
            }),
        }
    }
    out
}

fn label_of(labels: &[(i64, String)], id: i64) -> String {
    labels
        .iter()
        .find(|(a, _)| *a == id)
        .map_or_else(|| format!("account {id}"), |(_, l)| l.clone())
}

pub fn gather(store: &Store, req: &Request, clock: &Clock) -> StoreResult<Report> {
    let period = req.period;
    let scope = &req.scope;
    let today = clock.today();
    let offset = clock.utc_offset();
    let accounts: Vec<(i64, String)> = store
        .accounts()
        .list()?
        .into_iter()
        .filter(|a| matches!(scope, Scope::All) || scope.names(a.id))
        .map(|a| (a.id, a.label()))
        .collect();
    let title = if !req.brand.name.is_empty() {
        req.brand.name.clone()
    } else if let [(_, one)] = accounts.as_slice() {
        one.clone()
    } else {
        "All accounts".to_string()
    };
    let r = range(&period, clock);
    let analytics = store.analytics();
    let wants = |s: Section| req.sections.contains(&s);

    let mut growth = Growth::default();
    if wants(Section::Growth) {
        let trend = |m| analytics.trend(m, &r, scope.clone(), offset);
        growth.followers = lines(trend(TrendMetric::Followers)?, &accounts);
        growth.reach = lines(trend(TrendMetric::Reach)?, &accounts);
        // Judged against the days before the period too, as the tab does.
        let baseline_from = (period.from - Duration::days(WINDOW as i64)).to_string();
        let series =
            store
                .metrics()
                .account_reach_series(&baseline_from, &r.to_day, scope.clone())?;
        for event in events(&series, &accounts, &r.from_day)
            .into_iter()
            .take(EVENTS)
        {
            let posts = match (event.first.parse(), event.last.parse()) {
                (Ok(first), Ok(last)) => {
                    let (start, end) = clock.span(first, last);
                    analytics.posts_between(start, end, Some(event.account_id), 3)?
                }
                _ => Vec::new(),
            };
            growth.events.push(Marked { event, posts });
        }
    }

    let mut content = Content::default();
    if wants(Section::Content) {
        content.by_platform = analytics.breakdown(BreakdownBy::Platform, &r, scope.clone())?;
        content.by_format = analytics.breakdown(BreakdownBy::Format, &r, scope.clone())?;
        let [top, bottom, _, _] =
            analytics.ranked_posts(&r, scope.clone(), [RANKED, RANKED, 0, 0])?;
        (content.top, content.bottom) = (top, bottom);
        // The accounts' own history: the period and the 90 days before it, as the tab's.
        let since = clock.start_of_day(period.to - Duration::days(89));
        content.heat = analytics.heatmap(since.min(r.start), r.end, scope.clone(), offset)?;
        content.best_slots = best_slots(&content.heat, 2, 5);
    }

    let community = if wants(Section::Community) {
        store
            .inbox()
            .community(r.start, r.end, scope, &req.targets, 8)?
    } else {
        Default::default()
    };

    let influencers = if wants(Section::Influencers) {
        store.contacts().collaborations_of_period(
            (&r.from_day, &r.to_day),
            (r.start, r.end),
            scope,
            &today.to_string(),
            COLLABS,
        )?
    } else {
        Vec::new()
    };

    let mut campaigns = Vec::new();
    if wants(Section::Campaigns) {
        for summary in store.campaigns().summaries(scope.clone())? {
            if !summary.overlaps(period.from, period.to) {
                continue;
            }
            campaigns.push(CampaignLine {
                pace: summary.pace(today),
                pacing_ratio: summary.pacing_ratio(today),
                summary,
            });
        }
    }

    Ok(Report {
        title,
        brand: req.brand.clone(),
        period,
        previous: period.previous(),
        made_on: today,
        zone: clock.zone_name(),
        kpis: kpis(store, &period, scope.clone(), clock)?,
        accounts,
        sections: req.sections.clone(),
        growth,
        content,
        community,
        influencers,
        campaigns,
        notes: req.notes.clone().filter(|_| wants(Section::Notes)),
        targets: [3, 2, 1].map(|c| req.targets.seconds(c)),
        clock: *clock,
    })
}
