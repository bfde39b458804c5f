//! A CSV file read by header name (never by position), with the line of every row so that
//! errors can name it, and cell readers that record the first bad cell of a row.

use csv::StringRecord;

use super::parse;
use super::records::{FileError, Parsed};

pub struct Table {
    pub headers: Vec<String>,
    /// The physical line of the header, for "missing column" messages.
    pub header_line: usize,
    pub rows: Vec<(usize, StringRecord)>,
}

impl Table {
    /// Reads `text` as CSV whose header is record number `header_row` (0-based; LinkedIn puts
    /// a disclaimer row first, the legacy Facebook export a description row after).
    pub fn read(text: &str, header_row: usize) -> Result<Table, FileError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut headers = None;
        let mut header_line = 1;
        let mut rows = Vec::new();
        let mut i = 0;
        let mut lines = LineCounter {
            text: text.as_bytes(),
            pos: 0,
            line: 1,
        };
        loop {
            // The byte position before reading is where the record starts; the csv crate's own
            // line counter lags by a record, so lines are counted from the bytes.
            let start = reader.position().byte() as usize;
            let line = lines.line_at(start);
            let mut rec = StringRecord::new();
            if !reader.read_record(&mut rec).map_err(|e| csv_error(&e))? {
                break;
            }
            i += 1;
            if i <= header_row {
                continue;
            }
            if headers.is_none() {
                headers = Some(rec.iter().map(|h| h.trim().to_string()).collect());
                header_line = line;
                continue;
            }
            // A blank line at the end is not a row.
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            rows.push((line, rec));
        }
        let headers: Vec<String> =
            headers.ok_or_else(|| FileError::new("the file is empty: no header row"))?;
        if let Some((line, rec)) = rows.last() {
            truncated(text, *line, rec, headers.len())?;
        }
        Ok(Table {
            headers,
            header_line,
            rows,
        })
    }

    /// The column of the first alias present (case-insensitive, trimmed).
    pub fn col(&self, aliases: &[&str]) -> Option<usize> {
        aliases
            .iter()
            .find_map(|a| self.headers.iter().position(|h| h.eq_ignore_ascii_case(a)))
    }

    /// Like `col`, but a missing column stops the file with a message that names it.
    pub fn require(&self, aliases: &[&str]) -> Result<usize, FileError> {
        self.col(aliases).ok_or_else(|| {
            let name = aliases.first().copied().unwrap_or("?");
            FileError::field(
                self.header_line,
                name,
                format!(
                    "missing required column {name:?} (the header has: {})",
                    self.headers.join(", ")
                ),
            )
        })
    }

    /// The headers as a set for detection: lowercase, trimmed.
    pub fn has_all(headers: &[String], wanted: &[&str]) -> bool {
        wanted
            .iter()
            .all(|w| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(w)))
    }
}

/// A file cut off in its last row (a download that stopped, a full disk) must not import that
/// row with whatever numbers it has left: a last row with no line end, whose quote is still
/// open or that has fewer cells than the header, refuses the file.
fn truncated(text: &str, line: usize, rec: &StringRecord, columns: usize) -> Result<(), FileError> {
    if text.ends_with(['\n', '\r']) {
        return Ok(());
    }
    // The last row starts on `line`; its raw text is what follows the line end before it.
    let raw = text
        .char_indices()
        .filter(|&(_, c)| c == '\n')
        .nth(line.saturating_sub(2))
        .map_or(text, |(i, _)| &text[i + 1..]);
    let open_quote = raw.bytes().filter(|&b| b == b'"').count() % 2 == 1;
    let why = if open_quote {
        "a quoted cell is never closed".to_string()
    } else if rec.len() < columns {
        format!("it has {} of {columns} cells", rec.len())
    } else {
        return Ok(());
    };
    Err(FileError::at(
        line,
        format!(
            "the file ends in the middle of this row ({why}, and no line end): it looks cut \
             short. Download the export again; nothing was imported"
        ),
    ))
}

/// Counts newlines incrementally (records come in order), so the cost stays linear.
struct LineCounter<'t> {
    text: &'t [u8],
    pos: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_at(&mut self, byte: usize) -> usize {
        // After a CRLF the reader stops between `\r` and `\n`: the record starts past them.
        let mut end = byte.min(self.text.len());
        while end < self.text.len() && matches!(self.text[end], b'\r' | b'\n') {
            end += 1;
        }
        if end > self.pos {
            self.line += self.text[self.pos..end]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.pos = end;
        }
        self.line
    }
}

