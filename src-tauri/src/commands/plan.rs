//! Coverage, the development plan and revalidation. Dates the learner sees ("today") come
//! from the page, in the learner's own time zone.

use chrono::NaiveDate;
use tauri::State;
use w2b_core::portfolio::{Coverage, GoalDraft, GoalView, Revalidation, RevalidationSettings};

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;

fn day(text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        AppError::new(
            ErrorKind::InvalidInput,
            format!("`{text}` is not a date written as YYYY-MM-DD"),
        )
    })
}

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

#[tauri::command(async)]
pub fn list_goals(state: State<'_, AppState>, today: String) -> Result<Vec<GoalView>, AppError> {
    Ok(state.store()?.goals(day(&today)?)?)
}

#[tauri::command(async)]
pub fn save_goal(
    state: State<'_, AppState>,
    id: Option<i64>,
    draft: GoalDraft,
    today: String,
) -> Result<GoalView, AppError> {
    Ok(state
        .store()?
        .save_goal(id, &draft, day(&today)?, state.now())?)
}

#[tauri::command(async)]
pub fn delete_goal(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    Ok(state.store()?.delete_goal(id)?)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn add_goal_review(
    state: State<'_, AppState>,
    goal_id: i64,
    date: String,
    note: String,
    today: String,
) -> Result<GoalView, AppError> {
    Ok(state
        .store()?
        .add_goal_review(goal_id, &date, &note, day(&today)?, state.now())?)
}

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
