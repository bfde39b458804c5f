//! The apply step: finds (or creates) the account a file belongs to, reads zone-less times in
//! its zone, and writes the records through the import batch, counting what changed.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use crate::domain::{InboxKind, priority};
use crate::store::{
    Account, AccountDay, Change, ImportBatch, ImportLogEntry, ImportedPost, NewAccount,
    NewInboxItem, NewMessage, PostSnapshot,
};

use super::records::{Format, Identity, InboxRec, ItemRead, When};
use super::{FileSummary, ImportError, ImportOptions, Loaded};
use super::{dates, realign};

/// How often (in rows) the progress callback hears from a file.
const PROGRESS_EVERY: usize = 5_000;

pub fn apply(
    batch: &mut ImportBatch<'_>,
    l: &Loaded,
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<FileSummary, ImportError> {
    let p = &l.parsed;
    let mut summary = FileSummary {
        file: l.name.clone(),
        format: Some(l.format),
        rejected: p.rejects.len(),
        ..Default::default()
    };
    summary.notes.extend(p.notes.iter().cloned());
    let total = l.rows();
    progress(0, total);
    if total == 0 {
        summary.notes.push("no rows".into());
        return Ok(summary);
    }
    if !p.spend.is_empty() {
        return super::ads::apply(batch, l, options, summary);
    }
    let account = resolve(batch, l, options, &mut summary)?;
    summary.account = Some(account.label());
    let zone = zone_of(&account, l, &mut summary);
    let years_back = match &p.yearless {
        Some(y) if !y.month_days.is_empty() => realign::realign_days(batch, account.id, l, y)?,
        Some(_) => realign::realign_posts(batch, account.id, l, zone)?,
        None => 0,
    };
    let day_dates: Vec<NaiveDate> = match (&p.yearless, years_back) {
        (Some(y), k) if k > 0 => {
            summary.notes.push(format!(
                "dated {k} year(s) earlier than the latest they can be: that is where the days \
                 already imported match"
            ));
            dates::walk_back(&y.month_days, dates::years_back(y.limit, k)).unwrap_or_default()
        }
        _ => p.days.iter().map(|d| d.day).collect(),
    };
    batch.expect_inbox_rows(l.inbox_rows())?;
    let owner = owner_names(batch, l, options, &account)?;
    let mut rows = Rows {
        account,
        zone,
        years_back,
        snapshot_on: dates::years_back(p.snapshot_on.unwrap_or(l.export_date), years_back)
            .to_string(),
        owner,
        posts: HashMap::new(),
        done: 0,
        total,
    };
    match &l.streamed {
        None => rows.write(
            batch,
            l,
            p,
            Some(&day_dates),
            options,
            &mut summary,
            progress,
        )?,
        // A file read in chunks is read again, a chunk at a time, into the same transaction.
        // Who wrote each item and how urgent it reads is worked out on the parsing thread.
        Some(s) => {
            let (account, owner) = (&rows.account.clone(), &rows.owner.clone());
            let prepare = |p: &mut super::Parsed| {
                for rec in &mut p.inbox {
                    rec.read = Some(read_item(rec, account, owner, options));
                }
            };
            super::chunked::replay(l, s, &prepare, &mut |chunk| {
                rows.write(batch, l, &chunk, None, options, &mut summary, progress)
            })?
        }
    }
    progress(total, total);
    log_if_changed(batch, l, &summary, Some(rows.account.id))?;
    Ok(summary)
}

/// What the rows of one file are written with, kept from chunk to chunk.
struct Rows {
    account: Account,
    zone: Tz,
    years_back: u32,
    snapshot_on: String,
    /// The names the account's own messages carry (`owner_names`).
    owner: Vec<String>,
    /// Post ids by platform id, for the comments that name their post.
    posts: HashMap<String, Option<i64>>,
    done: usize,
    total: usize,
}

impl Rows {
    /// Writes the records of `p` (the whole file, or one chunk of it), counting what changed.
    #[allow(clippy::too_many_arguments)]
    fn write(
        &mut self,
        batch: &mut ImportBatch<'_>,
        l: &Loaded,
        p: &super::Parsed,
        day_dates: Option<&[NaiveDate]>,
        options: &ImportOptions,
        summary: &mut FileSummary,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(), ImportError> {
        let (account, zone, years_back) = (&self.account, self.zone, self.years_back);
        let (total, snapshot_on, owner) = (self.total, &self.snapshot_on, &self.owner);
        let mut done = self.done;
        let tally = |c: Change, s: &mut FileSummary| match c {
            Change::New => s.new += 1,
            Change::Updated => s.updated += 1,
            Change::Unchanged => s.unchanged += 1,
        };
        for rec in &p.posts {
            let published = rec.published.map(|w| match w {
                When::Date(d) => When::Date(dates::years_back(d, years_back)),
                w => w,
            });
            let post = ImportedPost {
                account_id: account.id,
                external_id: rec.external_id.clone(),
                title: rec.title.clone(),
                caption: rec.caption.clone(),
                format: rec.format.as_str().to_string(),
                published_at: published.map(|w| to_ts(w, zone)),
                date_only: matches!(published, Some(When::Date(_))),
                permalink: rec.permalink.clone(),
            };
            let (post_id, mut change) = batch.upsert_post(&post)?;
            let m = &rec.metrics;
            let values = [
                m.views,
                m.reach,
                m.reactions,
                m.comments,
                m.shares,
                m.saves,
                m.clicks,
                m.video_views,
                m.watch_time_s,
                m.follows,
            ];
            if values.iter().any(Option::is_some) {
                let snap = PostSnapshot {
                    post_id,
                    snapshot_on: snapshot_on.clone(),
                    views_label: m.views_label.to_string(),
                    views: m.views,
                    reach: m.reach,
                    reactions: m.reactions,
                    comments: m.comments,
                    shares: m.shares,
                    saves: m.saves,
                    clicks: m.clicks,
                    video_views: m.video_views,
                    watch_time_s: m.watch_time_s,
                    follows: m.follows,
                    source: l.format.as_str().to_string(),
                };
                change = change.and(batch.snapshot(&snap)?);
            }
            tally(change, summary);
            done += 1;
            if done.is_multiple_of(PROGRESS_EVERY) {
                progress(done, total);
            }
        }
        for (i, d) in p.days.iter().enumerate() {
            // Walked-back dates cover every day, or (when they could not be made) none is written.
            let on = match day_dates {
                Some(ds) => match ds.get(i) {
                    Some(on) => *on,
                    None => continue,
                },
                None => d.day,
            };
            let day = AccountDay {
                account_id: account.id,
                day: on.to_string(),
                followers: d.followers,
                reach: d.reach,
                views: d.views,
                profile_visits: d.profile_visits,
            };
            tally(batch.account_day(&day)?, summary);
            done += 1;
        }
        // A chunk without conversations writes inbox items only, which the store checks itself:
        // SQLite's own CHECKs on them (two temporary b-trees per row) are then left out.
        let items_only = p
            .inbox
            .iter()
            .all(|r| !(r.kind == InboxKind::Dm && r.thread_key.is_some()));
        let posts = &mut self.posts;
        let mut write_inbox = |batch: &mut ImportBatch<'_>| -> Result<(), ImportError> {
            for rec in &p.inbox {
                let read = match &rec.read {
                    Some(r) => r.clone(),
                    None => read_item(rec, account, owner, options),
                };
                let (from_self, prio, reason, sentiment) =
                    (read.from_self, read.priority, read.reason, read.sentiment);
                let author_name = rec
                    .author
                    .name
                    .clone()
                    .or_else(|| rec.author.handle.clone())
                    .unwrap_or_default();
                // The DMs of a thread are one conversation: its messages are kept with it, and only
                // the conversation is an item.
                if let (InboxKind::Dm, Some(thread_key)) = (rec.kind, &rec.thread_key) {
                    let message = NewMessage {
                        account_id: account.id,
                        platform: account.platform.clone(),
                        thread_key: thread_key.clone(),
                        external_id: rec.external_id.clone(),
                        sender_name: author_name,
                        sender_handle: rec.author.handle.clone(),
                        body: rec.body.clone(),
                        sent_at: rec.received_at,
                        from_self,
                        system: rec.system,
                        priority: prio,
                        priority_reason: reason.to_string(),
                        sentiment,
                    };
                    tally(batch.conversation_message(&message)?, summary);
                    done += 1;
                    if done.is_multiple_of(PROGRESS_EVERY) {
                        progress(done, total);
                    }
                    continue;
                }
                let post_id = match &rec.post_external_id {
                    Some(ext) => match posts.get(ext) {
                        Some(id) => *id,
                        None => {
                            let id = batch
                                .post_by_external_id(&account.platform, ext)?
                                .map(|(post, _)| post);
                            posts.insert(ext.clone(), id);
                            id
                        }
                    },
                    None => None,
                };
                let item = NewInboxItem {
                    account_id: account.id,
                    platform: account.platform.clone(),
                    kind: rec.kind.as_str().to_string(),
                    external_id: rec.external_id.clone(),
                    thread_key: rec.thread_key.clone(),
                    post_id,
                    author_name,
                    author_handle: rec.author.handle.clone(),
                    body: rec.body.clone(),
                    received_at: rec.received_at,
                    // A system line outside a conversation is never an item either.
                    from_self: from_self || rec.system,
                    status: if rec.hidden {
                        "hidden".into()
                    } else {
                        "new".into()
                    },
                    priority: prio,
                    priority_reason: reason.to_string(),
                    sentiment,
                    labels: String::new(),
                };
                tally(batch.inbox_item(&item)?, summary);
                done += 1;
                if done.is_multiple_of(PROGRESS_EVERY) {
                    progress(done, total);
                }
            }
            Ok(())
        };
        if items_only && !p.inbox.is_empty() {
            batch.with_checks_in_store(write_inbox)?;
        } else {
            write_inbox(batch)?;
        }
        self.done = done;
        Ok(())
    }
}

/// Who sent an inbox record (the account itself or not) and how urgent it reads: the
/// account's own messages and the platform's system lines are never urgent.
fn read_item(
    rec: &InboxRec,
    account: &Account,
    owner: &[String],
    options: &ImportOptions,
) -> ItemRead {
    let from_self = rec
        .from_self
        .unwrap_or_else(|| is_self(&rec.author, account, owner));
    if from_self || rec.system {
        return ItemRead {
            from_self,
            priority: priority::PRIORITY_OTHER,
            reason: "",
            sentiment: None,
        };
    }
    let a = priority::assess(&rec.body, &options.extra_negative);
    ItemRead {
        from_self,
        priority: a.priority,
        reason: a.reason,
        sentiment: a.sentiment,
    }
}

/// Only a file that changed something is logged, so that a repeated import changes no row.
/// With the account it went to and the options that decide the outcome, a later import of the
/// same bytes can say "unchanged" without reading them again.
pub(super) fn log_if_changed(
    batch: &mut ImportBatch<'_>,
    l: &Loaded,
    summary: &FileSummary,
    account_id: Option<i64>,
) -> Result<(), ImportError> {
    if summary.new + summary.updated > 0 {
        batch.log_file(&ImportLogEntry {
            file: l.name.clone(),
            format: l.format.as_str().to_string(),
            sha256: l.sha256.clone(),
            account_id,
            options: l.options_key.clone(),
            new: summary.new as i64,
            updated: summary.updated as i64,
            unchanged: summary.unchanged as i64,
            rejected: summary.rejected as i64,
        })?;
    }
    Ok(())
}

/// The account a file belongs to: the one it names (created when new), else the owner of the
/// posts its comments are on, else `--account`, else a known account among its authors.
fn resolve(
    batch: &ImportBatch<'_>,
    l: &Loaded,
    options: &ImportOptions,
    summary: &mut FileSummary,
) -> Result<Account, ImportError> {
    let hint = &l.parsed.account;
    let platform = hint.platform.map(|p| p.as_str());
    let err = |message: String| ImportError::Account {
        file: l.name.clone(),
        message,
    };
    let given = options
        .account
        .as_ref()
        .filter(|h| !h.trim().trim_start_matches('@').is_empty());
    if let Some(p) = platform {
        if let Some(ext) = &hint.external_id
            && let Some(a) = batch.account_by_external_id(p, ext)?
        {
            return Ok(a);
        }
        // The handle the file names (a Page's slug in its permalinks), else `--account` when
        // it is an account of this platform: a file that gives only a platform id (a Page ID)
        // joins the account the user named rather than splitting the brand in two.
        let named = match &hint.handle {
            Some(h) => batch.account_by_handle(h, Some(p))?,
            None => None,
        };
        let chosen = match (named, given) {
            (Some(a), _) => Some(a),
            (None, Some(g)) if hint.handle.is_none() || hint.handle_from_links => {
                batch.account_by_handle(g, Some(p))?
            }
            _ => None,
        };
        if let Some(a) = chosen {
            if let Some(ext) = &hint.external_id
                && a.external_id.is_none()
            {
                batch.learn_external_id(a.id, ext)?;
                summary.notes.push(format!(
                    "{} is the account with platform id {ext} (recorded)",
                    a.label()
                ));
                return Ok(batch.account(a.id)?);
            }
            return Ok(a);
        }
        if hint.external_id.is_some() || hint.handle.is_some() {
            let new = NewAccount {
                brand: hint.display_name.clone().unwrap_or_default(),
                platform: p.to_string(),
                handle: hint
                    .handle
                    .clone()
                    .or_else(|| hint.external_id.clone())
                    .unwrap_or_default(),
                display_name: hint.display_name.clone(),
                external_id: hint.external_id.clone(),
                ..Default::default()
            };
            let id = batch.add_account(&new)?;
            let a = batch.account(id)?;
            summary
                .notes
                .push(format!("created account {} (new to smmdeck)", a.label()));
            return Ok(a);
        }
        for ext in l
            .parsed
            .inbox
            .iter()
            .filter_map(|i| i.post_external_id.as_deref())
            .take(20)
        {
            if let Some((_, account)) = batch.post_by_external_id(p, ext)? {
                return Ok(batch.account(account)?);
            }
        }
    }
    // A known account among the people in the file (a Page writing in its own threads), or
    // named like the export's channel: before `--account`, which is for files that say nothing.
    let known: Vec<Account> = batch
        .accounts_list()?
        .into_iter()
        .filter(|a| platform.is_none_or(|p| a.platform == p))
        .filter(|a| {
            hint.display_name.as_deref().is_some_and(|n| {
                !a.display_name.is_empty() && a.display_name.eq_ignore_ascii_case(n)
            }) || hint
                .candidates
                .iter()
                .any(|c| is_self(c, a, &hint.self_names))
        })
        .collect();
    if let [only] = known.as_slice() {
        return Ok(only.clone());
    }
    if let Some(handle) = given {
        if let Some(a) = batch.account_by_handle(handle, platform)? {
            return Ok(a);
        }
        let Some(p) = platform else {
            return Err(err(format!(
                "no account @{} is known, and this export does not say which platform it is for; \
                 add the account first (smmdeck accounts add)",
                handle.trim_start_matches('@')
            )));
        };
        let id = batch.add_account(&NewAccount {
            platform: p.to_string(),
            handle: handle.clone(),
            display_name: hint.display_name.clone(),
            ..Default::default()
        })?;
        let a = batch.account(id)?;
        summary
            .notes
            .push(format!("created account {} (new to smmdeck)", a.label()));
        return Ok(a);
    }
    let what = platform.unwrap_or("Facebook or Instagram");
    Err(err(format!(
        "this {} export does not say which {what} account it belongs to{}; pass --account HANDLE",
        l.format,
        if known.len() > 1 {
            " (several known accounts match)"
        } else {
            ""
        }
    )))
}

/// Whether `who` is the account itself: by platform id, handle, display name, or a name the
/// account is known to go by in exports (`owner`).
fn is_self(who: &Identity, a: &Account, owner: &[String]) -> bool {
    let eq = |x: &Option<String>, y: &str| {
        x.as_deref()
            .is_some_and(|x| !y.is_empty() && same_name(x, y))
    };
    eq(&who.id, a.external_id.as_deref().unwrap_or(""))
        || eq(&who.handle, &a.handle)
        || eq(&who.name, &a.handle)
        || eq(&who.name, &a.display_name)
        || owner.iter().any(|n| eq(&who.name, n))
}

/// Names as people see them: case and surrounding spaces aside (Cyrillic too).
pub(super) fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a.eq_ignore_ascii_case(b) || a.to_lowercase() == b.to_lowercase()
}

