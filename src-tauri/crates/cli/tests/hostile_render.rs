//! Lessons built to make rendering slow (issue #17, finding 1), through the real
//! `w2b pack check`: the good fixture pack copied to a temp folder with one lesson spoiled.
//! Each is refused, naming the file, the line and column, and the limit it is over.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

mod common;

use common::check_as_of;

use std::path::Path;

const LESSON: &str = "basics/02-second.md";

/// The good pack in a temp folder, with `extra` appended to [`LESSON`]; and the line
/// `extra` starts on.
fn spoiled_pack(extra: &str) -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/packs/good");
    copy_folder(&good, dir.path());
    let lesson = dir.path().join(LESSON);
    let text = std::fs::read_to_string(&lesson).expect("the lesson reads");
    let line = text.lines().count() + 2;
    std::fs::write(&lesson, format!("{text}\n{extra}")).expect("write");
    (dir, line)
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn eighty_thousand_quote_markers_are_refused_at_their_line() {
    let (pack, line) = spoiled_pack(&format!("{} deep\n", ">".repeat(80_000)));
    let (code, stdout, stderr) = check_as_of(pack.path(), "2026-12-04");
    assert_eq!(code, 1, "refused: {stdout}{stderr}");
    let out = format!("{stdout}{stderr}");
    assert!(
        out.contains(&format!(
            "{LESSON}:{line}:33: block quotes and lists are nested more than 32 deep"
        )),
        "names the file, line, column and limit: {out}"
    );
}

#[test]
fn lists_nested_without_end_are_refused_at_their_line() {
    let nested: String = (0..40)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    let (pack, line) = spoiled_pack(&nested);
    let (code, stdout, stderr) = check_as_of(pack.path(), "2026-12-04");
    assert_eq!(code, 1, "refused: {stdout}{stderr}");
    let out = format!("{stdout}{stderr}");
    assert!(
        out.contains(&format!("{LESSON}:{}:", line + 32)),
        "the 33rd level's line is named: {out}"
    );
    assert!(out.contains("nested more than 32 deep"), "{out}");
}

#[test]
fn a_lesson_over_the_size_limit_is_refused_naming_the_limit() {
    let (pack, _) = spoiled_pack(&"The ward's budget. ".repeat(30_000));
    let (code, stdout, stderr) = check_as_of(pack.path(), "2026-12-04");
    assert_eq!(code, 1, "refused: {stdout}{stderr}");
    let out = format!("{stdout}{stderr}");
    assert!(
        out.contains(&format!("{LESSON}: the lesson is "))
            && out.contains("lessons can be up to 512 KB"),
        "{out}"
    );
}
