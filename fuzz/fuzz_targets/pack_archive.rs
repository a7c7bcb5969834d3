//! A pack archive's bytes through what importing a pack does: the archive checks, then the
//! pack parser (manifest, modules, lessons, images, frameworks).
#![no_main]

use libfuzzer_sys::fuzz_target;
use w2b_core::packs::{parse_pack, PackFiles};

fuzz_target!(|data: &[u8]| {
    if let Ok(files) = PackFiles::from_archive_bytes(data) {
        let _ = parse_pack(&files);
    }
});
