//! The `:` line's memory and help: a history of the lines typed (↑ ↓), kept in a private file
//! beside the database, and Tab completion of command names, account handles and paths,
//! cycling through the candidates on a repeated Tab.

use std::path::{Path, PathBuf};

use crate::text::shell_words;
use crate::tui::widgets::overlay::TextInput;

/// The commands `:` knows, with what they take (for completion and the unknown-command hint).
pub const COMMANDS: &[(&str, &str)] = &[
    ("import", "[--account HANDLE] [--as NAME] PATH..."),
    ("period", "2026-10-01..2026-10-31"),
    ("demo", ""),
    ("help", ""),
    ("quit", ""),
];

/// How many lines the history keeps, newest last.
pub const HISTORY_LINES: usize = 200;
/// Entries of one folder looked at for a path completion (a huge folder must not stall a key).
const SCAN_ENTRIES: usize = 5_000;

/// The history file of the database at `db`: `x.db` → `x.db.history`, beside it. None for a
/// database in memory (the history then lives as long as the app).
pub fn history_path(db: Option<&Path>) -> Option<PathBuf> {
    let db = db?;
    let mut name = db.file_name()?.to_os_string();
    name.push(".history");
    Some(db.with_file_name(name))
}

/// One candidate of a completion: its text, and whether it ends the word (a file, a command;
/// a folder leaves the word open to go on into it).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Candidate {
    text: String,
    last: bool,
}

/// A completion Tab can cycle through: the line around the completed word, and the candidates.
struct Cycle {
    head: String,
    tail: String,
    candidates: Vec<Candidate>,
    index: usize,
    /// The line as the last Tab left it: any other change starts a new completion.
    shown: String,
}

#[derive(Default)]
pub struct CommandLine {
    history: Vec<String>,
    file: Option<PathBuf>,
    /// The file the history was read from (it is read once, when `:` first opens).
    loaded: Option<Option<PathBuf>>,
    /// Set once a write failed: the history goes on in memory, without trying every line.
    unwritable: bool,
    /// Where ↑ ↓ are in the history; None is the line being typed (kept in `draft`).
    browsing: Option<usize>,
    draft: String,
    cycle: Option<Cycle>,
}

impl CommandLine {
    /// `:` opens: reads the history of this database the first time, and starts at a fresh line.
    pub fn open(&mut self, file: Option<PathBuf>) {
        if self.loaded.as_ref() != Some(&file) {
            self.history = file.as_deref().map(read_history).unwrap_or_default();
            self.loaded = Some(file.clone());
            self.file = file;
            self.unwritable = false;
        }
        self.browsing = None;
        self.draft.clear();
        self.cycle = None;
    }

    /// The lines remembered, oldest first.
    #[cfg(test)]
    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// A line was accepted: remembered (not twice in a row), and the file written. A file that
    /// cannot be written leaves the history in memory; it never stops the command.
    pub fn remember(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() || line.contains('\n') {
            return;
        }
        if self.history.last().map(String::as_str) != Some(line) {
            self.history.push(line.to_string());
        }
        let over = self.history.len().saturating_sub(HISTORY_LINES);
        self.history.drain(..over);
        if let (Some(path), false) = (&self.file, self.unwritable)
            && let Err(e) = write_history(path, &self.history)
        {
            tracing::warn!(path = %path.display(), error = %e, "command history not saved");
            self.unwritable = true;
        }
    }

    /// ↑: the line before in the history (the one being typed is kept for ↓).
    pub fn back(&mut self, input: &mut TextInput) {
        let at = match self.browsing {
            None if self.history.is_empty() => return,
            None => {
                self.draft = input.text();
                self.history.len() - 1
            }
            Some(i) => i.saturating_sub(1),
        };
        self.browsing = Some(at);
        self.cycle = None;
        input.set_text(&self.history[at]);
    }

    /// ↓: the line after, and past the newest the line that was being typed.
    pub fn forward(&mut self, input: &mut TextInput) {
        let Some(i) = self.browsing else { return };
        self.cycle = None;
        if i + 1 < self.history.len() {
            self.browsing = Some(i + 1);
            input.set_text(&self.history[i + 1]);
        } else {
            self.browsing = None;
            input.set_text(&self.draft);
        }
    }

