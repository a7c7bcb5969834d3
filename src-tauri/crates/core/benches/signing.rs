//! Signing a large pack (1,000 lessons, 10 MB of Markdown): building its archive signed and
//! unsigned, reading it back with and without the signature check, and opening a private key
//! (scrypt at the cost new keys use). The signature covers only `pack-files.json`, so signing
//! should cost one SHA-256 of that file and one Ed25519 operation on top of the build.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use w2b_core::packs::PackFiles;
use w2b_core::signing::SecretKey;

mod common;

use common::large_pack;

fn signing(c: &mut Criterion) {
    let files = large_pack();
    let key = SecretKey::generate("Bench scheme").unwrap_or_else(|e| panic!("a key: {e}"));
    let unsigned = files.to_archive().unwrap_or_else(|e| panic!("builds: {e}"));
    let signed = files
        .to_archive_signed(Some(&key))
        .unwrap_or_else(|e| panic!("builds: {e}"));
    let sealed = key
        .seal("bench passphrase, long enough")
        .unwrap_or_else(|e| panic!("seals: {e}"));
    eprintln!(
        "bench pack: {} files, archive {} KB unsigned, {} KB signed",
        files.len(),
        unsigned.len() / 1000,
        signed.len() / 1000
    );

    let mut group = c.benchmark_group("signing_pack_1000_lessons");
    group.sample_size(10);
    group.bench_function("build archive, unsigned", |b| {
        b.iter(|| black_box(&files).to_archive())
    });
    group.bench_function("build archive, signed", |b| {
        b.iter(|| black_box(&files).to_archive_signed(Some(&key)))
    });
    group.bench_function("read archive, unsigned", |b| {
        b.iter(|| PackFiles::from_archive_bytes(black_box(&unsigned)))
    });
    group.bench_function("read archive, signature verified", |b| {
        b.iter(|| PackFiles::from_archive_bytes(black_box(&signed)))
    });
    group.bench_function("open a private key (scrypt 2^17)", |b| {
        b.iter(|| {
            SecretKey::open(
                black_box(sealed.as_bytes()),
                "bench passphrase, long enough",
            )
        })
    });
    group.finish();
}

criterion_group!(benches, signing);
criterion_main!(benches);
