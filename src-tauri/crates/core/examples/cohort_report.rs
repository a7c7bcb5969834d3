//! The cohort report at the scale of a large intake: `build DIR` writes 200 bundles of 1,000
//! entries each (once; kept), with the real bundle writer from a generated portfolio;
//! `report DIR OUT` makes the report over them as `w2b cohort report` does (verify each
//! bundle in turn, then the page, CSV and JSON) and prints the time it took as JSON. Run by
//! `benches/compare/steps/95-cohort.sh`, which measures the peak memory with /usr/bin/time -v.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use w2b_core::bundle::{write_bundle, BundleSelection};
use w2b_core::cohort::{render_html, report_on, to_csv};
use w2b_core::frameworks;
use w2b_core::portfolio::{BehaviourRating, CpdTime, EntryDraft, EntryKind};
use w2b_core::store::Store;

const BUNDLES: usize = 200;
const ENTRIES: usize = 1_000;

const WORDS: &[&str] = &[
    "ward",
    "budget",
    "rota",
    "handover",
    "matron",
    "agency",
    "staffing",
    "vacancy",
    "appraisal",
    "governance",
    "risk",
    "incident",
    "capacity",
    "discharge",
    "safety",
    "quality",
    "audit",
    "board",
    "finance",
    "forecast",
    "meeting",
    "team",
    "feedback",
    "culture",
    "the",
    "and",
    "we",
];

/// xorshift64: the same seed gives the same portfolios on every machine.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn fail(what: &str, e: impl std::fmt::Display) -> ! {
    eprintln!("{what}: {e}");
    std::process::exit(1)
}

/// One learner's portfolio of `ENTRIES` entries (a page of text each, up to three ratings
/// against the app's framework), from the learner's own seed.
fn portfolio(store: &Store, seed: u64) {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let behaviours: Vec<String> = frameworks::builtin()
        .iter()
        .filter(|f| f.id == "cmpf")
        .flat_map(|f| f.items().into_iter().map(|i| i.id.to_owned()))
        .collect();
    let first_day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let mut rng = Rng(seed);
    for i in 0..ENTRIES {
        let kind = EntryKind::ALL[rng.below(EntryKind::ALL.len())];
        let mut rated: Vec<BehaviourRating> = Vec::new();
        // Learners differ in what they evidence: each leans on a part of the framework.
        let lean = (seed as usize) % behaviours.len();
        for _ in 0..rng.below(4) {
            let id =
                behaviours[(lean + rng.below(behaviours.len() / 2)) % behaviours.len()].clone();
            if rated.iter().all(|r| r.behaviour_id != id) {
                rated.push(BehaviourRating {
                    framework_id: "cmpf".into(),
                    behaviour_id: id,
                    rating: 1 + rng.below(4) as u32,
                    justification: rng.words(12),
                });
            }
        }
        let date = first_day + Duration::days(rng.below(1_000) as i64);
        let draft = EntryDraft {
            kind,
            title: format!("{} {i}", rng.words(4)),
            date: date.format("%Y-%m-%d").to_string(),
            body: format!("{}.\n\n{}.", rng.words(120), rng.words(120)),
            reflection: None,
            tags: vec![rng.words(1)],
            cpd: CpdTime {
                clinical_minutes: 0,
                management_minutes: if kind == EntryKind::Cpd { 60 } else { 0 },
                participatory: i % 3 == 0,
            },
            shadowing: None,
            feedback_source: None,
            behaviours: rated,
            lessons: vec![],
            keep_attachments: vec![],
            new_uploads: vec![],
        };
        if let Err(e) = store.save_entry(None, None, &draft, now) {
            fail("saves an entry", e);
        }
    }
}

/// Writes the bundles into `dir` once: eight learners' portfolios, each exported 25 times
/// under 25 names (every export is a bundle of its own, with its own id).
fn build(dir: &Path) {
    if dir.with_extension("done").exists() {
        eprintln!("{} bundles already in {}", BUNDLES, dir.display());
        return;
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap_or_else(|e| fail("makes the folder", e));
    let started = Instant::now();
    let now = Utc
        .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let portfolios = 8;
    for p in 0..portfolios {
        let data = tempfile::tempdir().unwrap_or_else(|e| fail("temp dir", e));
        let store = Store::open(data.path(), now).unwrap_or_else(|e| fail("opens", e));
        if let Err(e) = store.sync_builtin_pack(now) {
            fail("installs the built-in pack", e);
        }
        portfolio(&store, 0x5eed_0000 + p as u64 * 7_919);
        for n in (p..BUNDLES).step_by(portfolios) {
            let selection = BundleSelection {
                learner: format!("Learner {n:03}"),
                include_learning: n % 2 == 0,
                ..BundleSelection::default()
            };
            let target = dir.join(format!("learner-{n:03}.w2bbundle"));
            if let Err(e) = write_bundle(&store, &selection, &target, now) {
                fail("writes a bundle", e);
            }
        }
        eprintln!("portfolio {} of {portfolios} exported", p + 1);
    }
    std::fs::write(dir.with_extension("done"), b"").unwrap_or_else(|e| fail("marks it done", e));
    eprintln!(
        "{BUNDLES} bundles of {ENTRIES} entries written in {:.0} s",
        started.elapsed().as_secs_f64()
    );
}

fn report(dir: &Path, out: &Path) {
    let started = Instant::now();
    let generated = "2026-12-07T21:00:00.000Z";
    let report =
        report_on(&[dir.to_owned()], None, generated).unwrap_or_else(|e| fail("reports", e));
    std::fs::create_dir_all(out).unwrap_or_else(|e| fail("makes the output folder", e));
    let write = |name: &str, bytes: &[u8]| {
        w2b_core::atomic::write(&out.join(name), bytes).unwrap_or_else(|e| fail(name, e));
    };
    write("cohort.html", render_html(&report).as_bytes());
    write("cohort.csv", to_csv(&report).as_bytes());
    let json = serde_json::to_vec(&report).unwrap_or_else(|e| fail("json", e));
    write("cohort.json", &json);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{{\"learners\":{},\"refused\":{},\"seconds\":{seconds:.3}}}",
        report.learners.len(),
        report.refused.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [_, "build", dir] => build(&PathBuf::from(dir)),
        [_, "report", dir, out] => report(&PathBuf::from(dir), &PathBuf::from(out)),
        _ => fail("usage", "cohort_report build DIR | report DIR OUT"),
    }
}
