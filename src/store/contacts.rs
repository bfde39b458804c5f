//! The contacts: the people the user promotes through. This file holds the list (filtered,
//! searched and sorted in SQL, paged by keyset) and the columns the store keeps for it; the
//! detail, the writes with their undo, and the import are beside it.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde::Serialize;

use super::StoreResult;
use crate::domain::contact::{CollabFigures, contact_costs, fold};
use crate::domain::fuzzy::Fuzzy;
use crate::domain::{ContactSort, Stage};

/// A contact as the list shows them, with their biggest handle and the figures they sort by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactRow {
    pub id: i64,
    pub name: String,
    pub niche: String,
    pub location: String,
    pub stage: String,
    pub follow_up_on: Option<String>,
    pub rating: Option<i64>,
    pub last_contact_at: Option<i64>,
    pub top_platform: Option<String>,
    pub top_handle: Option<String>,
    pub followers: Option<i64>,
    pub engagement_rate: Option<f64>,
    /// Minor units per engagement, over the collaborations whose figures are known.
    pub cost_per_engagement: Option<f64>,
    #[serde(skip)]
    pub(crate) search_text: String,
}

/// One handle of a contact on a platform.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Handle {
    pub platform: String,
    pub handle: String,
    pub followers: Option<i64>,
    /// A fraction: 0.034 is 3.4%.
    pub engagement_rate: Option<f64>,
}

impl crate::domain::contact::HandleParts for Handle {
    fn parts(&self) -> (&str, &str, Option<i64>, Option<f64>) {
        (
            &self.platform,
            &self.handle,
            self.followers,
            self.engagement_rate,
        )
    }
}

/// Everything the form, the command line and the import say about a contact.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NewContact {
    pub name: String,
    pub niche: String,
    pub location: String,
    pub language: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub messenger: Option<String>,
    pub notes: String,
    /// The stored word of a `Stage`; empty means prospect.
    pub stage: String,
    /// `YYYY-MM-DD`.
    pub follow_up_on: Option<String>,
    pub rating: Option<i64>,
    pub handles: Vec<Handle>,
}

/// Which contacts a list shows. Every part narrows it; the default shows everyone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactFilter {
    pub stage: Option<Stage>,
    /// Matched without regard to case.
    pub niche: Option<String>,
    /// A platform word: the contact has a handle there.
    pub platform: Option<String>,
    /// Open contacts whose follow-up is on or before this day (`YYYY-MM-DD`).
    pub due_by: Option<String>,
    /// Words that must each appear, letters in order (the fuzzy search's first cut).
    pub search: Option<String>,
}

/// Where a page ended: the sort key of its last row (None once the rows without one are being
/// listed) and its id.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactCursor {
    key: Option<Value>,
    id: i64,
}

/// How many rows a search ranks at most; a query that keeps more should be longer.
pub const SEARCH_CANDIDATES: usize = 500;

pub struct Contacts<'a> {
    conn: &'a Connection,
}

/// A list row; the biggest handle is kept on the contact (schema v17's triggers).
const SELECT_ROW: &str = "SELECT c.id, c.name, c.niche, c.location, c.stage, c.follow_up_on,
        c.rating, c.last_contact_at, c.top_platform, c.top_handle, c.followers,
        c.engagement_rate, c.cost_per_engagement, c.search_text
   FROM contacts c";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ContactRow> {
    Ok(ContactRow {
        id: r.get(0)?,
        name: r.get(1)?,
        niche: r.get(2)?,
        location: r.get(3)?,
        stage: r.get(4)?,
        follow_up_on: r.get(5)?,
        rating: r.get(6)?,
        last_contact_at: r.get(7)?,
        top_platform: r.get(8)?,
        top_handle: r.get(9)?,
        followers: r.get(10)?,
        engagement_rate: r.get(11)?,
        cost_per_engagement: r.get(12)?,
        search_text: r.get(13)?,
    })
}

/// The column a sort reads and whether it runs high to low. Rows without a value come last.
fn sort_column(sort: ContactSort) -> (&'static str, bool) {
    match sort {
        ContactSort::Name => ("c.name", false),
        ContactSort::FollowUp => ("c.follow_up_on", false),
        ContactSort::Followers => ("c.followers", true),
        ContactSort::EngagementRate => ("c.engagement_rate", true),
        ContactSort::CostPerEngagement => ("c.cost_per_engagement", false),
        ContactSort::LastContact => ("c.last_contact_at", false),
    }
}

