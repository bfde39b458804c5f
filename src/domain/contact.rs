//! Rules about contacts that need no database: the text search folds, and the cost figures of
//! a collaboration (cost per engagement, CPM) and of a contact over their collaborations.

use super::metrics;

/// Folds text for search: lowercase in every script, so that "Олена" finds "олена".
pub fn fold(text: &str) -> String {
    text.to_lowercase()
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
    fn folds_every_script() {
        assert_eq!(fold("Олена KOVAL"), "олена koval");
    }
}
