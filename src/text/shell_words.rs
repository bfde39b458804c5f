//! Splitting a typed command line into words as a shell does, so that `:import "Content
//! 2026-10-01 Lumen Coffee Co"` and `~/My\ exports` name one path each: blanks separate words,
//! double quotes keep blanks (a backslash escapes `"` and `\` inside them), single quotes keep
//! everything as typed, and outside quotes a backslash takes the next character as it is.

use std::fmt;

/// Why a line could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// A quote (`"` or `'`) opened and never closed.
    Unclosed(char),
    /// A backslash with nothing after it.
    TrailingBackslash,
}

impl fmt::Display for SplitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SplitError::Unclosed(q) => write!(f, "unclosed {q} quote: close it with another {q}"),
            SplitError::TrailingBackslash => {
                f.write_str("a \\ at the end escapes nothing: remove it or add a character")
            }
        }
    }
}

impl std::error::Error for SplitError {}

/// A line read word by word, even when it stops half-way (for completion).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Each word's byte offset in the line and its text with quotes and escapes removed.
    pub words: Vec<(usize, String)>,
    /// The quote still open at the end of the line.
    pub open: Option<char>,
    /// The line ends with a backslash.
    pub dangling_escape: bool,
    /// The line ends between words (a new word would start at the end).
    pub between_words: bool,
}

/// Reads `line` into words without failing.
pub fn scan(line: &str) -> Scan {
    let mut out = Scan {
        between_words: true,
        ..Scan::default()
    };
    let mut word: Option<(usize, String)> = None;
    let mut quote: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match (quote, c) {
            (None, c) if c.is_whitespace() => {
                if let Some(w) = word.take() {
                    out.words.push(w);
                }
                continue;
            }
            (Some('\''), '\'') | (Some('"'), '"') => quote = None,
            (Some('\''), c) => word_mut(&mut word, at).push(c),
            (Some(_), '\\') => match chars.peek() {
                Some(&(_, next @ ('"' | '\\'))) => {
                    chars.next();
                    word_mut(&mut word, at).push(next);
                }
                _ => word_mut(&mut word, at).push('\\'),
            },
            (Some(_), c) => word_mut(&mut word, at).push(c),
            (None, '"' | '\'') => {
                word_mut(&mut word, at);
                quote = Some(c);
            }
            (None, '\\') => match chars.next() {
                Some((_, next)) => word_mut(&mut word, at).push(next),
                None => {
                    word_mut(&mut word, at);
                    out.dangling_escape = true;
                }
            },
            (None, c) => word_mut(&mut word, at).push(c),
        }
    }
    out.between_words = word.is_none();
    if let Some(w) = word {
        out.words.push(w);
    }
    out.open = quote;
    out
}

/// The word being built, started at `at` if there is none yet.
fn word_mut(word: &mut Option<(usize, String)>, at: usize) -> &mut String {
    &mut word.get_or_insert_with(|| (at, String::new())).1
}

/// The words of `line`, or why it is not a whole line (an unclosed quote, a lone `\`).
pub fn split(line: &str) -> Result<Vec<String>, SplitError> {
    let s = scan(line);
    if let Some(q) = s.open {
        return Err(SplitError::Unclosed(q));
    }
    if s.dangling_escape {
        return Err(SplitError::TrailingBackslash);
    }
    Ok(s.words.into_iter().map(|(_, w)| w).collect())
}

/// `word` written so that `split` reads it back as one word: as it is when nothing in it is
/// special, otherwise in double quotes.
pub fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && !word
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '\\'));
    if plain {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len() + 2);
    out.push('"');
    for c in word.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        split(line).unwrap_or_else(|e| panic!("{line:?}: {e}"))
    }

    #[test]
    fn blanks_split_and_quotes_keep_them() {
        assert_eq!(
            words("  import  a.csv\tb.zip "),
            ["import", "a.csv", "b.zip"]
        );
        assert_eq!(
            words(r#"import "Content 2026-10-01 Lumen Coffee Co""#),
            ["import", "Content 2026-10-01 Lumen Coffee Co"]
        );
        assert_eq!(
            words("import 'My exports/a b.csv'"),
            ["import", "My exports/a b.csv"]
        );
        assert_eq!(
            words(r"import My\ exports/a\ b.csv"),
            ["import", "My exports/a b.csv"]
        );
        assert_eq!(words(r#"a"b c"d"#), ["ab cd"], "quotes inside a word");
        assert_eq!(words(r#""" ''"#), ["", ""], "empty quotes are empty words");
        assert!(words("   ").is_empty());
    }

    #[test]
    fn escapes_inside_and_outside_quotes() {
        assert_eq!(words(r#""say \"hi\" \\ \n""#), [r#"say "hi" \ \n"#]);
        assert_eq!(words(r"'it\'"), [r"it\"], "single quotes keep backslashes");
        assert_eq!(words(r#"\"quoted\""#), [r#""quoted""#]);
        assert_eq!(words("Café 'Кава'"), ["Café", "Кава"]);
    }

    #[test]
    fn unclosed_quotes_and_lone_backslashes_are_errors() {
        assert_eq!(
            split(r#"import "Content 2026"#),
            Err(SplitError::Unclosed('"'))
        );
        assert_eq!(split("import 'a"), Err(SplitError::Unclosed('\'')));
        assert_eq!(split(r"import a\"), Err(SplitError::TrailingBackslash));
        assert!(
            SplitError::Unclosed('"')
                .to_string()
                .contains("unclosed \" quote")
        );
    }

    #[test]
    fn a_scan_says_where_each_word_starts_and_what_is_open() {
        let s = scan(r#"import --account @x "My ex"#);
        assert_eq!(s.open, Some('"'));
        assert!(!s.between_words);
        assert_eq!(s.words.last(), Some(&(20, "My ex".to_string())));
        assert!(scan("import ").between_words);
        assert!(!scan("import").between_words);
    }

    #[test]
    fn quote_round_trips() {
        for w in [
            "plain.csv",
            "a b",
            r#"say "hi""#,
            r"back\slash",
            "it's",
            "",
            "Кава й",
        ] {
            assert_eq!(words(&quote(w)), [w], "{w:?} as {}", quote(w));
        }
        assert_eq!(quote("a.csv"), "a.csv");
    }
}
