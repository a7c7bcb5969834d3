//! The learner's view of the installed curricula, shaped as the app shows it: the learning
//! path with progress, and one lesson ready to read. These types cross the IPC boundary, so
//! their TypeScript twins are generated (`ts-rs`) and committed under `ui/src/ipc/bindings`.

use serde::Serialize;
use ts_rs::TS;

use crate::study::SnippetPart;

use crate::markdown::Section;
use crate::study::{NoteView, QuizState};

/// Every installed pack with its modules and lessons, in learning order, with progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LearningPath {
    pub packs: Vec<PackPath>,
    pub lessons_total: u32,
    pub lessons_completed: u32,
    pub lessons_mastered: u32,
    /// The lesson the learner opened most recently, to continue where they left off.
    pub last_opened: Option<LessonLink>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackPath {
    pub id: String,
    pub title: String,
    pub version: String,
    pub publisher: String,
    pub modules: Vec<ModulePath>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ModulePath {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub lessons: Vec<LessonSummary>,
    pub lessons_completed: u32,
    pub lessons_mastered: u32,
    /// Estimated reading time of the whole module.
    pub minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LessonSummary {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub completed: bool,
    /// Complete, and its self-check passed (or it has none).
    pub mastered: bool,
    /// Opened at least once.
    pub opened: bool,
    /// When the lesson's facts are due to be verified again (YYYY-MM-DD), if the pack says; the
    /// page marks lessons past it against the learner's own today.
    pub review_by: Option<String>,
}

/// A lesson ready to read: its HTML is already sanitised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LessonView {
    pub pack_id: String,
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub module_id: String,
    pub module_title: String,
    /// 1-based position of the lesson in its module, and the module's lesson count.
    pub number_in_module: u32,
    pub lessons_in_module: u32,
    pub outcomes: Vec<String>,
    /// When the lesson's facts were last verified (YYYY-MM-DD), if the pack says.
    pub checked: Option<String>,
    /// When they are due to be verified again (YYYY-MM-DD).
    pub review_by: Option<String>,
    pub html: String,
    /// The lesson's `##` sections, for an on-page contents list.
    pub sections: Vec<Section>,
    pub reflection: Option<String>,
    pub activity: Option<String>,
    /// RFC 3339 UTC instant, when the learner marked it complete.
    pub completed_at: Option<String>,
    pub previous: Option<LessonLink>,
    pub next: Option<LessonLink>,
    pub quiz: QuizState,
    pub note: Option<NoteView>,
    /// How far down the learner had read, in thousandths of the lesson.
    pub scroll_permille: u32,
    /// Active reading time recorded on this lesson.
    pub studied_seconds: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LessonLink {
    pub pack_id: String,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LessonProgress {
    pub pack_id: String,
    pub lesson_id: String,
    pub completed_at: Option<String>,
}

/// A lesson that matches a search, with the matching words marked in a snippet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub pack_id: String,
    pub lesson_id: String,
    pub title: String,
    pub module_title: String,
    pub pack_title: String,
    pub snippet: Vec<SnippetPart>,
}