fn csv_error(e: &csv::Error) -> FileError {
    match e.position() {
        Some(p) => FileError::at(p.line() as usize, format!("not readable as CSV: {e}")),
        None => FileError::new(format!("not readable as CSV: {e}")),
    }
}

/// One data row being read; the first bad cell is remembered and the row is rejected at `done`.
pub struct Row<'a> {
    table: &'a Table,
    rec: &'a StringRecord,
    pub line: usize,
    error: Option<(String, String)>,
}

impl<'a> Row<'a> {
    pub fn new(table: &'a Table, line: usize, rec: &'a StringRecord) -> Self {
        Self {
            table,
            rec,
            line,
            error: None,
        }
    }

    pub fn text(&self, col: Option<usize>) -> &'a str {
        col.and_then(|c| self.rec.get(c)).unwrap_or("")
    }

    pub fn opt_text(&self, col: Option<usize>) -> Option<String> {
        let t = self.text(col).trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    fn name(&self, col: Option<usize>) -> String {
        col.and_then(|c| self.table.headers.get(c))
            .cloned()
            .unwrap_or_default()
    }

    /// Records a problem with a cell (only the first one is reported).
    pub fn fail(&mut self, col: Option<usize>, reason: String) {
        if self.error.is_none() {
            self.error = Some((self.name(col), reason));
        }
    }

    pub fn count(&mut self, col: Option<usize>) -> Option<i64> {
        match parse::count(self.text(col)) {
            Ok(v) => v,
            Err(e) => {
                self.fail(col, e);
                None
            }
        }
    }

    pub fn decimal(&mut self, col: Option<usize>) -> Option<f64> {
        match parse::decimal(self.text(col)) {
            Ok(v) => v,
            Err(e) => {
                self.fail(col, e);
                None
            }
        }
    }

    /// Reads a value with `f`, recording its error against `col`.
    pub fn with<T>(
        &mut self,
        col: Option<usize>,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        match f(self.text(col)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(col, e);
                None
            }
        }
    }

    /// True when the row read cleanly; otherwise it is added to the rejects.
    pub fn done(self, parsed: &mut Parsed) -> bool {
        match self.error {
            None => true,
            Some((field, reason)) => {
                let raw = self.rec.iter().collect::<Vec<_>>().join(",");
                parsed.reject(self.line, &field, reason, raw);
                false
            }
        }
    }

    /// True when the id cell holds a spreadsheet-mangled number: the whole file is refused.
    pub fn mangled(&self, col: Option<usize>) -> Option<FileError> {
        let s = self.text(col).trim();
        parse::looks_mangled(s).then(|| {
            let msg = parse::id(s).err().unwrap_or_default();
            FileError::field(self.line, &self.name(col), msg)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_01_a_csv_cut_off_mid_row_is_refused() {
        let full = "id,text,clicks,views\n1,\"a, b\",188,1000\n2,\"c\nd\",7,70\n";
        assert_eq!(Table::read(full, 0).unwrap().rows.len(), 2);
        // No final line end but a whole row: fine (many exports end so).
        assert_eq!(Table::read(full.trim_end(), 0).unwrap().rows.len(), 2);
        let mut refused = 0;
        for cut in 1..full.len() - 1 {
            let text = &full[..cut];
            if text.ends_with('\n') {
                continue;
            }
            match Table::read(text, 0) {
                Err(e) => {
                    assert!(e.message.contains("cut short"), "{cut}: {}", e.message);
                    assert!(e.line.is_some());
                    refused += 1;
                }
                // Only a cut inside the last cell of a row keeps the cell count and quoting.
                Ok(t) => {
                    let (_, last) = t.rows.last().map_or((0, None), |(l, r)| (*l, Some(r)));
                    if let Some(r) = last {
                        assert_eq!(r.len(), 4, "cut {cut} imported a short row");
                    }
                }
            }
        }
        assert!(refused >= 15, "{refused}");
        let e = Table::read("a,b\n1,\"open", 0).err().unwrap();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn rows_know_their_lines_with_crlf_and_multiline_cells() {
        let t = Table::read("a,b\r\n1,\"x\r\ny\"\r\n3,4\r\n", 0).unwrap();
        let lines: Vec<usize> = t.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 4]);
    }
}
