//! Plain text helpers every layer may use (no I/O, nothing of ours): cleaning text that comes
//! from outside once, at import, and the one sanitiser for stored text the CLI prints.
//!
//! Two jobs, two functions. [`clean`] is lossy on purpose and runs before a row is stored: NUL
//! (SQLite's C API would cut the text there), other control characters and bidi overrides
//! (they reorder what a reader sees, "Trojan Source") are dropped. [`printable`] runs on the
//! way out, for whatever is already stored (typed in, or written by an older smmdeck): nothing
//! is dropped, control characters are made visible so an escape sequence never reaches the
//! terminal.

pub mod shell_words;
mod width;

use std::borrow::Cow;

pub use width::{columns_that_fit, fit, one_line, truncate};

/// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). The plain marks
/// (U+200E, U+200F, U+061C) stay: mixed Arabic or Hebrew text needs them and they reorder
/// nothing by themselves.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character that must not reach a terminal raw: C0 and C1 controls and DEL (ESC starts
/// every escape sequence; C1's CSI and OSC do the same on some terminals), and bidi controls.
/// Newline and tab are not in it: callers decide about them.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// Text from an export, made fit to store: NUL, control characters (but newline and tab) and
/// bidi controls removed; CRLF and lone CR become LF. Borrowed when nothing changes, which is
/// nearly always.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || c == '\r') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`clean`] for an owned string, reusing it when nothing changes.
pub fn clean_owned(s: String) -> String {
    match clean(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => o,
    }
}

/// Stored text as the CLI prints it: every control character (newline and tab included: a
/// list prints one row per line) and bidi control is shown as a visible stand-in instead of
/// acting on the terminal. C0 controls become their Unicode control pictures (ESC is `␛`),
/// the rest `<U+XXXX>`.
pub fn printable(s: &str) -> Cow<'_, str> {
    printable_with(s, false)
}

/// Like [`printable`], but newlines and tabs pass: for text printed as a block.
pub fn printable_block(s: &str) -> Cow<'_, str> {
    printable_with(s, true)
}

fn printable_with(s: &str, keep_lines: bool) -> Cow<'_, str> {
    let passes = |c: char| keep_lines && (c == '\n' || c == '\t');
    if !s
        .chars()
        .any(|c| (c.is_control() || is_bidi_control(c)) && !passes(c))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if passes(c) || !(c.is_control() || is_bidi_control(c)) {
            out.push(c);
        } else if (c as u32) < 0x20 {
            // U+2400 CONTROL PICTURE FOR NULL and the 31 after it, in the same order as C0.
            out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'));
        } else if c == '\u{7f}' {
            out.push('\u{2421}');
        } else {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
    }
    Cow::Owned(out)
}

/// True for an http or https link with nothing a shell or terminal could act on: what `o`
/// may hand to the browser (never `file:`, `javascript:` or a program's own scheme).
/// A CSV cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage
/// return first) gets a leading apostrophe, so it stays text: cells come from anyone's exports.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// "1 contact", "2 contacts": a count with its noun in the right number (English).
pub fn counted(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn is_web_link(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || is_bidi_control(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_nul_controls_and_bidi_and_keeps_the_rest() {
        let dirty = "a\0b\u{1b}]52;c;eA==\u{7}c\u{202E}d\u{2066}e\u{9b}f\r\ng\rh\ti";
        assert_eq!(clean(dirty), "ab]52;c;eA==cdef\ng\nh\ti");
        assert!(matches!(clean("Café ☕ привет\n"), Cow::Borrowed(_)));
        assert_eq!(clean("\u{200F}שלום"), "\u{200F}שלום", "plain marks stay");
    }

    #[test]
    fn item_06_only_web_links_are_opened() {
        assert!(is_web_link("https://www.instagram.com/p/AbC/"));
        assert!(is_web_link("HTTP://example.com"));
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "smb://host/share",
            "https://x.com/\u{1b}]0;t",
            "https://a b",
            "",
        ] {
            assert!(!is_web_link(bad), "{bad:?}");
        }
    }

    #[test]
    fn printable_shows_what_would_act_on_the_terminal() {
        assert_eq!(printable("\u{1b}[2J"), "␛[2J");
        assert_eq!(printable("a\nb\tc"), "a␊b␉c");
        assert_eq!(printable_block("a\nb\tc"), "a\nb\tc");
        assert_eq!(printable("x\u{202E}y\u{9b}z\u{7f}"), "x<U+202E>y<U+009B>z␡");
        assert!(matches!(printable("ordinary ✓"), Cow::Borrowed(_)));
    }
}
