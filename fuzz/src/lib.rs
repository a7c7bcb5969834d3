//! What the fuzz targets share: a scratch file for the readers that take a path (bundles,
//! Leap2A), because they stat and reopen the file as they would a learner's download.

use std::path::PathBuf;

/// Writes `bytes` to this process's scratch file named `name` and returns its path. One file
/// per target and process, overwritten by each input, in the folder `W2B_FUZZ_SCRATCH` names
/// (the Makefile's, which it empties after a run) or else the temporary folder.
pub fn scratch_file(name: &str, bytes: &[u8]) -> Option<PathBuf> {
    let folder =
        std::env::var_os("W2B_FUZZ_SCRATCH").map_or_else(std::env::temp_dir, PathBuf::from);
    let path = folder.join(format!("w2b-fuzz-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).ok()?;
    Some(path)
}
