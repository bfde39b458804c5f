//! Reading a large export a piece at a time: the file is cut into chunks at record boundaries
//! (CSV rows, elements of a JSON array) and each chunk is handed on as a small text of the same
//! shape as the whole file (the header rows, or the JSON envelope, then a batch of records), so
//! that the format's own parser reads it unchanged and memory stays bounded by a chunk, not by
//! the file. Line numbers inside a chunk map back to the file's (`Chunk::file_line`).

use std::io::Read;

use super::records::{FileError, Format};

/// How much record text a chunk carries before it is cut at the next record boundary. A few
/// chunks are in flight at once (read, parsed on another thread, written), so they are kept small.
pub const CHUNK_BYTES: usize = 1 << 20;

/// A file up to this size is read whole and parsed in one piece (the way every file was read
/// before streaming): the bytes and their records fit in a batch's memory anyway.
pub const WHOLE_UP_TO: u64 = 8 << 20;

/// One piece of a file, shaped like the file itself.
pub struct Chunk {
    pub text: String,
    /// The line in `text` where the records start, and that line's number in the file.
    body_line: usize,
    file_line: usize,
}

impl Chunk {
    /// The file's line number for a line number of this chunk's text (0, "unknown", stays 0).
    pub fn file_line(&self, line: usize) -> usize {
        if line >= self.body_line {
            line - self.body_line + self.file_line
        } else {
            line
        }
    }
}

