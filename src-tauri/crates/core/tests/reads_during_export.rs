//! Reads never wait on a long read: while a bundle of 10,000 entries streams out, a search
//! of the portfolio still answers. A real database file, as the app uses it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use w2b_core::bundle::{write_bundle, BundleSelection};
use w2b_core::portfolio::{EntryDraft, EntryKind, EntryQuery};
use w2b_core::store::Store;

const ENTRIES: usize = 10_000;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("a valid instant"))
}

/// A portfolio of `ENTRIES` entries, one a day, each with a few paragraphs of text.
fn filled_store(dir: &std::path::Path) -> Store {
    let store = Store::open(dir, now()).unwrap_or_else(|e| panic!("opens: {e}"));
    let first_day = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_else(|| panic!("a date"));
    let paragraph = "We reviewed the rota and the agency budget with the matron, and agreed \
                     who escalates a staffing gap after handover. ";
    for i in 0..ENTRIES {
        let date = (first_day + chrono::Duration::days(i as i64)).format("%Y-%m-%d");
        let draft = EntryDraft {
            body: paragraph.repeat(6),
            tags: vec!["rota".into()],
            ..EntryDraft::new(
                EntryKind::Reflection,
                format!("Ward meeting {i}"),
                date.to_string(),
            )
        };
        store
            .save_entry(None, None, &draft, now())
            .unwrap_or_else(|e| panic!("saves entry {i}: {e}"));
    }
    store
}

#[test]
fn a_search_answers_while_a_large_bundle_is_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let store = filled_store(dir.path());
    let target = dir.path().join("portfolio.w2b");
    let selection = BundleSelection {
        learner: "Sam Carter".into(),
        ..BundleSelection::default()
    };
    let exported = AtomicBool::new(false);
    let (streaming, started) = mpsc::channel();
    thread::scope(|scope| {
        let export = scope.spawn(|| {
            // Signal once the portfolio has been read and the archive is being written: the
            // temporary file is there from then until the rename at the end.
            streaming
                .send(())
                .unwrap_or_else(|e| panic!("the test waits: {e}"));
            let written = write_bundle(&store, &selection, &target, now());
            exported.store(true, Ordering::SeqCst);
            written
        });
        started
            .recv()
            .unwrap_or_else(|e| panic!("the export starts: {e}"));
        while !export.is_finished() && !partial_file_exists(dir.path()) {
            thread::yield_now();
        }
        let found = store
            .find_entries(&EntryQuery {
                text: "escalates".into(),
                ..EntryQuery::default()
            })
            .unwrap_or_else(|e| panic!("searches: {e}"));
        let answered_during_export = !exported.load(Ordering::SeqCst);
        assert_eq!(
            found.total as usize, ENTRIES,
            "every entry mentions the word searched for"
        );
        assert!(
            answered_during_export,
            "the search answered while the export was still streaming, not after it"
        );
        let bundle = export
            .join()
            .unwrap_or_else(|_| panic!("the export thread finishes"))
            .unwrap_or_else(|e| panic!("the bundle is written: {e}"));
        assert_eq!(
            bundle.path, target,
            "the bundle is saved under its own name"
        );
    });
}

/// Whether the bundle writer's temporary file (`portfolio.w2b.partial-…`) is in `dir`.
fn partial_file_exists(dir: &std::path::Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|files| {
        files
            .flatten()
            .any(|f| f.file_name().to_string_lossy().contains(".partial-"))
    })
}
