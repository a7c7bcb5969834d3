//! The parts under the verifier: the capped stream, the entry and name rules, reading one
//! file again, and a bundle the app itself wrote.

use super::*;

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
    use crate::bundle::sample::{at, draft, save, store, PDF, PNG};
    use crate::portfolio::EntryKind;

    let (dir, store) = store();
    let now = at(4);
    let files: [(&str, &[u8]); 2] = [("Budget minutes (March).pdf", PDF), ("rota board.png", PNG)];
    save(
        &store,
        &draft(EntryKind::Reflection, "Agency spend review", "2026-03-10"),
        &files,
    );
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
