//! Our ids from Moodle ID numbers: lowercase, only the characters ids allow, short enough to
//! stay under the id limit, and made unique deterministically (`-2`, `-3`, ...).

use std::collections::{HashMap, HashSet};

/// The longest slug for the framework id, in bytes.
const MAX_FRAMEWORK_SLUG: usize = 60;
/// The longest slug for an item, in bytes; with the framework id, the dot and a `-NNNNN`
/// suffix this stays under `MAX_ID_BYTES`.
const MAX_ITEM_SLUG: usize = 100;

/// `text` lowercased with every run of other characters turned into one '-'; `fallback` when
/// nothing is left.
fn slug(text: &str, max: usize, fallback: &str) -> String {
    let mut out = String::with_capacity(text.len().min(max));
    for c in text.chars().flat_map(char::to_lowercase) {
        if out.len() >= max {
            break;
        }
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        fallback.to_owned()
    } else {
        out.to_owned()
    }
}

/// The framework's id from its Moodle ID number.
pub(super) fn framework_id(id_number: &str) -> String {
    slug(id_number, MAX_FRAMEWORK_SLUG, "moodle-framework")
}

/// Hands out item ids under one framework, each unique.
pub(super) struct ItemIds {
    prefix: String,
    used: HashSet<String>,
    /// The next suffix to try for each base, so many clashing ID numbers stay linear.
    suffix: HashMap<String, usize>,
}

impl ItemIds {
    pub(super) fn new(framework_id: &str) -> Self {
        Self {
            prefix: format!("{framework_id}."),
            used: HashSet::new(),
            suffix: HashMap::new(),
        }
    }

    /// The id for the competency with this ID number: its slug, or the slug with the first
    /// free `-N` suffix when an earlier competency already has it.
    pub(super) fn next(&mut self, id_number: &str) -> String {
        let base = format!("{}{}", self.prefix, slug(id_number, MAX_ITEM_SLUG, "item"));
        let mut id = base.clone();
        let n = self.suffix.entry(base.clone()).or_insert(2);
        while self.used.contains(&id) {
            id = format!("{base}-{n}");
            *n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}
