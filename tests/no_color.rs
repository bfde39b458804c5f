//! With `NO_COLOR` the app draws no colour at all, and the selection still shows (reversed).
//! Its own test binary: colours are off for the whole process.

mod common;

use common::{demo_app, draw, press};
use ratatui::style::{Color, Modifier};

#[test]
fn no_colour_anywhere_and_the_selection_still_shows() {
    smmdeck::tui::theme::set_no_color(true);
    let mut app = demo_app();
    for keys in ["1", "2", "3", "4", "5"] {
        press(&mut app, keys);
        let buf = draw(&app, 120, 40);
        let mut reversed = 0;
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                let cell = &buf[(x, y)];
                assert_eq!(
                    (cell.fg, cell.bg),
                    (Color::Reset, Color::Reset),
                    "tab {keys}: colour at ({x},{y}) {:?}",
                    cell.symbol()
                );
                if cell.modifier.contains(Modifier::REVERSED) {
                    reversed += 1;
                }
            }
        }
        assert!(
            reversed > 0,
            "tab {keys}: the active tab and selection show"
        );
    }
}