impl ContactRow {
    /// The cursor that continues a page after this row.
    pub fn cursor(&self, sort: ContactSort) -> ContactCursor {
        let key = match sort {
            ContactSort::Name => Some(Value::Text(self.name.clone())),
            ContactSort::FollowUp => self.follow_up_on.clone().map(Value::Text),
            ContactSort::Followers => self.followers.map(Value::Integer),
            ContactSort::EngagementRate => self.engagement_rate.map(Value::Real),
            ContactSort::CostPerEngagement => self.cost_per_engagement.map(Value::Real),
            ContactSort::LastContact => self.last_contact_at.map(Value::Integer),
        };
        ContactCursor { key, id: self.id }
    }
}

/// Turns the search words into GLOB patterns: each word's letters in order, anything between
/// (`anna` → `*a*n*n*a*`), so that SQL keeps exactly the rows a fuzzy match can find. The
/// search text is folded already, so the case-sensitive GLOB (about twice as fast as LIKE,
/// which folds every character it compares) is enough; `*`, `?` and `[` match themselves.
fn search_patterns(query: &str) -> Vec<String> {
    fold(query)
        .split_whitespace()
        .map(|word| {
            let mut p = String::from("*");
            for c in word.chars() {
                match c {
                    '*' | '?' | '[' => {
                        p.push('[');
                        p.push(c);
                        p.push(']');
                    }
                    c => p.push(c),
                }
                p.push('*');
            }
            p
        })
        .collect()
}

/// The WHERE clauses of a filter (joined by AND) with their values, in order.
fn filter_sql(f: &ContactFilter) -> (Vec<String>, Vec<Value>) {
    let mut sql = Vec::new();
    let mut values = Vec::new();
    if let Some(stage) = f.stage {
        sql.push("c.stage = ?".to_string());
        values.push(Value::Text(stage.as_str().into()));
    }
    if let Some(niche) = &f.niche {
        sql.push("c.niche = ? COLLATE NOCASE".to_string());
        values.push(Value::Text(niche.clone()));
    }
    if let Some(platform) = &f.platform {
        sql.push(
            "EXISTS (SELECT 1 FROM contact_handles p WHERE p.contact_id = c.id AND p.platform = ?)"
                .to_string(),
        );
        values.push(Value::Text(platform.clone()));
    }
    if let Some(day) = &f.due_by {
        sql.push("c.follow_up_on <= ? AND c.stage NOT IN ('paid', 'declined')".to_string());
        values.push(Value::Text(day.clone()));
    }
    if let Some(q) = &f.search {
        for p in search_patterns(q) {
            sql.push("c.search_text GLOB ?".to_string());
            values.push(Value::Text(p));
        }
    }
    (sql, values)
}

