//! The portfolio as the app shows it and as the editor sends it: entries and their versions,
//! reflection templates and attachments. These types cross the IPC boundary; their TypeScript
//! twins are generated (`ts-rs`). The rules that need no database live here too: what makes a
//! draft valid (`validate`) and which files may be attached (`attachments`).

mod attachments;
mod entry;
pub mod leap2a;
mod options;
mod templates;
mod validate;
mod views;

pub use attachments::{
    accepted_extensions, attachment_media_type, check_attachment, AttachmentCheck, AttachmentError,
    MAX_ATTACHMENT_BYTES,
};
pub use entry::{
    BehaviourRating, CpdTime, EntryDraft, EntryLesson, EntrySnapshot, Reflection,
    ReflectionSection, Shadowing,
};
pub use options::{
    static_options, Choice, EditorOptions, KindOption, LessonChoice, TemplateInfo,
    TemplateSectionInfo,
};
pub use templates::{code_themes, template_sections, template_title, TemplateSection};
pub use validate::{
    checked_draft, study_entry_title, MAX_CPD_MINUTES, MAX_TAGS, MAX_TAG_CHARS, MAX_TEXT_BYTES,
    MAX_TITLE_CHARS,
};
pub use views::{
    AttachmentView, EntryPage, EntryQuery, EntrySort, EntrySummary, EntryView, LinkedLesson,
    RatedBehaviour, ReflectionSectionView, ReflectionView, TagCount, UploadView, VersionChange,
    VersionSummary,
};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What an entry records. The kinds follow what appraisers and regulators ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Reflection,
    Cpd,
    Shadowing,
    QiProject,
    Feedback,
    SignificantEvent,
    ManagementTask,
}

impl EntryKind {
    pub const ALL: [EntryKind; 7] = [
        EntryKind::Reflection,
        EntryKind::Cpd,
        EntryKind::Shadowing,
        EntryKind::QiProject,
        EntryKind::Feedback,
        EntryKind::SignificantEvent,
        EntryKind::ManagementTask,
    ];

    /// The name stored in the database, the same as the serialised one.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Reflection => "reflection",
            EntryKind::Cpd => "cpd",
            EntryKind::Shadowing => "shadowing",
            EntryKind::QiProject => "qi_project",
            EntryKind::Feedback => "feedback",
            EntryKind::SignificantEvent => "significant_event",
            EntryKind::ManagementTask => "management_task",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// How the kind is named to people, in the app and in exports.
    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Reflection => "Reflection",
            EntryKind::Cpd => "CPD activity",
            EntryKind::Shadowing => "Shadowing or paired learning",
            EntryKind::QiProject => "Quality-improvement project",
            EntryKind::Feedback => "Feedback received",
            EntryKind::SignificantEvent => "Significant event",
            EntryKind::ManagementTask => "Management task or achievement",
        }
    }
}

/// A structured reflection's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReflectionTemplate {
    /// Gibbs' reflective cycle: six stages.
    Gibbs,
    /// Rolfe and colleagues' "What? So what? Now what?".
    WhatSoWhat,
    /// The NMC's written reflective account: four parts plus the Code themes.
    Nmc,
}

impl ReflectionTemplate {
    pub fn as_str(self) -> &'static str {
        match self {
            ReflectionTemplate::Gibbs => "gibbs",
            ReflectionTemplate::WhatSoWhat => "what_so_what",
            ReflectionTemplate::Nmc => "nmc",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Gibbs, Self::WhatSoWhat, Self::Nmc]
            .into_iter()
            .find(|t| t.as_str() == text)
    }
}

/// Who the feedback came from: the GMC counts colleague and patient feedback, and compliments
/// and complaints, as separate kinds of supporting information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackSource {
    Colleague,
    Patient,
    ComplimentOrComplaint,
    Other,
}

impl FeedbackSource {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackSource::Colleague => "colleague",
            FeedbackSource::Patient => "patient",
            FeedbackSource::ComplimentOrComplaint => "compliment_or_complaint",
            FeedbackSource::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Colleague,
            Self::Patient,
            Self::ComplimentOrComplaint,
            Self::Other,
        ]
        .into_iter()
        .find(|t| t.as_str() == text)
    }
}
