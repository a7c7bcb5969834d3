//! What the revalidation page's forms must hold before they are kept (the learner's dates and
//! a stretch of practice hours), and the periods the dates give.

use chrono::NaiveDate;

use super::{gmc_year, nmc_cycle, Period, RevalidationSettings};
use crate::problems::FieldError;

fn date(field: &str, label: &str, value: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, format!("{label}: `{value}` is not a real date")))
}

/// What is wrong with the dates, by field (`nmcExpiry`, `gmcAppraisal`); empty when they can
/// be kept. Either may be left out.
pub fn check_settings(settings: &RevalidationSettings) -> Vec<FieldError> {
    [
        ("nmcExpiry", "NMC renewal date", &settings.nmc_expiry),
        (
            "gmcAppraisal",
            "GMC appraisal date",
            &settings.gmc_appraisal,
        ),
    ]
    .into_iter()
    .filter_map(|(field, label, value)| value.as_deref().and_then(|v| date(field, label, v).err()))
    .collect()
}

/// The NMC cycle and the GMC appraisal year the settings give, where their dates are set.
pub fn periods(settings: &RevalidationSettings) -> (Option<Period>, Option<Period>) {
    let day = |d: &Option<String>| {
        d.as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    (
        day(&settings.nmc_expiry).map(nmc_cycle),
        day(&settings.gmc_appraisal).map(gmc_year),
    )
}

/// What is wrong with a stretch of practice hours, by the command's argument names (`start`,
/// `end`, `hours`); empty when it can be kept. Hours must be more than 0 and no more than 24
/// for each day of the stretch.
pub fn check_practice_hours(start: &str, end: &str, hours: f64) -> Vec<FieldError> {
    let (s, e) = match (date("start", "From", start), date("end", "To", end)) {
        (Ok(s), Ok(e)) => (s, e),
        (s, e) => return [s.err(), e.err()].into_iter().flatten().collect(),
    };
    if e < s {
        return vec![FieldError::new(
            "end",
            "To: the end date is before the start date",
        )];
    }
    let days = u32::try_from((e - s).num_days() + 1).unwrap_or(1);
    if hours > 0.0 && hours <= 24.0 * f64::from(days) {
        Vec::new()
    } else {
        vec![FieldError::new(
            "hours",
            "Hours: enter the hours worked in that period, more than 0 and no more than 24 a day",
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn dates_are_optional_but_must_be_real() {
        let mut settings = RevalidationSettings::default();
        assert!(check_settings(&settings).is_empty(), "no dates is fine");
        assert_eq!(periods(&settings), (None, None), "and gives no periods");
        settings.nmc_expiry = Some("31/03/2027".into());
        settings.gmc_appraisal = Some("2027-01-15".into());
        let errors = check_settings(&settings);
        assert_eq!(fields(&errors), ["nmcExpiry"], "the bad date is named");
        assert_eq!(
            errors[0].message, "NMC renewal date: `31/03/2027` is not a real date",
            "in the learner's words"
        );
        assert!(
            periods(&settings).0.is_none() && periods(&settings).1.is_some(),
            "only a real date gives a period"
        );
    }

    #[test]
    fn practice_hours_need_real_dates_in_order_and_believable_hours() {
        assert!(
            check_practice_hours("2026-01-01", "2026-01-02", 48.0).is_empty(),
            "two full days"
        );
        for (why, start, end, hours, field) in [
            (
                "an end before the start",
                "2026-02-01",
                "2026-01-01",
                10.0,
                "end",
            ),
            ("no hours", "2026-01-01", "2026-01-31", 0.0, "hours"),
            (
                "more than a day holds",
                "2026-01-01",
                "2026-01-02",
                48.5,
                "hours",
            ),
            (
                "not a number",
                "2026-01-01",
                "2026-01-02",
                f64::NAN,
                "hours",
            ),
            (
                "a start that is not a date",
                "2026-1-1x",
                "2026-01-02",
                8.0,
                "start",
            ),
        ] {
            assert_eq!(
                fields(&check_practice_hours(start, end, hours)),
                [field],
                "{why}"
            );
        }
        assert_eq!(
            fields(&check_practice_hours("x", "y", 1.0)),
            ["start", "end"],
            "both bad dates are named"
        );
    }
}
