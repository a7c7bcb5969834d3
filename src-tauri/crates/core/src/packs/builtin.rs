//! The built-in curriculum, embedded at build time from `packs/builtin` (see `build.rs`).

use super::files::PackFiles;

static BUILTIN: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin_pack.rs"));

/// The files of the curriculum that ships with the app.
pub fn builtin_pack_files() -> PackFiles {
    PackFiles::from_embedded(BUILTIN)
}
