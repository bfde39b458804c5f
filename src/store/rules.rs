//! Inbox rules in SQL: each rule finds its candidates through the search index (words) or
//! SQLite's `regexp` (a pattern), then labels, reprioritises or changes the status of them in
//! set-based statements, writing one history line per change that names the rule. Used by an
//! import (inside its transaction, for the items it added) and by `inbox apply-rules`.

use std::sync::Arc;

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{Connection, ToSql, params};
use serde::Serialize;

use super::StoreResult;
use super::inbox::Inbox;
use super::inbox_query::json;
use crate::domain::inbox_rules::{self, Rule, RuleMatch};

/// One item a rule changes (or would change, in a dry run).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleHit {
    pub id: i64,
    pub rule: String,
    /// The account's handle.
    pub account: String,
    pub author: String,
    pub body: String,
    /// What the rule changes on it: "label billing, hidden".
    pub changes: String,
}

/// What a run of the rules changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RulesReport {
    /// Each rule's name and how many items it changed.
    pub per_rule: Vec<(String, usize)>,
    /// The first changes, in rule order, at most the listing limit.
    pub hits: Vec<RuleHit>,
}

/// Which items a run of the rules looks at.
pub(crate) enum Scope {
    /// Items with an id above this (0: all of them).
    After(i64),
    /// These items (conversations an import brought new messages to).
    Ids(Vec<i64>),
}

impl RulesReport {
    /// Adds another run's changes, rule by rule.
    pub(crate) fn add(&mut self, other: RulesReport) {
        for (name, n) in other.per_rule {
            match self.per_rule.iter_mut().find(|(m, _)| *m == name) {
                Some((_, total)) => *total += n,
                None => self.per_rule.push((name, n)),
            }
        }
        self.hits.extend(other.hits);
    }

    /// Changes over all rules (an item two rules changed counts twice).
    pub fn total(&self) -> usize {
        self.per_rule.iter().map(|(_, n)| n).sum()
    }

    /// One line per rule that changed something, for an import's notes.
    pub fn notes(&self) -> Vec<String> {
        self.per_rule
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(name, n)| format!("rule {name:?} changed {n} item(s)"))
            .collect()
    }
}

/// `regexp(pattern, text)` for rules with `regex = "..."` (case-insensitive, compiled once per
/// statement).
pub(crate) fn register_regexp(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "regexp",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let re: Arc<regex::Regex> = ctx.get_or_create_aux(0, |v| {
                let text = v.as_str().map_err(|e| e.to_string())?;
                inbox_rules::compile(text).map_err(|e| e.to_string())
            })?;
            let text = ctx.get_raw(1).as_str().unwrap_or("");
            Ok(re.is_match(text))
        },
    )
}

/// The FTS5 query of a word rule: any of its words or phrases in the body, each a prefix.
fn words_query(words: &[String]) -> String {
    let any = words
        .iter()
        .map(|w| format!("\"{}\"*", inbox_rules::word_tokens(w).join(" ")))
        .collect::<Vec<_>>()
        .join(" OR ");
    format!("body : ({any})")
}

/// Whether a hit needs the rule's label, priority or status (?1 label, ?2 priority, ?3 status).
/// A status is only put on items nobody has triaged yet.
const NEEDS_LABEL: &str =
    "?1 IS NOT NULL AND instr(',' || lower(i.labels) || ',', ',' || lower(?1) || ',') = 0";
const NEEDS_PRIORITY: &str = "?2 IS NOT NULL AND i.priority != ?2";
const NEEDS_STATUS: &str = "?3 IS NOT NULL AND i.status = 'new'";

/// Runs a statement with the first values of `all` that it has parameters for.
fn exec(conn: &Connection, sql: &str, all: &[&dyn ToSql]) -> StoreResult<usize> {
    let mut stmt = conn.prepare_cached(sql)?;
    let n = stmt.parameter_count().min(all.len());
    Ok(stmt.execute(&all[..n])?)
}

