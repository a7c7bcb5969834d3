//! Curriculum packs: the on-disk format (manifest, modules, Markdown lessons with TOML front
//! matter), reading it from wherever the files are, and the problems found on the way.
//!
//! The format is specified in `docs/curriculum-format.md`; the built-in curriculum is an
//! ordinary pack embedded in the binary.

mod archive;
mod builtin;
mod files;
mod freshness;
pub mod installed;
mod parse;
pub(crate) mod problem;
mod signature;
mod text;

pub use archive::{ARCHIVE_EXTENSION, MAX_ARCHIVE_BYTES, SUMS_FILE};
pub use builtin::builtin_pack_files;
pub use files::PackFiles;
pub use freshness::{in_words, is_past_review, stale_lessons, PlainDate, DATED_FROM_FORMAT};
pub use parse::{
    parse_pack, MAX_FIELD_CHARS, MAX_FRONT_MATTER_BYTES, MAX_LESSONS_PER_MODULE, MAX_LESSON_BYTES,
    MAX_LIST_ITEMS, MAX_MANIFEST_BYTES, MAX_MODULES, MAX_OPTIONS, MAX_QUESTIONS,
};
pub use problem::{FrameworkError, PackError, Problem, Severity};
pub use signature::SIGNATURE_FILE;
pub(crate) use text::{normalise, toml_at};

use serde::{Deserialize, Serialize};

/// The newest pack format this app reads. Format 2 adds each lesson's `checked` and
/// `review_by` dates; format 1 packs (without them) are still read.
pub const PACK_FORMAT: u32 = 2;
/// The oldest pack format this app reads.
pub const OLDEST_PACK_FORMAT: u32 = 1;

/// `pack.toml`: who made the pack, what it is, and its modules in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    pub id: String,
    pub version: String,
    pub title: String,
    pub publisher: String,
    pub licence: String,
    pub language: String,
    pub min_app_version: String,
    /// The id of the framework whose behaviours the lessons map to.
    pub framework: String,
    #[serde(default)]
    pub description: String,
    /// Module folders, in the order learners meet them.
    pub modules: Vec<String>,
    /// The percentage of a lesson's self-check questions a learner must answer correctly
    /// first time, in one round, for the completed lesson to count as mastered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_mark: Option<u8>,
}

/// `<module folder>/module.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleManifest {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// Lesson files in this folder, in reading order.
    pub lessons: Vec<String>,
}

/// A lesson's front matter: everything but the Markdown body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonMeta {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    /// When the lesson's facts were last verified against their sources.
    #[serde(default)]
    pub checked: Option<PlainDate>,
    /// When they must be verified again.
    #[serde(default)]
    pub review_by: Option<PlainDate>,
    #[serde(default)]
    pub outcomes: Vec<String>,
    #[serde(default)]
    pub behaviours: Vec<String>,
    #[serde(default)]
    pub reflection: Option<String>,
    #[serde(default)]
    pub activity: Option<String>,
    #[serde(default)]
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    /// Exactly one option is correct.
    Single,
    /// One or more options are correct.
    Multiple,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub prompt: String,
    pub options: Vec<AnswerOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub text: String,
    pub correct: bool,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    pub meta: LessonMeta,
    /// The Markdown after the front matter, with line endings normalised to `\n`.
    pub body: String,
    /// Where the lesson came from, relative to the pack root (for messages).
    pub path: String,
    /// The line of the file on which the body starts.
    pub body_line: usize,
    /// The line of the front matter that sets `review_by`, for messages about it.
    pub review_by_line: Option<usize>,
}

impl Lesson {
    /// The 1-based line and column in the lesson file of a byte offset in its body.
    pub fn position(&self, body_offset: usize) -> (usize, usize) {
        let (line, column) = problem::line_col(&self.body, body_offset);
        (line + self.body_line - 1, column)
    }

    /// [`Lesson::position`] of each of `body_offsets`, in one pass over the body.
    pub fn positions(&self, body_offsets: &[usize]) -> Vec<(usize, usize)> {
        problem::line_cols(&self.body, body_offsets)
            .into_iter()
            .map(|(line, column)| (line + self.body_line - 1, column))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    pub manifest: ModuleManifest,
    pub lessons: Vec<Lesson>,
    /// The module's folder in the pack.
    pub folder: String,
}

/// A parsed, checked pack, ready to install.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    pub manifest: Manifest,
    pub modules: Vec<Module>,
    /// SHA-256 over every file's path and bytes, so an unchanged pack is not reinstalled.
    pub content_sha256: String,
    /// Content that will be changed when shown; the pack is still usable.
    pub warnings: Vec<Problem>,
    /// Image files the lessons show, by path in the pack.
    pub assets: std::collections::BTreeMap<String, Asset>,
    /// The frameworks the pack carries (`frameworks/*.toml`), installed with it.
    pub frameworks: Vec<crate::frameworks::Framework>,
    /// Who signed the pack archive, when it was signed and the signature verified.
    pub signer: Option<crate::signing::Signer>,
}

/// An image file of a pack, checked to be what its name says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Largest image a pack may carry.
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;
