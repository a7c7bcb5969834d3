//! Signed bundles: the learner's signature over `manifest.json` names them on the way in; a
//! bundle signed by another key than it claims, with its signature cut short, or with its
//! manifest changed after signing is refused before any other file is read, and the signature
//! is the one file a bundle may hold that its manifest does not list.

use std::io::Cursor;

use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

use super::*;
use crate::bundle::sample::{at, draft, save, store};
use crate::bundle::{write_bundle_signed, BundleSelection, SIGNATURE_PATH};
use crate::portfolio::EntryKind;
use crate::signing::SecretKey;

/// A bundle written by the app into a temp folder, signed by `key` when there is one.
fn written(key: Option<&SecretKey>) -> (tempfile::TempDir, PathBuf) {
    let (dir, store) = store();
    save(
        &store,
        &draft(EntryKind::Reflection, "Agency spend review", "2026-03-10"),
        &[],
    );
    let target = dir.path().join("sam.w2bbundle");
    let selection = BundleSelection {
        learner: "Sam Patel".into(),
        ..Default::default()
    };
    write_bundle_signed(&store, &selection, &target, at(4), key).expect("writes");
    (dir, target)
}

/// Every entry of a bundle, in archive order, to alter and write back as a hostile copy.
fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).expect("read");
    let mut zip = ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("read");
            (entry.name().expect("a name").into_owned(), bytes)
        })
        .collect()
}

fn rezip(path: &Path, entries: &[(String, Vec<u8>)]) {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), SimpleFileOptions::default())
            .expect("start");
        zip.write_all(bytes).expect("write");
    }
    std::fs::write(path, zip.finish().expect("finish").into_inner()).expect("write");
}

/// The bundle with its signature file's JSON changed by `change`.
fn with_signature(path: &Path, change: impl Fn(&mut serde_json::Value)) {
    let mut all = entries(path);
    let (_, bytes) = all
        .iter_mut()
        .find(|(name, _)| name == SIGNATURE_PATH)
        .expect("a signed bundle");
    let mut json: serde_json::Value = serde_json::from_slice(bytes).expect("JSON");
    change(&mut json);
    *bytes = serde_json::to_vec_pretty(&json).expect("JSON");
    rezip(path, &all);
}

/// The one problem of a refused bundle, as its line reads.
fn refusal(path: &Path) -> (BundleError, String) {
    let error = verify_bundle(path).expect_err("the bundle must be refused");
    let problems: Vec<String> = error.problems().iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 1, "one problem: {problems:?}");
    let line = problems[0].clone();
    (error, line)
}

#[test]
fn a_signed_bundle_names_its_signer_and_an_unsigned_one_has_no_signature_file() {
    let learner = SecretKey::generate("Sam Patel").expect("a key");
    let (_dir, signed) = written(Some(&learner));
    let verified = verify_bundle(&signed).expect("a signed bundle verifies");
    assert_eq!(
        verified.signer.map(|s| s.key),
        Some(learner.public()),
        "the signer is the learner's key"
    );
    let names: Vec<String> = entries(&signed).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names.last().map(String::as_str),
        Some(SIGNATURE_PATH),
        "the signature goes in after the manifest it signs: {names:?}"
    );
    assert!(
        !verified
            .manifest
            .files
            .iter()
            .any(|f| f.path == SIGNATURE_PATH),
        "the manifest never lists the signature of itself"
    );

    let (_dir, unsigned) = written(None);
    assert_eq!(
        verify_bundle(&unsigned).expect("verifies").signer,
        None,
        "an unsigned bundle has no signer"
    );
    let names: Vec<String> = entries(&unsigned).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["portfolio.json", "portfolio.html", "manifest.json"],
        "an unsigned bundle holds exactly what it held before signing existed"
    );
}

#[test]
fn a_bundle_signed_by_another_key_than_it_claims_is_refused() {
    let impostor = SecretKey::generate("Sam Patel").expect("a key");
    let real = SecretKey::generate("Sam Patel").expect("a key");
    let (_dir, path) = written(Some(&impostor));
    with_signature(&path, |s| {
        s["public_key"] = real.public().key_base64().into();
    });
    let (error, line) = refusal(&path);
    assert!(matches!(error, BundleError::Tampered { .. }), "{error}");
    assert!(
        line.starts_with(&format!(
            "{SIGNATURE_PATH}: the learner's signature is refused: its signature was not made by \
             the key it names (Sam Patel, fingerprint {})",
            real.public().fingerprint()
        )),
        "{line}"
    );
    assert!(
        error
            .to_string()
            .contains("ask the learner to export it again"),
        "it says what to do: {error}"
    );
}

#[test]
fn a_truncated_signature_is_refused() {
    let (_dir, path) = written(Some(&SecretKey::generate("Sam").expect("a key")));
    with_signature(&path, |s| {
        let full = s["signature"].as_str().expect("text").to_owned();
        s["signature"] = full[..40].into();
    });
    let (_, line) = refusal(&path);
    assert!(
        line.contains("its signature is 30 bytes where an Ed25519 signature has 64"),
        "{line}"
    );
}

#[test]
fn a_manifest_changed_after_signing_is_refused_before_any_file_is_read() {
    let (_dir, path) = written(Some(&SecretKey::generate("Sam").expect("a key")));
    let mut all = entries(&path);
    let (_, manifest) = all
        .iter_mut()
        .find(|(name, _)| name == MANIFEST_PATH)
        .expect("a manifest");
    let text = String::from_utf8(manifest.clone()).expect("UTF-8");
    *manifest = text.replace("\"Sam Patel\"", "\"Sam Patell\"").into_bytes();
    assert_ne!(
        *manifest,
        text.into_bytes(),
        "the learner's name was changed"
    );
    rezip(&path, &all);
    let (_, line) = refusal(&path);
    assert!(
        line.contains("manifest.json has changed since it was signed"),
        "{line}"
    );
}

#[test]
fn the_signature_is_the_only_unlisted_file_a_bundle_may_hold() {
    let (_dir, path) = written(Some(&SecretKey::generate("Sam").expect("a key")));
    let mut all = entries(&path);
    all.push(("notes.txt".into(), b"added later".to_vec()));
    rezip(&path, &all);
    let (error, line) = refusal(&path);
    assert!(matches!(error, BundleError::Tampered { .. }), "{error}");
    assert!(
        line.starts_with("notes.txt: is in the bundle but not in its manifest"),
        "another unlisted file is still refused beside a good signature: {line}"
    );

    let (_dir, path) = written(None);
    let mut all = entries(&path);
    all.push((SIGNATURE_PATH.into(), vec![b' '; 5000]));
    rezip(&path, &all);
    let (error, line) = refusal(&path);
    assert!(matches!(error, BundleError::Unsafe { .. }), "{error}");
    assert!(
        line.contains("is 5000 bytes; a signature file is at most 4096"),
        "an oversized signature file is not read: {line}"
    );
}

#[test]
fn a_signature_for_a_pack_or_a_review_never_passes_for_a_bundles() {
    let (_dir, path) = written(Some(&SecretKey::generate("Sam").expect("a key")));
    with_signature(&path, |s| s["purpose"] = "review".into());
    let (_, line) = refusal(&path);
    assert!(line.contains("is for a review, not a bundle"), "{line}");
}
