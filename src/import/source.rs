//! What the user named on the command line, as a list of files: a file, a folder (walked), or
//! a zip. Each keeps the folder it came from, whose name carries the account handle
//! (Instagram) or the channel and date range (YouTube). A file's bytes are read only when it is
//! loaded ([`Source::take_bytes`]), so that a folder or zip of many exports holds one file's
//! bytes at a time, not all of them.

use std::cell::RefCell;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use chrono::NaiveDate;

use super::ImportError;

pub struct Source {
    /// How messages name the file: the path given, or `archive.zip!inner/path.csv`.
    pub name: String,
    pub file_name: String,
    /// Where the bytes come from; read by `take_bytes`.
    origin: Origin,
    /// The export's own folder (`instagram-…`, `Content … Channel`), else the parent folder.
    pub root: Option<String>,
    pub modified: Option<NaiveDate>,
    /// Named directly by the user: an unknown format is an error, not a quiet skip.
    pub explicit: bool,
    /// The size the file system (or the zip's header) gives: it chooses between reading the
    /// file whole and in chunks, never how much is read.
    pub size: u64,
}

enum Origin {
    File(PathBuf),
    Zip { zip: Rc<RefCell<Zip>>, index: usize },
}

/// One open archive shared by its entries, counting what they inflate to in all.
struct Zip {
    archive: zip::ZipArchive<std::fs::File>,
    inflated: u64,
    per_entry: u64,
    total: u64,
    /// The entries read once already (their bytes counted in `inflated`).
    read: Vec<usize>,
}

impl Source {
    /// Reads the file (or inflates the zip entry), capped by what it actually yields.
    pub fn take_bytes(&self) -> Result<Vec<u8>, ImportError> {
        self.with_reader(&mut |r| {
            let mut bytes = Vec::new();
            r.read_to_end(&mut bytes)?;
            Ok(bytes)
        })
    }

    /// Hands `read` the file's bytes as a stream (a zip entry inflated as it is read), capped
    /// as `take_bytes` is. The first read of a zip entry counts towards the zip's total; a
    /// second read of the same entry (an import reads a large file twice) does not.
    pub fn with_reader<T>(
        &self,
        read: &mut dyn FnMut(&mut dyn Read) -> std::io::Result<T>,
    ) -> Result<T, ImportError> {
        match &self.origin {
            Origin::File(path) => {
                let file = std::fs::File::open(path).map_err(|e| read_error(path, &e))?;
                let mut capped = Capped::new(file, MAX_FILE);
                read(&mut capped).map_err(|e| self.io_error(&e))
            }
            Origin::Zip { zip, index } => {
                let mut zip = zip.borrow_mut();
                let first = !zip.read.contains(index);
                let cap = if first {
                    zip.per_entry.min(zip.total - zip.inflated)
                } else {
                    zip.per_entry
                };
                let mut entry = zip.archive.by_index(*index).map_err(|e| self.fail(&e))?;
                // The header's size may lie: count what actually comes out, per entry and in all.
                let mut capped = Capped::new(&mut entry, cap);
                let out = read(&mut capped).map_err(|e| self.io_error(&e));
                let inflated = capped.seen;
                drop(entry);
                if first {
                    zip.inflated += inflated;
                    zip.read.push(*index);
                }
                out
            }
        }
    }

    fn fail(&self, e: &dyn std::fmt::Display) -> ImportError {
        ImportError::Read {
            file: self.name.clone(),
            message: e.to_string(),
        }
    }

    /// A read error, in the words the user needs (a cap, or what the system said).
    pub fn io_error(&self, e: &std::io::Error) -> ImportError {
        if e.kind() != std::io::ErrorKind::FileTooLarge {
            return self.fail(e);
        }
        match self.origin {
            Origin::Zip { .. } => self.fail(
                &"the files inside the zip inflate to more than smmdeck reads (1 GiB a file, \
                  2 GiB in all); unpack it and import the files you need",
            ),
            Origin::File(_) => self.fail(e),
        }
    }
}

