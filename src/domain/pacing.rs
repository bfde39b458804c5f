//! Whether a campaign is on track: spend against the share of its flight that has passed.

use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    OnTrack,
    /// Spending faster than the calendar allows.
    Overspending,
    /// Spent more than the whole budget.
    OverBudget,
    /// Well behind plan: the money (and the reach) is not going out.
    Underspending,
}

impl Pace {
    pub fn label(self) -> &'static str {
        match self {
            Pace::OnTrack => "on track",
            Pace::Overspending => "overspending",
            Pace::OverBudget => "over budget",
            Pace::Underspending => "underspending",
        }
    }
}

/// Spending more than this share of what the elapsed days allow is overspending.
pub const OVER: f64 = 1.10;
/// Spending less than this share of it is underspending.
pub const UNDER: f64 = 0.70;

/// The share of the flight that has passed on `today` (0 before the start, 1 after the end),
/// counting whole days up to yesterday, the last day an export can carry.
pub fn elapsed_share(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> f64 {
    let total = (end - start).num_days() + 1;
    if total <= 0 {
        return 0.0;
    }
    ((today - start).num_days().clamp(0, total) as f64) / total as f64
}

/// Spend against what the elapsed share of the budget allows: 1.0 is on plan, 1.3 is 30%
/// ahead. None without a budget, or before a day has passed.
pub fn pacing_ratio(
    budget_minor: Option<i64>,
    spend_minor: i64,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<f64> {
    let (budget, start, end) = (budget_minor.filter(|b| *b > 0)?, start?, end?);
    let expected = budget as f64 * elapsed_share(start, end, today);
    (expected > 0.0).then(|| spend_minor as f64 / expected)
}

/// Judges a campaign's pace on `today`. Campaigns without a budget or dates, not yet started
/// or ended, are on track by definition: there is nothing to pace.
pub fn pace(
    budget_minor: Option<i64>,
    spend_minor: i64,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    today: NaiveDate,
) -> Pace {
    let (Some(budget), Some(start), Some(end)) = (budget_minor, start, end) else {
        return Pace::OnTrack;
    };
    if budget <= 0 {
        return Pace::OnTrack;
    }
    if spend_minor > budget {
        return Pace::OverBudget;
    }
    if today < start || today > end {
        return Pace::OnTrack;
    }
    let total = (end - start).num_days() + 1;
    // Spend is recorded up to yesterday, so today's share is not expected yet.
    let elapsed = (today - start).num_days();
    if elapsed < 2 {
        return Pace::OnTrack;
    }
    let expected = budget as f64 * elapsed as f64 / total as f64;
    let spent = spend_minor as f64;
    if spent > expected * OVER {
        Pace::Overspending
    } else if spent < expected * UNDER {
        Pace::Underspending
    } else {
        Pace::OnTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn pacing_rules() {
        let (s, e) = (Some(d("2026-11-01")), Some(d("2026-11-30")));
        // 10 of 30 days passed: a third of 3000 is 1000; 110% is 1100, 70% is 700.
        assert_eq!(pace(Some(3000), 1000, s, e, d("2026-11-11")), Pace::OnTrack);
        assert_eq!(pace(Some(3000), 1100, s, e, d("2026-11-11")), Pace::OnTrack);
        assert_eq!(
            pace(Some(3000), 1101, s, e, d("2026-11-11")),
            Pace::Overspending
        );
        assert_eq!(pace(Some(3000), 700, s, e, d("2026-11-11")), Pace::OnTrack);
        assert_eq!(
            pace(Some(3000), 699, s, e, d("2026-11-11")),
            Pace::Underspending
        );
        assert_eq!(
            elapsed_share(s.unwrap(), e.unwrap(), d("2026-11-11")),
            1.0 / 3.0
        );
        assert_eq!(elapsed_share(s.unwrap(), e.unwrap(), d("2026-10-01")), 0.0);
        assert_eq!(elapsed_share(s.unwrap(), e.unwrap(), d("2027-01-01")), 1.0);
        let r = pacing_ratio(Some(3000), 1300, s, e, d("2026-11-11")).unwrap();
        assert!((r - 1.3).abs() < 1e-9);
        assert_eq!(pacing_ratio(None, 1300, s, e, d("2026-11-11")), None);
        assert_eq!(pacing_ratio(Some(3000), 0, s, e, d("2026-11-01")), None);
        assert_eq!(
            pace(Some(3000), 3001, s, e, d("2026-11-11")),
            Pace::OverBudget
        );
        assert_eq!(pace(Some(3000), 0, s, e, d("2026-12-05")), Pace::OnTrack);
        assert_eq!(pace(None, 99, s, e, d("2026-11-11")), Pace::OnTrack);
        assert_eq!(
            pace(Some(3000), 2000, s, e, d("2026-11-02")),
            Pace::OnTrack,
            "too early to judge"
        );
    }
}
