//! Random key presses through the whole app, at random sizes: whatever a user types, the app
//! does not panic and the database stays consistent.

mod common;

use common::*;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn any_key() -> impl Strategy<Value = KeyEvent> {
    let chars = prop::sample::select(
        "12345abcdefghijklmnopqrstuvwxyzDEGNQ?/:!<>[]x ☕ж"
            .chars()
            .filter(|c| *c != 'q' && *c != 'Q')
            .collect::<Vec<_>>(),
    );
    prop_oneof![
        6 => chars.prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        1 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Up, KeyCode::Down,
            KeyCode::Left, KeyCode::Right, KeyCode::PageDown, KeyCode::PageUp, KeyCode::Home,
            KeyCode::End, KeyCode::Backspace,
        ])
        .prop_map(|k| KeyEvent::new(k, KeyModifiers::NONE)),
        1 => prop::sample::select(vec!['s', 'e', 'd', 'u'])
            .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
        1 => prop::sample::select(vec![KeyCode::Left, KeyCode::Right])
            .prop_map(|k| KeyEvent::new(k, KeyModifiers::SHIFT)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_never_panic(keys in prop::collection::vec(any_key(), 1..120), w in 1u16..200, h in 1u16..60) {
        // $EDITOR must not really run from a test.
        let mut app = demo_app();
        for key in keys {
            app.on_key(key);
            if app.quit {
                break;
            }
            draw(&app, w, h);
        }
        prop_assert_eq!(app.store.integrity_check().unwrap(), "ok");
    }
}
