//! The appraisal bundle at a realistic large size: 10,000 entries (a busy decade) with 1,000
//! attachments of 50 to 200 KB, half text and half pictures (PNG-headed random bytes, which
//! do not compress). Measures writing the whole portfolio as one bundle and verifying it, and
//! prints the bundle's size and the peak memory (VmHWM) while writing and verifying once.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use w2b_core::bundle::{verify_bundle, write_bundle, BundleSelection};
use w2b_core::frameworks;
use w2b_core::portfolio::{BehaviourRating, CpdTime, EntryDraft, EntryKind};
use w2b_core::store::{Store, SCHEMA_VERSION};

mod generated;
use generated::{cached_store, Rng};

const ENTRIES: usize = 10_000;
const ATTACHMENT_EVERY: usize = 10;
/// Bump when the generated portfolio changes, so the cached database is rebuilt.
const GENERATOR: u32 = 1;

const WORDS: &[&str] = &[
    "ward",
    "budget",
    "rota",
    "handover",
    "matron",
    "agency",
    "staffing",
    "vacancy",
    "sickness",
    "appraisal",
    "governance",
    "risk",
    "incident",
    "escalation",
    "capacity",
    "discharge",
    "patient",
    "safety",
    "quality",
    "audit",
    "board",
    "finance",
    "forecast",
    "variance",
    "meeting",
    "team",
    "feedback",
    "culture",
    "training",
    "policy",
    "the",
    "and",
    "we",
    "our",
    "agreed",
    "reviewed",
    "changed",
    "learned",
    "after",
    "before",
    "with",
    "for",
];

/// An attachment of 50 to 200 KB: a text file of prose, or a PNG-headed picture of
/// random bytes (which, like a real photo, does not compress).
fn attachment(rng: &mut Rng, i: usize) -> (String, Vec<u8>) {
    let size = 50 * 1024 + rng.below(150 * 1024);
    if i.is_multiple_of(2) {
        let mut text = String::with_capacity(size + 200);
        while text.len() < size {
            text.push_str(&rng.words(WORDS, 40));
            text.push_str(".\n");
        }
        (format!("meeting notes {i}.txt"), text.into_bytes())
    } else {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        while bytes.len() < size {
            bytes.extend_from_slice(&rng.next().to_le_bytes());
        }
        (format!("whiteboard photo {i}.png"), bytes)
    }
}

fn build(dir: &Path) {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("valid time"));
    let store = Store::open(dir, now).unwrap_or_else(|e| panic!("opens: {e}"));
    store
        .sync_builtin_pack(now)
        .unwrap_or_else(|e| panic!("built-in pack: {e}"));
    let behaviours: Vec<String> = frameworks::builtin()
        .iter()
        .filter(|f| f.id == "cmpf")
        .flat_map(|f| f.items().into_iter().map(|i| i.id.to_owned()))
        .collect();
    let first_day = NaiveDate::from_ymd_opt(2016, 11, 24).unwrap_or_else(|| panic!("date"));
    let mut rng = Rng(0x0005_eedb_0d1e_2026);
    let started = Instant::now();
    for i in 0..ENTRIES {
        let mut body = String::new();
        for _ in 0..(3 + rng.below(3)) {
            let len = 50 + rng.below(31);
            body.push_str(&rng.words(WORDS, len));
            body.push_str(".\n\n");
        }
        let mut rated: Vec<BehaviourRating> = Vec::new();
        for _ in 0..rng.below(4) {
            let id = behaviours[rng.below(behaviours.len())].clone();
            if rated.iter().all(|r| r.behaviour_id != id) {
                rated.push(BehaviourRating {
                    framework_id: "cmpf".into(),
                    behaviour_id: id,
                    rating: 1 + rng.below(4) as u32,
                    justification: rng.words(WORDS, 20),
                });
            }
        }
        let kind = EntryKind::ALL[rng.below(EntryKind::ALL.len())];
        let date = first_day + chrono::Duration::days(rng.below(3_650) as i64);
        let new_uploads = if i.is_multiple_of(ATTACHMENT_EVERY) {
            let (name, bytes) = attachment(&mut rng, i / ATTACHMENT_EVERY);
            vec![
                store
                    .upload_attachment(&name, &bytes, now)
                    .unwrap_or_else(|e| panic!("uploads: {e}"))
                    .id,
            ]
        } else {
            vec![]
        };
        let title_len = 3 + rng.below(5);
        let draft = EntryDraft {
            kind,
            title: format!("{} {i}", rng.words(WORDS, title_len)),
            date: date.format("%Y-%m-%d").to_string(),
            body,
            reflection: None,
            tags: vec![WORDS[rng.below(WORDS.len())].to_owned()],
            cpd: CpdTime {
                clinical_minutes: 0,
                management_minutes: if kind == EntryKind::Cpd { 60 } else { 0 },
                participatory: false,
            },
            shadowing: None,
            feedback_source: None,
            behaviours: rated,
            lessons: vec![],
            keep_attachments: vec![],
            new_uploads,
        };
        store
            .save_entry(None, None, &draft, now)
            .unwrap_or_else(|e| panic!("saves entry {i}: {e}"));
    }
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
