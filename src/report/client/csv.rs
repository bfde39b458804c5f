//! The report as CSV, one file per section: the section's tables one after another under
//! one header (a `table` column names which), figures plain (`1234.50`, `0.0412`) for
//! spreadsheets. Charts give their daily values; KPI cards one row per figure.

use std::io::Write;

use super::blocks::{Block, Cell, Table};
use super::model::{Report, Section};
use super::sections::blocks;
use crate::domain::heatmap::weekday_name;

/// The sections CSV has (notes are prose).
pub fn sections(r: &Report) -> Vec<Section> {
    Section::ALL
        .into_iter()
        .filter(|s| *s != Section::Notes && r.wants(*s))
        .collect()
}

/// The section's blocks as tables.
fn tables(r: &Report, s: Section) -> Vec<Table> {
    let mut out = Vec::new();
    for b in blocks(r, s) {
        match b {
            Block::Kpis { label, cards, .. } => out.push(Table {
                id: "kpis",
                title: String::new(),
                head: vec!["account", "metric", "current", "previous", "change"],
                rows: cards
                    .iter()
                    .map(|c| {
                        let raw = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
                        vec![
                            Cell::text(label.clone()),
                            Cell::text(c.name.clone()),
                            Cell::shown(&c.now_text, raw(c.current), true),
                            Cell::shown(&c.before_text, raw(c.previous), true),
                            Cell::shown(&c.change_text, raw(c.change), true),
                        ]
                    })
                    .collect(),
            }),
            Block::Chart(c) => out.push(Table {
                id: c.id,
                title: c.title.clone(),
                head: vec!["account", "day", "value"],
                rows: c
                    .lines
                    .iter()
                    .flat_map(|l| {
                        l.points.iter().map(|(d, v)| {
                            vec![
                                Cell::text(l.label.clone()),
                                Cell::text(d.to_string()),
                                Cell::count(*v),
                            ]
                        })
                    })
                    .collect(),
            }),
            Block::Table(t) => out.push(t),
            Block::Heat(cells) => out.push(Table {
                id: "weekday x hour",
                title: String::new(),
                head: vec!["weekday", "hour", "posts", "engagements", "reach", "ER"],
                rows: cells
                    .iter()
                    .map(|h| {
                        vec![
                            Cell::text(weekday_name(h.weekday)),
                            Cell::count(i64::from(h.hour)),
                            Cell::count(h.posts),
                            Cell::count(h.engagements),
                            Cell::count(h.reach),
                            Cell::rate(h.er()),
                        ]
                    })
                    .collect(),
            }),
            Block::Para(_) | Block::Empty(_) | Block::Notes(_) => {}
        }
    }
    out
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is kept as text.
/// Numbers (a negative change) are written as they are.
fn inert(c: &Cell) -> String {
    if c.num {
        c.raw.clone()
    } else {
        crate::text::spreadsheet_safe(&c.raw).into_owned()
    }
}

/// Writes section `s` as CSV.
pub fn write_section(r: &Report, s: Section, to: impl Write) -> std::io::Result<()> {
    let tables = tables(r, s);
    let mut columns: Vec<&str> = vec!["table"];
    for t in &tables {
        for h in &t.head {
            if !columns.contains(h) {
                columns.push(h);
            }
        }
    }
    let mut w = csv::Writer::from_writer(to);
    w.write_record(&columns)?;
    for t in &tables {
        for row in &t.rows {
            let mut rec = vec![String::new(); columns.len()];
            rec[0] = t.id.to_string();
            for (h, c) in t.head.iter().zip(row) {
                if let Some(i) = columns.iter().position(|x| x == h) {
                    rec[i] = inert(c);
                }
            }
            w.write_record(&rec)?;
        }
    }
    w.flush()
}
