//! Curricula: list, import (from a file the learner chose), remove.

use tauri::{AppHandle, State};
use w2b_core::packs::installed::{ImportPreview, InstalledPack};
use w2b_core::packs::{parse_pack, Pack, PackFiles, ARCHIVE_EXTENSION};

use w2b_core::store::ImportConsent;

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_packs(state: State<'_, AppState>) -> Result<Vec<InstalledPack>, AppError> {
    Ok(state.store()?.installed_packs()?)
}

/// Opens the system's file picker (see `pick_import_file`).
#[tauri::command(async)]
pub fn choose_pack_file(app: AppHandle, state: State<'_, AppState>) -> Option<String> {
    crate::commands::pick_import_file(
        &app,
        &state,
        "Choose a curriculum file",
        ("Ward to Board curriculum", &[ARCHIVE_EXTENSION]),
    )
}

#[tauri::command(async)]
pub fn preview_pack_import(
    state: State<'_, AppState>,
    path: String,
) -> Result<ImportPreview, AppError> {
    let pack = read_allowed(&state, &path)?;
    Ok(state.store()?.preview_import(&pack)?)
}

/// Installs a chosen pack. `accept_new_signer` is the learner's confirmation, after the
/// preview's warning, of an update signed differently from the installed version.
#[tauri::command(async, rename_all = "camelCase")]
pub fn import_pack(
    state: State<'_, AppState>,
    path: String,
    allow_downgrade: bool,
    accept_new_signer: bool,
) -> Result<ImportPreview, AppError> {
    let pack = read_allowed(&state, &path)?;
    let consent = ImportConsent {
        allow_downgrade,
        accept_new_signer,
    };
    Ok(state
        .store()?
        .import_pack_with(&pack, consent, state.now())?
        .preview)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn remove_pack(state: State<'_, AppState>, pack_id: String) -> Result<(), AppError> {
    Ok(state.store()?.remove_pack(&pack_id)?)
}

fn read_allowed(state: &AppState, path: &str) -> Result<Pack, AppError> {
    let path = state.chosen_file(path, "curriculum file")?;
    let files = if path.is_dir() {
        PackFiles::from_dir(&path)
    } else {
        PackFiles::from_archive(&path)
    };
    files.and_then(|files| parse_pack(&files)).map_err(|e| {
        AppError::pack(
            &e,
            "Nothing was changed. You can send this message to the pack's publisher so they can fix the file.",
        )
    })
}
