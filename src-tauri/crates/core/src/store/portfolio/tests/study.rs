//! Entries made from study logged as CPD on the learning path.

use super::*;

#[test]
fn logging_study_as_cpd_makes_a_cpd_entry_linked_to_the_lessons() {
    let (_dir, store) = store();
    for (lesson_id, seconds) in [("lm-one-to-ones", 120), ("lm-sickness-absence", 100)] {
        store
            .record_study(
                BUILTIN_PACK_ID,
                lesson_id,
                None,
                seconds,
                "2026-11-22",
                at(22, 10),
            )
            .expect("records");
    }
    let record = store
        .log_study_as_cpd("2026-11-22", at(22, 12))
        .expect("logs");
    let page = find(
        &store,
        EntryQuery {
            kinds: vec![EntryKind::Cpd],
            ..EntryQuery::default()
        },
    );
    assert_eq!(page.total, 1, "one day's study is one entry");
    let listed = &page.entries[0];
    assert!(listed.from_study, "the list says it came from study");
    let entry = store.entry(listed.id, None).expect("reads");
    assert_eq!(
        (entry.title.as_str(), entry.date.as_str()),
        (record.title.as_str(), "2026-11-22"),
        "titled and dated as the CPD record"
    );
    assert_eq!(
        entry.cpd,
        CpdTime {
            clinical_minutes: 0,
            management_minutes: 4,
            participatory: false
        },
        "timed as logged: management CPD, self-directed"
    );
    assert_eq!(
        entry
            .lessons
            .iter()
            .map(|l| (l.lesson_id.as_str(), l.title.as_deref()))
            .collect::<Vec<_>>(),
        [
            ("lm-one-to-ones", Some("Supervision and one-to-ones")),
            ("lm-sickness-absence", Some("Managing sickness absence")),
        ],
        "the lessons studied are linked, in the order studied"
    );
    assert!(
        entry.body.contains("- Managing sickness absence"),
        "the body lists what was studied: {}",
        entry.body
    );
    assert_eq!(entry.tags, ["study"], "tagged as study");
    assert_eq!(
        (entry.from_study, entry.version),
        (true, 1),
        "marked as made from study, version 1"
    );
}

#[test]
fn a_busy_day_of_study_still_logs_with_a_title_that_fits() {
    let (_dir, store) = store();
    let lessons = [
        "governance-ward-to-board",
        "finance-cip-business-cases",
        "perf-under-performance",
        "boundary-clinical-currency",
        "plan-measuring-performance",
        "perf-setting-objectives",
    ];
    for id in lessons {
        store
            .record_study(BUILTIN_PACK_ID, id, None, 60, "2026-11-22", at(22, 10))
            .expect("records");
    }
    let record = store
        .log_study_as_cpd("2026-11-22", at(22, 12))
        .expect("six lessons in a day can be logged");
    assert!(
        record.title.chars().count() > MAX_TITLE_CHARS,
        "the record's own title is long: {}",
        record.title
    );
    let entry = &find(&store, EntryQuery::default()).entries[0];
    assert!(
        entry.title.chars().count() <= MAX_TITLE_CHARS && entry.title.ends_with('…'),
        "the entry's title is shortened to fit, and says so: {}",
        entry.title
    );
    assert_eq!(
        store.entry(entry.id, None).expect("reads").lessons.len(),
        lessons.len(),
        "every lesson is still linked"
    );
}
