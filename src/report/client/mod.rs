//! Client reports: a period's summary, growth, content, community, influencers, campaigns and
//! notes for some accounts, gathered once (`gather`) and written as one self-contained HTML
//! page, Markdown, or CSV files, through the same blocks (`sections`).

pub mod blocks;
pub mod brand;
pub mod charts;
pub mod csv;
pub mod gather;
pub mod html;
pub mod markdown;
pub mod model;
pub mod notes;
pub mod sections;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use gather::{Request, gather, targets};
pub use model::{Brand, Report, Section};

use crate::files::{create_numbered, create_private, exists_message};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Csv,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
        }
    }
}

/// The report as one text (HTML or Markdown; CSV is one text per section).
pub fn render(r: &Report, format: Format) -> String {
    match format {
        Format::Html => html::page(r),
        Format::Markdown => markdown::page(r),
        Format::Csv => {
            let mut out = Vec::new();
            for s in csv::sections(r) {
                // Writing into memory cannot fail.
                let _ = csv::write_section(r, s, &mut out);
            }
            String::from_utf8_lossy(&out).into_owned()
        }
    }
}

/// A default name: `report-2026-10-01-2026-10-28.html` (a folder without extension for CSV).
pub fn default_name(r: &Report, format: Format) -> String {
    let stem = format!("report-{}-{}", r.period.from, r.period.to);
    match format {
        Format::Csv if r.sections.len() != 1 => stem,
        f => format!("{stem}.{}", f.extension()),
    }
}

fn private(path: &Path, force: bool) -> anyhow::Result<std::fs::File> {
    create_private(path, force).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => anyhow::anyhow!(exists_message(path)),
        _ => anyhow::anyhow!("{}: {e}", path.display()),
    })
}

/// Writes the report to `out`: one file for HTML and Markdown (and for CSV of one section),
/// else a folder with one CSV per section. Files are 0600 and an existing one is replaced only
/// with `force`. Returns the files written.
pub fn write(r: &Report, format: Format, out: &Path, force: bool) -> anyhow::Result<Vec<PathBuf>> {
    if format != Format::Csv || r.sections.len() == 1 {
        let mut f = private(out, force)?;
        match format {
            Format::Csv => csv::write_section(r, r.sections[0], &mut f)?,
            _ => f.write_all(render(r, format).as_bytes())?,
        }
        return Ok(vec![out.to_path_buf()]);
    }
    match std::fs::create_dir(out) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && force && out.is_dir() => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            anyhow::bail!(exists_message(out))
        }
        Err(e) => anyhow::bail!("{}: {e}", out.display()),
    }
    let mut written = Vec::new();
    for s in csv::sections(r) {
        let path = out.join(format!("{}.csv", s.name()));
        csv::write_section(r, s, private(&path, force)?)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes the HTML report into `dir` without replacing anything: `report-A-B.html`, else
/// `report-A-B-2.html`, and so on. Returns where it went.
pub fn save_html(r: &Report, dir: &Path) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    let stem = format!("report-{}-{}", r.period.from, r.period.to);
    let (mut f, path) = create_numbered(dir, &stem, "html")?;
    f.write_all(html::page(r).as_bytes())?;
    Ok(path)
}
