//! Tolerant parsing of the cells that every format shares: counts, ids, dates and times.
//! Unknown is `None`, never 0: a dash, an empty cell or "undefined" means the export did not say.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Why a cell could not be read; the caller adds file, line and field.
pub type CellResult<T> = Result<T, String>;

/// A count such as `12040`, `"424.0"`, `"15,000"`, `1.2K`, `-6`; None for unknown.
pub fn count(raw: &str) -> CellResult<Option<i64>> {
    let s = raw.trim();
    if is_unknown(s) {
        return Ok(None);
    }
    let (body, scale) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 1_000.0),
        Some((i, 'm' | 'M')) => (&s[..i], 1_000_000.0),
        Some((i, 'b' | 'B')) => (&s[..i], 1_000_000_000.0),
        _ => (s, 1.0),
    };
    let body = strip_thousands(body.trim());
    let value: f64 = body.parse().map_err(|_| format!("{s:?} is not a number"))?;
    let scaled = (value * scale).round();
    // f64 holds every count a platform reports exactly; refuse what cannot be an i64.
    if !scaled.is_finite() || scaled.abs() > 9.0e15 {
        return Err(format!("{s:?} is out of range"));
    }
    Ok(Some(scaled as i64))
}

/// A decimal number (a rate, hours of watch time); `6.14%` becomes 0.0614.
pub fn decimal(raw: &str) -> CellResult<Option<f64>> {
    let s = raw.trim();
    if is_unknown(s) {
        return Ok(None);
    }
    let (body, div) = match s.strip_suffix('%') {
        Some(b) => (b.trim(), 100.0),
        None => (s, 1.0),
    };
    let v: f64 = strip_thousands(body)
        .parse()
        .map_err(|_| format!("{s:?} is not a number"))?;
    if !v.is_finite() {
        return Err(format!("{s:?} is not a number"));
    }
    Ok(Some(v / div))
}

fn is_unknown(s: &str) -> bool {
    s.is_empty()
        || s == "-"
        || s == "--"
        || s.eq_ignore_ascii_case("undefined")
        || s.eq_ignore_ascii_case("n/a")
        || s.eq_ignore_ascii_case("null")
}

/// `15,000` → `15000`, only when the commas really group thousands (so `1,5` stays invalid).
fn strip_thousands(s: &str) -> String {
    let (int, frac) = s.split_once('.').map_or((s, None), |(a, b)| (a, Some(b)));
    let digits = int.trim_start_matches('-');
    let groups: Vec<&str> = digits.split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if !grouped {
        return s.to_string();
    }
    let mut out = int.replace(',', "");
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A platform id. Refuses an id that a spreadsheet turned into a float (`1.22158E+17`): its
/// digits are gone, so guessing would attach numbers to the wrong post.
pub fn id(raw: &str) -> CellResult<String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err("the id is empty".into());
    }
    if looks_mangled(s) {
        return Err(format!(
            "the id {s:?} was rewritten by a spreadsheet and its digits are lost. Hint: export the \
             file again from the platform and import it without opening and saving it in Excel \
             (or format the column as Text before saving)"
        ));
    }
    Ok(s.to_string())
}

/// `1.22158E+17`, `6.1571e13`: a mantissa with an exponent, as Excel writes big numbers.
pub fn looks_mangled(s: &str) -> bool {
    let Some(pos) = s.find(['e', 'E']) else {
        return false;
    };
    let (mantissa, exp) = (&s[..pos], &s[pos + 1..]);
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    !mantissa.is_empty()
        && mantissa
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && mantissa.bytes().any(|b| b.is_ascii_digit())
        && !exp.is_empty()
        && exp.bytes().all(|b| b.is_ascii_digit())
}

/// A local date and time in one of `formats` (no zone: the caller reads it in the account's).
pub fn naive_datetime(raw: &str, formats: &[&str]) -> CellResult<NaiveDateTime> {
    let s = raw.trim();
    formats
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .ok_or_else(|| format!("{s:?} is not a date and time like {}", example(formats)))
}

