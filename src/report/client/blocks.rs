//! The pieces a report section is made of (KPI cards, charts, tables, paragraphs, notes), with
//! every figure already formatted for reading (`text`) and kept plain for spreadsheets
//! (`raw`). HTML, Markdown and CSV lay out the same blocks, so they cannot disagree.

use chrono::NaiveDate;

use crate::domain::heatmap::HeatCell;
use crate::domain::metrics::{group_thousands, percent};
use crate::domain::money::{decimal, format_amount, format_ratio};

/// One table cell: what a reader sees and what a spreadsheet gets.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub raw: String,
    /// Right-aligned (a figure).
    pub num: bool,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        Cell {
            raw: s.clone(),
            text: s,
            num: false,
        }
    }

    pub fn count(n: i64) -> Cell {
        let sign = if n < 0 { "-" } else { "" };
        Cell {
            text: format!("{sign}{}", group_thousands(n.unsigned_abs())),
            raw: n.to_string(),
            num: true,
        }
    }

    pub fn opt_count(n: Option<i64>) -> Cell {
        n.map_or_else(Cell::none, Cell::count)
    }

    /// A fraction shown as a percentage.
    pub fn rate(f: Option<f64>) -> Cell {
        Cell {
            text: percent(f),
            raw: f.map(|v| format!("{v:.4}")).unwrap_or_default(),
            num: true,
        }
    }

    /// Minor units of `currency`, shown with its decimals and code.
    pub fn money(minor: Option<i64>, currency: &str) -> Cell {
        match minor {
            None => Cell::none(),
            Some(m) => Cell {
                text: format!("{} {currency}", format_amount(m, currency)),
                raw: decimal(m, currency),
                num: true,
            },
        }
    }

    /// A cost ratio in minor units (CPC, CPE, …).
    pub fn ratio(minor: Option<f64>, currency: &str) -> Cell {
        match minor {
            None => Cell::none(),
            Some(m) => Cell {
                text: format!("{} {currency}", format_ratio(Some(m), currency)),
                raw: format_ratio(Some(m), currency).replace(',', ""),
                num: true,
            },
        }
    }

    /// "–": no data (never a made-up zero).
    pub fn none() -> Cell {
        Cell {
            text: "–".into(),
            raw: String::new(),
            num: true,
        }
    }

    /// Shown as `text`, kept as `raw`.
    pub fn shown(text: impl Into<String>, raw: impl Into<String>, num: bool) -> Cell {
        Cell {
            text: text.into(),
            raw: raw.into(),
            num,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// A short name for CSV's `table` column (`by platform`, `top posts`).
    pub id: &'static str,
    /// The heading above the table; empty for none.
    pub title: String,
    pub head: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// A KPI card: one figure now, before, and the change.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub name: String,
    pub current: Option<f64>,
    pub previous: Option<f64>,
    /// The figures as shown (`12.4K`, `4.1%`, "–") and the change (`▲ 12%`).
    pub now_text: String,
    pub before_text: String,
    pub change: Option<f64>,
    pub change_text: String,
}

/// One account's line in a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartLine {
    pub label: String,
    pub points: Vec<(NaiveDate, i64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub lines: Vec<ChartLine>,
    /// (line index, day, surge?) to mark.
    pub marks: Vec<(usize, NaiveDate, bool)>,
    /// Whether the value axis starts at zero (else it fits the lines).
    pub from_zero: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A sentence under the heading.
    Para(String),
    /// The section has nothing in the period.
    Empty(String),
    /// KPI cards of one account (`None`: the sum of several).
    Kpis {
        account_id: Option<i64>,
        label: String,
        cards: Vec<Card>,
    },
    Chart(Chart),
    Table(Table),
    /// Engagement rate by weekday × hour.
    Heat(Vec<HeatCell>),
    /// The user's own Markdown.
    Notes(String),
}
