//! Lesson Markdown through `render_lesson`, in a small pack with one other lesson and one
//! image, so links between lessons and pack images are resolved as in the reader.
#![no_main]

use std::collections::{HashMap, HashSet};

use libfuzzer_sys::fuzz_target;
use w2b_core::markdown::{render_lesson, LessonContext};

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    let lessons = HashMap::from([
        (
            "basics/01-first.md".to_owned(),
            "fuzz.basics.first".to_owned(),
        ),
        (
            "basics/02-second.md".to_owned(),
            "fuzz.basics.second".to_owned(),
        ),
    ]);
    let assets = HashSet::from(["basics/images/dot.png".to_owned()]);
    let context = LessonContext {
        pack_id: "fuzz",
        lesson_path: "basics/01-first.md",
        lessons: &lessons,
        assets: &assets,
    };
    let _ = render_lesson(markdown, &context);
});
