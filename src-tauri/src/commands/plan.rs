//! The development plan: SMART goals and their reviews. "Today" comes from the page, in the
//! learner's own time zone.

use tauri::State;
use w2b_core::plan::{GoalDraft, GoalView};

use super::day;
use crate::error::AppError;
use crate::state::AppState;

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
