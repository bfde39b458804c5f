//! Ad spend from the ads managers' exports (Meta, TikTok, LinkedIn, Google): recognising them
//! (their header may follow title or description lines, and Google's "Excel" download is
//! tab-separated UTF-16), reading them into spend records per campaign and day, and applying
//! them: campaigns matched by the ads manager's id, else by name, created when new, and the
//! days a report covers replacing what an earlier report said about them.

pub mod google;
pub mod linkedin;
pub mod meta;
pub mod tiktok;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use csv::StringRecord;

use super::records::{FileError, Format, Parsed};
use super::table::Table;
use super::{FileSummary, ImportError, ImportOptions, Loaded};
use crate::domain::money::parse_amount;
use crate::store::{Change, ImportBatch, SpendDay};

/// One campaign's numbers over one day (or a span, when the report has no day breakdown).
#[derive(Debug, Clone, PartialEq)]
pub struct SpendRec {
    /// The first line the numbers came from (rows of one day are summed).
    pub line: usize,
    pub name: String,
    pub ads_id: Option<String>,
    pub currency: String,
    /// The first day covered; None for an "all time" report.
    pub from: Option<NaiveDate>,
    /// The last day covered.
    pub to: NaiveDate,
    pub spend_minor: i64,
    pub impressions: Option<i64>,
    pub reach: Option<i64>,
    pub clicks: Option<i64>,
    pub conversions: Option<i64>,
    pub revenue_minor: Option<i64>,
}

/// What an "all time" span starts on: before any day a report can name.
const ALL_TIME: &str = "0000-01-01";

/// How many header-like lines may come before the real header (titles, report descriptions).
const PREAMBLE: usize = 12;

/// Recognises an ads manager export by its header, wherever the header is among the first
/// lines, whatever the separator.
pub fn detect(text: &str) -> Option<Format> {
    let (_, format, _) = find_header(text)?;
    Some(format)
}

/// The separator: Google's "Excel CSV" is tab-separated.
fn delimiter(text: &str) -> u8 {
    let tabs = text
        .lines()
        .take(PREAMBLE)
        .any(|l| l.matches('\t').count() >= 2);
    if tabs { b'\t' } else { b',' }
}

fn records(text: &str) -> csv::StringRecordsIntoIter<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes())
        .into_records()
}

/// (index of the header record, the format, the records before it as plain lines).
fn find_header(text: &str) -> Option<(usize, Format, Vec<String>)> {
    let mut before = Vec::new();
    for (i, rec) in records(text).take(PREAMBLE).enumerate() {
        let Ok(rec) = rec else { return None };
        let h: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        let f = if meta::is_header(&h) {
            Format::MetaAdsSpend
        } else if google::is_header(&h) {
            Format::GoogleAdsSpend
        } else if linkedin::is_header(&h) {
            Format::LinkedInAdsSpend
        } else if tiktok::is_header(&h) {
            Format::TikTokAdsSpend
        } else {
            before.push(h.join(" ").trim().to_string());
            continue;
        };
        return Some((i, f, before));
    }
    None
}

/// The file as a table whose header is the ads manager's header row, with the lines before it.
fn table(text: &str) -> Result<(Table, Vec<String>), FileError> {
    let (index, _, before) =
        find_header(text).ok_or_else(|| FileError::new("no ads report header found"))?;
    let mut headers = None;
    let mut header_line = 1;
    let mut rows = Vec::new();
    for (i, rec) in records(text).enumerate() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            FileError::at(line, format!("not readable as CSV: {e}"))
        })?;
        let line = rec.position().map_or(i + 1, |p| p.line() as usize);
        if i < index {
            continue;
        }
        if headers.is_none() {
            headers = Some(rec.iter().map(|h| h.trim().to_string()).collect());
            header_line = line;
            continue;
        }
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((line, rec));
    }
    let headers = headers.ok_or_else(|| FileError::new("the file is empty: no header row"))?;
    Ok((
        Table {
            headers,
            header_line,
            rows,
        },
        before,
    ))
}

