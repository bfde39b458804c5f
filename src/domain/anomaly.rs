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
}
