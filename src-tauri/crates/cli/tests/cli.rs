//! Runs the real `w2b` binary against real folders.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

use std::path::Path;
use std::process::Command;

fn w2b(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_w2b"))
        .args(args)
        .output()
        .expect("w2b runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_builtin_pack_checks_clean() {
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/packs/builtin");
    let (code, stdout, stderr) = w2b(&["pack", "check", builtin.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0, "the built-in pack has no problems: {stderr}");
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
