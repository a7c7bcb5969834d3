//! The learner's side of the appraisal round trip: preview what a bundle would share (with the
//! privacy check), export it to `exports/` in the data folder, save a copy of it (or of a
//! saved review) anywhere, and print its readable page. The rules live in `w2b_core::bundle`.

use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use w2b_core::bundle::{
    BundleError, BundleSelection, ExportError, ExportPreview, ExportedBundle, EXPORTS_DIR,
};
use w2b_core::problems::ProblemAt;
use w2b_core::review::REVIEWS_DIR;
use w2b_core::signing::SigningRequest;

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;

/// How many of a refused bundle's problems are listed; the message says how it was refused.
const MAX_PROBLEMS_SHOWN: usize = 20;

fn export_error(error: ExportError) -> AppError {
    match error {
        ExportError::Store(e) => AppError::from(&e),
        ExportError::Unverified(e) => bundle_error(&e),
        ExportError::Io { .. } | ExportError::Beside { .. } => {
            AppError::new(ErrorKind::Io, error.to_string())
        }
        ExportError::Damaged(_) | ExportError::TooLarge(_) => {
            AppError::new(ErrorKind::Conflict, error.to_string())
        }
    }
}

/// A refused bundle: what happened, and each file at fault as a located problem.
pub(crate) fn bundle_error(error: &BundleError) -> AppError {
    let problems = error.problems().iter().take(MAX_PROBLEMS_SHOWN);
    AppError::new(ErrorKind::InvalidInput, error.to_string())
        .with_problems(problems.map(ProblemAt::from).collect())
}

/// A file name as the page sends it back: one the app wrote, never a path or a hidden file.
fn plain_name(file_name: &str) -> bool {
    !file_name.contains(['/', '\\']) && !file_name.starts_with('.')
}

#[tauri::command(async)]
pub fn preview_export(
    state: State<'_, AppState>,
    selection: BundleSelection,
) -> Result<ExportPreview, AppError> {
    Ok(w2b_core::bundle::preview_export(
        state.store()?,
        &selection,
        state.now(),
    )?)
}

/// Writes the bundle to `exports/` in the data folder, checks it as an appraiser's app will,
/// and records it so the review that comes back can be matched to it. With `signing`, the
/// learner's own key signs it (opened here, used once, dropped).
#[tauri::command(async)]
pub fn export_bundle(
    state: State<'_, AppState>,
    selection: BundleSelection,
    signing: Option<SigningRequest>,
) -> Result<ExportedBundle, AppError> {
    let key = super::signing::signing_key(signing)?;
    let exports = state.data_dir().join(EXPORTS_DIR);
    w2b_core::bundle::export_bundle_signed(
        state.store()?,
        &selection,
        &exports,
        state.now(),
        key.as_ref(),
    )
    .map_err(export_error)
}

/// Saves a copy of a file the app wrote (an exported bundle, a Leap2A export for Mahara, or a
/// review) where the person chooses. Only files in the app's own `exports/` and `reviews/`
/// folders can be copied.
#[tauri::command(async, rename_all = "camelCase")]
pub fn save_copy_as(
    app: AppHandle,
    state: State<'_, AppState>,
    file_name: String,
    kind: String,
) -> Result<Option<String>, AppError> {
    let folder = match kind.as_str() {
        "bundle" | "leap2a" | "document" => EXPORTS_DIR,
        "review" => REVIEWS_DIR,
        _ => {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                "unknown kind of file",
            ))
        }
    };
    if !plain_name(&file_name) {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "not a file this app wrote",
        ));
    }
    let source = state.data_dir().join(folder).join(&file_name);
    let bytes = std::fs::read(&source).map_err(|e| {
        AppError::new(
            ErrorKind::Io,
            format!("cannot read {}: {e}", source.display()),
        )
    })?;
    let Some(target) = app
        .dialog()
        .file()
        .set_title("Save a copy")
        .set_file_name(&file_name)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    crate::commands::save_copy(&target, &bytes)?;
    Ok(Some(target.display().to_string()))
}

/// The print window's label. It is in no capability, so its page can call nothing.
const PRINT_WINDOW: &str = "print";

/// Opens an exported bundle's readable page (from `exports/`) in a window of its own and
/// starts the system's print dialog there, where printing to a file saves a PDF. The page is
/// the bundle's own, with its print styles: one entry per page.
#[tauri::command(rename_all = "camelCase")]
pub async fn print_bundle_page(
    app: AppHandle,
    state: State<'_, AppState>,
    file_name: String,
) -> Result<(), AppError> {
    if !plain_name(&file_name) || !file_name.ends_with(".html") {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "not a page this app wrote",
        ));
    }
    let path = state.data_dir().join(EXPORTS_DIR).join(&file_name);
    if !path.is_file() {
        return Err(AppError::new(
            ErrorKind::NotFound,
            format!(
                "{} is no longer in the exports folder; export the bundle again",
                file_name
            ),
        ));
    }
    let url = tauri::Url::from_file_path(&path).map_err(|()| {
        AppError::new(
            ErrorKind::Internal,
            format!("cannot open {}", path.display()),
        )
    })?;
    if let Some(open) = app.get_webview_window(PRINT_WINDOW) {
        let _ = open.destroy();
    }
    let page = url.path().to_owned();
    tauri::WebviewWindowBuilder::new(&app, PRINT_WINDOW, tauri::WebviewUrl::External(url))
        .title("Print or save as PDF")
        .inner_size(900.0, 1000.0)
        // The page may move within itself (its contents links) and nowhere else.
        .on_navigation(move |to| to.scheme() == "file" && to.path() == page)
        .on_page_load(|window, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                if let Err(error) = window.print() {
                    eprintln!("ward-to-board: the print dialog did not open: {error}");
                }
            }
        })
        .build()
        .map_err(|e| {
            AppError::new(
                ErrorKind::Internal,
                format!("the page could not be opened for printing: {e}"),
            )
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_bundle_sends_each_problem_as_data() {
        let refused = w2b_core::bundle::verify_bundle(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/bundles/wrong-hash.w2bbundle"
        )))
        .expect_err("a changed bundle");
        let error = bundle_error(&refused);
        assert_eq!(error.kind, ErrorKind::InvalidInput, "the file is at fault");
        assert!(
            !error.problems.is_empty(),
            "each file at fault travels in `problems`"
        );
        assert!(
            error.problems.iter().all(|p| !p.at.is_empty()),
            "each problem says where it is: {:?}",
            error.problems
        );
    }
}
