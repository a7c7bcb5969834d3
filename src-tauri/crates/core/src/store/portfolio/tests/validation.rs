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
    // Which faults are refused is core's (`portfolio::validate`); here, that a refusal reaches
    // the learner as a field error, in a new entry and an edit alike, and stores nothing.
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
    let cases: [(&str, &str, Spoil); 4] = [
        ("an empty title", "title", |d| d.title = "   ".into()),
        ("text over the size limit", "body", |d| {
            d.body = "a".repeat(crate::portfolio::MAX_TEXT_BYTES + 1)
        }),
        ("a date that never was", "date", |d| {
            d.date = "2026-02-30".into()
        }),
        ("a rating off the scale", "behaviours", |d| {
            d.behaviours[0].rating = 5
        }),
    ];
    for (why, field, spoil) in cases {
        let mut new = base();
        spoil(&mut new);
        for (id, version) in [(None, None), (Some(1), Some(1))] {
            let err = store
                .save_entry(id, version, &new, at(21, 9))
                .expect_err(why);
            assert_eq!(
                refused_field(&err),
                Some(field),
                "{why} is refused naming {field} (entry {id:?}): {err}"
            );
        }
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
    assert_eq!(
        refused_field(&err),
        Some("attachments"),
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
        refused_field(&err) == Some("attachments")
            && err.to_string().contains("contents are not one"),
        "the refusal says the contents do not match the name: {err}"
    );
    let err = store
        .upload_attachment("page.html", b"<script>alert(1)</script>", at(20, 9))
        .expect_err("HTML");
    assert!(
        err.to_string().contains("pdf"),
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
        refused_field(&err) == Some("attachments") && err.to_string().contains("attach it again"),
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

#[test]
fn markdown_built_to_be_slow_is_saved_and_shown_flattened() {
    // The shapes from issue #17: a line of 80,000 quote markers, lists nested without end.
    let (_dir, store) = store();
    let mut hostile = full_draft(0);
    hostile.new_uploads = vec![];
    hostile.body = ">".repeat(80_000) + " deep";
    if let Some(reflection) = hostile.reflection.as_mut() {
        reflection.sections[0].text = "+ ".repeat(20_000) + "item";
    }
    let saved = store
        .save_entry(None, None, &hostile, at(20, 9))
        .expect("within the size limit, so saved");
    for view in [saved, store.entry(1, None).expect("reads")] {
        assert_eq!(
            view.body_html.matches("<blockquote>").count(),
            crate::markdown::MAX_NESTING,
            "quotes past the limit are flattened"
        );
        assert!(view.body_html.contains("deep"), "and the text kept");
        let section = &view.reflection.expect("reflection").sections[0];
        assert_eq!(
            section.html.matches("<ul>").count(),
            crate::markdown::MAX_NESTING
        );
        assert!(section.html.contains("item"));
    }
}
