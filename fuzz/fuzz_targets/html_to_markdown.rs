//! HTML from elsewhere (Moodle descriptions, Mahara posts, Leap2A content) through
//! `html_to_markdown`, and its Markdown through the renderer, as an import shows it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use w2b_core::markdown::{html_to_markdown, render};

fuzz_target!(|data: &[u8]| {
    if let Ok(html) = std::str::from_utf8(data) {
        let markdown = html_to_markdown(html);
        let _ = render(&markdown);
    }
});
