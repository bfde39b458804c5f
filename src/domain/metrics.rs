//! Metric formulas. Every ratio returns None when its denominator is zero or unknown, so that a
//! screen shows "–" instead of a made-up zero or infinity.

/// Cost per click, in minor units.
pub fn cpc(spend_minor: i64, clicks: i64) -> Option<f64> {
    ratio(spend_minor as f64, clicks as f64)
}

/// Cost per thousand impressions, in minor units.
pub fn cpm(spend_minor: i64, impressions: i64) -> Option<f64> {
    ratio(spend_minor as f64 * 1000.0, impressions as f64)
}

/// Cost per acquisition (conversion), in minor units.
pub fn cpa(spend_minor: i64, conversions: i64) -> Option<f64> {
    ratio(spend_minor as f64, conversions as f64)
}

/// Return on marketing investment as a fraction: (revenue − spend) / spend.
pub fn romi(revenue_minor: i64, spend_minor: i64) -> Option<f64> {
    ratio((revenue_minor - spend_minor) as f64, spend_minor as f64)
}

/// Click-through rate as a fraction.
pub fn ctr(clicks: i64, impressions: i64) -> Option<f64> {
    ratio(clicks as f64, impressions as f64)
}

/// Engagement rate by reach as a fraction.
pub fn engagement_rate(engagements: i64, reach: i64) -> Option<f64> {
    ratio(engagements as f64, reach as f64)
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den > 0.0).then(|| num / den)
}

/// Formats minor units of money as `1,234.50`.
pub fn money(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", group_thousands(abs / 100), abs % 100)
}

/// Formats a count compactly: `950`, `12.4K`, `3.1M`.
pub fn compact(n: i64) -> String {
    let abs = n.unsigned_abs() as f64;
    let sign = if n < 0 { "-" } else { "" };
    if abs >= 1_000_000.0 {
        format!("{sign}{:.1}M", abs / 1_000_000.0)
    } else if abs >= 10_000.0 {
        format!("{sign}{:.1}K", abs / 1_000.0)
    } else {
        format!("{sign}{}", group_thousands(abs as u64))
    }
}

/// `1234567` → `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_refuse_zero() {
        assert_eq!(cpc(1000, 0), None);
        assert_eq!(cpc(1000, 4), Some(250.0));
        assert_eq!(cpm(500, 1000), Some(500.0));
        assert_eq!(romi(300, 100), Some(2.0));
        assert_eq!(ctr(5, 100), Some(0.05));
    }

    #[test]
    fn formatting() {
        assert_eq!(money(123456), "1,234.56");
        assert_eq!(money(-5), "-0.05");
        assert_eq!(compact(950), "950");
        assert_eq!(compact(1500), "1,500");
        assert_eq!(compact(12_400), "12.4K");
        assert_eq!(compact(3_100_000), "3.1M");
        assert_eq!(group_thousands(0), "0");
    }
}
