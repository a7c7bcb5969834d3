//! Revalidation: the learner's settings, the counters for the current period, practice
//! hours, and the documents for the regulators (checked, then written into `exports/`).

use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;
use w2b_core::bundle::EXPORTS_DIR;
use w2b_core::revalidation::records::{DocumentCheck, DocumentRequest, WrittenDocument};
use w2b_core::revalidation::{Revalidation, RevalidationSettings};

use super::day;
use crate::error::{AppError, ErrorKind};
use crate::state::AppState;

#[tauri::command(async)]
pub fn get_revalidation(
    state: State<'_, AppState>,
    today: String,
) -> Result<Revalidation, AppError> {
    Ok(state.store()?.revalidation(day(&today)?)?)
}

#[tauri::command(async)]
pub fn set_revalidation_settings(
    state: State<'_, AppState>,
    settings: RevalidationSettings,
) -> Result<(), AppError> {
    Ok(state.store()?.set_revalidation_settings(&settings)?)
}

#[tauri::command(async)]
pub fn add_practice_hours(
    state: State<'_, AppState>,
    start: String,
    end: String,
    hours: f64,
    role: String,
) -> Result<(), AppError> {
    Ok(state
        .store()?
        .add_practice_hours(&start, &end, hours, &role, state.now())?)
}

#[tauri::command(async)]
pub fn delete_practice_hours(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    Ok(state.store()?.delete_practice_hours(id)?)
}

/// The completeness check and the privacy findings for a document, before anything is written.
#[tauri::command(async)]
pub fn check_revalidation_document(
    state: State<'_, AppState>,
    request: DocumentRequest,
) -> Result<DocumentCheck, AppError> {
    Ok(state.store()?.check_document(&request, state.now())?)
}

/// Writes the document (PDF or Word) into `exports/` in the data folder; the page then offers
/// to save a copy elsewhere (`save_copy_as`, kind `document`) or to show the folder.
#[tauri::command(async)]
pub fn write_revalidation_document(
    state: State<'_, AppState>,
    request: DocumentRequest,
) -> Result<WrittenDocument, AppError> {
    let exports = state.data_dir().join(EXPORTS_DIR);
    Ok(state
        .store()?
        .write_document(&request, &exports, state.now())?)
}

/// Shows a document the app wrote in the system's file manager. Only a plain file name in the
/// app's own `exports/` folder is accepted, never a path the page makes up.
#[tauri::command(async, rename_all = "camelCase")]
pub fn show_document_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    file_name: String,
) -> Result<(), AppError> {
    if file_name.contains(['/', '\\']) || file_name.starts_with('.') {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "not a document this app wrote",
        ));
    }
    let path = state.data_dir().join(EXPORTS_DIR).join(&file_name);
    if !path.is_file() {
        return Err(AppError::new(
            ErrorKind::NotFound,
            format!("{file_name} is no longer in the exports folder; write it again"),
        ));
    }
    app.opener().reveal_item_in_dir(&path).map_err(|e| {
        AppError::new(
            ErrorKind::Io,
            format!("could not show {}: {e}", path.display()),
        )
    })
}
