//! The review file an appraiser sends back: comments per entry, an overall summary and the
//! sign-off, tied to one bundle by its id and the SHA-256 of its manifest (which lists every
//! file's hash, so it names the bundle's whole content). It comes from elsewhere, so reading
//! one checks everything and says exactly what is wrong.

mod error;
mod parse;
mod received;
mod save;
mod signed;

pub use error::ReviewError;
pub use parse::{
    parse_review, ReviewFileError, MAX_REVIEW_COMMENTS, MAX_REVIEW_NAME_CHARS, REVIEW_JSON_LIMITS,
};
pub use received::{
    bundle_picture, open_received, received_path, ReviewSession, MAX_RECEIVED_BYTES, RECEIVED_DIR,
};
pub use save::{
    review_file, save_review, save_review_signed, ReviewInput, SavedReview, REVIEWS_DIR,
};
pub use signed::{
    read_review, sign_review, ReadReview, MAX_SIGNED_REVIEW_BYTES, SIGNED_REVIEW_FORMAT_VERSION,
    SIGNED_REVIEW_PART,
};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a review file says it is.
pub const REVIEW_FORMAT: &str = "ward-to-board-review";
pub const REVIEW_FORMAT_VERSION: u32 = 1;
pub const REVIEW_EXTENSION: &str = "w2breview";
/// Far more than a real review: every comment and the summary together.
pub const MAX_REVIEW_BYTES: usize = 8 * 1024 * 1024;
/// One comment or the summary.
pub const MAX_REVIEW_TEXT_CHARS: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewFile {
    /// Always `ward-to-board-review`.
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    /// The reviewed bundle's id and the SHA-256 of its `manifest.json`.
    pub bundle_id: String,
    pub manifest_sha256: String,
    /// The learner named in the bundle, for the appraiser's own records.
    pub learner: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub reviewer: Person,
    pub summary: String,
    pub comments: Vec<ReviewComment>,
    pub sign_off: Option<SignOff>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewComment {
    pub entry_uid: String,
    /// The entry's version in the bundle: the comment is about that version.
    pub entry_version: u32,
    pub comment: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignOffOutcome {
    /// The portfolio meets what was asked of it.
    Satisfactory,
    /// Signed off, with development to carry into the plan.
    SatisfactoryWithDevelopment,
    /// Not signed off: more evidence is needed first.
    NotYet,
}

impl SignOffOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            SignOffOutcome::Satisfactory => "satisfactory",
            SignOffOutcome::SatisfactoryWithDevelopment => "satisfactory_with_development",
            SignOffOutcome::NotYet => "not_yet",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Satisfactory,
            Self::SatisfactoryWithDevelopment,
            Self::NotYet,
        ]
        .into_iter()
        .find(|o| o.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            SignOffOutcome::Satisfactory => "Satisfactory",
            SignOffOutcome::SatisfactoryWithDevelopment => "Satisfactory, with development needs",
            SignOffOutcome::NotYet => "Not yet signed off: more evidence needed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignOff {
    pub outcome: SignOffOutcome,
    pub name: String,
    pub role: String,
    /// YYYY-MM-DD
    pub date: String,
}
