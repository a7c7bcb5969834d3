//! The appraisal bundle at a realistic large size: 10,000 entries (a busy decade) with 1,000
//! attachments of 50 to 200 KB, half text and half pictures (PNG-headed random bytes, which
//! do not compress). Measures writing the whole portfolio as one bundle and verifying it, and
//! prints the bundle's size and the peak memory (VmHWM) while writing and verifying once.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use w2b_core::bundle::{verify_bundle, write_bundle, BundleSelection};
use w2b_core::store::{Store, SCHEMA_VERSION};

mod generated;
use generated::{cached_store, Rng};
#[path = "generated/bundle_portfolio.rs"]
mod bundle_portfolio;
use bundle_portfolio::{build_portfolio, Attachments};

const ENTRIES: usize = 10_000;
const ATTACHMENT_EVERY: usize = 10;
/// Bump when the generated portfolio changes, so the cached database is rebuilt.
const GENERATOR: u32 = 1;

fn build(dir: &Path) {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("valid time"));
    let started = Instant::now();
    let sizes = Attachments {
        every: ATTACHMENT_EVERY,
        min_bytes: 50 * 1024,
        spread_bytes: 150 * 1024,
    };
    build_portfolio(dir, now, ENTRIES, &sizes, None);
    eprintln!(
        "{ENTRIES} entries with {} attachments saved in {:.1} s",
        ENTRIES / ATTACHMENT_EVERY,
        started.elapsed().as_secs_f64()
    );
}

/// A fresh copy of the data folder; the portfolio is built once into the target folder.
fn filled() -> (tempfile::TempDir, Store) {
    cached_store(
        &format!("bundle-bench-g{GENERATOR}-s{SCHEMA_VERSION}-{ENTRIES}"),
        build,
    )
}

/// The process's peak resident memory so far, in MiB (Linux; 0 elsewhere).
fn peak_rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

/// Resets the peak to the current size, so the next reading is this step's own (Linux 4.0+).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Runs `step` once and prints the peak memory it reached, before and after.
fn measure_peak<T>(label: &str, step: impl FnOnce() -> T) -> T {
    reset_peak_rss();
    let before = peak_rss_mib();
    let started = Instant::now();
    let out = step();
    eprintln!(
        "{label}: {:.2} s, peak RSS {before} MiB before, {} MiB during",
        started.elapsed().as_secs_f64(),
        peak_rss_mib()
    );
    out
}

fn bundle(c: &mut Criterion) {
    let (dir, store) = filled();
    let now = Utc::now();
    let target = dir.path().join("whole-portfolio.w2bbundle");
    let all = BundleSelection {
        learner: "Bench Learner".into(),
        include_goals: true,
        ..BundleSelection::default()
    };
    let written = measure_peak("write (one run)", || {
        write_bundle(&store, &all, &target, now).unwrap_or_else(|e| panic!("writes: {e}"))
    });
    let attachments = written.manifest.files.len() - 2;
    let json = written.manifest.files[0].size;
    eprintln!(
        "bundle: {} MB on disk; {} files ({attachments} attachments); portfolio.json {} MB, \
         portfolio.html {} MB",
        written.bytes / 1_000_000,
        written.manifest.files.len() + 1,
        json / 1_000_000,
        written.manifest.files[1].size / 1_000_000
    );

    let mut group = c.benchmark_group(format!("bundle_{ENTRIES}_entries"));
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("write the whole portfolio", |b| {
        b.iter(|| {
            write_bundle(&store, black_box(&all), &target, now)
                .unwrap_or_else(|e| panic!("writes: {e}"))
        })
    });
    group.finish();
    verify(c, &target);
}

/// Verifying the bundle just written, as an appraiser's copy of the app does.
fn verify(c: &mut Criterion, target: &Path) {
    let verified = measure_peak("verify (one run)", || {
        verify_bundle(target).unwrap_or_else(|e| panic!("verifies: {e}"))
    });
    eprintln!(
        "verified {} entries, {} MB unpacked",
        verified.document.entries.len(),
        verified.total_bytes / 1_000_000
    );
    let mut group = c.benchmark_group(format!("bundle_{ENTRIES}_entries"));
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("verify the whole portfolio", |b| {
        b.iter(|| verify_bundle(black_box(target)).unwrap_or_else(|e| panic!("verifies: {e}")))
    });
    group.finish();
}

criterion_group!(benches, bundle);
criterion_main!(benches);
