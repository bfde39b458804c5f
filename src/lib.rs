//! smmdeck: a keyboard-driven terminal deck for social-media-marketing specialists.
//! `main.rs` only parses the command line; everything lives here so that tests can drive it.

pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod files;
pub mod import;
pub mod logging;
pub mod report;
pub mod store;
pub mod text;
pub mod tui;
