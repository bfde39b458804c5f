//! Reporting periods: the presets `p` cycles (last 7/28/90 days, this month, last month), an
//! explicit `2026-10-01..2026-10-31`, shifting by a period's own length, the previous period of
//! equal length for comparison, and the change between the two (`▲ 12%`, `▼ 3%`, "–").

use chrono::{Datelike, Duration, Months, NaiveDate};

/// How the period was chosen: presets follow today as days pass; a custom one stays put.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Last7,
    Last28,
    Last90,
    ThisMonth,
    LastMonth,
    Custom,
}

impl Preset {
    /// The order `p` cycles in (a custom period goes back to the first preset).
    pub const CYCLE: [Preset; 5] = [
        Preset::Last7,
        Preset::Last28,
        Preset::Last90,
        Preset::ThisMonth,
        Preset::LastMonth,
    ];

    pub fn next(self) -> Preset {
        match Self::CYCLE.iter().position(|p| *p == self) {
            Some(i) => Self::CYCLE[(i + 1) % Self::CYCLE.len()],
            None => Self::CYCLE[0],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Preset::Last7 => "last 7 days",
            Preset::Last28 => "last 28 days",
            Preset::Last90 => "last 90 days",
            Preset::ThisMonth => "this month",
            Preset::LastMonth => "last month",
            Preset::Custom => "custom",
        }
    }
}

/// Days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub preset: Preset,
}

impl Period {
    /// The preset's days as of `today`. "Last N days" ends yesterday (today is not over, and
    /// exports carry whole days); "this month" runs from the 1st to today.
    pub fn preset(p: Preset, today: NaiveDate) -> Period {
        let yesterday = today - Duration::days(1);
        let first_of = |d: NaiveDate| d.with_day(1).unwrap_or(d);
        let (from, to) = match p {
            Preset::Last7 => (today - Duration::days(7), yesterday),
            Preset::Last28 | Preset::Custom => (today - Duration::days(28), yesterday),
            Preset::Last90 => (today - Duration::days(90), yesterday),
            Preset::ThisMonth => (first_of(today), today),
            Preset::LastMonth => {
                let this = first_of(today);
                let prev = this.checked_sub_months(Months::new(1)).unwrap_or(this);
                (prev, this - Duration::days(1))
            }
        };
        Period {
            from,
            to,
            preset: p,
        }
    }

