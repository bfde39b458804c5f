//! The form every editing tab shares (posts, contacts, campaigns): one-line text fields,
//! choices cycled with ←→, and long text with its own box that `$EDITOR` can take over. Tab and
//! arrows move between fields with a marker that shows without colour, Ctrl-S asks to save,
//! Esc asks before dropping changes. The form knows nothing of what it edits: its owner reads
//! the values, checks them and builds the write.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::line_edit;
use super::overlay::centered;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

enum Kind {
    /// One line of text.
    Line(TextArea<'static>),
    /// Several lines in a box of their own; `$EDITOR` can edit it.
    Long(TextArea<'static>),
    /// One of `options`, cycled with ←→.
    Choice { options: Vec<String>, index: usize },
}

struct Field {
    label: String,
    kind: Kind,
    /// A word shown after the value when it is not focused, e.g. the zone of a time.
    note: String,
}

impl Field {
    fn value(&self) -> String {
        match &self.kind {
            Kind::Line(a) => a.lines().join(" "),
            Kind::Long(a) => a.lines().join("\n"),
            Kind::Choice { options, index } => options.get(*index).cloned().unwrap_or_default(),
        }
    }
}

/// What a key did to the form, for its owner to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormEvent {
    /// Nothing for the owner: the form changed itself (or not at all).
    Stay,
    /// Ctrl-S: check the values and save.
    Save,
    /// Esc with nothing changed, or yes to "discard?": close without saving.
    Cancel,
    /// Open this long field's text in `$EDITOR`; the result comes back through `set_text`.
    External { field: usize, text: String },
}

pub struct Form {
    title: String,
    fields: Vec<Field>,
    focus: usize,
    /// The values as the form opened, to tell whether anything changed.
    initial: Vec<String>,
    /// The field a failed check points at, and what is wrong.
    error: Option<(Option<usize>, String)>,
    confirming: bool,
}

fn line_area(text: &str) -> TextArea<'static> {
    let mut a = TextArea::new(vec![text.replace('\n', " ")]);
    a.move_cursor(CursorMove::End);
    a.set_cursor_line_style(Style::new());
    a
}

fn long_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(String::from).collect()
    };
    let mut a = TextArea::new(lines);
    a.set_wrap_mode(WrapMode::WordOrGlyph);
    a.set_cursor_line_style(Style::new());
    // Editing usually adds to the end of a long text.
    a.move_cursor(CursorMove::Bottom);
    a.move_cursor(CursorMove::End);
    a
}

/// What a moving or choosing key does inside the focused field; the step to move the focus by
/// when the key leaves it (0 when it stays).
fn edit_in_field(kind: &mut Kind, action: &Action) -> isize {
    match (kind, action) {
        (Kind::Long(a), Action::Open) => a.insert_newline(),
        (Kind::Long(a), Action::Up) if a.cursor().0 > 0 => a.move_cursor(CursorMove::Up),
        (Kind::Long(a), Action::Down) if a.cursor().0 + 1 < a.lines().len() => {
            a.move_cursor(CursorMove::Down)
        }
        (_, Action::Open | Action::Down) => return 1,
        (_, Action::Up) => return -1,
        (Kind::Line(a) | Kind::Long(a), Action::Left) => a.move_cursor(CursorMove::Back),
        (Kind::Line(a) | Kind::Long(a), Action::Right) => a.move_cursor(CursorMove::Forward),
        (Kind::Choice { options, index }, Action::Left | Action::Right) => {
            let n = options.len() as isize;
            if n > 0 {
                let step = if *action == Action::Left { -1 } else { 1 };
                *index = (*index as isize + step).rem_euclid(n) as usize;
            }
        }
        _ => {}
    }
    0
}

impl Form {
    pub fn new(title: impl Into<String>) -> Form {
        Form {
            title: title.into(),
            fields: Vec::new(),
            focus: 0,
            initial: Vec::new(),
            error: None,
            confirming: false,
        }
    }

    fn push(mut self, label: &str, kind: Kind) -> Form {
        let field = Field {
            label: label.to_string(),
            kind,
            note: String::new(),
        };
        self.initial.push(field.value());
        self.fields.push(field);
        self
    }

    /// Adds a one-line text field.
    pub fn line(self, label: &str, value: &str) -> Form {
        self.push(label, Kind::Line(line_area(value)))
    }

    /// Adds a long text field (drawn in its own box below the others).
    pub fn long(self, label: &str, value: &str) -> Form {
        self.push(label, Kind::Long(long_area(value)))
    }

    /// Adds a choice among `options`, starting at `index`.
    pub fn choice(self, label: &str, options: Vec<String>, index: usize) -> Form {
        let index = index.min(options.len().saturating_sub(1));
        self.push(label, Kind::Choice { options, index })
    }