/// How a format is cut into chunks; None when it is read whole (day series and other files
/// that are small by nature, or whose records depend on each other across the file).
pub fn shape(format: Format, head: &str) -> Option<Shape> {
    match format {
        Format::MetaFacebookPosts
        | Format::MetaInstagramPosts
        | Format::XContent
        | Format::XTweetActivity
        | Format::YouTubeContent => Some(Shape::Csv { header_records: 1 }),
        // A disclaimer row comes before the header in some LinkedIn exports.
        Format::LinkedInPosts => Some(Shape::Csv {
            header_records: 1 + super::linkedin::header_row(head),
        }),
        Format::GraphFacebookComments
        | Format::GraphInstagramComments
        | Format::GraphConversations
        | Format::GraphFacebookFeed
        | Format::InstagramDyiComments => Some(Shape::JsonArray),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The first `header_records` CSV records (the header, and a disclaimer before it) open
    /// every chunk.
    Csv { header_records: usize },
    /// The records are the elements of the top-level array, or of the array under `data`
    /// (Graph API pages) or `comments_reels_comments` (Instagram's data download).
    JsonArray,
}

/// Why a chunked read stopped.
pub enum Stop<E> {
    /// The bytes are not of the expected shape (an error that names the line).
    File(FileError),
    /// The JSON is not an array of records (a single node saved alone): read it whole.
    NotStreamable,
    Read(std::io::Error),
    /// The consumer's own error.
    Consumer(E),
}

/// The JSON keys whose array holds the records.
const ARRAY_KEYS: &[&str] = &["data", "comments_reels_comments"];

/// The top-level values besides the records (a Graph page's `paging`) are kept to close each
/// chunk; more than this is not a page of records.
const ENVELOPE_MAX: usize = 1 << 20;

/// Reads `reader` chunk by chunk, calling `each` with every chunk in order. `envelope`, when
/// given, is the rest of the JSON envelope (`"paging":{…}`) as a previous pass found it, so
/// that every chunk carries it; the envelope this pass found is returned (JSON only).
pub fn chunks<E>(
    reader: impl Read,
    shape: Shape,
    chunk_bytes: usize,
    envelope: Option<&str>,
    each: &mut dyn FnMut(Chunk) -> Result<(), E>,
) -> Result<String, Stop<E>> {
    let mut input = Input::new(reader);
    match shape {
        Shape::Csv { header_records } => {
            csv_chunks(&mut input, header_records, chunk_bytes, each).map(|()| String::new())
        }
        Shape::JsonArray => json_chunks(&mut input, chunk_bytes, envelope, each),
    }
}

/// The file's bytes, a block at a time, with the line count of everything consumed.
struct Input<R> {
    reader: R,
    block: Vec<u8>,
    pos: usize,
    eof: bool,
    /// Line of the next byte (1-based).
    line: usize,
}

impl<R: Read> Input<R> {
    fn new(reader: R) -> Self {
        Self {
            reader,
            block: Vec::new(),
            pos: 0,
            eof: false,
            line: 1,
        }
    }

    /// The unread bytes of the current block, reading the next when it is used up; empty at
    /// the end of the file.
    fn available(&mut self) -> std::io::Result<&[u8]> {
        if self.pos >= self.block.len() && !self.eof {
            self.block.resize(1 << 20, 0);
            let n = loop {
                match self.reader.read(&mut self.block) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            };
            self.block.truncate(n);
            self.pos = 0;
            self.eof = n == 0;
        }
        Ok(&self.block[self.pos.min(self.block.len())..])
    }

    /// Moves past `n` bytes of the current block, appending them to `out`.
    fn take(&mut self, n: usize, out: &mut Vec<u8>) {
        let bytes = &self.block[self.pos..self.pos + n];
        self.line += memchr::memchr_iter(b'\n', bytes).count();
        out.extend_from_slice(bytes);
        self.pos += n;
    }
}

/// The CSV reader's states that matter for where a record ends (as the `csv` crate reads).
#[derive(Clone, Copy, PartialEq)]
enum CsvState {
    FieldStart,
    InField,
    InQuotes,
    /// A quote inside a quoted field: the end of the quotes, or the first of a `""` pair.
    QuoteInQuotes,
}

/// Reads one CSV record (with its line end) onto `out`; false at the end of the file.
fn csv_record<R: Read>(input: &mut Input<R>, out: &mut Vec<u8>) -> std::io::Result<bool> {
    let mut state = CsvState::FieldStart;
    let mut any = false;
    loop {
        let bytes = input.available()?;
        if bytes.is_empty() {
            return Ok(any);
        }
        any = true;
        let mut i = 0;
        let mut end = None;
        while i < bytes.len() {
            match state {
                CsvState::InQuotes => match memchr::memchr(b'"', &bytes[i..]) {
                    Some(k) => {
                        i += k + 1;
                        state = CsvState::QuoteInQuotes;
                    }
                    None => i = bytes.len(),
                },
                CsvState::FieldStart | CsvState::InField | CsvState::QuoteInQuotes => {
                    let b = bytes[i];
                    i += 1;
                    state = match (state, b) {
                        (CsvState::FieldStart, b'"') | (CsvState::QuoteInQuotes, b'"') => {
                            CsvState::InQuotes
                        }
                        (_, b',') => CsvState::FieldStart,
                        (_, b'\n') => {
                            end = Some(i);
                            break;
                        }
                        // A lone CR ends a record too; the LF after it (CRLF) is taken with it.
                        (_, b'\r') if bytes.get(i) != Some(&b'\n') => {
                            end = Some(i);
                            break;
                        }
                        (_, b'\r') => state,
                        _ => CsvState::InField,
                    };
                    if state == CsvState::InField {
                        // The rest of an unquoted field: quotes in it are plain characters.
                        let k = memchr::memchr3(b',', b'\n', b'\r', &bytes[i..]);
                        i = k.map_or(bytes.len(), |k| i + k);
                    }
                }
            }
        }
        match end {
            Some(n) => {
                input.take(n, out);
                return Ok(true);
            }
            None => {
                let n = bytes.len();
                input.take(n, out);
            }
        }
    }
}

fn utf8(bytes: Vec<u8>, body_line: usize, file_line: usize) -> Result<Chunk, FileError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Chunk {
            text,
            body_line,
            file_line,
        }),
        Err(e) => {
            let chunk = Chunk {
                text: String::new(),
                body_line,
                file_line,
            };
            let mut err = super::detect::decode(e.as_bytes())
                .err()
                .unwrap_or_else(|| FileError::new("the text is not UTF-8"));
            err.line = err.line.map(|l| chunk.file_line(l));
            Err(err)
        }
    }
}

fn csv_chunks<R: Read, E>(
    input: &mut Input<R>,
    header_records: usize,
    chunk_bytes: usize,
    each: &mut dyn FnMut(Chunk) -> Result<(), E>,
) -> Result<(), Stop<E>> {
    let mut head = Vec::new();
    for _ in 0..header_records {
        if !csv_record(input, &mut head).map_err(Stop::Read)? {
            break;
        }
    }
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        head.drain(..3);
    }
    // The header ends with its line end unless the file ends there.
    let body_line = 1 + memchr::memchr_iter(b'\n', &head).count();
    let mut first = true;
    loop {
        let file_line = input.line;
        let mut text = head.clone();
        let start = text.len();
        let mut more = true;
        while text.len() - start < chunk_bytes {
            if !csv_record(input, &mut text).map_err(Stop::Read)? {
                more = false;
                break;
            }
        }
        if text.len() > start || first {
            let chunk = utf8(text, body_line, file_line).map_err(Stop::File)?;
            each(chunk).map_err(Stop::Consumer)?;
        }
        first = false;
        if !more {
            return Ok(());
        }
    }
}

