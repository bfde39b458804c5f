//! Writes to the contacts, one intent and one transaction each: add, edit, delete, a stage
//! move (which logs an interaction), an interaction, a follow-up, a rate, a collaboration, a
//! payment. Each checks what it is given, names the field it refuses, and returns the undo
//! step (the contact as it was); a write that would change nothing returns None.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::contacts::{Contacts, Handle, NewContact, refresh_derived};
use super::contacts_detail::Collaboration;
use super::contacts_undo::{ContactSnapshot, ContactUndo, Part};
use super::{StoreError, StoreResult};
use crate::domain::contact::{email_problem, normalize_handle};
use crate::domain::{Channel, CollabStatus, Platform, Stage};

/// A collaboration as the form and the command line give it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NewCollaboration {
    pub campaign_id: Option<i64>,
    pub deliverable: String,
    pub format: String,
    /// `YYYY-MM-DD`.
    pub due_on: Option<String>,
    pub fee_minor: Option<i64>,
    pub currency: String,
    /// What is exchanged instead of or beside a fee.
    pub barter: String,
    /// The stored word of a `CollabStatus`; empty means planned.
    pub status: String,
    pub post_link: Option<String>,
    pub post_id: Option<i64>,
    /// As the contact reported them, when the post is not one of ours.
    pub views: Option<i64>,
    pub engagements: Option<i64>,
}

impl From<&Collaboration> for NewCollaboration {
    /// The form's starting values. Views and engagements are the stored (reported) ones only
    /// when no post is linked: a linked post's figures are read, not typed.
    fn from(k: &Collaboration) -> Self {
        let typed = |v: Option<i64>| if k.post_id.is_some() { None } else { v };
        Self {
            campaign_id: k.campaign_id,
            deliverable: k.deliverable.clone(),
            format: k.format.clone(),
            due_on: k.due_on.clone(),
            fee_minor: k.fee_minor,
            currency: k.currency.clone(),
            barter: k.barter.clone(),
            status: k.status.clone(),
            post_link: k.post_link.clone(),
            post_id: k.post_id,
            views: typed(k.views),
            engagements: typed(k.engagements),
        }
    }
}

fn field(field: &'static str, message: impl Into<String>) -> StoreError {
    StoreError::Field {
        field,
        message: message.into(),
    }
}

fn check_day(name: &'static str, day: Option<&str>) -> StoreResult<()> {
    match day {
        Some(d) if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() => {
            Err(field(name, format!("{d:?} is not a day like 2026-12-03")))
        }
        _ => Ok(()),
    }
}

fn check_currency(c: &str) -> StoreResult<()> {
    if c.len() == 3 && c.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(field(
            "currency",
            format!("{c:?} is not a currency code like USD or EUR"),
        ))
    }
}

