//! `w2b cohort report` through the real binary, over bundles written here by the real bundle
//! writer from a real store: 200 bundles with hostile ones among them, a file that is not a
//! bundle, an empty folder, the same learner twice, and the CSV and JSON beside the page.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use common::w2b;
use w2b_core::bundle::{write_bundle, BundleSelection};
use w2b_core::portfolio::{EntryDraft, EntryKind};
use w2b_core::store::Store;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 9, 30, 0)
        .single()
        .expect("valid time")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/bundles")
        .join(format!("{name}.w2bbundle"))
}

fn text(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A store with a few entries, from which `learners` bundles are exported into `folder`, one
/// per learner name (each export is a bundle of its own, with its own id).
fn export_cohort(folder: &Path, learners: usize) {
    let data = tempfile::tempdir().expect("temp dir");
    let store = Store::open(data.path(), at(1)).expect("opens");
    for (i, kind) in [EntryKind::Reflection, EntryKind::Cpd, EntryKind::Feedback]
        .into_iter()
        .enumerate()
    {
        let draft = EntryDraft {
            body: "What happened.".into(),
            ..EntryDraft::new(kind, format!("Entry {i}"), format!("2026-0{}-10", i + 3))
        };
        store.save_entry(None, None, &draft, at(2)).expect("saves");
    }
    for n in 0..learners {
        let selection = BundleSelection {
            learner: format!("Learner {n:03}"),
            ..BundleSelection::default()
        };
        let target = folder.join(format!("learner-{n:03}.w2bbundle"));
        write_bundle(&store, &selection, &target, at(4)).expect("writes");
    }
}

fn report(args: &[&str], out: &Path) -> (i32, String, String, String) {
    let html = out.join("cohort.html");
    let mut all = vec!["cohort", "report"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", text(&html)]);
    let (code, stdout, stderr) = w2b(&all);
    let page = std::fs::read_to_string(&html).unwrap_or_default();
    (code, stdout, stderr, page)
}

#[test]
fn two_hundred_bundles_with_hostile_ones_among_them_are_all_accounted_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("intake");
    std::fs::create_dir(&folder).expect("folder");
    export_cohort(&folder, 196);
    std::fs::copy(fixture("traversal"), folder.join("traversal.w2bbundle")).expect("copy");
    std::fs::copy(fixture("bomb"), folder.join("bomb.w2bbundle")).expect("copy");
    std::fs::copy(
        fixture("malformed-portfolio"),
        folder.join("wrong-json.w2bbundle"),
    )
    .expect("copy");
    let whole = std::fs::read(folder.join("learner-000.w2bbundle")).expect("reads");
    std::fs::write(
        folder.join("truncated.w2bbundle"),
        &whole[..whole.len() / 3],
    )
    .expect("cut");
    let csv = dir.path().join("cohort.csv");
    let json = dir.path().join("cohort.json");

    let (code, stdout, stderr, page) = report(
        &[text(&folder), "--csv", text(&csv), "--json", text(&json)],
        dir.path(),
    );
    assert_eq!(code, 1, "written, with bundles refused: {stderr}");
    assert!(
        stdout.contains("Reported on 196 of 200 bundles"),
        "{stdout}"
    );
    for (file, why) in [
        ("traversal.w2bbundle", "leaves its folder"),
        ("bomb.w2bbundle", "compression bomb"),
        ("wrong-json.w2bbundle", "portfolio.json cannot be read"),
        ("truncated.w2bbundle", "not a Ward to Board bundle"),
    ] {
        // Each refused bundle is a block: its path, then the reason indented below it.
        let block = stderr
            .split("\n- ")
            .find(|b| b.lines().next().is_some_and(|l| l.ends_with(file)))
            .unwrap_or_else(|| panic!("{file} is named on stderr: {stderr}"));
        assert!(block.contains(why), "{file} refused because {why}: {block}");
        assert!(
            page.contains(file),
            "{file} is listed in the report's refused table"
        );
    }
    assert!(page.contains("<caption>Bundles refused, with the reason</caption>"));
    assert!(
        page.contains("Learner 000") && page.contains("Learner 195"),
        "the good bundles, first to last, are rows of the report"
    );
    let csv = std::fs::read_to_string(&csv).expect("the CSV is written");
    assert_eq!(
        csv.lines().count(),
        201,
        "a header and one row per bundle, refused included"
    );
    assert_eq!(csv.lines().filter(|l| l.contains(",refused,")).count(), 4);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("JSON")).expect("parses");
    assert_eq!(json["learners"].as_array().map(Vec::len), Some(196));
    assert_eq!(json["refused"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        json["learners"][0]["learning"],
        serde_json::Value::Null,
        "not shared"
    );
}

#[test]
fn a_file_that_is_not_a_bundle_is_refused_and_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    export_cohort(dir.path(), 1);
    let notes = dir.path().join("notes.docx");
    std::fs::write(&notes, b"PK\x03\x04 not really").expect("writes");
    let (code, _, stderr, page) = report(
        &[
            text(&dir.path().join("learner-000.w2bbundle")),
            text(&notes),
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("notes.docx\n") && stderr.contains("not a Ward to Board bundle"),
        "{stderr}"
    );
    assert!(
        page.contains("Learner 000"),
        "the bundle beside it is still reported"
    );
}

#[test]
fn an_empty_folder_writes_nothing_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("folder");
    let (code, _, stderr, page) = report(&[text(&empty)], dir.path());
    assert_eq!(code, 2, "nothing to report on");
    assert!(
        stderr.contains("No bundles found") && stderr.contains("empty"),
        "{stderr}"
    );
    assert!(page.is_empty(), "no report was written");
    assert!(!dir.path().join("cohort.html").exists());
}

#[test]
fn the_same_learner_twice_is_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("intake");
    std::fs::create_dir(&folder).expect("folder");
    export_cohort(&folder, 2);
    std::fs::copy(
        folder.join("learner-001.w2bbundle"),
        folder.join("learner-001-resent.w2bbundle"),
    )
    .expect("copy");
    let (code, stdout, stderr, page) = report(&[text(&folder)], dir.path());
    assert_eq!(code, 0, "every bundle reported on: {stderr}");
    assert!(
        stdout.contains("The same learner, Learner 001, is in 2 bundles"),
        "{stdout}"
    );
    assert!(page.contains("Things to check") && page.contains("copies of the same bundle"));
}

#[test]
fn a_scheme_framework_that_does_not_parse_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    export_cohort(dir.path(), 1);
    let fw = dir.path().join("scheme.toml");
    std::fs::write(&fw, "id = ").expect("writes");
    let (code, _, stderr, page) = report(
        &[
            text(&dir.path().join("learner-000.w2bbundle")),
            "--framework",
            text(&fw),
        ],
        dir.path(),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("scheme.toml"),
        "the framework's problems are named: {stderr}"
    );
    assert!(page.is_empty(), "no report was written");
}
