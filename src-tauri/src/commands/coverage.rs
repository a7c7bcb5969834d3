//! Framework coverage: which behaviours the portfolio evidences, as of the learner's today.

use tauri::State;
use w2b_core::coverage::Coverage;

use super::day;
use crate::error::AppError;
use crate::state::AppState;

#[tauri::command(async, rename_all = "camelCase")]
pub fn get_coverage(
    state: State<'_, AppState>,
    framework_id: Option<String>,
    today: String,
) -> Result<Coverage, AppError> {
    Ok(state
        .store()?
        .coverage(framework_id.as_deref(), day(&today)?)?)
}
