//! Every bundle fixture under tests/fixtures/bundles through the real `w2b bundle verify` and
//! `w2b bundle info`: hostile bundles are refused with a message naming the file at fault and
//! the right exit status, valid ones are described, and nothing is ever written.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

mod common;

use common::w2b;

use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/bundles")
}

fn fixture(name: &str) -> String {
    fixtures()
        .join(format!("{name}.w2bbundle"))
        .to_str()
        .expect("utf-8 path")
        .to_owned()
}

/// (fixture, exit status, what stderr must say)
const HOSTILE: &[(&str, i32, &str)] = &[
    (
        "traversal",
        1,
        "../evil.txt: has a path that leaves its folder",
    ),
    ("absolute-path", 1, "/etc/passwd: has an absolute path"),
    (
        "nested-traversal",
        1,
        "attachments/../../x: has a path that leaves",
    ),
    ("backslash", 1, "attachments\\..\\evil.txt: has a backslash"),
    ("drive-letter", 1, "C:/evil.txt: has a `:`"),
    (
        "nul-in-name",
        1,
        "attachments/3-a\\0b.txt: has a name holding control",
    ),
    ("symlink", 1, "attachments/3-link.png: is a symbolic link"),
    ("bomb", 1, "attachments/3-zeros.bin: is compressed"),
    (
        "lying-size",
        1,
        "attachments/3-notes.txt: unpacks to more than the 4096 bytes",
    ),
    (
        "huge-attachment",
        1,
        "attachments/3-scan.pdf: claims to unpack to 4096 MiB",
    ),
    ("local-header-name", 1, "the archive's headers disagree"),
    ("duplicate-names", 1, "names the same file twice"),
    (
        "phishing-page",
        1,
        "portfolio.html: is not the page Ward to Board makes from portfolio.json",
    ),
    (
        "html-attachment",
        1,
        "attachments/3-page.html: is not a file a portfolio may hold",
    ),
    (
        "bidi-name",
        1,
        "fdp.exe: has a name holding the invisible direction mark U+202E",
    ),
    (
        "case-duplicate",
        1,
        "attachments/1-WARD-ROTA.png: has the same name as `attachments/1-ward-rota.png`",
    ),
    (
        "huge-claim",
        1,
        "attachments/1-ward-rota.png: is 589 bytes, but the manifest says 30000000",
    ),
    (
        "wrong-hash",
        1,
        "portfolio.html: has changed since it was exported",
    ),
    (
        "missing-file",
        1,
        "attachments/2-rota-review-notes.pdf: is listed in the manifest but missing",
    ),
    (
        "extra-file",
        1,
        "attachments/3-extra.txt: is in the bundle but not in its manifest",
    ),
    (
        "mismatched-ids",
        1,
        "portfolio.json: belongs to bundle aaaaaaaa",
    ),
    (
        "attachment-mismatch",
        1,
        "attachments/2-rota-review-notes.pdf: is attached to the entry",
    ),
    (
        "malformed-manifest",
        1,
        "manifest.json cannot be read (line 5, column 3)",
    ),
    (
        "malformed-portfolio",
        1,
        "portfolio.json cannot be read (line ",
    ),
    (
        "bad-bundle-id",
        1,
        "its bundleId `../../not-an-id` is not 32",
    ),
    (
        "newer-format",
        2,
        "made by a newer version of Ward to Board",
    ),
    (
        "other-format",
        2,
        "is not a Ward to Board bundle, or it is damaged",
    ),
    ("no-manifest", 2, "it holds no manifest.json"),
    (
        "not-a-zip",
        2,
        "is not a Ward to Board bundle, or it is damaged",
    ),
];

/// Every file under `dir` with its bytes.
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
fn a_valid_bundle_verifies() {
    let (code, stdout, stderr) = w2b(&["bundle", "verify", &fixture("valid")]);
    assert_eq!(code, 0, "the valid fixture verifies: {stderr}");
    assert_eq!(
        stdout.trim(),
        "OK: 4 files, 3 entries, bundle 5f0c2a9e1b7d4c3a8e6f9d2b4a1c7e30\nNot signed",
        "one line with the counts and the id, then who signed it"
    );
}

