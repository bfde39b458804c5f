//! The shell's line-editing keys (Ctrl-A/E, Alt-B/F, Ctrl-U/K/W, Alt-D, Alt-Backspace) for every
//! text input: the one-line prompts (`:`, `/`, the tabs' questions) and the form's fields.
//!
//! These keys are the input widget's own, not the keymap's: they only mean something while a
//! text field has the cursor, where the keymap's bindings for that overlay (Enter, Esc, Ctrl-S,
//! Tab...) are looked up first and everything they leave is typing. This table is the one place
//! that says which key edits how; the `?` overlay lists it as it is.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

/// One edit of the line the cursor is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Start,
    End,
    WordBack,
    WordForward,
    /// Ctrl-U: everything before the cursor.
    DeleteToStart,
    /// Ctrl-K: everything after it.
    DeleteToEnd,
    /// Ctrl-W: back to the previous blank, as a shell does (a whole path goes at once).
    DeleteBlankWord,
    /// Alt-Backspace: back to the start of the word (letters and digits).
    DeleteWordBack,
    /// Alt-D: to the end of the next word.
    DeleteWordForward,
}

/// Which modifier a key of the table needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mod {
    None,
    Ctrl,
    Alt,
}

/// Key, modifier, edit, and the words `?` shows.
const TABLE: &[(KeyCode, Mod, Edit, &str)] = &[
    (
        KeyCode::Char('a'),
        Mod::Ctrl,
        Edit::Start,
        "start of the line",
    ),
    (KeyCode::Home, Mod::None, Edit::Start, "start of the line"),
    (KeyCode::Char('e'), Mod::Ctrl, Edit::End, "end of the line"),
    (KeyCode::End, Mod::None, Edit::End, "end of the line"),
    (KeyCode::Char('b'), Mod::Alt, Edit::WordBack, "word back"),
    (KeyCode::Left, Mod::Ctrl, Edit::WordBack, "word back"),
    (
        KeyCode::Char('f'),
        Mod::Alt,
        Edit::WordForward,
        "word forward",
    ),
    (KeyCode::Right, Mod::Ctrl, Edit::WordForward, "word forward"),
    (
        KeyCode::Char('u'),
        Mod::Ctrl,
        Edit::DeleteToStart,
        "delete to the start",
    ),
    (
        KeyCode::Char('k'),
        Mod::Ctrl,
        Edit::DeleteToEnd,
        "delete to the end",
    ),
    (
        KeyCode::Char('w'),
        Mod::Ctrl,
        Edit::DeleteBlankWord,
        "delete the word before the cursor",
    ),
    (
        KeyCode::Backspace,
        Mod::Alt,
        Edit::DeleteWordBack,
        "delete a word back",
    ),
    (
        KeyCode::Char('d'),
        Mod::Alt,
        Edit::DeleteWordForward,
        "delete a word forward",
    ),
];

