//! Dates as exports write them for people rather than machines: month names in the interface
//! language (`"8 de marzo"`, `"October 1"`), day/month order decided for a whole column
//! (`13-06-2025` after a spreadsheet save), and year-less daily series anchored on their last
//! day and counted back.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};

use super::months::{FILLER, month_number};

/// Which comes first in a numeric date such as `06/07/2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    Dmy,
    Mdy,
}

impl std::str::FromStr for DateOrder {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dmy" => Ok(DateOrder::Dmy),
            "mdy" => Ok(DateOrder::Mdy),
            _ => Err(format!("{s:?} is not a date order: use dmy or mdy")),
        }
    }
}

/// A day written with a month name and maybe a year, in any of the languages above:
/// `October 1`, `8 de marzo`, `1er octobre 2026`, `8. März`, `Oct 1, 2026`, `Thu, Oct 1, 2026`.
/// Returns (month, day, year).
pub fn month_day(raw: &str) -> Result<(u32, u32, Option<i32>), String> {
    let fail = || {
        format!(
            "{:?} is not a date like \"October 1\" or \"8 de marzo\"",
            raw.trim()
        )
    };
    let mut month = None;
    let mut day = None;
    let mut year = None;
    let words = raw
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter(|w| !w.is_empty());
    for w in words {
        let lower = w.to_lowercase();
        let bare = lower.trim_end_matches('.');
        if FILLER.contains(&bare) {
            continue;
        }
        let digits: String = bare.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            // "1er", "1st", "3." are days; four digits are a year.
            let rest = &bare[digits.len()..];
            if !rest.chars().all(char::is_alphabetic) {
                return Err(fail());
            }
            let n: i64 = digits.parse().map_err(|_| fail())?;
            if digits.len() == 4 && year.is_none() {
                year = Some(n as i32);
            } else if digits.len() <= 2 && day.is_none() {
                day = Some(n as u32);
            } else {
                return Err(fail());
            }
            continue;
        }
        match month_number(bare) {
            Some(m) if month.is_none() => month = Some(m),
            // A weekday ("Thu") or anything else unknown: weekdays are skipped only before
            // the month, so that junk after a date is still refused.
            _ if month.is_none() && day.is_none() && bare.chars().all(char::is_alphabetic) => {}
            _ => return Err(fail()),
        }
    }
    match (month, day) {
        (Some(m), Some(d)) if (1..=31).contains(&d) => Ok((m, d, year)),
        _ => Err(fail()),
    }
}

/// Decides day/month order from a whole column of numeric dates: a first number above 12
/// means day first, a second above 12 means month first. `given` (`--date-order`) is used when
/// no value settles it; the column disagreeing with itself, or with `given`, is an error.
/// `Ok(None)`: no numeric date in the column, so nothing to decide.
pub fn decide_order<'a>(
    values: impl IntoIterator<Item = &'a str>,
    given: Option<DateOrder>,
) -> Result<Option<DateOrder>, String> {
    decide(values, given, None)
}

/// Like [`decide_order`] for an export whose own order is `native` (Meta writes month first):
/// the column still wins when a value settles it (a spreadsheet re-save), `--date-order` when
/// given, else the native order rather than a question.
pub fn decide_order_or<'a>(
    values: impl IntoIterator<Item = &'a str>,
    given: Option<DateOrder>,
    native: DateOrder,
) -> Result<Option<DateOrder>, String> {
    decide(values, given, Some(native))
}

fn decide<'a>(
    values: impl IntoIterator<Item = &'a str>,
    given: Option<DateOrder>,
    native: Option<DateOrder>,
) -> Result<Option<DateOrder>, String> {
    OrderSeen::of(values).decide(given, native)
}

/// A date column's order facts as a parser saw them, with where to point an error and the
/// export's own order when the column does not settle it.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnOrder {
    pub line: usize,
    pub field: &'static str,
    pub native: Option<DateOrder>,
    pub seen: OrderSeen,
}

