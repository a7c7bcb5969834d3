//! A small portfolio in a real store in a temporary folder, saved through the app's own API,
//! for the bundle tests: three entries with attachments of each kind and one in the bin.

use chrono::{DateTime, TimeZone, Utc};

use crate::bundle::BundleEntry;
use crate::portfolio::{
    BehaviourRating, EntryDraft, EntryKind, EntryLesson, Reflection, ReflectionSection,
    ReflectionTemplate,
};
use crate::store::{Store, BUILTIN_PACK_ID};

pub(crate) const PDF: &[u8] = b"%PDF-1.7\n% minutes of the budget meeting\n";
pub(crate) const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR a photo of the rota board";
pub(crate) const TEXT: &[u8] = b"Action log\n- agree the agency cap\n- review in March\n";

pub(crate) fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 9, 30, 0)
        .single()
        .expect("valid time")
}

pub(crate) fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("data"), at(1)).expect("opens");
    store.sync_builtin_pack(at(1)).expect("built-in pack");
    (dir, store)
}

pub(crate) fn draft(kind: EntryKind, title: &str, date: &str) -> EntryDraft {
    EntryDraft {
        body: format!("What happened on {date}."),
        ..EntryDraft::new(kind, title, date)
    }
}

pub(crate) fn save(store: &Store, d: &EntryDraft, files: &[(&str, &[u8])]) -> i64 {
    let mut d = d.clone();
    d.new_uploads = files
        .iter()
        .map(|(name, bytes)| {
            store
                .upload_attachment(name, bytes, at(2))
                .expect("uploads")
                .id
        })
        .collect();
    store.save_entry(None, None, &d, at(2)).expect("saves").id
}

/// The first behaviour of the app's own framework, which every test can rate.
pub(crate) fn behaviour() -> String {
    crate::frameworks::builtin()
        .iter()
        .find(|f| f.id == "cmpf")
        .and_then(|f| f.items().first().map(|i| i.id.to_owned()))
        .expect("cmpf has behaviours")
}

/// Three entries (one with a reflection, rating, lesson and two files; one with a picture;
/// one plain) and a fourth, with a file, in the bin. Returns the ids in date order.
pub(crate) fn portfolio(store: &Store) -> (i64, i64, i64, i64) {
    let lesson = store
        .editor_options()
        .expect("options")
        .lessons
        .into_iter()
        .next()
        .expect("the built-in pack has lessons");
    let mut rich = draft(EntryKind::Reflection, "Agency spend review", "2026-03-10");
    rich.reflection = Some(Reflection {
        template: ReflectionTemplate::Gibbs,
        sections: vec![ReflectionSection {
            id: "description".into(),
            text: "The budget was **over** by 4%.".into(),
        }],
        code_themes: vec![],
    });
    rich.tags = vec!["finance".into()];
    rich.behaviours = vec![BehaviourRating {
        framework_id: "cmpf".into(),
        behaviour_id: behaviour(),
        rating: 2,
        justification: "I led the review".into(),
    }];
    rich.lessons = vec![EntryLesson {
        pack_id: BUILTIN_PACK_ID.into(),
        lesson_id: lesson.lesson_id,
    }];
    let a = save(
        store,
        &rich,
        &[("Budget minutes (March).pdf", PDF), ("actions.txt", TEXT)],
    );
    let b = save(
        store,
        &draft(EntryKind::Cpd, "Rota workshop", "2026-05-01"),
        &[("rota board.png", PNG)],
    );
    let c = save(
        store,
        &draft(EntryKind::Feedback, "Thanks from a family", "2026-07-15"),
        &[],
    );
    let binned = save(
        store,
        &draft(EntryKind::Reflection, "Private draft", "2026-06-01"),
        &[("private.txt", b"not for sharing")],
    );
    store.delete_entry(binned, at(3)).expect("moves to the bin");
    (a, b, c, binned)
}

/// A shared reflection with only what every bundle entry has (no text, time, ratings, lessons
/// or files), for tests of what is worked out from a document rather than read from a store.
pub(crate) fn bundle_entry(uid: &str, title: &str, date: &str) -> BundleEntry {
    BundleEntry {
        uid: uid.into(),
        version: 1,
        kind: "reflection".into(),
        kind_label: "Reflection".into(),
        title: title.into(),
        date: date.into(),
        body: String::new(),
        reflection: None,
        tags: Vec::new(),
        clinical_minutes: 0,
        management_minutes: 0,
        participatory: false,
        feedback_source: None,
        shadowing: None,
        behaviours: Vec::new(),
        lessons: Vec::new(),
        attachments: Vec::new(),
        from_study: false,
    }
}
