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

/// A one-lesson pack whose lesson shows one 256 KiB picture `times` times (issue #17: checked
/// by copying the picture per reference, 95,000 references took 25 s).
fn pack_showing_one_image(times: usize) -> PackFiles {
    let manifest = "format = 1\nid = \"bench.image\"\nversion = \"1.0.0\"\ntitle = \"Image\"\n\
                    publisher = \"Bench\"\nlicence = \"CC-BY-4.0\"\nlanguage = \"en-GB\"\n\
                    min_app_version = \"0.1.0\"\nframework = \"cmpf\"\nmodules = [\"m\"]\n";
    let module = "id = \"m\"\ntitle = \"M\"\nlessons = [\"l.md\"]\n";
    let lesson = format!(
        "+++\nid = \"l\"\ntitle = \"L\"\nminutes = 5\n+++\n{}",
        "![dot](dot.png)\n".repeat(times)
    );
    let mut picture = b"\x89PNG\r\n\x1a\n".to_vec();
    picture.resize(256 * 1024, 0);
    PackFiles::from_embedded(&[
        ("pack.toml", manifest.as_bytes()),
        ("m/module.toml", module.as_bytes()),
        ("m/l.md", lesson.as_bytes()),
        ("m/dot.png", &picture),
    ])
}

fn one_image_many_times(c: &mut Criterion) {
    let mut group = c.benchmark_group("pack_check_one_image_shown_95000_times");
    group.sample_size(10);
    let files = pack_showing_one_image(95_000);
    group.bench_function("check (parse and validate)", |b| {
        b.iter(|| parse_pack(black_box(&files)))
    });
    group.finish();
}

criterion_group!(benches, packs, one_image_many_times);
criterion_main!(benches);
