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
}

impl Default for InboxConfig {
    fn default() -> Self {
        Self {
            target_negative_minutes: 60,
            target_question_minutes: 4 * 60,
            target_other_minutes: 24 * 60,
            negative_words: Vec::new(),
        }
    }
}

impl InboxConfig {
    /// The response targets these settings give.
    pub fn targets(&self) -> crate::domain::targets::Targets {
        crate::domain::targets::Targets {
            negative_minutes: self.target_negative_minutes,
            question_minutes: self.target_question_minutes,
            other_minutes: self.target_other_minutes,
        }
    }
}

impl Config {
    /// Reads the config file if it exists. A malformed file is an error naming the file and
    /// the line, rather than silently ignored settings.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let mut cfg: Config = toml::from_str(&text)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                cfg.dir = path.parent().map(Path::to_path_buf);
                Ok(cfg)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(anyhow::anyhow!("{}: {e}", path.display())),
        }
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
}
