//! Portfolio entries: find, show, save (with versions), restore, the bin, attachments, the
//! privacy check the editor runs while the learner types, and Leap2A to and from Mahara.

use std::path::PathBuf;

use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use w2b_core::bundle::EXPORTS_DIR;
use w2b_core::portfolio::leap2a::{export_file_name, ExportedLeap2a, Leap2aPreview};
use w2b_core::portfolio::{
    EditorOptions, EntryDraft, EntryPage, EntryQuery, EntryView, TagCount, UploadView,
    VersionSummary,
};
use w2b_core::privacy::{self, PrivacyFinding};
use w2b_core::store::{EditorDraft, Leap2aImported};

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;

/// The header that carries an uploaded file's name, percent-encoded (headers are ASCII).
const FILE_NAME_HEADER: &str = "x-file-name";

#[tauri::command(async)]
pub fn get_editor_options(state: State<'_, AppState>) -> Result<EditorOptions, AppError> {
    Ok(state.store()?.editor_options()?)
}

#[tauri::command(async)]
pub fn find_entries(state: State<'_, AppState>, query: EntryQuery) -> Result<EntryPage, AppError> {
    Ok(state.store()?.find_entries(&query)?)
}

#[tauri::command(async)]
pub fn list_entry_tags(state: State<'_, AppState>) -> Result<Vec<TagCount>, AppError> {
    Ok(state.store()?.entry_tags()?)
}

#[tauri::command(async)]
pub fn count_bin(state: State<'_, AppState>) -> Result<u32, AppError> {
    Ok(state.store()?.bin_count()?)
}

#[tauri::command(async)]
pub fn get_entry(
    state: State<'_, AppState>,
    id: i64,
    version: Option<u32>,
) -> Result<EntryView, AppError> {
    Ok(state.store()?.entry(id, version)?)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn save_entry(
    state: State<'_, AppState>,
    id: Option<i64>,
    expected_version: Option<u32>,
    draft: EntryDraft,
) -> Result<EntryView, AppError> {
    Ok(state
        .store()?
        .save_entry(id, expected_version, &draft, state.now())?)
}

#[tauri::command(async)]
pub fn list_entry_versions(
    state: State<'_, AppState>,
    id: i64,
) -> Result<Vec<VersionSummary>, AppError> {
    Ok(state.store()?.entry_versions(id)?)
}

#[tauri::command(async)]
pub fn restore_entry_version(
    state: State<'_, AppState>,
    id: i64,
    version: u32,
) -> Result<EntryView, AppError> {
    Ok(state
        .store()?
        .restore_entry_version(id, version, state.now())?)
}

#[tauri::command(async)]
pub fn delete_entry(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    Ok(state.store()?.delete_entry(id, state.now())?)
}

#[tauri::command(async)]
pub fn restore_entry_from_bin(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    Ok(state.store()?.restore_entry_from_bin(id)?)
}

#[tauri::command(async)]
pub fn empty_bin(state: State<'_, AppState>) -> Result<u32, AppError> {
    Ok(state.store()?.empty_bin()?)
}

/// Takes a file's bytes as the raw request body (no JSON number arrays for a 20 MB photo),
/// with its name in a header.
#[tauri::command(async)]
pub fn upload_attachment(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<UploadView, AppError> {
    let InvokeBody::Raw(data) = request.body() else {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "the file did not arrive as bytes; attach it again",
        ));
    };
    let name = request
        .headers()
        .get(FILE_NAME_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .unwrap_or_default();
    Ok(state.store()?.upload_attachment(&name, data, state.now())?)
}

/// Asks where to save a copy of an attachment, then writes it atomically (core's `atomic`), so
/// a failed write never leaves half a file under the real name.
/// Returns where it went, or `None` when the learner cancelled.
#[tauri::command(async)]
pub fn save_attachment_copy(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> Result<Option<String>, AppError> {
    let (name, _, data) = state.store()?.attachment_data(id)?;
    let Some(target) = app
        .dialog()
        .file()
        .set_title("Save a copy of the attachment")
        .set_file_name(&name)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    crate::commands::save_copy(&target, &data)?;
    Ok(Some(target.display().to_string()))
}

/// A picture attachment as a `data:` address for the page to show (the page's policy allows
/// `data:` images and nothing else from outside the app). Other files return `None`.
#[tauri::command(async)]
pub fn get_attachment_preview(
    state: State<'_, AppState>,
    id: i64,
) -> Result<Option<String>, AppError> {
    let (_, media_type, data) = state.store()?.attachment_data(id)?;
    if !media_type.starts_with("image/") {
        return Ok(None);
    }
    Ok(Some(format!("data:{media_type};base64,{}", base64(&data))))
}

/// Keeps the editor's unsaved work (its own JSON) for `entry`, or for a new entry.
#[tauri::command(async)]
pub fn keep_editor_draft(
    state: State<'_, AppState>,
    entry: Option<i64>,
    json: String,
) -> Result<(), AppError> {
    Ok(state
        .store()?
        .keep_editor_draft(entry, &json, state.now())?)
}

#[tauri::command(async)]
pub fn get_editor_draft(
    state: State<'_, AppState>,
    entry: Option<i64>,
) -> Result<Option<EditorDraft>, AppError> {
    Ok(state.store()?.editor_draft(entry)?)
}

#[tauri::command(async)]
pub fn discard_editor_draft(
    state: State<'_, AppState>,
    entry: Option<i64>,
) -> Result<(), AppError> {
    Ok(state.store()?.discard_editor_draft(entry)?)
}

/// The editor's preview: the same renderer and sanitiser as saved entries and lessons.
#[tauri::command(async)]
pub fn preview_markdown(text: String) -> Result<String, AppError> {
    // The same limit as saving: a preview never renders what could not be kept.
    if text.len() > w2b_core::portfolio::MAX_TEXT_BYTES {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            format!(
                "the text is too long to preview: at most {} KB can be kept",
                w2b_core::portfolio::MAX_TEXT_BYTES / 1024
            ),
        ));
    }
    Ok(w2b_core::markdown::render(&text))
}

