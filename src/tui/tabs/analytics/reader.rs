//! Reading the tab's figures: the overview (KPIs, surges and drops, ranked posts), the trend's
//! two series and the breakdown, each only when its inputs changed. Inline, or (in the running
//! app) on a thread of its own with a read-only connection to the same file, so that a key
//! whose read is slow (a new period of 90 days) answers with a frame at once and the figures
//! follow. Both ways run the same functions as `smmdeck analytics`.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use chrono::Duration;

use super::{BASELINE_DAYS, Breakdown, Ranked};
use crate::clock::Clock;
use crate::domain::anomaly::{Event, events};
use crate::domain::heatmap::HeatCell;
use crate::domain::period::Period;
use crate::report::analytics::{KpiReport, kpis, range};
use crate::store::{PostPerf, Slice, Store, TrendMetric, TrendPoint};

/// What to read: the inputs, and which parts are wanted (None: that part is current).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Ask {
    /// Which refresh asked: a write, filter change or tick starts a new generation, and a
    /// result from an older one is dropped (it may predate the write).
    pub generation: u64,
    pub period: Period,
    pub account: Option<i64>,
    pub labels: Vec<(i64, String)>,
    pub overview: bool,
    pub trend: Option<TrendMetric>,
    pub breakdown: Option<Breakdown>,
}

/// The KPIs, the surges and drops with their posts, and the top and bottom posts.
pub(super) struct Overview {
    pub report: KpiReport,
    pub events: Vec<Event>,
    pub event_posts: Vec<PostPerf>,
    pub ranked: Vec<Ranked>,
}

/// What a read found, beside the ask it answers.
pub(super) struct Parts {
    pub ask: Ask,
    pub overview: Option<Overview>,
    /// The period's series and the previous period's.
    pub trend: Option<(Vec<TrendPoint>, Vec<TrendPoint>)>,
    pub breakdown: Option<(Vec<Slice>, Vec<HeatCell>)>,
}

/// Reads the parts `ask` wants.
pub(super) fn read(store: &Store, clock: &Clock, ask: Ask) -> anyhow::Result<Parts> {
    let period = ask.period;
    let r = range(&period, clock);
    let offset = clock.utc_offset();
    let analytics = store.analytics();
    let overview = if ask.overview {
        Some(read_overview(store, clock, &ask)?)
    } else {
        None
    };
    let trend = match ask.trend {
        Some(metric) => {
            let prev = range(&period.previous(), clock);
            Some((
                analytics.trend(metric, &r, ask.account, offset)?,
                analytics.trend(metric, &prev, ask.account, offset)?,
            ))
        }
        None => None,
    };
    let breakdown = match ask.breakdown {
        None | Some(Breakdown::Off) => ask.breakdown.map(|_| (Vec::new(), Vec::new())),
        Some(Breakdown::By(by)) => Some((analytics.breakdown(by, &r, ask.account)?, Vec::new())),
        // The account's own history: the period and the 90 days before it.
        Some(Breakdown::Hours) => {
            let since = clock.start_of_day(period.to - Duration::days(89));
            let heat = analytics.heatmap(since.min(r.start), r.end, ask.account, offset)?;
            Some((Vec::new(), heat))
        }
    };
    Ok(Parts {
        ask,
        overview,
        trend,
        breakdown,
    })
}

fn read_overview(store: &Store, clock: &Clock, ask: &Ask) -> anyhow::Result<Overview> {
    let analytics = store.analytics();
    let period = &ask.period;
    let r = range(period, clock);
    let report = kpis(store, period, ask.account, clock)?;
    // Surges and drops in reach, judged against the days before the period too.
    let baseline_from = (period.from - Duration::days(BASELINE_DAYS)).to_string();
    let series = store
        .metrics()
        .account_reach_series(&baseline_from, &r.to_day, ask.account)?;
    let events = events(&series, &ask.labels, &r.from_day);
    let mut event_posts = Vec::new();
    for e in events.iter().take(4) {
        let (Ok(first), Ok(last)) = (e.first.parse(), e.last.parse()) else {
            continue;
        };
        let (start, end) = clock.span(first, last);
        event_posts.extend(analytics.posts_between(start, end, Some(e.account_id), 3)?);
    }
    let lists = analytics.ranked_posts(&r, ask.account, [5, 3, 3, 3])?;
    let headings = [
        "top by ER",
        "bottom by ER",
        "top by reach",
        "bottom by reach",
    ];
    let mut ranked = Vec::new();
    for (heading, list) in headings.into_iter().zip(lists) {
        ranked.extend(list.into_iter().map(|post| Ranked { heading, post }));
    }
    Ok(Overview {
        report,
        events,
        event_posts,
        ranked,
    })
}

/// A thread that reads on its own connection: asks go in, parts come out. It opens the
/// database at its first ask and keeps the connection (and its prepared statements).
pub(super) struct Reader {
    asks: Sender<(Ask, Clock)>,
    answers: Receiver<Result<Parts, String>>,
}

impl Reader {
    pub fn start(path: PathBuf) -> Reader {
        let (asks, inbox) = channel::<(Ask, Clock)>();
        let (outbox, answers) = channel();
        std::thread::spawn(move || {
            let mut store = None;
            while let Ok(mut next) = inbox.recv() {
                // Only the newest ask matters: those behind it are already stale.
                while let Ok(newer) = inbox.try_recv() {
                    next = newer;
                }
                let (ask, clock) = next;
                if store.is_none() {
                    match Store::open_reader(&path) {
                        Ok(s) => store = Some(s),
                        Err(e) => {
                            let _ = outbox.send(Err(format!("analytics: {e}")));
                            continue;
                        }
                    }
                }
                let Some(s) = &store else { continue };
                let answer = read(s, &clock, ask).map_err(|e| format!("analytics: {e:#}"));
                if outbox.send(answer).is_err() {
                    // The tab is gone: so is the need for this thread.
                    return;
                }
            }
        });
        Reader { asks, answers }
    }

    /// Hands an ask to the thread; false when the thread is gone.
    pub fn ask(&self, ask: Ask, clock: Clock) -> bool {
        self.asks.send((ask, clock)).is_ok()
    }

    /// An answer if one has arrived; Err when the thread is gone.
    pub fn try_answer(&self) -> Result<Option<Result<Parts, String>>, ()> {
        match self.answers.try_recv() {
            Ok(a) => Ok(Some(a)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(()),
        }
    }

    /// Waits up to `limit` for an answer (tests, and the app's wait for a first frame).
    pub fn wait_answer(&self, limit: std::time::Duration) -> Option<Result<Parts, String>> {
        self.answers.recv_timeout(limit).ok()
    }
}
