//! Rules about contacts that need no database: the text search folds, and the cost figures of
//! a collaboration (cost per engagement, CPM) and of a contact over their collaborations.

use super::metrics;

/// Folds text for search: lowercase in every script, so that "Олена" finds "олена".
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// A count as people write it in spreadsheets: `15000`, `15 000`, `15,000`, `12,5K`, `1.2M`,
/// `977.2K`, `3 тыс`. None when it is not a count.
pub fn parse_count(input: &str) -> Option<i64> {
    let s: String = input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | '_' | '\u{202F}'))
        .collect::<String>()
        .to_lowercase();
    let s = s.trim_start_matches('+');
    let (number, scale) = [
        ("млрд", 1e9),
        ("млн", 1e6),
        ("тыс", 1e3),
        ("тис", 1e3),
        ("b", 1e9),
        ("m", 1e6),
        ("м", 1e6),
        ("k", 1e3),
        ("к", 1e3),
    ]
    .iter()
    .find_map(|(suffix, scale)| {
        s.strip_suffix(suffix)
            .map(|n| (n.trim_end_matches('.'), *scale))
    })
    .unwrap_or((s, 1.0));
    if number.is_empty()
        || !number
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    let value: f64 = if scale == 1.0 && is_grouped(number) {
        number.replace([',', '.'], "").parse().ok()?
    } else {
        number.replace(',', ".").parse().ok()?
    };
    let n = (value * scale).round();
    (0.0..9e15).contains(&n).then_some(n as i64)
}

/// `1,234,567` or `1.234`: groups of three digits after a short head, one separator kind.
fn is_grouped(s: &str) -> bool {
    let sep = match (s.contains(','), s.contains('.')) {
        (true, false) => ',',
        (false, true) => '.',
        _ => return false,
    };
    let mut parts = s.split(sep);
    let head = parts.next().unwrap_or("");
    (1..=3).contains(&head.len()) && parts.clone().count() > 0 && parts.all(|p| p.len() == 3)
}

/// An engagement rate as a fraction: `3,4%` and `3.4%` are 0.034. Without a percent sign a
/// value under 0.1 is taken as a fraction already (spreadsheets save 0.034) and anything else
/// as percent (people type 3.4); an engagement rate of 10% written as 0.1 is read as 0.1%.
pub fn parse_rate(input: &str) -> Option<f64> {
    let s = input.trim();
    let (number, percent) = match s.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (s, false),
    };
    let value: f64 = number.replace(',', ".").parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    let fraction = if percent || value >= 0.1 {
        value / 100.0
    } else {
        value
    };
    (fraction <= 1.0).then_some(fraction)
}

/// Money as typed (`250`, `250.50`, `1 500,00`, `1,500.00`) in minor units.
pub fn parse_money(input: &str) -> Option<i64> {
    let s: String = input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'')
        .collect();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    // The last separator followed by one or two digits is the decimal one; the others group.
    let decimal_at = s
        .rfind([',', '.'])
        .filter(|&i| (1..=2).contains(&(s.len() - i - 1)));
    let (whole, cents) = match decimal_at {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s.as_str(), ""),
    };
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let cents: i64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().ok()? * 10,
        _ => cents.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(cents)
}

/// A handle as stored: no spaces, no leading `@`, and the name alone when a profile link was
/// pasted (`https://instagram.com/anna.k/` → `anna.k`).
pub fn normalize_handle(input: &str) -> String {
    let s = input.trim();
    let s = match s.split_once("://") {
        Some((_, rest)) => rest
            .split('?')
            .next()
            .unwrap_or("")
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(""),
        None => s,
    };
    s.trim_start_matches('@').trim().to_string()
}

/// A handle written `PLATFORM:HANDLE[:FOLLOWERS[:ER]]` (`instagram:anna.k:12.5K:3.4%`), as
/// `--handle` takes it and the CSV export's "other handles" column holds them.
pub type HandleSpec = (String, String, Option<i64>, Option<f64>);

pub fn parse_handle_spec(s: &str) -> Result<HandleSpec, String> {
    let mut parts = s.trim().splitn(4, ':');
    let (Some(platform), Some(handle)) = (parts.next(), parts.next()) else {
        return Err("write PLATFORM:HANDLE[:FOLLOWERS], e.g. instagram:anna.k:12.5K".into());
    };
    let followers = match parts.next().filter(|f| !f.is_empty()) {
        Some(f) => Some(parse_count(f).ok_or_else(|| format!("{f:?} is not a count"))?),
        None => None,
    };
    let er = match parts.next().filter(|f| !f.is_empty()) {
        Some(f) => Some(parse_rate(f).ok_or_else(|| format!("{f:?} is not a rate"))?),
        None => None,
    };
    Ok((platform.to_string(), handle.to_string(), followers, er))
}