/// Where the JSON scanner is, outside the records.
fn json_chunks<R: Read, E>(
    input: &mut Input<R>,
    chunk_bytes: usize,
    given_envelope: Option<&str>,
    each: &mut dyn FnMut(Chunk) -> Result<(), E>,
) -> Result<String, Stop<E>> {
    let mut scratch = Vec::new();
    skip_ws(input, &mut scratch).map_err(Stop::Read)?;
    let bom = input
        .available()
        .map_err(Stop::Read)?
        .starts_with(&[0xEF, 0xBB, 0xBF]);
    if bom {
        input.take(3, &mut scratch);
        skip_ws(input, &mut scratch).map_err(Stop::Read)?;
    }
    let first = input.available().map_err(Stop::Read)?.first().copied();
    match first {
        Some(b'[') => {
            input.take(1, &mut scratch);
            let open = |_: &str| "[\n".to_string();
            let end = records(
                input,
                chunk_bytes,
                "",
                &open,
                given_envelope.unwrap_or(""),
                each,
            )?;
            if end != Ended::Closed {
                return Ok(String::new());
            }
            trailing(input)?;
            Ok(String::new())
        }
        Some(b'{') => {
            input.take(1, &mut scratch);
            let mut envelope = String::new();
            let mut key_seen = None;
            loop {
                skip_ws(input, &mut scratch).map_err(Stop::Read)?;
                let next = input.available().map_err(Stop::Read)?.first().copied();
                match next {
                    Some(b'}') => {
                        input.take(1, &mut scratch);
                        break;
                    }
                    Some(b',') => {
                        input.take(1, &mut scratch);
                        continue;
                    }
                    Some(b'"') => {}
                    // Anything else is not JSON the parser would take: let it say where.
                    _ => return Err(Stop::NotStreamable),
                }
                let mut key = Vec::new();
                value(input, &mut key, usize::MAX).map_err(Stop::Read)?;
                skip_ws(input, &mut scratch).map_err(Stop::Read)?;
                if input.available().map_err(Stop::Read)?.first() != Some(&b':') {
                    return Err(Stop::NotStreamable);
                }
                input.take(1, &mut scratch);
                skip_ws(input, &mut scratch).map_err(Stop::Read)?;
                let name: Option<String> = serde_json::from_slice(&key).ok();
                let is_array = input.available().map_err(Stop::Read)?.first() == Some(&b'[');
                let target = name
                    .as_deref()
                    .filter(|n| ARRAY_KEYS.contains(n) && is_array && key_seen.is_none());
                if let Some(name) = target {
                    input.take(1, &mut scratch);
                    key_seen = Some(name.to_string());
                    let open = |_: &str| format!("{{\"{name}\":[\n");
                    let close = given_envelope.map_or_else(|| envelope.clone(), str::to_string);
                    let end = records(input, chunk_bytes, "}", &open, &close, each)?;
                    if end != Ended::Closed {
                        // Cut short inside the records: the last chunk said so.
                        return Ok(envelope);
                    }
                } else {
                    let mut raw = Vec::new();
                    if !value(input, &mut raw, ENVELOPE_MAX).map_err(Stop::Read)? {
                        return Err(Stop::NotStreamable);
                    }
                    envelope.push(',');
                    envelope.push_str(&String::from_utf8_lossy(&key));
                    envelope.push(':');
                    envelope.push_str(&String::from_utf8_lossy(&raw));
                    if envelope.len() > ENVELOPE_MAX {
                        return Err(Stop::NotStreamable);
                    }
                }
            }
            if key_seen.is_none() {
                return Err(Stop::NotStreamable);
            }
            trailing(input)?;
            Ok(envelope)
        }
        _ => Err(Stop::NotStreamable),
    }
}

/// Nothing but white space may follow the JSON.
fn trailing<R: Read, E>(input: &mut Input<R>) -> Result<(), Stop<E>> {
    let mut scratch = Vec::new();
    skip_ws(input, &mut scratch).map_err(Stop::Read)?;
    if input.available().map_err(Stop::Read)?.is_empty() {
        Ok(())
    } else {
        Err(Stop::File(FileError::at(
            input.line,
            "not valid JSON for this export: trailing characters after the end",
        )))
    }
}

fn skip_ws<R: Read>(input: &mut Input<R>, out: &mut Vec<u8>) -> std::io::Result<()> {
    loop {
        let bytes = input.available()?;
        let n = bytes
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(bytes.len());
        let done = n < bytes.len() || bytes.is_empty();
        input.take(n, out);
        out.clear();
        if done {
            return Ok(());
        }
    }
}

