//! Frameworks: list what is installed, and install one from a file the learner chose (a
//! framework file, a Moodle CSV or a Mahara matrix), previewed before anything changes.

use tauri::{AppHandle, State};
use w2b_core::frameworks::{
    read_framework, Framework, FrameworkDetail, FrameworkPreview, FrameworkSource, UpgradePlan,
    FRAMEWORK_EXTENSIONS,
};
use w2b_core::store::InstalledFramework;

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_frameworks(state: State<'_, AppState>) -> Result<Vec<InstalledFramework>, AppError> {
    Ok(state.store()?.installed_frameworks()?)
}

/// One installed framework in full, for reading.
#[tauri::command(async, rename_all = "camelCase")]
pub fn get_framework(
    state: State<'_, AppState>,
    framework_id: String,
) -> Result<FrameworkDetail, AppError> {
    let installed = state.store()?.frameworks();
    let fw = installed
        .iter()
        .find(|f| f.id == framework_id)
        .ok_or_else(|| {
            AppError::new(
                ErrorKind::NotFound,
                format!("framework `{framework_id}` is not installed"),
            )
        })?;
    Ok(FrameworkDetail::of(fw))
}

/// Opens the system's file picker on framework files, Moodle CSVs and Mahara matrices.
#[tauri::command(async)]
pub fn choose_framework_file(app: AppHandle, state: State<'_, AppState>) -> Option<String> {
    super::pick_import_file(
        &app,
        &state,
        "Choose a framework file",
        ("Frameworks", FRAMEWORK_EXTENSIONS),
    )
}

#[tauri::command(async)]
pub fn preview_framework(
    state: State<'_, AppState>,
    path: String,
) -> Result<FrameworkPreview, AppError> {
    let (name, framework, source) = read_allowed(&state, &path)?;
    let plan = state.store()?.plan_framework(&framework)?;
    Ok(FrameworkPreview::new(&name, source, &framework, plan))
}

#[tauri::command(async)]
pub fn install_framework(
    state: State<'_, AppState>,
    path: String,
) -> Result<UpgradePlan, AppError> {
    let (name, framework, _) = read_allowed(&state, &path)?;
    Ok(state
        .store()?
        .install_framework(&framework, &name, state.now())?)
}

fn read_allowed(
    state: &AppState,
    path: &str,
) -> Result<(String, Framework, FrameworkSource), AppError> {
    let path = state.chosen_file(path, "framework file")?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let (framework, source) = read_framework(&path).map_err(|e| {
        AppError::framework(
            &e,
            "Nothing was changed. You can send this message to whoever sent the file so they can fix it.",
        )
    })?;
    Ok((name, framework, source))
}
