//! The IPC commands, one module per area. Each reads its arguments and state, calls core and
//! maps the error; nothing else happens here.

pub mod app;
pub mod backups;
pub mod bundle;
pub mod cohort;
pub mod coverage;
pub mod frameworks;
pub mod learning;
pub mod packs;
pub mod plan;
pub mod portfolio;
pub mod revalidation;
pub mod review;
pub mod signing;
pub mod study;

use chrono::NaiveDate;

use crate::error::{AppError, ErrorKind};

/// A date the page sends ("today" in the learner's own time zone, as YYYY-MM-DD).
pub(crate) fn day(text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        AppError::new(
            ErrorKind::InvalidInput,
            format!("`{text}` is not a date written as YYYY-MM-DD"),
        )
    })
}

/// Opens the system's file picker for a file to import. The chosen path is remembered as one
/// the import commands may read; the page cannot name any other file.
pub(crate) fn pick_import_file(
    app: &tauri::AppHandle,
    state: &crate::state::AppState,
    title: &str,
    filter: (&str, &[&str]),
) -> Option<String> {
    use tauri_plugin_dialog::DialogExt;
    let chosen = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()?
        .into_path()
        .ok()?;
    state.allow_import(chosen.clone());
    Some(chosen.display().to_string())
}

/// Writes a copy the person asked to save where they chose, atomically.
pub(crate) fn save_copy(target: &std::path::Path, bytes: &[u8]) -> Result<(), AppError> {
    w2b_core::atomic::write(target, bytes).map_err(|e| {
        AppError::new(
            ErrorKind::Io,
            format!("cannot write {}: {e}", target.display()),
        )
    })
}
