//! An injectable "now", so that tests and snapshots see a fixed instant.

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// The clock and the user's time zone together: everything that turns instants into local
/// dates goes through here.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    fixed: Option<DateTime<Utc>>,
    zone: Zone,
}

/// The user's zone: the system's, or a named IANA zone (tests and `config.toml`).
#[derive(Debug, Clone, Copy)]
pub enum Zone {
    System,
    Named(Tz),
}

impl Clock {
    /// The real clock in the system's zone.
    pub fn system() -> Self {
        Self {
            fixed: None,
            zone: Zone::System,
        }
    }

    /// A clock stopped at `at`, in zone `tz`.
    pub fn fixed(at: DateTime<Utc>, tz: Tz) -> Self {
        Self {
            fixed: Some(at),
            zone: Zone::Named(tz),
        }
    }

    pub fn with_zone(mut self, tz: Tz) -> Self {
        self.zone = Zone::Named(tz);
        self
    }

    /// The clock in an account's zone (an IANA name such as `Europe/Kyiv`), or this one when
    /// the account has none or names no zone we know: a post's time is entered and shown in
    /// its account's zone.
    pub fn for_account(&self, timezone: Option<&str>) -> Clock {
        match timezone.and_then(|z| z.trim().parse::<Tz>().ok()) {
            Some(tz) => self.with_zone(tz),
            None => *self,
        }
    }

    /// The zone's IANA name (`Europe/Kyiv`); the system's own zone is named by `TZ` when that
    /// holds a zone name, else "local time".
    pub fn zone_name(&self) -> String {
        match self.zone {
            Zone::Named(tz) => tz.name().to_string(),
            Zone::System => std::env::var("TZ")
                .ok()
                .and_then(|z| z.trim_start_matches(':').parse::<Tz>().ok())
                .map_or_else(|| "local time".to_string(), |tz| tz.name().to_string()),
        }
    }

    /// Whether two clocks show the same wall-clock time for every instant.
    pub fn same_zone(&self, other: &Clock) -> bool {
        match (self.zone, other.zone) {
            (Zone::System, Zone::System) => true,
            (Zone::Named(a), Zone::Named(b)) => a == b,
            _ => false,
        }
    }

