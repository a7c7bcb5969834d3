//! Coverage against a real database: evidence per behaviour, recency and teaching lessons.

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::coverage::BehaviourCoverage;
use crate::portfolio::{BehaviourRating, EntryDraft, EntryKind};
use crate::store::BUILTIN_PACK_ID;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, hour, 0, 0)
        .single()
        .expect("valid time")
}

/// A store with the built-in curriculum, whose lessons say which behaviours they teach.
fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(9)).expect("opens");
    store.sync_builtin_pack(at(9)).expect("built-in pack");
    (dir, store)
}

/// Saves an entry dated `date` rating each (framework, behaviour, rating).
fn rated(store: &Store, date: &str, ratings: &[(&str, &str, u32)]) -> i64 {
    let draft = EntryDraft {
        behaviours: ratings
            .iter()
            .map(|(framework_id, behaviour_id, rating)| BehaviourRating {
                framework_id: (*framework_id).into(),
                behaviour_id: (*behaviour_id).into(),
                rating: *rating,
                justification: String::new(),
            })
            .collect(),
        ..EntryDraft::new(EntryKind::Reflection, format!("Evidence from {date}"), date)
    };
    store
        .save_entry(None, None, &draft, at(10))
        .expect("saves")
        .id
}

fn behaviour<'a>(coverage: &'a Coverage, id: &str) -> &'a BehaviourCoverage {
    coverage
        .domains
        .iter()
        .flat_map(|d| &d.behaviours)
        .find(|b| b.id == id)
        .unwrap_or_else(|| panic!("{id} is in the coverage"))
}

fn lesson_ids(b: &BehaviourCoverage) -> Vec<&str> {
    b.lessons.iter().map(|l| l.lesson_id.as_str()).collect()
}

#[test]
fn coverage_counts_evidence_recency_and_the_latest_rating() {
    let (_dir, store) = store();
    rated(
        &store,
        "2026-11-01",
        &[("cmpf", "cmpf.people.one-to-ones", 2)],
    );
    rated(
        &store,
        "2026-06-01",
        &[
            ("cmpf", "cmpf.people.one-to-ones", 3),
            ("cmpf", "cmpf.people.wellbeing", 1),
        ],
    );
    rated(
        &store,
        "2024-01-01",
        &[("cmpf", "cmpf.people.one-to-ones", 1)],
    );
    // "Recent" is the 12 months up to today: a year ago to the day is not in them.
    rated(&store, "2025-11-23", &[("cmpf", "cmpf.people.fairness", 2)]);
    rated(&store, "2025-11-24", &[("cmpf", "cmpf.people.fairness", 3)]);
    let binned = rated(
        &store,
        "2026-11-10",
        &[("cmpf", "cmpf.people.recruitment", 4)],
    );
    store.delete_entry(binned, at(11)).expect("bins");
    rated(
        &store,
        "2026-11-02",
        &[("clcf", "clcf.personal-qualities.integrity", 1)],
    );

    let c = store.coverage(None, today()).expect("coverage");
    assert_eq!(
        (c.framework_id.as_str(), c.today.as_str()),
        ("cmpf", "2026-11-23"),
        "with no framework chosen, coverage is of the app's own, as of today"
    );
    let one_to_ones = behaviour(&c, "cmpf.people.one-to-ones");
    assert_eq!(
        (
            one_to_ones.entries,
            one_to_ones.recent,
            one_to_ones.last_date.as_deref(),
            one_to_ones.latest_rating
        ),
        (3, 2, Some("2026-11-01"), Some(2)),
        "three entries, two in the last year; the newest entry's date and rating"
    );
    let fairness = behaviour(&c, "cmpf.people.fairness");
    assert_eq!(
        (fairness.entries, fairness.recent, fairness.latest_rating),
        (2, 1, Some(3)),
        "an entry a year ago to the day is not recent"
    );
    let recruitment = behaviour(&c, "cmpf.people.recruitment");
    assert_eq!(
        (
            recruitment.entries,
            recruitment.last_date.as_deref(),
            recruitment.latest_rating
        ),
        (0, None, None),
        "an entry in the bin is no evidence"
    );
    assert_eq!(
        recruitment
            .lessons
            .iter()
            .map(|l| (l.pack_id.as_str(), l.lesson_id.as_str(), l.title.as_deref()))
            .collect::<Vec<_>>(),
        [(
            BUILTIN_PACK_ID,
            "lm-recruitment",
            Some("Recruitment and employment checks")
        )],
        "a gap offers the lessons that teach it, with their titles"
    );
    assert_eq!(
        lesson_ids(behaviour(&c, "cmpf.people.wellbeing")),
        [
            "lm-one-to-ones",
            "lm-sickness-absence",
            "perf-appraisal-conversations",
            "perf-under-performance",
            "boundary-culture-hierarchy",
        ],
        "lessons come in the path's order"
    );

    let people = c
        .domains
        .iter()
        .find(|d| d.id == "cmpf.people")
        .expect("the people domain");
    assert_eq!(
        (people.entries, people.recent, people.behaviours_covered),
        (5, 3, 3),
        "a domain counts distinct entries, however many of its behaviours each rates"
    );
    assert!(
        c.domains
            .iter()
            .filter(|d| d.id != "cmpf.people")
            .all(|d| d.entries == 0 && d.behaviours_covered == 0),
        "no other domain has evidence; another framework's ratings do not count here"
    );
    let cmpf = crate::frameworks::builtin()
        .iter()
        .find(|f| f.id == "cmpf")
        .expect("cmpf is built in");
    assert_eq!(
        (c.items_total, c.items_covered),
        (u32::try_from(cmpf.items().len()).expect("small"), 3),
        "every behaviour is counted, three of them covered"
    );
    let mut choices: Vec<&str> = c.frameworks.iter().map(|f| f.id.as_str()).collect();
    choices.sort_unstable();
    assert_eq!(
        choices,
        ["clcf", "cmpf", "hlm"],
        "every built-in framework can be chosen"
    );
}

#[test]
fn a_names_only_framework_covers_its_elements() {
    let (_dir, store) = store();
    rated(
        &store,
        "2026-11-02",
        &[("clcf", "clcf.personal-qualities.integrity", 1)],
    );
    let c = store.coverage(Some("clcf"), today()).expect("coverage");
    let integrity = behaviour(&c, "clcf.personal-qualities.integrity");
    assert_eq!(
        (
            integrity.entries,
            integrity.statement == integrity.element_title
        ),
        (1, true),
        "an element with no behaviours is itself the thing evidenced, named by its title"
    );
    assert_eq!(c.items_covered, 1, "one element covered");
    let err = store
        .coverage(Some("nope"), today())
        .expect_err("unknown framework");
    assert!(
        matches!(err, StoreError::NotFound(_)),
        "an unknown framework is not found: {err}"
    );
}

#[test]
fn editor_options_offer_the_installed_lessons_and_every_framework() {
    let (_dir, store) = store();
    let options = store.editor_options().expect("options");
    assert_eq!(
        options.lessons.first().map(|l| (
            l.pack_id.as_str(),
            l.lesson_id.as_str(),
            l.module_title.as_str()
        )),
        Some((
            BUILTIN_PACK_ID,
            "finance-money-flows",
            "Budgets and finance"
        )),
        "lessons are offered in the path's order with their module"
    );
    assert_eq!(
        options.frameworks.len(),
        crate::frameworks::builtin().len(),
        "every framework can be rated against"
    );
    assert_eq!(
        options.kinds.len(),
        EntryKind::ALL.len(),
        "every kind is offered"
    );
}
