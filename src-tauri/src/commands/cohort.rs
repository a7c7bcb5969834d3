//! Review mode's "Open several bundles": the cohort report over many learners' bundles, the
//! same computation as `w2b cohort report` (`w2b_core::cohort`). The person picks the files or
//! a folder in the system's dialog (or hands several bundles over from the file manager);
//! only paths chosen that way are read. The last report is kept here until it is saved.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use w2b_core::bundle::{BUNDLE_EXTENSION, EXPORTS_DIR};
use w2b_core::cohort::{
    cohort_in_app, CohortError, CohortProgress, CohortReport, InputError, SavedCohortReport,
};

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;

/// The report last made in this window, for "Save the report".
#[derive(Debug, Default)]
pub struct LastCohortReport(Mutex<Option<CohortReport>>);

fn cohort_error(error: CohortError) -> AppError {
    let kind = match &error {
        CohortError::Inputs(InputError::Missing { .. }) => ErrorKind::NotFound,
        CohortError::Inputs(InputError::Unreadable { .. }) | CohortError::Unwritable { .. } => {
            ErrorKind::Io
        }
        CohortError::Inputs(InputError::NoBundles(_)) | CohortError::UnknownFramework(_) => {
            ErrorKind::InvalidInput
        }
    };
    AppError::new(kind, error.to_string())
}

/// Opens the system's dialog for several bundle files (`folder` false) or one folder of
/// them. What is chosen is remembered as readable by `run_cohort_report`; `None` when the
/// person cancelled.
#[tauri::command(async)]
pub fn choose_cohort_bundles(
    app: AppHandle,
    state: State<'_, AppState>,
    folder: bool,
) -> Option<Vec<String>> {
    let dialog = app.dialog().file();
    let chosen: Vec<PathBuf> = if folder {
        let picked = dialog
            .set_title("Choose the folder of bundles")
            .blocking_pick_folder()?;
        vec![picked.into_path().ok()?]
    } else {
        dialog
            .set_title("Choose the bundles learners sent")
            .add_filter("Ward to Board bundle", &[BUNDLE_EXTENSION])
            .blocking_pick_files()?
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .collect()
    };
    Some(
        chosen
            .into_iter()
            .map(|path| {
                state.allow_import(path.clone());
                path.display().to_string()
            })
            .collect(),
    )
}

/// Checks every bundle in `paths` (files and folders the person chose) and reports on the
/// cohort, telling `on_progress` after each bundle. `framework_id`: one of the person's
/// installed frameworks for the heat map's columns, or `None` for the bundles' own.
#[tauri::command(async, rename_all = "camelCase")]
pub fn run_cohort_report(
    state: State<'_, AppState>,
    last: State<'_, LastCohortReport>,
    paths: Vec<String>,
    framework_id: Option<String>,
    on_progress: Channel<CohortProgress>,
) -> Result<CohortReport, AppError> {
    let chosen = paths
        .iter()
        .map(|p| state.chosen_file(p, "bundles"))
        .collect::<Result<Vec<_>, _>>()?;
    let installed = state.store()?.frameworks();
    let report = cohort_in_app(
        &chosen,
        installed.as_slice(),
        framework_id.as_deref(),
        state.now(),
        |progress| {
            // A page that went away stops listening; the report is still kept for it.
            let _ = on_progress.send(progress);
        },
    )
    .map_err(cohort_error)?;
    *last.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(report.clone());
    Ok(report)
}

/// Writes the last report's page and CSV (as `w2b cohort report` writes them) to `exports/`
/// in the data folder; "Save a copy" then puts either anywhere.
#[tauri::command(async)]
pub fn save_cohort_report(
    state: State<'_, AppState>,
    last: State<'_, LastCohortReport>,
) -> Result<SavedCohortReport, AppError> {
    let report = last
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
        .ok_or_else(|| {
            AppError::new(
                ErrorKind::NotFound,
                "There is no report to save: open several bundles first.",
            )
        })?;
    w2b_core::cohort::save_cohort_report(&report, &state.data_dir().join(EXPORTS_DIR))
        .map_err(cohort_error)
}
