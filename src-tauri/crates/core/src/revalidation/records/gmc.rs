//! The GMC appraisal summary for one appraisal year: the scope of work, the supporting
//! information grouped by the GMC's six types with each item's reflection, the personal
//! development plan, and the check of what the year (or the five-year cycle) still needs.

use chrono::{Months, NaiveDate};

use super::{entry_hours, plain_body, CheckItem, CheckStatus};
use crate::bundle::{BundleEntry, BundleGoal, PortfolioDocument};
use crate::revalidation::{Period, PracticeHours};

/// One piece of supporting information.
#[derive(Debug, Clone, PartialEq)]
pub struct GmcItem {
    pub date: String,
    pub title: String,
    pub summary: String,
    /// CPD hours, for CPD items.
    pub hours: Option<f64>,
    /// The reflection's parts but its last, (title, text).
    pub reflection: Vec<(String, String)>,
    /// The reflection's last part, where the learner says what they will do or did differently.
    pub changed: Option<(String, String)>,
}

/// One of the six types, with its items in date order.
#[derive(Debug, Clone, PartialEq)]
pub struct SupportingType {
    pub label: String,
    pub items: Vec<GmcItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GoalRow {
    pub title: String,
    pub measure: String,
    pub due_date: String,
    pub status: String,
    /// The newest review note, if any.
    pub last_review: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GmcSummary {
    pub learner: String,
    pub period: Period,
    /// The roles logged with practice hours in the year, each once.
    pub roles: Vec<String>,
    pub types: Vec<SupportingType>,
    /// Goals still open: the plan for next year.
    pub plan_ahead: Vec<GoalRow>,
    /// Goals achieved or dropped: the review of last year's plan.
    pub plan_review: Vec<GoalRow>,
    pub checklist: Vec<CheckItem>,
}

/// How far back the summary looks for colleague and patient feedback: the GMC asks for each
/// at least once in a doctor's five-year revalidation cycle, not every year.
pub const FEEDBACK_LOOK_BACK_YEARS: u32 = 5;

/// The newest colleague and patient feedback anywhere in the portfolio in the
/// [`FEEDBACK_LOOK_BACK_YEARS`] up to the end of the appraisal year (dates as `YYYY-MM-DD`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CycleFeedback {
    pub colleagues: Option<String>,
    pub patients: Option<String>,
}

/// The first day of the look-back that ends on `year_end`: five years back, the day after.
pub fn feedback_look_back_start(year_end: NaiveDate) -> NaiveDate {
    year_end
        .checked_sub_months(Months::new(12 * FEEDBACK_LOOK_BACK_YEARS))
        .and_then(|d| d.succ_opt())
        .unwrap_or(NaiveDate::MIN)
}

const CPD: &str = "Continuing professional development";
const QI: &str = "Quality improvement activity";
const EVENTS: &str = "Significant events";
const COLLEAGUES: &str = "Feedback from colleagues";
const PATIENTS: &str = "Feedback from patients";
const COMPLIMENTS: &str = "Compliments and complaints";
/// The six types, in the order the GMC lists them.
const TYPES: [&str; 6] = [CPD, QI, EVENTS, COLLEAGUES, PATIENTS, COMPLIMENTS];

/// Which type an entry is supporting information of, if any.
fn type_of(entry: &BundleEntry) -> Option<&'static str> {
    match (entry.kind.as_str(), entry.feedback_source.as_deref()) {
        ("qi_project", _) => Some(QI),
        ("significant_event", _) => Some(EVENTS),
        ("feedback", Some("colleague")) => Some(COLLEAGUES),
        ("feedback", Some("patient")) => Some(PATIENTS),
        ("feedback", Some("compliment_or_complaint")) => Some(COMPLIMENTS),
        _ if entry.kind == "cpd" || entry.clinical_minutes + entry.management_minutes > 0 => {
            Some(CPD)
        }
        _ => None,
    }
}

/// Whether an entry is supporting information of one of the six types. Only these are checked
/// for patient details before writing.
pub(crate) fn in_gmc_summary(entry: &BundleEntry) -> bool {
    type_of(entry).is_some()
}

fn item(entry: &BundleEntry) -> GmcItem {
    let mut parts: Vec<(String, String)> = entry
        .reflection
        .iter()
        .flat_map(|r| r.sections.iter())
        .filter(|s| !s.text.trim().is_empty())
        .map(|s| (s.title.clone(), s.text.clone()))
        .collect();
    let changed = if parts.len() > 1 { parts.pop() } else { None };
    let hours = entry_hours(entry);
    GmcItem {
        date: entry.date.clone(),
        title: entry.title.clone(),
        summary: plain_body(entry),
        hours: (hours > 0.0).then_some(hours),
        reflection: parts,
        changed,
    }
}

