//! Names for the files the app saves in its own folders (bundles in `exports/`, reviews in
//! `reviews/`): a readable stem from the learner's name and a number when the name is taken.

use std::path::{Path, PathBuf};

/// Longest stem kept from the learner's words.
const MAX_SLUG_CHARS: usize = 40;

/// Names Windows keeps for devices, whatever their extension (`con.w2bbundle` cannot be
/// created there).
const WINDOWS_RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file name from the learner's words: lower-case letters, digits and single hyphens, so the
/// name is the same on every system; `portfolio` when nothing usable is left, and a name
/// Windows reserves for a device gets `-file` added.
pub fn slug(text: &str) -> String {
    let lowered: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let joined = lowered
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if joined.is_empty() {
        return "portfolio".into();
    }
    let cut: String = joined.chars().take(MAX_SLUG_CHARS).collect();
    let cut = cut.trim_end_matches('-').to_owned();
    if WINDOWS_RESERVED.contains(&cut.as_str()) {
        format!("{cut}-file")
    } else {
        cut
    }
}

/// `dir/stem.extension`, or `dir/stem-2.extension` and so on when that is taken: a new file
/// never replaces one saved earlier.
pub fn unused_path(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    let mut candidate = dir.join(format!("{stem}.{extension}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = dir.join(format!("{stem}-{n}.{extension}"));
        n += 1;
    }
    candidate
}

/// The last part of `path` as text, empty when it has none.
pub(crate) fn name_of(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_keeps_letters_and_digits_and_joins_the_rest_with_single_hyphens() {
        assert_eq!(
            slug("Dr Sam  O'Neil"),
            "dr-sam-o-neil",
            "one hyphen per gap"
        );
        assert_eq!(slug("  --  "), "portfolio", "nothing usable falls back");
        assert_eq!(slug("Con"), "con-file", "a name Windows keeps for a device");
        assert_eq!(slug("LPT1"), "lpt1-file");
        assert_eq!(slug("Connie"), "connie", "only the whole name is reserved");
        assert_eq!(slug("Zoë 2"), "zo-2", "letters outside ASCII become gaps");
        assert_eq!(
            slug(&"a".repeat(60)).len(),
            MAX_SLUG_CHARS,
            "a long name is cut short"
        );
    }

    #[test]
    fn an_unused_path_numbers_past_the_names_taken() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let first = unused_path(dir.path(), "sam", "w2bbundle");
        assert_eq!(name_of(&first), "sam.w2bbundle", "the plain name when free");
        std::fs::write(&first, b"x").expect("seeded");
        std::fs::write(dir.path().join("sam-2.w2bbundle"), b"x").expect("seeded");
        assert_eq!(
            name_of(&unused_path(dir.path(), "sam", "w2bbundle")),
            "sam-3.w2bbundle",
            "taken names are skipped, never replaced"
        );
    }
}
