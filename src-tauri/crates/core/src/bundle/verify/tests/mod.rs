//! The verifier against the committed fixtures in tests/fixtures/bundles (one attack each);
//! the pure entry rules, the capped stream, reading one file and a bundle written by
//! `write_bundle` are in `rules`.

use std::io::{Read, Write};
use std::path::PathBuf;

use sha2::{Digest as _, Sha256};
use zip::CompressionMethod;

use super::entries::{check_name, judge, Record};
use super::stream::{hash_capped, StreamError};
use super::*;

mod learning;
mod limits;
mod meaning;
mod rules;
mod signed;
use crate::bundle::{MAX_BUNDLE_FILE_BYTES, MAX_BUNDLE_TOTAL_BYTES};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/bundles")
}

fn fixture(name: &str) -> PathBuf {
    fixtures().join(format!("{name}.w2bbundle"))
}

fn sha(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The variant, as a word the tables below can name.
fn kind(error: &BundleError) -> &'static str {
    match error {
        BundleError::NotABundle { .. } => "not a bundle",
        BundleError::Unsafe { .. } => "unsafe",
        BundleError::TooNew { .. } => "too new",
        BundleError::Tampered { .. } => "tampered",
        BundleError::Malformed { .. } => "malformed",
        BundleError::Io { .. } => "io",
    }
}

/// Each hostile fixture: the refusal it must get, and what the message must say (the file at
/// fault first).
const HOSTILE: &[(&str, &str, &[&str])] = &[
    ("traversal", "unsafe", &["../evil.txt: has a path that leaves its folder"]),
    ("absolute-path", "unsafe", &["/etc/passwd: has an absolute path"]),
    (
        "nested-traversal",
        "unsafe",
        &["attachments/../../x: has a path that leaves its folder"],
    ),
    (
        "backslash",
        "unsafe",
        &["attachments\\..\\evil.txt: has a backslash in its name"],
    ),
    ("drive-letter", "unsafe", &["C:/evil.txt: has a `:` in its name"]),
    (
        "nul-in-name",
        "unsafe",
        &["attachments/3-a\\0b.txt: has a name holding control characters"],
    ),
    ("symlink", "unsafe", &["attachments/3-link.png: is a symbolic link"]),
    (
        "bomb",
        "unsafe",
        &["attachments/3-zeros.bin: is compressed", "refused as a compression bomb"],
    ),
    (
        "lying-size",
        "unsafe",
        &["attachments/3-notes.txt: unpacks to more than the 4096 bytes its header declares"],
    ),
    (
        "huge-attachment",
        "unsafe",
        &["attachments/3-scan.pdf: claims to unpack to 4096 MiB; a file in a bundle may be at most 512 MiB"],
    ),
    (
        "local-header-name",
        "unsafe",
        &["the archive's headers disagree", "filename mismatch"],
    ),
    (
        "duplicate-names",
        "unsafe",
        &["names the same file twice, so what it holds is ambiguous"],
    ),
    (
        "phishing-page",
        "unsafe",
        &["portfolio.html: is not the page Ward to Board makes from portfolio.json"],
    ),
    (
        "html-attachment",
        "unsafe",
        &["attachments/3-page.html: is not a file a portfolio may hold", "is not a kind of file"],
    ),
    (
        "bidi-name",
        "unsafe",
        &["attachments/3-evil\\u{202e}fdp.exe: has a name holding the invisible direction mark U+202E"],
    ),
    (
        "case-duplicate",
        "unsafe",
        &["attachments/1-WARD-ROTA.png: has the same name as `attachments/1-ward-rota.png` once case"],
    ),
    (
        "huge-claim",
        "tampered",
        &["attachments/1-ward-rota.png: is 589 bytes, but the manifest says 30000000 bytes"],
    ),
    (
        "wrong-hash",
        "tampered",
        &[
            "portfolio.html: has changed since it was exported",
            "attachments/1-ward-rota.png: has changed since it was exported",
        ],
    ),
    (
        "missing-file",
        "tampered",
        &["attachments/2-rota-review-notes.pdf: is listed in the manifest but missing"],
    ),
    (
        "extra-file",
        "tampered",
        &["attachments/3-extra.txt: is in the bundle but not in its manifest"],
    ),
    (
        "mismatched-ids",
        "tampered",
        &["portfolio.json: belongs to bundle aaaaaaaabbbbbbbbccccccccdddddddd, but the manifest is for bundle 5f0c2a9e1b7d4c3a8e6f9d2b4a1c7e30"],
    ),
    (
        "attachment-mismatch",
        "tampered",
        &["attachments/2-rota-review-notes.pdf: is attached to the entry “Feedback on the rota review” but has a different size or SHA-256 in the manifest"],
    ),
    (
        "unresolved-rating",
        "tampered",
        &["portfolio.json: the entry “", "is rated against `cmpf.people.listens`, which is not in the framework `cmpf` the bundle carries"],
    ),
    (
        "malformed-manifest",
        "malformed",
        &["manifest.json cannot be read (line 5, column 3): expected `,` or `}`"],
    ),
    (
        "malformed-portfolio",
        "malformed",
        &["portfolio.json cannot be read (line ", "invalid type: string \"ninety\""],
    ),
    (
        "bad-bundle-id",
        "malformed",
        &["manifest.json cannot be read: its bundleId `../../not-an-id` is not 32"],
    ),
    (
        "newer-format",
        "too new",
        &["made by a newer version of Ward to Board (bundle format 99", "Install the latest"],
    ),
    (
        "other-format",
        "not a bundle",
        &["is not a Ward to Board bundle, or it is damaged (its manifest says it is a `ward-to-board-pack`)"],
    ),
    ("no-manifest", "not a bundle", &["(it holds no manifest.json)"]),
    (
        "not-a-zip",
        "not a bundle",
        &["not-a-zip.w2bbundle is not a Ward to Board bundle, or it is damaged"],
    ),
];

