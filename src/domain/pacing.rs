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
    if spent > expected * 1.25 {
        Pace::Overspending
    } else if spent < expected * 0.5 {
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
        // 10 of 30 days passed: a third of 3000 is 1000.
        assert_eq!(pace(Some(3000), 1000, s, e, d("2026-11-11")), Pace::OnTrack);
        assert_eq!(
            pace(Some(3000), 1400, s, e, d("2026-11-11")),
            Pace::Overspending
        );
        assert_eq!(
            pace(Some(3000), 400, s, e, d("2026-11-11")),
            Pace::Underspending
        );
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
