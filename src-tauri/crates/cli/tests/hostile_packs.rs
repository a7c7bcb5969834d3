//! Every pack fixture under tests/fixtures/packs, through the real `w2b pack import`, into a
//! data folder that already holds a learner's progress: hostile packs are refused with a clear
//! message naming the problem and leave every stored row as it was; valid ones import.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

mod common;

use common::{check_as_of, import, w2b};

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use w2b_core::store::Store;

/// A fixed "now" for the store opened here (the `w2b` process reads its own clock).
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 21, 30, 0)
        .single()
        .expect("a real time")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/packs")
}

/// A data folder with the good pack installed and one lesson completed.
fn learner() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = fixtures().join("good");
    let (code, _, stderr) = import(&good, dir.path(), &[]);
    assert_eq!(code, 0, "the good pack imports: {stderr}");
    let store = Store::open(dir.path(), now()).expect("open");
    store
        .set_lesson_complete("test.good", "test-first", true, now())
        .expect("progress");
    dir
}

/// Every row of every table, in a stable order: what "nothing stored changed" means.
fn dump(data_dir: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(data_dir.join("ward-to-board.sqlite3")).expect("open");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("tables");
    let mut rows = Vec::new();
    for table in tables {
        let columns = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .expect("prepare")
            .column_count();
        // Every column in order, so rows compare whatever the table's width (one-column
        // tables such as `search_terms` included).
        let order: Vec<String> = (1..=columns).map(|i| i.to_string()).collect();
        let mut stmt = conn
            .prepare(&format!(
                "SELECT * FROM \"{table}\" ORDER BY {}",
                order.join(", ")
            ))
            .expect("prepare");
        let mut query = stmt.query([]).expect("query");
        while let Some(row) = query.next().expect("row") {
            let values: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).expect("value")))
                .collect();
            rows.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    rows
}

#[test]
fn hostile_packs_are_refused_clearly_and_change_nothing() {
    let cases: &[(&str, &str)] = &[
        (
            "hostile/traversal.w2bpack",
            "../evil.md: has a path that leaves its folder",
        ),
        (
            "hostile/absolute-path.w2bpack",
            "/tmp/evil.md: has an absolute or malformed path",
        ),
        ("hostile/symlink.w2bpack", "link.md: is a symbolic link"),
        ("hostile/bomb.w2bpack", "refused as a compression bomb"),
        (
            "hostile/declared-size.w2bpack",
            "takes the pack past the 64 MiB",
        ),
        ("hostile/many-files.w2bpack", "files; the limit is 5000"),
        (
            "hostile/deep-nesting.w2bpack",
            "folders deep; the limit is 12",
        ),
        (
            "hostile/bad-utf8-name.w2bpack",
            "has a name that is not UTF-8",
        ),
        (
            "hostile/duplicate-names.w2bpack",
            "names the same file twice",
        ),
        (
            "hostile/local-header-name.w2bpack",
            "the archive's headers disagree (invalid Zip archive: header inconsistency detected: Local file header filename mismatch",
        ),
        (
            "hostile/overlapping-entries.w2bpack",
            "archive contains overlapping entries",
        ),
        (
            "hostile/look-alike-case.w2bpack",
            "basics/Notes.md: has the same name as `basics/notes.md`",
        ),
        (
            "hostile/look-alike-nfc.w2bpack",
            "basics/cafe\u{301}.md: has the same name as `basics/caf\u{e9}.md`",
        ),
        (
            "hostile/tampered.w2bpack",
            "has changed since the pack was built",
        ),
        (
            "hostile/not-a-zip.w2bpack",
            "is not a pack archive, or it is damaged",
        ),
        (
            "hostile/duplicate-ids",
            "lesson id `test-first` is used by another lesson",
        ),
        (
            "hostile/claims-builtin-id",
            "is the id of the curriculum built into the app",
        ),
        ("hostile/invalid-utf8", "basics/01-first.md:5:"),
        (
            "hostile/missing-image",
            "image `images/nowhere.png` is missing",
        ),
        ("hostile/dangling-link", "leads to no lesson of this pack"),
        (
            "hostile/unknown-behaviour",
            "behaviour `cmpf.made-up` is not in the framework",
        ),
    ];
    let data = learner();
    let before = dump(data.path());
    assert!(
        before.iter().any(|r| r.starts_with("lesson_progress:")),
        "the learner has progress to lose"
    );
    for (fixture, expected) in cases {
        let path = fixtures().join(fixture);
        let (code, _, stderr) = import(&path, data.path(), &[]);
        assert_eq!(code, 1, "{fixture} is refused with exit status 1: {stderr}");
        assert!(
            stderr.contains(expected),
            "{fixture}: the message says `{expected}`:\n{stderr}"
        );
        assert!(
            stderr.contains("Nothing was installed"),
            "{fixture}: the learner is told nothing changed:\n{stderr}"
        );
        assert_eq!(
            dump(data.path()),
            before,
            "{fixture}: every stored row is as it was"
        );
    }
}

