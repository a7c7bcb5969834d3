//! What counts towards each revalidation counter: the entries dated in a period, their CPD
//! time, practice hours pro rata, and what is left to do. The store reads the entries; these
//! decide which count and the sums.

use chrono::NaiveDate;

use super::{Counter, PracticeHours, RevalidationPeriod};
use crate::portfolio::{EntryKind, FeedbackSource, ReflectionTemplate};

/// What revalidation needs to know of one entry outside the bin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryFacts {
    pub date: NaiveDate,
    pub kind: Option<EntryKind>,
    pub template: Option<ReflectionTemplate>,
    pub feedback_source: Option<FeedbackSource>,
    pub clinical_minutes: u32,
    pub management_minutes: u32,
    pub participatory: bool,
}

impl EntryFacts {
    fn minutes(&self) -> u32 {
        self.clinical_minutes + self.management_minutes
    }

    fn is_feedback_from(&self, source: FeedbackSource) -> bool {
        self.kind == Some(EntryKind::Feedback) && self.feedback_source == Some(source)
    }
}

/// A period, first and last day included.
pub type Period = (NaiveDate, NaiveDate);

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A counter, with whether it has reached its target and what is left when it has not.
fn counter(id: &str, label: &str, value: f64, target: Option<f64>, unit: &str) -> Counter {
    let done = target.is_some_and(|t| value >= t);
    Counter {
        id: id.into(),
        label: label.into(),
        value,
        target,
        unit: unit.into(),
        done,
        to_go: target.filter(|_| !done).map(|t| t - value),
        hint: None,
    }
}

fn with_hint(mut counter: Counter, hint: &str) -> Counter {
    counter.hint = Some(hint.into());
    counter
}

fn within(entries: &[EntryFacts], (start, end): Period) -> impl Iterator<Item = &EntryFacts> {
    entries
        .iter()
        .filter(move |e| e.date >= start && e.date <= end)
}

fn how_many<'a>(entries: impl Iterator<Item = &'a EntryFacts>) -> f64 {
    entries.count() as f64
}

/// CPD hours in the period, and the participatory share of them.
fn cpd_hours(entries: &[EntryFacts], period: Period) -> (f64, f64) {
    let (all, participatory) = within(entries, period).fold((0_u64, 0_u64), |(a, p), e| {
        let m = u64::from(e.minutes());
        (a + m, if e.participatory { p + m } else { p })
    });
    (all as f64 / 60.0, participatory as f64 / 60.0)
}

/// Practice hours in the period; hours logged over a stretch that runs across the period's
/// edge count pro rata.
pub fn practised_hours(practice: &[PracticeHours], (start, end): Period) -> f64 {
    practice
        .iter()
        .filter_map(|p| {
            let s = NaiveDate::parse_from_str(&p.start_date, "%Y-%m-%d").ok()?;
            let e = NaiveDate::parse_from_str(&p.end_date, "%Y-%m-%d").ok()?;
            let overlap = (e.min(end) - s.max(start)).num_days() + 1;
            let days = (e - s).num_days() + 1;
            (overlap > 0).then(|| p.hours * overlap as f64 / days as f64)
        })
        .sum()
}

fn period_view(period: Period, today: NaiveDate, counters: Vec<Counter>) -> RevalidationPeriod {
    RevalidationPeriod {
        start: ymd(period.0),
        end: ymd(period.1),
        days_left: (period.1 - today).num_days(),
        counters,
    }
}

/// The NMC cycle's five counted requirements, with the NMC's numbers.
pub fn nmc_period(
    entries: &[EntryFacts],
    practice: &[PracticeHours],
    period: Period,
    today: NaiveDate,
) -> RevalidationPeriod {
    let (hours, participatory) = cpd_hours(entries, period);
    let feedback =
        how_many(within(entries, period).filter(|e| e.kind == Some(EntryKind::Feedback)));
    let reflections =
        how_many(within(entries, period).filter(|e| e.template == Some(ReflectionTemplate::Nmc)));
    period_view(
        period,
        today,
        vec![
            counter("cpd", "CPD", hours, Some(35.0), "hours"),
            counter(
                "participatory",
                "Participatory CPD",
                participatory,
                Some(20.0),
                "hours",
            ),
            counter(
                "feedback",
                "Practice-related feedback",
                feedback,
                Some(5.0),
                "pieces",
            ),
            counter(
                "reflections",
                "Written reflective accounts",
                reflections,
                Some(5.0),
                "accounts",
            ),
            counter(
                "practice",
                "Practice hours",
                practised_hours(practice, period),
                Some(450.0),
                "hours",
            ),
        ],
    )
}

