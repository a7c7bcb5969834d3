//! The personal development plan: SMART goals, their reviews and the behaviours they develop.
//! The rules (what a goal needs, when it is overdue) live in `goals`, tested without a database.

mod goals;

pub use goals::{check_goal, check_review, is_overdue, statement, statements};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    NotStarted,
    InProgress,
    Achieved,
    Dropped,
}

impl GoalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            GoalStatus::NotStarted => "not_started",
            GoalStatus::InProgress => "in_progress",
            GoalStatus::Achieved => "achieved",
            GoalStatus::Dropped => "dropped",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::NotStarted,
            Self::InProgress,
            Self::Achieved,
            Self::Dropped,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// A SMART goal as the plan's editor sends it. `title` says what, specifically. Field errors
/// name `title`, `dueDate` and `behaviours`; a review's name `date` and `note`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalDraft {
    pub title: String,
    /// How the learner will know it is done.
    pub measure: String,
    /// What makes it achievable: support, time, resources.
    pub achievable: String,
    /// Why it matters to the role.
    pub relevant: String,
    /// YYYY-MM-DD
    pub due_date: String,
    pub status: GoalStatus,
    pub behaviours: Vec<BehaviourRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BehaviourRef {
    pub framework_id: String,
    pub behaviour_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalReview {
    #[ts(type = "number")]
    pub id: i64,
    pub date: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalView {
    #[ts(type = "number")]
    pub id: i64,
    pub draft: GoalDraft,
    /// The linked behaviours' statements, in the draft's order.
    pub behaviour_statements: Vec<String>,
    /// Past its due date and neither achieved nor dropped.
    pub overdue: bool,
    pub reviews: Vec<GoalReview>,
    pub created_at: String,
    pub updated_at: String,
}
