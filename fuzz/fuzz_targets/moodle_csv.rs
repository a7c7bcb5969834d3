//! A Moodle competency framework CSV's bytes through `from_moodle_csv`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use w2b_core::frameworks::from_moodle_csv;

fuzz_target!(|data: &[u8]| {
    let _ = from_moodle_csv("fuzz.csv", data);
});
