//! The records a regulator expects at revalidation or appraisal, assembled from the portfolio
//! the bundle reads (`PortfolioDocument`) and the practice hours log: which entry lands in which
//! record, the sums, and what is still missing. Pure: no database, no clock (the caller passes
//! the period), no file. The writers in `crate::typeset` lay the records out as PDF or Word.

mod gmc;
mod layout;
mod nmc;
mod request;

pub(crate) use gmc::in_gmc_summary;
pub use gmc::{
    feedback_look_back_start, gmc_summary, CycleFeedback, GmcItem, GmcSummary, GoalRow,
    SupportingType, FEEDBACK_LOOK_BACK_YEARS,
};
pub use layout::{gmc_layout, nmc_layout};
pub(crate) use nmc::in_nmc_records;
pub use nmc::{
    nmc_records, AccountRecord, CpdRow, FeedbackRow, NmcRecords, PracticeRow,
    DUAL_REGISTRATION_HOURS, PRACTICE_HOURS,
};
pub use request::{DocumentCheck, DocumentKind, DocumentRequest, WrittenDocument};

use serde::Serialize;
use ts_rs::TS;

use crate::bundle::BundleEntry;
use crate::markdown;

/// Where one requirement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// The portfolio holds what the regulator asks for.
    Complete,
    /// Short of what the regulator asks for: the detail says by how much.
    Missing,
    /// Something only the person can do (a discussion, a declaration, a confirmation); the app
    /// cannot know whether it is done.
    ForYou,
}

/// One line of the completeness check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckItem {
    pub label: String,
    pub status: CheckStatus,
    /// The figures or what to do, in words ("3 of 5 accounts").
    pub detail: String,
}

impl CheckItem {
    fn new(label: &str, status: CheckStatus, detail: impl Into<String>) -> Self {
        CheckItem {
            label: label.into(),
            status,
            detail: detail.into(),
        }
    }

    /// A counted requirement: complete once `value` reaches `target`.
    fn counted(label: &str, value: f64, target: f64, unit: &str) -> Self {
        let status = if value + 1e-9 >= target {
            CheckStatus::Complete
        } else {
            CheckStatus::Missing
        };
        let detail = format!("{} of {} {unit}", hours_text(value), hours_text(target));
        Self::new(label, status, detail)
    }
}

/// Hours (or a count) as people write them: whole numbers bare, otherwise one decimal place.
pub fn hours_text(value: f64) -> String {
    let tenths = (value * 10.0).round() / 10.0;
    if (tenths - tenths.round()).abs() < 1e-9 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// A plain ISO date as people read it in the UK ("30 April 2027"); a date that cannot be read
/// is given as it is.
pub fn date_in_words(date: &str) -> String {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_or_else(|_| date.to_owned(), |d| d.format("%-d %B %Y").to_string())
}

/// An entry's CPD time in hours.
fn entry_hours(entry: &BundleEntry) -> f64 {
    f64::from(entry.clinical_minutes + entry.management_minutes) / 60.0
}

/// The entry's own text without Markdown, for a summary column.
fn plain_body(entry: &BundleEntry) -> String {
    markdown::plain_text(&entry.body).trim().to_owned()
}

/// What an entry's evidence is: its attachments' names only, never their contents.
fn evidence_names(entry: &BundleEntry) -> Vec<String> {
    entry
        .attachments
        .iter()
        .map(|a| a.file_name.clone())
        .collect()
}

#[cfg(test)]
mod tests;