/// The other way round: `platform:handle[:followers[:er%]]`.
pub fn handle_spec(h: &impl HandleParts) -> String {
    let (platform, handle, followers, er) = h.parts();
    let mut s = format!("{platform}:{handle}");
    if followers.is_some() || er.is_some() {
        s.push(':');
        s.push_str(&followers.map(|f| f.to_string()).unwrap_or_default());
    }
    if let Some(er) = er {
        s.push_str(&format!(":{:.2}%", er * 100.0));
    }
    s
}

/// What `handle_spec` needs of a handle (domain knows no store types).
pub trait HandleParts {
    fn parts(&self) -> (&str, &str, Option<i64>, Option<f64>);
}

/// The public profile address of a handle, or None on a platform without a known pattern.
pub fn profile_url(platform: &str, handle: &str) -> Option<String> {
    use super::Platform as P;
    let h = handle.trim_start_matches('@');
    Some(match P::parse(platform)? {
        P::Instagram => format!("https://www.instagram.com/{h}/"),
        P::TikTok => format!("https://www.tiktok.com/@{h}"),
        P::YouTube if h.len() == 24 && h.starts_with("UC") => {
            format!("https://www.youtube.com/channel/{h}")
        }
        P::YouTube => format!("https://www.youtube.com/@{h}"),
        P::X => format!("https://x.com/{h}"),
        P::Facebook => format!("https://www.facebook.com/{h}"),
        P::LinkedIn => format!("https://www.linkedin.com/in/{h}"),
        P::Telegram => format!("https://t.me/{h}"),
        P::Threads => format!("https://www.threads.net/@{h}"),
    })
}

/// Why an e-mail address is refused, or None when it looks like one: one `@` with a name
/// before it and a dotted domain after, no spaces.
pub fn email_problem(email: &str) -> Option<&'static str> {
    let e = email.trim();
    if e.chars().any(char::is_whitespace) {
        return Some("an e-mail address has no spaces");
    }
    match e.split_once('@') {
        None => Some("an e-mail address needs an @"),
        Some((local, domain)) => {
            if local.is_empty() || domain.contains('@') {
                Some("an e-mail address has one @ with a name before it")
            } else if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
                Some("the part after @ must be a domain such as example.com")
            } else {
                None
            }
        }
    }
}

/// What one collaboration cost and brought, as far as known.
#[derive(Debug, Clone, PartialEq)]
pub struct CollabFigures<'a> {
    pub fee_minor: Option<i64>,
    pub currency: &'a str,
    pub views: Option<i64>,
    pub engagements: Option<i64>,
}

/// Cost per engagement in minor units: fee / engagements. None when either is unknown or there
/// were no engagements (a barter with no fee has no cost to divide).
pub fn cost_per_engagement(fee_minor: Option<i64>, engagements: Option<i64>) -> Option<f64> {
    let (fee, eng) = (fee_minor?, engagements?);
    (eng > 0).then(|| fee as f64 / eng as f64)
}

/// Cost per thousand views in minor units, or None when unknown.
pub fn cost_per_mille(fee_minor: Option<i64>, views: Option<i64>) -> Option<f64> {
    metrics::cpm(fee_minor?, views?)
}