    /// Puts the focus on field `i` (e.g. the caption when editing a post).
    pub fn focused_on(mut self, i: usize) -> Form {
        self.focus = i.min(self.fields.len().saturating_sub(1));
        self
    }

    /// Renames field `i` (e.g. "When (Europe/Kyiv)" after the account changed).
    pub fn set_label(&mut self, i: usize, label: impl Into<String>) {
        if let Some(f) = self.fields.get_mut(i) {
            f.label = label.into();
        }
    }

    /// Sets the note shown beside field `i` (e.g. "Europe/Kyiv" beside a time).
    pub fn set_note(&mut self, i: usize, note: impl Into<String>) {
        if let Some(f) = self.fields.get_mut(i) {
            f.note = note.into();
        }
    }

    /// The text of field `i`, or the label of its chosen option.
    pub fn value(&self, i: usize) -> String {
        self.fields.get(i).map(Field::value).unwrap_or_default()
    }

    /// The text of field `i`, trimmed.
    pub fn trimmed(&self, i: usize) -> String {
        self.value(i).trim().to_string()
    }

    /// The index of the chosen option of field `i` (0 for a text field).
    pub fn chosen(&self, i: usize) -> usize {
        match self.fields.get(i).map(|f| &f.kind) {
            Some(Kind::Choice { index, .. }) => *index,
            _ => 0,
        }
    }

    pub fn focus(&self) -> usize {
        self.focus
    }

    pub fn confirming(&self) -> bool {
        self.confirming
    }

