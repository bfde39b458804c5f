//! Dating a year-less file again from what is already stored: the days already imported decide
//! which year a TikTok series belongs to, so that a repeat, an older export or a later clock
//! never moves or overwrites them on a guess.

use std::collections::HashMap;

use chrono_tz::Tz;

use crate::store::{AccountDay, ImportBatch};

use super::records::{When, Yearless};
use super::{ImportError, Loaded, dates};

/// How many years before the latest possible dating a year-less daily series belongs: the
/// dating where the days already imported hold the same numbers. With none matching, the
/// latest dating stands, unless it would overwrite days that hold other numbers: that is a
/// conflict, and the file is refused rather than any stored day changed on a guess.
pub(super) fn realign_days(
    batch: &ImportBatch<'_>,
    account_id: i64,
    l: &Loaded,
    y: &Yearless,
) -> Result<u32, ImportError> {
    let p = &l.parsed;
    let mut best: Option<(u32, usize)> = None;
    let mut latest_conflict = None;
    for k in 0..=3u32 {
        let Ok(dated) = dates::walk_back(&y.month_days, dates::years_back(y.limit, k)) else {
            continue;
        };
        let (Some(first), Some(last)) = (dated.first(), dated.last()) else {
            return Ok(0);
        };
        let stored: HashMap<String, AccountDay> = batch
            .account_days_between(account_id, &first.to_string(), &last.to_string())?
            .into_iter()
            .map(|d| (d.day.clone(), d))
            .collect();
        let (mut agree, mut differing, mut differ) = (0, 0, None);
        for (rec, on) in p.days.iter().zip(&dated) {
            let Some(old) = stored.get(&on.to_string()) else {
                continue;
            };
            let pairs = [
                (rec.followers, old.followers, "followers"),
                (rec.reach, old.reach, "reach"),
                (rec.views, old.views, "views"),
                (rec.profile_visits, old.profile_visits, "profile visits"),
            ];
            let both: Vec<_> = pairs
                .iter()
                .filter_map(|(a, b, n)| Some((a.as_ref()?, b.as_ref()?, n)))
                .collect();
            if both.is_empty() {
                continue;
            }
            match both.iter().find(|(a, b, _)| a != b) {
                // Days of nothing (zeros) match any quiet day of any year: they prove nothing.
                None if both.iter().all(|(a, _, _)| **a == 0) => {}
                None => agree += 1,
                Some((a, b, n)) => {
                    differing += 1;
                    differ.get_or_insert((rec.line, format!("{on}: {n} {a} here, {b} stored")));
                }
            }
        }
        // The same series agrees on most days it shares with what is stored (a few numbers
        // revised since); a day or two equal by chance among many that differ is not it.
        if agree > differing && best.is_none_or(|(_, a)| agree > a) {
            best = Some((k, agree));
        }
        if k == 0 {
            latest_conflict = differ;
        }
    }
    if let Some((k, _)) = best {
        return Ok(k);
    }
    match latest_conflict {
        None => Ok(0),
        Some((line, example)) => Err(ImportError::Invalid {
            file: l.name.clone(),
            line: Some(line),
            field: Some("Date".into()),
            message: format!(
                "the dates carry no year, and read as the latest they can be they land on days \
                 already imported with other numbers ({example}); nothing was changed. Put the \
                 export day in the file name (e.g. Overview_{}.csv) to say which year it is",
                y.limit
            ),
        }),
    }
}

/// For per-post files with year-less dates: when a post is already stored on the same month
/// and day of an earlier year, the file is that many years older than guessed.
pub(super) fn realign_posts(
    batch: &ImportBatch<'_>,
    account_id: i64,
    l: &Loaded,
    zone: Tz,
) -> Result<u32, ImportError> {
    for rec in l.parsed.posts.iter().take(50) {
        let Some(When::Date(guess)) = rec.published else {
            continue;
        };
        let Some(at) = batch.post_published_at(account_id, &rec.external_id)? else {
            continue;
        };
        let Some(stored) = chrono::DateTime::from_timestamp(at, 0) else {
            continue;
        };
        let stored = stored.with_timezone(&zone).date_naive();
        if let Some(k) = (0..=3).find(|k| dates::years_back(guess, *k) == stored) {
            return Ok(k);
        }
    }
    Ok(0)
}
