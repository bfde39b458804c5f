//! Demo data: a living dashboard for a new user within seconds (small), or a load test at a
//! million inbox items (large). Deterministic: the same clock gives the same rows.

mod content;
mod inbox;
mod metrics;
mod people;
mod posts;
mod rng;

use chrono::Duration;

use crate::clock::Clock;
use crate::store::{NewAccount, Store, StoreResult};
use rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    Small,
    Large,
}

/// How much of everything a scale writes.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub posts: usize,
    pub days_back: i64,
    pub days_ahead: i64,
    pub inbox: usize,
    /// The oldest inbox item, in days.
    pub inbox_days: i64,
    /// The share of items that arrived in the last day (and so are mostly still open).
    pub recent_share: f64,
    pub contacts: usize,
    pub metric_days: i64,
    /// Post snapshot rows to write (each published post gets daily snapshots until then).
    pub snapshot_rows: usize,
}

impl Scale {
    pub fn plan(self) -> Plan {
        match self {
            Scale::Small => Plan {
                posts: 150,
                days_back: 60,
                days_ahead: 30,
                inbox: 800,
                inbox_days: 28,
                recent_share: 0.12,
                contacts: 40,
                metric_days: 90,
                snapshot_rows: 4_000,
            },
            Scale::Large => Plan {
                posts: 100_000,
                days_back: 365,
                days_ahead: 30,
                inbox: 1_000_000,
                inbox_days: 365,
                // A year of a busy brand's inbox: about a percent still waits, as in real use.
                recent_share: 0.01,
                contacts: 10_000,
                metric_days: 90,
                snapshot_rows: 3_000_000,
            },
        }
    }
}

/// One demo account as generated, with what later steps need to know of it.
pub(crate) struct DemoAccount {
    pub id: i64,
    pub platform: &'static str,
    pub handle: &'static str,
}

/// Fills the store with demo data in one transaction. `progress` hears each phase by name.
pub fn generate(
    store: &mut Store,
    scale: Scale,
    clock: &Clock,
    progress: &mut dyn FnMut(&str),
) -> StoreResult<()> {
    let plan = scale.plan();
    let now = clock.now_ts();
    let mut bulk = store.bulk()?;
    bulk.set_now(now);
    // A second run (--force) names its rows apart so that platform ids stay unique.
    let (posts_before, people_before) = bulk.existing_posts_and_contacts()?;
    // The same clock and database give the same rows; a second batch gets its own seed.
    let mut rng = Rng::new(0x5EED_2026 ^ posts_before as u64);
    let batch = match posts_before {
        0 => "demo".to_string(),
        n => format!("demo{n}"),
    };

    progress("accounts");
    let mut accounts = Vec::new();
    for (brand, list) in content::BRANDS {
        for (platform, handle, name, tz, target) in *list {
            let id = bulk.ensure_account(&NewAccount {
                brand: brand.to_string(),
                platform: platform.to_string(),
                handle: handle.to_string(),
                display_name: Some(name.to_string()),
                external_id: None,
                timezone: Some(tz.to_string()),
                target_posts_per_week: Some(*target),
            })?;
            accounts.push(DemoAccount {
                id,
                platform,
                handle,
            });
        }
    }
    for (title, body) in content::SAVED_REPLIES {
        bulk.add_saved_reply(title, body)?;
    }

    progress("campaigns");
    let campaigns = metrics::campaigns(&bulk, &mut rng, &accounts, clock)?;
    progress("posts");
    let published = posts::posts(&bulk, &mut rng, &plan, &accounts, &campaigns, clock, &batch)?;
    progress("inbox");
    inbox::inbox(&bulk, &mut rng, &plan, &accounts, &published, now, &batch)?;
    progress("contacts");
    // The contacts draw from their own stream, so that changing them leaves the metrics alone.
    let mut people_rng = Rng::new(0xC0_27AC75 ^ posts_before as u64);
    people::contacts(
        &bulk,
        &mut people_rng,
        &plan,
        &campaigns,
        clock,
        people_before as usize,
    )?;
    progress("metrics");
    metrics::post_snapshots(&mut bulk, &mut rng, &plan, &published, &accounts, clock)?;
    metrics::account_days(&bulk, &mut rng, &plan, &accounts, clock)?;
    progress("search index and summaries");
    bulk.finish()
}

/// The local date `days` from today, as `YYYY-MM-DD`.
pub(crate) fn day_str(clock: &Clock, days: i64) -> String {
    (clock.today() + Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}