    /// True when a value differs from what the form opened with.
    pub fn changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, v)| f.value() != *v)
    }

    /// A failed check: the message names the field, and the focus goes to it.
    pub fn fail(&mut self, field: usize, message: impl Into<String>) {
        let label = self.fields.get(field).map(|f| f.label.clone());
        let message = message.into();
        let message = match label {
            Some(l) if !message.starts_with(&l) => format!("{l}: {message}"),
            _ => message,
        };
        if field < self.fields.len() {
            self.focus = field;
        }
        self.error = Some((Some(field), message));
    }

    /// A failure that is not one field's (e.g. the store refused the write).
    pub fn set_error(&mut self, message: impl Into<String>) {
        self.error = Some((None, message.into()));
    }

    /// Replaces the text of field `i` (what `$EDITOR` gave back) and focuses it.
    pub fn set_text(&mut self, i: usize, text: &str) {
        if let Some(f) = self.fields.get_mut(i) {
            match &mut f.kind {
                Kind::Line(a) => *a = line_area(text),
                Kind::Long(a) => *a = long_area(text),
                Kind::Choice { .. } => return,
            }
            self.focus = i;
        }
    }

    /// A typed key no binding claimed: text for the focused field.
    pub fn input(&mut self, key: KeyEvent) {
        if self.confirming {
            return;
        }
        self.error = None;
        match self.fields.get_mut(self.focus).map(|f| &mut f.kind) {
            // The shell's editing keys in both (`line_edit`); a one-line field types no Enter
            // nor Tab (the keymap moves on with them).
            Some(Kind::Line(a)) => {
                line_edit::input_line(a, key);
            }
            Some(Kind::Long(a)) => line_edit::input_text(a, key),
            _ => {}
        }
    }

    fn move_focus(&mut self, step: isize) {
        let n = self.fields.len().max(1) as isize;
        self.focus = (self.focus as isize + step).rem_euclid(n) as usize;
    }

    /// Whether Ctrl-E (the `edit_external` key) opens `$EDITOR` now: it does unless the focus
    /// is in a one-line field, where it moves to the end of the line.
    pub fn ctrl_e_opens_editor(&self) -> bool {
        !matches!(
            self.fields.get(self.focus).map(|f| &f.kind),
            Some(Kind::Line(_))
        )
    }

    fn long_index(&self) -> Option<usize> {
        if matches!(
            self.fields.get(self.focus).map(|f| &f.kind),
            Some(Kind::Long(_))
        ) {
            return Some(self.focus);
        }
        self.fields
            .iter()
            .position(|f| matches!(f.kind, Kind::Long(_)))
    }

    /// A key the keymap turned into an action (`Scope::Form`, or `Scope::Confirm` while it
    /// asks whether to discard).
    pub fn handle(&mut self, action: &Action) -> FormEvent {
        if self.confirming {
            self.confirming = false;
            return match action {
                Action::Yes => FormEvent::Cancel,
                _ => FormEvent::Stay,
            };
        }
        match action {
            Action::NextField => self.move_focus(1),
            Action::PrevField => self.move_focus(-1),
            Action::Save => return FormEvent::Save,
            // Ctrl-E ends the line in a one-line field, as in a shell; elsewhere it opens the
            // long text in $EDITOR (the footer says which, from `ctrl_e_opens_editor`).
            Action::EditExternal if !self.ctrl_e_opens_editor() => {
                if let Some(Kind::Line(a)) = self.fields.get_mut(self.focus).map(|f| &mut f.kind) {
                    line_edit::apply(a, line_edit::Edit::End);
                }
            }
            Action::EditExternal => {
                if let Some(i) = self.long_index() {
                    return FormEvent::External {
                        field: i,
                        text: self.value(i),
                    };
                }
            }
            Action::Back if self.changed() => self.confirming = true,
            Action::Back => return FormEvent::Cancel,
            _ => {
                let step = match self.fields.get_mut(self.focus).map(|f| &mut f.kind) {
                    Some(kind) => edit_in_field(kind, action),
                    None => 0,
                };
                if step != 0 {
                    self.move_focus(step);
                }
            }
        }
        self.error = None;
        FormEvent::Stay
    }

    /// The keys line under the form, true for the focused field: Ctrl-E ends a one-line
    /// field's line and opens `$EDITOR` elsewhere.
    fn key_hint(&self) -> &'static str {
        match self.fields.get(self.focus).map(|f| &f.kind) {
            Some(Kind::Line(_)) => " Tab next · Ctrl-A/E start/end · Ctrl-S save · Esc cancel ",
            Some(Kind::Choice { .. }) => {
                " Tab next · ←→ choose · Ctrl-E $EDITOR · Ctrl-S save · Esc cancel "
            }
            _ => " Tab next · Ctrl-E $EDITOR · Ctrl-S save · Esc cancel ",
        }
    }

    /// Draws the form centred over `area`; `extra` is a line of the owner's (e.g. caption
    /// counters) above the message line.
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, extra: Option<Line<'static>>) {
        let rect = centered(
            area,
            area.width.saturating_sub(4).min(100),
            area.height.saturating_sub(1),
        );
        frame.render_widget(Clear, rect);
        let block = Block::bordered()
            .title(format!(" {} ", self.title))
            .title_bottom(Line::from(self.key_hint()).style(Theme::dim()))
            .border_style(Theme::focus_border());
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let short: Vec<usize> = (0..self.fields.len())
            .filter(|&i| !matches!(self.fields[i].kind, Kind::Long(_)))
            .collect();
        let long: Vec<usize> = (0..self.fields.len())
            .filter(|&i| matches!(self.fields[i].kind, Kind::Long(_)))
            .collect();
        let extra_rows = u16::from(extra.is_some());
        // Long fields get what is left, at least three rows each when the terminal allows.
        let long_min = 3 * long.len() as u16;
        let rows_for_short = inner
            .height
            .saturating_sub(1 + extra_rows + long_min)
            .min(short.len() as u16);
        let [fields_area, long_area, extra_area, message] = Layout::vertical([
            Constraint::Length(rows_for_short),
            Constraint::Min(0),
            Constraint::Length(extra_rows),
            Constraint::Length(1),
        ])
        .areas(inner);
        self.render_short(frame, fields_area, &short);
        if !long.is_empty() {
            let boxes = Layout::vertical(vec![Constraint::Fill(1); long.len()]).split(long_area);
            for (i, r) in long.iter().zip(boxes.iter()) {
                self.render_long(frame, *r, *i);
            }
        }
        if let Some(line) = extra {
            frame.render_widget(Paragraph::new(line), extra_area);
        }
        let msg = match (&self.error, self.confirming) {
            (_, true) => Line::from(vec![
                Span::styled("Discard your changes? ", Theme::overdue()),
                Span::styled("y", Theme::key()),
                Span::raw(" yes  "),
                Span::styled("n", Theme::key()),
                Span::raw(" no"),
            ]),
            (Some((_, e)), _) => Line::styled(e.clone(), Theme::overdue()),
            (None, _) => Line::default(),
        };
        frame.render_widget(Paragraph::new(msg), message);
    }

    /// The one-row fields, scrolled so that the focused one shows when they do not all fit.
    fn render_short(&self, frame: &mut Frame<'_>, area: Rect, short: &[usize]) {
        let height = area.height as usize;
        if height == 0 {
            return;
        }
        let label_w = short
            .iter()
            .map(|&i| unicode_width::UnicodeWidthStr::width(self.fields[i].label.as_str()))
            .max()
            .unwrap_or(0) as u16
            + 2;
        let focus_row = short.iter().position(|&i| i == self.focus).unwrap_or(0);
        let first = (focus_row + 1).saturating_sub(height);
        let rows = Layout::vertical(vec![Constraint::Length(1); height]).split(area);
        for (row, &i) in rows.iter().zip(short.iter().skip(first)) {
            let field = &self.fields[i];
            let focused = i == self.focus;
            let failed = matches!(self.error, Some((Some(f), _)) if f == i);
            let [label, value] =
                Layout::horizontal([Constraint::Length(label_w), Constraint::Min(1)]).areas(*row);
            let style = match (focused, failed) {
                (_, true) => Theme::overdue(),
                (true, _) => Theme::key(),
                _ => Theme::dim(),
            };
            // A marker as well as a colour, so the focus shows on any terminal.
            let marker = if focused { "▸" } else { " " };
            frame.render_widget(
                Paragraph::new(format!("{marker}{}", field.label)).style(style),
                label,
            );
            let note = if field.note.is_empty() {
                String::new()
            } else {
                format!("  ({})", field.note)
            };
            match &field.kind {
                Kind::Line(a) if focused => {
                    let [text, note_area] = Layout::horizontal([
                        Constraint::Min(1),
                        Constraint::Length(note.chars().count() as u16),
                    ])
                    .areas(value);
                    frame.render_widget(a, text);
                    frame.render_widget(Paragraph::new(note).style(Theme::dim()), note_area);
                }
                Kind::Choice { .. } if focused => {
                    frame.render_widget(
                        Paragraph::new(format!("‹ {} ›{note}", field.value())),
                        value,
                    );
                }
                _ => frame.render_widget(
                    Paragraph::new(Line::from(vec![
                        Span::raw(crate::text::one_line(&field.value())),
                        Span::styled(note, Theme::dim()),
                    ])),
                    value,
                ),
            }
        }
    }

    fn render_long(&self, frame: &mut Frame<'_>, area: Rect, i: usize) {
        let field = &self.fields[i];
        let Kind::Long(a) = &field.kind else { return };
        let focused = i == self.focus;
        let marker = if focused { "▸" } else { "" };
        let block = Block::bordered()
            .title(format!(" {marker}{} ", field.label))
            .border_style(if focused {
                Theme::focus_border()
            } else {
                Theme::border()
            });
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if focused {
            frame.render_widget(a, inner);
        } else {
            let mut shown = a.clone();
            shown.set_cursor_style(Style::new());
            frame.render_widget(&shown, inner);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn form() -> Form {
        Form::new("Test")
            .line("Name", "Ann")
            .choice("Stage", vec!["a".into(), "b".into(), "c".into()], 1)
            .long("Notes", "one\ntwo")
    }

    fn typed(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn typing_choosing_and_asking_before_discarding() {
        let mut f = form();
        assert!(!f.changed());
        typed(&mut f, "a");
        assert_eq!(f.value(0), "Anna");
        assert!(f.changed());
        f.handle(&Action::NextField);
        f.handle(&Action::Right);
        f.handle(&Action::Right);
        assert_eq!((f.value(1), f.chosen(1)), ("a".to_string(), 0), "wraps");
        // Esc with changes asks; anything but yes keeps the form.
        assert_eq!(f.handle(&Action::Back), FormEvent::Stay);
        assert!(f.confirming());
        assert_eq!(f.handle(&Action::No), FormEvent::Stay);
        assert!(!f.confirming());
        f.handle(&Action::Back);
        assert_eq!(f.handle(&Action::Yes), FormEvent::Cancel);
    }

    #[test]
    fn long_text_takes_enter_and_comes_back_from_the_editor() {
        let mut f = form().focused_on(2);
        f.handle(&Action::Open);
        typed(&mut f, "three");
        assert_eq!(f.value(2), "one\ntwo\nthree");
        assert_eq!(
            f.handle(&Action::EditExternal),
            FormEvent::External {
                field: 2,
                text: "one\ntwo\nthree".into()
            }
        );
        f.set_text(2, "new");
        assert_eq!(f.value(2), "new");
        assert_eq!(f.handle(&Action::Save), FormEvent::Save);
    }

    #[test]
    fn a_failed_check_names_the_field_and_focuses_it() {
        let mut f = form().focused_on(2);
        f.fail(0, "cannot be empty");
        assert_eq!(f.focus(), 0);
        let buf = {
            let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 14)).unwrap();
            t.draw(|fr| f.render(fr, fr.area(), None)).unwrap();
            t.backend().buffer().clone()
        };
        let text: String = (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(text.contains("Name: cannot be empty"), "{text}");
        assert!(text.contains("▸Name"), "{text}");
    }

    #[test]
    fn tiny_areas_do_not_panic() {
        let f = form();
        for (w, h) in [(1, 1), (5, 3), (20, 4), (80, 2)] {
            let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
            t.draw(|fr| f.render(fr, fr.area(), Some(Line::from("x"))))
                .unwrap();
        }
    }
}
