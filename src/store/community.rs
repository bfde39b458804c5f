//! What the audience said in a period and how fast it was answered, for reports: inbox items
//! received and handled by kind and account, first-response times by target class (median and
//! 90th percentile, picked while the sorted times stream past), the negative share and the
//! labels used most. First response = `replied_at` minus `received_at`.

use std::collections::BTreeMap;

use rusqlite::ToSql;
use serde::Serialize;

use super::StoreResult;
use super::inbox::Inbox;
use super::scope::Scope;
use crate::domain::priority::PRIORITY_NEGATIVE;
use crate::domain::targets::{Targets, nearest_rank};

/// Items of one kind on one account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InboxTally {
    pub account_id: i64,
    pub kind: String,
    pub received: i64,
    /// Done, hidden, spam or replied to: no longer waiting.
    pub handled: i64,
    pub negative: i64,
}

/// First-response times of one target class (3 negative, 2 question, 1 the rest).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseTimes {
    pub class: i64,
    pub target_seconds: i64,
    pub answered: i64,
    pub within_target: i64,
    pub median_seconds: Option<i64>,
    pub p90_seconds: Option<i64>,
}

/// The inbox of a period as a report tells it.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Community {
    pub tallies: Vec<InboxTally>,
    pub responses: Vec<ResponseTimes>,
    pub received: i64,
    pub negative: i64,
    /// (label, items), most used first.
    pub labels: Vec<(String, i64)>,
}

/// `MIN(MAX(priority, 1), 3)`: the SQL twin of `domain::targets::target_class`.
const CLASS: &str = "MIN(MAX(priority, 1), 3)";