/// The GMC's six types of supporting information in the appraisal year; the GMC sets no
/// numbers, so each says what it is instead.
pub fn gmc_period(entries: &[EntryFacts], period: Period, today: NaiveDate) -> RevalidationPeriod {
    let (hours, _) = cpd_hours(entries, period);
    let of_kind = |kind| how_many(within(entries, period).filter(|e| e.kind == Some(kind)));
    let from = |source| how_many(within(entries, period).filter(|e| e.is_feedback_from(source)));
    let types = [
        ("qi", "Quality improvement activity", of_kind(EntryKind::QiProject),
         "Audits, quality improvement projects and reviews of your own practice or outcomes."),
        ("significant_events", "Significant events", of_kind(EntryKind::SignificantEvent),
         "Incidents you were involved in that did or could have harmed patients, and what you learned."),
        ("colleague_feedback", "Feedback from colleagues", from(FeedbackSource::Colleague),
         "Feedback from the people you work with, such as a multi-source feedback round. Needed at least once in each 5-year cycle."),
        ("patient_feedback", "Feedback from patients", from(FeedbackSource::Patient),
         "Feedback from patients, or the people you provide medical services to. Needed at least once in each 5-year cycle."),
        ("compliments", "Compliments and complaints", from(FeedbackSource::ComplimentOrComplaint),
         "Compliments and complaints about your work, and how you reflected on them."),
    ];
    let cpd = with_hint(
        counter(
            "cpd",
            "Continuing professional development",
            hours,
            None,
            "hours",
        ),
        "Learning you have done and what you took from it for your practice.",
    );
    let counters = std::iter::once(cpd)
        .chain(types.into_iter().map(|(id, label, value, hint)| {
            with_hint(counter(id, label, value, None, "entries"), hint)
        }))
        .collect();
    period_view(period, today, counters)
}

#[cfg(test)]
impl RevalidationPeriod {
    /// Each counter's id and value, for tests to compare at a glance.
    pub(crate) fn values(&self) -> Vec<(&str, f64)> {
        self.counters
            .iter()
            .map(|c| (c.id.as_str(), c.value))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn entry(date: &str, kind: EntryKind) -> EntryFacts {
        EntryFacts {
            date: d(date),
            kind: Some(kind),
            template: None,
            feedback_source: None,
            clinical_minutes: 0,
            management_minutes: 0,
            participatory: false,
        }
    }

    /// The NMC cycle ending 2027-03-31.
    fn cycle() -> Period {
        (d("2024-04-01"), d("2027-03-31"))
    }

    #[test]
    fn the_nmc_counts_only_what_is_dated_in_the_cycle() {
        let mut cpd = entry("2026-01-10", EntryKind::Cpd);
        cpd.clinical_minutes = 90;
        cpd.management_minutes = 30;
        cpd.participatory = true;
        let mut solo = entry("2026-01-11", EntryKind::Cpd);
        solo.management_minutes = 60;
        let mut account = entry("2026-02-01", EntryKind::Reflection);
        account.template = Some(ReflectionTemplate::Nmc);
        let mut gibbs = entry("2026-02-02", EntryKind::Reflection);
        gibbs.template = Some(ReflectionTemplate::Gibbs);
        let mut old = entry("2024-03-31", EntryKind::Feedback);
        old.clinical_minutes = 600;
        let entries = [
            cpd,
            solo,
            account,
            gibbs,
            old,
            entry("2027-03-31", EntryKind::Feedback),
        ];
        let practice = [PracticeHours {
            id: 1,
            start_date: "2027-03-01".into(),
            end_date: "2027-04-30".into(),
            hours: 61.0,
            role: String::new(),
        }];
        let nmc = nmc_period(&entries, &practice, cycle(), d("2026-11-23"));
        assert_eq!(
            nmc.values(),
            [
                ("cpd", 3.0),
                ("participatory", 2.0),
                ("feedback", 1.0),
                ("reflections", 1.0),
                ("practice", 31.0),
            ],
            "CPD time, participatory time, feedback, NMC accounts and pro-rata practice in the cycle"
        );
        assert_eq!(nmc.days_left, 128, "days to the renewal");
        let cpd = &nmc.counters[0];
        assert!(!cpd.done, "3 of 35 hours is not done");
        assert_eq!(cpd.to_go, Some(32.0), "and says what is left");
    }

    #[test]
    fn a_counter_is_done_once_it_reaches_its_target() {
        let met = counter("x", "X", 35.0, Some(35.0), "hours");
        assert!(
            met.done && met.to_go.is_none(),
            "meeting the target is enough"
        );
        let open = counter("x", "X", 100.0, None, "hours");
        assert!(
            !open.done && open.to_go.is_none(),
            "with no target there is nothing to finish"
        );
    }

    #[test]
    fn the_gmc_counts_each_type_of_supporting_information() {
        let mut colleague = entry("2026-06-01", EntryKind::Feedback);
        colleague.feedback_source = Some(FeedbackSource::Colleague);
        let mut patient = entry("2026-06-02", EntryKind::Feedback);
        patient.feedback_source = Some(FeedbackSource::Patient);
        let mut other = entry("2026-06-03", EntryKind::Feedback);
        other.feedback_source = Some(FeedbackSource::Other);
        let entries = [
            colleague,
            patient,
            other,
            entry("2026-06-04", EntryKind::QiProject),
            entry("2026-06-05", EntryKind::SignificantEvent),
            entry("2025-01-01", EntryKind::QiProject),
        ];
        let gmc = gmc_period(
            &entries,
            (d("2026-01-16"), d("2027-01-15")),
            d("2026-11-23"),
        );
        assert_eq!(
            gmc.values(),
            [
                ("cpd", 0.0),
                ("qi", 1.0),
                ("significant_events", 1.0),
                ("colleague_feedback", 1.0),
                ("patient_feedback", 1.0),
                ("compliments", 0.0),
            ],
            "each type counts its own entries in the appraisal year"
        );
        assert!(
            gmc.counters
                .iter()
                .all(|c| c.hint.is_some() && c.target.is_none()),
            "every GMC counter says what it is and sets no number"
        );
    }
}
