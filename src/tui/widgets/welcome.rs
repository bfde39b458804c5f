//! The first screen on an empty database: what smmdeck is and the keys that start it. It only
//! draws; the app runs what its keys ask for.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::overlay::centered;
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame<'_>, area: Rect) {
    let rect = centered(area, 64, 13);
    frame.render_widget(Clear, rect);
    let key = |k: &'static str, what: &'static str| {
        Line::from(vec![
            Span::styled(format!("  {k}  "), Theme::key()),
            Span::raw(what),
        ])
    };
    let lines = vec![
        Line::styled("Welcome to smmdeck", Theme::title()),
        Line::default(),
        Line::from("Your deck is empty. Plan posts, triage comments and DMs,"),
        Line::from("track contacts and campaigns, all from this terminal."),
        Line::default(),
        key("d", "load demo data (3 brands, 5 accounts) to look around"),
        key("i", "how to import your platforms' exports"),
        key("n", "add your first account"),
        key("?", "every key"),
    ];
    let block = Block::bordered()
        .title(" smmdeck ")
        .border_style(Theme::focus_border());
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
