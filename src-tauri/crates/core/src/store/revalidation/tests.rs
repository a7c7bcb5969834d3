//! Revalidation: the NMC cycle and GMC year counters, practice hours, and their checks.

use super::*;
use crate::portfolio::{
    CpdTime, EntryDraft, EntryKind, FeedbackSource, Reflection, ReflectionTemplate,
};
use crate::revalidation::records::CheckStatus;
use crate::store::plan::tests::{at, count, store, today};

fn entry(store: &Store, kind: EntryKind, date: &str, change: impl FnOnce(&mut EntryDraft)) -> i64 {
    let mut draft = EntryDraft::new(kind, format!("{kind:?} on {date}"), date);
    change(&mut draft);
    store
        .save_entry(None, None, &draft, at(10))
        .expect("saves")
        .id
}

fn cpd(clinical: u32, management: u32, participatory: bool) -> impl FnOnce(&mut EntryDraft) {
    move |d| {
        d.cpd = CpdTime {
            clinical_minutes: clinical,
            management_minutes: management,
            participatory,
        }
    }
}

fn reflection(template: ReflectionTemplate) -> impl FnOnce(&mut EntryDraft) {
    move |d| {
        d.reflection = Some(Reflection {
            template,
            sections: vec![],
            code_themes: vec![],
        })
    }
}

fn feedback(source: FeedbackSource) -> impl FnOnce(&mut EntryDraft) {
    move |d| d.feedback_source = Some(source)
}

#[test]
fn nmc_counters_count_the_cycle_ending_on_renewal() {
    let (_dir, store) = store();
    store
        .set_revalidation_settings(&RevalidationSettings {
            nmc_expiry: Some("2027-03-31".into()),
            gmc_appraisal: None,
        })
        .expect("settings");
    // The cycle is 2024-04-01 to 2027-03-31.
    entry(&store, EntryKind::Cpd, "2024-04-01", cpd(60, 60, true));
    entry(&store, EntryKind::Cpd, "2024-03-31", cpd(0, 600, true));
    entry(&store, EntryKind::Cpd, "2026-11-01", cpd(0, 90, false));
    let binned = entry(&store, EntryKind::Cpd, "2026-10-01", cpd(120, 0, true));
    store.delete_entry(binned, at(11)).expect("bins");
    for (date, source) in [
        ("2025-05-05", FeedbackSource::Patient),
        ("2025-06-06", FeedbackSource::Colleague),
        ("2024-01-01", FeedbackSource::Colleague),
    ] {
        entry(&store, EntryKind::Feedback, date, feedback(source));
    }
    entry(
        &store,
        EntryKind::Reflection,
        "2025-07-07",
        reflection(ReflectionTemplate::Nmc),
    );
    entry(
        &store,
        EntryKind::Reflection,
        "2025-07-08",
        reflection(ReflectionTemplate::Gibbs),
    );
    // 20 days, 10 of them in the cycle; then a month wholly inside it.
    store
        .add_practice_hours("2024-03-22", "2024-04-10", 100.0, "Ward manager", at(12))
        .expect("hours");
    store
        .add_practice_hours("2025-01-01", "2025-01-31", 150.0, "Ward manager", at(12))
        .expect("hours");

    let r = store.revalidation(today()).expect("revalidation");
    assert!(r.gmc.is_none(), "no appraisal date, no GMC counters");
    let nmc = r.nmc.expect("NMC counters with a renewal date");
    assert_eq!(
        (nmc.start.as_str(), nmc.end.as_str(), nmc.days_left),
        ("2024-04-01", "2027-03-31", 128),
        "the three years ending on renewal, and the days left to it"
    );
    assert_eq!(
        nmc.values(),
        [
            ("cpd", 3.5),
            ("participatory", 2.0),
            ("feedback", 2.0),
            ("reflections", 1.0),
            ("practice", 200.0),
        ],
        "CPD hours, participatory hours, feedback and NMC accounts in the cycle, \
         outside the bin; practice hours across the cycle's start count pro rata"
    );
    assert_eq!(
        nmc.counters.iter().map(|c| c.target).collect::<Vec<_>>(),
        [Some(35.0), Some(20.0), Some(5.0), Some(5.0), Some(450.0)],
        "each counter carries the NMC's requirement"
    );
    assert_eq!(
        r.practice_hours
            .iter()
            .map(|p| p.start_date.as_str())
            .collect::<Vec<_>>(),
        ["2025-01-01", "2024-03-22"],
        "logged practice hours are listed newest first"
    );
    assert_eq!(
        (
            r.currency.last_year_clinical_minutes,
            r.currency.last_year_management_minutes
        ),
        (0, 90),
        "clinical currency counts the last 12 months outside the bin"
    );

    store
        .delete_practice_hours(r.practice_hours[0].id)
        .expect("deletes");
    let practice = store
        .revalidation(today())
        .expect("revalidation")
        .nmc
        .map(|p| p.counters[4].value);
    assert_eq!(practice, Some(50.0), "deleted hours no longer count");
}