/// Applies `rules` in order to the items of `scope`, inside the caller's transaction. Lists at
/// most `list` changes.
pub(crate) fn apply_rules_in(
    conn: &Connection,
    rules: &[Rule],
    scope: &Scope,
    now: i64,
    list: usize,
) -> StoreResult<RulesReport> {
    let mut report = RulesReport::default();
    if rules.is_empty() {
        return Ok(report);
    }
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS rule_hits (id INTEGER PRIMARY KEY);
         DELETE FROM temp.rule_hits;",
    )?;
    for rule in rules {
        find_candidates(conn, rule, scope)?;
        let label = rule.label.as_deref();
        let priority = rule.priority.map(|p| p.value());
        let status = rule.status.map(|s| s.as_str());
        let wants: [&dyn ToSql; 3] = [&label, &priority, &status];
        let any = format!("(({NEEDS_LABEL}) OR ({NEEDS_PRIORITY}) OR ({NEEDS_STATUS}))");
        let from = "FROM temp.rule_hits h JOIN inbox_items i ON i.id = h.id";
        let changed: i64 = conn
            .prepare_cached(&format!("SELECT COUNT(*) {from} WHERE {any}"))?
            .query_row(wants, |r| r.get(0))?;
        report.per_rule.push((rule.name.clone(), changed as usize));
        if changed == 0 {
            conn.execute("DELETE FROM temp.rule_hits", [])?;
            continue;
        }
        let room = list.saturating_sub(report.hits.len());
        if room > 0 {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT i.id, a.handle, i.author_name, i.body, {NEEDS_LABEL}, {NEEDS_PRIORITY},
                        {NEEDS_STATUS}
                   {from} JOIN accounts a ON a.id = i.account_id WHERE {any} ORDER BY i.id LIMIT +?4"
            ))?;
            let rows = stmt.query_map(params![label, priority, status, room as i64], |r| {
                let mut parts = Vec::new();
                if r.get::<_, Option<bool>>(4)?.unwrap_or(false) {
                    parts.push(format!("label {}", label.unwrap_or_default()));
                }
                if r.get::<_, Option<bool>>(5)?.unwrap_or(false) {
                    parts.push(format!(
                        "priority {}",
                        rule.priority.map(|p| p.as_str()).unwrap_or_default()
                    ));
                }
                if r.get::<_, Option<bool>>(6)?.unwrap_or(false) {
                    parts.push(status.unwrap_or_default().to_string());
                }
                Ok(RuleHit {
                    id: r.get(0)?,
                    rule: rule.name.clone(),
                    account: r.get(1)?,
                    author: r.get(2)?,
                    body: r.get(3)?,
                    changes: parts.join(", "),
                })
            })?;
            for hit in rows {
                report.hits.push(hit?);
            }
        }
        // History first (it reads what is about to change), then the change; each one
        // statement over every hit.
        let level = rule.priority.map(|p| p.as_str());
        let name = rule.name.as_str();
        let all: [&dyn ToSql; 6] = [&label, &priority, &status, &now, &name, &level];
        // (needed when, the history line's action and detail, the change)
        let changes = [
            (
                NEEDS_LABEL,
                "'labels', CASE i.labels WHEN '' THEN ?1 ELSE i.labels || ',' || ?1 END",
                "labels = CASE i.labels WHEN '' THEN ?1 ELSE i.labels || ',' || ?1 END",
            ),
            (NEEDS_PRIORITY, "'priority', ?6", "priority = ?2"),
            (NEEDS_STATUS, "?3, ''", "status = ?3, handled_at = ?4"),
        ];
        for (needs, history, set) in changes {
            exec(
                conn,
                &format!(
                    "INSERT INTO inbox_events (item_id, at, action, detail, rule)
                     SELECT i.id, ?4, {history}, ?5 {from} WHERE {needs}"
                ),
                &all,
            )?;
            exec(
                conn,
                &format!(
                    "UPDATE inbox_items AS i SET {set}
                      WHERE i.id IN (SELECT id FROM temp.rule_hits) AND {needs}"
                ),
                &all,
            )?;
        }
        conn.execute("DELETE FROM temp.rule_hits", [])?;
    }
    Ok(report)
}

