//! The learner's daily operations on a large install: the 1,000-lesson pack plus years of
//! use (20,000 reading sittings, 5,000 self-check rounds, 1,000 notes), in a real database
//! file. Measures what the reader and Home do on every screen: the learning path, opening a
//! lesson (render, questions, note, time), answering, saving a note, recording reading time,
//! the study summary, and full-text search.

mod common;

use std::hint::black_box;

use chrono::{Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use w2b_core::packs::parse_pack;
use w2b_core::store::Store;

const SITTINGS: usize = 20_000;
const ROUNDS: usize = 5_000;
const NOTES: usize = 1_000;

fn lesson_id(i: usize) -> String {
    format!("m{}-l{}", (i / 50) % 20, i % 50)
}

fn study(c: &mut Criterion) {
    let pack = parse_pack(&common::large_pack()).unwrap_or_else(|e| panic!("valid: {e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let start = Utc
        .with_ymd_and_hms(2024, 1, 1, 9, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("valid date"));
    let store = Store::open(dir.path(), start).unwrap_or_else(|e| panic!("opens: {e}"));
    store
        .import_pack(&pack, false, start)
        .unwrap_or_else(|e| panic!("imports: {e}"));
    // Years of use, through the same calls the app makes.
    for i in 0..SITTINGS {
        let when = start + Duration::minutes(i64::try_from(i).unwrap_or(0) * 70);
        let date = when.format("%Y-%m-%d").to_string();
        store
            .record_study("bench.large", &lesson_id(i), None, 90, &date, when)
            .unwrap_or_else(|e| panic!("records: {e}"));
    }
    for i in 0..ROUNDS {
        let id = lesson_id(i);
        for q in 0..3 {
            store
                .answer_question(
                    "bench.large",
                    &id,
                    &format!("q{q}"),
                    &[u32::from(i % 2 == 0)],
                    start,
                )
                .unwrap_or_else(|e| panic!("answers: {e}"));
        }
    }
    for i in 0..NOTES {
        store
            .save_note(
                "bench.large",
                &lesson_id(i),
                &"A note about the agency line. ".repeat(20),
                start,
            )
            .unwrap_or_else(|e| panic!("saves: {e}"));
        store
            .set_lesson_complete("bench.large", &lesson_id(i), i % 3 == 0, start)
            .unwrap_or_else(|e| panic!("completes: {e}"));
    }

    let mut group = c.benchmark_group("study_1000_lessons_20000_sittings");
    group.sample_size(20);
    group.bench_function("learning path (Home and path)", |b| {
        b.iter(|| store.learning_path().unwrap_or_else(|e| panic!("{e}")))
    });
    group.bench_function("study summary (Home)", |b| {
        b.iter(|| {
            store
                .study_summary(black_box("2026-11-23"))
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    group.bench_function("open a lesson (render, questions, note, time)", |b| {
        b.iter(|| {
            store
                .lesson("bench.large", black_box("m7-l21"))
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    group.bench_function("search, two words", |b| {
        b.iter(|| {
            store
                .search_lessons(black_box("budgets governance"), 50)
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    group.bench_function("search, prefix of a rare word", |b| {
        b.iter(|| {
            store
                .search_lessons(black_box("emphas"), 50)
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    group.bench_function("answer a round of 3 questions", |b| {
        b.iter(|| {
            for q in ["q0", "q1", "q2"] {
                store
                    .answer_question("bench.large", "m3-l3", q, &[0], Utc::now())
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        })
    });
    group.bench_function("save a note", |b| {
        b.iter(|| {
            store
                .save_note(
                    "bench.large",
                    "m3-l3",
                    black_box("Ask finance about the agency line."),
                    Utc::now(),
                )
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    group.bench_function("record reading time", |b| {
        let mut sitting = None;
        b.iter(|| {
            sitting = Some(
                store
                    .record_study(
                        "bench.large",
                        "m3-l3",
                        sitting,
                        30,
                        "2026-11-23",
                        Utc::now(),
                    )
                    .unwrap_or_else(|e| panic!("{e}")),
            );
        })
    });
    group.finish();
}

criterion_group!(benches, study);
criterion_main!(benches);
