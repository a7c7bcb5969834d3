//! A review file's bytes through `parse_review`, as opened when an appraiser's review arrives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use w2b_core::review::parse_review;

fuzz_target!(|data: &[u8]| {
    let _ = parse_review(data);
});
