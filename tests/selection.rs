//! The selected row stays readable: in every tab, each selected cell's text colour differs from
//! its background (a blue "scheduled" used to vanish into the blue selection).

mod common;

use common::{demo_app, draw, press};
use ratatui::style::Color;

/// The cells drawn with the selection's background, and how many of them hide their text.
fn selected_cells(buf: &ratatui::buffer::Buffer) -> (usize, Vec<String>) {
    let mut n = 0;
    let mut hidden = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.bg == Color::Blue {
                n += 1;
                if cell.fg == cell.bg && !cell.symbol().trim().is_empty() {
                    hidden.push(format!("({x},{y}) {:?}", cell.symbol()));
                }
            }
        }
    }
    (n, hidden)
}

#[test]
fn selected_text_is_never_drawn_in_the_background_colour() {
    let mut app = demo_app();
    // Today; the calendar's month (day selected, then a post), week and agenda; the inbox;
    // contacts; analytics.
    for keys in ["1", "2", "\n", "v", "v", "3", "4", "5"] {
        press(&mut app, keys);
        if keys == "\n" {
            // Enter focuses the day's posts: the selection is then a post row.
            app.on_key(common::code(ratatui::crossterm::event::KeyCode::Enter));
        }
        let buf = draw(&app, 160, 45);
        let (n, hidden) = selected_cells(&buf);
        assert!(n > 0, "after {keys:?} something is selected");
        assert!(
            hidden.is_empty(),
            "after {keys:?}: text in the selection's colour at {}",
            hidden.join(", ")
        );
    }
}