/// A reader that fails with `FileTooLarge` once more than `cap` bytes came out of it.
struct Capped<R> {
    inner: R,
    cap: u64,
    seen: u64,
}

impl<R> Capped<R> {
    fn new(inner: R, cap: u64) -> Self {
        Self {
            inner,
            cap,
            seen: 0,
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // One byte past the cap is read, to tell "exactly the cap" from "more".
        let room = (self.cap + 1).saturating_sub(self.seen);
        let n = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let got = self.inner.read(&mut buf[..n])?;
        self.seen += got as u64;
        if self.seen > self.cap {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!(
                    "larger than {} MiB, more than smmdeck reads",
                    self.cap >> 20
                ),
            ));
        }
        Ok(got)
    }
}

/// A file or zip entry above this size is refused rather than read into memory; the bytes a
/// zip entry actually inflates to are counted, not what its header claims.
const MAX_FILE: u64 = 1 << 30;
/// All the entries of one zip together inflate to at most this much.
const MAX_ZIP_TOTAL: u64 = 2 << 30;

/// What `collect` found: the files to read, and what it passed over with the reason.
#[derive(Default)]
pub struct Collected {
    pub sources: Vec<Source>,
    /// (file, why it was skipped): shown in the summary, never silently dropped.
    pub skipped: Vec<(String, String)>,
}

