//! Runs the real `w2b` binary against real folders.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

mod common;

use common::{check_as_of, w2b};

use std::path::Path;

/// The day this version's built-in lessons were checked: review dates are judged as of it, so
/// the tests do not depend on the day they run.
const RELEASED: &str = "2026-12-04";

#[test]
fn lessons_past_review_are_warned_as_of_a_day_and_strict_makes_them_problems() {
    let builtin = builtin();
    // By June 2027 the finance and governance lessons are due again (April and 1 June).
    let (code, stdout, stderr) = w2b(&["pack", "check", "--as-of", "2027-06-02", &builtin]);
    assert_eq!(code, 0, "warnings alone do not fail a check: {stderr}");
    let due: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("was due for review on"))
        .collect();
    assert_eq!(
        due.len(),
        6,
        "two finance and four governance lessons: {stderr}"
    );
    assert!(
        due.iter().any(|l| l.contains(
            "budgets-and-finance/01-how-money-flows.md:6:1: warning: \"How money flows in the NHS\" was due for review on 1 April 2027 (checked 4 December 2026)"
        )),
        "each names the file, the review_by line, the lesson and both dates: {stderr}"
    );
    assert!(stdout.contains("6 warning(s)"), "{stdout}");

    let (code, _, stderr) = w2b(&[
        "pack",
        "check",
        "--strict",
        "--as-of",
        "2027-06-02",
        &builtin,
    ]);
    assert_eq!(code, 1, "--strict makes the warnings problems");
    assert!(stderr.contains("6 problem(s) found"), "{stderr}");

    let (code, stdout, _) = w2b(&["pack", "check", "--strict", "--as-of", RELEASED, &builtin]);
    assert_eq!(
        code, 0,
        "nothing is past review on release day, even strictly: {stdout}"
    );

    let (code, _, stderr) = w2b(&["pack", "check", "--as-of", "next week", &builtin]);
    assert_eq!(code, 2, "a day that is not a date is a usage error");
    assert!(stderr.contains("--as-of"), "the option is named: {stderr}");
}

#[test]
fn the_builtin_pack_checks_clean() {
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/packs/builtin");
    let (code, stdout, stderr) = check_as_of(&builtin, RELEASED);
    assert_eq!(code, 0, "the built-in pack has no problems: {stderr}");
    assert!(
        stdout.contains("no problems") && !stdout.contains("warning"),
        "and no lesson is past review on the day it was released: {stdout}{stderr}"
    );
    assert!(
        stdout.contains("ward-to-board.core"),
        "it names the pack it checked: {stdout}"
    );
}

#[test]
fn problems_are_reported_with_file_and_line_and_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("pack.toml"),
        "format = 1\nid = \"x\"\nversion = \"1.0.0\"\ntitle = \"T\"\npublisher = \"P\"\nlicence = \"L\"\n\
         language = \"en-GB\"\nmin_app_version = \"0.1.0\"\nframework = \"cmpf\"\nmodules = [\"m\"]\ncolour = 3\n",
    )
    .expect("write");
    let (code, _, stderr) = w2b(&["pack", "check", dir.path().to_str().expect("utf-8 path")]);
    assert_eq!(code, 1, "problems give exit status 1: {stderr}");
    assert!(
        stderr.contains("pack.toml:11:1: unknown field `colour`"),
        "file:line:column: message: {stderr}"
    );
}

#[test]
fn a_folder_without_a_manifest_is_unusable_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, _, stderr) = w2b(&["pack", "check", dir.path().to_str().expect("utf-8 path")]);
    assert_eq!(
        code, 2,
        "exit status 2 when there is no pack at all: {stderr}"
    );
    assert!(
        stderr.contains("no pack.toml"),
        "it says what is missing: {stderr}"
    );
}

fn builtin() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/packs/builtin")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn build_is_deterministic_and_the_file_checks_clean() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = dir.path().join("one.w2bpack");
    let second = dir.path().join("two.w2bpack");
    for out in [&first, &second] {
        let (code, stdout, stderr) = w2b(&[
            "pack",
            "build",
            &builtin(),
            "-o",
            out.to_str().expect("utf-8"),
        ]);
        assert_eq!(code, 0, "the built-in pack builds: {stderr}");
        assert!(stdout.contains("Built"), "{stdout}");
    }
    assert_eq!(
        std::fs::read(&first).expect("read"),
        std::fs::read(&second).expect("read"),
        "byte-identical"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no partial file is left behind: {leftovers:?}"
    );
    let (code, stdout, stderr) = check_as_of(&first, RELEASED);
    assert_eq!(code, 0, "a built pack checks clean: {stderr}");
    assert!(
        stdout.contains("8 lessons") || stdout.contains("lessons, no problems"),
        "{stdout}"
    );
}

#[test]
fn a_pack_with_problems_is_not_built() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("pack.toml"), "format = 1\n").expect("write");
    let out = dir.path().join("out.w2bpack");
    let (code, _, stderr) = w2b(&[
        "pack",
        "build",
        dir.path().to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 1, "problems stop the build: {stderr}");
    assert!(stderr.contains("Nothing was written"), "{stderr}");
    assert!(!out.exists(), "no file is written for a broken pack");
}

#[test]
fn json_output_is_machine_readable() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("pack.toml"), "format = 1\nid = 3\n").expect("write");
    let (code, stdout, _) = w2b(&[
        "pack",
        "check",
        "--json",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 1, "problems still give exit 1 with --json");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(report["status"], "problems", "{report}");
    let first = &report["problems"][0];
    assert_eq!(
        (first["file"].as_str(), first["line"].as_u64()),
        (Some("pack.toml"), Some(2)),
        "{report}"
    );
    assert_eq!(first["severity"], "error", "{report}");
    let (code, stdout, _) = w2b(&["pack", "check", "--json", "--as-of", RELEASED, &builtin()]);
    assert_eq!(code, 0, "the built-in pack is clean");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(report["pack"]["id"], "ward-to-board.core", "{report}");
}

#[test]
fn a_hostile_archive_is_refused_with_the_entry_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("evil.w2bpack");
    std::fs::write(&file, b"PK\x03\x04 not really a zip").expect("write");
    let (code, _, stderr) = w2b(&["pack", "check", file.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "a damaged archive is a problem: {stderr}");
    assert!(
        stderr.contains("is not a pack archive, or it is damaged"),
        "{stderr}"
    );
}
