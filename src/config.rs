//! Where files live, and the optional `config.toml`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The environment variable that names the database (the `--db` flag wins over it).
pub const DB_ENV: &str = "SMMDECK_DB";

/// The default database path: `smmdeck.db` in the platform's data dir.
pub fn default_db_path() -> PathBuf {
    project_dirs()
        .map(|d| d.data_dir().join("smmdeck.db"))
        .unwrap_or_else(|| PathBuf::from("smmdeck.db"))
}

/// The default config file: `config.toml` in the platform's config dir.
pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// The log file: `smmdeck.log` beside the database's data dir (never the terminal).
pub fn default_log_dir() -> PathBuf {
    project_dirs()
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(std::env::temp_dir)
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "smmdeck")
}

/// Settings from `config.toml`; every field is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// IANA zone to show times in, e.g. "Europe/Kyiv"; the system's zone when absent.
    pub timezone: Option<String>,
    /// Key overrides: action name → key, e.g. `quit = "Q"`.
    pub keys: HashMap<String, String>,
    pub inbox: InboxConfig,
    /// Client branding for reports, by brand (the accounts' `brand`): `[brands.lumen]`.
    pub brands: HashMap<String, BrandConfig>,
    /// The folder the file was read from (relative paths in it start there).
    #[serde(skip)]
    pub dir: Option<PathBuf>,
}

/// A brand's look in its reports.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BrandConfig {
    /// The name the report's title shows (default: the brand's key).
    pub name: Option<String>,
    /// A PNG, JPEG, GIF, WebP or SVG file; relative paths are beside `config.toml`.
    pub logo: Option<PathBuf>,
    /// `#rrggbb` (or `#rgb`) for headings, lines and the KPI cards.
    pub accent: Option<String>,
}

/// Response targets and word lists for the inbox.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InboxConfig {
    pub target_negative_minutes: i64,
    pub target_question_minutes: i64,
    pub target_other_minutes: i64,
    /// Extra negative words for languages the sentiment model does not read.
    pub negative_words: Vec<String>,
    /// `[[inbox.rules]]` as written, with where each starts in the file.
    #[serde(rename = "rules")]
    raw_rules: Vec<toml::Spanned<RawRule>>,
    /// The rules as written, with their lines, in the file's order (filled by
    /// `Config::parse`; `import::inbox_rules` checks what they mean).
    #[serde(skip)]
    pub rules: Vec<RuleEntry>,
}

/// One `[[inbox.rules]]` table and the line it starts on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleEntry {
    pub line: usize,
    pub name: String,
    /// `match = [...]`.
    pub words: Option<Vec<String>>,
    pub regex: Option<String>,
    pub accounts: Vec<String>,
    pub kinds: Vec<String>,
    pub label: Option<String>,
    pub priority: Option<String>,
    pub status: Option<String>,
}

/// One `[[inbox.rules]]` table as the file writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    name: String,
    #[serde(rename = "match")]
    words: Option<Vec<String>>,
    regex: Option<String>,
    #[serde(default)]
    accounts: Vec<String>,
    #[serde(default)]
    kinds: Vec<String>,
    label: Option<String>,
    priority: Option<String>,
    status: Option<String>,
}

impl Default for InboxConfig {
    fn default() -> Self {
        Self {
            target_negative_minutes: 60,
            target_question_minutes: 4 * 60,
            target_other_minutes: 24 * 60,
            negative_words: Vec::new(),
            raw_rules: Vec::new(),
            rules: Vec::new(),
        }
    }
}

impl Config {
    /// Reads the config file if it exists. A malformed file is an error naming the file and
    /// the line, rather than silently ignored settings.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let mut cfg =
                    Config::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                cfg.dir = path.parent().map(Path::to_path_buf);
                Ok(cfg)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(anyhow::anyhow!("{}: {e}", path.display())),
        }
    }
}

impl Config {
    /// Parses config text; each inbox rule keeps the line it starts on, so that whoever
    /// checks it can say where a bad one is. Two rules of one name are an error here.
    pub fn parse(text: &str) -> anyhow::Result<Config> {
        let mut cfg: Config = toml::from_str(text)?;
        let mut names = std::collections::HashSet::new();
        for raw in &cfg.inbox.raw_rules {
            let start = raw.span().start.min(text.len());
            let line = text.as_bytes()[..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            let r = raw.get_ref().clone();
            let name = r.name.trim().to_string();
            if !name.is_empty() && !names.insert(name.to_lowercase()) {
                anyhow::bail!("line {line}: inbox rule {name:?}: another rule has this name");
            }
            cfg.inbox.rules.push(RuleEntry {
                line,
                name,
                words: r.words,
                regex: r.regex,
                accounts: r.accounts,
                kinds: r.kinds,
                label: r.label,
                priority: r.priority,
                status: r.status,
            });
        }
        Ok(cfg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_default_and_bad_file_names_itself() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = Config::load(&dir.path().join("none.toml")).unwrap();
        assert_eq!(cfg.inbox.target_negative_minutes, 60);
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "timezone = 3\n").unwrap();
        let err = Config::load(&bad).unwrap_err().to_string();
        assert!(err.contains("bad.toml") && err.contains("line 1"), "{err}");
        std::fs::write(
            &bad,
            "[keys]\nquit = \"Q\"\n[inbox]\ntarget_negative_minutes = 30\n",
        )
        .unwrap();
        let cfg = Config::load(&bad).unwrap();
        assert_eq!(cfg.keys.get("quit").map(String::as_str), Some("Q"));
        assert_eq!(cfg.inbox.target_negative_minutes, 30);
        std::fs::write(
            &bad,
            "[brands.lumen]\nname = \"Lumen Coffee\"\naccent = \"#aa3300\"\nlogo = \"l.png\"\n",
        )
        .unwrap();
        let cfg = Config::load(&bad).unwrap();
        let lumen = &cfg.brands["lumen"];
        assert_eq!(lumen.name.as_deref(), Some("Lumen Coffee"));
        assert_eq!(lumen.logo.as_deref(), Some(Path::new("l.png")));
    }

    #[test]
    fn rules_keep_their_lines_and_a_name_is_used_once() {
        let good = "[inbox]\ntarget_negative_minutes = 30\n\n[[inbox.rules]]\nname = \"refunds\"\nmatch = [\"refund\", \"повернення\"]\nkinds = [\"comment\", \"dm\"]\nlabel = \"billing\"\nstatus = \"hidden\"\n";
        let cfg = Config::parse(good).unwrap();
        assert_eq!(cfg.inbox.rules.len(), 1);
        let r = &cfg.inbox.rules[0];
        assert_eq!((r.line, r.name.as_str()), (4, "refunds"));
        assert_eq!(r.words.as_deref().map(<[String]>::len), Some(2));
        let two = format!("{good}\n[[inbox.rules]]\nname = \"promo\"\nregex = \"(x\"\n");
        assert_eq!(Config::parse(&two).unwrap().inbox.rules[1].line, 11);
        let dup = format!(
            "{good}\n[[inbox.rules]]\nname = \"Refunds\"\nmatch = [\"x\"]\nstatus = \"spam\"\n"
        );
        let err = Config::parse(&dup).unwrap_err().to_string();
        assert!(
            err.contains("line 11") && err.contains("another rule"),
            "{err}"
        );
        let unknown = "[[inbox.rules]]\nname = \"a\"\nmatch = [\"x\"]\nlable = \"typo\"\n";
        let err = Config::parse(unknown).unwrap_err().to_string();
        assert!(err.contains("lable") && err.contains("line"), "{err}");
    }
}
