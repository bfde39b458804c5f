//! What the user named on the command line, as a list of files: a file, a folder (walked), or
//! a zip (read in memory). Each keeps the folder it came from, whose name carries the account
//! handle (Instagram) or the channel and date range (YouTube).

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;

use super::ImportError;

pub struct Source {
    /// How messages name the file: the path given, or `archive.zip!inner/path.csv`.
    pub name: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The export's own folder (`instagram-…`, `Content … Channel`), else the parent folder.
    pub root: Option<String>,
    pub modified: Option<NaiveDate>,
    /// Named directly by the user: an unknown format is an error, not a quiet skip.
    pub explicit: bool,
}

/// Zip entries above this size are refused rather than inflated into memory.
const MAX_ENTRY: u64 = 1 << 30;

pub fn collect(paths: &[PathBuf]) -> Result<Vec<Source>, ImportError> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| read_error(path, &e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files).map_err(|e| read_error(path, &e))?;
            files.sort();
            for f in files {
                let mut s = read_file(&f, false)?;
                let rel: Vec<String> = f
                    .strip_prefix(path.parent().unwrap_or(Path::new("")))
                    .unwrap_or(&f)
                    .components()
                    .filter_map(|c| match c {
                        Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                        _ => None,
                    })
                    .collect();
                s.root = root_of(&rel);
                out.push(s);
            }
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
        {
            read_zip(path, &mut out)?;
        } else {
            let mut s = read_file(path, true)?;
            let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            let parts: Vec<String> = abs
                .iter()
                .map(|c| c.to_string_lossy().into_owned())
                .collect();
            s.root = root_of(&parts);
            out.push(s);
        }
    }
    Ok(out)
}

/// The export's folder among the path's parts (the last part is the file itself).
fn root_of(parts: &[String]) -> Option<String> {
    let dirs = &parts[..parts.len().saturating_sub(1)];
    dirs.iter()
        .find(|d| d.starts_with("instagram-") || d.starts_with("Content "))
        .or(dirs.last())
        .cloned()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if is_candidate(&path.to_string_lossy()) {
            out.push(path);
        }
    }
    Ok(())
}

/// Inside folders and zips only CSV and JSON files are considered (a data download also
/// holds photos and videos).
fn is_candidate(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".json")
}

fn read_file(path: &Path, explicit: bool) -> Result<Source, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| read_error(path, &e))?;
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| chrono::DateTime::<chrono::Utc>::from(t).date_naive());
    Ok(Source {
        name: path.display().to_string(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes,
        root: None,
        modified,
        explicit,
    })
}

fn read_zip(path: &Path, out: &mut Vec<Source>) -> Result<(), ImportError> {
    let file = std::fs::File::open(path).map_err(|e| read_error(path, &e))?;
    let bad = |e: zip::result::ZipError| ImportError::Read {
        file: path.display().to_string(),
        message: format!("not a readable zip: {e}"),
    };
    let mut archive = zip::ZipArchive::new(file).map_err(bad)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(bad)?;
        let inner = entry.name().to_string();
        if entry.is_dir() || inner.starts_with("__MACOSX") || !is_candidate(&inner) {
            continue;
        }
        let name = format!("{}!{inner}", path.display());
        if entry.size() > MAX_ENTRY {
            return Err(ImportError::Read {
                file: name,
                message: "the file inside the zip is over 1 GiB".into(),
            });
        }
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| ImportError::Read {
                file: name.clone(),
                message: e.to_string(),
            })?;
        let modified = entry.last_modified().and_then(|d| {
            NaiveDate::from_ymd_opt(
                i32::from(d.year()),
                u32::from(d.month()),
                u32::from(d.day()),
            )
        });
        let mut parts: Vec<String> = stem.iter().cloned().collect();
        parts.extend(
            inner
                .split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
        out.push(Source {
            name,
            file_name: parts.last().cloned().unwrap_or_default(),
            bytes,
            root: root_of(&parts),
            modified,
            explicit: false,
        });
    }
    Ok(())
}

fn read_error(path: &Path, e: &std::io::Error) -> ImportError {
    ImportError::Read {
        file: path.display().to_string(),
        message: e.to_string(),
    }
}
