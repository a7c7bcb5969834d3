//! What the learner chooses to share, and the rules a choice must keep before anything is
//! read: a period written as dates, that ends no earlier than it starts.

use chrono::NaiveDate;

/// What to share: a period and/or chosen entries (both given: entries in the period that
/// are also chosen), the development plan or not, the learning summary or not, and the
/// learner's name for the cover.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BundleSelection {
    pub from: Option<String>,
    pub to: Option<String>,
    #[ts(type = "Array<number> | null")]
    pub entry_ids: Option<Vec<i64>>,
    pub include_goals: bool,
    pub learner: String,
    /// Share which lessons of each installed pack are completed (the learning summary, bundle
    /// format 3). Off unless the learner ticks it.
    #[serde(default)]
    pub include_learning: bool,
}

/// Why a selection's period cannot be used. `field` is the form's label, `From` or `To`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error("{field}: `{date}` is not a date written as YYYY-MM-DD")]
    NotADate { field: &'static str, date: String },
    #[error("To: the end of the period is before its start")]
    EndsBeforeStart,
}

impl BundleSelection {
    /// The period's dates are real dates, and it does not end before it starts.
    pub fn check_period(&self) -> Result<(), SelectionError> {
        let mut dates = Vec::new();
        for (field, date) in [("From", &self.from), ("To", &self.to)] {
            if let Some(date) = date {
                dates.push(NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| {
                    SelectionError::NotADate {
                        field,
                        date: date.clone(),
                    }
                })?);
            }
        }
        if let [from, to] = dates[..] {
            if to < from {
                return Err(SelectionError::EndsBeforeStart);
            }
        }
        Ok(())
    }

    /// Why this selection matched no entry, in words for the learner.
    pub fn describe_empty(&self) -> String {
        let period = match (&self.from, &self.to) {
            (Some(f), Some(t)) => Some(format!("dated {f} to {t}")),
            (Some(f), None) => Some(format!("dated on or after {f}")),
            (None, Some(t)) => Some(format!("dated on or before {t}")),
            (None, None) => None,
        };
        match (&self.entry_ids, period) {
            (Some(ids), _) if ids.is_empty() => "no entries were chosen".into(),
            (Some(_), Some(period)) => {
                format!("none of the chosen entries is {period} and outside the bin")
            }
            (Some(_), None) => "the chosen entries are in the bin or no longer exist".into(),
            (None, Some(period)) => format!("there are no entries {period} outside the bin"),
            (None, None) => "there are no entries outside the bin".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(from: Option<&str>, to: Option<&str>) -> BundleSelection {
        BundleSelection {
            from: from.map(Into::into),
            to: to.map(Into::into),
            ..BundleSelection::default()
        }
    }

    #[test]
    fn a_period_must_be_real_dates_in_order() {
        assert_eq!(
            period(Some("2026-01-01"), Some("2026-12-31")).check_period(),
            Ok(()),
            "a year in order is fine"
        );
        assert_eq!(
            period(Some("1 March"), None).check_period(),
            Err(SelectionError::NotADate {
                field: "From",
                date: "1 March".into()
            }),
            "the field and the text are named"
        );
        assert_eq!(
            period(Some("2026-12-01"), Some("2026-01-01")).check_period(),
            Err(SelectionError::EndsBeforeStart),
            "a period that ends before it starts"
        );
    }

    #[test]
    fn an_empty_selection_says_why_in_its_own_terms() {
        let chosen = BundleSelection {
            entry_ids: Some(vec![]),
            ..period(Some("2026-01-01"), None)
        };
        assert_eq!(
            chosen.describe_empty(),
            "no entries were chosen",
            "nothing chosen wins over the period"
        );
        assert_eq!(
            period(None, Some("2026-02-01")).describe_empty(),
            "there are no entries dated on or before 2026-02-01 outside the bin",
            "the period is named"
        );
    }
}