    /// Tab: completes the word before the cursor, or puts the next candidate in its place when
    /// the line is as the last Tab left it. Returns what to say in the status line.
    pub fn complete(&mut self, input: &mut TextInput, handles: &[String]) -> String {
        let text = input.text();
        if let Some(c) = &mut self.cycle
            && c.shown == text
            && c.candidates.len() > 1
        {
            c.index = (c.index + 1) % c.candidates.len();
            return self.show(input);
        }
        let before = input.before_cursor();
        let tail = text.get(before.len()..).unwrap_or_default().to_string();
        let scan = shell_words::scan(&before);
        let (start, word) = match (scan.between_words, scan.words.last()) {
            (false, Some((start, word))) => (*start, word.clone()),
            _ => (before.len(), String::new()),
        };
        let done = scan.words.len() - usize::from(!scan.between_words);
        let previous: Vec<&str> = scan.words[..done].iter().map(|(_, w)| w.as_str()).collect();
        let candidates = match previous.first().map(|c| c.trim_start_matches(':')) {
            None => {
                let typed = word.trim_start_matches(':');
                let colon = if word.starts_with(':') { ":" } else { "" };
                COMMANDS
                    .iter()
                    .filter(|(name, _)| name.starts_with(typed))
                    .map(|(name, _)| Candidate {
                        text: format!("{colon}{name}"),
                        last: true,
                    })
                    .collect()
            }
            Some("import") if previous.last() == Some(&"--account") => {
                let typed = word.trim_start_matches('@');
                let mut found: Vec<Candidate> = handles
                    .iter()
                    .filter(|h| h.starts_with(typed))
                    .map(|h| Candidate {
                        text: format!("@{h}"),
                        last: true,
                    })
                    .collect();
                found.dedup();
                found
            }
            Some("import") if previous.last() == Some(&"--as") => Vec::new(),
            Some("import") if word.starts_with('-') => ["--account", "--as"]
                .iter()
                .filter(|o| o.starts_with(&word))
                .map(|o| Candidate {
                    text: o.to_string(),
                    last: true,
                })
                .collect(),
            Some("import") => paths(&word),
            Some(_) => Vec::new(),
        };
        if candidates.is_empty() {
            self.cycle = None;
            return match word.as_str() {
                "" => "nothing to complete here".into(),
                w => format!("nothing matches {w}"),
            };
        }
        self.cycle = Some(Cycle {
            head: before.get(..start).unwrap_or_default().to_string(),
            tail,
            candidates,
            index: 0,
            shown: String::new(),
        });
        self.show(input)
    }

    /// Puts the cycle's current candidate into the line; the status names the others.
    fn show(&mut self, input: &mut TextInput) -> String {
        let Some(c) = &mut self.cycle else {
            return String::new();
        };
        let Some(cand) = c.candidates.get(c.index) else {
            return String::new();
        };
        let mut word = shell_words::quote(&cand.text);
        if !cand.last && word.ends_with('"') && word.len() > 1 {
            // A folder: the quote stays open so that the next Tab goes on inside it.
            word.pop();
        }
        if cand.last && !c.tail.starts_with(' ') {
            word.push(' ');
        }
        let upto = format!("{}{word}", c.head);
        input.set_line(&format!("{upto}{}", c.tail), upto.chars().count());
        c.shown = input.text();
        let n = c.candidates.len();
        if n == 1 {
            return String::new();
        }
        let names: Vec<&str> = c
            .candidates
            .iter()
            .map(|c| {
                let t = c.text.trim_end_matches('/');
                t.rsplit('/').next().unwrap_or(t)
            })
            .take(8)
            .collect();
        let more = if n > 8 { " …" } else { "" };
        format!(
            "Tab {}/{n}: {}{more}",
            c.index + 1,
            crate::text::one_line(&names.join(" · "))
        )
    }
}

/// The paths that complete `typed`: entries of its folder starting with its last part (any
/// case when none matches exactly), folders first ending in `/`. Hidden ones only when asked.
fn paths(typed: &str) -> Vec<Candidate> {
    if typed == "~" {
        return vec![Candidate {
            text: "~/".into(),
            last: false,
        }];
    }
    let (dir_typed, name_typed) = match typed.rfind('/') {
        Some(i) => typed.split_at(i + 1),
        None => ("", typed),
    };
    let dir = if dir_typed.is_empty() {
        PathBuf::from(".")
    } else {
        super::commands::expand_home(dir_typed)
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut names: Vec<(String, bool)> = entries
        .take(SCAN_ENTRIES)
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if name.starts_with('.') && !name_typed.starts_with('.') {
                return None;
            }
            // Through a link to a folder, as a shell does.
            let is_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
            Some((name, is_dir))
        })
        .collect();
    let exact: Vec<(String, bool)> = names
        .iter()
        .filter(|(n, _)| n.starts_with(name_typed))
        .cloned()
        .collect();
    if exact.is_empty() {
        let lower = name_typed.to_lowercase();
        names.retain(|(n, _)| n.to_lowercase().starts_with(&lower));
    } else {
        names = exact;
    }
    names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    names
        .into_iter()
        .map(|(name, is_dir)| Candidate {
            text: format!("{dir_typed}{name}{}", if is_dir { "/" } else { "" }),
            last: !is_dir,
        })
        .collect()
}