#[test]
fn hostile_bundles_are_refused_naming_the_problem_and_nothing_is_written() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("inbox");
    std::fs::create_dir(&dir).expect("folder");
    for (name, _, _) in HOSTILE {
        let from = fixture(name);
        std::fs::copy(&from, dir.join(format!("{name}.w2bbundle"))).expect("copies");
    }
    let before = listing(root.path());
    for (name, expected_code, needle) in HOSTILE {
        let path = dir.join(format!("{name}.w2bbundle"));
        let path = path.to_str().expect("utf-8");
        for command in ["verify", "info"] {
            let (code, stdout, stderr) = w2b(&["bundle", command, path]);
            assert_eq!(
                code, *expected_code,
                "{command} {name}: exit status {expected_code}: {stderr}"
            );
            assert!(
                stderr.contains(needle),
                "{command} {name}: says `{needle}`:\n{stderr}"
            );
            assert!(
                stdout.is_empty(),
                "{command} {name}: nothing on stdout for a refused bundle: {stdout}"
            );
        }
    }
    assert_eq!(
        listing(root.path()),
        before,
        "verifying hostile bundles unpacks nothing and changes nothing"
    );
}

#[test]
fn every_problem_is_listed_with_a_count() {
    let (code, _, stderr) = w2b(&["bundle", "verify", &fixture("wrong-hash")]);
    assert_eq!(code, 1, "{stderr}");
    for path in ["portfolio.html:", "attachments/1-ward-rota.png:"] {
        assert!(stderr.contains(path), "{path} is named:\n{stderr}");
    }
    assert!(stderr.contains("2 problem(s) found"), "{stderr}");
}

#[test]
fn info_describes_a_bundle() {
    let (code, stdout, stderr) = w2b(&["bundle", "info", &fixture("valid")]);
    assert_eq!(code, 0, "{stderr}");
    for line in [
        "Bundle 5f0c2a9e1b7d4c3a8e6f9d2b4a1c7e30",
        "Not signed",
        "Format version: 1",
        "Made by: Ward to Board 0.2.0",
        "Created: 2025-03-31T16:45:00Z",
        "Learner: Alex Example",
        "Period: 2025-01-01 to 2025-03-31",
        "Entries: 3 (1 Reflection, 1 Shadowing or paired learning, 1 Feedback received)",
        "Attachments: 2 (1190 bytes)",
        "Goals: 1",
        "  Clinical Management Practice Framework: 1 of 12 items covered",
    ] {
        assert!(stdout.contains(line), "info shows `{line}`:\n{stdout}");
    }
}

#[test]
fn info_as_json_is_for_tools() {
    let (code, stdout, stderr) = w2b(&["bundle", "info", "--json", &fixture("valid")]);
    assert_eq!(code, 0, "{stderr}");
    let info: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(info["status"], "verified", "{info}");
    assert_eq!(
        info["bundleId"], "5f0c2a9e1b7d4c3a8e6f9d2b4a1c7e30",
        "{info}"
    );
    assert_eq!(info["entries"]["total"], 3, "{info}");
    assert_eq!(info["entries"]["byKind"][0]["kind"], "reflection", "{info}");
    assert_eq!(info["attachments"]["count"], 2, "{info}");
    assert_eq!(info["goals"], 1, "{info}");
    assert_eq!(info["coverage"][0]["itemsCovered"], 1, "{info}");
    assert_eq!(info["files"], 4, "{info}");
    assert_eq!(
        info["signer"],
        serde_json::Value::Null,
        "not signed: {info}"
    );

    let (code, stdout, _) = w2b(&["bundle", "info", "--json", &fixture("wrong-hash")]);
    assert_eq!(code, 1, "a refusal keeps its exit status in JSON mode");
    let refusal: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(refusal["status"], "refused", "{refusal}");
    assert_eq!(
        refusal["problems"][1]["path"], "attachments/1-ward-rota.png",
        "each problem names its file: {refusal}"
    );
}

#[test]
fn script_in_an_entry_is_content_and_verifies() {
    let (code, stdout, stderr) = w2b(&["bundle", "verify", &fixture("script-in-entry")]);
    assert_eq!(
        code, 0,
        "hostile text is for the renderer to strip, not a broken bundle: {stderr}"
    );
    assert!(stdout.starts_with("OK: "), "{stdout}");
}

#[test]
fn a_missing_file_is_unusable_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nowhere.w2bbundle");
    let (code, _, stderr) = w2b(&["bundle", "verify", path.to_str().expect("utf-8")]);
    assert_eq!(
        code, 2,
        "exit status 2 when there is nothing to check: {stderr}"
    );
    assert!(
        stderr.contains("nowhere.w2bbundle cannot be read"),
        "{stderr}"
    );
}