/// Cleans and checks a contact: trimmed text, a known stage, a rating of 1 to 5, a real day, an
/// e-mail that looks like one, handles without `@` on a named platform. Returns what to store.
pub fn checked_contact(c: &NewContact) -> StoreResult<NewContact> {
    let mut out = c.clone();
    for s in [
        &mut out.name,
        &mut out.niche,
        &mut out.location,
        &mut out.language,
    ] {
        *s = s.trim().to_string();
    }
    for s in [&mut out.email, &mut out.phone, &mut out.messenger] {
        *s = s
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from);
    }
    if out.name.is_empty() {
        return Err(field("name", "a contact needs a name"));
    }
    if out.name.chars().count() > 200 {
        return Err(field("name", "at most 200 characters"));
    }
    out.stage = if out.stage.trim().is_empty() {
        Stage::Prospect.as_str().to_string()
    } else {
        Stage::parse_loose(&out.stage)
            .ok_or_else(|| {
                let known: Vec<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
                field(
                    "stage",
                    format!(
                        "{:?} is not a stage; one of {}",
                        out.stage,
                        known.join(", ")
                    ),
                )
            })?
            .as_str()
            .to_string()
    };
    if let Some(r) = out.rating
        && !(1..=5).contains(&r)
    {
        return Err(field("rating", "a rating is 1 to 5"));
    }
    out.follow_up_on = out
        .follow_up_on
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(String::from);
    check_day("follow-up", out.follow_up_on.as_deref())?;
    if let Some(e) = &out.email
        && let Some(why) = email_problem(e)
    {
        return Err(field("email", format!("{e:?}: {why}")));
    }
    let mut handles: Vec<Handle> = Vec::new();
    for h in &c.handles {
        let handle = normalize_handle(&h.handle);
        let platform = h.platform.trim().to_lowercase();
        if handle.is_empty() && platform.is_empty() {
            continue;
        }
        if handle.is_empty() {
            return Err(field("handle", format!("the {platform} handle is empty")));
        }
        if handle.chars().any(char::is_whitespace) {
            return Err(field(
                "handle",
                format!("{handle:?}: a handle has no spaces"),
            ));
        }
        let platform = match Platform::parse_loose(&platform) {
            Some(p) => p.as_str().to_string(),
            None if platform.is_empty() => {
                return Err(field(
                    "platform",
                    format!("which platform is @{handle} on?"),
                ));
            }
            None if platform.chars().all(|c| c.is_alphanumeric() || c == '-') => platform,
            None => return Err(field("platform", format!("{platform:?} is not a platform"))),
        };
        if let Some(er) = h.engagement_rate
            && !(0.0..=1.0).contains(&er)
        {
            return Err(field("engagement rate", "between 0% and 100%"));
        }
        if h.followers.is_some_and(|f| f < 0) {
            return Err(field("followers", "cannot be negative"));
        }
        if handles
            .iter()
            .any(|o| o.platform == platform && o.handle.eq_ignore_ascii_case(&handle))
        {
            return Err(field(
                "handle",
                format!("{platform} @{handle} is listed twice"),
            ));
        }
        handles.push(Handle {
            platform,
            handle,
            followers: h.followers,
            engagement_rate: h.engagement_rate,
        });
    }
    out.handles = handles;
    Ok(out)
}

/// Cleans and checks a collaboration.
pub fn checked_collaboration(c: &NewCollaboration) -> StoreResult<NewCollaboration> {
    let mut out = c.clone();
    out.deliverable = out.deliverable.trim().to_string();
    out.format = out.format.trim().to_lowercase();
    out.barter = out.barter.trim().to_string();
    out.currency = match out.currency.trim() {
        "" => "USD".to_string(),
        c => c.to_uppercase(),
    };
    check_currency(&out.currency)?;
    if out.deliverable.is_empty() {
        return Err(field(
            "deliverable",
            "say what is to be delivered (1 reel + 3 stories)",
        ));
    }
    out.status = if out.status.trim().is_empty() {
        CollabStatus::Planned.as_str().to_string()
    } else {
        CollabStatus::parse(&out.status)
            .ok_or_else(|| {
                field(
                    "status",
                    format!(
                        "{:?}: one of planned, live, late, done, cancelled",
                        out.status
                    ),
                )
            })?
            .as_str()
            .to_string()
    };
    check_day("due", out.due_on.as_deref())?;
    if out.fee_minor.is_some_and(|f| f < 0) {
        return Err(field("fee", "cannot be negative"));
    }
    if out.views.is_some_and(|v| v < 0) || out.engagements.is_some_and(|v| v < 0) {
        return Err(field("views", "cannot be negative"));
    }
    out.post_link = out
        .post_link
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from);
    Ok(out)
}