#[test]
fn windows_line_endings_and_byte_order_marks_simply_work() {
    let data = tempfile::tempdir().expect("temp dir");
    let path = fixtures().join("hostile/bom-crlf");
    let (code, stdout, stderr) = import(&path, data.path(), &[]);
    assert_eq!(
        code, 0,
        "BOM and CRLF are normal for Windows editors: {stderr}"
    );
    assert!(stdout.contains("Installed test.good"), "{stdout}");
}

#[test]
fn script_and_unsafe_links_import_with_warnings_and_never_reach_the_page() {
    let data = tempfile::tempdir().expect("temp dir");
    let path = fixtures().join("hostile/script-and-links");
    let (code, _, stderr) = import(&path, data.path(), &[]);
    assert_eq!(
        code, 0,
        "stripped content is a warning, not a refusal: {stderr}"
    );
    for warned in [
        "<script>",
        "<iframe",
        "<img",
        "javascript:",
        "data:",
        "https://evil.example/p.png",
    ] {
        assert!(
            stderr.contains(warned),
            "a warning names {warned}:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("basics/02-second.md:"),
        "warnings give the file and line:\n{stderr}"
    );
    let store = Store::open(data.path(), now()).expect("open");
    let html = store
        .lesson("test.good", "test-second")
        .expect("imported")
        .html;
    for banned in [
        "<script",
        "<iframe",
        "onerror",
        "javascript:",
        "data:text",
        "evil.example",
    ] {
        assert!(
            !html.contains(banned),
            "{banned} never reaches the page: {html}"
        );
    }
}

#[test]
fn a_new_version_keeps_progress_and_an_old_one_needs_confirming() {
    let data = learner();
    let dir = data.path().to_str().expect("utf-8");
    let v2 = fixtures().join("good-v2");
    let (code, stdout, stderr) = import(&v2, data.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Upgraded test.good from 1.0.0 to 1.1.0; progress is kept"),
        "{stdout}"
    );
    let store = Store::open(data.path(), now()).expect("open");
    assert!(
        store
            .lesson("test.good", "test-first")
            .expect("kept")
            .completed_at
            .is_some(),
        "progress survived"
    );
    drop(store);

    let v1 = fixtures().join("good");
    let (code, _, stderr) = import(&v1, data.path(), &[]);
    assert_eq!(
        code, 1,
        "an older version is not installed unasked: {stderr}"
    );
    assert!(
        stderr.contains("--allow-downgrade"),
        "the way to confirm is named: {stderr}"
    );
    let (code, stdout, _) = w2b(&["pack", "list", "--data-dir", dir]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("test.good\t1.1.0"),
        "still the newer version: {stdout}"
    );
    let (code, _, stderr) = import(&v1, data.path(), &["--allow-downgrade"]);
    assert_eq!(code, 0, "confirmed: {stderr}");
}

#[test]
fn the_example_pack_in_the_docs_checks_clean() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../docs/examples/example-pack");
    // Review dates are judged as of the day the example was last checked, not the day this runs.
    let (code, stdout, stderr) = check_as_of(&example, "2026-12-04");
    assert_eq!(
        code, 0,
        "the documented example must always be valid: {stderr}"
    );
    assert!(
        !stderr.contains("warning"),
        "and free of warnings: {stderr}"
    );
    assert!(stdout.contains("example.ward-leaders"), "{stdout}");
}

/// A named pipe in a pack folder: reading it would wait for ever for a writer. `w2b pack
/// check` must name it and return. The watchdog only turns a hang into a failure (it asserts
/// nothing about how long the check takes).
#[cfg(unix)]
#[test]
fn a_pipe_in_a_pack_folder_is_named_and_never_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = dir.path().join("good");
    copy_dir(&fixtures().join("good"), &pack);
    let pipe = pack.join("basics").join("notes.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "a named pipe is made");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_w2b"))
        .args(["pack", "check", "--as-of", "2026-12-04"])
        .arg(&pack)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("w2b runs");
    let mut waited = 0;
    while child.try_wait().expect("waits").is_none() {
        if waited == 600 {
            child.kill().expect("killed");
            panic!("`w2b pack check` hung on a named pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        waited += 1;
    }
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "refused: {stderr}");
    assert!(
        stderr.contains("basics/notes.md: is a named pipe (FIFO), not an ordinary file"),
        "the pipe is named: {stderr}"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("listed") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copied");
        }
    }
}
