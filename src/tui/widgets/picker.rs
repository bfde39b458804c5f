//! A list to pick one item from, drawn above the tab.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear};

use super::list::{Cursor, render_rows};
use super::overlay::centered;
use crate::text::{one_line, truncate};
use crate::tui::action::Action;
use crate::tui::theme::Theme;

/// What the user asked to do with the item under the picker's cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickVerb {
    Choose,
    New,
    Edit,
    Delete,
}

pub struct Picker {
    pub title: String,
    pub items: Vec<(i64, String)>,
    /// n, e and D manage the items (saved replies); otherwise the picker only chooses.
    pub manage: bool,
    cursor: Cursor,
}

impl Picker {
    pub fn new(title: String, items: Vec<(i64, String)>, manage: bool) -> Self {
        Self {
            title,
            items,
            manage,
            cursor: Cursor::default(),
        }
    }

    /// Moves the cursor, or turns the action into a choice: the item (None for `New`) and the
    /// verb. None: the action was a move (or nothing) and the picker stays open.
    pub fn handle(&mut self, action: &Action) -> Option<(Option<i64>, PickVerb)> {
        if self.cursor.apply(action, self.items.len()) {
            return None;
        }
        let current = self.items.get(self.cursor.selected).map(|(id, _)| *id);
        let verb = match action {
            Action::Open => PickVerb::Choose,
            _ if !self.manage => return None,
            Action::New => {
                return Some((None, PickVerb::New));
            }
            Action::Edit => PickVerb::Edit,
            Action::Delete => PickVerb::Delete,
            _ => return None,
        };
        current.map(|id| (Some(id), verb))
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        let h = (self.items.len() as u16 + 2).clamp(3, area.height.saturating_sub(2).max(3));
        let rect = centered(area, area.width.saturating_sub(10).clamp(20, 90), h);
        frame.render_widget(Clear, rect);
        let block = Block::bordered()
            .title(format!(" {} ", self.title))
            .title_bottom(
                Line::from(if self.manage {
                    " Enter choose · n new · e edit · D delete · Esc close "
                } else {
                    " Enter choose · Esc close "
                })
                .style(Theme::dim()),
            )
            .border_style(Theme::focus_border());
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let width = inner.width as usize;
        let rows: Vec<Line<'static>> = self
            .items
            .iter()
            .map(|(_, label)| Line::from(truncate(&one_line(label), width)))
            .collect();
        if rows.is_empty() {
            let empty = if self.manage {
                "nothing yet: press n to add one"
            } else {
                "nothing to choose from"
            };
            frame.render_widget(Line::styled(empty, Theme::dim()), inner);
        } else {
            render_rows(frame, inner, rows, Some(self.cursor.selected));
        }
    }
}
