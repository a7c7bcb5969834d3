//! What the revalidation page asks for (which document, for which period, whose, in which
//! format) and what it is told back: the check before writing, and the file written.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::CheckItem;
use crate::bundle::DocumentFinding;
use crate::typeset::DocumentFormat;

/// Which regulator's document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The NMC revalidation record set for a three-year cycle.
    Nmc,
    /// The GMC appraisal summary for an appraisal year.
    Gmc,
}

/// A document to check or write. A refused request names the field: `learner`, `ending`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentRequest {
    pub kind: DocumentKind,
    /// The last day of the period (YYYY-MM-DD): the NMC renewal date or the GMC appraisal date.
    pub ending: String,
    /// The person's name, as it should appear on every page.
    pub learner: String,
    pub format: DocumentFormat,
    /// NMC only: registered as both nurse and midwife (900 practice hours, not 450).
    #[serde(default)]
    pub dual_registration: bool,
}

/// What the page shows before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentCheck {
    pub title: String,
    /// The period, in words.
    pub period: String,
    pub checklist: Vec<CheckItem>,
    /// Likely patient identifiers in what the document would carry.
    pub findings: Vec<DocumentFinding>,
}

/// A document the app wrote into `exports/` in the data folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WrittenDocument {
    pub file_name: String,
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}
