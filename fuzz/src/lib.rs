//! What the fuzz targets share: a scratch file for the readers that take a path (bundles,
//! Leap2A), because they stat and reopen the file as they would a learner's download.

use std::path::PathBuf;

/// Writes `bytes` to this process's scratch file named `name` and returns its path. One file
/// per target and process, overwritten by each input, so a long run leaves one small file
/// behind in the temporary folder rather than one per input.
pub fn scratch_file(name: &str, bytes: &[u8]) -> Option<PathBuf> {
    let path = std::env::temp_dir().join(format!("w2b-fuzz-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).ok()?;
    Some(path)
}
