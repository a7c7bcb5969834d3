//! Curriculum packs at a realistic large size: 1,000 lessons of about 10 KB each (10 MB of
//! Markdown, 3,000 questions) in 20 modules. Measures checking a pack, building and reading
//! its archive, and importing it into a real database file.

use std::hint::black_box;

use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion};
use w2b_core::packs::{parse_pack, PackFiles};
use w2b_core::store::Store;

mod common;

use common::large_pack;

fn packs(c: &mut Criterion) {
    let files = large_pack();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let pack = parse_pack(&files).unwrap_or_else(|e| panic!("the bench pack is valid: {e}"));
    let archive = files.to_archive().unwrap_or_else(|e| panic!("builds: {e}"));
    eprintln!(
        "bench pack: {} files, {} MB of text, archive {} KB",
        files.len(),
        bytes / 1_000_000,
        archive.len() / 1000
    );

    let mut group = c.benchmark_group("pack_1000_lessons");
    group.sample_size(10);
    group.bench_function("check (parse and validate)", |b| {
        b.iter(|| parse_pack(black_box(&files)))
    });
    group.bench_function("build archive", |b| {
        b.iter(|| black_box(&files).to_archive())
    });
    group.bench_function("read archive", |b| {
        b.iter(|| PackFiles::from_archive_bytes(black_box(&archive)))
    });
    group.bench_function("import into a new database", |b| {
        b.iter_with_setup(
            || {
                let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
                let store =
                    Store::open(dir.path(), Utc::now()).unwrap_or_else(|e| panic!("opens: {e}"));
                (dir, store)
            },
            |(_dir, store)| store.import_pack(black_box(&pack), false, Utc::now()),
        );
    });
    group.bench_function("upgrade in place (same lessons)", |b| {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let store = Store::open(dir.path(), Utc::now()).unwrap_or_else(|e| panic!("opens: {e}"));
        let mut version = 1;
        b.iter(|| {
            version += 1;
            let mut next = pack.clone();
            next.manifest.version = format!("{version}.0.0");
            next.content_sha256 = format!("v{version}");
            store.import_pack(&next, false, Utc::now())
        });
    });
    group.finish();
}

criterion_group!(benches, packs);
criterion_main!(benches);
