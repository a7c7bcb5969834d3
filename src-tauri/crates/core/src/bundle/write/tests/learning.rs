//! The learning summary on the way out: written only when the learner opts in, as format 3;
//! without it the bundle is format 2 with no trace of the field, so older readers open it.

use super::*;
use crate::store::BUILTIN_PACK_ID;

fn lessons_completed(store: &Store, how_many: usize) -> Vec<String> {
    let lessons = store.editor_options().expect("options").lessons;
    lessons
        .iter()
        .take(how_many)
        .map(|lesson| {
            store
                .set_lesson_complete(BUILTIN_PACK_ID, &lesson.lesson_id, true, at(3))
                .expect("completes");
            lesson.lesson_id.clone()
        })
        .collect()
}

#[test]
fn without_the_learners_choice_nothing_of_their_learning_is_written() {
    let (dir, store) = store();
    portfolio(&store);
    lessons_completed(&store, 2);
    let target = dir.path().join("plain.w2bbundle");
    let written =
        write_bundle(&store, &BundleSelection::default(), &target, at(4)).expect("writes");
    assert_eq!(
        written.manifest.format_version, 2,
        "format 2, which older readers open"
    );
    let files = unpack(&target);
    let json = String::from_utf8(files[0].1.clone()).expect("UTF-8");
    assert!(
        !json.contains("\"learning\""),
        "no learning field at all, not even null"
    );
    assert!(
        json.contains("\"formatVersion\":2"),
        "the document says format 2"
    );
    let page = String::from_utf8(files[1].1.clone()).expect("UTF-8");
    assert!(
        !page.contains("Learning completed"),
        "the page has no learning section"
    );
}

#[test]
fn a_learner_who_opts_in_shares_the_lessons_they_completed_in_pack_order() {
    let (dir, store) = store();
    portfolio(&store);
    let done = lessons_completed(&store, 3);
    let target = dir.path().join("shared.w2bbundle");
    let selection = BundleSelection {
        include_learning: true,
        ..BundleSelection::default()
    };
    let written = write_bundle(&store, &selection, &target, at(4)).expect("writes");
    assert_eq!(
        written.manifest.format_version, 3,
        "format 3 carries the summary"
    );
    let files = unpack(&target);
    let doc = document_in(&files);
    assert_eq!(doc.format_version, 3);
    let packs = doc.learning.expect("the summary is written");
    let all = store.learning_path().expect("path");
    assert_eq!(packs.len(), all.packs.len(), "every installed pack");
    let pack = &packs[0];
    assert_eq!(pack.pack_id, BUILTIN_PACK_ID);
    assert_eq!(
        pack.lessons_total, all.lessons_total,
        "the pack's current lessons"
    );
    let ids: Vec<&str> = pack
        .completed
        .iter()
        .map(|l| l.lesson_id.as_str())
        .collect();
    let in_order: Vec<&str> = all.packs[0]
        .modules
        .iter()
        .flat_map(|m| &m.lessons)
        .filter(|l| l.completed)
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(ids, in_order, "the lessons completed, in the pack's order");
    assert_eq!(ids.len(), done.len(), "every one completed");
    assert!(
        pack.completed
            .iter()
            .all(|l| l.completed_at == "2026-11-03T09:30:00.000Z"),
        "each with when it was completed"
    );
    let page = String::from_utf8(files[1].1.clone()).expect("UTF-8");
    assert!(
        page.contains("<h2 id=\"learning-heading\">Learning completed</h2>"),
        "on the page"
    );
    assert!(
        page.contains("3 of "),
        "with the count of lessons completed"
    );
    crate::bundle::verify_bundle(&target).expect("the app's own format 3 bundle verifies");
}
