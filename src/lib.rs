//! smmdeck: a keyboard-driven terminal deck for social-media-marketing specialists.
//! `main.rs` only parses the command line; everything lives here so that tests can drive it.

pub mod clock;
pub mod config;
pub mod domain;
pub mod import;
pub mod store;
