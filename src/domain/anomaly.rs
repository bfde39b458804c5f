//! Surges and drops in a daily series: a day far above or below what the days before it make
//! usual. "Usual" is the median of a trailing window (robust to the spike itself), and the
//! spread is its median absolute deviation, so a noisy account needs a bigger jump.

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Surge,
    Drop,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anomaly {
    /// Index of the day in the series.
    pub index: usize,
    pub kind: Kind,
    pub value: f64,
    /// The median of the trailing window.
    pub usual: f64,
}

impl Anomaly {
    /// The change against usual as a fraction: 2.5 is +250%, -0.7 is -70%.
    pub fn change(&self) -> f64 {
        if self.usual == 0.0 {
            0.0
        } else {
            self.value / self.usual - 1.0
        }
    }
}

/// Days in the trailing window that define "usual".
pub const WINDOW: usize = 14;
/// How many robust deviations from usual make a day stand out.
const THRESHOLD: f64 = 4.0;
/// And by at least this share of usual, so a flat series does not flag tiny wiggles.
const MIN_CHANGE: f64 = 0.4;

/// Every day that stands out from the `WINDOW` days before it. Days without a full window
/// are not judged. Runs of flagged days are kept (a three-day surge shows as three days), but
/// flagged days do not enter later windows, so a long surge does not become the new usual.
pub fn detect(series: &[f64]) -> Vec<Anomaly> {
    let mut found = Vec::new();
    let mut baseline: Vec<f64> = Vec::new();
    for (i, &value) in series.iter().enumerate() {
        if baseline.len() >= WINDOW {
            let window = &baseline[baseline.len() - WINDOW..];
            let usual = median(window);
            let spread = median(&window.iter().map(|v| (v - usual).abs()).collect::<Vec<_>>())
                .max(usual * 0.02);
            let diff = value - usual;
            if diff.abs() > THRESHOLD * spread && diff.abs() > MIN_CHANGE * usual {
                let kind = if diff > 0.0 { Kind::Surge } else { Kind::Drop };
                found.push(Anomaly {
                    index: i,
                    kind,
                    value,
                    usual,
                });
                continue;
            }
        }
        baseline.push(value);
    }
    found
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// A run of consecutive flagged days of one account, told as one event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub account_id: i64,
    pub account: String,
    pub kind: Kind,
    pub first: String,
    pub last: String,
    pub peak: f64,
    pub usual: f64,
}

/// Groups each account's flagged days into events: consecutive days of one kind are one.
/// Only days from `from` on are reported (the days before are the baseline).
pub fn events(series: &[(i64, String, i64)], labels: &[(i64, String)], from: &str) -> Vec<Event> {
    let mut out = Vec::new();
    for chunk in series.chunk_by(|a, b| a.0 == b.0) {
        let values: Vec<f64> = chunk.iter().map(|(_, _, v)| *v as f64).collect();
        let label = labels
            .iter()
            .find(|(id, _)| *id == chunk[0].0)
            .map(|(_, l)| l.clone())
            .unwrap_or_default();
        let mut current: Option<(Event, usize)> = None;
        for a in detect(&values) {
            let day = chunk[a.index].1.clone();
            match current.as_mut() {
                Some((e, last)) if e.kind == a.kind && *last + 1 == a.index => {
                    e.last = day;
                    *last = a.index;
                    if (a.kind == Kind::Surge && a.value > e.peak)
                        || (a.kind == Kind::Drop && a.value < e.peak)
                    {
                        e.peak = a.value;
                        e.usual = a.usual;
                    }
                }
                _ => {
                    out.extend(current.take().map(|(e, _)| e));
                    let e = Event {
                        account_id: chunk[0].0,
                        account: label.clone(),
                        kind: a.kind,
                        first: day.clone(),
                        last: day,
                        peak: a.value,
                        usual: a.usual,
                    };
                    current = Some((e, a.index));
                }
            }
        }
        out.extend(current.map(|(e, _)| e));
    }
    out.retain(|e| e.last.as_str() >= from);
    out.sort_by(|a, b| b.last.cmp(&a.last));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noisy(n: usize) -> Vec<f64> {
        (0..n)
            .map(|i| 1000.0 + ((i * 37) % 11) as f64 * 10.0)
            .collect()
    }

    #[test]
    fn finds_a_surge_and_a_drop() {
        let mut s = noisy(60);
        s[30] = 4500.0;
        s[31] = 4200.0;
        s[50] = 250.0;
        let found = detect(&s);
        let kinds: Vec<(usize, Kind)> = found.iter().map(|a| (a.index, a.kind)).collect();
        assert_eq!(
            kinds,
            [(30, Kind::Surge), (31, Kind::Surge), (50, Kind::Drop)]
        );
        assert!(found[0].change() > 3.0);
        assert!(found[2].change() < -0.7);
    }

    #[test]
    fn quiet_series_and_short_series_flag_nothing() {
        assert!(detect(&noisy(60)).is_empty());
        assert!(detect(&[1.0, 100.0, 1.0]).is_empty(), "no full window yet");
        assert!(detect(&[0.0; 30]).is_empty());
        assert!(detect(&[]).is_empty());
    }

    #[test]
    fn a_long_surge_does_not_become_usual() {
        let mut s = noisy(40);
        for v in s.iter_mut().skip(20).take(10) {
            *v *= 3.0;
        }
        assert_eq!(detect(&s).len(), 10);
    }

    #[test]
    fn consecutive_flagged_days_are_one_event() {
        let mut series: Vec<(i64, String, i64)> = (0..40)
            .map(|d| (1, format!("2026-10-{:02}", d % 28 + 1), 1000 + (d % 5) * 10))
            .collect();
        for point in series.iter_mut().skip(20).take(3) {
            point.2 = 5000;
        }
        series[35].2 = 100;
        let ev = events(&series, &[(1, "IG @a".into())], "2026-10-01");
        assert_eq!(ev.len(), 2);
        let surge = ev.iter().find(|e| e.kind == Kind::Surge).unwrap();
        assert_eq!(
            (surge.first.as_str(), surge.last.as_str(), surge.peak),
            ("2026-10-21", "2026-10-23", 5000.0)
        );
        assert_eq!(surge.account, "IG @a");
        // Events before the period are the baseline's, not the period's.
        assert_eq!(
            events(&series, &[(1, "IG @a".into())], "2026-10-09").len(),
            1
        );
    }
}
