//! Signed review files and signed bundles through the real binary: `w2b review sign` and
//! `w2b review verify`, and `w2b bundle verify` / `info` naming a bundle's signer. Each forgery
//! (another key than claimed, a signature cut short, a manifest or review changed after
//! signing, a wrong passphrase) is refused with a clear message and changes nothing.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

mod common;

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use common::w2b;
use w2b_core::signing::{Purpose, SecretKey, SignatureFile};

const PASSPHRASE: &str = "kettle on the ward at noon";

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures")
}

/// A key made with `w2b key new`: (private key, passphrase file, fingerprint).
fn new_key(dir: &Path, file: &str, name: &str) -> (PathBuf, PathBuf, String) {
    let pass = dir.join(format!("{file}.pass"));
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).expect("write passphrase");
    let key = dir.join(file);
    let (code, stdout, stderr) = w2b(&[
        "key",
        "new",
        "--name",
        name,
        "-o",
        s(&key),
        "--passphrase-file",
        s(&pass),
    ]);
    assert_eq!(code, 0, "the key is made: {stderr}");
    let fingerprint = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Fingerprint "))
        .expect("a fingerprint line")
        .trim()
        .to_owned();
    (key, pass, fingerprint)
}

/// A copy of the readable review fixture in `dir`.
fn review_copy(dir: &Path) -> PathBuf {
    let review = dir.join("review-sam.w2breview");
    std::fs::copy(
        fixtures().join("reviews/script-in-comment.w2breview"),
        &review,
    )
    .expect("copies");
    review
}

#[test]
fn an_appraiser_signs_a_review_and_anyone_sees_who_signed_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (key, pass, fingerprint) = new_key(dir.path(), "jo.key", "Dr Jo Okafor");
    let review = review_copy(dir.path());
    let (code, stdout, _) = w2b(&["review", "verify", s(&review)]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("Not signed\n"), "{stdout}");

    let (code, stdout, stderr) = w2b(&[
        "review",
        "sign",
        s(&review),
        "--key",
        s(&key),
        "--passphrase-file",
        s(&pass),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!("as Dr Jo Okafor (fingerprint {fingerprint})")),
        "{stdout}"
    );
    let (code, stdout, stderr) = w2b(&["review", "verify", s(&review)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(&format!(
            "Signed by Dr Jo Okafor (fingerprint {fingerprint})\n"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("of bundle 0123456789abcdef0123456789abcdef"),
        "which bundle it reviews: {stdout}"
    );

    let before = std::fs::read(&review).expect("read");
    let (code, _, stderr) = w2b(&[
        "review",
        "sign",
        s(&review),
        "--key",
        s(&key),
        "--passphrase-file",
        s(&pass),
    ]);
    assert_eq!(code, 1, "signed once: {stderr}");
    assert!(stderr.contains("signed already"), "{stderr}");
    assert_eq!(std::fs::read(&review).expect("read"), before, "unchanged");

    // Edited after signing: the outcome no longer what the appraiser signed.
    let text = String::from_utf8(before).expect("UTF-8");
    let edited = dir.path().join("edited.w2breview");
    std::fs::write(&edited, text.replace("\"satisfactory\"", "\"not_yet\"")).expect("write");
    let (code, stdout, stderr) = w2b(&["review", "verify", s(&edited)]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stderr.contains("review has changed since it was signed"),
        "{stderr}"
    );
}

#[test]
fn a_wrong_passphrase_signs_no_review() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (key, _, _) = new_key(dir.path(), "jo.key", "Dr Jo Okafor");
    let review = review_copy(dir.path());
    let before = std::fs::read(&review).expect("read");
    let wrong = dir.path().join("wrong.pass");
    std::fs::write(&wrong, "not the passphrase at all\n").expect("write");
    let (code, stdout, stderr) = w2b(&[
        "review",
        "sign",
        s(&review),
        "--key",
        s(&key),
        "--passphrase-file",
        s(&wrong),
        "-o",
        s(&dir.path().join("signed.w2breview")),
    ]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stderr.contains("wrong passphrase") && stderr.contains("Nothing was signed"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&review).expect("read"), before, "unchanged");
    assert!(
        !dir.path().join("signed.w2breview").exists(),
        "nothing is written"
    );
}

/// Every entry of a zip, in order.
fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).expect("read");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("read");
            (entry.name().expect("a name").into_owned(), bytes)
        })
        .collect()
}