#[tauri::command(async)]
pub fn check_privacy(state: State<'_, AppState>, text: String) -> Vec<PrivacyFinding> {
    privacy::scan(&text, chrono::Datelike::year(&state.now()))
}

/// Writes the whole portfolio as a Leap2A zip for Mahara into the data folder's `exports/`,
/// as a bundle is; the page then offers to save a copy where the learner chooses.
#[tauri::command(async)]
pub fn export_for_mahara(state: State<'_, AppState>) -> Result<ExportedLeap2a, AppError> {
    let exports = state.data_dir().join(EXPORTS_DIR);
    std::fs::create_dir_all(&exports).map_err(|e| {
        AppError::new(
            ErrorKind::Io,
            format!("cannot make the folder {}: {e}", exports.display()),
        )
    })?;
    let target = exports.join(export_file_name(state.now()));
    Ok(state.store()?.export_leap2a(&target, state.now())?)
}

/// Opens the system's file picker for a Mahara Leap2A export (see `pick_import_file`).
#[tauri::command(async)]
pub fn choose_mahara_file(app: AppHandle, state: State<'_, AppState>) -> Option<String> {
    crate::commands::pick_import_file(
        &app,
        &state,
        "Choose a Mahara Leap2A export",
        ("Leap2A export from Mahara", &["zip", "xml"]),
    )
}

/// What importing the chosen file would create; nothing is written.
#[tauri::command(async)]
pub fn preview_mahara_import(
    state: State<'_, AppState>,
    path: String,
) -> Result<Leap2aPreview, AppError> {
    let path = chosen_file(&state, path)?;
    Ok(state.store()?.leap2a_preview(&path)?)
}

/// Saves every new entry of the chosen file in one transaction.
#[tauri::command(async)]
pub fn import_mahara_portfolio(
    state: State<'_, AppState>,
    path: String,
) -> Result<Leap2aImported, AppError> {
    let path = chosen_file(&state, path)?;
    Ok(state.store()?.import_leap2a(&path, state.now())?)
}

/// The page may only name a file the learner chose here (picker or `--import`).
fn chosen_file(state: &AppState, path: String) -> Result<PathBuf, AppError> {
    state.chosen_file(&path, "Leap2A file")
}

pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(crate) fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_survive_the_header() {
        assert_eq!(
            percent_decode("Ward%2014%20budget%20%C2%A3.pdf"),
            "Ward 14 budget £.pdf",
            "encodeURIComponent output decodes"
        );
        assert_eq!(percent_decode("100%"), "100%", "a stray percent is kept");
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy", "RFC 4648 test vectors");
    }
}
