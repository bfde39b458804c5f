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

/// The allocator of every binary built on this crate (the app, its tests and benches): a
/// screen's rows are hundreds of small strings made and let go on every key, and glibc's
/// allocator spent a fifth of a calendar write's key merging its free lists. Its arenas are
/// committed as used (see `.cargo/config.toml`), so memory is given back as it goes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h's `mi_option_e` (mimalloc 3).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Has the allocator give memory it no longer uses back at once instead of a second later:
/// the first thing `main` does. An import of 100 MB peaked at 22 MB instead of 34-41 (the
/// batches' memory, let go, was held while the next batch took more).
pub fn tune_allocator() {
    // SAFETY: sets one of mimalloc's options, an integer it reads each time it purges.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}