pub fn collect(paths: &[PathBuf]) -> Result<Collected, ImportError> {
    let mut out = Collected::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| read_error(path, &e))?;
        if meta.is_dir() {
            let root = std::fs::canonicalize(path).map_err(|e| read_error(path, &e))?;
            let mut files = Vec::new();
            let mut seen = vec![root.clone()];
            walk(path, &root, &mut seen, &mut files, &mut out.skipped)
                .map_err(|e| read_error(path, &e))?;
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
                out.sources.push(s);
            }
        } else if !meta.is_file() {
            return Err(ImportError::Read {
                file: path.display().to_string(),
                message: "not a regular file (a device, a pipe or a socket); export files are \
                          plain files"
                    .into(),
            });
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
        {
            read_zip(path, &mut out, MAX_FILE, MAX_ZIP_TOTAL)?;
        } else {
            let mut s = read_file(path, true)?;
            let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            let parts: Vec<String> = abs
                .iter()
                .map(|c| c.to_string_lossy().into_owned())
                .collect();
            s.root = root_of(&parts);
            out.sources.push(s);
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

/// Walks a folder for candidate files. Only regular files are read; a link is followed only
/// when it stays inside the folder given (`root`) and does not lead back to a folder already
/// walked; anything else is listed in `skipped` with the reason.
fn walk(
    dir: &Path,
    root: &Path,
    seen: &mut Vec<PathBuf>,
    out: &mut Vec<PathBuf>,
    skipped: &mut Vec<(String, String)>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        let mut kind = entry.file_type()?;
        if kind.is_symlink() {
            let target = match std::fs::canonicalize(&path) {
                Ok(t) if t.starts_with(root) => t,
                Ok(_) => {
                    skipped.push((shown(&path), "a link to outside the folder; skipped".into()));
                    continue;
                }
                Err(_) => {
                    skipped.push((shown(&path), "a broken link; skipped".into()));
                    continue;
                }
            };
            kind = std::fs::metadata(&target)?.file_type();
            if kind.is_dir() && seen.contains(&target) {
                skipped.push((
                    shown(&path),
                    "a link back to a folder already read; skipped".into(),
                ));
                continue;
            }
            if kind.is_dir() {
                seen.push(target);
            }
        } else if kind.is_dir() {
            seen.push(std::fs::canonicalize(&path)?);
        }
        if kind.is_dir() {
            walk(&path, root, seen, out, skipped)?;
        } else if !is_candidate(&path.to_string_lossy()) {
        } else if kind.is_file() {
            out.push(path);
        } else {
            skipped.push((
                shown(&path),
                "not a regular file (a device, a pipe or a socket); skipped".into(),
            ));
        }
    }
    Ok(())
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Inside folders and zips only CSV and JSON files are considered (a data download also
/// holds photos and videos).
fn is_candidate(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".json")
}

fn read_file(path: &Path, explicit: bool) -> Result<Source, ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| read_error(path, &e))?;
    let modified = meta
        .modified()
        .ok()
        .map(|t| chrono::DateTime::<chrono::Utc>::from(t).date_naive());
    Ok(Source {
        name: path.display().to_string(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        origin: Origin::File(path.to_path_buf()),
        root: None,
        modified,
        explicit,
        size: meta.len(),
    })
}

/// Reads the candidate entries of a zip, at most `per_entry` bytes each and `total` in all.
fn read_zip(
    path: &Path,
    out: &mut Collected,
    per_entry: u64,
    total: u64,
) -> Result<(), ImportError> {
    let file = std::fs::File::open(path).map_err(|e| read_error(path, &e))?;
    let bad = |e: zip::result::ZipError| ImportError::Read {
        file: path.display().to_string(),
        message: format!("not a readable zip: {e}"),
    };
    let archive = zip::ZipArchive::new(file).map_err(bad)?;
    let count = archive.len();
    let shared = Rc::new(RefCell::new(Zip {
        archive,
        inflated: 0,
        per_entry,
        total,
        read: Vec::new(),
    }));
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    for i in 0..count {
        let (inner, is_dir, is_link, modified, size) = {
            let mut zip = shared.borrow_mut();
            let entry = zip.archive.by_index(i).map_err(bad)?;
            let modified = entry.last_modified().and_then(|d| {
                NaiveDate::from_ymd_opt(
                    i32::from(d.year()),
                    u32::from(d.month()),
                    u32::from(d.day()),
                )
            });
            let inner = entry.name().to_string();
            (
                inner,
                entry.is_dir(),
                entry.is_symlink(),
                modified,
                entry.size(),
            )
        };
        if is_dir || inner.starts_with("__MACOSX") || !is_candidate(&inner) {
            continue;
        }
        let name = format!("{}!{inner}", path.display());
        if is_link {
            // A link stored in the archive names a path on this machine: never followed.
            out.skipped
                .push((name, "a link inside the zip; skipped".into()));
            continue;
        }
        let mut parts: Vec<String> = stem.iter().cloned().collect();
        parts.extend(
            inner
                .split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
        out.sources.push(Source {
            name,
            file_name: parts.last().cloned().unwrap_or_default(),
            origin: Origin::Zip {
                zip: Rc::clone(&shared),
                index: i,
            },
            root: root_of(&parts),
            modified,
            explicit: false,
            size,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn item_07_zip_entries_are_capped_by_the_bytes_they_inflate_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.zip");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default();
        for name in ["a.csv", "b.csv", "c.csv"] {
            zip.start_file(name, options).unwrap();
            zip.write_all(&vec![b'x'; 3000]).unwrap();
        }
        zip.finish().unwrap();
        // Every entry read in turn, as the import does: the first error stops it.
        let read_all = |per_entry, total| -> Result<usize, ImportError> {
            let mut out = Collected::default();
            read_zip(&path, &mut out, per_entry, total)?;
            for s in &out.sources {
                s.take_bytes()?;
            }
            Ok(out.sources.len())
        };
        let err = read_all(2000, 10_000).err().unwrap();
        assert!(err.to_string().contains("a.csv"), "{err}");
        let err = read_all(4000, 8000).err().unwrap();
        assert!(
            err.to_string().contains("c.csv"),
            "the total is capped too: {err}"
        );
        assert_eq!(read_all(4000, 9000).unwrap(), 3);
    }
}
