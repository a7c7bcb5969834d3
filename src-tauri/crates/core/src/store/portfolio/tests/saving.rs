//! Saving entries: the first save, later versions, conflicting saves and restoring a version.

use super::*;

#[test]
fn a_new_entry_is_version_1_with_everything_it_was_given() {
    let (_dir, store) = store();
    let upload = store
        .upload_attachment(" ward-7-audit.pdf ", PDF, at(20, 9))
        .expect("a PDF is accepted");
    assert_eq!(
        (upload.file_name.as_str(), upload.media_type.as_str()),
        ("ward-7-audit.pdf", "application/pdf"),
        "the upload is named without stray spaces and typed by its contents"
    );
    let view = store
        .save_entry(None, None, &full_draft(upload.id), at(20, 10))
        .expect("saves");

    assert_eq!(
        (view.version, view.latest_version),
        (1, 1),
        "a first save is version 1"
    );
    assert_eq!(
        view.title, "Changing the ward 7 handover",
        "the title is kept without surrounding spaces"
    );
    assert_eq!(
        view.kind_label, "Reflection",
        "the kind is named for people"
    );
    assert!(
        view.body_html.contains("<strong>bedside</strong>"),
        "the body is rendered: {}",
        view.body_html
    );
    assert_eq!(
        view.tags,
        ["Handover", "Safety", "rota"],
        "tags lose their # and repeats in any case, keeping the first spelling"
    );
    assert_eq!(
        view.cpd,
        CpdTime {
            clinical_minutes: 30,
            management_minutes: 90,
            participatory: true
        },
        "CPD time is kept as split"
    );
    assert_eq!(
        view.shadowing.as_ref().map(|s| s.partner_role.as_str()),
        Some("Deputy finance director"),
        "shadowing details are kept"
    );
    assert_eq!(
        view.feedback_source,
        Some(FeedbackSource::Colleague),
        "the feedback source is kept"
    );
    assert!(!view.from_study, "an entry the learner wrote is not study");
    assert_eq!(
        view.created_at, "2026-11-20T10:00:00.000Z",
        "created when saved"
    );

    let reflection = view.reflection.as_ref().expect("the reflection is shown");
    assert_eq!(
        reflection.template_title, "NMC written reflective account",
        "the form is named"
    );
    assert_eq!(
        reflection
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.text.as_str()))
            .collect::<Vec<_>>(),
        [
            ("nature", "A near miss at *handover*."),
            ("learning", "Structure beats memory."),
            ("change", ""),
            ("code", ""),
        ],
        "every section of the form is shown in its order, unanswered ones empty"
    );
    assert!(
        reflection.sections[0].html.contains("<em>handover</em>"),
        "each section is rendered"
    );
    assert_eq!(
        reflection.code_themes,
        ["Prioritise people", "Preserve safety"],
        "Code themes are named, in the Code's order"
    );

    let rated = &view.behaviours[0];
    assert_eq!(
        (
            rated.statement.as_str(),
            rated.domain_title.as_str(),
            rated.rating_label.as_str()
        ),
        (
            "I hold regular, protected one-to-ones with each person I manage and keep a short note of what we agreed.",
            "Leading and managing people",
            "Established",
        ),
        "a rating is shown with the framework's words for the behaviour and the level"
    );
    assert_eq!(
        rated.framework_title, "Clinician-Manager Practice Framework",
        "the framework is named"
    );

    assert_eq!(
        view.lessons
            .iter()
            .map(|l| (l.lesson_id.as_str(), l.title.as_deref()))
            .collect::<Vec<_>>(),
        [("lm-one-to-ones", Some("Supervision and one-to-ones"))],
        "a lesson linked twice is linked once, with its title from the installed pack"
    );

    assert_eq!(view.attachments.len(), 1, "the upload was attached");
    let file = &view.attachments[0];
    assert_eq!(
        (file.file_name.as_str(), file.size, file.sha256.len()),
        ("ward-7-audit.pdf", PDF.len() as u64, 64),
        "the attachment keeps its name, size and digest"
    );
    assert_eq!(
        store.attachment_data(file.id).expect("data").2,
        PDF,
        "the file's bytes come back unchanged"
    );
    assert_eq!(
        count(&store, "attachment_uploads"),
        0,
        "a saved upload no longer waits"
    );

    assert_eq!(
        view.draft.keep_attachments,
        [file.id],
        "the editor carries on keeping the saved file"
    );
    assert!(
        view.draft.new_uploads.is_empty(),
        "nothing is waiting to upload once saved"
    );
    assert_eq!(
        store.entry(view.id, None).expect("reads"),
        view,
        "reading the entry later shows exactly what the save returned"
    );
    let summary = store.entry_versions(view.id).expect("versions");
    assert_eq!(
        summary
            .iter()
            .map(|v| (v.version, v.change))
            .collect::<Vec<_>>(),
        [(1, VersionChange::Created)],
        "one version, created"
    );
}

/// Saves the full draft, then edits it: new title and tag, the attachment taken off.
fn entry_with_two_versions(store: &Store) -> (EntryView, EntryView) {
    let upload = store
        .upload_attachment("audit.pdf", PDF, at(20, 9))
        .expect("upload");
    let first = store
        .save_entry(None, None, &full_draft(upload.id), at(20, 10))
        .expect("v1");
    let mut edit = first.draft.clone();
    edit.title = "Bedside handover, three months on".into();
    edit.tags = vec!["review".into()];
    edit.keep_attachments = vec![];
    edit.behaviours = vec![rating("cmpf.people.one-to-ones", 4)];
    let second = store
        .save_entry(Some(first.id), Some(1), &edit, at(21, 10))
        .expect("v2");
    (first, second)
}

