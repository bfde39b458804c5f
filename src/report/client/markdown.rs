//! The report as Markdown, for pasting into a chat or a document: the same sections as
//! tables, each chart replaced by its figures (first and last day per line).

use std::fmt::Write;

use super::blocks::{Block, Cell, Chart, Table};
use super::model::{Report, Section};
use super::sections::blocks;
use crate::domain::period::{change, change_label};

/// A cell's text safe inside a Markdown table row.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

pub fn page(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", cell(&r.title));
    let _ = writeln!(
        o,
        "Report for {} to {} ({}), compared with {} to {}.\n",
        r.period.from, r.period.to, r.zone, r.previous.from, r.previous.to
    );
    if !r.accounts.is_empty() {
        let names: Vec<String> = r.accounts.iter().map(|(_, l)| cell(l)).collect();
        let _ = writeln!(o, "Accounts: {}\n", names.join(", "));
    }
    for s in Section::ALL {
        if !r.wants(s) || (s == Section::Notes && r.notes.is_none()) {
            continue;
        }
        let _ = writeln!(o, "## {}\n", s.title());
        for b in blocks(r, s) {
            block(&mut o, &b);
        }
    }
    o
}

fn block(o: &mut String, b: &Block) {
    match b {
        Block::Para(t) | Block::Empty(t) => {
            let _ = writeln!(o, "{}\n", cell(t));
        }
        Block::Kpis { label, cards, .. } => {
            let _ = writeln!(o, "### {}\n", cell(label));
            o.push_str("| metric | this period | previous | change |\n|---|---:|---:|---:|\n");
            for c in cards {
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} |",
                    cell(&c.name),
                    c.now_text,
                    c.before_text,
                    c.change_text
                );
            }
            o.push('\n');
        }
        Block::Chart(c) => chart(o, c),
        Block::Table(t) => table(o, t),
        // The best slots' table follows; a 7 × 24 grid does not read as text.
        Block::Heat(_) => {}
        Block::Notes(md) => {
            let _ = writeln!(o, "{}\n", md.trim_end());
        }
    }
}

fn chart(o: &mut String, c: &Chart) {
    let _ = writeln!(o, "### {}\n", cell(&c.title));
    o.push_str("| account | first day | value | last day | value | change |\n");
    o.push_str("|---|---|---:|---|---:|---:|\n");
    for l in &c.lines {
        let (Some(first), Some(last)) = (l.points.first(), l.points.last()) else {
            continue;
        };
        let ch = change(Some(last.1 as f64), Some(first.1 as f64));
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&l.label),
            first.0,
            Cell::count(first.1).text,
            last.0,
            Cell::count(last.1).text,
            change_label(ch)
        );
    }
    o.push('\n');
}

fn table(o: &mut String, t: &Table) {
    if !t.title.is_empty() {
        let _ = writeln!(o, "### {}\n", cell(&t.title));
    }
    let head: Vec<String> = t.head.iter().map(|h| cell(h)).collect();
    let _ = writeln!(o, "| {} |", head.join(" | "));
    let rule: Vec<&str> = (0..t.head.len())
        .map(|i| {
            let num = t.rows.first().and_then(|r| r.get(i)).is_some_and(|c| c.num);
            if num { "---:" } else { "---" }
        })
        .collect();
    let _ = writeln!(o, "|{}|", rule.join("|"));
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(|c| cell(&c.text)).collect();
        let _ = writeln!(o, "| {} |", cells.join(" | "));
    }
    o.push('\n');
}
