use super::*;
use crate::packs::{builtin_pack_files, parse_pack};

/// A raw archive with exactly these entries, for building hostile inputs.
fn raw_zip(entries: &[(&str, &[u8])], options: SimpleFileOptions) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        if name.ends_with('/') {
            zip.add_directory(*name, options).expect("directory");
        } else {
            zip.start_file(*name, options).expect("start");
            zip.write_all(bytes).expect("write");
        }
    }
    zip.finish().expect("finish").into_inner()
}

fn stored() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Stored)
}

fn problems(bytes: &[u8]) -> Vec<String> {
    PackFiles::from_archive_bytes(bytes)
        .expect_err("the archive must be refused")
        .problems
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn replace_all(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(
        from.len(),
        to.len(),
        "same-length patch keeps offsets valid"
    );
    let mut i = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
        }
        i += 1;
    }
}

#[test]
fn the_builtin_pack_round_trips_through_an_archive() {
    let files = builtin_pack_files();
    let archive = files.to_archive().expect("builds");
    let back = PackFiles::from_archive_bytes(&archive).expect("reads back");
    assert_eq!(back, files, "an archive holds exactly the pack's files");
    assert_eq!(
        back.content_sha256(),
        files.content_sha256(),
        "same content digest as the folder"
    );
    parse_pack(&back).expect("and it still parses");
}

#[test]
fn building_is_deterministic() {
    let files = builtin_pack_files();
    assert_eq!(
        files.to_archive().expect("first"),
        files.to_archive().expect("second"),
        "the same input gives byte-identical archives"
    );
}

#[test]
fn path_traversal_and_absolute_paths_are_refused() {
    for name in [
        "../evil.md",
        "m/../../evil.md",
        "/etc/passwd",
        "C:/Windows/x.md",
        "m\\..\\x.md",
        "m//x.md",
        "./x.md",
    ] {
        let found = problems(&raw_zip(&[(name, b"x")], stored()));
        assert!(
            found.iter().any(|p| p.contains("path")),
            "{name:?} must be refused as a path problem: {found:?}"
        );
    }
}

#[test]
fn names_that_are_not_utf8_are_refused() {
    let mut bytes = raw_zip(&[("AAAA.md", b"x")], stored());
    replace_all(&mut bytes, b"AAAA.md", b"A\xffAA.md");
    let found = problems(&bytes);
    assert!(found[0].contains("not UTF-8"), "{found:?}");
}

#[test]
fn duplicate_names_are_refused() {
    let mut bytes = raw_zip(&[("a.md", b"one"), ("b.md", b"two")], stored());
    replace_all(&mut bytes, b"b.md", b"a.md");
    let found = problems(&bytes);
    assert!(
        found
            .iter()
            .any(|p| p.contains("names the same file twice")),
        "{found:?}"
    );
}

#[test]
fn symbolic_links_are_refused() {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.add_symlink("passwd.md", "/etc/passwd", stored())
        .expect("symlink");
    let bytes = zip.finish().expect("finish").into_inner();
    let found = problems(&bytes);
    assert!(found[0].contains("symbolic link"), "{found:?}");
}

#[test]
fn compression_bombs_are_refused_before_unpacking() {
    let zeros = vec![0u8; 8 * 1024 * 1024];
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let found = problems(&raw_zip(&[("bomb.md", &zeros)], deflated));
    assert!(found[0].contains("compression bomb"), "{found:?}");
}

#[test]
fn absurd_declared_sizes_are_refused() {
    // Many files that together claim more than a pack may hold.
    let chunk = vec![b'a'; 5 * 1024 * 1024];
    let names: Vec<String> = (0..14).map(|i| format!("big-{i}.md")).collect();
    let entries: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), chunk.as_slice()))
        .collect();
    let found = problems(&raw_zip(&entries, stored()));
    assert_eq!(
        found.len(),
        1,
        "one problem, at the entry that crosses the limit: {found:?}"
    );
    assert!(
        found[0].starts_with("big-12.md: takes the pack past the 64 MiB"),
        "{found:?}"
    );
}

