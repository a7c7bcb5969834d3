//! The verifier against the committed fixtures in tests/fixtures/bundles (one attack each),
//! the pure entry rules, the capped stream, and a bundle written by `write_bundle`.

use std::io::{Read, Write};
use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use sha2::{Digest as _, Sha256};
use zip::CompressionMethod;

use super::entries::{check_name, judge, Record};
use super::stream::{hash_capped, StreamError};
use super::*;
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
        &["made by a newer version of Ward to Board (bundle format 2", "Install the latest"],
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

#[test]
fn a_stream_that_never_ends_stops_one_byte_past_its_limit() {
    // io::repeat never ends: if the cap did not hold, this test would never finish.
    struct Counting(u64);
    impl Write for Counting {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut sink = Counting(0);
    let limit = 1024 * 1024;
    let result = hash_capped(std::io::repeat(0), limit, &mut sink);
    assert_eq!(
        result,
        Err(StreamError::TooLong { limit }),
        "the lie is named"
    );
    assert!(
        sink.0 <= limit,
        "nothing past the limit is passed on: {}",
        sink.0
    );

    let exact = hash_capped(&[7u8; 10][..], 10, &mut std::io::sink()).expect("exactly the limit");
    assert_eq!(
        exact.bytes, 10,
        "a file of exactly its declared size is whole"
    );
    assert_eq!(exact.sha256, sha(&[7u8; 10]), "and hashed as it streamed");
}

#[test]
fn a_bomb_is_refused_from_its_header_and_a_lying_header_stops_at_its_claim() {
    let error = verify_bundle(&fixture("bomb")).expect_err("a bomb");
    assert!(
        error.to_string().contains("is compressed 1028:1"),
        "only the header check gives this message, so the 64 MiB were never made: {error}"
    );
    let error = verify_bundle(&fixture("lying-size")).expect_err("a lie");
    assert!(
        error.to_string().contains("unpacking stopped there"),
        "4 MiB behind a 4 KiB header: unpacking stops at 4,097 bytes: {error}"
    );
}

fn record(name: &str, size: u64) -> Record {
    Record {
        name_raw: name.as_bytes().to_vec(),
        size,
        compressed: size,
        mode: Some(0o100_644),
        encrypted: false,
        method: CompressionMethod::Deflated,
    }
}

fn problems_of(records: &[Record]) -> Vec<String> {
    match judge(records) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn the_entry_rules_refuse_what_a_bundle_never_holds() {
    let just_under = MAX_BUNDLE_FILE_BYTES;
    let many: Vec<Record> = (0..9)
        .map(|i| record(&format!("attachments/{i}.bin"), just_under))
        .collect();
    let problems = problems_of(&many);
    assert_eq!(
        problems.len(),
        1,
        "only the file crossing the total is named: {problems:?}"
    );
    assert!(
        problems[0].starts_with("attachments/8.bin: takes the bundle past the 4096 MiB"),
        "9 × 512 MiB passes {MAX_BUNDLE_TOTAL_BYTES} bytes at the ninth: {problems:?}"
    );

    let mut fifo = record("pipe", 0);
    fifo.mode = Some(0o010_644);
    let mut locked = record("secret.txt", 10);
    locked.encrypted = true;
    let mut bzip = record("packed.txt", 10);
    bzip.method = CompressionMethod::BZIP2;
    let empty_folder = record("notes/", 0);
    let problems = problems_of(&[fifo, locked, bzip, empty_folder]);
    for expected in [
        "pipe: is not an ordinary file",
        "secret.txt: is encrypted",
        "packed.txt: is compressed with",
        "notes/: is a folder with no files in it",
    ] {
        assert!(
            problems.iter().any(|p| p.starts_with(expected)),
            "`{expected}` is reported: {problems:?}"
        );
    }

    let mut folder = record("attachments/", 0);
    folder.mode = Some(0o040_755);
    let layout = judge(&[
        folder,
        record("attachments/1-a.png", 10),
        record("manifest.json", 5),
    ])
    .expect("a folder its files imply is harmless");
    assert_eq!(
        layout.files.len(),
        1,
        "the folder is dropped and the manifest kept apart"
    );
    assert!(layout.manifest.is_some(), "the manifest is found");

    let mut windows = record("portfolio.json", 10);
    windows.mode = None;
    assert!(
        judge(&[windows]).is_ok(),
        "an archive made on Windows has no Unix mode"
    );
}

#[test]
fn names_must_be_plain_relative_paths() {
    for name in [
        "portfolio.json",
        "attachments/1-rota board (v2).png",
        "attachments/2-é.pdf",
    ] {
        assert_eq!(check_name(name), Ok(()), "`{name}` is an ordinary name");
    }
    for name in [
        "",
        "../x",
        "a/../../x",
        "/etc/passwd",
        "a\\b",
        "C:/x",
        "c:x",
        "a/./b",
        "a//b",
        "a\0b",
        "a\nb",
        "file.txt:stream",
        "1/2/3/4/5/6/7/8/9",
    ] {
        assert!(
            check_name(name).is_err(),
            "`{}` is refused",
            name.escape_debug()
        );
    }
    assert!(
        check_name(&"x".repeat(2000)).is_err(),
        "an absurdly long name is refused"
    );
}

#[test]
fn reading_one_file_rechecks_its_hash() {
    let valid = fixture("valid");
    let png = std::fs::read(fixtures().join("../attachments/ward-rota.png")).expect("png");
    let path = "attachments/1-ward-rota.png";
    let bytes = read_bundle_file(&valid, path, &sha(&png), 1024 * 1024).expect("reads");
    assert_eq!(bytes, png, "the attachment comes out as it went in");

    let error =
        read_bundle_file(&valid, path, &"0".repeat(64), 1024 * 1024).expect_err("a different hash");
    assert_eq!(kind(&error), "tampered", "{error}");
    assert!(error.to_string().contains(path), "names the file: {error}");

    let error = read_bundle_file(&valid, path, &sha(&png), 100).expect_err("over the cap");
    assert_eq!(
        kind(&error),
        "unsafe",
        "more than the caller allows is refused: {error}"
    );

    let error =
        read_bundle_file(&valid, "../evil.txt", &sha(&png), 1024).expect_err("not in the bundle");
    assert_eq!(kind(&error), "tampered", "{error}");

    let error = read_bundle_file(&fixture("traversal"), path, &sha(&png), 1024 * 1024)
        .expect_err("the whole archive is checked again");
    assert_eq!(kind(&error), "unsafe", "{error}");
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let error = verify_bundle(&dir.path().join("nowhere.w2bbundle")).expect_err("no file");
    assert_eq!(kind(&error), "io", "{error}");
    assert!(
        error
            .to_string()
            .starts_with("nowhere.w2bbundle cannot be read"),
        "{error}"
    );
    let error = verify_bundle(dir.path()).expect_err("a folder");
    assert_eq!(kind(&error), "not a bundle", "{error}");
}

#[test]
fn a_bundle_written_by_the_app_verifies_and_every_file_reads_back() {
    use crate::portfolio::{CpdTime, EntryDraft, EntryKind};
    use crate::store::Store;

    let now = Utc
        .with_ymd_and_hms(2026, 4, 1, 9, 0, 0)
        .single()
        .expect("a time");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("data"), now).expect("opens");
    let files: [(&str, &[u8]); 2] = [
        ("Budget minutes (March).pdf", b"%PDF-1.7\n% minutes\n"),
        ("rota board.png", b"\x89PNG\r\n\x1a\n a picture"),
    ];
    let uploads = files
        .iter()
        .map(|(name, bytes)| {
            store
                .upload_attachment(name, bytes, now)
                .expect("uploads")
                .id
        })
        .collect();
    let draft = EntryDraft {
        kind: EntryKind::Reflection,
        title: "Agency spend review".into(),
        date: "2026-03-10".into(),
        body: "The budget was **over**.".into(),
        reflection: None,
        tags: vec![],
        cpd: CpdTime::default(),
        shadowing: None,
        feedback_source: None,
        behaviours: vec![],
        lessons: vec![],
        keep_attachments: vec![],
        new_uploads: uploads,
    };
    store.save_entry(None, None, &draft, now).expect("saves");
    let target = dir.path().join("out.w2bbundle");
    let selection = crate::bundle::BundleSelection {
        learner: "Alex".into(),
        ..Default::default()
    };
    let written = crate::bundle::write_bundle(&store, &selection, &target, now).expect("writes");

    let verified = verify_bundle(&target).expect("what the app writes, the app accepts");
    assert_eq!(
        verified.manifest, written.manifest,
        "the same manifest is read back"
    );
    assert_eq!(
        verified.manifest_sha256, written.manifest_sha256,
        "and names the same bytes"
    );
    let attachments = &verified.document.entries[0].attachments;
    assert_eq!(attachments.len(), 2, "both files are shared");
    for attachment in attachments {
        let bytes = read_bundle_file(&target, &attachment.path, &attachment.sha256, 1 << 20)
            .expect("each attachment reads back");
        let (_, original) = files
            .iter()
            .find(|(name, _)| *name == attachment.file_name)
            .expect("an uploaded file");
        assert_eq!(bytes, *original, "{} is unchanged", attachment.file_name);
    }
}

#[test]
fn more_files_than_a_bundle_may_hold_is_refused_before_any_is_read() {
    use zip::write::SimpleFileOptions;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("many.w2bbundle");
    let mut zip = zip::ZipWriter::new(File::create(&path).expect("creates"));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..=crate::bundle::MAX_BUNDLE_FILES {
        zip.start_file(format!("j/{i}"), options).expect("an entry");
    }
    zip.finish().expect("finishes");
    let error = verify_bundle(&path).expect_err("too many files");
    assert_eq!(kind(&error), "unsafe", "{error}");
    assert!(
        error
            .to_string()
            .contains("the archive holds 20001 files; a bundle may hold at most 20000"),
        "the count and the limit are named: {error}"
    );
}
