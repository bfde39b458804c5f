//! Overlays the app draws above a tab: a yes/no question, a one-line prompt and a multi-line
//! editor. Tabs ask for them through `Outcome`; the app owns them and hands back the answer.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::line_edit;
use crate::tui::theme::Theme;

/// A rectangle of `w`×`h` cells centred in `area`, shrunk to fit.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [c] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    c
}

pub struct Confirm {
    pub question: String,
}

impl Confirm {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        let width = (self.question.chars().count() as u16 + 6).clamp(24, 70);
        // A long question wraps: the box grows so that the y/n line still shows (word wrap
        // can lose up to a word per line, hence the spare row).
        let inner = width.saturating_sub(2).max(1) as usize;
        let w = unicode_width::UnicodeWidthStr::width(self.question.as_str());
        let rows = w.div_ceil(inner) + usize::from(w > inner);
        let rect = centered(area, width, (rows as u16 + 3).min(12));
        frame.render_widget(Clear, rect);
        let body = vec![
            Line::from(self.question.as_str()),
            Line::from(vec![
                Span::styled("y", Theme::key()),
                Span::raw(" yes   "),
                Span::styled("n", Theme::key()),
                Span::raw(" no"),
            ]),
        ];
        let block = Block::bordered()
            .title(" Confirm ")
            .border_style(Theme::focus_border());
        frame.render_widget(
            Paragraph::new(body).block(block).wrap(Wrap { trim: true }),
            rect,
        );
    }
}

/// A text input: one line (a prompt) or many (the editor). Typing goes to the text area; the
/// keys that finish it come from the keymap.
pub struct TextInput {
    pub title: String,
    pub multiline: bool,
    pub area: TextArea<'static>,
    initial: String,
}

impl TextInput {
    pub fn new(title: String, initial: String, multiline: bool) -> Self {
        let lines: Vec<String> = if initial.is_empty() {
            vec![String::new()]
        } else {
            initial.lines().map(String::from).collect()
        };
        let mut area = TextArea::new(lines);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area.set_cursor_line_style(ratatui::style::Style::new());
        Self {
            title,
            multiline,
            area,
            initial,
        }
    }

    /// Feeds a typed key to the text, with the shell's editing keys (`line_edit`). A one-line
    /// prompt types no Enter nor Tab (the keymap accepts and completes).
    pub fn input(&mut self, key: KeyEvent) {
        if self.multiline {
            line_edit::input_text(&mut self.area, key);
        } else {
            line_edit::input_line(&mut self.area, key);
        }
    }

    /// Replaces the text (a command from the history), cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        self.set_line(text, text.chars().count());
    }

    /// Replaces the text with one line (a completion), the cursor after `cursor` characters.
    pub fn set_line(&mut self, text: &str, cursor: usize) {
        let mut area = TextArea::new(vec![text.replace('\n', " ")]);
        let col = u16::try_from(cursor).unwrap_or(u16::MAX);
        area.move_cursor(ratatui_textarea::CursorMove::Jump(0, col));
        area.set_cursor_line_style(ratatui::style::Style::new());
        self.area = area;
    }

    /// The text before the cursor on its line (what Tab completes).
    pub fn before_cursor(&self) -> String {
        let c = self.area.cursor();
        let (row, col) = (c.0, c.1);
        self.area
            .lines()
            .get(row)
            .map(|l| l.chars().take(col).collect())
            .unwrap_or_default()
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text() != self.initial
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, hint: &str) {
        let (w, h) = if self.multiline {
            (
                area.width.saturating_sub(8).clamp(20, 100),
                area.height.saturating_sub(4).clamp(5, 20),
            )
        } else {
            (area.width.saturating_sub(8).clamp(20, 80), 3)
        };
        let rect = centered(area, w, h);
        frame.render_widget(Clear, rect);
        let block = Block::bordered()
            .title(format!(" {} ", self.title))
            .title_bottom(Line::from(format!(" {hint} ")).style(Theme::dim()))
            .border_style(Theme::focus_border());
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        frame.render_widget(&self.area, inner);
    }
}
