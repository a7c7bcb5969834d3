//! The three frameworks the app ships, as files embedded at build time. They are installed
//! into the database on first run like any other framework file; until a store is open (and
//! for `w2b pack check`), they are read from here.

use super::{parse_framework, Framework, FrameworkError};

/// The shipped framework files: the name they are known by, and their text.
pub static BUILTIN_FRAMEWORK_FILES: &[(&str, &str)] = &[
    (
        "frameworks/cmpf.toml",
        include_str!("../../frameworks/cmpf.toml"),
    ),
    (
        "frameworks/clcf.toml",
        include_str!("../../frameworks/clcf.toml"),
    ),
    (
        "frameworks/hlm.toml",
        include_str!("../../frameworks/hlm.toml"),
    ),
];

/// The frameworks that ship with the app.
pub fn builtin_frameworks() -> Result<Vec<Framework>, FrameworkError> {
    BUILTIN_FRAMEWORK_FILES
        .iter()
        .map(|(file, text)| parse_framework(file, text))
        .collect()
}

/// The shipped frameworks, parsed once. Their files are checked by tests, so this is empty
/// only if a broken file was shipped, and then nothing can be rated rather than the app failing.
pub fn builtin() -> &'static [Framework] {
    static PARSED: std::sync::OnceLock<Vec<Framework>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| builtin_frameworks().unwrap_or_default())
}
