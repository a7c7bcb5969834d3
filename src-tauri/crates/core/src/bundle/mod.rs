//! The portfolio bundle: one archive a learner sends an appraiser, holding a manifest (every
//! file with its size and SHA-256), the portfolio as JSON, the attachments and a self-contained
//! HTML view. This module owns the formats (documented in docs/bundle-format.md with a JSON
//! Schema), writing a bundle, and verifying one that came from elsewhere.

mod coverage;
mod export;
mod frameworks;
mod html;
mod learning;
mod privacy_check;
#[cfg(test)]
pub(crate) mod sample;
mod selection;
mod verify;
mod write;

pub use coverage::coverage_of;
pub use export::{
    export_bundle, export_bundle_signed, preview_export, ExportPreview, ExportedBundle, EXPORTS_DIR,
};
pub use frameworks::{
    bundled_frameworks, unresolved_ratings, BundleFramework, BundleFrameworkItem, BundleRetiredItem,
};
pub use html::render_html;
pub(crate) use html::render_html_in_parts;
/// Escaping and words for dates, shared with the cohort report's page.
pub(crate) use html::text as html_text;
pub(crate) use html::CONTENT_SECURITY_POLICY;
pub use learning::{
    format_for, learning_problems, BundleCompletedLesson, BundleLearningPack,
    FORMAT_WITHOUT_LEARNING, LEARNING_FORMAT_VERSION,
};
pub use privacy_check::{document_findings, text_findings, DocumentFinding};
pub use selection::{BundleSelection, SelectionError};
pub(crate) use verify::{open_checked, unpack, Archive, StoredFile};
pub use verify::{
    read_bundle_file, verify_bundle, verify_bundle_as, verify_bundle_named, BundleError,
    BundleProblem, PageCheck, VerifiedBundle, MANIFEST_JSON_LIMITS, MAX_PORTFOLIO_JSON_BYTES,
    MAX_PORTFOLIO_JSON_DEPTH, MAX_PORTFOLIO_JSON_ITEMS, MAX_PORTFOLIO_JSON_VALUES,
    MAX_PORTFOLIO_TEXT_BYTES, PORTFOLIO_JSON_LIMITS,
};
pub use write::{write_bundle, write_bundle_signed, ExportError, WrittenBundle};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::portfolio::RatedBehaviour;

/// What a bundle's manifest says it is.
pub const BUNDLE_FORMAT: &str = "ward-to-board-bundle";
/// The newest version of the bundle layout and of `portfolio.json`; a reader refuses a newer
/// one. Version 2 added the frameworks the entries rate against; version 3 the learning
/// summary, written only when the learner shares it (otherwise a bundle is version 2, which
/// older readers open). Version 1 and 2 bundles still open.
pub const BUNDLE_FORMAT_VERSION: u32 = 3;
/// A bundle file's extension.
pub const BUNDLE_EXTENSION: &str = "w2bbundle";

/// The manifest's path inside the archive. Every other file is listed in it.
pub const MANIFEST_PATH: &str = "manifest.json";
/// A signed bundle's one file beside the manifest and not listed in it: the learner's
/// signature over `manifest.json` (and so over every file it lists).
pub const SIGNATURE_PATH: &str = "bundle-signature.json";
pub const PORTFOLIO_PATH: &str = "portfolio.json";
pub const HTML_PATH: &str = "portfolio.html";
/// Attachments live under this folder as `attachments/<n>-<safe file name>`.
pub const ATTACHMENTS_DIR: &str = "attachments/";