/// The edit a key means in a text field, if it is one of the shell's keys.
pub fn edit_for(key: &KeyEvent) -> Option<Edit> {
    let m = key.modifiers;
    let mods = if m.contains(KeyModifiers::CONTROL) {
        Mod::Ctrl
    } else if m.contains(KeyModifiers::ALT) {
        Mod::Alt
    } else {
        Mod::None
    };
    // Terminals report Ctrl-letters in either case; the table names them lower case.
    let code = match key.code {
        KeyCode::Char(c) if mods != Mod::None => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    TABLE
        .iter()
        .find(|(k, md, _, _)| *k == code && *md == mods)
        .map(|(_, _, edit, _)| *edit)
}

/// The table for the `?` overlay: each edit's keys, joined ("Ctrl-A Home"), and its words.
pub fn help_rows() -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    for (code, m, _, help) in TABLE {
        let name = match code {
            KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Backspace => "Backspace".into(),
            other => format!("{other:?}"),
        };
        let key = match m {
            Mod::None => name,
            Mod::Ctrl => format!("Ctrl-{name}"),
            Mod::Alt => format!("Alt-{name}"),
        };
        match rows.iter_mut().find(|(_, h)| h == help) {
            Some((keys, _)) => {
                keys.push(' ');
                keys.push_str(&key);
            }
            None => rows.push((key, help)),
        }
    }
    rows
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Where Alt-B lands from char column `col`: the start of this or the previous word.
fn word_back(chars: &[char], col: usize) -> usize {
    let mut i = col.min(chars.len());
    while i > 0 && !is_word(chars[i - 1]) {
        i -= 1;
    }
    while i > 0 && is_word(chars[i - 1]) {
        i -= 1;
    }
    i
}

/// Where Alt-F lands: the end of this or the next word.
fn word_forward(chars: &[char], col: usize) -> usize {
    let mut i = col.min(chars.len());
    while i < chars.len() && !is_word(chars[i]) {
        i += 1;
    }
    while i < chars.len() && is_word(chars[i]) {
        i += 1;
    }
    i
}

/// Where Ctrl-W deletes back to: the blanks before the cursor, then what is not blank.
fn blank_word_back(chars: &[char], col: usize) -> usize {
    let mut i = col.min(chars.len());
    while i > 0 && chars[i - 1].is_whitespace() {
        i -= 1;
    }
    while i > 0 && !chars[i - 1].is_whitespace() {
        i -= 1;
    }
    i
}

/// Applies an edit to the line under the cursor. It never joins lines: at the start of a
/// line Ctrl-U and Ctrl-W do nothing, as in a shell.
pub fn apply(area: &mut TextArea<'_>, edit: Edit) {
    let c = area.cursor();
    let (row, col) = (c.0, c.1);
    let chars: Vec<char> = area
        .lines()
        .get(row)
        .map(|l| l.chars().collect())
        .unwrap_or_default();
    let col = col.min(chars.len());
    let jump = |area: &mut TextArea<'_>, to: usize| {
        let (r, c) = (
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(to).unwrap_or(u16::MAX),
        );
        area.move_cursor(CursorMove::Jump(r, c));
    };
    // Deletes the characters between `from` and `to` (char columns, from <= to).
    let delete = |area: &mut TextArea<'_>, from: usize, to: usize| {
        if to > from {
            jump(area, from);
            area.delete_str(to - from);
        }
    };
    match edit {
        Edit::Start => jump(area, 0),
        Edit::End => jump(area, chars.len()),
        Edit::WordBack => jump(area, word_back(&chars, col)),
        Edit::WordForward => jump(area, word_forward(&chars, col)),
        Edit::DeleteToStart => delete(area, 0, col),
        Edit::DeleteToEnd => delete(area, col, chars.len()),
        Edit::DeleteBlankWord => delete(area, blank_word_back(&chars, col), col),
        Edit::DeleteWordBack => delete(area, word_back(&chars, col), col),
        Edit::DeleteWordForward => delete(area, col, word_forward(&chars, col)),
    }
}

/// A key for a one-line field: a shell edit, or typing. Enter, Tab and the text area's own
/// multi-line, undo and clipboard keys do nothing here (the owner's keymap gave Enter and Tab
/// their meaning before the key got this far). True when the key was used.
pub fn input_line(area: &mut TextArea<'_>, key: KeyEvent) -> bool {
    if let Some(edit) = edit_for(&key) {
        apply(area, edit);
        return true;
    }
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(_) if plain => area.input(key),
        KeyCode::Backspace | KeyCode::Delete | KeyCode::Left | KeyCode::Right if plain => {
            area.input(key)
        }
        // Ctrl-D deletes forward and Ctrl-H back, as in a shell.
        KeyCode::Char('d' | 'h') if key.modifiers == KeyModifiers::CONTROL => area.input(key),
        _ => return false,
    };
    true
}

