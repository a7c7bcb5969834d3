use chrono::{TimeZone, Utc};

use super::*;
use crate::portfolio::{EntryDraft, EntryKind};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 21, 0, 0)
        .single()
        .unwrap_or_default()
}

fn draft(title: &str) -> EntryDraft {
    EntryDraft {
        body: "Went through the rota with the finance partner.".into(),
        ..EntryDraft::new(EntryKind::Reflection, title, "2026-11-20")
    }
}

const BUNDLE: &str = "0123456789abcdef0123456789abcdef";

fn manifest_hash() -> String {
    "b".repeat(64)
}

/// A store with one entry exported in a bundle; returns the entry's id and uid.
fn exported() -> (tempfile::TempDir, Store, i64, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::open(dir.path(), now()).unwrap_or_else(|e| panic!("{e}"));
    let entry = store
        .save_entry(None, None, &draft("Rota review"), now())
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .record_export(
            BUNDLE,
            &manifest_hash(),
            "portfolio.w2bbundle",
            &[SharedEntry {
                uid: entry.uid.clone(),
                version: 1,
            }],
            now(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    (dir, store, entry.id, entry.uid)
}

fn review(uid: &str, bundle: &str, hash: &str) -> Vec<u8> {
    serde_json::json!({
        "format": "ward-to-board-review",
        "formatVersion": 1,
        "appVersion": "0.3.0",
        "bundleId": bundle,
        "manifestSha256": hash,
        "learner": "Sam Patel",
        "createdAt": "2026-11-24T09:00:00.000Z",
        "reviewer": { "name": "Dr Jo Okafor", "role": "Educational supervisor" },
        "summary": "Clear evidence of budget ownership.",
        "comments": [{ "entryUid": uid, "entryVersion": 1, "comment": "Good: now show the forecast." }],
        "signOff": { "outcome": "satisfactory", "name": "Dr Jo Okafor", "role": "Educational supervisor", "date": "2026-11-24" }
    })
    .to_string()
    .into_bytes()
}

/// A review of the exported bundle with one comment more than a review may hold.
fn over_the_comment_limit(uid: &str) -> Vec<u8> {
    let mut value: serde_json::Value =
        serde_json::from_slice(&review(uid, BUNDLE, &manifest_hash()))
            .unwrap_or_else(|e| panic!("{e}"));
    let comment = value["comments"][0].clone();
    value["comments"] = vec![comment; crate::review::MAX_REVIEW_COMMENTS + 1].into();
    value.to_string().into_bytes()
}

fn counts(store: &Store) -> (usize, i64) {
    let reviews = store.reviews().unwrap_or_else(|e| panic!("{e}")).len();
    let comments: i64 = store
        .reader()
        .query_row("SELECT count(*) FROM review_comments", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    (reviews, comments)
}

#[test]
fn a_review_of_an_exported_bundle_puts_its_comment_on_the_entry() {
    let (_dir, store, id, uid) = exported();
    let imported = store
        .import_review(&review(&uid, BUNDLE, &manifest_hash()), now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.comments, 1, "the comment is imported");
    assert_eq!(
        imported.sign_off.as_ref().map(|s| s.outcome),
        Some(SignOffOutcome::Satisfactory),
        "the sign-off is shown"
    );
    // The learner edits after sign-off: the comment stays tied to the version reviewed.
    let mut edited = draft("Rota review, with the forecast");
    edited.body.push_str(" Added the forecast outturn.");
    store
        .save_entry(Some(id), Some(1), &edited, now())
        .unwrap_or_else(|e| panic!("{e}"));
    let comments = store.entry_comments(id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(comments.len(), 1, "the entry shows the appraiser's comment");
    assert_eq!(
        comments[0].entry_version, 1,
        "about the version that was signed off"
    );
    assert_eq!(
        store
            .entry(id, Some(1))
            .map(|e| e.title)
            .unwrap_or_default(),
        "Rota review",
        "the signed-off version stays viewable after the edit"
    );
}

#[test]
fn reviews_of_other_or_changed_bundles_are_refused_and_nothing_is_stored() {
    let (_dir, store, _id, uid) = exported();
    let other_bundle = "f".repeat(32);
    for (bytes, expected) in [
        (
            review(&uid, &other_bundle, &manifest_hash()),
            "not exported from this portfolio",
        ),
        (review(&uid, BUNDLE, &"c".repeat(64)), "changed copy"),
        (
            review("someone-else", BUNDLE, &manifest_hash()),
            "did not hold",
        ),
        (b"<html>not a review</html>".to_vec(), "not valid JSON"),
        (
            over_the_comment_limit(&uid),
            "a review may have at most 5000",
        ),
    ] {
        let error = store
            .import_review(&bytes, now())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains(expected),
            "expected {expected:?} in {error:?}"
        );
        assert_eq!(counts(&store), (0, 0), "a refused review stores nothing");
    }
    store
        .import_review(&review(&uid, BUNDLE, &manifest_hash()), now())
        .unwrap_or_else(|e| panic!("{e}"));
    let again = store.import_review(&review(&uid, BUNDLE, &manifest_hash()), now());
    assert!(
        again
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
            .contains("already been imported"),
        "the same review file is imported once"
    );
    assert_eq!(counts(&store), (1, 1), "and only once");
}

#[test]
fn an_appraisers_review_in_progress_is_kept_per_bundle() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::open(dir.path(), now()).unwrap_or_else(|e| panic!("{e}"));
    store
        .keep_review_draft(BUNDLE, &manifest_hash(), r#"{"summary":"half"}"#, now())
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .keep_review_draft(BUNDLE, &manifest_hash(), r#"{"summary":"more"}"#, now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        store
            .review_draft(BUNDLE, &manifest_hash())
            .unwrap_or_else(|e| panic!("{e}")),
        Some(r#"{"summary":"more"}"#.into()),
        "the latest work is kept"
    );
    assert_eq!(
        store
            .review_draft(BUNDLE, &"d".repeat(64))
            .unwrap_or_else(|e| panic!("{e}")),
        None,
        "a changed bundle does not pick up the review of the original"
    );
    let entries: i64 = store
        .reader()
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        entries, 0,
        "reviewing never adds to the appraiser's own portfolio"
    );
}

#[test]
fn a_preview_shows_what_the_import_would_keep_and_keeps_nothing() {
    let (_dir, store, _id, uid) = exported();
    let bytes = review(&uid, BUNDLE, &manifest_hash());
    let preview = store
        .preview_review(&bytes, now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(preview.reviewer_name, "Dr Jo Okafor");
    assert_eq!(preview.comments, 1);
    assert_eq!(
        preview.sign_off.as_ref().map(|s| s.outcome),
        Some(SignOffOutcome::Satisfactory)
    );
    assert_eq!(counts(&store), (0, 0), "the preview kept nothing");

    // The import that follows gives the same view, and a second preview then says it is in.
    let imported = store
        .import_review(&bytes, now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (imported.reviewer_name, imported.summary, imported.comments),
        (preview.reviewer_name, preview.summary, preview.comments)
    );
    let again = store.preview_review(&bytes, now());
    assert!(
        matches!(&again, Err(StoreError::Conflict(m)) if m.contains("already been imported")),
        "{again:?}"
    );

    // A review of someone else's bundle is refused at preview, as at import.
    let foreign = store.preview_review(&review(&uid, &"f".repeat(32), &manifest_hash()), now());
    assert!(
        matches!(foreign, Err(StoreError::Conflict(_))),
        "{foreign:?}"
    );
    assert_eq!(counts(&store), (1, 1));
}

#[test]
fn a_signed_review_keeps_its_signer_and_shows_trust_as_the_keys_list_changes() {
    let (_dir, store, _id, uid) = exported();
    let appraiser = crate::signing::SecretKey::generate("Dr Jo Okafor").expect("a key");
    let fingerprint = appraiser.public().fingerprint();
    let signed = crate::review::sign_review(&review(&uid, BUNDLE, &manifest_hash()), &appraiser)
        .expect("signs");
    let preview = store.preview_review(&signed, now()).expect("previews");
    assert_eq!(
        preview.signature,
        SignatureStatus::Unknown {
            claimed_name: "Dr Jo Okafor".into(),
            fingerprint: fingerprint.clone()
        },
        "a key the learner has not added is named as only what the file claims"
    );
    store.import_review(&signed, now()).expect("imports");
    store
        .add_trusted_publisher(&appraiser.public().to_text(), now())
        .expect("adds the appraiser's key");
    assert_eq!(
        store.reviews().expect("reviews")[0].signature,
        SignatureStatus::Trusted {
            name: "Dr Jo Okafor".into(),
            fingerprint
        },
        "the signer is kept, so the review shows as trusted once the key is added"
    );
    let unsigned = review(&uid, BUNDLE, &manifest_hash())
        .into_iter()
        .chain(*b" ")
        .collect::<Vec<u8>>();
    assert_eq!(
        store
            .import_review(&unsigned, now())
            .expect("imports")
            .signature,
        SignatureStatus::NotSigned,
        "an unsigned review says so"
    );
}

#[test]
fn a_signed_review_replayed_onto_another_bundle_is_refused_saying_so() {
    let (_dir, store, _id, uid) = exported();
    let appraiser = crate::signing::SecretKey::generate("Dr Jo Okafor").expect("a key");
    let fingerprint = appraiser.public().fingerprint();
    for (bundle, hash, expected) in [
        (
            "f".repeat(32),
            manifest_hash(),
            "not exported from this portfolio",
        ),
        (BUNDLE.to_owned(), "c".repeat(64), "changed copy"),
    ] {
        let signed =
            crate::review::sign_review(&review(&uid, &bundle, &hash), &appraiser).expect("signs");
        let error = store
            .import_review(&signed, now())
            .expect_err("refused")
            .to_string();
        assert!(error.contains(expected), "{error}");
        assert!(
            error.contains(&format!(
                "It is signed by Dr Jo Okafor (fingerprint {fingerprint}), and the signature \
                 holds, but what it signs is a review of that bundle, not of yours"
            )),
            "a genuine signature does not carry a review over to another bundle: {error}"
        );
        assert_eq!(counts(&store), (0, 0), "nothing is stored");
    }
}