/// Fixtures that must verify.
const VALID: &[&str] = &["valid", "script-in-entry"];

#[test]
fn every_hostile_fixture_is_refused_with_the_right_kind_and_names_the_problem() {
    for (name, expected_kind, needles) in HOSTILE {
        let Err(error) = verify_bundle(&fixture(name)) else {
            panic!("{name}: a hostile bundle must never verify");
        };
        let message = error.to_string();
        assert_eq!(
            kind(&error),
            *expected_kind,
            "{name}: wrong kind of refusal: {message}"
        );
        for needle in *needles {
            assert!(
                message.contains(needle),
                "{name}: the message says `{needle}`:\n{message}"
            );
        }
        assert!(
            message.starts_with(&format!("{name}.w2bbundle")),
            "{name}: the message names the bundle first:\n{message}"
        );
        assert!(
            message.contains("export it again") || message.contains("Install the latest"),
            "{name}: the message says what to do:\n{message}"
        );
    }
}

#[test]
fn every_fixture_in_the_folder_is_tested() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures())
        .expect("the fixtures folder")
        .filter_map(|e| {
            let name = e.expect("entry").file_name().to_string_lossy().into_owned();
            name.strip_suffix(".w2bbundle").map(str::to_owned)
        })
        .collect();
    on_disk.sort();
    let mut tested: Vec<String> = HOSTILE
        .iter()
        .map(|(name, _, _)| *name)
        .chain(VALID.iter().copied())
        .map(str::to_owned)
        .collect();
    tested.sort();
    assert_eq!(on_disk, tested, "a fixture without a test proves nothing");
}

fn stored_manifest(path: &Path) -> Vec<u8> {
    let mut zip = ZipArchive::new(File::open(path).expect("opens")).expect("a zip");
    let mut bytes = Vec::new();
    zip.by_name(MANIFEST_PATH)
        .expect("has a manifest")
        .read_to_end(&mut bytes)
        .expect("reads");
    bytes
}

