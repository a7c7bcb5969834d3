//! The portfolio as the app shows it and as the editor sends it: entries and their versions,
//! reflection templates and attachments. These types cross the IPC boundary; their TypeScript
//! twins are generated (`ts-rs`). The rules that need no database live here too.

mod attachments;
mod templates;

pub use attachments::{
    accepted_extensions, check_attachment, AttachmentCheck, MAX_ATTACHMENT_BYTES,
};
pub use templates::{code_themes, template_sections, template_title, TemplateSection};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::coverage::FrameworkOutline;
use crate::study::SnippetPart;

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

/// One answered section of a structured reflection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReflectionSection {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reflection {
    pub template: ReflectionTemplate,
    pub sections: Vec<ReflectionSection>,
    /// For the NMC form: the Code themes the account relates to (ids from `code_themes`).
    #[serde(default)]
    pub code_themes: Vec<String>,
}

/// For shadowing or paired learning: who the partner was and what each learned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Shadowing {
    pub partner_role: String,
    pub i_learned: String,
    pub they_learned: String,
}

/// CPD time, split between clinical and management learning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CpdTime {
    pub clinical_minutes: u32,
    pub management_minutes: u32,
    /// Learning with other people (the NMC's "participatory" CPD).
    pub participatory: bool,
}

impl CpdTime {
    pub fn total_minutes(&self) -> u32 {
        self.clinical_minutes + self.management_minutes
    }
}

/// A behaviour the entry shows, rated on its framework's scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BehaviourRating {
    pub framework_id: String,
    pub behaviour_id: String,
    pub rating: u32,
    pub justification: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryLesson {
    pub pack_id: String,
    pub lesson_id: String,
}

/// What the editor sends to save an entry: everything the learner can change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryDraft {
    pub kind: EntryKind,
    pub title: String,
    /// YYYY-MM-DD
    pub date: String,
    pub body: String,
    pub reflection: Option<Reflection>,
    pub tags: Vec<String>,
    pub cpd: CpdTime,
    pub shadowing: Option<Shadowing>,
    pub feedback_source: Option<FeedbackSource>,
    pub behaviours: Vec<BehaviourRating>,
    pub lessons: Vec<EntryLesson>,
    /// Attachments already on the entry to keep; any other current one is taken off.
    #[ts(type = "Array<number>")]
    pub keep_attachments: Vec<i64>,
    /// Files uploaded from the editor (`upload_attachment`) to add with this save.
    #[ts(type = "Array<number>")]
    pub new_uploads: Vec<i64>,
}

/// A saved entry as it is stored in a version: the draft with its attachments resolved.
/// Fields added later must default, so every stored version stays readable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntrySnapshot {
    pub kind: EntryKind,
    pub title: String,
    pub date: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub reflection: Option<Reflection>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub cpd: CpdTime,
    #[serde(default)]
    pub shadowing: Option<Shadowing>,
    #[serde(default)]
    pub feedback_source: Option<FeedbackSource>,
    #[serde(default)]
    pub behaviours: Vec<BehaviourRating>,
    #[serde(default)]
    pub lessons: Vec<EntryLesson>,
    #[serde(default)]
    pub attachments: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentView {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: u64,
    pub sha256: String,
}

/// A file uploaded from the editor and waiting to be saved with the entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UploadView {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: u64,
}