/// The column whose header starts with one of `prefixes` followed by `(XXX)`, and XXX: Meta
/// names the account's currency in the spend header (`Amount spent (EUR)`).
fn currency_column(t: &Table, prefixes: &[&str]) -> Option<(usize, String)> {
    t.headers.iter().enumerate().find_map(|(i, h)| {
        let lower = h.to_lowercase();
        prefixes.iter().find_map(|p| {
            let rest = lower.strip_prefix(&p.to_lowercase())?.trim();
            let code = rest.strip_prefix('(')?.strip_suffix(')')?.trim();
            (code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()))
                .then(|| (i, code.to_ascii_uppercase()))
        })
    })
}

/// A money cell in `currency`'s minor units; None when the export left it empty or `--`.
fn money(rec: &StringRecord, col: Option<usize>, currency: &str) -> Result<Option<i64>, String> {
    let raw = col.and_then(|c| rec.get(c)).unwrap_or("").trim();
    if raw.is_empty() || raw == "-" || raw == "--" {
        return Ok(None);
    }
    // Meta writes ratios and some amounts with 8 decimals: round to the currency's.
    match parse_amount(raw, currency) {
        Ok(v) => Ok(Some(v)),
        Err(_) => {
            let v: f64 = raw
                .replace(',', "")
                .parse()
                .map_err(|_| format!("{raw:?} is not an amount of {currency}"))?;
            let scale = 10f64.powi(crate::domain::money::exponent(currency) as i32);
            Ok(Some((v * scale).round() as i64))
        }
    }
}

/// A date as the ads managers write it: ISO, or the US and European numeric forms.
fn date(raw: &str) -> Result<NaiveDate, String> {
    let s = raw.trim();
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Ok(d);
        }
    }
    Err(format!("{raw:?} is not a date (such as 2026-10-01)"))
}

fn add(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
    }
}

/// Sums rows of the same campaign and span (ad-level or ad-set-level rows of one day), in
/// the order they first appear.
fn merge(recs: Vec<SpendRec>) -> Vec<SpendRec> {
    let mut order: Vec<SpendRec> = Vec::new();
    let mut index: BTreeMap<(Option<String>, String, Option<NaiveDate>, NaiveDate), usize> =
        BTreeMap::new();
    for r in recs {
        let key = (r.ads_id.clone(), r.name.clone(), r.from, r.to);
        match index.get(&key) {
            Some(&i) => {
                let m = &mut order[i];
                m.spend_minor += r.spend_minor;
                m.impressions = add(m.impressions, r.impressions);
                m.reach = add(m.reach, r.reach);
                m.clicks = add(m.clicks, r.clicks);
                m.conversions = add(m.conversions, r.conversions);
                m.revenue_minor = add(m.revenue_minor, r.revenue_minor);
            }
            None => {
                index.insert(key, order.len());
                order.push(r);
            }
        }
    }
    order
}

fn source_of(format: Format) -> &'static str {
    match format {
        Format::TikTokAdsSpend => "tiktok",
        Format::LinkedInAdsSpend => "linkedin",
        Format::GoogleAdsSpend => "google",
        _ => "meta",
    }
}

