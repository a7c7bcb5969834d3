//! Framework coverage: which behaviours and elements of a framework the portfolio evidences,
//! how much and how recently; and the outlines of frameworks that evidence can map to.

mod evidence;

pub use evidence::{coverage, Rated, Recency};

use serde::Serialize;
use ts_rs::TS;

use crate::portfolio::LinkedLesson;

/// Evidence for one behaviour (or element) of a framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BehaviourCoverage {
    pub id: String,
    pub element_title: String,
    pub statement: String,
    pub entries: u32,
    /// Entries dated in the last 12 months.
    pub recent: u32,
    pub last_date: Option<String>,
    /// Evidence exists, but none of it is recent: the newest is 12 months or more old.
    pub stale: bool,
    /// The rating on the newest entry that rates it.
    pub latest_rating: Option<u32>,
    /// Lessons that teach it, to follow when there is a gap.
    pub lessons: Vec<LinkedLesson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DomainCoverage {
    pub id: String,
    pub title: String,
    /// Distinct entries evidencing anything in the domain.
    pub entries: u32,
    pub recent: u32,
    pub behaviours_covered: u32,
    pub behaviours: Vec<BehaviourCoverage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkChoice {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScaleLevel {
    pub value: u32,
    pub label: String,
    pub description: String,
}

/// A framework's behaviours and scale, for the editor's picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkOutline {
    pub id: String,
    pub title: String,
    pub scale_name: String,
    pub scale: Vec<ScaleLevel>,
    pub domains: Vec<OutlineDomain>,
    /// Items a newer version removed, so an entry that still rates one can name it.
    pub retired: Vec<OutlineRetired>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutlineRetired {
    pub id: String,
    pub title: String,
    pub removed_in: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutlineDomain {
    pub id: String,
    pub title: String,
    pub items: Vec<OutlineItem>,
}

/// Something evidence can map to: a behaviour, or an element of a names-only framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutlineItem {
    pub id: String,
    pub element_title: String,
    pub statement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    pub framework_id: String,
    pub framework_title: String,
    pub frameworks: Vec<FrameworkChoice>,
    /// The date "recent" counts back 12 months from.
    pub today: String,
    pub domains: Vec<DomainCoverage>,
    pub items_total: u32,
    pub items_covered: u32,
}