/// A rated behaviour with its words from the framework, for showing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RatedBehaviour {
    pub framework_id: String,
    pub framework_title: String,
    pub behaviour_id: String,
    /// The behaviour's statement (or element's title); the id when the framework is unknown.
    pub statement: String,
    pub domain_title: String,
    pub rating: u32,
    /// The rating's label on the framework's scale.
    pub rating_label: String,
    pub justification: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkedLesson {
    pub pack_id: String,
    pub lesson_id: String,
    /// The lesson's title, or `None` when it is no longer installed.
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReflectionSectionView {
    pub id: String,
    pub title: String,
    pub text: String,
    pub html: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReflectionView {
    pub template: ReflectionTemplate,
    pub template_title: String,
    pub sections: Vec<ReflectionSectionView>,
    /// The chosen Code themes' titles.
    pub code_themes: Vec<String>,
}

/// An entry as it is shown: the current version, or an earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryView {
    #[ts(type = "number")]
    pub id: i64,
    pub uid: String,
    pub version: u32,
    /// The newest version, so a view of an older one can say so.
    pub latest_version: u32,
    pub kind: EntryKind,
    pub kind_label: String,
    pub title: String,
    pub date: String,
    pub body: String,
    /// The body rendered and sanitised.
    pub body_html: String,
    /// Exactly what the editor needs to carry on from this version.
    pub draft: EntryDraft,
    pub reflection: Option<ReflectionView>,
    pub tags: Vec<String>,
    pub cpd: CpdTime,
    pub shadowing: Option<Shadowing>,
    pub feedback_source: Option<FeedbackSource>,
    pub behaviours: Vec<RatedBehaviour>,
    pub lessons: Vec<LinkedLesson>,
    pub attachments: Vec<AttachmentView>,
    /// Made from study time logged on the learning path.
    pub from_study: bool,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// An entry in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntrySummary {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: EntryKind,
    pub kind_label: String,
    pub title: String,
    pub date: String,
    pub tags: Vec<String>,
    pub cpd_minutes: u32,
    pub behaviours: u32,
    pub attachments: u32,
    pub from_study: bool,
    /// Where the search words matched, when there was a search.
    pub snippet: Vec<SnippetPart>,
    pub deleted_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntrySort {
    #[default]
    Newest,
    Oldest,
    Title,
    /// Best match first; the same as newest when there are no search words.
    Relevance,
}

/// A search of the portfolio: words plus filters. Empty filters match everything.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EntryQuery {
    pub text: String,
    pub kinds: Vec<EntryKind>,
    /// YYYY-MM-DD, inclusive
    pub from: Option<String>,
    pub to: Option<String>,
    pub behaviour: Option<String>,
    pub tag: Option<String>,
    pub sort: EntrySort,
    /// Search the bin instead of the portfolio.
    pub in_bin: bool,
    pub offset: u32,
    /// At most `MAX_PAGE`; 0 means the default page size.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryPage {
    pub entries: Vec<EntrySummary>,
    /// How many entries match in all, for "showing 1 to 50 of 1,234".
    pub total: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VersionChange {
    Created,
    Edited,
    Restored,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VersionSummary {
    pub version: u32,
    pub saved_at: String,
    pub change: VersionChange,
    pub restored_from: Option<u32>,
    pub title: String,
}

/// Tags in use, with how many entries carry each, for the filter list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagCount {
    pub tag: String,
    pub entries: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KindOption {
    pub kind: EntryKind,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateSectionInfo {
    pub id: String,
    pub title: String,
    pub prompt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateInfo {
    pub template: ReflectionTemplate,
    pub title: String,
    pub sections: Vec<TemplateSectionInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LessonChoice {
    pub pack_id: String,
    pub lesson_id: String,
    pub title: String,
    pub module_title: String,
}

/// Everything the entry editor offers: kinds, reflection forms, Code themes, frameworks to
/// rate against, lessons to link, and what files may be attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EditorOptions {
    pub kinds: Vec<KindOption>,
    pub templates: Vec<TemplateInfo>,
    pub code_themes: Vec<Choice>,
    pub frameworks: Vec<FrameworkOutline>,
    pub lessons: Vec<LessonChoice>,
    pub accepted_extensions: Vec<String>,
    pub max_attachment_bytes: u32,
}

/// The parts of `EditorOptions` that need no database.
pub fn static_options() -> (Vec<KindOption>, Vec<TemplateInfo>, Vec<Choice>) {
    let kinds = EntryKind::ALL
        .into_iter()
        .map(|kind| KindOption {
            kind,
            label: kind.label().into(),
        })
        .collect();
    let templates = [
        ReflectionTemplate::Gibbs,
        ReflectionTemplate::WhatSoWhat,
        ReflectionTemplate::Nmc,
    ]
    .into_iter()
    .map(|template| TemplateInfo {
        template,
        title: template_title(template).into(),
        sections: template_sections(template)
            .iter()
            .map(|s| TemplateSectionInfo {
                id: s.id.into(),
                title: s.title.into(),
                prompt: s.prompt.into(),
            })
            .collect(),
    })
    .collect();
    let themes = code_themes()
        .iter()
        .map(|(id, title)| Choice {
            id: (*id).into(),
            title: (*title).into(),
        })
        .collect();
    (kinds, templates, themes)
}
