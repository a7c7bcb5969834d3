//! Leap2A's names: the namespaces its terms and categories live in (as the specification
//! writes them and as Mahara does), and CURIEs (`leap2:entry`, `[c:selection_type#]`)
//! resolved through a feed's own prefixes, so any prefix works, as do full IRIs.

use std::collections::HashMap;

use super::{CATEGORIES_NS, LEAP2_NS};

/// Leap2A namespaces as written by the specification and by Mahara (which points at an
/// archived copy of the same terms).
pub(super) const LEAP2_NAMESPACES: [&str; 2] = [
    LEAP2_NS,
    "https://web.archive.org/web/20100503000634/http://terms.leapspecs.org",
];
pub(super) const CATEGORY_NAMESPACES: [&str; 2] = [
    CATEGORIES_NS,
    "https://web.archive.org/web/20120819100914/http://wiki.leapspecs.org:80/2A/categories",
];

/// `value` as `<short>:<term>` when it names a term of one of `namespaces`: as a CURIE
/// with a prefix bound to one of them (or the customary prefix itself), in `[ ]` or not,
/// or as a full IRI. Anything else comes back as written.
pub(super) fn curie(
    value: &str,
    namespaces: &[&str],
    short: &str,
    prefixes: &HashMap<String, String>,
) -> String {
    let value = value.trim();
    let bare = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .unwrap_or(value);
    for ns in namespaces {
        if let Some(term) = bare.strip_prefix(ns) {
            return format!("{short}:{}", term.trim_start_matches('/'));
        }
    }
    if let Some((prefix, term)) = bare.split_once(':') {
        let bound = prefixes.get(prefix).map(|ns| ns.trim_end_matches('/'));
        let known = bound.is_some_and(|b| namespaces.iter().any(|n| n.trim_end_matches('/') == b));
        if known || (bound.is_none() && prefix == short) {
            return format!("{short}:{term}");
        }
    }
    value.to_owned()
}

/// Whether `ns` is one of the Leap2A terms namespaces.
pub(super) fn is_leap2(ns: &str) -> bool {
    LEAP2_NAMESPACES
        .iter()
        .any(|n| n.trim_end_matches('/') == ns.trim_end_matches('/'))
}
