//! Dates and times as people type them into the post editor, the `m` prompt and `posts add`:
//! `2026-12-01 18:30`, `+2d 18:30`, `tomorrow 9:00`, `fri 10:00`, `18:30`. The result is a local
//! date and time; turning it into an instant is the clock's job (it knows the zone).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot read {input:?} as a date and time ({why}); try 2026-12-01 18:30, +2d 18:30 or tomorrow 9:00"
)]
pub struct WhenError {
    pub input: String,
    pub why: &'static str,
}

/// Parses `input`. Relative words count from `today`; a bare time lands on `base` (the day the
/// cursor is on); a bare date keeps `default_time`.
pub fn parse_when(
    input: &str,
    today: NaiveDate,
    base: NaiveDate,
    default_time: NaiveTime,
) -> Result<NaiveDateTime, WhenError> {
    let err = |why| WhenError {
        input: input.to_string(),
        why,
    };
    // ISO's `2026-12-01T18:30` reads like the spaced form.
    let trimmed = input.trim();
    let normalized = match trimmed.split_once('T') {
        Some((date, time))
            if date.len() == 10 && date.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            format!("{date} {time}")
        }
        _ => trimmed.to_string(),
    };
    let mut parts = normalized.split_whitespace();
    let first = parts.next().ok_or_else(|| err("it is empty"))?;
    let second = parts.next();
    if parts.next().is_some() {
        return Err(err("too many parts"));
    }
    // A lone time: on the base day.
    if second.is_none()
        && let Some(t) = parse_time(first)
    {
        return Ok(base.and_time(t));
    }
    let date = parse_date(first, today).ok_or_else(|| err("unknown date"))?;
    let time = match second {
        Some(t) => parse_time(t).ok_or_else(|| err("unknown time"))?,
        None => default_time,
    };
    Ok(date.and_time(time))
}

/// A day as people type it for a follow-up or a due date: `2026-12-03`, `+3d`, `+1w`, `mon`,
/// `tomorrow`; relative words count from `today`.
pub fn parse_day(input: &str, today: NaiveDate) -> Result<NaiveDate, DayError> {
    parse_date(input.trim(), today).ok_or_else(|| DayError {
        input: input.to_string(),
    })
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read {input:?} as a day; try 2026-12-03, +3d, mon or tomorrow")]
pub struct DayError {
    pub input: String,
}

fn parse_date(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    let lower = s.to_lowercase();
    match lower.as_str() {
        "today" | "now" => return Some(today),
        "tomorrow" | "tmrw" => return today.checked_add_signed(Duration::days(1)),
        "yesterday" => return today.checked_sub_signed(Duration::days(1)),
        _ => {}
    }
    if let Some(rest) = lower.strip_prefix('+').or_else(|| lower.strip_prefix('-')) {
        let sign = if lower.starts_with('-') { -1 } else { 1 };
        let (num, unit) = rest.split_at(rest.find(|c: char| !c.is_ascii_digit())?);
        let n: i64 = num.parse().ok()?;
        let days = match unit {
            "d" | "day" | "days" => n,
            "w" | "week" | "weeks" => n.checked_mul(7)?,
            _ => return None,
        };
        return today.checked_add_signed(Duration::try_days(sign * days)?);
    }
    if let Ok(wd) = lower.parse::<Weekday>() {
        // The next such weekday after today (a week ahead when it is today).
        let ahead = (7 + wd.num_days_from_monday() as i64
            - today.weekday().num_days_from_monday() as i64)
            % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        return today.checked_add_signed(Duration::days(ahead));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M")
        .ok()
        .or_else(|| NaiveTime::parse_from_str(s, "%H:%M:%S").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn typed_forms() {
        let today = d("2026-11-26"); // a Thursday
        let base = d("2026-12-03");
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        let p = |s: &str| parse_when(s, today, base, nine).map(|t| t.to_string());
        assert_eq!(p("2026-12-01 18:30").unwrap(), "2026-12-01 18:30:00");
        assert_eq!(p("2026-12-01T18:30").unwrap(), "2026-12-01 18:30:00");
        assert_eq!(p("2026-12-01").unwrap(), "2026-12-01 09:00:00");
        assert_eq!(p("+2d 18:30").unwrap(), "2026-11-28 18:30:00");
        assert_eq!(p("+1w").unwrap(), "2026-12-03 09:00:00");
        assert_eq!(p("-1d 7:05").unwrap(), "2026-11-25 07:05:00");
        assert_eq!(p("tomorrow 9:00").unwrap(), "2026-11-27 09:00:00");
        assert_eq!(p("Today 23:59").unwrap(), "2026-11-26 23:59:00");
        assert_eq!(p("fri 10:00").unwrap(), "2026-11-27 10:00:00");
        assert_eq!(p("thu").unwrap(), "2026-12-03 09:00:00");
        assert_eq!(p("18:30").unwrap(), "2026-12-03 18:30:00");
    }

    #[test]
    fn days_for_follow_ups() {
        let today = d("2026-11-26"); // a Thursday
        assert_eq!(parse_day("2026-12-03", today), Ok(d("2026-12-03")));
        assert_eq!(parse_day(" +3d ", today), Ok(d("2026-11-29")));
        assert_eq!(parse_day("mon", today), Ok(d("2026-11-30")));
        assert_eq!(parse_day("yesterday", today), Ok(d("2026-11-25")));
        let e = parse_day("2026-12-03 10:00", today).unwrap_err();
        assert!(e.to_string().contains("+3d"), "{e}");
        assert!(parse_day("", today).is_err());
    }

    #[test]
    fn bad_input_is_named() {
        let today = d("2026-11-26");
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        for bad in [
            "",
            "soon",
            "2026-13-01",
            "+2x",
            "tomorrow 25:00",
            "a b c",
            "+99999999999d",
        ] {
            let e = parse_when(bad, today, today, nine).unwrap_err();
            assert!(e.to_string().contains("cannot read"), "{bad}: {e}");
        }
    }
}
