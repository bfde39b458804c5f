//! Importing the files platforms export: detection, one pure parser per format family (bytes
//! to canonical records, no SQL), then one apply step that writes the whole run in one
//! transaction through `store::ImportBatch`.
//!
//! The TUI calls [`run`] on a background thread with a progress callback; the CLI calls it
//! with an indicatif bar.

mod ads;
mod apply;
mod chunked;
mod clean;
pub mod contacts;
pub mod dates;
pub mod detect;
mod fb_legacy;
mod folder;
mod graph_feed;
mod graph_json;
mod ig_dyi;
mod linkedin;
mod meta_csv;
pub mod mojibake;
mod months;
pub mod parse;
mod pipeline;
mod realign;
pub mod records;
mod rules;
mod source;
mod stream;
mod table;
mod tiktok;
mod x_csv;
mod youtube;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::Platform;
use crate::store::{Store, StoreError, WriterNote};

pub use dates::DateOrder;
pub use parse::url_segment;
use records::{Ctx, FileError};
pub use records::{Format, Parsed};
pub use rules::inbox_rules;
use source::Source;

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The account for files that do not name theirs (`--account HANDLE`).
    pub account: Option<String>,
    /// Skip detection and read every file as this format.
    pub format: Option<Format>,
    /// Do all the work, report it, and roll back.
    pub dry_run: bool,
    /// Import the good rows and list the bad ones instead of stopping at the first.
    pub skip_invalid: bool,
    /// Where the rejected rows go (CSV), when there are any. Written before anything is
    /// committed, 0600, and never over an existing file unless `overwrite_rejects`.
    pub rejects_path: Option<PathBuf>,
    pub overwrite_rejects: bool,
    /// The instant stamped on new rows (from the injected clock).
    pub now: i64,
    /// The export day when neither the file nor its name says (from the clock).
    pub today: Option<NaiveDate>,
    /// The user's own negative words for inbox priority (config.toml).
    pub extra_negative: Vec<String>,
    /// `--date-order`: day/month order for numeric dates that no value of their column settles.
    pub date_order: Option<DateOrder>,
    /// `--as NAME`: the name the account's own messages carry in message exports that do not
    /// say which sender is the account (remembered for later imports).
    pub as_name: Option<String>,
    /// The inbox rules of config.toml, run over the items this import adds.
    pub rules: Vec<crate::domain::inbox_rules::Rule>,
}

/// What one file did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileSummary {
    pub file: String,
    pub format: Option<Format>,
    /// `IG @lumen.coffee`, when the file was applied to an account.
    pub account: Option<String>,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
    pub notes: Vec<String>,
}

impl std::fmt::Display for FileSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let format = self.format.map_or("skipped", Format::as_str);
        write!(f, "{}: {format}", self.file)?;
        if let Some(a) = &self.account {
            write!(f, " → {a}")?;
        }
        if self.format.is_some() {
            write!(
                f,
                ": {} new, {} updated, {} unchanged, {} rejected",
                self.new, self.updated, self.unchanged, self.rejected
            )?;
        }
        for n in &self.notes {
            write!(f, "\n  {n}")?;
        }
        Ok(())
    }
}