impl<'a> Contacts<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Self { conn }
    }

    pub(crate) fn conn(&self) -> &'a Connection {
        self.conn
    }

    /// One page of the list in `sort` order after `after`. Rows with a sort value come first
    /// (one index range), then those without it, by id: both halves are keyset walks.
    pub fn page(
        &self,
        filter: &ContactFilter,
        sort: ContactSort,
        after: Option<&ContactCursor>,
        limit: usize,
    ) -> StoreResult<Vec<ContactRow>> {
        let (col, desc) = sort_column(sort);
        let (cmp, dir) = if desc { ("<", "DESC") } else { (">", "ASC") };
        let mut rows = Vec::new();
        let in_keyed_half = after.is_none_or(|a| a.key.is_some());
        if in_keyed_half {
            let (mut sql, mut values) = filter_sql(filter);
            sql.push(format!("{col} IS NOT NULL"));
            if let Some(ContactCursor { key: Some(k), id }) = after {
                sql.push(format!("({col}, c.id) {cmp} (?, ?)"));
                values.push(k.clone());
                values.push(Value::Integer(*id));
            }
            values.push(Value::Integer(limit as i64));
            let q = format!(
                "{SELECT_ROW} WHERE {} ORDER BY {col} {dir}, c.id {dir} LIMIT +?",
                sql.join(" AND ")
            );
            rows = self
                .conn
                .prepare_cached(&q)?
                .query_map(params_from_iter(values), from_row)?
                .collect::<Result<Vec<_>, _>>()?;
        }
        if rows.len() < limit && sort != ContactSort::Name {
            let (mut sql, mut values) = filter_sql(filter);
            sql.push(format!("{col} IS NULL"));
            if let Some(ContactCursor { key: None, id }) = after {
                sql.push("c.id > ?".into());
                values.push(Value::Integer(*id));
            }
            values.push(Value::Integer((limit - rows.len()) as i64));
            let q = format!(
                "{SELECT_ROW} WHERE {} ORDER BY c.id LIMIT +?",
                sql.join(" AND ")
            );
            rows.extend(
                self.conn
                    .prepare_cached(&q)?
                    .query_map(params_from_iter(values), from_row)?
                    .collect::<Result<Vec<_>, _>>()?,
            );
        }
        Ok(rows)
    }

    /// The best fuzzy matches for `query` among the contacts `filter` keeps, best first. SQL
    /// keeps the rows whose text holds each word's letters in order (at most
    /// `SEARCH_CANDIDATES` of them, by name); the matcher ranks those. The flag says the cut was
    /// reached, so that the screen can ask for a longer query.
    pub fn search(
        &self,
        filter: &ContactFilter,
        query: &str,
        limit: usize,
    ) -> StoreResult<(Vec<ContactRow>, bool)> {
        let mut fuzzy = Fuzzy::new(query);
        let narrowed = ContactFilter {
            search: Some(query.to_string()),
            ..filter.clone()
        };
        // The first cut reads two columns, not whole rows: only the best get read in full.
        let (sql, mut values) = filter_sql(&narrowed);
        values.push(Value::Integer(SEARCH_CANDIDATES as i64));
        let q = format!(
            "SELECT c.id, c.search_text FROM contacts c WHERE {} ORDER BY c.name, c.id LIMIT +?",
            if sql.is_empty() {
                "1".to_string()
            } else {
                sql.join(" AND ")
            }
        );
        let mut stmt = self.conn.prepare_cached(&q)?;
        let mut rows = stmt.query(params_from_iter(values))?;
        let mut scored: Vec<(u32, i64)> = Vec::new();
        let mut seen = 0;
        while let Some(r) = rows.next()? {
            seen += 1;
            let text: String = r.get(1)?;
            if let Some(score) = fuzzy.score(&text) {
                scored.push((score, r.get(0)?));
            }
        }
        let capped = seen == SEARCH_CANDIDATES;
        // Stable: equal scores keep the name order.
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        let mut out = Vec::with_capacity(limit.min(scored.len()));
        for (_, id) in scored.into_iter().take(limit) {
            if let Some(row) = self.row(id)? {
                out.push(row);
            }
        }
        Ok((out, capped))
    }

    /// How many contacts the filter keeps.
    pub fn count_matching(&self, filter: &ContactFilter) -> StoreResult<i64> {
        let (sql, values) = filter_sql(filter);
        let q = if sql.is_empty() {
            "SELECT COUNT(*) FROM contacts c".to_string()
        } else {
            format!(
                "SELECT COUNT(*) FROM contacts c WHERE {}",
                sql.join(" AND ")
            )
        };
        Ok(self
            .conn
            .prepare_cached(&q)?
            .query_row(params_from_iter(values), |r| r.get(0))?)
    }

    /// How many contacts the filter keeps in each stage, for the board's column heads.
    pub fn count_by_stage(&self, filter: &ContactFilter) -> StoreResult<Vec<(Stage, i64)>> {
        let (sql, values) = filter_sql(filter);
        let wher = if sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", sql.join(" AND "))
        };
        let q = format!("SELECT c.stage, COUNT(*) FROM contacts c {wher} GROUP BY c.stage");
        let mut out: Vec<(Stage, i64)> = Stage::ALL.iter().map(|s| (*s, 0)).collect();
        let mut stmt = self.conn.prepare_cached(&q)?;
        let mut rows = stmt.query(params_from_iter(values))?;
        while let Some(r) = rows.next()? {
            let word: String = r.get(0)?;
            if let Some(slot) = out.iter_mut().find(|(s, _)| s.as_str() == word) {
                slot.1 = r.get(1)?;
            }
        }
        Ok(out)
    }

    /// The distinct niches, most common first, for the filter picker.
    pub fn niches(&self, limit: usize) -> StoreResult<Vec<(String, i64)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT niche, COUNT(*) AS n FROM contacts WHERE niche != ''
                  GROUP BY niche COLLATE NOCASE ORDER BY n DESC, niche LIMIT +?1",
            )?
            .query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?)
    }

    /// The platforms contacts have handles on, most common first, for the filter picker.
    pub fn platforms(&self) -> StoreResult<Vec<(String, i64)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT platform, COUNT(*) AS n FROM contact_handles
                  GROUP BY platform ORDER BY n DESC, platform",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?)
    }

    /// One contact's list row (after a write, to show it without reloading the page).
    pub fn row(&self, id: i64) -> StoreResult<Option<ContactRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!("{SELECT_ROW} WHERE c.id = ?1"))?
            .query_row([id], from_row)
            .optional()?)
    }

    /// Follow-ups due on or before `day` (YYYY-MM-DD), earliest first, skipping closed stages.
    pub fn follow_ups_due(&self, day: &str, limit: usize) -> StoreResult<Vec<ContactRow>> {
        let filter = ContactFilter {
            due_by: Some(day.to_string()),
            ..Default::default()
        };
        self.page(&filter, ContactSort::FollowUp, None, limit)
    }

    pub fn count_follow_ups_due(&self, day: &str) -> StoreResult<i64> {
        Ok(self
            .conn
            // Kept per day by schema 18's triggers: a sum over the days, not a walk of contacts.
            .prepare_cached("SELECT COALESCE(SUM(n), 0) FROM contact_follow_ups WHERE day <= ?1")?
            .query_row([day], |r| r.get(0))?)
    }

    pub fn count(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM contacts", [], |r| r.get(0))?)
    }
}

