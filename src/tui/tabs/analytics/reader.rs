//! Reading the tab's figures: the overview (KPIs, surges and drops, ranked posts), the trend's
//! two series and the breakdown, each only when its inputs changed. Inline, or (in the running
//! app) on a thread of its own with a read-only connection to the same file, so that a key
//! whose read is slow (a new period of 90 days) answers with a frame at once and the figures
//! follow. Both ways run the same functions as `smmdeck analytics`.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use chrono::Duration;

use super::{AnalyticsTab, BASELINE_DAYS, Breakdown, Ranked};
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

/// The tab's side: answers taken part by part, or dropped when stale.
impl AnalyticsTab {
    /// Takes what a read found, part by part: a part read for inputs no longer on screen (a
    /// key pressed since, or a write since: another generation) is dropped. True when
    /// something on screen changed.
    pub(super) fn apply(&mut self, parts: Parts) -> bool {
        let Parts {
            ask,
            overview,
            trend,
            breakdown,
        } = parts;
        if self.reading.as_ref() == Some(&ask) {
            self.reading = None;
        }
        if ask.generation != self.generation || ask.account != self.account {
            return false;
        }
        let period = ask.period;
        if self.period != Some(period) {
            return false;
        }
        let mut changed = false;
        if let Some(o) = overview {
            self.report = Some(o.report);
            self.events = o.events;
            self.event_posts = o.event_posts;
            self.ranked = o.ranked;
            self.posts_cursor.clamp(self.ranked.len());
            self.read_for.overview = Some((period, ask.account));
            changed = true;
        }
        if let (Some((now, before)), Some(metric)) = (trend, ask.trend)
            && metric == self.metric()
        {
            self.trend = now;
            self.prev_trend = before;
            self.read_for.trend = Some((period, ask.account, metric));
            changed = true;
        }
        if let (Some((slices, heat)), Some(b)) = (breakdown, ask.breakdown)
            && b == self.breakdown
        {
            self.slices = slices;
            self.heat = heat;
            self.read_for.breakdown = Some((period, ask.account, b));
            changed = true;
        }
        changed
    }

    /// Takes the answers the reader has sent since the last look. Some(Ok(true)) when the
    /// screen changed, Some(Err) when a read failed; None when nothing arrived.
    pub fn poll_read(&mut self) -> Option<Result<bool, String>> {
        self.reader.as_ref()?;
        let mut out = None;
        loop {
            let answer = self.reader.as_ref().map_or(Ok(None), Reader::try_answer);
            match answer {
                Ok(Some(Ok(parts))) => {
                    let changed = self.apply(parts);
                    out = Some(Ok(changed || matches!(out, Some(Ok(true)))));
                }
                Ok(Some(Err(e))) => {
                    self.reading = None;
                    out = Some(Err(e));
                }
                Ok(None) => return out,
                Err(()) => {
                    // The thread is gone: read inline from now on.
                    self.reader = None;
                    self.background = false;
                    self.reading = None;
                    return Some(Err("analytics: the background read stopped".into()));
                }
            }
        }
    }

    /// Waits (up to `limit`) until the reader has answered the last ask; for tests and
    /// benchmarks that need the final figures. True when nothing is left to wait for.
    pub fn wait_read(&mut self, limit: std::time::Duration) -> bool {
        let until = std::time::Instant::now() + limit;
        while self.reading.is_some() {
            let left = until.saturating_duration_since(std::time::Instant::now());
            let Some(reader) = self.reader.as_ref() else {
                return false;
            };
            match reader.wait_answer(left) {
                Some(Ok(parts)) => {
                    self.apply(parts);
                }
                Some(Err(_)) => self.reading = None,
                None => return false,
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::Ctx;
    use super::*;
    use crate::domain::period::Preset;

    /// What a background read answers is taken only while the screen still wants it: an
    /// answer for a period left since, or from before a write, is dropped part by part.
    #[test]
    fn a_stale_answer_is_dropped() {
        use crate::clock::Clock;
        use crate::store::Store;
        use chrono::TimeZone;
        let mut store = Store::open_in_memory().unwrap();
        let clock = Clock::fixed(
            chrono::Utc
                .with_ymd_and_hms(2026, 11, 26, 7, 30, 0)
                .unwrap(),
            chrono_tz::Europe::Kyiv,
        );
        crate::demo::generate(&mut store, crate::demo::Scale::Small, &clock, &mut |_| {}).unwrap();
        let config = crate::config::Config::default();
        let accounts = store.accounts().list().unwrap();
        let ctx = Ctx {
            store: &store,
            clock: &clock,
            config: &config,
            account: None,
            accounts: &accounts,
        };
        let mut tab = AnalyticsTab::default();
        tab.refresh(&ctx, false).unwrap();
        let shown = tab.report.clone().unwrap();
        let last28 = tab.period().unwrap();
        let last90 = Period::preset(Preset::Last90, clock.today());
        let labels = tab.labels.clone();
        let ask = |period, generation| Ask {
            generation,
            period,
            account: None,
            labels: labels.clone(),
            overview: true,
            trend: Some(TrendMetric::Reach),
            breakdown: Some(Breakdown::Off),
        };
        // Read for 90 days, but the screen is still on 28: dropped.
        let for_90 = read(&store, &clock, ask(last90, tab.generation)).unwrap();
        assert!(!tab.apply(for_90));
        assert_eq!(tab.report.as_ref(), Some(&shown));
        // Read for 28 days before a write (an older generation): dropped too.
        let before_write = read(&store, &clock, ask(last28, tab.generation)).unwrap();
        tab.refresh(&ctx, false).unwrap();
        assert!(!tab.apply(before_write));
        // For the period and generation on screen, with the metric since changed: the
        // overview is taken, the trend of the old metric is not.
        tab.metric = Some(TrendMetric::Views);
        let current = read(&store, &clock, ask(last28, tab.generation)).unwrap();
        assert!(tab.apply(current));
        assert_eq!(tab.read_for.overview, Some((last28, None)));
        assert_ne!(
            tab.read_for.trend,
            Some((last28, None, TrendMetric::Views)),
            "the views trend is still to be read"
        );
        // The 90 days once chosen: its answer is what an inline read shows.
        tab.period = Some(last90);
        let answer = read(&store, &clock, ask(last90, tab.generation)).unwrap();
        assert!(tab.apply(answer));
        let inline = crate::report::analytics::kpis(&store, &last90, None, &clock).unwrap();
        assert_eq!(tab.report, Some(inline));
        assert_ne!(tab.report, Some(shown));
    }
}