/// Fills `temp.rule_hits` with the items `rule` matches: the search index finds the words
/// (one doclist read, not a scan); a pattern is checked by `regexp` row by row, in SQLite.
fn find_candidates(conn: &Connection, rule: &Rule, scope: &Scope) -> StoreResult<()> {
    // ?1: the id bound of `After`, or the ids of `Ids` as a JSON array.
    let (first, within, fts_within): (Value, &str, &str) = match scope {
        Scope::After(after) => (Value::Integer(*after), "i.id > ?1", "rowid > ?1"),
        Scope::Ids(ids) => (
            json(ids),
            "i.id IN (SELECT value FROM json_each(?1))",
            "rowid IN (SELECT value FROM json_each(?1))",
        ),
    };
    let mut sql = format!(
        "INSERT INTO temp.rule_hits (id) SELECT i.id FROM inbox_items i
          WHERE i.from_self = 0 AND {within}"
    );
    let words;
    let kinds = serde_json::to_string(&rule.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>())
        .unwrap_or_default();
    let accounts = serde_json::to_string(&rule.accounts).unwrap_or_default();
    let mut args: Vec<&dyn ToSql> = vec![&first];
    match &rule.matcher {
        RuleMatch::Words(w) => {
            words = words_query(w);
            sql.push_str(&format!(
                " AND i.id IN (SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH ?{} AND {fts_within})",
                args.len() + 1
            ));
            args.push(&words);
        }
        RuleMatch::Regex(re) => {
            sql.push_str(&format!(" AND regexp(?{}, i.body)", args.len() + 1));
            args.push(re);
        }
    }
    if !rule.kinds.is_empty() {
        sql.push_str(&format!(
            " AND i.kind IN (SELECT value FROM json_each(?{}))",
            args.len() + 1
        ));
        args.push(&kinds);
    }
    if !rule.accounts.is_empty() {
        sql.push_str(&format!(
            " AND i.account_id IN (SELECT id FROM accounts
                WHERE lower(handle) IN (SELECT value FROM json_each(?{})))",
            args.len() + 1
        ));
        args.push(&accounts);
    }
    conn.prepare_cached(&sql)?.execute(args.as_slice())?;
    Ok(())
}