/// A calendar date in one of `formats`.
pub fn date(raw: &str, formats: &[&str]) -> CellResult<NaiveDate> {
    let s = raw.trim();
    formats
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        .ok_or_else(|| format!("{s:?} is not a date like {}", example(formats)))
}

/// An instant with an offset, e.g. Graph API's `2026-10-01T09:02:11+0000` (no colon, which
/// RFC 3339 parsers reject) or X's `2023-10-02 08:30 +0000`. Returns Unix seconds (UTC).
pub fn instant(raw: &str, formats: &[&str]) -> CellResult<i64> {
    let s = raw.trim();
    formats
        .iter()
        .find_map(|f| DateTime::parse_from_str(s, f).ok())
        .or_else(|| DateTime::parse_from_rfc3339(s).ok())
        .map(|d| d.timestamp())
        .ok_or_else(|| format!("{s:?} is not a time like {}", example(formats)))
}

fn example(formats: &[&str]) -> String {
    let sample = NaiveDate::from_ymd_opt(2026, 10, 1)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .map(|d| d.and_utc());
    match (formats.first(), sample) {
        (Some(f), Some(at)) => {
            use std::fmt::Write;
            let mut out = String::new();
            // A format with fields that a sample cannot fill would error; fall back to the spec.
            if write!(out, "{}", at.format(f)).is_err() {
                return f.to_string();
            }
            format!("{out:?}")
        }
        _ => String::new(),
    }
}

/// The first `YYYY-MM-DD` or `YYYYMMDD` date in a file or folder name, searching from the end
/// (export names end with the range: `..._2026-10-01_2026-10-31.csv`).
pub fn date_in_name(name: &str) -> Option<NaiveDate> {
    let b = name.as_bytes();
    let is_digits =
        |r: std::ops::Range<usize>| r.end <= b.len() && b[r].iter().all(u8::is_ascii_digit);
    (0..b.len()).rev().find_map(|i| {
        if i + 10 <= b.len()
            && is_digits(i..i + 4)
            && b[i + 4] == b'-'
            && is_digits(i + 5..i + 7)
            && b[i + 7] == b'-'
            && is_digits(i + 8..i + 10)
        {
            return NaiveDate::parse_from_str(&name[i..i + 10], "%Y-%m-%d").ok();
        }
        let bounded = (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 8 == b.len() || !b.get(i + 8).is_some_and(u8::is_ascii_digit));
        if i + 8 <= b.len() && bounded && is_digits(i..i + 8) {
            return NaiveDate::parse_from_str(&name[i..i + 8], "%Y%m%d").ok();
        }
        None
    })
}

/// A stable id for an item the export gives none for: a hash of what identifies it, so that a
/// second import of the same file finds the same id.
pub fn stable_id(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        // A separator that cannot appear in the parts keeps ("ab","c") apart from ("a","bc").
        h.update([0x1f]);
    }
    let digest = h.finalize();
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("h:{hex}")
}

/// The `n`th path segment of a URL (`https://x.com/lumencoffee/status/1` → 0: `lumencoffee`).
pub fn url_segment(url: &str, n: usize) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let path = rest.split(['?', '#']).next().unwrap_or("");
    path.split('/')
        .skip(1)
        .filter(|s| !s.is_empty())
        .nth(n)
        .map(str::to_string)
}

