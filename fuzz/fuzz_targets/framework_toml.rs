//! A framework file's text through `parse_framework`, as read from a pack or imported alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use w2b_core::frameworks::parse_framework;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_framework("fuzz.toml", text);
    }
});
