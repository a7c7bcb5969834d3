//! A bundle file's bytes through `verify_bundle`, which every import and review of a
//! learner's bundle starts with.
#![no_main]

use libfuzzer_sys::fuzz_target;
use w2b_core::bundle::verify_bundle;
use w2b_fuzz::scratch_file;

fuzz_target!(|data: &[u8]| {
    if let Some(path) = scratch_file("bundle.w2bbundle", data) {
        let _ = verify_bundle(&path);
    }
});