/// The names the account's own messages carry in this file besides its handle and display
/// name: the ones learned before, the ones this export marks as the owner's, and `--as` when
/// it names someone in the file. The new ones are remembered for later imports. A message
/// file in which none of its people is known to be the account is refused, naming them:
/// smmdeck never guesses which sender is the brand.
fn owner_names(
    batch: &mut ImportBatch<'_>,
    l: &Loaded,
    options: &ImportOptions,
    account: &Account,
) -> Result<Vec<String>, ImportError> {
    let hint = &l.parsed.account;
    let is_messages = matches!(
        l.format,
        Format::InstagramDyiMessages | Format::GraphConversations
    );
    if !is_messages {
        return Ok(hint.self_names.clone());
    }
    let mut names = batch.aliases(account.id)?;
    let mut learn = Vec::new();
    for n in &hint.self_names {
        learn.push((n.clone(), format!("marked as the owner's in {}", l.name)));
    }
    if let Some(given) = options.as_name.as_deref()
        && let Some(n) = hint
            .candidates
            .iter()
            .filter_map(|c| c.name.as_deref())
            .chain(l.people.iter().map(String::as_str))
            .find(|n| same_name(n, given))
    {
        learn.push((n.to_string(), "import --as".to_string()));
    }
    for (n, _) in &learn {
        names.push(n.clone());
    }
    let known = hint.candidates.iter().any(|c| is_self(c, account, &names))
        || l.people
            .iter()
            .any(|p| names.iter().any(|n| same_name(n, p)) || same_name(p, &account.display_name));
    // A thread file names its participants, the account among them: when no one is known to
    // be the account, its own messages would land in the queue as open items.
    let names_people = !hint.candidates.is_empty() || !l.people.is_empty();
    if !known && names_people {
        let mut people: Vec<String> = l.people.clone();
        for c in &hint.candidates {
            if let Some(n) = c.name.as_ref().or(c.handle.as_ref())
                && !people.contains(n)
            {
                people.push(n.clone());
            }
        }
        return Err(ImportError::Owner {
            account: account.label(),
            files: vec![l.name.clone()],
            people,
            likely: hint.likely_self.clone(),
        });
    }
    for (n, source) in learn {
        let known_already = same_name(&n, &account.handle) || same_name(&n, &account.display_name);
        if !known_already {
            batch.learn_alias(account.id, &n, &source)?;
        }
    }
    Ok(names)
}

