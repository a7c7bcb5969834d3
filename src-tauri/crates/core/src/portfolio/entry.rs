//! An entry's content, declared once: what the editor sends (`EntryDraft`) and what a version
//! stores (`EntrySnapshot`) differ only in how attachments are named, and the conversions
//! between them destructure every field, so a field added to one cannot be forgotten in the
//! other. Snapshots written by older versions stay readable (fields added later default).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EntryKind, FeedbackSource, ReflectionTemplate};
use crate::markdown;

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
///
/// A refused draft names the field at fault (`StoreError::Fields`), by one of these stable
/// names, which the editor maps to its inputs: `title`, `date`, `body` (the entry's text as a
/// whole, when it is too long), `reflection`, `tags`, `cpd`, `behaviours`, `lessons`,
/// `attachments`.
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

impl EntryDraft {
    /// A draft with only the parts every entry needs: no text, reflection, tags, time,
    /// ratings, lessons or files. Callers that build an entry in code (the CLI, tests) start
    /// here and set the rest, so a field added later does not have to be spelt out everywhere.
    pub fn new(kind: EntryKind, title: impl Into<String>, date: impl Into<String>) -> Self {
        EntryDraft {
            kind,
            title: title.into(),
            date: date.into(),
            body: String::new(),
            reflection: None,
            tags: Vec::new(),
            cpd: CpdTime::default(),
            shadowing: None,
            feedback_source: None,
            behaviours: Vec::new(),
            lessons: Vec::new(),
            keep_attachments: Vec::new(),
            new_uploads: Vec::new(),
        }
    }
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

/// Builds `$target` from `$source`'s content: the fields a draft and a snapshot share, named
/// once, plus `$rest`. A struct literal with no `..` must name every field, so a field added to
/// either shape stops this compiling until it is placed in both.
macro_rules! with_content {
    ($source:ident => $target:ident { $($rest:tt)* }) => {
        $target {
            kind: $source.kind,
            title: $source.title,
            date: $source.date,
            body: $source.body,
            reflection: $source.reflection,
            tags: $source.tags,
            cpd: $source.cpd,
            shadowing: $source.shadowing,
            feedback_source: $source.feedback_source,
            behaviours: $source.behaviours,
            lessons: $source.lessons,
            $($rest)*
        }
    };
}

impl EntrySnapshot {
    /// The version a draft saves, with the entry's files once they are settled.
    pub fn from_draft(draft: EntryDraft, attachments: Vec<i64>) -> Self {
        with_content!(draft => Self { attachments })
    }

    /// The draft the editor carries on from: this version, keeping all its files.
    pub fn to_draft(&self) -> EntryDraft {
        let snapshot = self.clone();
        with_content!(snapshot => EntryDraft {
            keep_attachments: snapshot.attachments,
            new_uploads: vec![],
        })
    }

    /// Everything the learner wrote in the entry, as plain text for the word index. The
    /// index marks matches with U+0002 and U+0003, so those never come from the text.
    pub fn search_text(&self) -> String {
        let mut parts = vec![markdown::plain_text(&self.body)];
        if let Some(r) = &self.reflection {
            parts.extend(r.sections.iter().map(|sec| markdown::plain_text(&sec.text)));
        }
        if let Some(sh) = &self.shadowing {
            parts.extend([
                sh.partner_role.clone(),
                sh.i_learned.clone(),
                sh.they_learned.clone(),
            ]);
        }
        parts.extend(self.behaviours.iter().map(|b| b.justification.clone()));
        parts
            .join("\n")
            .chars()
            .filter(|c| *c != '\u{2}' && *c != '\u{3}')
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_from_the_first_release_is_still_read() {
        // The first versions stored only these parts; everything added since must default.
        let old = r#"{"kind":"cpd","title":"Budget course","date":"2025-03-07","attachments":[]}"#;
        let snapshot: EntrySnapshot = serde_json::from_str(old).expect("an old version reads");
        assert_eq!(snapshot.title, "Budget course", "the stored title survives");
        assert_eq!(snapshot.kind, EntryKind::Cpd, "the stored kind survives");
        assert_eq!(
            snapshot.cpd,
            CpdTime::default(),
            "parts added later are empty"
        );
        let with_reflection = r#"{"kind":"reflection","title":"Handover","date":"2025-03-07",
            "reflection":{"template":"gibbs","sections":[{"id":"feelings","text":"Nervous"}]}}"#;
        let snapshot: EntrySnapshot =
            serde_json::from_str(with_reflection).expect("a reflection without themes reads");
        assert_eq!(
            snapshot.reflection.map(|r| r.code_themes),
            Some(vec![]),
            "Code themes came later and default to none"
        );
    }

    #[test]
    fn a_draft_and_its_snapshot_hold_the_same_content() {
        let snapshot = EntrySnapshot {
            kind: EntryKind::Shadowing,
            title: "Shadowed finance".into(),
            date: "2026-11-20".into(),
            body: "The **ledger**".into(),
            reflection: None,
            tags: vec!["finance".into()],
            cpd: CpdTime {
                clinical_minutes: 0,
                management_minutes: 60,
                participatory: true,
            },
            shadowing: Some(Shadowing::default()),
            feedback_source: Some(FeedbackSource::Colleague),
            behaviours: vec![],
            lessons: vec![],
            attachments: vec![3, 4],
        };
        let draft = snapshot.to_draft();
        assert_eq!(
            draft.keep_attachments,
            vec![3, 4],
            "a version's files are kept"
        );
        assert_eq!(
            EntrySnapshot::from_draft(draft, vec![3, 4]),
            snapshot,
            "a snapshot round-trips through the editor's draft unchanged"
        );
    }

    #[test]
    fn search_text_is_plain_and_never_holds_the_match_marks() {
        let json =
            r#"{"kind":"cpd","title":"t","date":"2026-11-20","body":"A **bold** \u0002move"}"#;
        let snapshot: EntrySnapshot = serde_json::from_str(json).expect("a snapshot");
        assert_eq!(
            snapshot.search_text().trim_end(),
            "A bold move",
            "markdown and marks are stripped"
        );
    }
}