/// A contact's figures over the collaborations where both the fee and the result are known:
/// total fee / total engagements (and per thousand views). Fees in several currencies cannot be
/// added up, so the answer is None then; the currency is returned beside the figure.
pub fn contact_costs(collabs: &[CollabFigures<'_>]) -> ContactCosts {
    let mut out = ContactCosts::default();
    let mut currency: Option<&str> = None;
    let (mut fee_e, mut eng, mut fee_v, mut views) = (0i64, 0i64, 0i64, 0i64);
    for c in collabs {
        let Some(fee) = c.fee_minor else { continue };
        if c.engagements.is_none() && c.views.is_none() {
            continue;
        }
        match currency {
            Some(cur) if !cur.eq_ignore_ascii_case(c.currency) => return ContactCosts::default(),
            Some(_) => {}
            None => currency = Some(c.currency),
        }
        if let Some(e) = c.engagements {
            fee_e += fee;
            eng += e;
        }
        if let Some(v) = c.views {
            fee_v += fee;
            views += v;
        }
    }
    if let Some(cur) = currency {
        out.cost_per_engagement = (eng > 0).then(|| fee_e as f64 / eng as f64);
        out.cost_per_mille = metrics::cpm(fee_v, views);
        out.currency = Some(cur.to_string());
    }
    out
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactCosts {
    pub cost_per_engagement: Option<f64>,
    pub cost_per_mille: Option<f64>,
    pub currency: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(fee: Option<i64>, cur: &str, views: Option<i64>, eng: Option<i64>) -> CollabFigures<'_> {
        CollabFigures {
            fee_minor: fee,
            currency: cur,
            views,
            engagements: eng,
        }
    }

    #[test]
    fn one_collaboration() {
        // 300.00 USD for 1,200 engagements: 25 cents each; for 48,000 views: 6.25 USD per mille.
        assert_eq!(cost_per_engagement(Some(30_000), Some(1_200)), Some(25.0));
        assert_eq!(cost_per_mille(Some(30_000), Some(48_000)), Some(625.0));
        assert_eq!(cost_per_engagement(Some(30_000), Some(0)), None);
        assert_eq!(cost_per_engagement(None, Some(10)), None, "barter");
        assert_eq!(cost_per_mille(Some(1), None), None);
    }

    #[test]
    fn a_contact_adds_up_what_is_known() {
        // (100.00 + 50.00) / (400 + 200) = 25 cents; the unknown one is left out, not zero.
        let costs = contact_costs(&[
            c(Some(10_000), "USD", Some(20_000), Some(400)),
            c(Some(5_000), "usd", None, Some(200)),
            c(Some(99_999), "USD", None, None),
        ]);
        assert_eq!(costs.cost_per_engagement, Some(25.0));
        // Views known only for the first: 100.00 per 20,000 views = 5.00 per mille.
        assert_eq!(costs.cost_per_mille, Some(500.0));
        assert_eq!(costs.currency.as_deref(), Some("USD"));
        assert_eq!(contact_costs(&[]), ContactCosts::default());
        let mixed = contact_costs(&[
            c(Some(1), "USD", None, Some(1)),
            c(Some(1), "EUR", None, Some(1)),
        ]);
        assert_eq!(mixed.cost_per_engagement, None, "currencies do not add up");
    }

    #[test]
    fn counts_as_people_write_them() {
        for (input, want) in [
            ("15000", 15_000),
            ("15 000", 15_000),
            ("15\u{a0}000", 15_000),
            ("15,000", 15_000),
            ("1.234.567", 1_234_567),
            ("12,5K", 12_500),
            ("12.5k", 12_500),
            ("1.2M", 1_200_000),
            ("10.4M", 10_400_000),
            ("977.2K", 977_200),
            ("2M", 2_000_000),
            ("876K", 876_000),
            ("3 тыс", 3_000),
            ("0", 0),
        ] {
            assert_eq!(parse_count(input), Some(want), "{input}");
        }
        for bad in ["", "many", "-5", "1.2.3K", "K"] {
            assert_eq!(parse_count(bad), None, "{bad}");
        }
        // Neither a grouped thousand nor a whole count: a decimal, rounded.
        assert_eq!(parse_count("12,5"), Some(13));
    }

    #[test]
    fn rates_and_money() {
        assert_eq!(parse_rate("3,4%"), Some(0.034));
        assert_eq!(parse_rate("3.4"), Some(0.034));
        assert_eq!(parse_rate("0.034"), Some(0.034));
        assert_eq!(parse_rate("250%"), None);
        assert_eq!(parse_rate("x"), None);
        assert_eq!(parse_money("250"), Some(25_000));
        assert_eq!(parse_money("250.5"), Some(25_050));
        assert_eq!(parse_money("1 500,00"), Some(150_000));
        assert_eq!(parse_money("1,500.00"), Some(150_000));
        assert_eq!(parse_money("1,500"), Some(150_000));
        assert_eq!(parse_money("ten"), None);
    }

    #[test]
    fn handle_specs_round_trip() {
        struct H(&'static str, &'static str, Option<i64>, Option<f64>);
        impl HandleParts for H {
            fn parts(&self) -> (&str, &str, Option<i64>, Option<f64>) {
                (self.0, self.1, self.2, self.3)
            }
        }
        assert_eq!(
            parse_handle_spec("instagram:anna.k:12.5K:3.4%"),
            Ok((
                "instagram".into(),
                "anna.k".into(),
                Some(12_500),
                Some(0.034)
            ))
        );
        let spec = handle_spec(&H("tiktok", "anna", Some(900), Some(0.05)));
        assert_eq!(spec, "tiktok:anna:900:5.00%");
        assert_eq!(
            parse_handle_spec(&spec),
            Ok(("tiktok".into(), "anna".into(), Some(900), Some(0.05)))
        );
        assert_eq!(handle_spec(&H("x", "a", None, None)), "x:a");
        assert!(parse_handle_spec("anna").is_err());
        assert!(parse_handle_spec("ig:anna:lots").is_err());
    }

    #[test]
    fn handles_and_emails() {
        assert_eq!(normalize_handle(" @anna.k "), "anna.k");
        assert_eq!(
            normalize_handle("https://instagram.com/anna.k/?hl=en"),
            "anna.k"
        );
        assert_eq!(normalize_handle("https://www.youtube.com/@tarik"), "tarik");
        assert_eq!(email_problem("anna@example.com"), None);
        assert!(email_problem("fill in emails yourself").is_some());
        assert!(email_problem("anna@localhost").is_some());
        assert!(email_problem("@example.com").is_some());
    }

    #[test]
    fn folds_every_script() {
        assert_eq!(fold("Олена KOVAL"), "олена koval");
    }
}