impl Inbox<'_> {
    /// The items received in `[start, end)` on the scope's accounts (the account's own
    /// messages are not items).
    pub fn community(
        &self,
        start: i64,
        end: i64,
        scope: &Scope,
        targets: &Targets,
        top_labels: usize,
    ) -> StoreResult<Community> {
        let acc = scope.and_in("account_id", 3);
        let mut args: Vec<&dyn ToSql> = vec![&start, &end];
        args.extend(scope.ids().iter().map(|i| i as &dyn ToSql));
        let base = format!(
            "FROM inbox_items WHERE received_at >= ?1 AND received_at < ?2 AND from_self = 0{acc}"
        );
        let mut out = Community::default();
        // One pass over the period (an index that covers it): counts by account, kind and the
        // labels text, which are few; tallies and labels are summed from these groups.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT account_id, kind, labels, COUNT(*),
                    SUM(status <> 'new' AND status <> 'escalated' OR replied_at IS NOT NULL),
                    SUM(priority >= {PRIORITY_NEGATIVE})
               {base} GROUP BY account_id, kind, labels"
        ))?;
        let mut tallies: BTreeMap<(i64, String), InboxTally> = BTreeMap::new();
        let mut labels: BTreeMap<String, i64> = BTreeMap::new();
        let mut rows = stmt.query(args.as_slice())?;
        while let Some(r) = rows.next()? {
            let (account_id, kind, text): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let (n, handled, negative): (i64, i64, i64) = (r.get(3)?, r.get(4)?, r.get(5)?);
            let t = tallies
                .entry((account_id, kind.clone()))
                .or_insert(InboxTally {
                    account_id,
                    kind,
                    received: 0,
                    handled: 0,
                    negative: 0,
                });
            t.received += n;
            t.handled += handled;
            t.negative += negative;
            for label in text.split(',').map(str::trim).filter(|l| !l.is_empty()) {
                *labels.entry(label.to_string()).or_default() += n;
            }
        }
        out.tallies = tallies.into_values().collect();
        out.received = out.tallies.iter().map(|t| t.received).sum();
        out.negative = out.tallies.iter().map(|t| t.negative).sum();
        out.responses = self.response_times(&base, &args, targets)?;
        out.labels = labels.into_iter().collect();
        out.labels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.labels.truncate(top_labels);
        Ok(out)
    }

    /// Counts per class first, then the sorted times in one pass that keeps the two
    /// quantiles of each class.
    fn response_times(
        &self,
        base: &str,
        args: &[&dyn ToSql],
        targets: &Targets,
    ) -> StoreResult<Vec<ResponseTimes>> {
        let target = [1, 2, 3].map(|c| targets.seconds(c));
        let t = args.len();
        let mut with_targets: Vec<&dyn ToSql> = args.to_vec();
        with_targets.extend(target.iter().map(|s| s as &dyn ToSql));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CLASS}, COUNT(*),
                    SUM(replied_at - received_at <= CASE {CLASS} WHEN 3 THEN ?{} WHEN 2 THEN ?{}
                        ELSE ?{} END)
               {base} AND replied_at IS NOT NULL GROUP BY 1 ORDER BY 1 DESC",
            t + 3,
            t + 2,
            t + 1
        ))?;
        let mut out: Vec<ResponseTimes> = stmt
            .query_map(with_targets.as_slice(), |r| {
                let class: i64 = r.get(0)?;
                Ok(ResponseTimes {
                    class,
                    target_seconds: targets.seconds(class),
                    answered: r.get(1)?,
                    within_target: r.get(2)?,
                    median_seconds: None,
                    p90_seconds: None,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CLASS}, MAX(replied_at - received_at, 0) {base} AND replied_at IS NOT NULL
              ORDER BY 1, 2"
        ))?;
        let mut rows = stmt.query(args)?;
        let (mut class, mut i) = (-1, 0);
        while let Some(row) = rows.next()? {
            let (c, secs): (i64, i64) = (row.get(0)?, row.get(1)?);
            if c != class {
                (class, i) = (c, 0);
            }
            if let Some(rt) = out.iter_mut().find(|r| r.class == c) {
                if nearest_rank(rt.answered, 0.5) == Some(i) {
                    rt.median_seconds = Some(secs);
                }
                if nearest_rank(rt.answered, 0.9) == Some(i) {
                    rt.p90_seconds = Some(secs);
                }
            }
            i += 1;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAccount, NewInboxItem, Store};

    fn account(s: &Store, handle: &str) -> i64 {
        let new = NewAccount {
            brand: "b".into(),
            platform: "instagram".into(),
            handle: handle.into(),
            display_name: None,
            external_id: None,
            timezone: None,
            target_posts_per_week: None,
        };
        s.accounts().add(&new, 0).unwrap()
    }

    /// An item received at `at` with `priority`, answered `after` seconds later (if at all).
    fn item(s: &Store, acc: i64, n: i64, at: i64, priority: i64, after: Option<i64>, labels: &str) {
        let id = s
            .inbox()
            .add(&NewInboxItem {
                account_id: acc,
                platform: "instagram".into(),
                kind: if n % 2 == 0 { "comment" } else { "dm" }.into(),
                external_id: format!("x{n}"),
                thread_key: None,
                post_id: None,
                author_name: "a".into(),
                author_handle: None,
                body: "b".into(),
                received_at: at,
                from_self: false,
                status: "new".into(),
                priority,
                priority_reason: String::new(),
                sentiment: None,
                labels: labels.into(),
            })
            .unwrap()
            .unwrap();
        if let Some(secs) = after {
            s.inbox().save_reply(id, "thanks", at + secs).unwrap();
        }
    }

    #[test]
    fn counts_quantiles_and_labels_of_a_period() {
        let s = Store::open_in_memory().unwrap();
        let (a, b) = (account(&s, "a"), account(&s, "b"));
        // Ten negative items on `a` answered after 1..=10 minutes: median 5, p90 9 minutes.
        for i in 1..=10 {
            item(
                &s,
                a,
                i,
                1_000 + i,
                3,
                Some(i * 60),
                if i <= 3 { "billing, late" } else { "" },
            );
        }
        // Two questions on `b`, one answered in 5 hours (over the 4-hour target), one not.
        item(&s, b, 11, 2_000, 2, Some(5 * 3600), "late");
        item(&s, b, 12, 2_001, 2, None, "");
        // Outside the period.
        item(&s, a, 13, 99_000, 3, Some(60), "billing");
        let t = Targets::default();
        let c = s.inbox().community(0, 10_000, &Scope::All, &t, 5).unwrap();
        assert_eq!((c.received, c.negative), (12, 10));
        let a_comments = c
            .tallies
            .iter()
            .find(|x| x.account_id == a && x.kind == "comment");
        assert_eq!(a_comments.map(|x| (x.received, x.handled)), Some((5, 5)));
        let b_dm_or_comment: i64 = c
            .tallies
            .iter()
            .filter(|x| x.account_id == b)
            .map(|x| x.handled)
            .sum();
        assert_eq!(b_dm_or_comment, 1, "the unanswered new item is not handled");
        let neg = c.responses.iter().find(|r| r.class == 3).unwrap();
        assert_eq!((neg.answered, neg.within_target), (10, 10));
        assert_eq!(
            (neg.median_seconds, neg.p90_seconds),
            (Some(300), Some(540))
        );
        let q = c.responses.iter().find(|r| r.class == 2).unwrap();
        assert_eq!(
            (q.answered, q.within_target, q.median_seconds),
            (1, 0, Some(18_000))
        );
        assert_eq!(
            c.labels,
            vec![("late".to_string(), 4), ("billing".to_string(), 3)]
        );
        // One account only: its own items.
        let only_b = s
            .inbox()
            .community(0, 10_000, &Scope::Only(vec![b]), &t, 5)
            .unwrap();
        assert_eq!((only_b.received, only_b.negative), (2, 0));
        assert!(only_b.responses.iter().all(|r| r.class == 2));
    }
}