fn goal_row(goal: &BundleGoal) -> GoalRow {
    GoalRow {
        title: goal.title.clone(),
        measure: goal.measure.clone(),
        due_date: goal.due_date.clone(),
        status: match goal.status.as_str() {
            "not_started" => "Not started",
            "in_progress" => "In progress",
            "achieved" => "Achieved",
            "dropped" => "Dropped",
            other => other,
        }
        .to_owned(),
        last_review: goal
            .reviews
            .iter()
            .max_by(|a, b| a.date.cmp(&b.date))
            .map(|r| format!("{}: {}", super::date_in_words(&r.date), r.note)),
    }
}

fn checklist(types: &[SupportingType], period: Period, earlier: &CycleFeedback) -> Vec<CheckItem> {
    let count = |label: &str| {
        types
            .iter()
            .find(|t| t.label == label)
            .map_or(0, |t| t.items.len())
    };
    let yearly = |label: &str, none: &str| {
        let n = count(label);
        if n > 0 {
            CheckItem::new(label, CheckStatus::Complete, format!("{n} this year"))
        } else {
            CheckItem::new(label, CheckStatus::Missing, none)
        }
    };
    let since = super::date_in_words(&feedback_look_back_start(period.1).to_string());
    let per_cycle = |label: &str, latest: Option<&String>| {
        let n = count(label);
        match latest {
            _ if n > 0 => CheckItem::new(label, CheckStatus::Complete, format!("{n} this year")),
            Some(date) => CheckItem::new(
                label,
                CheckStatus::Complete,
                format!(
                    "None this year; the latest in your portfolio is from {}, inside the five \
                     years since {since}. Once in your five-year cycle is enough.",
                    super::date_in_words(date)
                ),
            ),
            None => CheckItem::new(
                label,
                CheckStatus::ForYou,
                format!(
                    "None in your portfolio since {since}. Needed at least once in your \
                     five-year cycle: if you had it before you kept it here, say when; \
                     otherwise plan it."
                ),
            ),
        }
    };
    vec![
        yearly(CPD, "None this year: the GMC expects CPD every year."),
        yearly(
            QI,
            "None this year: the GMC expects quality improvement activity every year.",
        ),
        yearly(
            EVENTS,
            "None recorded. If you were involved in none, declare that to your appraiser.",
        ),
        per_cycle(COLLEAGUES, earlier.colleagues.as_ref()),
        per_cycle(PATIENTS, earlier.patients.as_ref()),
        yearly(
            COMPLIMENTS,
            "None recorded. If you received none, declare that to your appraiser.",
        ),
        CheckItem::new(
            "Declarations and probity",
            CheckStatus::ForYou,
            "You make these yourself in your appraisal system.",
        ),
    ]
}

/// The summary for the appraisal year `period` from the entries and goals of `document` (only
/// entries dated inside it count) and the roles of the practice hours log in the year;
/// `earlier` is the newest colleague and patient feedback of the five-year look-back, which
/// the check counts when the year itself has none.
pub fn gmc_summary(
    document: &PortfolioDocument,
    practice: &[PracticeHours],
    period: Period,
    earlier: &CycleFeedback,
) -> GmcSummary {
    let (start, end) = (period.0.to_string(), period.1.to_string());
    let mut types: Vec<SupportingType> = TYPES
        .iter()
        .map(|label| SupportingType {
            label: (*label).to_owned(),
            items: Vec::new(),
        })
        .collect();
    for entry in document
        .entries
        .iter()
        .filter(|e| e.date >= start && e.date <= end)
    {
        if let Some(slot) = type_of(entry).and_then(|t| types.iter_mut().find(|s| s.label == t)) {
            slot.items.push(item(entry));
        }
    }
    for t in &mut types {
        t.items.sort_by(|a, b| a.date.cmp(&b.date));
    }
    let mut roles: Vec<String> = Vec::new();
    for p in practice
        .iter()
        .filter(|p| p.start_date <= end && p.end_date >= start)
    {
        let role = p.role.trim();
        if !role.is_empty() && !roles.iter().any(|r| r == role) {
            roles.push(role.to_owned());
        }
    }
    let (review, ahead): (Vec<&BundleGoal>, Vec<&BundleGoal>) = document
        .goals
        .iter()
        .partition(|g| g.status == "achieved" || g.status == "dropped");
    GmcSummary {
        learner: document.learner.clone(),
        period,
        roles,
        checklist: checklist(&types, period, earlier),
        types,
        plan_ahead: ahead.into_iter().map(goal_row).collect(),
        plan_review: review.into_iter().map(goal_row).collect(),
    }
}
