//! The development plan's goals against a real database, and the fixtures revalidation's
//! tests share.

use chrono::TimeZone;

use super::*;

/// 2026-11-23, the day these tests run on.
pub(in crate::store) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

pub(in crate::store) fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, hour, 0, 0)
        .single()
        .expect("valid time")
}

pub(in crate::store) fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(9)).expect("opens");
    (dir, store)
}

fn behaviour(id: &str) -> BehaviourRef {
    BehaviourRef {
        framework_id: "cmpf".into(),
        behaviour_id: id.into(),
    }
}

fn goal(title: &str, due: &str, status: GoalStatus) -> GoalDraft {
    GoalDraft {
        title: title.into(),
        measure: "  Every band 6 has had one  ".into(),
        achievable: "Protected time agreed with the matron".into(),
        relevant: "Appraisal compliance is on the ward's dashboard".into(),
        due_date: due.into(),
        status,
        behaviours: vec![],
    }
}

pub(in crate::store) fn count(store: &Store, table: &str) -> i64 {
    store
        .reader()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{table}: {e}"))
}

#[test]
fn goals_are_saved_edited_reviewed_and_deleted() {
    let (_dir, store) = store();
    let mut draft = goal(
        "Hold an appraisal with each band 6",
        "2027-03-31",
        GoalStatus::NotStarted,
    );
    draft.behaviours = vec![
        behaviour("cmpf.people.wellbeing"),
        behaviour("cmpf.people.appraisal"),
    ];
    let saved = store
        .save_goal(None, &draft, today(), at(10))
        .expect("saves");
    assert_eq!(
        saved.draft.measure, "Every band 6 has had one",
        "answers are kept without surrounding spaces"
    );
    assert_eq!(
        saved.draft.behaviours, draft.behaviours,
        "the linked behaviours are kept in the order given"
    );
    assert_eq!(
        saved.behaviour_statements,
        [
            "I notice when my team is under strain, check in with individuals and change what I can, such as breaks, rotas or support.",
            "I prepare for each appraisal I hold, review the year honestly with the person and agree objectives and a development plan we both sign up to.",
        ],
        "each behaviour is shown in the framework's words, in the draft's order"
    );
    assert!(!saved.overdue, "a goal due next year is not overdue");

    let mut edit = saved.draft.clone();
    edit.status = GoalStatus::InProgress;
    edit.behaviours.reverse();
    let edited = store
        .save_goal(Some(saved.id), &edit, today(), at(11))
        .expect("edits");
    assert_eq!(
        (edited.id, edited.draft.status),
        (saved.id, GoalStatus::InProgress),
        "an edit changes the same goal"
    );
    assert_eq!(
        edited.draft.behaviours, edit.behaviours,
        "a new order of behaviours is kept"
    );
    assert_eq!(
        (edited.created_at.as_str(), edited.updated_at.as_str()),
        ("2026-11-23T10:00:00.000Z", "2026-11-23T11:00:00.000Z"),
        "an edit keeps when the goal was made and records when it changed"
    );

    store
        .add_goal_review(saved.id, "2026-11-01", "Two of six done", today(), at(12))
        .expect("reviews");
    let reviewed = store
        .add_goal_review(
            saved.id,
            "2026-11-20",
            "  Four of six done  ",
            today(),
            at(13),
        )
        .expect("reviews");
    assert_eq!(
        reviewed
            .reviews
            .iter()
            .map(|r| (r.date.as_str(), r.note.as_str()))
            .collect::<Vec<_>>(),
        [
            ("2026-11-20", "Four of six done"),
            ("2026-11-01", "Two of six done")
        ],
        "reviews are listed newest first"
    );
    assert_eq!(
        store.goals(today()).expect("goals"),
        [reviewed],
        "the plan lists the goal as last saved"
    );

    store.delete_goal(saved.id).expect("deletes");
    assert!(
        store.goals(today()).expect("goals").is_empty(),
        "a deleted goal is gone from the plan"
    );
    assert_eq!(
        (
            count(&store, "goal_reviews"),
            count(&store, "goal_behaviours")
        ),
        (0, 0),
        "its reviews and links went with it"
    );
    assert!(
        matches!(store.delete_goal(saved.id), Err(StoreError::NotFound(_))),
        "deleting it again finds nothing"
    );
}

#[test]
fn goals_past_due_are_overdue_until_achieved_or_dropped_and_come_first() {
    let (_dir, store) = store();
    for (title, due, status) in [
        ("Achieved long ago", "2026-01-01", GoalStatus::Achieved),
        ("Late", "2026-11-22", GoalStatus::InProgress),
        ("Dropped", "2026-02-01", GoalStatus::Dropped),
        ("Due today", "2026-11-23", GoalStatus::NotStarted),
        ("Later", "2027-06-01", GoalStatus::NotStarted),
    ] {
        store
            .save_goal(None, &goal(title, due, status), today(), at(10))
            .expect("saves");
    }
    let plan: Vec<(String, bool)> = store
        .goals(today())
        .expect("goals")
        .into_iter()
        .map(|g| (g.draft.title, g.overdue))
        .collect();
    assert_eq!(
        plan,
        [
            ("Late".to_owned(), true),
            ("Due today".to_owned(), false),
            ("Later".to_owned(), false),
            ("Achieved long ago".to_owned(), false),
            ("Dropped".to_owned(), false),
        ],
        "open goals first by due date; only an open goal past its day is overdue"
    );
}

#[test]
fn invalid_goals_and_reviews_are_refused_and_nothing_is_stored() {
    let (_dir, store) = store();
    let mut unknown = goal("Learn", "2027-01-01", GoalStatus::NotStarted);
    unknown.behaviours = vec![behaviour("cmpf.people.mind-reading")];
    for (why, field, draft) in [
        (
            "an empty goal",
            "title",
            goal("  ", "2027-01-01", GoalStatus::NotStarted),
        ),
        (
            "a due date that never was",
            "dueDate",
            goal("Learn", "2027-02-30", GoalStatus::NotStarted),
        ),
        ("a behaviour no framework has", "behaviours", unknown),
    ] {
        let err = store
            .save_goal(None, &draft, today(), at(10))
            .expect_err(why);
        assert!(
            matches!(&err, StoreError::Fields(f) if f[0].field == field),
            "{why} is refused naming {field}: {err}"
        );
    }
    assert_eq!(count(&store, "goals"), 0, "no refused goal was stored");
    assert!(
        matches!(
            store.save_goal(
                Some(42),
                &goal("Learn", "2027-01-01", GoalStatus::NotStarted),
                today(),
                at(10)
            ),
            Err(StoreError::NotFound(_))
        ),
        "editing a goal that does not exist finds nothing"
    );
    assert_eq!(count(&store, "goals"), 0, "and does not create one");

    let real = store
        .save_goal(
            None,
            &goal("Learn", "2027-01-01", GoalStatus::NotStarted),
            today(),
            at(10),
        )
        .expect("saves");
    for (why, date, note) in [
        ("an empty review", "2026-11-23", "   "),
        ("a review on no real day", "2026-13-01", "Progress"),
    ] {
        let err = store
            .add_goal_review(real.id, date, note, today(), at(11))
            .expect_err(why);
        assert!(
            matches!(err, StoreError::Fields(_)),
            "{why} is refused: {err}"
        );
    }
    assert!(
        matches!(
            store.add_goal_review(real.id + 1, "2026-11-23", "Progress", today(), at(11)),
            Err(StoreError::NotFound(_))
        ),
        "a review of a goal that does not exist finds nothing"
    );
    assert_eq!(
        count(&store, "goal_reviews"),
        0,
        "no refused review was stored"
    );
}
