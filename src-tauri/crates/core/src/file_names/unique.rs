//! Names the app gives the files it saves in its own folders (bundles in `exports/`, reviews
//! in `reviews/`): a readable stem from the learner's words, made safe, and numbered when a
//! name that differs only in case or Unicode form is taken.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{
    collision_key, is_windows_device, prefix_within, safe_file_name, split_extension,
    MAX_FILE_NAME_BYTES,
};

/// Longest stem kept from the learner's words.
const MAX_SLUG_CHARS: usize = 40;

/// Names already used in one folder, compared as the file system most strict about it would
/// (after NFC and case folding), so `A.pdf` never lands beside `a.pdf`.
#[derive(Debug, Default, Clone)]
pub struct UniqueNames {
    taken: HashSet<String>,
}

impl UniqueNames {
    /// Names already in use (for example a folder's listing).
    pub fn with_taken<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        Self {
            taken: names
                .into_iter()
                .map(|n| collision_key(n.as_ref()))
                .collect(),
        }
    }

    /// The safe form of `name` ([`safe_file_name`]), or `stem-2.ext`, `stem-3.ext` and so on
    /// when a name equal to it after folding is taken; the name returned is taken from then on.
    pub fn claim(&mut self, name: &str) -> String {
        let safe = safe_file_name(name);
        let (stem, extension) = split_extension(&safe);
        let mut candidate = safe.clone();
        let mut n = 2u64;
        while self.taken.contains(&collision_key(&candidate)) {
            let suffix = format!("-{n}");
            let room = MAX_FILE_NAME_BYTES.saturating_sub(suffix.len() + extension.len());
            let stem = prefix_within(stem, room).trim_end_matches(['.', ' ']);
            candidate = format!("{stem}{suffix}{extension}");
            n += 1;
        }
        self.taken.insert(collision_key(&candidate));
        candidate
    }
}

/// A file name stem from the learner's words: lower-case letters, digits and single hyphens,
/// so the name is the same on every system; `portfolio` when nothing usable is left, and a
/// name Windows reserves for a device gets `-file` added.
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
    if is_windows_device(&cut) {
        format!("{cut}-file")
    } else {
        cut
    }
}

/// `dir/stem.extension` made safe, or numbered (`stem-2.extension`, ...) when the folder holds
/// that name already in any case or Unicode form: a new file never replaces one saved earlier.
pub fn unused_path(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    let listed: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let mut names = UniqueNames::with_taken(listed);
    loop {
        let candidate = dir.join(names.claim(&format!("{stem}.{extension}")));
        // A name the listing missed (written since) is skipped too.
        if !candidate.exists() {
            return candidate;
        }
    }
}

/// The last part of `path` as text, empty when it has none.
pub fn name_of(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned()
}