#[derive(PartialEq)]
enum Ended {
    /// The array's `]` was read.
    Closed,
    /// The file ended inside the array (the last chunk carries the cut-off text as it is).
    Cut,
}

/// One JSON value (a string, number, literal, object or array) onto `out`; false when it
/// grew past `max` bytes (the rest is not read).
fn value<R: Read>(input: &mut Input<R>, out: &mut Vec<u8>, max: usize) -> std::io::Result<bool> {
    let mut scan = Scan::default();
    loop {
        let bytes = input.available()?;
        if bytes.is_empty() {
            return Ok(true);
        }
        let (n, done) = scan.until_value_end(bytes);
        input.take(n, out);
        if done {
            return Ok(true);
        }
        if out.len() > max {
            return Ok(false);
        }
    }
}

/// The array's elements, cut into chunks of about `chunk_bytes` at the commas between them.
/// Each chunk is `open` + elements + `]` + `close` + `end`.
fn records<R: Read, E>(
    input: &mut Input<R>,
    chunk_bytes: usize,
    end: &str,
    open: &dyn Fn(&str) -> String,
    close: &str,
    each: &mut dyn FnMut(Chunk) -> Result<(), E>,
) -> Result<Ended, Stop<E>> {
    let mut first = true;
    loop {
        let head = open("");
        let body_line = 1 + head.matches('\n').count();
        let file_line = input.line;
        let mut text = head.into_bytes();
        let start = text.len();
        let mut scan = Scan::default();
        // Elements up to the comma after the chunk is full, or the array's end.
        let ended = loop {
            let bytes = input.available().map_err(Stop::Read)?;
            if bytes.is_empty() {
                break Some(Ended::Cut);
            }
            let room = chunk_bytes.saturating_sub(text.len() - start);
            let (n, stop) = scan.until_array_sep(bytes, room);
            input.take(n, &mut text);
            match stop {
                Some(b']') => break Some(Ended::Closed),
                Some(_) => break None,
                None => {}
            }
        };
        let body_end = match ended {
            Some(Ended::Cut) => text.len(),
            // The `]` or `,` just taken is not part of the records.
            _ => text.len() - 1,
        };
        text.truncate(body_end);
        let empty = text[start..].iter().all(u8::is_ascii_whitespace);
        if ended != Some(Ended::Cut) {
            text.push(b']');
            text.extend_from_slice(close.as_bytes());
            text.extend_from_slice(end.as_bytes());
        }
        if !empty || first || ended == Some(Ended::Cut) {
            let chunk = utf8(text, body_line, file_line).map_err(Stop::File)?;
            each(chunk).map_err(Stop::Consumer)?;
        }
        first = false;
        if let Some(e) = ended {
            return Ok(e);
        }
    }
}

/// Depth and string state of a JSON scan.
#[derive(Default)]
struct Scan {
    depth: usize,
    in_string: bool,
    escaped: bool,
    started: bool,
}

impl Scan {
    /// Scans a string's inside quickly: returns the bytes used, and whether it ended.
    fn string(&mut self, bytes: &[u8]) -> usize {
        let mut i = 0;
        while i < bytes.len() {
            if self.escaped {
                self.escaped = false;
                i += 1;
                continue;
            }
            match memchr::memchr2(b'"', b'\\', &bytes[i..]) {
                None => return bytes.len(),
                Some(k) => {
                    i += k + 1;
                    if bytes[i - 1] == b'\\' {
                        self.escaped = true;
                    } else {
                        self.in_string = false;
                        return i;
                    }
                }
            }
        }
        i
    }