#[test]
fn a_header_that_lies_about_its_size_cannot_grow_past_it() {
    let mut bytes = raw_zip(&[("a.md", b"0123456789")], stored());
    // Claim 4 bytes in the central directory and local header (uncompressed size fields).
    let lie = 10u32.to_le_bytes();
    let idx: Vec<usize> = (0..bytes.len() - 8)
        .filter(|&i| bytes[i..i + 4] == lie && bytes[i + 4..i + 8] == lie)
        .collect();
    assert!(!idx.is_empty(), "found the size fields");
    for i in idx {
        bytes[i + 4..i + 8].copy_from_slice(&4u32.to_le_bytes());
    }
    assert!(
        PackFiles::from_archive_bytes(&bytes).is_err(),
        "a lying size is an error, never a longer read"
    );
}

#[test]
fn thousands_of_files_are_refused() {
    let names: Vec<String> = (0..=MAX_PACK_FILES + 1)
        .map(|i| format!("f{i}.md"))
        .collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let found = problems(&raw_zip(&entries, stored()));
    assert!(found[0].contains("the limit is"), "{found:?}");
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{}x.md", "d/".repeat(MAX_DEPTH));
    let found = problems(&raw_zip(&[(&deep, b"x")], stored()));
    assert!(found[0].contains("nested"), "{found:?}");
}

#[test]
fn a_changed_file_fails_its_checksum() {
    // The sums describe one content; the archive carries another of the same length.
    let built = Sums {
        format: 1,
        files: BTreeMap::from([(
            "pack.toml".to_owned(),
            FileSum {
                size: 4,
                sha256: sha256_hex(b"AAAA"),
            },
        )]),
    };
    let sums = serde_json::to_vec(&built).expect("json");
    let bytes = raw_zip(&[("pack.toml", b"BBBB"), (SUMS_FILE, &sums)], stored());
    let found = problems(&bytes);
    assert_eq!(
        found,
        vec![format!("pack.toml: has changed since the pack was built (its SHA-256 does not match) ({REBUILD})")],
        "the changed file is named"
    );
}

#[test]
fn extra_or_unlisted_files_are_refused() {
    let found = problems(&raw_zip(&[("pack.toml", b"x")], stored()));
    assert!(
        found[0].contains(SUMS_FILE),
        "an archive without sums is not a built pack: {found:?}"
    );
}

#[test]
fn garbage_is_not_an_archive() {
    let found = problems(b"this is a Word document, honest");
    assert!(found[0].contains("is not a pack archive"), "{found:?}");
}

fn hostile_fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/packs/hostile")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn archives_whose_two_indexes_disagree_are_refused_as_bundles_are() {
    for (fixture, expected) in [
        ("local-header-name.w2bpack", "filename mismatch"),
        ("overlapping-entries.w2bpack", "overlapping entries"),
    ] {
        let found = problems(&hostile_fixture(fixture));
        assert_eq!(
            found.len(),
            1,
            "{fixture}: one problem for the archive: {found:?}"
        );
        assert!(
            found[0].contains("the archive's headers disagree") && found[0].contains(expected),
            "{fixture}: the same words as the bundle reader, naming what disagrees: {found:?}"
        );
    }
}

#[test]
fn names_that_are_one_file_on_windows_or_macos_are_refused() {
    let case = problems(&hostile_fixture("look-alike-case.w2bpack"));
    assert_eq!(
        case,
        vec![format!(
            "basics/Notes.md: has the same name as `basics/notes.md` once case and accents are \
             compared the way Windows and macOS compare them, so a learner could get either \
             file (give every file a name that differs by more than capitals or accent encoding)"
        )],
        "both names are given"
    );
    let nfc = problems(&hostile_fixture("look-alike-nfc.w2bpack"));
    assert_eq!(nfc.len(), 1, "{nfc:?}");
    assert!(
        nfc[0].starts_with("basics/cafe\u{301}.md: has the same name as `basics/caf\u{e9}.md`"),
        "the NFC and NFD spellings of one name: {nfc:?}"
    );
}

#[test]
fn distinct_names_with_accents_are_accepted() {
    let files = PackFiles::from_embedded(&[
        ("pack.toml", b"x"),
        ("basics/caf\u{e9}.md", b"a"),
        ("basics/cafe.md", b"b"),
    ]);
    let archive = files.to_archive().expect("builds");
    assert_eq!(
        PackFiles::from_archive_bytes(&archive).expect("reads back"),
        files,
        "an accent that changes the letter is a different name"
    );
}
