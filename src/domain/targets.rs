//! Response targets: how long an open item may wait, by priority, and how close it is.

use super::priority::{PRIORITY_NEGATIVE, PRIORITY_QUESTION};

/// Minutes an item may wait before it is overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Targets {
    pub negative_minutes: i64,
    pub question_minutes: i64,
    pub other_minutes: i64,
}

impl Default for Targets {
    fn default() -> Self {
        Self {
            negative_minutes: 60,
            question_minutes: 240,
            other_minutes: 1440,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetState {
    Within,
    /// Three quarters of the time is gone: answer soon.
    Near,
    Overdue,
}

impl Targets {
    /// Seconds an item of this priority may wait.
    pub fn seconds(&self, priority: i64) -> i64 {
        60 * match priority {
            p if p >= PRIORITY_NEGATIVE => self.negative_minutes,
            PRIORITY_QUESTION => self.question_minutes,
            _ => self.other_minutes,
        }
    }

    pub fn state(&self, priority: i64, age_seconds: i64) -> TargetState {
        let target = self.seconds(priority);
        if age_seconds > target {
            TargetState::Overdue
        } else if age_seconds * 4 >= target * 3 {
            TargetState::Near
        } else {
            TargetState::Within
        }
    }

    /// For each priority 0..=3, the latest `received_at` still within target at `now`.
    pub fn cutoffs(&self, now: i64) -> [i64; 4] {
        [0, 1, 2, 3].map(|p| now - self.seconds(p))
    }
}

/// The response target's class of an inbox priority: 3 negative, 2 question, 1 the rest
/// (spam-like items are answered, when at all, on the others' clock).
pub fn target_class(priority: i64) -> i64 {
    priority.clamp(PRIORITY_QUESTION - 1, PRIORITY_NEGATIVE)
}

/// The 0-based position of the `q` quantile (0.5 median, 0.9 the 90th percentile) in `n`
/// sorted values, by the nearest-rank rule: the smallest value with at least `q` of the values
/// at or below it. None for no values.
pub fn nearest_rank(n: i64, q: f64) -> Option<i64> {
    (n > 0).then(|| ((q * n as f64).ceil() as i64).clamp(1, n) - 1)
}

/// Fills `{author}`, `{handle}` and `{account}` in a saved reply. Unknown placeholders stay as
/// typed, so a typo shows up in the draft rather than vanishing.
pub fn fill_placeholders(template: &str, author: &str, handle: &str, account: &str) -> String {
    let first_name = author.split_whitespace().next().unwrap_or(author);
    template
        .replace("{author}", first_name)
        .replace("{name}", author)
        .replace("{handle}", handle)
        .replace("{account}", account)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_positions_by_nearest_rank() {
        // 10 values: the median is the 5th, the 90th percentile the 9th.
        assert_eq!(nearest_rank(10, 0.5), Some(4));
        assert_eq!(nearest_rank(10, 0.9), Some(8));
        // 1 value is every quantile; 3 values: median the 2nd, p90 the 3rd.
        assert_eq!(nearest_rank(1, 0.9), Some(0));
        assert_eq!(
            (nearest_rank(3, 0.5), nearest_rank(3, 0.9)),
            (Some(1), Some(2))
        );
        assert_eq!(nearest_rank(0, 0.5), None);
    }

    #[test]
    fn classes_of_priorities() {
        assert_eq!([0, 1, 2, 3].map(target_class), [1, 1, 2, 3]);
    }

    #[test]
    fn states_by_priority() {
        let t = Targets::default();
        assert_eq!(t.state(3, 30 * 60), TargetState::Within);
        assert_eq!(t.state(3, 45 * 60), TargetState::Near);
        assert_eq!(t.state(3, 61 * 60), TargetState::Overdue);
        assert_eq!(
            t.state(2, 61 * 60),
            TargetState::Within,
            "questions get four hours"
        );
        assert_eq!(t.state(2, 4 * 3600 + 1), TargetState::Overdue);
        assert_eq!(t.state(1, 20 * 3600), TargetState::Near);
        assert_eq!(
            t.state(0, 25 * 3600),
            TargetState::Overdue,
            "spam-like uses the other target"
        );
        assert_eq!(t.cutoffs(10_000)[3], 10_000 - 3600);
    }

    #[test]
    fn placeholders() {
        let s = fill_placeholders(
            "Hi {author}, {account} here. {oops}",
            "Anna Petrova",
            "anna",
            "Lumen",
        );
        assert_eq!(s, "Hi Anna, Lumen here. {oops}");
    }
}