impl Inbox<'_> {
    /// `inbox apply-rules`: every rule over the whole inbox, in one transaction. A dry run
    /// does the same work and rolls it back, so it lists exactly what a real run would change.
    pub fn apply_rules(
        &self,
        rules: &[Rule],
        dry_run: bool,
        now: i64,
        list: usize,
    ) -> StoreResult<RulesReport> {
        let tx = self.conn().unchecked_transaction()?;
        let report = apply_rules_in(&tx, rules, &Scope::After(0), now, list)?;
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::inbox_rules::RuleSpec;
    use crate::store::{NewAccount, NewInboxItem, Store};

    fn rule(name: &str, words: &[&str], f: impl FnOnce(&mut RuleSpec)) -> Rule {
        let mut spec = RuleSpec {
            name: name.into(),
            words: Some(words.iter().map(|w| w.to_string()).collect()),
            ..Default::default()
        };
        f(&mut spec);
        Rule::check(spec).unwrap()
    }

    fn seed() -> (Store, Vec<i64>) {
        let store = Store::open_in_memory().unwrap();
        let acc = |handle: &str| {
            store
                .accounts()
                .add(
                    &NewAccount {
                        platform: "instagram".into(),
                        handle: handle.into(),
                        ..Default::default()
                    },
                    0,
                )
                .unwrap()
        };
        let (bikes, cafe) = (acc("PixelBikes"), acc("lumen"));
        let items = [
            (bikes, "comment", "Where is my REFUND??", "new"),
            (bikes, "dm", "Хочу повернення коштів", "new"),
            (cafe, "comment", "refund please", "new"),
            (bikes, "comment", "Great ride, thanks", "new"),
            (bikes, "comment", "refund was quick, thanks", "done"),
            (bikes, "comment", "Use promo code WIN at http://x", "new"),
        ];
        let ids = items
            .iter()
            .enumerate()
            .map(|(n, (a, kind, body, status))| {
                store
                    .inbox()
                    .add(&NewInboxItem {
                        account_id: *a,
                        platform: "instagram".into(),
                        kind: kind.to_string(),
                        external_id: n.to_string(),
                        author_name: format!("author{n}"),
                        body: body.to_string(),
                        received_at: 100 + n as i64,
                        status: status.to_string(),
                        labels: if n == 0 { "vip".into() } else { String::new() },
                        priority: 1,
                        ..Default::default()
                    })
                    .unwrap()
                    .unwrap()
            })
            .collect();
        (store, ids)
    }

    #[test]
    fn rules_label_hide_and_record_themselves_and_a_dry_run_changes_nothing() {
        let (store, ids) = seed();
        let rules = [
            rule("refunds", &["refund", "повернення"], |s| {
                s.accounts = vec!["pixelbikes".into()];
                s.label = Some("billing".into());
                s.status = Some("hidden".into());
            }),
            rule("promo", &[], |s| {
                s.words = None;
                s.regex = Some(r"promo\s+CODE".into());
                s.priority = Some("low".into());
                s.status = Some("spam".into());
            }),
        ];
        let dry = store.inbox().apply_rules(&rules, true, 500, 10).unwrap();
        assert_eq!(dry.per_rule, [("refunds".into(), 3), ("promo".into(), 1)]);
        let listed: Vec<(i64, &str)> = dry
            .hits
            .iter()
            .map(|h| (h.id, h.changes.as_str()))
            .collect();
        assert_eq!(
            listed,
            [
                (ids[0], "label billing, hidden"),
                (ids[1], "label billing, hidden"),
                (ids[4], "label billing"),
                (ids[5], "priority low, spam"),
            ]
        );
        assert_eq!(store.inbox().get(ids[0]).unwrap().status, "new", "dry run");
        assert!(store.inbox().events(ids[0], 10).unwrap().is_empty());

        let done = store.inbox().apply_rules(&rules, false, 500, 0).unwrap();
        assert_eq!((done.total(), done.hits.len()), (4, 0));
        let first = store.inbox().get(ids[0]).unwrap();
        assert_eq!(
            (first.labels.as_str(), first.status.as_str()),
            ("vip,billing", "hidden")
        );
        assert_eq!(first.handled_at, Some(500));
        assert_eq!(
            store.inbox().get(ids[2]).unwrap().status,
            "new",
            "other account"
        );
        assert_eq!(store.inbox().get(ids[3]).unwrap().labels, "");
        let done_item = store.inbox().get(ids[4]).unwrap();
        assert_eq!(
            (done_item.status.as_str(), done_item.labels.as_str()),
            ("done", "billing")
        );
        let spam = store.inbox().get(ids[5]).unwrap();
        assert_eq!((spam.status.as_str(), spam.priority), ("spam", 0));
        let history = store.inbox().events(ids[0], 10).unwrap();
        let lines: Vec<(&str, &str, Option<&str>)> = history
            .iter()
            .map(|e| (e.action.as_str(), e.detail.as_str(), e.rule.as_deref()))
            .collect();
        assert_eq!(
            lines,
            [
                ("labels", "vip,billing", Some("refunds")),
                ("hidden", "", Some("refunds"))
            ]
        );
        // A second run finds nothing left to change.
        let again = store.inbox().apply_rules(&rules, false, 600, 10).unwrap();
        assert_eq!(again.total(), 0);
        assert_eq!(store.inbox().events(ids[0], 10).unwrap().len(), 2);
    }

    #[test]
    fn kinds_narrow_a_rule_and_rules_run_in_order() {
        let (store, ids) = seed();
        let rules = [
            rule("dms", &["повернення"], |s| {
                s.kinds = vec!["dm".into()];
                s.priority = Some("urgent".into());
            }),
            rule("comments", &["refund", "повернення"], |s| {
                s.kinds = vec!["comment".into()];
                s.status = Some("done".into());
            }),
        ];
        store.inbox().apply_rules(&rules, false, 9, 0).unwrap();
        let dm = store.inbox().get(ids[1]).unwrap();
        assert_eq!((dm.priority, dm.status.as_str()), (3, "new"));
        assert_eq!(store.inbox().get(ids[0]).unwrap().status, "done");
        assert_eq!(store.inbox().get(ids[2]).unwrap().status, "done");
    }

    #[test]
    fn a_conversation_that_takes_a_matching_message_at_import_meets_the_rules() {
        use crate::store::NewMessage;
        let mut store = Store::open_in_memory().unwrap();
        let acc = store
            .accounts()
            .add(
                &NewAccount {
                    platform: "instagram".into(),
                    handle: "lumen".into(),
                    ..Default::default()
                },
                0,
            )
            .unwrap();
        let msg = |n: i64, body: &str| NewMessage {
            account_id: acc,
            platform: "instagram".into(),
            thread_key: "anna_1".into(),
            external_id: format!("m{n}"),
            sender_name: "Anna".into(),
            body: body.into(),
            sent_at: 100 * n,
            priority: 1,
            ..Default::default()
        };
        let rules = [rule("refunds", &["refund"], |s| {
            s.label = Some("billing".into())
        })];
        let import = |store: &mut Store, m: NewMessage| {
            let mut batch = store.begin_import(9).unwrap();
            batch.conversation_message(&m).unwrap();
            let touched = batch.settle_conversations().unwrap();
            let report = batch.apply_rules(&rules, &touched, 9).unwrap();
            batch.commit().unwrap();
            report.total()
        };
        assert_eq!(import(&mut store, msg(1, "hi, is the shop open?")), 0);
        assert_eq!(import(&mut store, msg(2, "I want a refund")), 1);
        let f = crate::store::InboxFilter {
            search: Some("#billing".into()),
            ..Default::default()
        };
        let rows = store.inbox().page(&f, None, 5).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].body, "I want a refund");
    }
}
