//! The bin: deleting keeps everything until the bin is emptied, which removes it for good.

use rusqlite::Connection;

use super::*;

/// Saves an entry with a tag, a rating, a lesson, a file and two versions.
fn rich_entry(store: &Store, title: &str) -> EntryView {
    let upload = store
        .upload_attachment("evidence.pdf", PDF, at(20, 9))
        .expect("upload");
    let mut d = draft(EntryKind::QiProject, title, "2026-11-20");
    d.body = format!("Notes on {title}");
    d.tags = vec!["improvement".into()];
    d.behaviours = vec![rating("cmpf.quality.improvement-method", 3)];
    d.lessons = vec![lesson("boundary-improvement-project")];
    d.new_uploads = vec![upload.id];
    let first = store.save_entry(None, None, &d, at(20, 10)).expect("v1");
    store
        .save_entry(Some(first.id), Some(1), &first.draft, at(20, 11))
        .expect("v2")
}

/// Rows anywhere in the portfolio that belong to entry `id`, read through a connection of
/// our own, so nothing the store caches can hide them.
fn rows_for(path: &std::path::Path, id: i64) -> Vec<(&'static str, i64)> {
    let conn = Connection::open(path).expect("a second connection");
    [
        ("entries", "id"),
        ("entry_versions", "entry_id"),
        ("entry_tags", "entry_id"),
        ("entry_behaviours", "entry_id"),
        ("entry_lessons", "entry_id"),
        ("attachments", "entry_id"),
        ("entry_search", "rowid"),
    ]
    .into_iter()
    .map(|(table, column)| {
        let n: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE {column} = ?1"),
                [id],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("{table}: {e}"));
        (table, n)
    })
    .collect()
}

#[test]
fn deleting_moves_an_entry_to_the_bin_and_it_can_come_back() {
    let (_dir, store) = store();
    let gone = rich_entry(&store, "Falls audit");
    let kept = rich_entry(&store, "Discharge lounge");
    store.delete_entry(gone.id, at(21, 9)).expect("deletes");

    let page = store.find_entries(&EntryQuery::default()).expect("list");
    assert_eq!(
        titles(&page),
        ["Discharge lounge"],
        "the portfolio no longer lists the deleted entry"
    );
    assert_eq!(
        store.find_entries(&query("falls")).expect("search").total,
        0,
        "searching the portfolio does not find it"
    );
    let bin = store
        .find_entries(&EntryQuery {
            text: "falls".into(),
            in_bin: true,
            ..EntryQuery::default()
        })
        .expect("bin");
    assert_eq!(
        titles(&bin),
        ["Falls audit"],
        "the bin can be searched and holds it"
    );
    assert_eq!(
        bin.entries[0].deleted_at.as_deref(),
        Some("2026-11-21T09:00:00.000Z"),
        "the bin says when it was deleted"
    );
    assert_eq!(store.bin_count().expect("count"), 1, "one entry in the bin");
    assert_eq!(
        store.entry_tags().expect("tags")[0].entries,
        1,
        "tags count only entries outside the bin"
    );
    assert_eq!(
        store
            .entry(gone.id, None)
            .expect("still readable")
            .deleted_at,
        Some("2026-11-21T09:00:00.000Z".into()),
        "an entry in the bin can still be opened"
    );
    store
        .delete_entry(gone.id, at(22, 9))
        .expect("deleting twice is harmless");
    assert!(
        matches!(
            store.delete_entry(999, at(22, 9)),
            Err(StoreError::NotFound(_))
        ),
        "deleting an entry that never was is not found"
    );

    store.restore_entry_from_bin(gone.id).expect("restores");
    let page = store.find_entries(&EntryQuery::default()).expect("list");
    assert_eq!(page.total, 2, "the restored entry is back in the portfolio");
    let back = store.entry(gone.id, None).expect("reads");
    assert_eq!(
        back.deleted_at, None,
        "restored from the bin, it is no longer marked deleted"
    );
    assert_eq!(
        (back.version, back.draft),
        (gone.version, gone.draft),
        "and nothing in it changed"
    );
    assert_eq!(store.bin_count().expect("count"), 0, "the bin is empty");
    assert_eq!(
        store.entry(kept.id, None).expect("reads"),
        kept,
        "the other entry was never touched"
    );
}

#[test]
fn an_entry_in_the_bin_cannot_be_changed() {
    let (_dir, store) = store();
    let entry = rich_entry(&store, "Falls audit");
    store.delete_entry(entry.id, at(21, 9)).expect("deletes");
    let mut edit = entry.draft.clone();
    edit.title = "Edited in the bin".into();
    let err = store
        .save_entry(Some(entry.id), Some(2), &edit, at(21, 10))
        .expect_err("in the bin");
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("bin")),
        "editing an entry in the bin is a conflict that says why: {err}"
    );
    let err = store
        .restore_entry_version(entry.id, 1, at(21, 10))
        .expect_err("in the bin");
    assert!(
        matches!(err, StoreError::Conflict(_)),
        "so is restoring one of its versions: {err}"
    );
    assert_eq!(
        store.entry(entry.id, None).expect("reads").version,
        2,
        "no version was added"
    );
}

#[test]
fn emptying_the_bin_removes_entries_for_good_with_everything_they_had() {
    let (_dir, store) = store();
    let gone = rich_entry(&store, "Falls audit");
    let kept = rich_entry(&store, "Discharge lounge");
    let path = store.path().to_owned();
    assert!(
        rows_for(&path, gone.id).iter().all(|(_, n)| *n > 0),
        "before: the entry has rows in every table {:?}",
        rows_for(&path, gone.id)
    );
    store.delete_entry(gone.id, at(21, 9)).expect("deletes");
    assert_eq!(store.empty_bin().expect("empties"), 1, "one entry went");

    assert_eq!(
        rows_for(&path, gone.id),
        [
            ("entries", 0),
            ("entry_versions", 0),
            ("entry_tags", 0),
            ("entry_behaviours", 0),
            ("entry_lessons", 0),
            ("attachments", 0),
            ("entry_search", 0),
        ],
        "nothing of the entry is left: versions, files and search text went with it"
    );
    assert!(
        rows_for(&path, kept.id).iter().all(|(_, n)| *n > 0),
        "the entry outside the bin keeps everything: {:?}",
        rows_for(&path, kept.id)
    );
    assert!(
        matches!(store.entry(gone.id, None), Err(StoreError::NotFound(_))),
        "the emptied entry is not found"
    );
    assert!(
        matches!(
            store.attachment_data(gone.attachments[0].id),
            Err(StoreError::NotFound(_))
        ),
        "nor its file"
    );
    assert_eq!(
        store.empty_bin().expect("empties"),
        0,
        "an empty bin empties to nothing"
    );
}
