//! Ward to Board's domain: curriculum packs, the learner's database, and Markdown rendering.
//! No Tauri and no UI here, so everything is testable without a window and shared with the
//! `w2b` command-line tool.

pub mod backups;
pub mod curriculum;
pub mod export;
pub mod framework;
pub mod installed;
pub mod learning;
pub mod markdown;
pub mod portfolio;
pub mod privacy;
pub mod store;
pub mod study;

/// The app's version, as recorded in data it writes and checked against packs.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
