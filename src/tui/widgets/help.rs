//! The `?` overlay, generated from the keymap so that it always tells the truth.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::overlay::centered;
use crate::text::fit;
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::theme::Theme;

/// Every binding, grouped by scope with `first` (the current tab) at the top.
pub fn lines(keymap: &Keymap, first: Scope) -> Vec<Line<'static>> {
    let mut scopes = vec![first, Scope::List, Scope::Global];
    for b in keymap.bindings() {
        if !scopes.contains(&b.scope) {
            scopes.push(b.scope);
        }
    }
    let mut out = Vec::new();
    for scope in scopes {
        let mut rows: Vec<(String, &'static str, Option<&'static str>)> = Vec::new();
        for b in keymap.bindings().iter().filter(|b| b.scope == scope) {
            // Several keys for one action share a row: "j ↓  down".
            match rows.iter_mut().find(|(_, help, _)| *help == b.help) {
                Some((keys, _, _)) => {
                    keys.push(' ');
                    keys.push_str(&b.key.to_string());
                }
                None => rows.push((b.key.to_string(), b.help, b.action.name())),
            }
        }
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(scope.title().to_string(), Theme::title()));
        for (keys, help, name) in rows {
            let mut spans = vec![Span::styled(fit(&keys, 14), Theme::key()), Span::raw(help)];
            // The name to rebind it by in config.toml's [keys].
            if let Some(name) = name {
                spans.push(Span::styled(format!("  [{name}]"), Theme::dim()));
            }
            out.push(Line::from(spans));
        }
    }
    // The text fields' own keys (not rebindable: they are the input widget's, see line_edit).
    out.push(Line::default());
    out.push(Line::styled(
        "Typing in a prompt or a form field",
        Theme::title(),
    ));
    for (keys, help) in super::line_edit::help_rows() {
        out.push(Line::from(vec![
            Span::styled(fit(&keys, 14), Theme::key()),
            Span::raw(help),
        ]));
    }
    out
}

/// Draws the overlay, scrolled by `scroll` lines.
pub fn render(frame: &mut Frame<'_>, area: Rect, keymap: &Keymap, first: Scope, scroll: u16) {
    let rect = centered(area, 72, area.height.saturating_sub(2).max(3));
    frame.render_widget(Clear, rect);
    let all = lines(keymap, first);
    let block = Block::bordered()
        .title(" Keys ")
        .title_bottom(Line::from(" j/k scroll · Esc close ").style(Theme::dim()))
        .border_style(Theme::focus_border());
    frame.render_widget(Paragraph::new(all).block(block).scroll((scroll, 0)), rect);
}

/// How many lines the help has, to bound scrolling.
pub fn len(keymap: &Keymap, first: Scope) -> usize {
    lines(keymap, first).len()
}
