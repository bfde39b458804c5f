//! Amounts of money in a currency's minor units (ISO 4217 exponents): typed in and shown with
//! the decimals the currency has, so that 5000 JPY is not 50.00 and 5000 EUR is 500000 cents.

/// Decimal places of a currency: 0 for yen-like currencies, 3 for the dinars, else 2.
pub fn exponent(currency: &str) -> u32 {
    const ZERO: &[&str] = &[
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV",
        "XAF", "XOF", "XPF",
    ];
    const THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    let c = currency.trim().to_ascii_uppercase();
    if ZERO.contains(&c.as_str()) {
        0
    } else if THREE.contains(&c.as_str()) {
        3
    } else {
        2
    }
}

/// Reads `5000`, `5000.5`, `5,000.50` or `1 234,5` as minor units of `currency`. Refuses more
/// decimals than the currency has (they would be silently lost).
pub fn parse_amount(s: &str, currency: &str) -> Result<i64, String> {
    let exp = exponent(currency) as usize;
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    let err = || format!("cannot read {s:?} as an amount of {currency} (such as 5000 or 5000.50)");
    if t.is_empty() {
        return Err(err());
    }
    let negative = t.starts_with('-');
    let t = t.trim_start_matches('-');
    // The last separator is the decimal point when it is the only one of its kind (a comma
    // followed by exactly three digits and no dot anywhere groups thousands: `1,234`); other
    // separators group thousands (`1.234.567`, `1.234,50`).
    let last_sep = t.rfind(['.', ',']);
    let (int, frac) = match last_sep {
        Some(i) => {
            let sep = t.as_bytes()[i];
            let tail = &t[i + 1..];
            let decimal = if sep == b'.' {
                t.matches('.').count() == 1
            } else {
                t.matches(',').count() == 1 && (t.contains('.') || tail.len() != 3)
            };
            if decimal { (&t[..i], tail) } else { (t, "") }
        }
        None => (t, ""),
    };
    let int: String = int.chars().filter(|c| *c != ',' && *c != '.').collect();
    if int.is_empty() && frac.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(err());
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > exp {
        return Err(format!(
            "{s:?} has more decimals than {currency} has ({exp})"
        ));
    }
    let scale = 10i64.pow(exp as u32);
    let whole: i64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| err())?
    };
    let part: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<exp$}").parse().map_err(|_| err())?
    };
    let v = whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(part))
        .ok_or_else(err)?;
    Ok(if negative { -v } else { v })
}

/// Minor units as `1,234.50` with the currency's decimals (no code).
pub fn format_amount(minor: i64, currency: &str) -> String {
    let exp = exponent(currency);
    let scale = 10u64.pow(exp);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let whole = super::metrics::group_thousands(abs / scale);
    if exp == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{:0w$}", abs % scale, w = exp as usize)
    }
}

/// Minor units as a plain decimal for scripts: `1234.50` (no grouping).
pub fn decimal(minor: i64, currency: &str) -> String {
    format_amount(minor, currency).replace(',', "")
}

/// A ratio in minor units (CPC, CPM, CPA) rounded to the currency's decimals, for display.
pub fn format_ratio(minor: Option<f64>, currency: &str) -> String {
    minor.map_or_else(|| "–".into(), |m| format_amount(m.round() as i64, currency))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_and_out() {
        assert_eq!(parse_amount("5000", "EUR"), Ok(500_000));
        assert_eq!(parse_amount("5000.5", "EUR"), Ok(500_050));
        assert_eq!(parse_amount("5,000.50", "USD"), Ok(500_050));
        assert_eq!(parse_amount("1 234,5", "EUR"), Ok(123_450));
        assert_eq!(parse_amount("1.234.567", "COP"), Ok(123_456_700));
        assert_eq!(parse_amount("565071", "IDR"), Ok(56_507_100));
        assert_eq!(parse_amount("1.234,50", "EUR"), Ok(123_450));
        assert_eq!(parse_amount("1,234", "USD"), Ok(123_400));
        assert_eq!(parse_amount("5000", "JPY"), Ok(5_000));
        assert!(parse_amount("5000.5", "JPY").is_err());
        assert_eq!(parse_amount("1.5", "KWD"), Ok(1_500));
        assert!(parse_amount("12.345", "EUR").is_err());
        assert!(parse_amount("abc", "EUR").is_err());
        assert!(parse_amount("", "EUR").is_err());
        assert_eq!(format_amount(123_450, "EUR"), "1,234.50");
        assert_eq!(format_amount(5_000, "JPY"), "5,000");
        assert_eq!(format_amount(-5, "USD"), "-0.05");
        assert_eq!(decimal(116_410, "GBP"), "1164.10");
        assert_eq!(format_ratio(Some(249.6), "USD"), "2.50");
        assert_eq!(format_ratio(None, "USD"), "–");
    }
}
