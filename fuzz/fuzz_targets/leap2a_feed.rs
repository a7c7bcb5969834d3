//! A Leap2A file's bytes (a bare `leap2a.xml`, or a zip holding one) through `read_leap2a`,
//! with the built-in frameworks for ratings to resolve against.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use w2b_core::frameworks::{builtin_frameworks, Framework};
use w2b_core::portfolio::leap2a::read_leap2a;
use w2b_fuzz::scratch_file;

/// Parsed once per process: the built-in frameworks are not what is being fuzzed.
static FRAMEWORKS: OnceLock<Vec<Framework>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let frameworks = FRAMEWORKS.get_or_init(|| builtin_frameworks().unwrap_or_default());
    if let Some(path) = scratch_file("leap2a.xml", data) {
        let _ = read_leap2a(&path, frameworks);
    }
});