/// What a column of numeric dates says about day/month order: the first value that can only
/// be day first, the first that can only be month first. Small, so that a file read in chunks
/// can decide its order over the whole column before its rows are read again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderSeen {
    pub dmy: Option<String>,
    pub mdy: Option<String>,
    pub numeric: bool,
}

impl OrderSeen {
    pub fn of<'a>(values: impl IntoIterator<Item = &'a str>) -> Self {
        let mut seen = OrderSeen::default();
        for v in values {
            let Some((a, b, _)) = numeric_parts(v) else {
                continue;
            };
            seen.numeric = true;
            if a > 12 && seen.dmy.is_none() {
                seen.dmy = Some(v.trim().to_string());
            }
            if b > 12 && seen.mdy.is_none() {
                seen.mdy = Some(v.trim().to_string());
            }
        }
        seen
    }

    /// The column so far and `more` of it.
    pub fn merge(&mut self, more: OrderSeen) {
        self.numeric |= more.numeric;
        if self.dmy.is_none() {
            self.dmy = more.dmy;
        }
        if self.mdy.is_none() {
            self.mdy = more.mdy;
        }
    }

    pub fn decide(
        self,
        given: Option<DateOrder>,
        native: Option<DateOrder>,
    ) -> Result<Option<DateOrder>, String> {
        match (self.dmy, self.mdy, given) {
            (Some(d), Some(m), _) => Err(format!(
                "the column mixes day-first ({d:?}) and month-first ({m:?}) dates"
            )),
            (Some(d), None, Some(DateOrder::Mdy)) => Err(format!(
                "{d:?} cannot be month first, but --date-order mdy was given"
            )),
            (None, Some(m), Some(DateOrder::Dmy)) => Err(format!(
                "{m:?} cannot be day first, but --date-order dmy was given"
            )),
            (Some(_), None, _) => Ok(Some(DateOrder::Dmy)),
            (None, Some(_), _) => Ok(Some(DateOrder::Mdy)),
            (None, None, g) if self.numeric => g.or(native).map(Some).ok_or_else(|| {
                "no date in the column has a day above 12, so day/month order cannot be told; \
                 pass --date-order dmy or --date-order mdy"
                    .to_string()
            }),
            (None, None, _) => Ok(None),
        }
    }
}

/// `13-06-2025`, `06/13/2025`, `13.06.2025` (with anything after a space, such as a time):
/// the two leading numbers and the year.
fn numeric_parts(raw: &str) -> Option<(u32, u32, i32)> {
    let date = raw.split_whitespace().next()?;
    let sep = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = date.split(sep).collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    let ok = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit())
    };
    if !(ok(a, 1..=2) && ok(b, 1..=2) && ok(y, 4..=4)) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?))
}

/// A numeric date and time (`28/09/2026 18:12`, `01/19/2017 09:03:47 AM`) in the column's
/// order; None when it does not start with a numeric date.
pub fn numeric_datetime(raw: &str, order: DateOrder) -> Option<Result<NaiveDateTime, String>> {
    let s = raw.trim();
    let (date, time) = s.split_once(' ').unwrap_or((s, ""));
    let day = numeric_date(date, order)?;
    Some(day.and_then(|d| {
        let t = time.trim();
        if t.is_empty() {
            return Ok(d.and_time(NaiveTime::MIN));
        }
        ["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p"]
            .iter()
            .find_map(|f| NaiveTime::parse_from_str(t, f).ok())
            .map(|t| d.and_time(t))
            .ok_or_else(|| format!("{s:?} is not a date and time like \"28/09/2026 18:12\""))
    }))
}

/// A numeric date (`13-06-2025`) read in the column's order; None when it is not one.
pub fn numeric_date(raw: &str, order: DateOrder) -> Option<Result<NaiveDate, String>> {
    let (a, b, y) = numeric_parts(raw)?;
    let (d, m) = match order {
        DateOrder::Dmy => (a, b),
        DateOrder::Mdy => (b, a),
    };
    Some(
        NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| format!("{:?} is not a real date", raw.trim())),
    )
}