pub(crate) fn insert_contact(conn: &Connection, f: &NewContact, now: i64) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO contacts (name, niche, location, language, email, phone, messenger, notes,
                                  stage, follow_up_on, rating, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        f.name,
        f.niche,
        f.location,
        f.language,
        f.email,
        f.phone,
        f.messenger,
        f.notes,
        if f.stage.is_empty() {
            "prospect"
        } else {
            f.stage.as_str()
        },
        f.follow_up_on,
        f.rating,
        now
    ])?;
    Ok(())
}

/// A collaboration's (`k`) views and engagements: the linked post's latest snapshot when it is
/// one of ours, else what the contact reported; NULL when unknown (never a made-up zero).
pub(crate) const EFFECTIVE_VIEWS: &str = "COALESCE((SELECT m.views FROM post_metrics m
        WHERE m.post_id = k.post_id ORDER BY m.snapshot_on DESC LIMIT 1), k.views)";
pub(crate) const EFFECTIVE_ENGAGEMENTS: &str = "COALESCE((SELECT CASE
            WHEN m.reactions IS NULL AND m.comments IS NULL AND m.shares IS NULL
                 AND m.saves IS NULL THEN NULL
            ELSE COALESCE(m.reactions, 0) + COALESCE(m.comments, 0) + COALESCE(m.shares, 0)
                 + COALESCE(m.saves, 0) END
        FROM post_metrics m WHERE m.post_id = k.post_id ORDER BY m.snapshot_on DESC LIMIT 1),
        k.engagements)";

/// (fee, currency, views, engagements) of one collaboration.
type FigureRow = (Option<i64>, String, Option<i64>, Option<i64>);

/// Brings a contact's kept columns up to date after any write that touches them: the folded
/// search text, the biggest handle's followers and engagement rate, the cost per engagement.
pub(crate) fn refresh_derived(conn: &Connection, id: i64) -> StoreResult<()> {
    let Some((name, niche, notes)) = conn
        .prepare_cached("SELECT name, niche, notes FROM contacts WHERE id = ?1")?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .optional()?
    else {
        return Ok(());
    };
    let mut text = format!("{name} {niche}");
    let mut handles = conn.prepare_cached(
        "SELECT handle, followers, engagement_rate FROM contact_handles WHERE contact_id = ?1
          ORDER BY followers DESC NULLS LAST, id",
    )?;
    let mut top: Option<(Option<i64>, Option<f64>)> = None;
    let mut rows = handles.query([id])?;
    while let Some(r) = rows.next()? {
        let handle: String = r.get(0)?;
        text.push(' ');
        text.push_str(&handle);
        top.get_or_insert((r.get(1)?, r.get(2)?));
    }
    text.push(' ');
    text.push_str(&notes);
    let figures: Vec<FigureRow> = conn
        .prepare_cached(&format!(
            "SELECT k.fee_minor, k.currency, {EFFECTIVE_VIEWS}, {EFFECTIVE_ENGAGEMENTS}
               FROM collaborations k WHERE k.contact_id = ?1 AND k.status != 'cancelled'"
        ))?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let figures: Vec<CollabFigures<'_>> = figures
        .iter()
        .map(|(fee, cur, views, eng)| CollabFigures {
            fee_minor: *fee,
            currency: cur,
            views: *views,
            engagements: *eng,
        })
        .collect();
    let costs = contact_costs(&figures);
    let (followers, er) = top.unwrap_or((None, None));
    conn.prepare_cached(
        "UPDATE contacts SET search_text = ?2, followers = ?3, engagement_rate = ?4,
                cost_per_engagement = ?5 WHERE id = ?1",
    )?
    .execute(params![
        id,
        fold(&text),
        followers,
        er,
        costs.cost_per_engagement
    ])?;
    Ok(())
}

/// The kept columns and last-contact time of the contacts above `mark` (a bulk batch's).
pub(crate) fn refresh_contacts_after(conn: &Connection, mark: i64) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE contacts SET last_contact_at = (SELECT MAX(at) FROM interactions i
                 WHERE i.contact_id = contacts.id AND i.channel != 'stage')
          WHERE id > ?1",
    )?
    .execute([mark])?;
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM contacts WHERE id > ?1")?
        .query_map([mark], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        refresh_derived(conn, id)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "contacts_tests.rs"]
mod tests;
