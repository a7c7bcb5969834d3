//! A received bundle opened, reviewed and the review saved: from the committed fixtures in
//! tests/fixtures/bundles, through a real store for drafts.

use std::path::PathBuf;

use chrono::{TimeZone, Utc};

use super::*;
use crate::review::{open_received, Person, ReviewComment, RECEIVED_DIR};
use crate::store::Store;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/bundles")
        .join(format!("{name}.w2bbundle"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 21, 0, 0)
        .single()
        .expect("a time")
}

/// A data folder with its store: the received and reviews folders go inside it.
fn data() -> (tempfile::TempDir, Store, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("data"), now()).expect("opens");
    let received = dir.path().join(RECEIVED_DIR);
    let reviews = dir.path().join(REVIEWS_DIR);
    (dir, store, received, reviews)
}

fn input(reviewer: &str) -> ReviewInput {
    ReviewInput {
        reviewer: Person {
            name: reviewer.into(),
            role: "Educational supervisor".into(),
        },
        summary: "A strong year.".into(),
        comments: vec![],
        sign_off: None,
    }
}

#[test]
fn a_received_bundle_is_kept_by_its_hash_and_its_review_saves_and_imports() {
    let (_dir, store, received, reviews) = data();
    let session =
        open_received(&store, &received, &fixture("valid"), "sam.w2bbundle").expect("opens");
    assert_eq!(
        session.file_name, "sam.w2bbundle",
        "the name the appraiser chose"
    );
    assert!(
        received_path(&received, &session.token)
            .expect("a token")
            .is_file(),
        "the checked copy is kept under received/"
    );
    let mut review = input("Dr Jo Okafor");
    review.comments = vec![ReviewComment {
        entry_uid: session.document.entries[0].uid.clone(),
        entry_version: session.document.entries[0].version,
        comment: "Good reflection.".into(),
    }];
    let name = save_review(&received, &reviews, &session.token, review, now()).expect("saves");
    assert!(
        name.starts_with("review-") && name.ends_with(".w2breview"),
        "a review file's name: {name}"
    );
    let saved = parse_review(&std::fs::read(reviews.join(&name)).expect("written"))
        .expect("what is saved here, the learner's app reads");
    assert_eq!(
        saved.manifest_sha256, session.manifest_sha256,
        "the review is tied to the bundle as checked"
    );
}

#[test]
fn a_review_without_a_reviewer_is_refused_and_nothing_is_written() {
    let (_dir, store, received, reviews) = data();
    let session =
        open_received(&store, &received, &fixture("valid"), "sam.w2bbundle").expect("opens");
    let error = save_review(&received, &reviews, &session.token, input("  "), now())
        .expect_err("no reviewer");
    assert!(
        matches!(error, ReviewError::NoReviewer),
        "the reviewer is asked for: {error}"
    );
    assert!(!reviews.exists(), "no review file is written");
}

#[test]
fn a_failing_bundle_is_named_as_chosen_and_not_kept() {
    let (_dir, store, received, _) = data();
    let error = open_received(&store, &received, &fixture("wrong-hash"), "sam.w2bbundle")
        .expect_err("a changed bundle");
    let ReviewError::Bundle(refusal) = &error else {
        panic!("a bundle refusal, not {error}");
    };
    assert!(
        refusal.to_string().starts_with("sam.w2bbundle "),
        "the problems name the file as the appraiser chose it: {refusal}"
    );
    assert_eq!(
        std::fs::read_dir(&received).expect("the folder").count(),
        0,
        "a bundle that fails is not kept"
    );
}
