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
    (
        "signed-other-key.w2breview",
        "its signature was not made by the key it names (Dr Jo Okafor, fingerprint",
    ),
    (
        "signed-truncated.w2breview",
        "its signature is 30 bytes where an Ed25519 signature has 64",
    ),
    (
        "signed-then-changed.w2breview",
        "review has changed since it was signed",
    ),
    (
        "signed-other-bundle.w2breview",
        "not exported from this portfolio (bundle ffffffffffffffffffffffffffffffff). It is signed by Dr Jo Okafor",
    ),
];
const ACCEPTED: &str = "script-in-comment.w2breview";
/// Signed by "Dr Jo Okafor", a key the test store has not added; no comments, so no entry uid
/// (filling one in would change what was signed).
const SIGNED: &str = "signed.w2breview";

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
        .chain([ACCEPTED.to_string(), SIGNED.to_string()])
        .collect();
    known.sort();
    assert_eq!(names, known, "each fixture has a row in the table");
}

#[test]
fn a_signed_review_fixture_imports_naming_a_key_not_added() {
    let (_dir, store, _id, uid) = exported();
    let review = store
        .import_review(&bytes(SIGNED, &uid), now())
        .unwrap_or_else(|e| panic!("{SIGNED} must import: {e}"));
    assert!(
        matches!(
            &review.signature,
            w2b_core::signing::SignatureStatus::Unknown { claimed_name, .. }
                if claimed_name == "Dr Jo Okafor"
        ),
        "signed, by a key this learner has not added: {:?}",
        review.signature
    );
}

/// Writes the signed fixtures again, under a new random key each time (run with `--ignored`
/// after a change to the signed review format): `signed` is valid; each other one is `signed`
/// with one thing wrong, named in its file name and in `REFUSED`.
#[test]
#[ignore = "writes the committed fixtures; run by hand"]
fn write_signed_review_fixtures() {
    use w2b_core::review::sign_review;
    use w2b_core::signing::SecretKey;

    let review = |bundle: &str| -> Vec<u8> {
        let value = serde_json::json!({
            "format": "ward-to-board-review",
            "formatVersion": 1,
            "appVersion": "0.3.0",
            "bundleId": bundle,
            "manifestSha256": "b".repeat(64),
            "learner": "Sam Patel",
            "createdAt": "2026-11-24T09:00:00.000Z",
            "reviewer": { "name": "Dr Jo Okafor", "role": "Educational supervisor" },
            "summary": "Clear evidence of budget ownership.",
            "comments": [],
            "signOff": { "outcome": "satisfactory", "name": "Dr Jo Okafor",
                         "role": "Educational supervisor", "date": "2026-11-24" }
        });
        serde_json::to_vec_pretty(&value).expect("JSON")
    };
    let jo = SecretKey::generate("Dr Jo Okafor").expect("a key");
    let impostor = SecretKey::generate("Dr Jo Okafor").expect("a key");
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(fixtures().join(name), bytes).expect("write fixture");
    };
    let signed =
        String::from_utf8(sign_review(&review(BUNDLE), &jo).expect("signs")).expect("UTF-8");
    write(SIGNED, signed.as_bytes());
    // The signature file is the last field; its lines are changed as text so that the review's
    // own bytes stay exactly as signed.
    let forged = String::from_utf8(sign_review(&review(BUNDLE), &impostor).expect("signs"))
        .expect("UTF-8")
        .replace(&impostor.public().key_base64(), &jo.public().key_base64());
    write("signed-other-key.w2breview", forged.as_bytes());
    let signature = signed
        .lines()
        .find_map(|l| l.trim().strip_prefix("\"signature\": \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("the signature line");
    write(
        "signed-truncated.w2breview",
        signed.replace(signature, &signature[..40]).as_bytes(),
    );
    write(
        "signed-then-changed.w2breview",
        signed
            .replace("\"outcome\": \"satisfactory\"", "\"outcome\": \"not_yet\"")
            .as_bytes(),
    );
    write(
        "signed-other-bundle.w2breview",
        &sign_review(&review(&"f".repeat(32)), &jo).expect("signs"),
    );
}