/// The last `HISTORY_LINES` lines of the file; nothing when it is missing or unreadable.
fn read_history(path: &Path) -> Vec<String> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    let over = lines.len().saturating_sub(HISTORY_LINES);
    lines[over..].to_vec()
}

/// Writes the history whole, private (0600: paths and handles say whose data this is).
fn write_history(path: &Path, lines: &[String]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = crate::files::create_private(path, true)?;
    let mut text = lines.join("\n");
    text.push('\n');
    file.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str) -> TextInput {
        TextInput::new(":".into(), text.into(), false)
    }

    #[test]
    fn history_is_capped_private_and_survives_an_unwritable_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db.history");
        assert_eq!(
            history_path(Some(&dir.path().join("x.db"))),
            Some(path.clone())
        );
        let mut cl = CommandLine::default();
        cl.open(Some(path.clone()));
        for i in 0..HISTORY_LINES + 5 {
            cl.remember(&format!("period {i}"));
        }
        cl.remember("demo");
        cl.remember("demo");
        assert_eq!(cl.history().len(), HISTORY_LINES);
        assert_eq!(cl.history().last().map(String::as_str), Some("demo"));
        assert_eq!(cl.history()[0], "period 6");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let mut again = CommandLine::default();
        again.open(Some(path.clone()));
        assert_eq!(again.history(), cl.history());

        // A folder in the way of the file: the history goes on in memory.
        let blocked = dir.path().join("blocked");
        std::fs::create_dir_all(&blocked).unwrap();
        let mut mem = CommandLine::default();
        mem.open(Some(blocked));
        mem.remember("q");
        mem.remember("demo");
        assert_eq!(mem.history(), ["q", "demo"]);
    }

    #[test]
    fn up_and_down_walk_the_history_and_come_back_to_the_draft() {
        let mut cl = CommandLine::default();
        cl.open(None);
        cl.remember("import a.csv");
        cl.remember("period 2026-10-01..2026-10-31");
        let mut i = input("per");
        cl.back(&mut i);
        assert_eq!(i.text(), "period 2026-10-01..2026-10-31");
        cl.back(&mut i);
        cl.back(&mut i);
        assert_eq!(i.text(), "import a.csv", "stops at the oldest");
        cl.forward(&mut i);
        cl.forward(&mut i);
        assert_eq!(i.text(), "per", "the line being typed comes back");
    }

    #[test]
    fn tab_completes_commands_handles_and_paths_and_cycles() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("Content 2026-10-01 Lumen Coffee Co.csv"),
            "x",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("Content 2026-10-02 Lumen Coffee Co.csv"),
            "x",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("My exports")).unwrap();
        std::fs::write(dir.path().join("My exports/posts.json"), "x").unwrap();
        let root = dir.path().display().to_string();
        let mut cl = CommandLine::default();
        cl.open(None);

        let mut i = input("im");
        cl.complete(&mut i, &[]);
        assert_eq!(i.text(), "import ");

        let handles = ["lumen.coffee".to_string(), "lumen.kyiv".to_string()];
        let mut i = input("import --account @lumen.k");
        cl.complete(&mut i, &handles);
        assert_eq!(i.text(), "import --account @lumen.kyiv ");

        let mut i = input(&format!("import {root}/Con"));
        let status = cl.complete(&mut i, &[]);
        assert_eq!(
            i.text(),
            format!("import \"{root}/Content 2026-10-01 Lumen Coffee Co.csv\" ")
        );
        assert!(status.starts_with("Tab 1/2"), "{status}");
        cl.complete(&mut i, &[]);
        assert!(
            i.text().contains("2026-10-02"),
            "a second Tab cycles: {}",
            i.text()
        );
        let words = shell_words::split(&i.text()).unwrap();
        assert_eq!(
            words[1],
            format!("{root}/Content 2026-10-02 Lumen Coffee Co.csv")
        );

        // A folder leaves its quote open; the next Tab goes on inside it.
        let mut i = input(&format!("import {root}/my"));
        cl.complete(&mut i, &[]);
        assert_eq!(i.text(), format!("import \"{root}/My exports/"));
        cl.complete(&mut i, &[]);
        assert_eq!(
            i.text(),
            format!("import \"{root}/My exports/posts.json\" ")
        );

        let mut i = input("period 20");
        assert!(cl.complete(&mut i, &[]).contains("nothing matches"));
        assert_eq!(i.text(), "period 20");
    }
}
