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

#[cfg(test)]
mod tests {
    use super::short_age;

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