/// The account's zone for times without one; UTC (and a note) when it has none.
fn zone_of(a: &Account, l: &Loaded, summary: &mut FileSummary) -> Tz {
    let needs = l.needs_zone();
    match a.timezone.as_deref().map(str::parse::<Tz>) {
        Some(Ok(tz)) => tz,
        other => {
            if needs {
                let why = if other.is_some() {
                    "an unknown time zone"
                } else {
                    "no time zone"
                };
                summary.notes.push(format!(
                    "times without a zone were read as UTC: {} has {why}",
                    a.label()
                ));
            }
            Tz::UTC
        }
    }
}

fn to_ts(w: When, tz: Tz) -> i64 {
    let local = |n: NaiveDateTime| {
        // In a DST gap the local time does not exist: take the hour after it.
        tz.from_local_datetime(&n)
            .earliest()
            .or_else(|| {
                tz.from_local_datetime(&(n + chrono::Duration::hours(1)))
                    .earliest()
            })
            .map_or_else(|| n.and_utc().timestamp(), |d| d.timestamp())
    };
    match w {
        When::Utc(t) => t,
        When::Local(n) => local(n),
        // Noon: the same calendar day in every zone a viewer is likely to be in (the post
        // is flagged date-only, so the hour is never shown).
        When::Date(d) => local(d.and_time(chrono::NaiveTime::MIN) + chrono::Duration::hours(12)),
    }
}