#[test]
fn gmc_counters_count_the_appraisal_year_by_kind_and_feedback_source() {
    let (_dir, store) = store();
    store
        .set_revalidation_settings(&RevalidationSettings {
            nmc_expiry: None,
            gmc_appraisal: Some("2027-01-15".into()),
        })
        .expect("settings");
    // The appraisal year is 2026-01-16 to 2027-01-15.
    entry(&store, EntryKind::QiProject, "2026-01-16", |_| {});
    entry(&store, EntryKind::QiProject, "2026-01-15", |_| {});
    entry(&store, EntryKind::SignificantEvent, "2026-04-01", |_| {});
    for (date, source) in [
        ("2026-05-01", FeedbackSource::Colleague),
        ("2026-05-02", FeedbackSource::Patient),
        ("2026-05-03", FeedbackSource::ComplimentOrComplaint),
        ("2026-05-04", FeedbackSource::ComplimentOrComplaint),
        ("2026-05-05", FeedbackSource::Other),
    ] {
        entry(&store, EntryKind::Feedback, date, feedback(source));
    }
    entry(&store, EntryKind::Cpd, "2026-06-01", cpd(30, 60, false));

    let r = store.revalidation(today()).expect("revalidation");
    assert!(r.nmc.is_none(), "no renewal date, no NMC counters");
    let gmc = r.gmc.expect("GMC counters with an appraisal date");
    assert_eq!(
        (gmc.start.as_str(), gmc.end.as_str(), gmc.days_left),
        ("2026-01-16", "2027-01-15", 53),
        "the year ending on the appraisal"
    );
    assert_eq!(
        gmc.values(),
        [
            ("cpd", 1.5),
            ("qi", 1.0),
            ("significant_events", 1.0),
            ("colleague_feedback", 1.0),
            ("patient_feedback", 1.0),
            ("compliments", 2.0),
        ],
        "each kind of supporting information counted in the year; other feedback is none of them"
    );
    assert!(
        gmc.counters.iter().all(|c| c.target.is_none()),
        "the GMC sets no numbers"
    );
}

#[test]
fn revalidation_settings_and_practice_hours_are_checked() {
    let (_dir, store) = store();
    let r = store.revalidation(today()).expect("revalidation");
    assert!(
        r.nmc.is_none() && r.gmc.is_none(),
        "no counters until the learner gives their dates"
    );
    let err = store
        .set_revalidation_settings(&RevalidationSettings {
            nmc_expiry: Some("31/03/2027".into()),
            gmc_appraisal: None,
        })
        .expect_err("not a date");
    assert!(
        matches!(&err, StoreError::Fields(f) if f[0].field == "nmcExpiry"),
        "a bad renewal date names the field: {err}"
    );
    // Every rule is tested in `crate::revalidation`; here, that a refusal names its field
    // and stores nothing.
    let err = store
        .add_practice_hours("2026-02-01", "2026-01-01", 10.0, "", at(10))
        .expect_err("an end before the start");
    assert!(
        matches!(&err, StoreError::Fields(f) if f[0].field == "end"),
        "an end before the start is refused naming the end: {err}"
    );
    assert_eq!(
        count(&store, "practice_hours"),
        0,
        "no refused hours were stored"
    );
    assert!(
        matches!(store.delete_practice_hours(7), Err(StoreError::NotFound(_))),
        "deleting hours that were never logged finds nothing"
    );
}

#[test]
fn the_gmc_summary_counts_colleague_and_patient_feedback_from_the_five_years_before() {
    let (_dir, store) = store();
    // Appraisal year 2026-01-16 to 2027-01-15; the look-back starts on 2022-01-16.
    entry(
        &store,
        EntryKind::Feedback,
        "2023-04-04",
        feedback(FeedbackSource::Colleague),
    );
    entry(
        &store,
        EntryKind::Feedback,
        "2024-09-09",
        feedback(FeedbackSource::Colleague),
    );
    entry(
        &store,
        EntryKind::Feedback,
        "2022-01-15",
        feedback(FeedbackSource::Patient),
    );
    let binned = entry(
        &store,
        EntryKind::Feedback,
        "2025-02-02",
        feedback(FeedbackSource::Patient),
    );
    store.delete_entry(binned, at(11)).expect("bins");
    let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 15).expect("date");
    let (summary, _) = store
        .gmc_summary(day, "Zoë Okafor", at(12))
        .expect("summary");
    let check = |label: &str| {
        summary
            .checklist
            .iter()
            .find(|c| c.label == label)
            .map(|c| (c.status, c.detail.clone()))
            .unwrap_or_else(|| panic!("{label} is checked"))
    };
    let (status, detail) = check("Feedback from colleagues");
    assert_eq!(status, CheckStatus::Complete, "{detail}");
    assert!(
        detail.contains("9 September 2024"),
        "the newest of the look-back: {detail}"
    );
    let (status, detail) = check("Feedback from patients");
    assert_eq!(
        status,
        CheckStatus::ForYou,
        "feedback a day too old, or in the bin, does not count: {detail}"
    );
}
