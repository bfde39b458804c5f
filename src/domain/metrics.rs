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

/// Return on marketing investment as a fraction: (revenue − spend) / spend. None when the
/// revenue is unknown: an unknown revenue is not zero, and "−100%" would be a made-up loss.
pub fn romi(revenue_minor: Option<i64>, spend_minor: i64) -> Option<f64> {
    let revenue = revenue_minor?;
    ratio((revenue - spend_minor) as f64, spend_minor as f64)
}

/// A campaign's revenue: the purchase value its ads manager reported, else conversions times
/// the revenue per conversion the user entered, else unknown.
pub fn revenue(
    reported_minor: Option<i64>,
    conversions: Option<i64>,
    per_conversion_minor: Option<i64>,
) -> Option<i64> {
    reported_minor.or_else(|| Some(conversions? * per_conversion_minor?))
}

/// Click-through rate as a fraction.
pub fn ctr(clicks: i64, impressions: i64) -> Option<f64> {
    ratio(clicks as f64, impressions as f64)
}

/// Engagement rate by reach as a fraction: engagements ÷ reach of the same posts.
pub fn engagement_rate(engagements: i64, reach: i64) -> Option<f64> {
    ratio(engagements as f64, reach as f64)
}

/// Engagement rate by followers as a fraction: the average engagements of a post ÷ the
/// followers the account had (at the end of the period), so that accounts posting more often
/// are not rewarded for volume alone.
pub fn engagement_rate_by_followers(engagements: i64, posts: i64, followers: i64) -> Option<f64> {
    let per_post = ratio(engagements as f64, posts as f64)?;
    ratio(per_post, followers as f64)
}

/// Cost per engagement, in minor units (influencer collaborations: fee ÷ engagements).
pub fn cpe(cost_minor: i64, engagements: i64) -> Option<f64> {
    ratio(cost_minor as f64, engagements as f64)
}

/// The share `part` is of `total`, as a fraction (negative comments of all received).
pub fn share(part: i64, total: i64) -> Option<f64> {
    ratio(part as f64, total as f64)
}

/// A fraction as a percentage with one decimal (`4.2%`), or "–".
pub fn percent(f: Option<f64>) -> String {
    f.map_or_else(|| "–".into(), |v| format!("{:.1}%", v * 100.0))
}

/// Minor units (possibly fractional, from a ratio) as money with two decimals, or "–".
pub fn money_f(minor: Option<f64>) -> String {
    minor.map_or_else(|| "–".into(), |m| money(m.round() as i64))
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
        assert_eq!(romi(Some(300), 100), Some(2.0));
        assert_eq!(ctr(5, 100), Some(0.05));
    }

    #[test]
    fn hand_computed_kpis() {
        // 125.00 spent on 50 clicks, 10,000 impressions and 4 purchases worth 300.00.
        let (spend, clicks, impressions, conv) = (12_500, 50, 10_000, 4);
        assert_eq!(cpc(spend, clicks), Some(250.0)); // 2.50 a click
        assert_eq!(cpm(spend, impressions), Some(1_250.0)); // 12.50 per thousand
        assert_eq!(cpa(spend, conv), Some(3_125.0)); // 31.25 a purchase
        assert_eq!(ctr(clicks, impressions), Some(0.005)); // 0.5%
        assert_eq!(romi(Some(30_000), spend), Some(1.4)); // (300 − 125) / 125
        assert_eq!(romi(Some(0), spend), Some(-1.0)); // a real zero revenue is a real loss
        assert_eq!(romi(None, spend), None, "unknown revenue is never −100%");
        assert_eq!(romi(Some(100), 0), None);
        assert_eq!(revenue(Some(500), Some(3), Some(1_000)), Some(500));
        assert_eq!(revenue(None, Some(3), Some(1_000)), Some(3_000));
        assert_eq!(revenue(None, Some(3), None), None);
        assert_eq!(revenue(None, None, Some(1_000)), None);
        // 300 engagements on 6,000 reach: 5%; 10 posts, 2,000 followers: 30 per post = 1.5%.
        assert_eq!(engagement_rate(300, 6_000), Some(0.05));
        assert_eq!(engagement_rate_by_followers(300, 10, 2_000), Some(0.015));
        assert_eq!(engagement_rate_by_followers(300, 0, 2_000), None);
        assert_eq!(engagement_rate_by_followers(300, 10, 0), None);
        assert_eq!(cpe(50_000, 2_000), Some(25.0));
        assert_eq!(percent(Some(0.0423)), "4.2%");
        assert_eq!(percent(None), "–");
        assert_eq!(money_f(Some(249.6)), "2.50");
        assert_eq!(money_f(None), "–");
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