/// A calendar date as exports and spreadsheets write it: `2025-06-13`, `13-06-2025` or
/// `06/13/2025` (in the column's `order`), `Jun 13, 2025`, `13 de junio de 2025`.
pub fn any_date(raw: &str, order: Option<DateOrder>) -> Result<NaiveDate, String> {
    let s = raw.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Some(order) = order
        && let Some(d) = numeric_date(s, order)
    {
        return d;
    }
    match month_day(s) {
        Ok((m, d, Some(y))) => {
            NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("{s:?} is not a real date"))
        }
        _ => Err(format!(
            "{s:?} is not a date like \"2026-10-01\" or \"Oct 1, 2026\""
        )),
    }
}

/// The latest date on or before `limit` that falls on `month`/`day` (Feb 29 only in leap
/// years); None when no such date is found within eight years.
pub fn latest_on_or_before(month: u32, day: u32, limit: NaiveDate) -> Option<NaiveDate> {
    (0..8).find_map(|back| {
        NaiveDate::from_ymd_opt(limit.year() - back, month, day).filter(|d| *d <= limit)
    })
}

/// Dates for a year-less daily series, oldest row first: the last row is the latest such day
/// on or before `last_limit`, and each row before it the latest such day on or before the row
/// after it. Consecutive days come out as consecutive dates whatever the year boundaries; a
/// series that does not run forward (or spans more than a year) is refused.
pub fn walk_back(
    month_days: &[(u32, u32)],
    last_limit: NaiveDate,
) -> Result<Vec<NaiveDate>, usize> {
    let mut out = vec![NaiveDate::MIN; month_days.len()];
    let mut limit = last_limit;
    for (i, &(m, d)) in month_days.iter().enumerate().rev() {
        let date = latest_on_or_before(m, d, limit).ok_or(i)?;
        out[i] = date;
        limit = date;
    }
    if let (Some(first), Some(last)) = (out.first(), out.last())
        && (*last - *first).num_days() > 366
    {
        // The first row that broke the order: where a row is later in the year than the next.
        let broke = out.windows(2).position(|w| (w[1] - w[0]).num_days() > 31);
        return Err(broke.map_or(0, |i| i + 1));
    }
    Ok(out)
}

/// `date` moved `years` back (Feb 29 becomes Feb 28).
pub fn years_back(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_sub_months(chrono::Months::new(12 * years))
        .unwrap_or(date)
}

