//! Drafts and files the store refuses, and uploads that were never saved.

use super::*;

/// What the portfolio holds, table by table, to show a refusal stored nothing.
fn stored(store: &Store) -> [i64; 8] {
    [
        "entries",
        "entry_versions",
        "entry_search",
        "entry_tags",
        "entry_behaviours",
        "entry_lessons",
        "attachments",
        "attachment_uploads",
    ]
    .map(|table| count(store, table))
}

#[test]
fn invalid_drafts_are_refused_naming_the_field_and_nothing_is_stored() {
    let (_dir, store) = store();
    let base = || {
        let mut d = draft(EntryKind::Reflection, "A valid title", "2026-11-20");
        d.tags = vec!["kept".into()];
        d.behaviours = vec![rating("cmpf.people.wellbeing", 2)];
        d.lessons = vec![lesson("lm-one-to-ones")];
        d
    };
    store
        .save_entry(None, None, &base(), at(20, 9))
        .expect("the base draft is valid");
    let before = stored(&store);

    type Spoil = fn(&mut EntryDraft);
    let cases: [(&str, &str, Spoil); 12] = [
        ("an empty title", "Title:", |d| d.title = "   ".into()),
        ("a title that is a paragraph", "Title:", |d| {
            d.title = "x".repeat(MAX_TITLE_CHARS + 1)
        }),
        ("a date that never was", "Date:", |d| {
            d.date = "2026-02-30".into()
        }),
        ("a date written another way", "Date:", |d| {
            d.date = "20/11/2026".into()
        }),
        ("a rating off the scale", "Behaviours:", |d| {
            d.behaviours[0].rating = 5
        }),
        ("a rating of nought", "Behaviours:", |d| {
            d.behaviours[0].rating = 0
        }),
        ("a behaviour the framework lacks", "Behaviours:", |d| {
            d.behaviours[0].behaviour_id = "cmpf.people.telepathy".into()
        }),
        ("a behaviour rated twice", "Behaviours:", |d| {
            d.behaviours.push(rating("cmpf.people.wellbeing", 3))
        }),
        ("more CPD than a day holds", "CPD time:", |d| {
            d.cpd.management_minutes = MAX_CPD_MINUTES + 1
        }),
        ("a section the form lacks", "Reflection:", |d| {
            d.reflection = Some(Reflection {
                template: ReflectionTemplate::Gibbs,
                sections: vec![ReflectionSection {
                    id: "so_what".into(),
                    text: "From another form".into(),
                }],
                code_themes: vec![],
            })
        }),
        ("more text than an entry holds", "The entry's text", |d| {
            d.body = "a".repeat(MAX_TEXT_BYTES + 1)
        }),
        ("too many tags", "Tags:", |d| {
            d.tags = (0..=MAX_TAGS).map(|i| format!("tag{i}")).collect()
        }),
    ];
    for (why, field, spoil) in cases {
        let mut new = base();
        spoil(&mut new);
        let err = store
            .save_entry(None, None, &new, at(21, 9))
            .expect_err(why);
        assert!(
            matches!(&err, StoreError::Invalid(m) if m.starts_with(field)),
            "{why} is refused as invalid, naming {field} first: {err}"
        );
        let err = store
            .save_entry(Some(1), Some(1), &new, at(21, 9))
            .expect_err(why);
        assert!(
            matches!(&err, StoreError::Invalid(m) if m.starts_with(field)),
            "{why} is refused in an edit too: {err}"
        );
        assert_eq!(stored(&store), before, "{why}: nothing was stored");
    }
    assert_eq!(
        store.entry(1, None).expect("reads").version,
        1,
        "the entry refused edits stays at version 1"
    );
}

#[test]
fn keeping_a_file_from_another_entry_is_refused() {
    let (_dir, store) = store();
    let upload = store
        .upload_attachment("a.pdf", PDF, at(20, 9))
        .expect("up");
    let mut with_file = draft(EntryKind::Cpd, "Has a file", "2026-11-20");
    with_file.new_uploads = vec![upload.id];
    let owner = store
        .save_entry(None, None, &with_file, at(20, 10))
        .expect("saves");
    let mut thief = draft(EntryKind::Cpd, "Wants the file", "2026-11-20");
    thief.keep_attachments = vec![owner.attachments[0].id];
    let err = store
        .save_entry(None, None, &thief, at(20, 11))
        .expect_err("not its file");
    assert!(
        matches!(err, StoreError::Invalid(_)),
        "another entry's file cannot be kept: {err}"
    );
    assert_eq!(count(&store, "entries"), 1, "the thief was not saved");
}

#[test]
fn a_disguised_file_is_refused_at_upload_and_not_kept() {
    let (_dir, store) = store();
    let err = store
        .upload_attachment("minutes.pdf", b"MZ\x90\x00 a Windows program", at(20, 9))
        .expect_err("a program named .pdf");
    assert!(
        matches!(&err, StoreError::Invalid(m) if m.contains("contents are not one")),
        "the refusal says the contents do not match the name: {err}"
    );
    let err = store
        .upload_attachment("page.html", b"<script>alert(1)</script>", at(20, 9))
        .expect_err("HTML");
    assert!(
        matches!(&err, StoreError::Invalid(m) if m.contains("pdf")),
        "the refusal lists the kinds of file that are kept: {err}"
    );
    assert_eq!(
        count(&store, "attachment_uploads"),
        0,
        "nothing refused is kept"
    );
}

#[test]
fn uploads_never_saved_are_cleared_after_a_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(1, 9)).expect("opens");
    let old = store
        .upload_attachment("old.txt", b"first", at(20, 9))
        .expect("up");
    store
        .upload_attachment("new.txt", b"second", at(21, 5))
        .expect("up");
    assert_eq!(
        store.clear_stale_uploads(at(21, 8)).expect("clears"),
        0,
        "an upload under a day old may still be saved"
    );
    assert_eq!(
        store.clear_stale_uploads(at(21, 10)).expect("clears"),
        1,
        "an upload over a day old is cleared"
    );
    let mut late = draft(EntryKind::Cpd, "Saved too late", "2026-11-20");
    late.new_uploads = vec![old.id];
    let err = store
        .save_entry(None, None, &late, at(21, 11))
        .expect_err("its file was cleared");
    assert!(
        matches!(&err, StoreError::Invalid(m) if m.contains("attach it again")),
        "the learner is told to attach the file again: {err}"
    );
    assert_eq!(
        count(&store, "entries"),
        0,
        "the entry is not saved without its file"
    );
    drop(store);
    let store = Store::open(dir.path(), at(23, 9)).expect("reopens");
    assert_eq!(
        count(&store, "attachment_uploads"),
        0,
        "opening the store clears what the closed editor left behind"
    );
}
