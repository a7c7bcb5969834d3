//! Running the real `w2b` binary, shared by the CLI's integration tests.

#![allow(clippy::expect_used, dead_code)]

use std::path::Path;
use std::process::Command;

/// Runs `w2b` with `args`: (exit status, stdout, stderr).
pub fn w2b(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_w2b"))
        .args(args)
        // The machine's own setting must not stand in for a folder a test forgot to name.
        .env_remove("W2B_DATA_DIR")
        .output()
        .expect("w2b runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `w2b pack import PACK --data-dir DATA [extra...]`.
pub fn import(pack: &Path, data_dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "pack",
        "import",
        pack.to_str().expect("utf-8 path"),
        "--data-dir",
        data_dir.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    w2b(&args)
}

/// `w2b pack check --as-of DAY PACK`: review dates judged on a fixed day, never today.
pub fn check_as_of(pack: &Path, day: &str) -> (i32, String, String) {
    w2b(&[
        "pack",
        "check",
        "--as-of",
        day,
        pack.to_str().expect("utf-8 path"),
    ])
}