    /// Bytes up to the end of one value: (bytes used, whether the value ended).
    fn until_value_end(&mut self, bytes: &[u8]) -> (usize, bool) {
        let mut i = 0;
        while i < bytes.len() {
            if self.in_string {
                i += self.string(&bytes[i..]);
                if !self.in_string && self.depth == 0 {
                    return (i, true);
                }
                continue;
            }
            let b = bytes[i];
            match b {
                b'"' => {
                    self.in_string = true;
                    self.started = true;
                }
                b'{' | b'[' => {
                    self.depth += 1;
                    self.started = true;
                }
                b'}' | b']' if self.depth > 0 => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        return (i + 1, true);
                    }
                }
                // A number or literal ends at what cannot be part of it.
                b',' | b'}' | b']' | b':' if self.depth == 0 => return (i, true),
                b if b.is_ascii_whitespace() && self.depth == 0 && self.started => {
                    return (i, true);
                }
                _ => self.started = true,
            }
            i += 1;
        }
        (i, false)
    }

    /// Bytes up to and including the next `,` or `]` at the array's own level (a `,` only
    /// once `room` bytes are used): (bytes used, the byte it stopped at).
    fn until_array_sep(&mut self, bytes: &[u8], room: usize) -> (usize, Option<u8>) {
        let mut i = 0;
        while i < bytes.len() {
            if self.in_string {
                i += self.string(&bytes[i..]);
                continue;
            }
            let b = bytes[i];
            i += 1;
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b']' if self.depth == 0 => return (i, Some(b']')),
                b'}' | b']' => self.depth = self.depth.saturating_sub(1),
                b',' if self.depth == 0 && i >= room => return (i, Some(b',')),
                _ => {}
            }
        }
        (i, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(text: &str, shape: Shape, size: usize) -> (Vec<String>, Vec<(usize, usize)>) {
        let mut out = Vec::new();
        let mut lines = Vec::new();
        let r: Result<String, Stop<()>> = chunks(text.as_bytes(), shape, size, None, &mut |c| {
            lines.push((c.body_line, c.file_line));
            out.push(c.text);
            Ok(())
        });
        assert!(r.is_ok());
        (out, lines)
    }

    #[test]
    fn csv_chunks_repeat_the_header_and_cut_between_records() {
        let text = "id,text\n1,\"a\nb\"\n2,\"x\"\"y\"\r\n3,plain \"quote\n4,z";
        let (chunks, lines) = collect(text, Shape::Csv { header_records: 1 }, 1);
        assert_eq!(
            chunks,
            [
                "id,text\n1,\"a\nb\"\n",
                "id,text\n2,\"x\"\"y\"\r\n",
                "id,text\n3,plain \"quote\n",
                "id,text\n4,z"
            ]
        );
        assert_eq!(lines, [(2, 2), (2, 4), (2, 5), (2, 6)]);
        let (whole, _) = collect(text, Shape::Csv { header_records: 1 }, 1 << 20);
        assert_eq!(whole, [text]);
        // A header alone still makes one chunk (the parser says "no rows").
        let (only, _) = collect("id,text\n", Shape::Csv { header_records: 1 }, 1);
        assert_eq!(only, ["id,text\n"]);
    }

    #[test]
    fn json_chunks_cut_between_elements_and_keep_the_envelope() {
        let text = "{\"data\": [\n {\"id\":\"1\",\"m\":\"a],\\\"b\"},\n {\"id\":\"2\",\"r\":{\"data\":[1,2]}}\n],\n\"paging\":{\"next\":\"u\"}}\n";
        let mut out = Vec::new();
        let env: Result<String, Stop<()>> =
            chunks(text.as_bytes(), Shape::JsonArray, 1, None, &mut |c| {
                out.push(c.text);
                Ok(())
            });
        let env = env.ok().unwrap();
        assert_eq!(env, ",\"paging\":{\"next\":\"u\"}");
        assert_eq!(out.len(), 2);
        for c in &out {
            let v: serde_json::Value = serde_json::from_str(c).unwrap();
            assert_eq!(v["data"].as_array().unwrap().len(), 1);
        }
        // A second pass carries the envelope in every chunk.
        let mut again = Vec::new();
        let _: Result<String, Stop<()>> =
            chunks(text.as_bytes(), Shape::JsonArray, 1, Some(&env), &mut |c| {
                again.push(c.text);
                Ok(())
            });
        let v: serde_json::Value = serde_json::from_str(&again[0]).unwrap();
        assert_eq!(v["paging"]["next"], "u");
        let (whole, _) = collect("[{\"a\":1},{\"a\":2}]", Shape::JsonArray, 1 << 20);
        assert_eq!(whole.len(), 1);
        let v: serde_json::Value = serde_json::from_str(&whole[0]).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 2);
    }

    #[test]
    fn a_cut_off_json_array_ends_in_a_chunk_the_parser_refuses() {
        let text = "{\"data\":[\n{\"id\":\"1\"},\n{\"id\":\"2\",";
        let (chunks, lines) = collect(text, Shape::JsonArray, 1);
        let last = chunks.last().unwrap();
        let e = serde_json::from_str::<serde_json::Value>(last).unwrap_err();
        assert!(e.is_eof());
        let (body, file) = *lines.last().unwrap();
        assert_eq!(e.line() - body + file, 3);
    }

    #[test]
    fn a_single_node_is_not_streamed() {
        let r: Result<String, Stop<()>> = chunks(
            &b"{\"id\":\"1\",\"message\":\"hi\"}"[..],
            Shape::JsonArray,
            1,
            None,
            &mut |_| Ok(()),
        );
        assert!(matches!(r, Err(Stop::NotStreamable)));
    }
}
