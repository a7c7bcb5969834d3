//! A Mahara SmartEvidence matrix's bytes through `from_mahara_matrix`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use w2b_core::frameworks::from_mahara_matrix;

fuzz_target!(|data: &[u8]| {
    let _ = from_mahara_matrix("fuzz.matrix", data);
});
