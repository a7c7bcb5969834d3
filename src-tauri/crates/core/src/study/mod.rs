//! What the learner makes while studying, shaped as the app shows it: self-check rounds and
//! feedback, notes, reading time, CPD records made from study, search results and settings.
//! These types cross the IPC boundary; their TypeScript twins are generated (`ts-rs`). The
//! rules that shape them live in `quiz` and `record`, tested without a database.

mod quiz;
mod record;

pub use quiz::{
    check_answer, finished_score, quiz_state, reaches_pass_mark, RoundsRecord, StoredRound,
};
pub use record::{
    check_increment, check_note, cpd_from_day, day_text, parse_day, week_and_year_start,
    CPD_RECORDS_SHOWN, MAX_NOTE_BYTES, MAX_STUDY_INCREMENT_SECONDS, UNLOGGED_DAYS_SHOWN,
};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the study rules refuse: input the learner (or a misbehaving reader) can correct.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StudyError {
    #[error("{0}")]
    Invalid(String),
}

/// The pass mark when a pack sets none: the share of questions to answer correctly, first
/// time, in one round.
pub const DEFAULT_PASS_MARK: u8 = 80;

/// A self-check question as the learner first sees it: which options are right stays in the
/// database until the learner has answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuestionView {
    pub id: String,
    /// Whether one option (`single`) or any number (`multiple`) may be chosen.
    pub multiple: bool,
    pub prompt: String,
    pub options: Vec<String>,
}

/// One option after answering: whether it was right, whether the learner chose it, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OptionFeedback {
    pub text: String,
    pub correct: bool,
    pub selected: bool,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerFeedback {
    pub question_id: String,
    pub correct: bool,
    pub options: Vec<OptionFeedback>,
}

/// One round of a lesson's self-check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttemptView {
    pub number: u32,
    pub started_at: String,
    /// Set once every question has an answer.
    pub finished_at: Option<String>,
    pub score: u32,
    pub questions: u32,
    /// Finished, with a score at or above the pass mark.
    pub passed: bool,
    pub answers: Vec<AnswerFeedback>,
}

/// A lesson's self-check: its questions, the current round, and how the learner has done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuizState {
    pub questions: Vec<QuestionView>,
    /// The latest round, finished or not; `None` before the first answer.
    pub current: Option<AttemptView>,
    /// Rounds finished so far.
    pub rounds_finished: u32,
    /// The best score of a finished round.
    pub best_score: Option<u32>,
    /// Percentage needed, first time in one round, for mastery.
    pub pass_mark: u8,
    /// Whether a finished round reached the pass mark.
    pub passed: bool,
    /// Complete, and passed (or no questions to pass).
    pub mastered: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteView {
    pub body: String,
    /// The note rendered as sanitised HTML, for the preview.
    pub html: String,
    pub updated_at: String,
}

/// Seconds of active reading: today, this week (from Monday), this year, and per module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StudySummary {
    pub today_seconds: u32,
    pub week_seconds: u32,
    pub year_seconds: u32,
    pub modules: Vec<ModuleStudy>,
    /// Days with study time not yet logged as CPD, newest first.
    pub unlogged_days: Vec<StudyDay>,
    /// CPD records made from study, newest first.
    pub cpd_records: Vec<CpdRecordView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ModuleStudy {
    pub pack_id: String,
    pub module_id: String,
    pub seconds: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StudiedLesson {
    pub pack_id: String,
    pub lesson_id: String,
    pub title: String,
    pub seconds: u32,
}

/// A calendar day of study (the learner's local date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StudyDay {
    /// YYYY-MM-DD
    pub date: String,
    pub seconds: u32,
    pub lessons: Vec<StudiedLesson>,
}

/// A CPD record made from a day's study. The portfolio shows these among its entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CpdRecordView {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    /// YYYY-MM-DD
    pub activity_date: String,
    pub minutes: u32,
    pub participatory: bool,
    /// `clinical` or `management`
    pub category: String,
    pub lessons: Vec<StudiedLesson>,
    pub created_at: String,
}

/// One stretch of a search result's snippet; `highlight` marks the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SnippetPart {
    pub text: String,
    pub highlight: bool,
}

/// The reader's text size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum TextSize {
    Standard,
    Large,
    Larger,
    Largest,
}

impl TextSize {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Large => "large",
            Self::Larger => "larger",
            Self::Largest => "largest",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Standard, Self::Large, Self::Larger, Self::Largest]
            .into_iter()
            .find(|s| s.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub text_size: TextSize,
}
