//! Self-check, notes, reading time and position, CPD from study, search and settings.

use tauri::State;
use w2b_core::study::{CpdRecordView, NoteView, QuizState, Settings, StudySummary, TextSize};

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command(async, rename_all = "camelCase")]
pub fn answer_question(
    state: State<'_, AppState>,
    pack_id: String,
    lesson_id: String,
    question_id: String,
    selected: Vec<u32>,
) -> Result<QuizState, AppError> {
    Ok(state.store()?.answer_question(
        &pack_id,
        &lesson_id,
        &question_id,
        &selected,
        state.now(),
    )?)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn restart_quiz(
    state: State<'_, AppState>,
    pack_id: String,
    lesson_id: String,
) -> Result<QuizState, AppError> {
    Ok(state
        .store()?
        .restart_quiz(&pack_id, &lesson_id, state.now())?)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn save_note(
    state: State<'_, AppState>,
    pack_id: String,
    lesson_id: String,
    body: String,
) -> Result<Option<NoteView>, AppError> {
    Ok(state
        .store()?
        .save_note(&pack_id, &lesson_id, &body, state.now())?)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn save_reading_position(
    state: State<'_, AppState>,
    pack_id: String,
    lesson_id: String,
    permille: u32,
) -> Result<(), AppError> {
    Ok(state
        .store()?
        .save_reading_position(&pack_id, &lesson_id, permille)?)
}

/// Adds active reading time; returns the sitting's id for the next report.
#[tauri::command(async, rename_all = "camelCase")]
pub fn record_study(
    state: State<'_, AppState>,
    pack_id: String,
    lesson_id: String,
    sitting: Option<i64>,
    seconds: u32,
    local_date: String,
) -> Result<i64, AppError> {
    Ok(state.store()?.record_study(
        &pack_id,
        &lesson_id,
        sitting,
        seconds,
        &local_date,
        state.now(),
    )?)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn get_study_summary(
    state: State<'_, AppState>,
    today: String,
) -> Result<StudySummary, AppError> {
    Ok(state.store()?.study_summary(&today)?)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn log_study_as_cpd(
    state: State<'_, AppState>,
    local_date: String,
) -> Result<CpdRecordView, AppError> {
    Ok(state.store()?.log_study_as_cpd(&local_date, state.now())?)
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Result<Settings, AppError> {
    Ok(state.store()?.settings()?)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn set_text_size(
    state: State<'_, AppState>,
    text_size: TextSize,
) -> Result<Settings, AppError> {
    Ok(state.store()?.set_text_size(text_size)?)
}