/// Writes a file's spend: per campaign, one replacement of the span the file covers.
pub(super) fn apply(
    batch: &mut ImportBatch<'_>,
    l: &Loaded,
    options: &ImportOptions,
    mut summary: FileSummary,
) -> Result<FileSummary, ImportError> {
    let source = source_of(l.format);
    let mut accounts = Vec::new();
    if let Some(h) = options.account.as_deref().filter(|h| !h.trim().is_empty()) {
        match batch.account_by_handle(h, None)? {
            Some(a) => accounts.push(a.id),
            None => {
                return Err(ImportError::Account {
                    file: l.name.clone(),
                    message: format!(
                        "no account @{} is known; add it first (smmdeck accounts add)",
                        h.trim_start_matches('@')
                    ),
                });
            }
        }
    }
    // Campaign by campaign, in the order the file names them.
    let mut groups: Vec<(Option<String>, String, Vec<&SpendRec>)> = Vec::new();
    for r in &l.parsed.spend {
        match groups
            .iter_mut()
            .find(|(id, name, _)| *id == r.ads_id && (id.is_some() || *name == r.name))
        {
            Some(g) => g.2.push(r),
            None => groups.push((r.ads_id.clone(), r.name.clone(), vec![r])),
        }
    }
    let mut created = Vec::new();
    for (ads_id, name, recs) in groups {
        let first = recs[0];
        if let Some(other) = recs.iter().find(|r| r.currency != first.currency) {
            return Err(ImportError::Invalid {
                file: l.name.clone(),
                line: Some(other.line),
                field: Some("currency".into()),
                message: format!(
                    "campaign {name:?} is reported in {} and in {}; amounts in two currencies \
                     are never added together",
                    first.currency, other.currency
                ),
            });
        }
        let found =
            batch.spend_campaign(source, ads_id.as_deref(), &name, &first.currency, &accounts)?;
        if found.has_spend && found.currency != first.currency {
            return Err(ImportError::Invalid {
                file: l.name.clone(),
                line: Some(first.line),
                field: Some("currency".into()),
                message: format!(
                    "campaign {name:?} already holds spend in {}, and this file reports {}; \
                     amounts in two currencies are never added together",
                    found.currency, first.currency
                ),
            });
        }
        if found.created {
            created.push(name.clone());
        }
        let rows: Vec<SpendDay> = recs
            .iter()
            .map(|r| SpendDay {
                day: r.to.to_string(),
                covers_from: match r.from {
                    None => Some(ALL_TIME.to_string()),
                    Some(f) if f != r.to => Some(f.to_string()),
                    Some(_) => None,
                },
                spend_minor: r.spend_minor,
                impressions: r.impressions,
                reach: r.reach,
                clicks: r.clicks,
                conversions: r.conversions,
                revenue_minor: r.revenue_minor,
            })
            .collect();
        match batch.replace_spend(found.id, &rows)? {
            Change::New => summary.new += rows.len(),
            Change::Updated => summary.updated += rows.len(),
            Change::Unchanged => summary.unchanged += rows.len(),
        }
    }
    if !created.is_empty() {
        let shown: Vec<&str> = created.iter().take(3).map(String::as_str).collect();
        let more = created.len().saturating_sub(shown.len());
        summary.notes.push(format!(
            "created {} campaign{}: {}{}",
            created.len(),
            if created.len() == 1 { "" } else { "s" },
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    super::apply::log_if_changed(batch, l, &summary, None)?;
    Ok(summary)
}

/// Reads the shared columns of one row into a record, or rejects the row (first bad cell).
struct RowReader<'a> {
    rec: &'a StringRecord,
    table: &'a Table,
    line: usize,
    error: Option<(String, String)>,
}

impl<'a> RowReader<'a> {
    fn new(table: &'a Table, line: usize, rec: &'a StringRecord) -> Self {
        Self {
            rec,
            table,
            line,
            error: None,
        }
    }

    fn text(&self, col: Option<usize>) -> &'a str {
        col.and_then(|c| self.rec.get(c)).unwrap_or("").trim()
    }

    fn fail(&mut self, col: Option<usize>, why: String) {
        if self.error.is_none() {
            let name = col
                .and_then(|c| self.table.headers.get(c))
                .cloned()
                .unwrap_or_default();
            self.error = Some((name, why));
        }
    }

    fn count(&mut self, col: Option<usize>) -> Option<i64> {
        col?;
        match super::parse::count(self.text(col)) {
            Ok(v) => v,
            Err(e) => {
                self.fail(col, e);
                None
            }
        }
    }

    fn money(&mut self, col: Option<usize>, currency: &str) -> Option<i64> {
        col?;
        match money(self.rec, col, currency) {
            Ok(v) => v,
            Err(e) => {
                self.fail(col, e);
                None
            }
        }
    }

    fn date(&mut self, col: Option<usize>) -> Option<NaiveDate> {
        match date(self.text(col)) {
            Ok(d) => Some(d),
            Err(e) => {
                self.fail(col, e);
                None
            }
        }
    }

    /// Records the row's first problem in `parsed`; true when it read cleanly.
    fn done(self, parsed: &mut Parsed) -> bool {
        match self.error {
            None => true,
            Some((field, why)) => {
                let raw = self.rec.iter().collect::<Vec<_>>().join(",");
                parsed.reject(self.line, &field, why, raw);
                false
            }
        }
    }
}

/// The shared columns of a spend row, found once per file.
struct Columns {
    name: usize,
    id: Option<usize>,
    spend: usize,
    impressions: Option<usize>,
    reach: Option<usize>,
    clicks: Option<usize>,
    conversions: Option<usize>,
    revenue: Option<usize>,
}

impl Columns {
    /// Reads one row's figures for the span `from..=to` (None `from`: all time).
    fn read(
        &self,
        r: &mut RowReader<'_>,
        currency: &str,
        from: Option<NaiveDate>,
        to: NaiveDate,
    ) -> SpendRec {
        let spend = r.money(Some(self.spend), currency).unwrap_or(0);
        SpendRec {
            line: r.line,
            name: r.text(Some(self.name)).to_string(),
            ads_id: Some(r.text(self.id).to_string()).filter(|s| !s.is_empty() && s != "--"),
            currency: currency.to_string(),
            from,
            to,
            spend_minor: spend,
            impressions: r.count(self.impressions),
            reach: r.count(self.reach),
            clicks: r.count(self.clicks),
            conversions: r.count(self.conversions),
            revenue_minor: r.money(self.revenue, currency),
        }
    }
}

/// Finishes a parse: merged records, and a note when the file held no campaign rows.
fn finish(mut parsed: Parsed, recs: Vec<SpendRec>, what: &str) -> Parsed {
    parsed.spend = merge(recs);
    if parsed.spend.is_empty() && parsed.rejects.is_empty() {
        parsed.notes.push(format!(
            "the {what} report has no campaign rows (no data for its period)"
        ));
    }
    parsed
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::import::records::Ctx;

    pub fn ctx() -> Ctx {
        Ctx {
            file_name: "x.csv".into(),
            root: None,
            export_date: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            export_date_stated: false,
            date_order: None,
        }
    }

    #[test]
    fn headers_after_titles_and_tabs() {
        let google = "Campaign report\n27 January 2026 - 23 February 2026\nCampaign\tCurrency code\tCost\tImpr.\tClicks\n";
        assert_eq!(detect(google), Some(Format::GoogleAdsSpend));
        let meta = "\u{feff}\"Campaign name\",\"Reporting starts\",\"Reporting ends\",\"Amount spent (EUR)\"\n";
        assert_eq!(
            detect(meta.trim_start_matches('\u{feff}')),
            Some(Format::MetaAdsSpend)
        );
        assert_eq!(detect("Date,Views\n2026-01-01,4\n"), None);
    }

    #[test]
    fn money_cells() {
        let rec = StringRecord::from(vec!["17166", "476.57", " --", "6260.39387309", "x"]);
        assert_eq!(money(&rec, Some(0), "IDR"), Ok(Some(1_716_600)));
        assert_eq!(money(&rec, Some(1), "BRL"), Ok(Some(47_657)));
        assert_eq!(money(&rec, Some(2), "GBP"), Ok(None));
        assert_eq!(money(&rec, Some(3), "IDR"), Ok(Some(626_039)));
        assert!(money(&rec, Some(4), "IDR").is_err());
    }

    #[test]
    fn rows_of_one_day_add_up() {
        let r = |spend, clicks| SpendRec {
            line: 2,
            name: "A".into(),
            ads_id: None,
            currency: "USD".into(),
            from: None,
            to: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            spend_minor: spend,
            impressions: None,
            reach: None,
            clicks,
            conversions: None,
            revenue_minor: None,
        };
        let merged = merge(vec![r(100, Some(2)), r(50, None)]);
        assert_eq!(merged.len(), 1);
        assert_eq!((merged[0].spend_minor, merged[0].clicks), (150, Some(2)));
    }
}