#[test]
fn editing_makes_a_new_version_and_the_old_one_stays_viewable() {
    let (_dir, store) = store();
    let (first, second) = entry_with_two_versions(&store);
    assert_eq!(
        (second.id, second.version, second.latest_version),
        (first.id, 2, 2),
        "an edit is version 2 of the same entry"
    );
    assert!(
        second.attachments.is_empty(),
        "the file not kept is off the entry"
    );
    assert_eq!(
        second.behaviours[0].rating_label, "Leading others",
        "the new rating is shown"
    );
    assert_eq!(
        second.created_at, first.created_at,
        "an edit keeps when the entry was first made"
    );

    let old = store.entry(first.id, Some(1)).expect("version 1");
    assert_eq!(
        (old.version, old.latest_version),
        (1, 2),
        "an old version says it is not the latest"
    );
    assert_same_content(
        &old,
        &first,
        "version 1 is exactly as it was saved, with the file taken off in version 2",
    );
    assert_eq!(
        old.updated_at, "2026-11-20T10:00:00.000Z",
        "an old version shows when it was saved"
    );

    let versions = store.entry_versions(first.id).expect("versions");
    assert_eq!(
        versions
            .iter()
            .map(|v| (v.version, v.change, v.title.as_str()))
            .collect::<Vec<_>>(),
        [
            (
                2,
                VersionChange::Edited,
                "Bedside handover, three months on"
            ),
            (1, VersionChange::Created, "Changing the ward 7 handover"),
        ],
        "the history lists every version, newest first, with its title"
    );
    assert!(
        matches!(store.entry(first.id, Some(3)), Err(StoreError::NotFound(_))),
        "a version that was never saved is not found"
    );
}

#[test]
fn a_save_from_an_out_of_date_version_is_refused_and_changes_nothing() {
    let (_dir, store) = store();
    let (first, second) = entry_with_two_versions(&store);
    let upload = store
        .upload_attachment("late.pdf", PDF, at(22, 9))
        .expect("upload");
    let mut stale = first.draft.clone();
    stale.title = "Edited in another window".into();
    stale.keep_attachments = vec![];
    stale.new_uploads = vec![upload.id];
    let err = store
        .save_entry(Some(first.id), Some(1), &stale, at(22, 10))
        .expect_err("version 2 was saved since version 1 was opened");
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("now version 2")),
        "a conflict that says which version is current: {err}"
    );
    assert_eq!(
        store.entry(first.id, None).expect("reads"),
        second,
        "the entry is as version 2 left it"
    );
    assert_eq!(count(&store, "entry_versions"), 2, "no version was added");
    assert_eq!(
        count(&store, "attachment_uploads"),
        1,
        "the upload still waits, so a retry can use it"
    );
}

#[test]
fn restoring_a_version_adds_it_again_as_the_newest_with_its_files() {
    let (_dir, store) = store();
    let (first, _second) = entry_with_two_versions(&store);
    let restored = store
        .restore_entry_version(first.id, 1, at(23, 10))
        .expect("restores");
    assert_eq!(
        (restored.version, restored.latest_version),
        (3, 3),
        "a restore is a new version; nothing is overwritten"
    );
    assert_same_content(
        &restored,
        &first,
        "version 3 holds exactly version 1's content, the file taken off in version 2 back",
    );
    assert_eq!(
        store.entry(first.id, Some(2)).expect("v2").title,
        "Bedside handover, three months on",
        "version 2 is still there to go back to"
    );
    let versions = store.entry_versions(first.id).expect("versions");
    assert_eq!(
        (versions[0].change, versions[0].restored_from),
        (VersionChange::Restored, Some(1)),
        "the history says where version 3 came from"
    );
    assert_eq!(
        titles(&store.find_entries(&query("changing")).expect("find")),
        ["Changing the ward 7 handover"],
        "search finds the restored words"
    );
    assert_eq!(
        store.find_entries(&query("months")).expect("find").total,
        0,
        "and no longer the words of version 2"
    );
    let listed = &store
        .find_entries(&EntryQuery::default())
        .expect("list")
        .entries[0];
    assert_eq!(
        (listed.attachments, listed.tags.len()),
        (1, 3),
        "the list counts the restored file and tags"
    );

    let err = store
        .restore_entry_version(first.id, 3, at(23, 11))
        .expect_err("the current version");
    assert!(
        matches!(err, StoreError::Invalid(_)),
        "restoring the current version is refused: {err}"
    );
    assert!(
        matches!(
            store.restore_entry_version(first.id, 9, at(23, 11)),
            Err(StoreError::NotFound(_))
        ),
        "a version that does not exist is not found"
    );
    assert_eq!(
        count(&store, "entry_versions"),
        3,
        "refused restores add no version"
    );
}

/// Two views of an entry hold the same content and the same files.
fn assert_same_content(view: &EntryView, expected: &EntryView, why: &str) {
    assert_eq!(view.draft, expected.draft, "{why}: the content");
    assert_eq!(view.attachments, expected.attachments, "{why}: the files");
}
