//! `w2b portfolio import --from leap2a` and `w2b portfolio export --to leap2a` through the real
//! binary, against the fixtures under tests/fixtures/leap2a: a preview writes nothing, an
//! import is not repeated, an export comes back in a fresh data folder, and hostile files are
//! refused with the data folder unchanged.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

mod common;

use common::w2b;

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/leap2a")
        .join(name)
}

fn text(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn import(file: &Path, data: &Path, yes: bool) -> (i32, String, String) {
    let mut args = vec![
        "portfolio",
        "import",
        "--from",
        "leap2a",
        "--data-dir",
        text(data),
        text(file),
    ];
    if yes {
        args.push("--yes");
    }
    w2b(&args)
}

/// Entry titles in the data folder, in the order they were saved.
fn titles(data: &Path) -> Vec<String> {
    let database = data.join(w2b_core::store::DATABASE_FILE);
    if !database.exists() {
        return Vec::new();
    }
    let conn = rusqlite::Connection::open(database).expect("database opens");
    let mut statement = conn
        .prepare("SELECT title FROM entries ORDER BY id")
        .expect("prepared");
    statement
        .query_map([], |r| r.get(0))
        .expect("queried")
        .collect::<Result<_, _>>()
        .expect("read")
}

#[test]
fn a_preview_writes_nothing_and_an_import_is_not_repeated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let feed = fixture("mahara-journal/leap2a.xml");

    let (code, stdout, stderr) = import(&feed, &data, false);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("New entries (4):"), "{stdout}");
    assert!(
        stdout.contains("2025-02-13  Running my first budget meeting  [tags: finance, budget]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("is a leap2:person"),
        "the profile is named as left out: {stdout}"
    );
    assert!(stdout.contains("Nothing was written"), "{stdout}");
    assert!(titles(&data).is_empty(), "the preview saved nothing");

    let (code, stdout, stderr) = import(&feed, &data, true);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Imported 4 entries (0 already there)."),
        "{stdout}"
    );
    assert_eq!(titles(&data).len(), 4);

    let (code, stdout, _) = import(&feed, &data, true);
    assert_eq!(code, 0);
    assert!(stdout.contains("Already imported (4):"), "{stdout}");
    assert!(
        stdout.contains("Imported 0 entries (4 already there)."),
        "{stdout}"
    );
    assert_eq!(titles(&data).len(), 4, "the second import created nothing");
}

#[test]
fn an_export_comes_back_in_a_fresh_data_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (from, to) = (dir.path().join("from"), dir.path().join("to"));
    let (code, _, stderr) = import(&fixture("mahara-journal/leap2a.xml"), &from, true);
    assert_eq!(code, 0, "{stderr}");
    let out = dir.path().join("portfolio-leap2a.zip");
    let (code, stdout, stderr) = w2b(&[
        "portfolio",
        "export",
        "--to",
        "leap2a",
        "--data-dir",
        text(&from),
        text(&out),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("(4 entries, 0 files"), "{stdout}");
    assert!(out.exists(), "the zip is written");

    let (code, stdout, stderr) = import(&out, &to, true);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Imported 4 entries"), "{stdout}");
    let (mut a, mut b) = (titles(&from), titles(&to));
    a.sort();
    b.sort();
    assert_eq!(a, b, "the same entries arrive");
}

#[test]
fn hostile_files_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let (code, _, stderr) = import(&fixture("mahara-journal/leap2a.xml"), &data, true);
    assert_eq!(code, 0, "{stderr}");
    for (name, says) in [
        (
            "hostile/traversal-parent.xml",
            "the file link `../../outside.txt` leaves",
        ),
        ("hostile/billion-laughs.xml", "line 2: has a DOCTYPE"),
        ("hostile/external-entity.xml", "line 2: has a DOCTYPE"),
        ("hostile/invalid-utf8.xml", "line 8: byte"),
    ] {
        let (code, stdout, stderr) = import(&fixture(name), &data, true);
        assert_eq!(code, 1, "{name}: {stdout}{stderr}");
        assert!(stderr.contains(says), "{name}: {stderr}");
        assert!(stderr.contains("Nothing was imported"), "{name}: {stderr}");
        assert_eq!(titles(&data).len(), 4, "{name}: nothing was added");
    }
    let (code, _, stderr) = import(&dir.path().join("absent.zip"), &data, false);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("absent.zip cannot be read"), "{stderr}");
}
