//! Importing the files platforms export: detection, one pure parser per format family (bytes
//! to canonical records, no SQL), then one apply step that writes the whole run in one
//! transaction through `store::ImportBatch`.
//!
//! The TUI calls [`run`] on a background thread with a progress callback; the CLI calls it
//! with an indicatif bar.

mod ads;
mod apply;
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
mod realign;
pub mod records;
mod rules;
mod source;
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
    #[error("nothing to import: {0}")]
    Nothing(String),
    #[error("cannot write the rejects file {file}: {message}")]
    Rejects { file: String, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
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
    pub parsed: Parsed,
    pub export_date: NaiveDate,
    pub sha256: String,
}

/// Imports `paths` into `store` in one transaction: every file is read and parsed first (so a
/// bad file stops the run before anything is written), then applied. On any error the
/// database is left exactly as it was.
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
    for src in collected.sources {
        match load(src, options, today)? {
            Ok(l) => loaded.push(l),
            Err(s) => skipped.push(s),
        }
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
    mark_dyi_self(&mut loaded);
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
            Err(e) => return Err(e),
        }
    }
    match unnamed.len() {
        0 => {}
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
    // The rules see the new items in the same transaction: a dry run reports what they would
    // do, and a failed import leaves no rule's change behind.
    let rules = batch.apply_rules(&options.rules, options.now)?;
    if let Some(last) = summaries.last_mut() {
        last.notes.extend(rules.notes());
    }
    if !options.dry_run {
        batch.commit()?;
    }
    Ok(summaries)
}

/// Reads, decodes, detects and parses one file. `Ok(Err(summary))` is a file inside a folder
/// or zip that is not an export (skipped, and said so).
fn load(
    src: Source,
    options: &ImportOptions,
    today: NaiveDate,
) -> Result<Result<Loaded, FileSummary>, ImportError> {
    // Read now, not when the folder was walked: one file's bytes in memory at a time.
    let bytes = src.take_bytes()?;
    // The digest first, so that the bytes can become the text without a second copy.
    let sha256 = {
        use sha2::{Digest, Sha256};
        Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let text = detect::decode_owned(bytes).map_err(|e| ImportError::invalid(&src.name, e))?;
    let format = match options
        .format
        .or_else(|| detect::detect(&text, &src.file_name))
    {
        Some(f) => f,
        None if src.explicit => {
            let first = text
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
    let mut parsed =
        parse_as(format, &text, &ctx).map_err(|e| ImportError::invalid(&src.name, e))?;
    clean::parsed(&mut parsed);
    if let (false, Some(first)) = (options.skip_invalid, parsed.rejects.first()) {
        let more = parsed.rejects.len() - 1;
        let tail = if more > 0 {
            format!(" ({more} more rows like it; --skip-invalid imports the rest)")
        } else {
            String::new()
        };
        return Err(ImportError::Invalid {
            file: src.name,
            line: Some(first.line).filter(|l| *l > 0),
            field: Some(first.field.clone()),
            message: format!("{}{tail}", first.reason),
        });
    }
    Ok(Ok(Loaded {
        name: src.name,
        root: src.root,
        format,
        parsed,
        export_date,
        sha256,
    }))
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

/// DYI threads name people, not ids: the account itself is the one participant common to
/// every thread of the same download (needs two threads or more to be sure).
fn mark_dyi_self(loaded: &mut [Loaded]) {
    let mut common: HashMap<Option<String>, (usize, BTreeSet<String>)> = HashMap::new();
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
        let entry = common
            .entry(l.parsed.account.handle.clone())
            .or_insert_with(|| (0, names.clone()));
        entry.0 += 1;
        entry.1 = entry.1.intersection(&names).cloned().collect();
    }
    for l in loaded
        .iter_mut()
        .filter(|l| l.format == Format::InstagramDyiMessages)
    {
        if let Some((threads, names)) = common.get(&l.parsed.account.handle)
            && *threads >= 2
            && names.len() == 1
        {
            l.parsed.account.self_names = names.iter().cloned().collect();
            if l.parsed.account.display_name.is_none() {
                l.parsed.account.display_name = names.iter().next().cloned();
            }
        }
    }
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
