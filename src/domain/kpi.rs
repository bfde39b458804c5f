//! Account KPIs of a period and how they add up across accounts: counts add, followers add
//! account by account, views add only under the same name (a platform's "impressions" are not
//! another's "views"), and rates are recomputed from the sums, never averaged.

use serde::Serialize;

use super::metrics::{compact, engagement_rate, engagement_rate_by_followers, percent};

/// One account's (or the sum of several accounts') numbers for one period. None is "no data",
/// never zero.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Kpis {
    /// Followers at the end of the period (the last day with a count).
    pub followers: Option<i64>,
    /// Net follower growth: followers at the end minus just before the period (accounts
    /// with a count at both ends only).
    pub growth: Option<i64>,
    /// Posts published in the period.
    pub posts: i64,
    /// Posts of the period that have metrics (the base of the post figures below).
    pub posts_measured: i64,
    /// Views of the period's posts, by the platform's own word for them ("views",
    /// "impressions", "plays"), largest first.
    pub views: Vec<(String, i64)>,
    /// Reach of the period's posts (the sum of each post's reach).
    pub reach: i64,
    /// Reactions, comments, shares and saves on the period's posts.
    pub engagements: i64,
    /// Link clicks on the period's posts.
    pub clicks: i64,
    /// The account's own daily reach summed over the period, where the export gives it.
    pub account_reach: Option<i64>,
    /// Profile visits over the period, where the export gives them.
    pub profile_visits: Option<i64>,
}

impl Kpis {
    /// Engagements ÷ reach of the period's posts.
    pub fn er_by_reach(&self) -> Option<f64> {
        engagement_rate(self.engagements, self.reach)
    }

    /// Average engagements per measured post ÷ followers at the period's end.
    pub fn er_by_followers(&self) -> Option<f64> {
        engagement_rate_by_followers(self.engagements, self.posts_measured, self.followers?)
    }

    /// Adds another account's numbers to these.
    pub fn add(&mut self, o: &Kpis) {
        let add_opt = |a: Option<i64>, b: Option<i64>| match (a, b) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        };
        self.followers = add_opt(self.followers, o.followers);
        self.growth = add_opt(self.growth, o.growth);
        self.posts += o.posts;
        self.posts_measured += o.posts_measured;
        for (label, n) in &o.views {
            match self.views.iter_mut().find(|(l, _)| l == label) {
                Some((_, v)) => *v += n,
                None => self.views.push((label.clone(), *n)),
            }
        }
        self.views.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        self.reach += o.reach;
        self.engagements += o.engagements;
        self.clicks += o.clicks;
        self.account_reach = add_opt(self.account_reach, o.account_reach);
        self.profile_visits = add_opt(self.profile_visits, o.profile_visits);
    }

    /// The sum over several accounts.
    pub fn total<'a>(all: impl IntoIterator<Item = &'a Kpis>) -> Kpis {
        let mut t = Kpis::default();
        for k in all {
            t.add(k);
        }
        t
    }

    /// Views under one name, when all the views share it (else None: never added across).
    pub fn views_of(&self, label: &str) -> Option<i64> {
        self.views.iter().find(|(l, _)| l == label).map(|(_, v)| *v)
    }
}

