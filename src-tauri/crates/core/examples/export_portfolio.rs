//! The export benchmark's program (`benches/compare/steps/50-export.sh`): builds a large
//! portfolio once, then exports it in a process of its own, so `/usr/bin/time -v` reads the
//! export's own peak memory and nothing of the building.
//!
//! ```text
//! export_portfolio build DIR         10,000 entries with 1,000 attachments (about 500 MB) in
//!                                    DIR (kept; nothing is done when it is there), and the
//!                                    same attachments as plain files in DIR/files (the floor)
//! export_portfolio export DIR OUT    the app's export (write, verify, page beside, record)
//!                                    into OUT, while a second thread searches the portfolio;
//!                                    prints one JSON line of figures
//! export_portfolio write DIR FILE    writing the bundle alone (no verification), for its
//!                                    own peak memory; prints its time in seconds
//! ```

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};
use w2b_core::bundle::{export_bundle, write_bundle, BundleSelection};
use w2b_core::portfolio::EntryQuery;
use w2b_core::store::{Store, DATABASE_FILE};

#[path = "../benches/generated/rng.rs"]
mod rng;
use rng::Rng;
#[path = "../benches/generated/bundle_portfolio.rs"]
mod bundle_portfolio;
use bundle_portfolio::{build_portfolio, Attachments};

const ENTRIES: usize = 10_000;
const ATTACHMENT_EVERY: usize = 10;
/// Attachments of 250 to 750 KB: 1,000 of them come to about 500 MB.
const ATTACHMENT_MIN: usize = 250 * 1024;
const ATTACHMENT_SPREAD: usize = 500 * 1024;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("a valid instant"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["build", dir] => build_once(Path::new(dir)),
        ["export", dir, out] => export(Path::new(dir), Path::new(out)),
        ["write", dir, file] => write_only(Path::new(dir), Path::new(file)),
        _ => {
            eprintln!(
                "usage: export_portfolio build DIR | export_portfolio export DIR OUT | \
                 export_portfolio write DIR FILE"
            );
            std::process::exit(2);
        }
    }
}

fn build_once(dir: &Path) {
    if dir.join(DATABASE_FILE).exists() {
        return;
    }
    let partial = dir.with_extension("partial");
    let _ = std::fs::remove_dir_all(&partial);
    build(&partial);
    std::fs::rename(&partial, dir).unwrap_or_else(|e| panic!("keeps the build: {e}"));
}

fn build(dir: &Path) {
    let started = Instant::now();
    let sizes = Attachments {
        every: ATTACHMENT_EVERY,
        min_bytes: ATTACHMENT_MIN,
        spread_bytes: ATTACHMENT_SPREAD,
    };
    let attached = build_portfolio(dir, now(), ENTRIES, &sizes, Some(&dir.join("files")));
    eprintln!(
        "{ENTRIES} entries with {} attachments ({} MB) saved in {:.1} s",
        ENTRIES / ATTACHMENT_EVERY,
        attached / 1_000_000,
        started.elapsed().as_secs_f64()
    );
}

fn export(dir: &Path, out: &Path) {
    let store = Store::open(dir, now()).unwrap_or_else(|e| panic!("opens: {e}"));
    let selection = BundleSelection {
        learner: "Bench Learner".into(),
        include_goals: true,
        ..BundleSelection::default()
    };
    let query = EntryQuery {
        text: "escalation".into(),
        ..EntryQuery::default()
    };
    let search = || {
        let started = Instant::now();
        store
            .find_entries(&query)
            .unwrap_or_else(|e| panic!("searches: {e}"));
        started.elapsed().as_secs_f64() * 1000.0
    };
    // The same search with nothing else running: the floor for the reads during the export.
    let mut idle: Vec<f64> = (0..50).map(|_| search()).collect();
    let done = AtomicBool::new(false);
    let (exported, seconds, reads) = std::thread::scope(|scope| {
        // A screen's read meanwhile: the search, as often as it answers, until the export ends.
        let reading = scope.spawn(|| {
            let mut times = Vec::new();
            while !done.load(Ordering::SeqCst) {
                times.push(search());
            }
            times
        });
        let started = Instant::now();
        let exported = export_bundle(&store, &selection, out, now());
        let seconds = started.elapsed().as_secs_f64();
        done.store(true, Ordering::SeqCst);
        let reads = reading.join().unwrap_or_else(|_| panic!("the reader ran"));
        (exported, seconds, reads)
    });
    let exported = exported.unwrap_or_else(|e| panic!("exports: {e}"));
    let mut reads = reads;
    let busy_p95 = p95(&mut reads);
    let idle_p95 = p95(&mut idle);
    let slowest = reads.last().copied().unwrap_or(0.0);
    let bundle = PathBuf::from(&exported.path);
    println!(
        "{{\"seconds\": {seconds:.3}, \"bytes\": {}, \"entries\": {}, \"bundle\": {:?}, \
         \"reads\": {}, \"read_p95_ms\": {busy_p95:.2}, \"read_max_ms\": {slowest:.2}, \
         \"idle_read_p95_ms\": {idle_p95:.2}}}",
        exported.bytes,
        exported.entries,
        bundle.display().to_string(),
        reads.len(),
    );
}

fn write_only(dir: &Path, file: &Path) {
    let store = Store::open(dir, now()).unwrap_or_else(|e| panic!("opens: {e}"));
    let selection = BundleSelection {
        learner: "Bench Learner".into(),
        include_goals: true,
        ..BundleSelection::default()
    };
    let started = Instant::now();
    write_bundle(&store, &selection, file, now()).unwrap_or_else(|e| panic!("writes: {e}"));
    println!("{:.3}", started.elapsed().as_secs_f64());
}

/// The 95th percentile of `times` (sorted here), in their unit.
fn p95(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    let at = (times.len() * 95 / 100).min(times.len().saturating_sub(1));
    times.get(at).copied().unwrap_or(0.0)
}
