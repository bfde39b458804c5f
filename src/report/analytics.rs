//! The account KPIs of a period beside the previous period of equal length, gathered once for
//! both `smmdeck analytics` and the Analytics tab so that the two always show the same numbers.

use serde::Serialize;

use crate::clock::Clock;
use crate::domain::kpi::{Kpis, comparable};
use crate::domain::period::{Period, change};
use crate::store::{Range, Scope, Store, StoreResult};

/// One row of KPIs (an account, or all of them summed) in both periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiRow {
    /// None for the sum over all accounts.
    pub account_id: Option<i64>,
    /// `IG @lumen.coffee`, or "all accounts".
    pub label: String,
    pub current: Kpis,
    pub previous: Kpis,
    pub er_by_reach: Option<f64>,
    pub er_by_followers: Option<f64>,
    /// Each comparable figure: (name, now, before, change as a fraction or None).
    pub compare: Vec<Compared>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compared {
    pub name: String,
    pub current: Option<f64>,
    pub previous: Option<f64>,
    pub change: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiReport {
    pub from: String,
    pub to: String,
    pub previous_from: String,
    pub previous_to: String,
    /// The sum first (when more than one account), then each account.
    pub rows: Vec<KpiRow>,
}

/// The store's range for a period of local days.
pub fn range(period: &Period, clock: &Clock) -> Range {
    let (start, end) = clock.span(period.from, period.to);
    Range {
        from_day: period.from.to_string(),
        to_day: period.to.to_string(),
        start,
        end,
    }
}

fn row(account_id: Option<i64>, label: String, current: Kpis, previous: Kpis) -> KpiRow {
    let compare = comparable(&current, &previous)
        .into_iter()
        .map(|(name, c, p)| Compared {
            change: change(c, p),
            name,
            current: c,
            previous: p,
        })
        .collect();
    KpiRow {
        account_id,
        label,
        er_by_reach: current.er_by_reach(),
        er_by_followers: current.er_by_followers(),
        current,
        previous,
        compare,
    }
}

/// KPIs of `period` and the one before it, per account (one account when `scope` names one),
/// with the sum over the accounts first when there are several.
pub fn kpis(
    store: &Store,
    period: &Period,
    scope: impl Into<Scope>,
    clock: &Clock,
) -> StoreResult<KpiReport> {
    let scope = scope.into();
    let prev_period = period.previous();
    let analytics = store.analytics();
    let cur = analytics.kpis(&range(period, clock), scope.clone())?;
    let prev = analytics.kpis(&range(&prev_period, clock), scope.clone())?;
    let accounts = store.accounts().list()?;
    let mut rows = Vec::new();
    let mut ids: Vec<i64> = cur.keys().chain(prev.keys()).copied().collect();
    ids.extend(scope.ids());
    ids.sort_unstable();
    ids.dedup();
    for id in &ids {
        let label = accounts
            .iter()
            .find(|a| a.id == *id)
            .map_or_else(|| format!("account {id}"), |a| a.label());
        rows.push(row(
            Some(*id),
            label,
            cur.get(id).cloned().unwrap_or_default(),
            prev.get(id).cloned().unwrap_or_default(),
        ));
    }
    if scope.single().is_none() && rows.len() != 1 {
        let label = match scope {
            Scope::All => "all accounts".to_string(),
            Scope::Only(_) => format!("{} accounts together", rows.len()),
        };
        let total = row(
            None,
            label,
            Kpis::total(cur.values()),
            Kpis::total(prev.values()),
        );
        rows.insert(0, total);
    }
    Ok(KpiReport {
        from: period.from.to_string(),
        to: period.to.to_string(),
        previous_from: prev_period.from.to_string(),
        previous_to: prev_period.to.to_string(),
        rows,
    })
}
