//! Markdown with no pack around it through `render`: notes, reflections, portfolio entries and
//! framework descriptions.
#![no_main]

use libfuzzer_sys::fuzz_target;
use w2b_core::markdown::render;

fuzz_target!(|data: &[u8]| {
    if let Ok(markdown) = std::str::from_utf8(data) {
        let _ = render(markdown);
    }
});
