//! The portfolio as the app shows it: an entry (current or earlier), its files, ratings and
//! lessons in words, lists and searches of entries, versions and tags.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    BehaviourRating, CpdTime, EntryDraft, EntryKind, FeedbackSource, ReflectionTemplate, Shadowing,
};
use crate::frameworks::Framework;
use crate::study::SnippetPart;

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
    /// The framework version that no longer has this item, when it was removed.
    pub removed_in: Option<String>,
    pub domain_title: String,
    pub rating: u32,
    /// The rating's label on the framework's scale.
    pub rating_label: String,
    pub justification: String,
}

impl BehaviourRating {
    /// The rating with its framework's words. An item a newer version removed keeps its
    /// title, marked with that version; a framework, item or level the app does not know
    /// shows by its id or number, so old evidence still reads.
    pub fn in_words(&self, frameworks: &[Framework]) -> RatedBehaviour {
        let fw = frameworks.iter().find(|f| f.id == self.framework_id);
        let item = fw.and_then(|f| f.leaf(&self.behaviour_id));
        let retired = fw.and_then(|f| f.retired.iter().find(|r| r.id == self.behaviour_id));
        RatedBehaviour {
            framework_id: self.framework_id.clone(),
            framework_title: fw.map_or_else(|| self.framework_id.clone(), |f| f.title.clone()),
            behaviour_id: self.behaviour_id.clone(),
            statement: item
                .map(|i| i.statement.to_owned())
                .or_else(|| retired.map(|r| r.title.clone()))
                .unwrap_or_else(|| self.behaviour_id.clone()),
            removed_in: retired.map(|r| r.removed_in.clone()),
            domain_title: item.map(|i| i.domain.title.clone()).unwrap_or_default(),
            rating: self.rating,
            rating_label: fw
                .and_then(|f| f.scale().levels.iter().find(|l| l.value == self.rating))
                .map_or_else(|| self.rating.to_string(), |l| l.label.clone()),
            justification: self.justification.clone(),
        }
    }
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
    /// Whether `total` is an estimate (to two figures, shown as "about"): a search with words
    /// counts exactly only up to 1,000 matches.
    pub total_estimated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VersionChange {
    Created,
    Edited,
    Restored,
}

impl VersionChange {
    /// The name stored with a version.
    pub fn as_str(self) -> &'static str {
        match self {
            VersionChange::Created => "created",
            VersionChange::Edited => "edited",
            VersionChange::Restored => "restored",
        }
    }

    /// A stored name; anything unknown reads as an edit, the most general change.
    pub fn parse(text: &str) -> Self {
        match text {
            "created" => VersionChange::Created,
            "restored" => VersionChange::Restored,
            _ => VersionChange::Edited,
        }
    }
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
