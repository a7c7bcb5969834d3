//! The learning path and the lesson reader.

use tauri::State;
use w2b_core::learning::{LearningPath, LessonProgress, LessonView, SearchHit};

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn get_learning_path(state: State<'_, AppState>) -> Result<LearningPath, AppError> {
    Ok(state.store()?.learning_path()?)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn open_lesson(
    state: State<'_, AppState>,
    pack_id: String,
    lesson_id: String,
) -> Result<LessonView, AppError> {
    Ok(state
        .store()?
        .open_lesson(&pack_id, &lesson_id, state.now())?)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn set_lesson_complete(
    state: State<'_, AppState>,
    pack_id: String,
    lesson_id: String,
    complete: bool,
) -> Result<LessonProgress, AppError> {
    Ok(state
        .store()?
        .set_lesson_complete(&pack_id, &lesson_id, complete, state.now())?)
}

#[tauri::command(async)]
pub fn search_lessons(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<SearchHit>, AppError> {
    Ok(state
        .store()?
        .search_lessons(&query, w2b_core::store::MAX_SEARCH_RESULTS)?)
}
