//! The NMC revalidation record set from a portfolio of 500 entries over three years (CPD with
//! participatory time, feedback, NMC reflective accounts with four long parts, other kinds)
//! and a practice hours log: reading the cycle's entries, the privacy check, assembling the
//! records, laying them out and writing the PDF. The goal is under 2 s.

use std::hint::black_box;
use std::time::Duration;

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use w2b_core::portfolio::{
    CpdTime, EntryDraft, EntryKind, FeedbackSource, Reflection, ReflectionSection,
    ReflectionTemplate,
};
use w2b_core::revalidation::records::{nmc_layout, PRACTICE_HOURS};
use w2b_core::typeset::write_pdf;

// Only its seeded random source: this portfolio is small enough to build on each run.
#[allow(dead_code)]
mod generated;
use generated::Rng;

const ENTRIES: usize = 500;
const WORDS: &[&str] = &[
    "ward",
    "rota",
    "handover",
    "Siobhán",
    "Zoë",
    "Nguyễn",
    "budget",
    "staffing",
    "safety",
    "learned",
    "patients",
    "team",
    "escalation",
    "audit",
    "discharge",
    "the",
    "and",
    "we",
];

fn draft(rng: &mut Rng, n: usize, start: NaiveDate) -> EntryDraft {
    let date = start + chrono::Duration::days((n * 1095 / ENTRIES) as i64);
    let title = format!("{} {n}", rng.words(WORDS, 4));
    let mut d = match n % 4 {
        0 => {
            let mut d = EntryDraft::new(EntryKind::Cpd, title, date.to_string());
            d.cpd = CpdTime {
                clinical_minutes: 30 + 15 * (n % 5) as u32,
                management_minutes: 60,
                participatory: n.is_multiple_of(3),
            };
            d
        }
        1 => {
            let mut d = EntryDraft::new(EntryKind::Feedback, title, date.to_string());
            d.feedback_source = Some(FeedbackSource::Colleague);
            d
        }
        2 => {
            let mut d = EntryDraft::new(EntryKind::Reflection, title, date.to_string());
            d.reflection = Some(Reflection {
                template: ReflectionTemplate::Nmc,
                sections: ["nature", "learning", "change", "code"]
                    .map(|id| ReflectionSection {
                        id: id.into(),
                        text: rng.words(WORDS, 120),
                    })
                    .into(),
                code_themes: vec!["prioritise_people".into(), "preserve_safety".into()],
            });
            d
        }
        _ => EntryDraft::new(EntryKind::ManagementTask, title, date.to_string()),
    };
    d.body = rng.words(WORDS, 80);
    d
}

fn bench(c: &mut Criterion) {
    let now = Utc
        .with_ymd_and_hms(2027, 4, 1, 9, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("time"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let store =
        w2b_core::store::Store::open(dir.path(), now).unwrap_or_else(|e| panic!("opens: {e}"));
    let start = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap_or_else(|| panic!("date"));
    let mut rng = Rng(0x5eed);
    for n in 0..ENTRIES {
        store
            .save_entry(None, None, &draft(&mut rng, n, start), now)
            .unwrap_or_else(|e| panic!("saves: {e}"));
    }
    for year in 2024..2027 {
        store
            .add_practice_hours(
                &format!("{year}-05-01"),
                &format!("{}-04-30", year + 1),
                480.0,
                "Ward manager",
                now,
            )
            .unwrap_or_else(|e| panic!("hours: {e}"));
    }
    let end = NaiveDate::from_ymd_opt(2027, 4, 30).unwrap_or_else(|| panic!("date"));
    let out = dir.path().join("records.pdf");
    let once = || {
        let (records, findings) = store
            .nmc_records(end, "Siobhán Zoë Nguyễn", PRACTICE_HOURS, now)
            .unwrap_or_else(|e| panic!("records: {e}"));
        let pdf = write_pdf(&nmc_layout(&records)).unwrap_or_else(|e| panic!("pdf: {e}"));
        std::fs::write(&out, &pdf).unwrap_or_else(|e| panic!("writes: {e}"));
        (records.accounts.len(), findings.len(), pdf.len())
    };
    let (accounts, findings, bytes) = once();
    println!("500 entries over three years: {accounts} reflective accounts, {findings} findings, a PDF of {bytes} bytes");
    let mut group = c.benchmark_group("revalidation");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("nmc_records_pdf_500_entries", |b| {
        b.iter(|| black_box(once()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
