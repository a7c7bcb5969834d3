//! Copies of the learner's data: listing them, taking one now, and restoring one.

use tauri::State;
use w2b_core::backups::{BackupInfo, BackupKind};

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command(async, rename_all = "camelCase")]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, AppError> {
    Ok(state.store()?.list_backups()?)
}

/// A copy the learner asked for: always `manual`, so the page cannot take copies the app
/// would later delete or mistake for its own.
#[tauri::command(async, rename_all = "camelCase")]
pub fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo, AppError> {
    Ok(state.store()?.backup_now(BackupKind::Manual, state.now())?)
}

/// Restores the copy `file_name`; returns the copy of the data it replaced.
#[tauri::command(async, rename_all = "camelCase")]
pub fn restore_backup(
    state: State<'_, AppState>,
    file_name: String,
) -> Result<BackupInfo, AppError> {
    let store = state.store()?;
    let kept = store.restore_backup(&file_name, state.now())?;
    // A copy from before a newer built-in curriculum gets it now, not at the next start.
    store.sync_builtin_pack(state.now())?;
    Ok(kept)
}
