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

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use w2b_core::bundle::{export_bundle, write_bundle, BundleSelection};
use w2b_core::frameworks;
use w2b_core::portfolio::{BehaviourRating, CpdTime, EntryDraft, EntryKind, EntryQuery};
use w2b_core::store::{Store, DATABASE_FILE};

#[path = "../benches/generated/rng.rs"]
mod rng;
use rng::Rng;

const ENTRIES: usize = 10_000;
const ATTACHMENT_EVERY: usize = 10;
/// Attachments of 250 to 750 KB: 1,000 of them come to about 500 MB.
const ATTACHMENT_MIN: usize = 250 * 1024;
const ATTACHMENT_SPREAD: usize = 500 * 1024;

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

/// An attachment: prose (compresses) or PNG-headed random bytes (does not), alternately.
fn attachment(rng: &mut Rng, i: usize) -> (String, Vec<u8>) {
    let size = ATTACHMENT_MIN + rng.below(ATTACHMENT_SPREAD);
    if i.is_multiple_of(2) {
        let mut text = String::with_capacity(size + 400);
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
    let store = Store::open(dir, now()).unwrap_or_else(|e| panic!("opens: {e}"));
    store
        .sync_builtin_pack(now())
        .unwrap_or_else(|e| panic!("built-in pack: {e}"));
    let files = dir.join("files");
    std::fs::create_dir_all(&files).unwrap_or_else(|e| panic!("files folder: {e}"));
    let behaviours: Vec<String> = frameworks::builtin()
        .iter()
        .filter(|f| f.id == "cmpf")
        .flat_map(|f| f.items().into_iter().map(|i| i.id.to_owned()))
        .collect();
    let first_day = NaiveDate::from_ymd_opt(2016, 11, 24).unwrap_or_else(|| panic!("date"));
    let mut rng = Rng(0x0005_eedb_0d1e_2026);
    let started = Instant::now();
    let mut attached = 0u64;
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
            std::fs::write(files.join(&name), &bytes).unwrap_or_else(|e| panic!("file: {e}"));
            attached += bytes.len() as u64;
            let upload = store
                .upload_attachment(&name, &bytes, now())
                .unwrap_or_else(|e| panic!("uploads: {e}"));
            vec![upload.id]
        } else {
            vec![]
        };
        let title_len = 3 + rng.below(5);
        let draft = EntryDraft {
            title: format!("{} {i}", rng.words(WORDS, title_len)),
            body,
            tags: vec![WORDS[rng.below(WORDS.len())].to_owned()],
            cpd: CpdTime {
                clinical_minutes: 0,
                management_minutes: if kind == EntryKind::Cpd { 60 } else { 0 },
                participatory: false,
            },
            behaviours: rated,
            new_uploads,
            ..EntryDraft::new(kind, String::new(), date.format("%Y-%m-%d").to_string())
        };
        store
            .save_entry(None, None, &draft, now())
            .unwrap_or_else(|e| panic!("saves entry {i}: {e}"));
    }
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
