//! Trusted publishers: list, add (from a pasted line or a chosen `.pub` file), remove.

use tauri::{AppHandle, State};
use w2b_core::signing::{TrustedPublisher, MAX_SIGNATURE_FILE_BYTES};

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_trusted_publishers(
    state: State<'_, AppState>,
) -> Result<Vec<TrustedPublisher>, AppError> {
    Ok(state.store()?.trusted_publishers()?)
}

/// Adds a publisher's public key from its text form (the line, or a `.pub` file's content).
#[tauri::command(async)]
pub fn add_trusted_publisher(
    state: State<'_, AppState>,
    text: String,
) -> Result<TrustedPublisher, AppError> {
    Ok(state.store()?.add_trusted_publisher(&text, state.now())?)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn remove_trusted_publisher(
    state: State<'_, AppState>,
    public_key: String,
) -> Result<(), AppError> {
    Ok(state.store()?.remove_trusted_publisher(&public_key)?)
}

/// Opens the file picker for a publisher's `.pub` file and gives back its text, for the page
/// to show in the key box before the learner adds it; `None` when they cancel.
#[tauri::command(async)]
pub fn choose_publisher_key_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, AppError> {
    let Some(path) = crate::commands::pick_import_file(
        &app,
        &state,
        "Choose a publisher's public key",
        ("Ward to Board public key", &["pub"]),
    ) else {
        return Ok(None);
    };
    let path = state.chosen_file(&path, "public key file")?;
    let unreadable = |e: String| {
        AppError::new(
            ErrorKind::InvalidInput,
            format!(
                "{}: {e}. Choose the .pub file the publisher sent.",
                path.display()
            ),
        )
    };
    let size = std::fs::metadata(&path)
        .map_err(|e| unreadable(e.to_string()))?
        .len();
    // A public key file is two comment lines and one key line.
    if size > MAX_SIGNATURE_FILE_BYTES as u64 {
        return Err(unreadable(format!(
            "{size} bytes is too large for a public key"
        )));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| unreadable(e.to_string()))?;
    Ok(Some(text))
}
