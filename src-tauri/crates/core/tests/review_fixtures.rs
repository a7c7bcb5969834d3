//! Every review fixture under tests/fixtures/reviews through `Store::import_review`: hostile and
//! broken files are refused with a reason that says what is wrong, and leave nothing behind; the
//! script-laden one imports with its text stored exactly as written (the UI shows it as text).

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use w2b_core::portfolio::{EntryDraft, EntryKind};
use w2b_core::review::MAX_REVIEW_BYTES;
use w2b_core::store::{SharedEntry, Store};

const BUNDLE: &str = "0123456789abcdef0123456789abcdef";
const PLACEHOLDER: &str = "ENTRY_UID";
const SCRIPT: &str = "<script>alert(1)</script> <img src=x onerror=alert(1)>";

/// Each refused fixture and a phrase its error must contain.
const REFUSED: &[(&str, &str)] = &[
    ("not-json.w2breview", "not valid JSON"),
    ("wrong-format.w2breview", "not a Ward to Board review file"),
    ("newer-version.w2breview", "newer version of Ward to Board"),
    (
        "traversal-bundle-id.w2breview",
        "does not name a bundle properly",
    ),
    ("unknown-field.w2breview", "not laid out as expected"),
    ("other-bundle.w2breview", "not exported from this portfolio"),
    ("changed-bundle.w2breview", "changed copy of your bundle"),
    ("stray-entry.w2breview", "did not hold"),
    ("bad-sign-off-date.w2breview", "no real date"),
    ("huge.w2breview", "far larger than any review"),
];
const ACCEPTED: &str = "script-in-comment.w2breview";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/reviews")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 21, 0, 0)
        .single()
        .expect("a real time")
}

fn draft() -> EntryDraft {
    EntryDraft {
        body: "Went through the rota with the finance partner.".into(),
        ..EntryDraft::new(EntryKind::Reflection, "Rota review", "2026-11-20")
    }
}

/// A fresh store with one entry exported in the fixed bundle; returns the entry's id and uid.
fn exported() -> (tempfile::TempDir, Store, i64, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), now()).expect("store opens");
    let entry = store
        .save_entry(None, None, &draft(), now())
        .expect("entry saved");
    store
        .record_export(
            BUNDLE,
            &"b".repeat(64),
            "portfolio.w2bbundle",
            &[SharedEntry {
                uid: entry.uid.clone(),
                version: 1,
            }],
            now(),
        )
        .expect("export recorded");
    (dir, store, entry.id, entry.uid)
}

/// The fixture's bytes with the entry uid placeholder filled in. `huge.w2breview` is built here
/// rather than committed: a valid review padded with whitespace past the size limit.
fn bytes(name: &str, uid: &str) -> Vec<u8> {
    if name == "huge.w2breview" {
        let mut bytes = std::fs::read(fixtures().join(ACCEPTED)).expect("fixture");
        bytes.resize(MAX_REVIEW_BYTES + 1024, b' ');
        return bytes;
    }
    let text = std::fs::read_to_string(fixtures().join(name)).expect("fixture");
    text.replace(PLACEHOLDER, uid).into_bytes()
}

/// Counts through a second connection to the database file, not the store's own.
fn stored(store: &Store) -> (usize, i64) {
    let reviews = store.reviews().expect("reviews").len();
    let conn = rusqlite::Connection::open(store.path()).expect("second connection");
    let comments: i64 = conn
        .query_row("SELECT count(*) FROM review_comments", [], |r| r.get(0))
        .expect("count");
    (reviews, comments)
}

#[test]
fn every_hostile_review_is_refused_with_its_reason_and_stores_nothing() {
    for (name, expected) in REFUSED {
        let (_dir, store, _id, uid) = exported();
        let error = store
            .import_review(&bytes(name, &uid), now())
            .err()
            .unwrap_or_else(|| panic!("{name} must be refused"))
            .to_string();
        assert!(
            error.contains(expected),
            "{name}: expected {expected:?} in {error:?}"
        );
        assert_eq!(
            stored(&store),
            (0, 0),
            "{name}: a refused review stores nothing"
        );
    }
}

#[test]
fn markup_in_a_review_is_kept_as_the_text_written() {
    let (_dir, store, id, uid) = exported();
    let review = store
        .import_review(&bytes(ACCEPTED, &uid), now())
        .unwrap_or_else(|e| panic!("{ACCEPTED} must import: {e}"));
    assert_eq!(
        review.summary,
        format!("Summary {SCRIPT}"),
        "summary as given"
    );
    let comments = store.entry_comments(id).expect("comments");
    assert_eq!(comments.len(), 1, "the comment is on the entry");
    assert_eq!(
        comments[0].comment,
        format!("Comment {SCRIPT}"),
        "comment as given"
    );
    assert_eq!(stored(&store), (1, 1), "stored once");
}

#[test]
fn every_fixture_file_is_covered() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".w2breview"))
        .collect();
    names.sort();
    let mut known: Vec<String> = REFUSED
        .iter()
        .map(|(n, _)| (*n).to_string())
        .filter(|n| n != "huge.w2breview")
        .chain([ACCEPTED.to_string()])
        .collect();
    known.sort();
    assert_eq!(names, known, "each fixture has a row in the table");
}
