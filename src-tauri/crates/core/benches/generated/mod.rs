//! What the portfolio and bundle benchmarks share: a small seeded random source for generated
//! entries, and a cache that builds a large data folder once into the target folder and hands
//! each run a fresh copy.

use std::path::Path;

use chrono::Utc;
use w2b_core::store::{Store, DATABASE_FILE};

mod rng;
pub use rng::Rng;

/// A fresh copy of the data folder `name` under the target folder, built first by `build`
/// if it is not there yet. Name it after the schema and generator, so a stale one is never
/// used.
pub fn cached_store(name: &str, build: impl FnOnce(&Path)) -> (tempfile::TempDir, Store) {
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if !cache.join(DATABASE_FILE).exists() {
        let partial = cache.with_extension("partial");
        let _ = std::fs::remove_dir_all(&partial);
        build(&partial);
        std::fs::rename(&partial, &cache).unwrap_or_else(|e| panic!("keeps the build: {e}"));
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    for file in [DATABASE_FILE.to_owned(), format!("{DATABASE_FILE}-wal")] {
        if cache.join(&file).exists() {
            std::fs::copy(cache.join(&file), dir.path().join(&file))
                .unwrap_or_else(|e| panic!("copies {file}: {e}"));
        }
    }
    let store = Store::open(dir.path(), Utc::now()).unwrap_or_else(|e| panic!("opens: {e}"));
    (dir, store)
}
