//! The portfolio at a realistic size (10,000 entries: a busy decade) and a large one
//! (100,000), in a real database file filled through `save_entry`, the app's own save path.
//! Entries vary in kind, date (ten years), length (150 to 400 words of NHS management prose),
//! tags, framework ratings, linked lessons and attachments. Measures what the portfolio
//! screens do: list, search, filter, sort, coverage, revalidation, opening an entry and saving
//! a new version of one.

use std::hint::black_box;
use std::time::Duration;

use chrono::{NaiveDate, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use w2b_core::portfolio::{EntryKind, EntryQuery, EntrySort};

mod generated;
mod portfolio_data;
use portfolio_data::{filled, COMMON_WORD, RARE_WORD, SIZES};

fn portfolio(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_else(|| panic!("date"));
    for n in SIZES {
        let (_dir, store) = filled(n);
        let find = |q: &EntryQuery| store.find_entries(q).unwrap_or_else(|e| panic!("{e}"));
        let rare = find(&EntryQuery {
            text: RARE_WORD.into(),
            ..EntryQuery::default()
        });
        let common = find(&EntryQuery {
            text: COMMON_WORD.into(),
            ..EntryQuery::default()
        });
        eprintln!(
            "{n} entries: `{RARE_WORD}` in {}, `{COMMON_WORD}` in {}",
            rare.total, common.total
        );
        let target = common.entries[0].id;

        let mut group = c.benchmark_group(format!("portfolio_{n}_entries"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(3));
        let queries = [
            ("list, first page", EntryQuery::default()),
            (
                "search, common word",
                EntryQuery {
                    text: COMMON_WORD.into(),
                    ..EntryQuery::default()
                },
            ),
            (
                "search, rare word",
                EntryQuery {
                    text: RARE_WORD.into(),
                    ..EntryQuery::default()
                },
            ),
            (
                "search + kind + dates",
                EntryQuery {
                    text: "budget".into(),
                    kinds: vec![EntryKind::Cpd, EntryKind::Reflection],
                    from: Some("2024-01-01".into()),
                    to: Some("2025-12-31".into()),
                    ..EntryQuery::default()
                },
            ),
            (
                "filter by behaviour",
                EntryQuery {
                    behaviour: Some("cmpf.resources.forecasting".into()),
                    ..EntryQuery::default()
                },
            ),
            (
                "filter by tag",
                EntryQuery {
                    tag: Some("finance".into()),
                    ..EntryQuery::default()
                },
            ),
            (
                "sort by title",
                EntryQuery {
                    sort: EntrySort::Title,
                    ..EntryQuery::default()
                },
            ),
        ];
        for (name, query) in &queries {
            group.bench_function(*name, |b| b.iter(|| find(black_box(query))));
        }
        group.bench_function("coverage (cmpf)", |b| {
            b.iter(|| {
                store
                    .coverage(black_box(Some("cmpf")), today)
                    .unwrap_or_else(|e| panic!("{e}"))
            })
        });
        group.bench_function("revalidation", |b| {
            b.iter(|| {
                store
                    .revalidation(black_box(today))
                    .unwrap_or_else(|e| panic!("{e}"))
            })
        });
        group.bench_function("open an entry", |b| {
            b.iter(|| {
                store
                    .entry(black_box(target), None)
                    .unwrap_or_else(|e| panic!("{e}"))
            })
        });
        let mut edit = store
            .entry(target, None)
            .unwrap_or_else(|e| panic!("{e}"))
            .draft;
        let now = Utc::now();
        group.bench_function("save a new version", |b| {
            b.iter(|| {
                edit.title.push('.');
                if edit.title.len() > 150 {
                    edit.title.truncate(100);
                }
                store
                    .save_entry(Some(target), None, black_box(&edit), now)
                    .unwrap_or_else(|e| panic!("{e}"))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, portfolio);
criterion_main!(benches);