/// The figures the comparison column lists, in order: (name, this period, previous period).
/// Rates are fractions; counts are whole numbers as f64.
pub fn comparable(cur: &Kpis, prev: &Kpis) -> Vec<(String, Option<f64>, Option<f64>)> {
    let n = |v: i64| Some(v as f64);
    let o = |v: Option<i64>| v.map(|x| x as f64);
    let mut rows = vec![
        ("followers".to_string(), o(cur.followers), o(prev.followers)),
        ("net growth".to_string(), o(cur.growth), o(prev.growth)),
        ("posts".to_string(), n(cur.posts), n(prev.posts)),
    ];
    for (label, v) in &cur.views {
        rows.push((label.clone(), n(*v), o(prev.views_of(label))));
    }
    rows.extend([
        ("reach".to_string(), n(cur.reach), n(prev.reach)),
        (
            "engagements".to_string(),
            n(cur.engagements),
            n(prev.engagements),
        ),
        (
            "ER by reach".to_string(),
            cur.er_by_reach(),
            prev.er_by_reach(),
        ),
        (
            "ER by followers".to_string(),
            cur.er_by_followers(),
            prev.er_by_followers(),
        ),
        (
            "profile visits".to_string(),
            o(cur.profile_visits),
            o(prev.profile_visits),
        ),
        ("link clicks".to_string(), n(cur.clicks), n(prev.clicks)),
    ]);
    rows
}

/// A comparison figure as the tab, the CLI and reports show it: rates as percentages, counts
/// compactly (`12.4K`), "–" for no data.
pub fn show(name: &str, v: Option<f64>) -> String {
    match v {
        None => "–".into(),
        Some(x) if name.starts_with("ER") => percent(Some(x)),
        Some(x) => compact(x.round() as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(followers: (i64, i64), posts: i64, views: &[(&str, i64)], reach: i64, eng: i64) -> Kpis {
        Kpis {
            followers: Some(followers.1),
            growth: Some(followers.1 - followers.0),
            posts,
            posts_measured: posts,
            views: views.iter().map(|(l, v)| (l.to_string(), *v)).collect(),
            reach,
            engagements: eng,
            clicks: 10,
            account_reach: Some(1_000),
            profile_visits: None,
        }
    }

    #[test]
    fn one_account() {
        let a = k((1_900, 2_000), 10, &[("views", 9_000)], 6_000, 300);
        assert_eq!(a.growth, Some(100));
        assert_eq!(a.er_by_reach(), Some(0.05));
        // 30 engagements a post on 2,000 followers.
        assert_eq!(a.er_by_followers(), Some(0.015));
    }

    #[test]
    fn accounts_add_up_where_it_makes_sense() {
        let ig = k((1_900, 2_000), 10, &[("views", 9_000)], 6_000, 300);
        let li = k((500, 450), 5, &[("impressions", 4_000)], 2_000, 100);
        let fb = k((100, 100), 1, &[("views", 1_000)], 0, 0);
        let t = Kpis::total([&ig, &li, &fb]);
        assert_eq!((t.followers, t.growth), (Some(2_550), Some(50)));
        assert_eq!(t.posts, 16);
        // Views and impressions stay apart.
        assert_eq!(
            t.views,
            vec![
                ("views".to_string(), 10_000),
                ("impressions".to_string(), 4_000)
            ]
        );
        // Rates from the sums: 400 / 8,000 = 5%; 400 / 16 posts / 2,550 followers.
        assert_eq!(t.er_by_reach(), Some(0.05));
        let by_followers = t.er_by_followers().unwrap();
        assert!((by_followers - 400.0 / 16.0 / 2_550.0).abs() < 1e-12);
        assert_eq!((t.account_reach, t.profile_visits), (Some(3_000), None));
    }

    #[test]
    fn comparison_rows() {
        let cur = k((1_900, 2_000), 10, &[("views", 9_000)], 6_000, 300);
        let prev = Kpis::default();
        let rows = comparable(&cur, &prev);
        let posts = rows.iter().find(|r| r.0 == "posts").unwrap();
        assert_eq!((posts.1, posts.2), (Some(10.0), Some(0.0)));
        let views = rows.iter().find(|r| r.0 == "views").unwrap();
        assert_eq!(views.2, None, "no views before: nothing to compare");
        let er = rows.iter().find(|r| r.0 == "ER by reach").unwrap();
        assert_eq!(er.2, None);
        assert_eq!(show("ER by reach", er.1), "5.0%");
        assert_eq!(show("reach", Some(12_400.0)), "12.4K");
        assert_eq!(show("views", None), "–");
    }
}