fn name_of(conn: &Connection, id: i64) -> StoreResult<String> {
    conn.prepare_cached("SELECT name FROM contacts WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("contact {id}")))
}

/// Refuses a handle that belongs to another contact (it names them).
fn check_handles_free(conn: &Connection, id: Option<i64>, handles: &[Handle]) -> StoreResult<()> {
    for h in handles {
        let owner: Option<(i64, String)> = conn
            .prepare_cached(
                "SELECT c.id, c.name FROM contact_handles h JOIN contacts c ON c.id = h.contact_id
                  WHERE h.platform = ?1 AND h.handle = ?2",
            )?
            .query_row(params![h.platform, h.handle], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if let Some((other, name)) = owner
            && Some(other) != id
        {
            return Err(field(
                "handle",
                format!(
                    "{} @{} belongs to {name} (contact {other})",
                    h.platform, h.handle
                ),
            ));
        }
    }
    Ok(())
}

pub(crate) fn write_handles(conn: &Connection, id: i64, handles: &[Handle]) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM contact_handles WHERE contact_id = ?1")?
        .execute([id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO contact_handles (contact_id, platform, handle, followers, engagement_rate)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for h in handles {
        insert.execute(params![
            id,
            h.platform,
            h.handle,
            h.followers,
            h.engagement_rate
        ])?;
    }
    Ok(())
}

pub(crate) fn write_fields(
    conn: &Connection,
    id: i64,
    c: &NewContact,
    now: i64,
) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE contacts SET name = ?2, niche = ?3, location = ?4, language = ?5, email = ?6,
                phone = ?7, messenger = ?8, notes = ?9, stage = ?10, follow_up_on = ?11,
                rating = ?12, updated_at = ?13
          WHERE id = ?1",
    )?
    .execute(params![
        id,
        c.name,
        c.niche,
        c.location,
        c.language,
        c.email,
        c.phone,
        c.messenger,
        c.notes,
        c.stage,
        c.follow_up_on,
        c.rating,
        now
    ])?;
    Ok(())
}

/// The line a stage move logs.
pub fn stage_note(from: &str, to: Stage) -> String {
    let from = match Stage::parse(from) {
        Some(s) => s.label(),
        None => from,
    };
    format!("stage: {from} → {}", to.label())
}

impl Contacts<'_> {
    /// The contact as the form edits it.
    pub fn input(&self, id: i64) -> StoreResult<NewContact> {
        let d = self.detail(id)?;
        Ok(NewContact {
            name: d.name,
            niche: d.niche,
            location: d.location,
            language: d.language,
            email: d.email,
            phone: d.phone,
            messenger: d.messenger,
            notes: d.notes,
            stage: d.stage,
            follow_up_on: d.follow_up_on,
            rating: d.rating,
            handles: d.handles,
        })
    }

    /// Adds a contact with their handles.
    pub fn create(&self, c: &NewContact, now: i64) -> StoreResult<(i64, ContactUndo)> {
        let c = checked_contact(c)?;
        let tx = self.conn().unchecked_transaction()?;
        check_handles_free(&tx, None, &c.handles)?;
        super::contacts::insert_contact(&tx, &c, now)?;
        let id = tx.last_insert_rowid();
        write_handles(&tx, id, &c.handles)?;
        refresh_derived(&tx, id)?;
        let undo = ContactUndo::new(
            format!("new contact {}", c.name),
            ContactSnapshot::absent(id),
        );
        tx.commit()?;
        Ok((id, undo))
    }

    /// Writes the form's fields and handle list; None when nothing changed.
    pub fn update(&self, id: i64, c: &NewContact, now: i64) -> StoreResult<Option<ContactUndo>> {
        let c = checked_contact(c)?;
        if self.input(id)? == c {
            return Ok(None);
        }
        let tx = self.conn().unchecked_transaction()?;
        let before = ContactSnapshot::take_part(&tx, id, &[Part::All("contact_handles")])?;
        check_handles_free(&tx, Some(id), &c.handles)?;
        write_fields(&tx, id, &c, now)?;
        write_handles(&tx, id, &c.handles)?;
        refresh_derived(&tx, id)?;
        tx.commit()?;
        Ok(Some(ContactUndo::new(
            format!("edit of {}", c.name),
            before,
        )))
    }

    /// Deletes a contact with everything of theirs.
    pub fn delete(&self, id: i64) -> StoreResult<ContactUndo> {
        let tx = self.conn().unchecked_transaction()?;
        let name = name_of(&tx, id)?;
        let before = ContactSnapshot::take(&tx, id)?;
        tx.prepare_cached("DELETE FROM contacts WHERE id = ?1")?
            .execute([id])?;
        tx.commit()?;
        Ok(ContactUndo::new(format!("delete of {name}"), before))
    }

    /// Moves the contact to `to` and logs the move as an interaction, together.
    pub fn move_stage(&self, id: i64, to: Stage, now: i64) -> StoreResult<Option<ContactUndo>> {
        let tx = self.conn().unchecked_transaction()?;
        let (name, from): (String, String) = tx
            .prepare_cached("SELECT name, stage FROM contacts WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("contact {id}")))?;
        if from == to.as_str() {
            return Ok(None);
        }
        let before = ContactSnapshot::take_part(&tx, id, &[Part::Added("interactions")])?;
        tx.prepare_cached("UPDATE contacts SET stage = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![id, to.as_str(), now])?;
        let note = stage_note(&from, to);
        tx.prepare_cached(
            "INSERT INTO interactions (contact_id, at, channel, note) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, now, Channel::StageMove.as_str(), note])?;
        tx.commit()?;
        Ok(Some(ContactUndo::new(format!("{name} {note}"), before)))
    }

    /// One step along the pipeline (`>` / `<`); None at its end or off it.
    pub fn step_stage(&self, id: i64, forward: bool, now: i64) -> StoreResult<Option<ContactUndo>> {
        let current: String = self
            .conn()
            .prepare_cached("SELECT stage FROM contacts WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("contact {id}")))?;
        let Some(stage) = Stage::parse(&current) else {
            return Ok(None);
        };
        let to = if forward { stage.next() } else { stage.prev() };
        match to {
            Some(to) => self.move_stage(id, to, now),
            None => Ok(None),
        }
    }

    /// Logs how the user reached the contact; it becomes the last contact.
    pub fn log_interaction(
        &self,
        id: i64,
        channel: Channel,
        note: &str,
        now: i64,
    ) -> StoreResult<ContactUndo> {
        if channel == Channel::StageMove {
            return Err(field("channel", "one of email, dm, call, meeting, other"));
        }
        let tx = self.conn().unchecked_transaction()?;
        let name = name_of(&tx, id)?;
        let before = ContactSnapshot::take_part(&tx, id, &[Part::Added("interactions")])?;
        tx.prepare_cached(
            "INSERT INTO interactions (contact_id, at, channel, note) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, now, channel.as_str(), note.trim()])?;
        tx.prepare_cached(
            "UPDATE contacts SET last_contact_at = MAX(COALESCE(last_contact_at, ?2), ?2),
                    updated_at = ?2 WHERE id = ?1",
        )?
        .execute(params![id, now])?;
        tx.commit()?;
        Ok(ContactUndo::new(
            format!("{} with {name}", channel.as_str()),
            before,
        ))
    }

    /// Sets or clears the follow-up day (`YYYY-MM-DD`).
    pub fn set_follow_up(
        &self,
        id: i64,
        day: Option<&str>,
        now: i64,
    ) -> StoreResult<Option<ContactUndo>> {
        check_day("follow-up", day)?;
        let tx = self.conn().unchecked_transaction()?;
        let name = name_of(&tx, id)?;
        let before = ContactSnapshot::take_part(&tx, id, &[])?;
        let n = tx
            .prepare_cached(
                "UPDATE contacts SET follow_up_on = ?2, updated_at = ?3
                  WHERE id = ?1 AND follow_up_on IS NOT ?2",
            )?
            .execute(params![id, day, now])?;
        if n == 0 {
            return Ok(None);
        }
        tx.commit()?;
        Ok(Some(ContactUndo::new(
            format!("follow-up of {name}"),
            before,
        )))
    }

    /// Sets the price of one format on the rate card, or removes it (`price` None).
    pub fn set_rate(
        &self,
        id: i64,
        format: &str,
        price_minor: Option<i64>,
        currency: &str,
    ) -> StoreResult<Option<ContactUndo>> {
        let format = format.trim().to_lowercase();
        if format.is_empty() {
            return Err(field(
                "format",
                "say which format (post, reel, story, video)",
            ));
        }
        let currency = currency.trim().to_uppercase();
        check_currency(&currency)?;
        if price_minor.is_some_and(|p| p < 0) {
            return Err(field("price", "cannot be negative"));
        }
        let tx = self.conn().unchecked_transaction()?;
        let name = name_of(&tx, id)?;
        let before = ContactSnapshot::take_part(&tx, id, &[Part::All("rate_cards")])?;
        let n = match price_minor {
            Some(p) => tx
                .prepare_cached(
                    "INSERT INTO rate_cards (contact_id, format, price_minor, currency)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (contact_id, format) DO UPDATE
                        SET price_minor = excluded.price_minor, currency = excluded.currency
                      WHERE price_minor != excluded.price_minor OR currency != excluded.currency",
                )?
                .execute(params![id, format, p, currency])?,
            None => tx
                .prepare_cached("DELETE FROM rate_cards WHERE contact_id = ?1 AND format = ?2")?
                .execute(params![id, format])?,
        };
        if n == 0 {
            return Ok(None);
        }
        tx.commit()?;
        Ok(Some(ContactUndo::new(
            format!("{format} rate of {name}"),
            before,
        )))
    }

    /// Adds a collaboration to a contact.
    pub fn add_collaboration(
        &self,
        contact: i64,
        c: &NewCollaboration,
        now: i64,
    ) -> StoreResult<(i64, ContactUndo)> {
        let c = checked_collaboration(c)?;
        let tx = self.conn().unchecked_transaction()?;
        let name = name_of(&tx, contact)?;
        let before = ContactSnapshot::take_part(&tx, contact, &[Part::Added("collaborations")])?;
        tx.prepare_cached("INSERT INTO collaborations (contact_id, created_at) VALUES (?1, ?2)")?
            .execute(params![contact, now])?;
        let id = tx.last_insert_rowid();
        write_collaboration(&tx, id, &c)?;
        refresh_derived(&tx, contact)?;
        tx.commit()?;
        Ok((
            id,
            ContactUndo::new(format!("collaboration with {name}"), before),
        ))
    }

    /// Rewrites a collaboration; None when nothing changed.
    pub fn update_collaboration(
        &self,
        id: i64,
        c: &NewCollaboration,
    ) -> StoreResult<Option<ContactUndo>> {
        let c = checked_collaboration(c)?;
        if NewCollaboration::from(&self.collaboration(id)?) == c {
            return Ok(None);
        }
        let tx = self.conn().unchecked_transaction()?;
        let contact = collab_owner(&tx, id)?;
        let name = name_of(&tx, contact)?;
        let before = ContactSnapshot::take_part(&tx, contact, &[Part::All("collaborations")])?;
        write_collaboration(&tx, id, &c)?;
        refresh_derived(&tx, contact)?;
        tx.commit()?;
        Ok(Some(ContactUndo::new(
            format!("collaboration with {name}"),
            before,
        )))
    }

    /// Marks a collaboration paid (or not); None when it already was.
    pub fn set_paid(&self, id: i64, paid: bool, now: i64) -> StoreResult<Option<ContactUndo>> {
        let tx = self.conn().unchecked_transaction()?;
        let contact = collab_owner(&tx, id)?;
        let name = name_of(&tx, contact)?;
        let before = ContactSnapshot::take_part(&tx, contact, &[Part::All("collaborations")])?;
        let n = tx
            .prepare_cached(
                "UPDATE collaborations SET paid = ?2, paid_at = CASE WHEN ?2 THEN ?3 END
                  WHERE id = ?1 AND paid != ?2",
            )?
            .execute(params![id, paid, now])?;
        if n == 0 {
            return Ok(None);
        }
        tx.commit()?;
        let what = if paid { "paid" } else { "unpaid" };
        Ok(Some(ContactUndo::new(
            format!("{what}: collaboration with {name}"),
            before,
        )))
    }
}

fn write_collaboration(conn: &Connection, id: i64, c: &NewCollaboration) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE collaborations SET campaign_id = ?2, deliverable = ?3, format = ?4, due_on = ?5,
                fee_minor = ?6, currency = ?7, barter = ?8, status = ?9, post_link = ?10,
                post_id = ?11, views = ?12, engagements = ?13
          WHERE id = ?1",
    )?
    .execute(params![
        id,
        c.campaign_id,
        c.deliverable,
        c.format,
        c.due_on,
        c.fee_minor,
        c.currency,
        c.barter,
        c.status,
        c.post_link,
        c.post_id,
        c.views,
        c.engagements
    ])
    .map_err(|e| link_error(e, c))?;
    Ok(())
}

fn collab_owner(conn: &Connection, id: i64) -> StoreResult<i64> {
    conn.prepare_cached("SELECT contact_id FROM collaborations WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("collaboration {id}")))
}

/// A foreign key refused: the campaign or post named does not exist.
fn link_error(e: rusqlite::Error, c: &NewCollaboration) -> StoreError {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
        let what = match (c.campaign_id, c.post_id) {
            (Some(id), _) => format!("no campaign {id}"),
            (None, Some(id)) => format!("no post {id}"),
            _ => e.to_string(),
        };
        return field("campaign", what);
    }
    e.into()
}
