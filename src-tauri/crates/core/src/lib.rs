//! Ward to Board's domain: curriculum packs, the learner's database, and Markdown rendering.
//! No Tauri and no UI here, so everything is testable without a window and shared with the
//! `w2b` command-line tool.

mod archive_checks;
pub mod atomic;
pub mod backups;
pub mod bundle;
pub mod cohort;
pub mod coverage;
pub mod file_names;
pub mod frameworks;
pub mod json_limits;
pub mod learning;
pub mod markdown;
pub mod packs;
pub mod plan;
pub mod portfolio;
pub mod privacy;
pub mod problems;
pub mod revalidation;
pub mod review;
pub mod signing;
pub mod store;
pub mod study;
pub mod typeset;

/// The app's version, as recorded in data it writes and checked against packs.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