/// Text with the HTML entities X writes decoded: `&amp;` `&lt;` `&gt;` `&quot;` `&#39;` and
/// any numeric `&#NNN;` / `&#xHH;`, in one pass (so `&amp;lt;` is `&lt;`, not `<`). Anything
/// else that starts with `&` stays as written.
pub fn html_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code).filter(|c| *c != '\0')
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The line where `needle` first occurs (for JSON items, found by their id), else 1.
pub fn line_of_str(text: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 1;
    }
    text.find(needle).map_or(1, |i| line_of(text, i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_are_tolerant_and_unknown_is_none() {
        assert_eq!(count("12040"), Ok(Some(12040)));
        assert_eq!(count("424.0"), Ok(Some(424)));
        assert_eq!(count("15,000"), Ok(Some(15000)));
        assert_eq!(count("\"18,400\"".trim_matches('"')), Ok(Some(18400)));
        assert_eq!(count("1.2K"), Ok(Some(1200)));
        assert_eq!(count("2.4k"), Ok(Some(2400)));
        assert_eq!(count("1M"), Ok(Some(1_000_000)));
        assert_eq!(count("-6"), Ok(Some(-6)));
        assert_eq!(count("-"), Ok(None));
        assert_eq!(count(""), Ok(None));
        assert_eq!(count("undefined"), Ok(None));
        assert!(count("1,5").is_err());
        assert!(count("abc").is_err());
        assert!(count("1e400").is_err());
        assert!(
            decimal("6.14%")
                .unwrap()
                .is_some_and(|v| (v - 0.0614).abs() < 1e-12)
        );
    }

    #[test]
    fn mangled_ids_are_refused_with_a_hint() {
        assert!(id("1.22158E+17").unwrap_err().contains("Hint"));
        assert!(id("6.1571E+13").is_err());
        assert!(id("6,1571E+13").is_err());
        assert_eq!(id(" 18045123456789012 "), Ok("18045123456789012".into()));
        assert_eq!(id(" -xY2zA4bC6d"), Ok("-xY2zA4bC6d".into()));
        assert!(!looks_mangled("aWdfZAG06MTpE"));
        assert!(id("").is_err());
    }

    #[test]
    fn dates_and_instants() {
        let t = naive_datetime("10/01/2026 08:30", &["%m/%d/%Y %H:%M"]).unwrap();
        assert_eq!(t.to_string(), "2026-10-01 08:30:00");
        assert!(
            naive_datetime("2026-10-01", &["%m/%d/%Y %H:%M"])
                .unwrap_err()
                .contains("10/01/2026 09:30")
        );
        assert_eq!(
            instant("2026-10-01T09:02:11+0000", &["%Y-%m-%dT%H:%M:%S%z"]),
            Ok(1_790_845_331)
        );
        assert_eq!(
            date("Thu, Oct 1, 2026", &["%a, %b %d, %Y"])
                .unwrap()
                .to_string(),
            "2026-10-01"
        );
        assert_eq!(
            date_in_name("account_analytics_content_2026-10-01_2026-10-31.csv")
                .unwrap()
                .to_string(),
            "2026-10-31"
        );
        assert_eq!(
            date_in_name("tweet_activity_metrics_x_20231001_20231031_en.csv")
                .unwrap()
                .to_string(),
            "2023-10-31"
        );
        assert_eq!(
            date_in_name("instagram-lumen.coffee-2026-11-20-AbCdEfGh")
                .unwrap()
                .to_string(),
            "2026-11-20"
        );
        assert_eq!(date_in_name("Overview.csv"), None);
    }

    #[test]
    fn html_entities_are_decoded_once() {
        assert_eq!(
            html_entities("R &amp; D &lt;3 &quot;hi&quot; it&#39;s &#x1F600; &amp;lt; &copy &"),
            "R & D <3 \"hi\" it's 😀 &lt; &copy &"
        );
    }

    proptest! {
        #[test]
        fn cells_never_panic(s in "\\PC{0,24}") {
            let _ = html_entities(&s);
            let _ = count(&s);
            let _ = decimal(&s);
            let _ = id(&s);
            let _ = date_in_name(&s);
            let _ = naive_datetime(&s, &["%m/%d/%Y %H:%M"]);
            let _ = instant(&s, &["%Y-%m-%dT%H:%M:%S%z"]);
        }

        #[test]
        fn plain_counts_round_trip(n in -1_000_000_000i64..1_000_000_000) {
            prop_assert_eq!(count(&n.to_string()), Ok(Some(n)));
        }
    }
}