/// Where an import is, for a progress bar or the status line.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub file: String,
    /// 0-based index of the file being applied, of `files`.
    pub file_index: usize,
    pub files: usize,
    pub rows_done: usize,
    pub rows_total: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: {message}")]
    Read { file: String, message: String },
    #[error("{file}: not a known export{detail}. Known formats: {known}", known = Format::known_list())]
    Unknown { file: String, detail: String },
    #[error("{}", located(file, *line, field.as_deref(), message))]
    Invalid {
        file: String,
        line: Option<usize>,
        field: Option<String>,
        message: String,
    },
    #[error("{file}: {message}")]
    Account { file: String, message: String },
    #[error("{} files do not say which account they belong to:\n  {}\npass --account HANDLE: it is used for these files only (the other files name their own account)", .0.len(), .0.join("\n  "))]
    Unnamed(Vec<String>),
    #[error("{}", owner_question(account, files, people, likely))]
    Owner {
        /// `IG @lumen.coffee`.
        account: String,
        files: Vec<String>,
        /// Everyone the files name, for the user to pick the account from.
        people: Vec<String>,
        /// The names that are probably the account's (asked about, never applied).
        likely: Vec<String>,
    },
    #[error(
        "--as {name:?}: no message file of this import has a sender by that name; the senders are {}",
        quoted(names)
    )]
    AsUnknown { name: String, names: Vec<String> },
    #[error("nothing to import: {0}")]
    Nothing(String),
    #[error("cannot write the rejects file {file}: {message}")]
    Rejects { file: String, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn owner_question(account: &str, files: &[String], people: &[String], likely: &[String]) -> String {
    let mut s = format!(
        "cannot tell which sender is {account} itself in {}:\n  {}\nthe people in {} are {}",
        if files.len() == 1 {
            "this message file"
        } else {
            "these message files"
        },
        files.join("\n  "),
        if files.len() == 1 { "it" } else { "them" },
        quoted(people)
    );
    if !likely.is_empty() {
        s.push_str(&format!(
            " (probably {}: left out of the thread titles or in every thread)",
            quoted(likely)
        ));
    }
    s.push_str(
        "\npass --as NAME with the name the account's own messages carry (remembered for \
         later imports); nothing was imported",
    );
    s
}

fn located(file: &str, line: Option<usize>, field: Option<&str>, message: &str) -> String {
    let mut s = file.to_string();
    if let Some(l) = line {
        s.push_str(&format!(", line {l}"));
    }
    if let Some(f) = field.filter(|f| !f.is_empty()) {
        s.push_str(&format!(", field {f:?}"));
    }
    format!("{s}: {message}")
}

impl ImportError {
    fn invalid(file: &str, e: FileError) -> Self {
        ImportError::Invalid {
            file: file.to_string(),
            line: e.line,
            field: e.field,
            message: e.message,
        }
    }
}

/// A file read and parsed, waiting for the apply step.
pub(crate) struct Loaded {
    pub name: String,
    /// The folder (or zip) the file came from: files of one download share an account.
    pub root: Option<String>,
    pub format: Format,
    /// The whole file's records; for a file read in chunks, all but its records (which the
    /// apply step reads again from `streamed`).
    pub parsed: Parsed,
    pub export_date: NaiveDate,
    pub sha256: String,
    /// Everyone named in the message files of the same download (a DYI thread file names only
    /// its own participants; the account is the one they share).
    pub people: Vec<String>,
    /// The options that decide where and how the file lands (`import_log.options`).
    pub options_key: String,
    pub streamed: Option<chunked::Streamed>,
}

impl Loaded {
    /// Rows the file brings (read or to be read).
    pub fn rows(&self) -> usize {
        self.streamed
            .as_ref()
            .map_or(self.parsed.rows(), |s| s.rows)
    }

    pub fn inbox_rows(&self) -> usize {
        self.streamed
            .as_ref()
            .map_or(self.parsed.inbox.len(), |s| s.inbox)
    }

    /// Whether any post's time needs the account's zone to become an instant.
    pub fn needs_zone(&self) -> bool {
        self.streamed.as_ref().map_or_else(
            || {
                self.parsed.posts.iter().any(|p| {
                    matches!(
                        p.published,
                        Some(records::When::Local(_) | records::When::Date(_))
                    )
                })
            },
            |s| s.needs_zone,
        )
    }
}

/// The options that decide where a file's rows land and how its dates are read: an import of
/// the same bytes with other options is not "unchanged".
fn options_key(options: &ImportOptions) -> String {
    format!(
        "format={};account={};date-order={};as={}",
        options.format.map_or("", Format::as_str),
        options.account.as_deref().unwrap_or(""),
        match options.date_order {
            Some(DateOrder::Dmy) => "dmy",
            Some(DateOrder::Mdy) => "mdy",
            None => "",
        },
        options.as_name.as_deref().unwrap_or("")
    )
}

/// Imports `paths` into `store` in one transaction: every file is read and parsed first (so a
/// bad file stops the run before anything is written), then applied. On any error the
/// database is left exactly as it was. A file whose bytes were imported before, completely and
/// with the same options, is reported unchanged without being read again (when every file of
/// its folder is: they may share an account).
pub fn run(
    store: &mut Store,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Vec<FileSummary>, ImportError> {
    if paths.is_empty() {
        return Err(ImportError::Nothing("no files were named".into()));
    }
    let today = options
        .today
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let mut loaded = Vec::new();
    let mut skipped = Vec::new();
    let collected = source::collect(paths)?;
    skipped.extend(
        collected
            .skipped
            .into_iter()
            .map(|(file, why)| FileSummary {
                file,
                notes: vec![why],
                ..Default::default()
            }),
    );
    let key = options_key(options);
    let mut hashed = Vec::new();
    for src in collected.sources {
        let sha256 = chunked::sha256(&src)?;
        // Message files are always read: who the account is in them may have been learned
        // since (`--as`), and a new import then makes the brand's messages its own.
        let before = store.imported_before(&sha256, &key)?.filter(|b| {
            !matches!(
                Format::parse(&b.format),
                Some(Format::GraphConversations | Format::InstagramDyiMessages)
            )
        });
        hashed.push((src, sha256, before));
    }
    let changed_roots: BTreeSet<Option<String>> = hashed
        .iter()
        .filter(|(_, _, before)| before.is_none())
        .map(|(src, _, _)| src.root.clone())
        .collect();
    let mut unchanged = Vec::new();
    for (src, sha256, before) in hashed {
        match before {
            Some(b) if !changed_roots.contains(&src.root) => unchanged.push(FileSummary {
                file: src.name,
                format: Format::parse(&b.format),
                account: b.account,
                unchanged: b.rows as usize,
                notes: vec![
                    "unchanged: the same bytes were imported before; not read again".into(),
                ],
                ..Default::default()
            }),
            _ => match load(src, sha256, &key, options, today)? {
                Ok(l) => loaded.push(l),
                Err(s) => skipped.push(s),
            },
        }
    }
    if loaded.is_empty() && !unchanged.is_empty() {
        unchanged.extend(skipped);
        return Ok(unchanged);
    }
    if loaded.is_empty() {
        let names: Vec<String> = skipped.iter().map(|s| s.file.clone()).collect();
        return Err(ImportError::Nothing(format!(
            "no known export among {} (known formats: {})",
            if names.is_empty() {
                "the paths given".to_string()
            } else {
                names.join(", ")
            },
            Format::known_list()
        )));
    }
    gather_people(&mut loaded);
    check_as_name(&loaded, options)?;
    folder::share_account(&mut loaded);
    // Posts before metrics and inbox, so that comments find the posts they belong to.
    loaded.sort_by_key(|l| l.format);
    // The rejects file first: a path that cannot be written stops the run before the
    // database is touched, and a failure after it takes the file back.
    let rejects = write_rejects(&loaded, options)?;
    let result = apply_all(store, &loaded, options, progress);
    if result.is_err()
        && let Some(path) = rejects
    {
        let _ = std::fs::remove_file(path);
    }
    let mut summaries = result?;
    summaries.extend(unchanged);
    summaries.extend(skipped);
    Ok(summaries)
}

/// Writes every loaded file in one transaction (committed unless a dry run).
fn apply_all(
    store: &mut Store,
    loaded: &[Loaded],
    options: &ImportOptions,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Vec<FileSummary>, ImportError> {
    let db = store.path().map(std::path::Path::to_path_buf);
    let mut batch = store.begin_import(options.now)?;
    // The lock is ours now: say so beside the database, for writers that queue behind us.
    let note = db.map(|db| WriterNote::announce(&db, "an import"));
    let mut progress = |p: &Progress| {
        if let Some(note) = &note {
            note.progress(p.rows_done, p.rows_total);
        }
        progress(p)
    };
    let mut summaries = Vec::new();
    let files = loaded.len();
    // Every file that cannot name its account is listed at once, not one per attempt; nothing
    // is committed then.
    let mut unnamed = Vec::new();
    // Likewise every message file whose owner cannot be told: one question for the download.
    let mut unknown_owner: Option<ImportError> = None;
    for (i, l) in loaded.iter().enumerate() {
        let mut report = |done, total| {
            progress(&Progress {
                file: l.name.clone(),
                file_index: i,
                files,
                rows_done: done,
                rows_total: total,
            })
        };
        match apply::apply(&mut batch, l, options, &mut report) {
            Ok(s) => summaries.push(s),
            Err(ImportError::Account { file, message }) if options.account.is_none() => {
                unnamed.push((file, message, l.format));
            }
            Err(ImportError::Owner {
                account,
                files,
                people,
                likely,
            }) => merge_owner(&mut unknown_owner, account, files, people, likely),
            Err(e) => return Err(e),
        }
    }
    match unnamed.len() {
        // Which account a file is for comes first: who the account is in it follows.
        0 => {
            if let Some(e) = unknown_owner {
                return Err(e);
            }
        }
        1 => {
            let (file, message, _) = unnamed.remove(0);
            return Err(ImportError::Account { file, message });
        }
        _ => {
            return Err(ImportError::Unnamed(
                unnamed
                    .into_iter()
                    .map(|(file, _, format)| format!("{file} ({format})"))
                    .collect(),
            ));
        }
    }
    // Conversations take their newest messages before the rules read them.
    let conversations = batch.settle_conversations()?;
    // The rules see the new items, and the conversations new messages came into, in the same
    // transaction: a dry run reports what they would do, and a failed import leaves no rule's
    // change behind.
    let rules = batch.apply_rules(&options.rules, &conversations, options.now)?;
    if let Some(last) = summaries.last_mut() {
        last.notes.extend(rules.notes());
    }
    if !options.dry_run {
        batch.commit()?;
    }
    Ok(summaries)
}

/// Folds one file's "who is the account" question into the run's one question.
fn merge_owner(
    into: &mut Option<ImportError>,
    account: String,
    files: Vec<String>,
    people: Vec<String>,
    likely: Vec<String>,
) {
    match into {
        Some(ImportError::Owner {
            files: all_files,
            people: all_people,
            likely: all_likely,
            ..
        }) => {
            all_files.extend(files);
            for p in people {
                if !all_people.contains(&p) {
                    all_people.push(p);
                }
            }
            for p in likely {
                if !all_likely.contains(&p) {
                    all_likely.push(p);
                }
            }
        }
        _ => {
            *into = Some(ImportError::Owner {
                account,
                files,
                people,
                likely,
            })
        }
    }
}

/// How much of a large file is read to recognise its format.
const HEAD_BYTES: usize = 64 << 10;

/// Reads, decodes, detects and parses one file: whole when it is small (or of a format that
/// is read whole), else in chunks ([`chunked`]). `Ok(Err(summary))` is a file inside a folder
/// or zip that is not an export (skipped, and said so).
fn load(
    src: Source,
    sha256: String,
    options_key: &str,
    options: &ImportOptions,
    today: NaiveDate,
) -> Result<Result<Loaded, FileSummary>, ImportError> {
    let head = if src.size > chunked::whole_up_to() {
        chunked::utf8_head(&src, HEAD_BYTES)?
    } else {
        None
    };
    // Read now, not when the folder was walked: one file's bytes in memory at a time.
    let mut text = match head {
        Some(_) => None,
        None => Some(
            detect::decode_owned(src.take_bytes()?)
                .map_err(|e| ImportError::invalid(&src.name, e))?,
        ),
    };
    let probe = head.as_deref().or(text.as_deref()).unwrap_or("");
    let format = match options
        .format
        .or_else(|| detect::detect(probe, &src.file_name))
    {
        Some(f) => f,
        None if src.explicit => {
            let first = probe
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(80)
                .collect::<String>();
            return Err(ImportError::Unknown {
                file: src.name,
                detail: format!(" (it starts with {first:?})"),
            });
        }
        None => {
            return Ok(Err(FileSummary {
                file: src.name,
                notes: vec!["not a known export; skipped".into()],
                ..Default::default()
            }));
        }
    };
    let shape = head.as_deref().and_then(|h| stream::shape(format, h));
    let named = parse::date_in_name(&src.file_name)
        .or_else(|| src.root.as_deref().and_then(parse::date_in_name));
    // Without a date in a name, the latest the export can be: written no later than the file
    // itself, and not in the future.
    let export_date = named.unwrap_or_else(|| src.modified.map_or(today, |m| m.min(today)));
    let ctx = Ctx {
        file_name: src.file_name.clone(),
        root: src.root.clone(),
        export_date,
        export_date_stated: named.is_some(),
        date_order: options.date_order,
    };
    let (name, root) = (src.name.clone(), src.root.clone());
    let mut streamed = None;
    let parsed = match shape {
        Some(shape) => match chunked::first_pass(src, format, shape, ctx.clone())? {
            Ok((p, s)) => {
                streamed = Some(s);
                p
            }
            Err(src) => whole(&src, text.take(), format, &ctx)?,
        },
        None => whole(&src, text.take(), format, &ctx)?,
    };
    if let (false, Some(first)) = (options.skip_invalid, parsed.rejects.first()) {
        let more = parsed.rejects.len() - 1;
        let tail = if more > 0 {
            format!(" ({more} more rows like it; --skip-invalid imports the rest)")
        } else {
            String::new()
        };
        return Err(ImportError::Invalid {
            file: name,
            line: Some(first.line).filter(|l| *l > 0),
            field: Some(first.field.clone()),
            message: format!("{}{tail}", first.reason),
        });
    }
    Ok(Ok(Loaded {
        name,
        root,
        format,
        parsed,
        export_date,
        sha256,
        options_key: options_key.to_string(),
        streamed,
        people: Vec::new(),
    }))
}

/// A file parsed in one piece (its text, when already read).
fn whole(
    src: &Source,
    text: Option<String>,
    format: Format,
    ctx: &Ctx,
) -> Result<Parsed, ImportError> {
    let text = match text {
        Some(t) => t,
        None => detect::decode_owned(src.take_bytes()?)
            .map_err(|e| ImportError::invalid(&src.name, e))?,
    };
    let mut p = parse_as(format, &text, ctx).map_err(|e| ImportError::invalid(&src.name, e))?;
    clean::parsed(&mut p);
    Ok(p)
}

/// One file's bytes decoded, detected (unless `format` is given), parsed and cleaned as an
/// import does, with no database: for the fuzz targets (`fuzz/`). None when no format is
/// recognised.
pub fn parse_bytes(
    bytes: &[u8],
    file_name: &str,
    format: Option<Format>,
    export_date: NaiveDate,
) -> Option<Result<Parsed, FileError>> {
    let text = match detect::decode(bytes) {
        Ok(t) => t,
        Err(e) => return Some(Err(e)),
    };
    let format = format.or_else(|| detect::detect(&text, file_name))?;
    let ctx = Ctx {
        file_name: file_name.to_string(),
        root: None,
        export_date,
        export_date_stated: false,
        date_order: None,
    };
    Some(parse_as(format, &text, &ctx).map(|mut p| {
        clean::parsed(&mut p);
        p
    }))
}

/// The parser for a format. Pure: text in, records out.
pub fn parse_as(format: Format, text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    match format {
        Format::MetaFacebookPosts => meta_csv::posts(text, ctx, Platform::Facebook),
        Format::MetaInstagramPosts => meta_csv::posts(text, ctx, Platform::Instagram),
        Format::MetaAccountMetric => meta_csv::account_metric(text, ctx),
        Format::FacebookLegacyPosts => fb_legacy::posts(text, ctx),
        Format::XContent => x_csv::content(text, ctx),
        Format::XTweetActivity => x_csv::tweet_activity(text, ctx),
        Format::LinkedInPosts => linkedin::posts(text, ctx),
        Format::LinkedInMetrics => linkedin::metrics(text, ctx),
        Format::TikTokOverview => tiktok::overview(text, ctx),
        Format::TikTokFollowers => tiktok::followers(text, ctx),
        Format::TikTokViewers => tiktok::viewers(text, ctx),
        Format::TikTokContent => tiktok::content(text, ctx),
        Format::YouTubeContent => youtube::table(text, ctx),
        Format::YouTubeTotals => youtube::totals(text, ctx),
        Format::YouTubeChart => youtube::chart(text, ctx),
        Format::GraphFacebookFeed => graph_feed::facebook_feed(text),
        Format::GraphFacebookComments => graph_json::facebook_comments(text),
        Format::GraphInstagramComments => graph_json::instagram_comments(text),
        Format::GraphConversations => graph_json::conversations(text),
        Format::InstagramDyiComments => ig_dyi::comments(text, ctx),
        Format::InstagramDyiMessages => ig_dyi::messages(text, ctx),
        Format::MetaAdsSpend => ads::meta::parse(text, ctx),
        Format::TikTokAdsSpend => ads::tiktok::parse(text, ctx),
        Format::LinkedInAdsSpend => ads::linkedin::parse(text, ctx),
        Format::GoogleAdsSpend => ads::google::parse(text, ctx),
    }
}

/// The people of one download's message files.
#[derive(Default)]
struct Download {
    threads: usize,
    everyone: BTreeSet<String>,
    /// In every thread so far.
    common: Option<BTreeSet<String>>,
}

/// DYI threads name people, not ids, and each file only its own: every message file of a
/// download learns everyone in the download, and the names common to all its threads (two or
/// more) are added to what the thread titles leave out as the probable owner, for the
/// question asked when no name is known. Nothing here decides who the owner is.
fn gather_people(loaded: &mut [Loaded]) {
    let mut by_root: HashMap<Option<String>, Download> = HashMap::new();
    // What one thread's export marks as the owner's holds for the whole download.
    let mut marked: HashMap<Option<String>, BTreeSet<String>> = HashMap::new();
    for l in loaded
        .iter()
        .filter(|l| l.format == Format::InstagramDyiMessages)
    {
        let names: BTreeSet<String> = l
            .parsed
            .account
            .candidates
            .iter()
            .filter_map(|c| c.name.clone())
            .collect();
        marked
            .entry(l.root.clone())
            .or_default()
            .extend(l.parsed.account.self_names.iter().cloned());
        let d = by_root.entry(l.root.clone()).or_default();
        d.threads += 1;
        d.everyone.extend(names.iter().cloned());
        d.common = Some(match d.common.take() {
            Some(common) => common.intersection(&names).cloned().collect(),
            None => names,
        });
    }
    for l in loaded
        .iter_mut()
        .filter(|l| l.format == Format::InstagramDyiMessages)
    {
        if let Some(names) = marked.get(&l.root) {
            let own = &mut l.parsed.account.self_names;
            for n in names {
                if !own.contains(n) {
                    own.push(n.clone());
                }
            }
        }
        if let Some(d) = by_root.get(&l.root) {
            l.people = d.everyone.iter().cloned().collect();
            if d.threads >= 2
                && let Some(common) = &d.common
                && common.len() == 1
            {
                let likely = &mut l.parsed.account.likely_self;
                for n in common {
                    if !likely.contains(n) {
                        likely.push(n.clone());
                    }
                }
            }
        }
    }
}

/// `--as NAME` must name someone in the message files, or it would be remembered for nothing
/// and the own messages stay open items.
fn check_as_name(loaded: &[Loaded], options: &ImportOptions) -> Result<(), ImportError> {
    let Some(given) = options.as_name.as_deref() else {
        return Ok(());
    };
    let mut names: BTreeSet<String> = BTreeSet::new();
    for l in loaded.iter().filter(|l| {
        matches!(
            l.format,
            Format::InstagramDyiMessages | Format::GraphConversations
        )
    }) {
        names.extend(l.people.iter().cloned());
        names.extend(
            l.parsed
                .account
                .candidates
                .iter()
                .filter_map(|c| c.name.clone()),
        );
    }
    if names.iter().any(|n| apply::same_name(n, given)) {
        return Ok(());
    }
    Err(ImportError::AsUnknown {
        name: given.to_string(),
        names: names.into_iter().collect(),
    })
}

/// With `--skip-invalid`, the rejected rows as CSV: file, line, field, reason, row. Returns
/// the path when a file was written.
fn write_rejects<'o>(
    loaded: &[Loaded],
    options: &'o ImportOptions,
) -> Result<Option<&'o std::path::Path>, ImportError> {
    let Some(path) = &options.rejects_path else {
        return Ok(None);
    };
    if loaded.iter().all(|l| l.parsed.rejects.is_empty()) {
        return Ok(None);
    }
    let fail = |e: &dyn std::fmt::Display| ImportError::Rejects {
        file: path.display().to_string(),
        message: e.to_string(),
    };
    let file = crate::files::create_private(path, options.overwrite_rejects).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            fail(&"it already exists; name another with --rejects, or pass --force")
        } else {
            fail(&e)
        }
    })?;
    let mut w = csv::Writer::from_writer(file);
    w.write_record(["file", "line", "field", "reason", "row"])
        .map_err(|e| fail(&e))?;
    for l in loaded {
        for r in &l.parsed.rejects {
            w.write_record([
                l.name.as_str(),
                &r.line.to_string(),
                &r.field,
                &r.reason,
                &r.raw,
            ])
            .map_err(|e| fail(&e))?;
        }
    }
    w.flush().map_err(|e| fail(&e))?;
    Ok(Some(path))
}
