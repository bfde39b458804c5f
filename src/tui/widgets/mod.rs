//! Reusable pieces of screen: the chrome (tab bar, footer, status), overlays (help, confirm,
//! prompt, editor) and text helpers that keep wide characters from breaking the layout.

pub mod chrome;
pub mod form;
pub mod help;
pub mod line_edit;
pub mod list;
pub mod overlay;
pub mod picker;
pub mod welcome;
