//! The plan's rules: what a goal and a review must have before they are kept, what a linked
//! behaviour says, and when a goal is overdue. The store keeps goals; these decide.

use chrono::NaiveDate;

use super::{BehaviourRef, GoalDraft, GoalStatus};
use crate::frameworks::Framework;
use crate::problems::FieldError;

/// A date as the forms send it, or a field error naming `field` in the learner's words.
pub(crate) fn field_date(field: &str, label: &str, value: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, format!("{label}: `{value}` is not a real date")))
}

/// What is wrong with a goal, field by field (`title`, `dueDate`, `behaviours`); empty when it
/// can be kept.
pub fn check_goal(draft: &GoalDraft, frameworks: &[Framework]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if draft.title.trim().is_empty() {
        errors.push(FieldError::new(
            "title",
            "Goal: say specifically what you want to achieve",
        ));
    }
    if let Err(e) = field_date("dueDate", "Due date", &draft.due_date) {
        errors.push(e);
    }
    if let Some(unknown) = draft
        .behaviours
        .iter()
        .find(|b| statement(frameworks, b).is_none())
    {
        errors.push(FieldError::new(
            "behaviours",
            format!(
                "Behaviours: `{}` is not in a framework the app knows",
                unknown.behaviour_id
            ),
        ));
    }
    errors
}

/// What is wrong with a review, field by field (`date`, `note`); empty when it can be kept.
pub fn check_review(date: &str, note: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Err(e) = field_date("date", "Review date", date) {
        errors.push(e);
    }
    if note.trim().is_empty() {
        errors.push(FieldError::new("note", "Review: say how the goal is going"));
    }
    errors
}

/// What a linked behaviour says, from the installed frameworks (a retired item's old title
/// included).
pub fn statement<'a>(frameworks: &'a [Framework], behaviour: &BehaviourRef) -> Option<&'a str> {
    frameworks
        .iter()
        .find(|f| f.id == behaviour.framework_id)
        .and_then(|f| f.title_of(&behaviour.behaviour_id))
        .map(|(title, _)| title)
}

/// What each linked behaviour says, in order; the id itself for one no longer known.
pub fn statements(frameworks: &[Framework], behaviours: &[BehaviourRef]) -> Vec<String> {
    behaviours
        .iter()
        .map(|b| statement(frameworks, b).map_or_else(|| b.behaviour_id.clone(), str::to_owned))
        .collect()
}

/// Past its due date and neither achieved nor dropped.
pub fn is_overdue(status: GoalStatus, due_date: &str, today: NaiveDate) -> bool {
    !matches!(status, GoalStatus::Achieved | GoalStatus::Dropped)
        && NaiveDate::parse_from_str(due_date, "%Y-%m-%d").is_ok_and(|d| d < today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: &str, due: &str, behaviours: &[&str]) -> GoalDraft {
        GoalDraft {
            title: title.into(),
            measure: String::new(),
            achievable: String::new(),
            relevant: String::new(),
            due_date: due.into(),
            status: GoalStatus::NotStarted,
            behaviours: behaviours
                .iter()
                .map(|id| BehaviourRef {
                    framework_id: "cmpf".into(),
                    behaviour_id: (*id).into(),
                })
                .collect(),
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_goal_needs_a_title_a_real_date_and_known_behaviours() {
        assert!(
            check_goal(
                &draft("Learn", "2027-01-01", &["cmpf.people.appraisal"]),
                crate::frameworks::builtin()
            )
            .is_empty(),
            "a complete goal is kept"
        );
        let errors = check_goal(
            &draft("  ", "2027-02-30", &["cmpf.gone"]),
            crate::frameworks::builtin(),
        );
        assert_eq!(
            fields(&errors),
            ["title", "dueDate", "behaviours"],
            "every wrong field is named"
        );
        assert_eq!(
            errors[1].message, "Due date: `2027-02-30` is not a real date",
            "the date's message says which date"
        );
        assert_eq!(
            errors[2].message, "Behaviours: `cmpf.gone` is not in a framework the app knows",
            "the unknown behaviour is named"
        );
    }

    #[test]
    fn a_review_needs_a_real_date_and_a_note() {
        assert!(
            check_review("2026-11-23", "Going well").is_empty(),
            "a full review"
        );
        assert_eq!(
            fields(&check_review("2026-13-01", "  ")),
            ["date", "note"],
            "both wrong fields are named"
        );
    }

    #[test]
    fn unknown_behaviours_show_their_id_and_overdue_needs_an_open_goal() {
        let refs = draft("x", "2027-01-01", &["cmpf.gone"]).behaviours;
        assert_eq!(
            statements(crate::frameworks::builtin(), &refs),
            ["cmpf.gone"],
            "an unknown behaviour shows its id"
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        assert!(
            is_overdue(GoalStatus::InProgress, "2026-11-22", today),
            "past and open"
        );
        assert!(
            !is_overdue(GoalStatus::InProgress, "2026-11-23", today),
            "due today is not late"
        );
        assert!(
            !is_overdue(GoalStatus::Achieved, "2026-01-01", today),
            "achieved is never late"
        );
        assert!(
            !is_overdue(GoalStatus::Dropped, "2026-01-01", today),
            "dropped is never late"
        );
    }
}