fn write_zip(path: &Path, entries: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        zip.write_all(bytes).expect("write");
    }
    std::fs::write(path, zip.finish().expect("finish").into_inner()).expect("write");
}

/// The valid bundle fixture with a signature file by `key` beside its manifest, changed by
/// `change` (the signature's JSON) before it is written.
fn signed_bundle(
    dir: &Path,
    name: &str,
    key: &SecretKey,
    change: impl Fn(&mut serde_json::Value),
) -> PathBuf {
    let mut all = entries(&fixtures().join("bundles/valid.w2bbundle"));
    let manifest = &all
        .iter()
        .find(|(n, _)| n == "manifest.json")
        .expect("a manifest")
        .1;
    let signature = SignatureFile::sign(key, Purpose::Bundle, "manifest.json", manifest);
    let mut json: serde_json::Value = serde_json::from_slice(&signature.to_json()).expect("JSON");
    change(&mut json);
    all.push((
        "bundle-signature.json".into(),
        serde_json::to_vec_pretty(&json).expect("JSON"),
    ));
    let path = dir.join(name);
    write_zip(&path, &all);
    path
}

#[test]
fn bundle_verify_and_info_name_the_learner_who_signed_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let learner = SecretKey::generate("Alex Example").expect("a key");
    let fingerprint = learner.public().fingerprint();
    let path = signed_bundle(dir.path(), "signed.w2bbundle", &learner, |_| {});
    let (code, stdout, stderr) = w2b(&["bundle", "verify", s(&path)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!(
            "Signed by Alex Example (fingerprint {fingerprint})"
        )),
        "{stdout}"
    );
    let (code, stdout, _) = w2b(&["bundle", "info", s(&path)]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Signed by Alex Example"), "{stdout}");
    let (_, stdout, _) = w2b(&["bundle", "info", "--json", s(&path)]);
    let info: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(info["signer"]["name"], "Alex Example", "{info}");
    assert_eq!(
        info["signer"]["fingerprint"],
        fingerprint.as_str(),
        "{info}"
    );
}

#[test]
fn forged_signed_bundles_are_refused_naming_the_signature() {
    let dir = tempfile::tempdir().expect("temp dir");
    let impostor = SecretKey::generate("Alex Example").expect("a key");
    let real = SecretKey::generate("Alex Example").expect("a key");
    let other_key = signed_bundle(dir.path(), "other-key.w2bbundle", &impostor, |s| {
        s["public_key"] = real.public().key_base64().into();
    });
    let truncated = signed_bundle(dir.path(), "truncated.w2bbundle", &real, |s| {
        let full = s["signature"].as_str().expect("text").to_owned();
        s["signature"] = full[..40].into();
    });
    // Signed, then the manifest changed (its own hashes still right: the learner's name).
    let changed = signed_bundle(dir.path(), "changed.w2bbundle", &real, |_| {});
    let mut all = entries(&changed);
    for (name, bytes) in &mut all {
        if name == "manifest.json" {
            let text = String::from_utf8(bytes.clone()).expect("UTF-8");
            *bytes = text.replace("Alex Example", "Alex Exampel").into_bytes();
        }
    }
    write_zip(&changed, &all);
    let before: Vec<_> = [&other_key, &truncated, &changed]
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect();
    for (path, needle) in [
        (
            &other_key,
            format!(
                "bundle-signature.json: the learner's signature is refused: its signature was not \
                 made by the key it names (Alex Example, fingerprint {})",
                real.public().fingerprint()
            ),
        ),
        (
            &truncated,
            "its signature is 30 bytes where an Ed25519 signature has 64".to_owned(),
        ),
        (
            &changed,
            "manifest.json has changed since it was signed".to_owned(),
        ),
    ] {
        for command in ["verify", "info"] {
            let (code, stdout, stderr) = w2b(&["bundle", command, s(path)]);
            assert_eq!(code, 1, "{command} {}: {stdout}", path.display());
            assert!(
                stderr.contains(&needle),
                "{command}: `{needle}` in:\n{stderr}"
            );
            assert!(stdout.is_empty(), "nothing on stdout: {stdout}");
        }
    }
    let after: Vec<_> = [&other_key, &truncated, &changed]
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect();
    assert_eq!(before, after, "verifying changes nothing");
}