    /// Reads `2026-10-01..2026-10-31` (also with `–`, ` - ` or a space between).
    pub fn parse(s: &str) -> Result<Period, String> {
        let s = s.trim();
        let parts: Option<(&str, &str)> = s
            .split_once("..")
            .or_else(|| s.split_once('–'))
            .or_else(|| s.split_once(' '))
            .or_else(|| {
                // `2026-10-01-2026-10-31`: the separator is the dash after the first date.
                (s.len() == 21 && s.as_bytes()[10] == b'-').then(|| (&s[..10], &s[11..]))
            });
        let Some((a, b)) = parts else {
            return Err(format!(
                "cannot read {s:?} as a period; write it as 2026-10-01..2026-10-31"
            ));
        };
        let day = |t: &str| {
            let t = t.trim().trim_matches('-').trim();
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| format!("cannot read {t:?} as a date (YYYY-MM-DD)"))
        };
        let (from, to) = (day(a)?, day(b)?);
        if to < from {
            return Err(format!("the period ends ({to}) before it starts ({from})"));
        }
        Ok(Period {
            from,
            to,
            preset: Preset::Custom,
        })
    }

    /// From explicit bounds; either missing falls back to the last 28 days' bound.
    pub fn between(
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Period, String> {
        let default = Period::preset(Preset::Last28, today);
        let (from, to, preset) = match (from, to) {
            (None, None) => return Ok(default),
            (Some(f), None) => (f, default.to.max(f), Preset::Custom),
            (None, Some(t)) => (t - Duration::days(27), t, Preset::Custom),
            (Some(f), Some(t)) => (f, t, Preset::Custom),
        };
        if to < from {
            return Err(format!("the period ends ({to}) before it starts ({from})"));
        }
        Ok(Period { from, to, preset })
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period of equal length just before this one.
    pub fn previous(&self) -> Period {
        let len = Duration::days(self.days());
        Period {
            from: self.from - len,
            to: self.to - len,
            preset: Preset::Custom,
        }
    }

    /// Moves the period by `steps` of its own kind: months for month presets (so that
    /// "last month" shifted back is the month before), else its own length.
    pub fn shift(&self, steps: i32) -> Period {
        let months = matches!(self.preset, Preset::ThisMonth | Preset::LastMonth);
        if months && self.from.day() == 1 {
            let move_by = |d: NaiveDate| {
                let m = Months::new(steps.unsigned_abs());
                if steps >= 0 {
                    d.checked_add_months(m)
                } else {
                    d.checked_sub_months(m)
                }
                .unwrap_or(d)
            };
            let from = move_by(self.from);
            // A whole month stays whole (30 → 31 days); a month to date keeps its length.
            let whole = self.to == end_of_month(self.to);
            let to = if whole {
                end_of_month(from)
            } else {
                (from + Duration::days(self.days() - 1)).min(end_of_month(from))
            };
            return Period {
                from,
                to,
                preset: Preset::Custom,
            };
        }
        let by = Duration::days(self.days() * i64::from(steps));
        Period {
            from: self.from + by,
            to: self.to + by,
            preset: Preset::Custom,
        }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.from && d <= self.to
    }

    /// `2026-10-01..2026-10-31`, the form `:period` and `--from/--to` read.
    pub fn range_text(&self) -> String {
        format!("{}..{}", self.from, self.to)
    }

    /// What the header shows: the preset's name, or the dates.
    pub fn label(&self) -> String {
        match self.preset {
            Preset::Custom => self.range_text(),
            p => format!("{} ({})", p.label(), self.range_text()),
        }
    }
}

fn end_of_month(d: NaiveDate) -> NaiveDate {
    let first = d.with_day(1).unwrap_or(d);
    first
        .checked_add_months(Months::new(1))
        .map_or(d, |n| n - Duration::days(1))
}

/// The change from `previous` to `current` as a fraction; None when there is nothing to
/// compare (no previous value, or it was zero).
pub fn change(current: Option<f64>, previous: Option<f64>) -> Option<f64> {
    match (current, previous) {
        (Some(c), Some(p)) if p != 0.0 => Some((c - p) / p.abs()),
        _ => None,
    }
}

/// `▲ 12%`, `▼ 3%`, `= 0%` or "–" when there is nothing to compare.
pub fn change_label(change: Option<f64>) -> String {
    match change {
        None => "–".into(),
        Some(c) => {
            let pct = (c * 100.0).round();
            if pct > 0.0 {
                format!("▲ {pct:.0}%")
            } else if pct < 0.0 {
                format!("▼ {:.0}%", -pct)
            } else {
                "= 0%".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn presets_as_of_a_day() {
        let today = d("2026-11-26");
        let p = Period::preset(Preset::Last7, today);
        assert_eq!(
            (p.from, p.to, p.days()),
            (d("2026-11-19"), d("2026-11-25"), 7)
        );
        assert_eq!(Period::preset(Preset::Last28, today).days(), 28);
        let p = Period::preset(Preset::Last90, today);
        assert_eq!((p.from, p.days()), (d("2026-08-28"), 90));
        let p = Period::preset(Preset::ThisMonth, today);
        assert_eq!((p.from, p.to), (d("2026-11-01"), d("2026-11-26")));
        let p = Period::preset(Preset::LastMonth, today);
        assert_eq!((p.from, p.to), (d("2026-10-01"), d("2026-10-31")));
        let p = Period::preset(Preset::LastMonth, d("2026-01-15"));
        assert_eq!((p.from, p.to), (d("2025-12-01"), d("2025-12-31")));
    }

    #[test]
    fn cycle_wraps_and_custom_restarts() {
        let mut p = Preset::Last7;
        let mut seen = vec![p];
        for _ in 0..5 {
            p = p.next();
            seen.push(p);
        }
        assert_eq!(seen.first(), seen.last());
        assert_eq!(Preset::Custom.next(), Preset::Last7);
    }

    #[test]
    fn explicit_ranges() {
        let p = Period::parse("2026-10-01..2026-10-31").unwrap();
        assert_eq!(
            (p.from, p.to, p.days()),
            (d("2026-10-01"), d("2026-10-31"), 31)
        );
        assert_eq!(
            Period::parse(" 2026-10-01 - 2026-10-03 ").unwrap().days(),
            3
        );
        assert_eq!(Period::parse("2026-10-01-2026-10-02").unwrap().days(), 2);
        assert!(
            Period::parse("2026-10-31..2026-10-01")
                .unwrap_err()
                .contains("before")
        );
        assert!(Period::parse("october").is_err());
        assert!(Period::parse("2026-13-01..2026-13-02").is_err());
        let p = Period::between(Some(d("2026-11-01")), None, d("2026-11-26")).unwrap();
        assert_eq!((p.from, p.to), (d("2026-11-01"), d("2026-11-25")));
    }

    #[test]
    fn previous_has_equal_length() {
        let p = Period::parse("2026-10-01..2026-10-31").unwrap();
        let q = p.previous();
        assert_eq!((q.from, q.to), (d("2026-08-31"), d("2026-09-30")));
        assert_eq!(q.days(), p.days());
    }

    #[test]
    fn shifting() {
        let p = Period::parse("2026-11-01..2026-11-07").unwrap();
        let back = p.shift(-1);
        assert_eq!((back.from, back.to), (d("2026-10-25"), d("2026-10-31")));
        assert_eq!(
            back.shift(1),
            Period {
                preset: Preset::Custom,
                ..p
            }
        );
        // A whole month shifts to the whole month before (30 days to 31).
        let m = Period::preset(Preset::LastMonth, d("2026-12-10"));
        let before = m.shift(-1);
        assert_eq!((before.from, before.to), (d("2026-10-01"), d("2026-10-31")));
        // This month to date (26 days) shifted back: the same days of October.
        let t = Period::preset(Preset::ThisMonth, d("2026-11-26")).shift(-1);
        assert_eq!((t.from, t.to), (d("2026-10-01"), d("2026-10-26")));
        // ... and of February, cut at its end.
        let f = Period {
            from: d("2026-03-01"),
            to: d("2026-03-30"),
            preset: Preset::ThisMonth,
        }
        .shift(-1);
        assert_eq!((f.from, f.to), (d("2026-02-01"), d("2026-02-28")));
    }

    #[test]
    fn changes() {
        assert_eq!(change(Some(112.0), Some(100.0)), Some(0.12));
        assert_eq!(change(Some(97.0), Some(100.0)), Some(-0.03));
        assert_eq!(change(Some(5.0), Some(0.0)), None);
        assert_eq!(change(Some(5.0), None), None);
        assert_eq!(change_label(Some(0.12)), "▲ 12%");
        assert_eq!(change_label(Some(-0.03)), "▼ 3%");
        assert_eq!(change_label(Some(0.001)), "= 0%");
        assert_eq!(change_label(None), "–");
    }
}