/// A key for a multi-line text: the shell's edits on the cursor's line, then the text area's
/// own keys (Enter makes a new line there).
pub fn input_text(area: &mut TextArea<'_>, key: KeyEvent) {
    match edit_for(&key) {
        Some(edit) => apply(area, edit),
        None => {
            area.input(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(text: &str, col: usize) -> TextArea<'static> {
        let mut a = TextArea::new(vec![text.to_string()]);
        a.move_cursor(CursorMove::Jump(0, col as u16));
        a
    }

    fn k(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    fn after(text: &str, col: usize, key: KeyEvent) -> (String, usize) {
        let mut a = area(text, col);
        input_line(&mut a, key);
        (a.lines()[0].clone(), a.cursor().1)
    }

    #[test]
    fn the_shell_keys_edit_the_line() {
        let ctrl = |c| k(KeyCode::Char(c), KeyModifiers::CONTROL);
        let alt = |c| k(KeyCode::Char(c), KeyModifiers::ALT);
        let line = ":import ~/My exports/a b.zip";
        let end = line.chars().count();
        assert_eq!(after(line, end, ctrl('u')), (String::new(), 0));
        assert_eq!(
            after(line, 7, ctrl('u')),
            (" ~/My exports/a b.zip".into(), 0)
        );
        assert_eq!(after(line, 7, ctrl('k')), (":import".into(), 7));
        assert_eq!(
            after(line, end, ctrl('w')),
            (":import ~/My exports/a ".into(), 23)
        );
        assert_eq!(after("a b  ", 5, ctrl('w')), ("a ".into(), 2));
        assert_eq!(
            after(line, 0, ctrl('w')),
            (line.into(), 0),
            "nothing before"
        );
        assert_eq!(after(line, end, ctrl('a')).1, 0);
        assert_eq!(after(line, 0, ctrl('e')).1, end);
        assert_eq!(after(line, end, alt('b')).1, end - 3, "back to zip");
        assert_eq!(after(line, 0, alt('f')).1, 7, "past import");
        assert_eq!(after(line, 7, alt('f')).1, 12, "to the end of My");
        assert_eq!(
            after("héllo wörld", 11, alt('b')).1,
            6,
            "letters, not bytes"
        );
        assert_eq!(
            after("one two", 7, k(KeyCode::Backspace, KeyModifiers::ALT)),
            ("one ".into(), 4)
        );
        assert_eq!(after("one two", 0, alt('d')), (" two".into(), 0));
        // Ctrl-U is no longer the text area's undo, and Enter and Tab type nothing.
        assert_eq!(
            after("ab", 2, k(KeyCode::Enter, KeyModifiers::NONE)).0,
            "ab"
        );
        assert_eq!(after("ab", 2, k(KeyCode::Tab, KeyModifiers::NONE)).0, "ab");
        assert_eq!(
            after("ab", 2, k(KeyCode::Char('C'), KeyModifiers::SHIFT)).0,
            "abC"
        );
    }

    #[test]
    fn a_long_text_edits_the_cursor_line_only() {
        let mut a = TextArea::new(vec!["first".to_string(), "second line".to_string()]);
        a.move_cursor(CursorMove::Jump(1, 0));
        input_text(&mut a, k(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(a.lines(), ["first", "second line"], "never joins lines");
        input_text(&mut a, k(KeyCode::Char('e'), KeyModifiers::CONTROL));
        input_text(&mut a, k(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(a.lines(), ["first", "second "]);
        input_text(&mut a, k(KeyCode::Enter, KeyModifiers::NONE));
        assert_eq!(a.lines().len(), 3);
    }

    #[test]
    fn the_help_rows_join_keys_of_one_edit() {
        let rows = help_rows();
        assert!(rows.contains(&("Ctrl-A Home".into(), "start of the line")));
        assert!(rows.iter().any(|(k, _)| k == "Alt-B Ctrl-←"));
        assert_eq!(
            edit_for(&k(KeyCode::Char('U'), KeyModifiers::CONTROL)),
            Some(Edit::DeleteToStart)
        );
    }
}
