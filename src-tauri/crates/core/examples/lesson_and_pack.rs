//! The lesson and pack rows of `make bench-compare` (`benches/compare/steps/70-render.sh`):
//! prints JSON lines, one a figure, each with its floor.
//!
//! - Opening the longest built-in lesson (`Store::lesson`: read, render, sanitise), against
//!   pulldown-cmark alone turning the same Markdown into HTML with the same extensions.
//! - Importing a pack of 1,000 lessons from its archive file's bytes into a new database
//!   (unpack and check the archive, parse the pack, write it in one transaction), against
//!   raw SQLite writing the same lessons' Markdown into a bare table in one transaction.
//!
//! Each figure is the median of several runs, after a warm-up run.

use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};
use pulldown_cmark::{html, Options, Parser};
use w2b_core::packs::{builtin_pack_files, parse_pack, PackFiles};
use w2b_core::store::{Store, BUILTIN_PACK_ID};

#[path = "../benches/common/mod.rs"]
mod common;

const LESSON_RUNS: usize = 101;
const IMPORT_RUNS: usize = 5;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("a valid instant"))
}

/// The median of `runs` runs of `step`, each returning the milliseconds it measured, after
/// one run whose figure is dropped.
fn median_ms(runs: usize, mut step: impl FnMut() -> f64) -> f64 {
    step();
    let mut times: Vec<f64> = (0..runs).map(|_| step()).collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// The milliseconds `step` takes.
fn timed(step: impl FnOnce()) -> f64 {
    let started = Instant::now();
    step();
    started.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    lesson_open();
    pack_import();
}

fn lesson_open() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let store = Store::open(dir.path(), now()).unwrap_or_else(|e| panic!("opens: {e}"));
    store
        .sync_builtin_pack(now())
        .unwrap_or_else(|e| panic!("built-in pack: {e}"));
    let pack = parse_pack(&builtin_pack_files()).unwrap_or_else(|e| panic!("built-in: {e}"));
    let longest = pack
        .modules
        .iter()
        .flat_map(|m| &m.lessons)
        .max_by_key(|l| l.body.len())
        .unwrap_or_else(|| panic!("the built-in pack has lessons"));
    let opened = median_ms(LESSON_RUNS, || {
        timed(|| {
            store
                .lesson(BUILTIN_PACK_ID, &longest.meta.id)
                .unwrap_or_else(|e| panic!("opens the lesson: {e}"));
        })
    });
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
        | Options::ENABLE_FOOTNOTES;
    let floor = median_ms(LESSON_RUNS, || {
        timed(|| {
            let mut out = String::with_capacity(longest.body.len() * 2);
            html::push_html(&mut out, Parser::new_ext(&longest.body, options));
            std::hint::black_box(out);
        })
    });
    row(
        "lesson open: read, render, sanitise",
        &format!(
            "longest built-in lesson, {} KB ({})",
            longest.body.len() / 1024,
            longest.meta.id
        ),
        opened,
        "ms",
        "pulldown-cmark alone, same text",
        floor,
        "under 30 ms",
        opened < 30.0,
    );
}

fn pack_import() {
    let files = common::large_pack();
    let archive = files
        .to_archive()
        .unwrap_or_else(|e| panic!("builds the archive: {e}"));
    let lessons: Vec<String> = parse_pack(&files)
        .unwrap_or_else(|e| panic!("the bench pack is valid: {e}"))
        .modules
        .into_iter()
        .flat_map(|m| m.lessons)
        .map(|l| l.body)
        .collect();
    let imported = median_ms(IMPORT_RUNS, || {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let store = Store::open(dir.path(), now()).unwrap_or_else(|e| panic!("opens: {e}"));
        // Opening the store and removing the folder are not part of an import.
        timed(|| {
            let files = PackFiles::from_archive_bytes(&archive)
                .unwrap_or_else(|e| panic!("reads the archive: {e}"));
            let pack = parse_pack(&files).unwrap_or_else(|e| panic!("checks: {e}"));
            store
                .import_pack(&pack, false, now())
                .unwrap_or_else(|e| panic!("imports: {e}"));
        })
    });
    let floor = median_ms(IMPORT_RUNS, || {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let mut conn = rusqlite::Connection::open(dir.path().join("floor.sqlite3"))
            .unwrap_or_else(|e| panic!("opens: {e}"));
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
             CREATE TABLE lessons (id INTEGER PRIMARY KEY, body_md TEXT NOT NULL);",
        )
        .unwrap_or_else(|e| panic!("creates: {e}"));
        timed(|| {
            let tx = conn.transaction().unwrap_or_else(|e| panic!("begins: {e}"));
            for body in &lessons {
                tx.execute("INSERT INTO lessons (body_md) VALUES (?1)", [body])
                    .unwrap_or_else(|e| panic!("inserts: {e}"));
            }
            tx.commit().unwrap_or_else(|e| panic!("commits: {e}"));
        })
    });
    row(
        "pack import from its archive",
        &format!(
            "1,000 lessons, {} MB of Markdown, archive {} KB",
            lessons.iter().map(String::len).sum::<usize>() / 1_000_000,
            archive.len() / 1000
        ),
        imported,
        "ms",
        "raw SQLite: the same Markdown into a bare table, one transaction",
        floor,
        "under 1,000 ms",
        imported < 1000.0,
    );
}

#[allow(clippy::too_many_arguments)]
fn row(
    measure: &str,
    size: &str,
    value: f64,
    unit: &str,
    floor: &str,
    floor_value: f64,
    goal: &str,
    met: bool,
) {
    let line = serde_json::json!({
        "measure": measure,
        "size": size,
        "value": (value * 100.0).round() / 100.0,
        "unit": unit,
        "floor": floor,
        "floor_value": (floor_value * 100.0).round() / 100.0,
        "goal": goal,
        "met": met,
    });
    println!("{line}");
}