    /// The zone's short name at an instant (`EET`, `CEST`), or its UTC offset where the zone
    /// has no abbreviation: what a time carries when it is not in the user's zone.
    pub fn zone_abbrev(&self, ts: i64) -> String {
        let z = self.format(ts, "%Z");
        if !z.is_empty() && !z.starts_with(['+', '-']) {
            z
        } else if self.format(ts, "%z") == "+0000" {
            "UTC".to_string()
        } else {
            format!("UTC{}", self.format(ts, "%:z"))
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.fixed.unwrap_or_else(Utc::now)
    }

    pub fn now_ts(&self) -> i64 {
        self.now().timestamp()
    }

    /// Today's date in the user's zone.
    pub fn today(&self) -> NaiveDate {
        self.local_date(self.now_ts())
    }

    /// The local calendar date of an instant.
    pub fn local_date(&self, ts: i64) -> NaiveDate {
        let utc = DateTime::from_timestamp(ts, 0).unwrap_or_default();
        match self.zone {
            Zone::System => utc.with_timezone(&Local).date_naive(),
            Zone::Named(tz) => utc.with_timezone(&tz).date_naive(),
        }
    }

    /// The hour (0–23) of an instant in the user's zone.
    pub fn local_hour(&self, ts: i64) -> u32 {
        use chrono::Timelike;
        let utc = DateTime::from_timestamp(ts, 0).unwrap_or_default();
        match self.zone {
            Zone::System => utc.with_timezone(&Local).hour(),
            Zone::Named(tz) => utc.with_timezone(&tz).hour(),
        }
    }

    /// `HH:MM` of an instant in the user's zone.
    pub fn local_hm(&self, ts: i64) -> String {
        self.format(ts, "%H:%M")
    }

    /// Formats an instant in the user's zone with a chrono format string.
    pub fn format(&self, ts: i64, fmt: &str) -> String {
        let utc = DateTime::from_timestamp(ts, 0).unwrap_or_default();
        match self.zone {
            Zone::System => utc.with_timezone(&Local).format(fmt).to_string(),
            Zone::Named(tz) => utc.with_timezone(&tz).format(fmt).to_string(),
        }
    }

    /// The UTC instant of local midnight starting `date` (the earliest valid time on DST days).
    pub fn start_of_day(&self, date: NaiveDate) -> i64 {
        let naive = date.and_hms_opt(0, 0, 0).unwrap_or_default();
        let resolve = |r: chrono::LocalResult<i64>| {
            r.earliest().unwrap_or_else(|| naive.and_utc().timestamp())
        };
        match self.zone {
            Zone::System => resolve(Local.from_local_datetime(&naive).map(|d| d.timestamp())),
            Zone::Named(tz) => resolve(tz.from_local_datetime(&naive).map(|d| d.timestamp())),
        }
    }

    /// The instants bounding the local days `from..=to`: the start of `from` and the start of
    /// the day after `to` (half-open, so that a post at 23:59 belongs to its day).
    pub fn span(&self, from: NaiveDate, to: NaiveDate) -> (i64, i64) {
        let after = to.succ_opt().unwrap_or(to);
        (self.start_of_day(from), self.start_of_day(after))
    }

    /// The zone's offset from UTC now, in seconds (for grouping instants by local hour or day
    /// in SQL; a DST change within the data shifts those by an hour, which such groupings
    /// tolerate).
    pub fn utc_offset(&self) -> i64 {
        use chrono::Offset;
        let now = self.now();
        match self.zone {
            Zone::System => i64::from(now.with_timezone(&Local).offset().fix().local_minus_utc()),
            Zone::Named(tz) => i64::from(now.with_timezone(&tz).offset().fix().local_minus_utc()),
        }
    }

    /// A local date and time in the user's zone as a UTC instant (None inside a DST gap).
    pub fn local_to_ts(&self, naive: chrono::NaiveDateTime) -> Option<i64> {
        match self.zone {
            Zone::System => Local
                .from_local_datetime(&naive)
                .earliest()
                .map(|d| d.timestamp()),
            Zone::Named(tz) => tz
                .from_local_datetime(&naive)
                .earliest()
                .map(|d| d.timestamp()),
        }
    }
}

/// Each account's clock beside the view's: a post's time is entered and shown in its
/// account's zone, while days and the header follow the view's.
#[derive(Debug, Clone)]
pub struct AccountClocks {
    view: Clock,
    zones: std::collections::HashMap<i64, Tz>,
}

impl AccountClocks {
    /// `accounts`: each account's id and its zone name, if any.
    pub fn new<'a>(
        view: Clock,
        accounts: impl IntoIterator<Item = (i64, Option<&'a str>)>,
    ) -> Self {
        let zones = accounts
            .into_iter()
            .filter_map(|(id, z)| Some((id, z?.trim().parse::<Tz>().ok()?)))
            .collect();
        Self { view, zones }
    }

    /// The view's clock: days, headers and the grid's hours.
    pub fn view(&self) -> Clock {
        self.view
    }

    /// The clock a post of `account` is shown in.
    pub fn of(&self, account: i64) -> Clock {
        match self.zones.get(&account) {
            Some(tz) => self.view.with_zone(*tz),
            None => self.view,
        }
    }

    /// The post's time as its account reads it, with the zone's short name when that is not
    /// the view's zone ("14:00 EET"), so that no time on screen is ambiguous.
    pub fn hm_marked(&self, account: i64, ts: i64) -> String {
        let own = self.of(account);
        if own.same_zone(&self.view) {
            own.local_hm(ts)
        } else {
            format!("{} {}", own.local_hm(ts), own.zone_abbrev(ts))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn local_dates_follow_the_zone() {
        let at = Utc.with_ymd_and_hms(2026, 11, 25, 23, 30, 0).unwrap();
        let kyiv = Clock::fixed(at, chrono_tz::Europe::Kyiv);
        assert_eq!(kyiv.today().to_string(), "2026-11-26");
        assert_eq!(kyiv.local_hm(at.timestamp()), "01:30");
        let start = kyiv.start_of_day(kyiv.today());
        assert_eq!(
            start,
            Utc.with_ymd_and_hms(2026, 11, 25, 22, 0, 0)
                .unwrap()
                .timestamp()
        );
        let ny = Clock::fixed(at, chrono_tz::America::New_York);
        assert_eq!(ny.today().to_string(), "2026-11-25");
    }
}
