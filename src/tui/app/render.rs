//! Drawing the frame: the chrome around the active tab, then any overlay on top.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

use super::{App, Overlay};
use crate::tui::keymap::Scope;
use crate::tui::widgets::overlay::Confirm;
use crate::tui::widgets::{chrome, help, welcome};

impl App {
    pub fn render(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        if area.height < 3 || area.width < 10 {
            chrome::status(frame, area, "smmdeck: make the terminal larger", false);
            return;
        }
        // A long message (an import error names file, line and field) gets a second line.
        let status_rows = if unicode_width::UnicodeWidthStr::width(self.status.as_str())
            > area.width as usize
            && area.height > 8
        {
            2
        } else {
            1
        };
        let [bar, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(status_rows),
            Constraint::Length(1),
        ])
        .areas(area);
        chrome::tab_bar(frame, bar, self.active, &self.counts, &self.filter_label());
        self.tabs
            .render(self.active, frame, body, &self.view_clock());
        chrome::status(frame, status, &self.status, self.status_is_error);
        chrome::footer(frame, footer, &self.keymap.hints(&self.scopes()));
        match &self.overlay {
            None => {}
            Some(Overlay::Welcome) => welcome::render(frame, body),
            Some(Overlay::Help { scroll }) => {
                help::render(frame, body, &self.keymap, Scope::Tab(self.active), *scroll)
            }
            Some(Overlay::Confirm(c, _)) => c.render(frame, body),
            Some(Overlay::Form(form, _)) => form.render(frame, body),
            Some(Overlay::Input(input, _)) => input.render(
                frame,
                body,
                if input.multiline {
                    "Ctrl-S save · Esc cancel"
                } else {
                    "Enter accept · Esc cancel"
                },
            ),
            Some(Overlay::Pick(p, _)) => p.render(frame, body),
            Some(Overlay::Discard(input, _)) => {
                input.render(frame, body, "");
                Confirm {
                    question: "Discard your changes?".into(),
                }
                .render(frame, body);
            }
        }
    }
}
