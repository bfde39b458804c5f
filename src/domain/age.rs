//! Short human ages for rows: `12m`, `3h`, `2d`, `5w`.

/// Formats an age given in seconds. Negative ages (clock skew, future items) show as `now`.
pub fn short_age(seconds: i64) -> String {
    const MIN: i64 = 60;
    const HOUR: i64 = 60 * MIN;
    const DAY: i64 = 24 * HOUR;
    match seconds {
        s if s < MIN => "now".to_string(),
        s if s < HOUR => format!("{}m", s / MIN),
        s if s < DAY => format!("{}h", s / HOUR),
        s if s < 14 * DAY => format!("{}d", s / DAY),
        s if s < 365 * DAY => format!("{}w", s / (7 * DAY)),
        s => format!("{}y", s / (365 * DAY)),
    }
}

/// A duration for reports: `45 min`, `2 h 10 min`, `3 d 4 h` (seconds below a minute: `<1 min`).
pub fn duration(seconds: i64) -> String {
    let m = seconds.max(0) / 60;
    match m {
        0 => "<1 min".to_string(),
        m if m < 60 => format!("{m} min"),
        m if m < 24 * 60 && m % 60 == 0 => format!("{} h", m / 60),
        m if m < 24 * 60 => format!("{} h {} min", m / 60, m % 60),
        m => format!("{} d {} h", m / (24 * 60), m % (24 * 60) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::{duration, short_age};

    #[test]
    fn durations() {
        assert_eq!(duration(30), "<1 min");
        assert_eq!(duration(45 * 60 + 59), "45 min");
        assert_eq!(duration(2 * 3600), "2 h");
        assert_eq!(duration(2 * 3600 + 600), "2 h 10 min");
        assert_eq!(duration(3 * 86400 + 4 * 3600 + 59), "3 d 4 h");
    }

    #[test]
    fn ages() {
        assert_eq!(short_age(-5), "now");
        assert_eq!(short_age(59), "now");
        assert_eq!(short_age(12 * 60), "12m");
        assert_eq!(short_age(3 * 3600 + 5), "3h");
        assert_eq!(short_age(2 * 86400), "2d");
        assert_eq!(short_age(21 * 86400), "3w");
        assert_eq!(short_age(800 * 86400), "2y");
    }
}
