//! Revalidation: the learner's settings, the counters for the current period, and practice
//! hours.

use tauri::State;
use w2b_core::revalidation::{Revalidation, RevalidationSettings};

use super::day;
use crate::error::AppError;
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