/// Limits a bundle from elsewhere must keep before anything is decompressed.
pub const MAX_BUNDLE_FILES: usize = 20_000;
/// The largest file inside a bundle (an attachment is at most 20 MB; portfolio.json for
/// 100,000 entries is well under this).
pub const MAX_BUNDLE_FILE_BYTES: u64 = 512 * 1024 * 1024;
/// All files together, uncompressed.
pub const MAX_BUNDLE_TOTAL_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// No file may claim to expand more than this many times its compressed size.
pub const MAX_COMPRESSION_RATIO: u64 = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Manifest {
    /// Always `ward-to-board-bundle`.
    pub format: String,
    pub format_version: u32,
    /// The app version that wrote it.
    pub app_version: String,
    /// A random id, 32 hex digits, naming this bundle; reviews are tied to it.
    pub bundle_id: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// The learner's name as they gave it on export (may be empty).
    pub learner: String,
    /// The period chosen, if any (YYYY-MM-DD, inclusive).
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    /// Every file in the archive except the manifest, in archive order.
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ManifestFile {
    /// A relative path with `/` separators.
    pub path: String,
    #[ts(type = "number")]
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
}

/// `portfolio.json`: what the learner chose to share, shaped for reading by people and tools.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortfolioDocument {
    pub format_version: u32,
    pub bundle_id: String,
    pub created_at: String,
    pub learner: String,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub entries: Vec<BundleEntry>,
    /// Coverage of each framework the shared entries rate against.
    pub coverage: Vec<BundleCoverage>,
    pub goals: Vec<BundleGoal>,
    /// The definition of each framework the entries rate against (format 2; absent in 1).
    #[serde(default)]
    pub frameworks: Vec<BundleFramework>,
    /// Format 3: the lessons of each installed pack the learner completed, when they chose to
    /// share them at export; absent (not null) otherwise, so a format 2 reader opens the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub learning: Option<Vec<BundleLearningPack>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleEntry {
    /// The entry's stable id; a review's comments name it.
    pub uid: String,
    /// The version shared; a sign-off applies to it.
    pub version: u32,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub date: String,
    /// Markdown, as written.
    pub body: String,
    pub reflection: Option<BundleReflection>,
    pub tags: Vec<String>,
    pub clinical_minutes: u32,
    pub management_minutes: u32,
    pub participatory: bool,
    pub feedback_source: Option<String>,
    pub shadowing: Option<BundleShadowing>,
    pub behaviours: Vec<BundleRating>,
    pub lessons: Vec<BundleLesson>,
    pub attachments: Vec<BundleAttachment>,
    pub from_study: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleReflection {
    pub template: String,
    pub template_title: String,
    pub sections: Vec<BundleSection>,
    pub code_themes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleSection {
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleShadowing {
    pub partner_role: String,
    pub i_learned: String,
    pub they_learned: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleRating {
    pub framework_id: String,
    pub framework_title: String,
    pub behaviour_id: String,
    pub statement: String,
    pub domain_title: String,
    pub rating: u32,
    pub rating_label: String,
    pub justification: String,
}

// `BundleRating` has the fields of the app's `RatedBehaviour` but is its own type: the bundle
// format is versioned and read back strictly (`deny_unknown_fields`), and must not change when
// the app's view does. The words are worked out once, in the view, and copied here.
impl From<RatedBehaviour> for BundleRating {
    fn from(r: RatedBehaviour) -> Self {
        BundleRating {
            framework_id: r.framework_id,
            framework_title: r.framework_title,
            behaviour_id: r.behaviour_id,
            statement: r.statement,
            domain_title: r.domain_title,
            rating: r.rating,
            rating_label: r.rating_label,
            justification: r.justification,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleLesson {
    pub pack_id: String,
    pub lesson_id: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleAttachment {
    pub file_name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: u64,
    pub sha256: String,
    /// Where it is in the archive, as listed in the manifest.
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleCoverage {
    pub framework_id: String,
    pub framework_title: String,
    pub items_total: u32,
    pub items_covered: u32,
    pub domains: Vec<BundleDomainCoverage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleDomainCoverage {
    pub title: String,
    /// Shared entries evidencing the domain.
    pub entries: u32,
    pub behaviours_covered: u32,
    pub behaviours_total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleGoal {
    pub title: String,
    pub measure: String,
    pub achievable: String,
    pub relevant: String,
    pub due_date: String,
    pub status: String,
    pub behaviours: Vec<String>,
    pub reviews: Vec<BundleGoalReview>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleGoalReview {
    pub date: String,
    pub note: String,
}