/// The day before `date`, saturating.
pub fn day_before(date: NaiveDate) -> NaiveDate {
    date.checked_sub_days(Days::new(1)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn month_names_in_ten_languages() {
        for (s, want) in [
            ("October 1", (10, 1, None)),
            ("8 de marzo", (3, 8, None)),
            ("8 de março", (3, 8, None)),
            ("1er octobre", (10, 1, None)),
            ("8. März", (3, 8, None)),
            ("8 marzo", (3, 8, None)),
            ("8 marca", (3, 8, None)),
            ("8 Mart", (3, 8, None)),
            ("8 березня", (3, 8, None)),
            ("8 марта", (3, 8, None)),
            ("Thu, Oct 1, 2026", (10, 1, Some(2026))),
            ("Sat, Aug 22, 2026", (8, 22, Some(2026))),
            ("31 DE DICIEMBRE", (12, 31, None)),
        ] {
            assert_eq!(month_day(s), Ok(want), "{s}");
        }
        assert!(month_day("Smarch 1").is_err());
        assert!(month_day("October").is_err());
        assert!(month_day("October 1 banana").is_err());
        assert!(month_day("October 41").is_err());
    }

    #[test]
    fn the_whole_column_decides_the_order() {
        let col = ["01-06-2025", "13-06-2025"];
        assert_eq!(decide_order(col, None), Ok(Some(DateOrder::Dmy)));
        assert_eq!(
            decide_order(["06/13/2025", "06/01/2025"], None),
            Ok(Some(DateOrder::Mdy))
        );
        assert!(
            decide_order(["01-06-2025", "02-06-2025"], None)
                .unwrap_err()
                .contains("--date-order")
        );
        assert_eq!(
            decide_order(["01-06-2025"], Some(DateOrder::Mdy)),
            Ok(Some(DateOrder::Mdy))
        );
        assert!(decide_order(["13-06-2025"], Some(DateOrder::Mdy)).is_err());
        assert!(decide_order(["13-06-2025", "06-13-2025"], None).is_err());
        assert_eq!(decide_order(["2025-06-13"], None), Ok(None));
        // An export's own order when nothing settles it; the column when something does.
        assert_eq!(
            decide_order_or(["01/06/2025 10:00"], None, DateOrder::Mdy),
            Ok(Some(DateOrder::Mdy))
        );
        assert_eq!(
            decide_order_or(["28/09/2026 18:12"], None, DateOrder::Mdy),
            Ok(Some(DateOrder::Dmy))
        );
        assert_eq!(
            numeric_datetime("28/09/2026 18:12", DateOrder::Dmy)
                .unwrap()
                .unwrap()
                .to_string(),
            "2026-09-28 18:12:00"
        );
        assert_eq!(
            numeric_datetime("01/19/2017 09:03:47 PM", DateOrder::Mdy)
                .unwrap()
                .unwrap()
                .to_string(),
            "2017-01-19 21:03:47"
        );
        assert_eq!(
            numeric_date("13-06-2025", DateOrder::Dmy),
            Some(Ok(ymd(2025, 6, 13)))
        );
        assert_eq!(any_date("Jun 13, 2025", None), Ok(ymd(2025, 6, 13)));
        assert_eq!(any_date("13 de junio de 2025", None), Ok(ymd(2025, 6, 13)));
        assert!(any_date("13-06-2025", None).is_err());
    }

    #[test]
    fn a_series_counts_back_from_its_last_day() {
        let md = [(12, 30), (12, 31), (1, 1), (1, 2)];
        let got = walk_back(&md, ymd(2026, 11, 20)).unwrap();
        assert_eq!(
            got,
            [
                ymd(2025, 12, 30),
                ymd(2025, 12, 31),
                ymd(2026, 1, 1),
                ymd(2026, 1, 2)
            ]
        );
        // Across Feb 29 of a leap year.
        let md = [(2, 28), (2, 29), (3, 1)];
        assert_eq!(
            walk_back(&md, ymd(2029, 1, 1)).unwrap()[1],
            ymd(2028, 2, 29)
        );
        // Out of order.
        assert!(walk_back(&[(3, 1), (1, 1), (2, 1), (3, 5)], ymd(2026, 5, 1)).is_err());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = month_day(&s);
            let _ = decide_order([s.as_str()], None);
            let _ = numeric_date(&s, DateOrder::Dmy);
            let _ = any_date(&s, Some(DateOrder::Mdy));
            let _ = numeric_datetime(&s, DateOrder::Dmy);
        }

        #[test]
        fn consecutive_days_walk_back_exactly(start in 0i64..20_000, len in 1usize..400, after in 0u64..900) {
            let first = ymd(1990, 1, 1) + chrono::Duration::days(start);
            let days: Vec<NaiveDate> = (0..len as u64).map(|i| first + Days::new(i)).collect();
            let md: Vec<(u32, u32)> = days.iter().map(|d| (d.month(), d.day())).collect();
            let last = *days.last().unwrap();
            // Any limit less than a year after the true last day finds it.
            let limit = last + Days::new(after % 365);
            if len <= 366 {
                prop_assert_eq!(walk_back(&md, limit).unwrap(), days);
            }
        }
    }
}