#[test]
fn the_valid_fixture_verifies_and_names_its_content() {
    let path = fixture("valid");
    let verified = verify_bundle(&path).expect("the valid fixture verifies");
    assert_eq!(
        verified.manifest_sha256,
        sha(&stored_manifest(&path)),
        "the manifest's hash is of its bytes as stored, so a review can name them"
    );
    assert_eq!(
        verified.manifest.bundle_id,
        "5f0c2a9e1b7d4c3a8e6f9d2b4a1c7e30"
    );
    assert_eq!(verified.document.bundle_id, verified.manifest.bundle_id);
    assert_eq!(verified.document.entries.len(), 3, "every entry is read");
    assert_eq!(verified.document.goals.len(), 1, "the plan is read");
    assert_eq!(
        verified.total_bytes,
        verified.manifest.files.iter().map(|f| f.size).sum::<u64>(),
        "the total is of the files the manifest lists"
    );
}

#[test]
fn script_in_an_entry_verifies_but_never_reaches_a_page() {
    let verified = verify_bundle(&fixture("script-in-entry"))
        .expect("hostile text is content, not a broken bundle: it verifies");
    let body = &verified.document.entries[0].body;
    assert!(
        body.contains("<script>alert(1)</script>") && body.contains("onerror"),
        "the text is kept as written, so the appraiser sees what was sent"
    );
    let html = crate::markdown::render(body);
    for banned in ["<script", "onerror", "javascript:"] {
        assert!(
            !html.contains(banned),
            "the HTML view and review mode render through markdown::render, which strips \
             {banned}: {html}"
        );
    }
    assert!(
        html.contains("An innocent start."),
        "the rest of the text is shown: {html}"
    );
}

#[test]
fn every_mismatch_is_reported_not_just_the_first() {
    let error = verify_bundle(&fixture("wrong-hash")).expect_err("tampered");
    let paths: Vec<&str> = error.problems().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["portfolio.html", "attachments/1-ward-rota.png"],
        "both changed files are named, in archive order"
    );
}

/// Every file under `dir` with its bytes: what "nothing was written" means.
fn listing(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).expect("lists") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path.clone());
                out.push((path, Vec::new()));
            } else {
                let bytes = std::fs::read(&path).expect("reads");
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn verifying_writes_nothing_anywhere_near_the_bundle() {
    let root = tempfile::tempdir().expect("temp dir");
    let inner = root.path().join("a/b");
    std::fs::create_dir_all(&inner).expect("folders");
    for entry in std::fs::read_dir(fixtures()).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "w2bbundle") {
            std::fs::copy(&path, inner.join(path.file_name().expect("name"))).expect("copies");
        }
    }
    let before = listing(root.path());
    for (name, _, _) in HOSTILE {
        let _ = verify_bundle(&inner.join(format!("{name}.w2bbundle")));
    }
    for name in VALID {
        verify_bundle(&inner.join(format!("{name}.w2bbundle"))).expect("verifies");
    }
    assert_eq!(
        listing(root.path()),
        before,
        "no file was written, unpacked or changed, in the bundle's folder or above it"
    );
}

/// The valid fixture's files as stored (manifest aside), in archive order.
fn valid_files() -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(File::open(fixture("valid")).expect("opens")).expect("zip");
    let mut files = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("reads");
        let name = entry.name().expect("a UTF-8 name").into_owned();
        if name != MANIFEST_PATH {
            files.push((name, bytes));
        }
    }
    files
}

/// A bundle of `files` with a manifest that lists each with its true size and SHA-256, as a
/// forger who rebuilt the manifest would make it: only what the files mean can refuse it.
fn seal(dir: &Path, name: &str, files: &[(String, Vec<u8>)]) -> PathBuf {
    use zip::write::SimpleFileOptions;
    let path = dir.join(format!("{name}.w2bbundle"));
    let mut zip = zip::ZipWriter::new(File::create(&path).expect("creates"));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut listed = Vec::new();
    for (inner, bytes) in files {
        zip.start_file(inner.as_str(), options).expect("an entry");
        zip.write_all(bytes).expect("writes");
        listed.push(serde_json::json!({"path": inner, "size": bytes.len(), "sha256": sha(bytes)}));
    }
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&stored_manifest(&fixture("valid"))).expect("manifest");
    manifest["files"] = listed.into();
    zip.start_file(MANIFEST_PATH, options).expect("manifest");
    zip.write_all(manifest.to_string().as_bytes())
        .expect("writes");
    zip.finish().expect("finishes");
    path
}
