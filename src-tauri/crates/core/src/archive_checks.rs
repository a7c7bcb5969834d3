//! Checks every reader of zip files from elsewhere shares (bundles, packs): that the archive's
//! two indexes tell one story, and that no two names are the same file on a system that folds
//! case or Unicode normalisation.
//!
//! A zip lists its files twice: in a local header before each file's bytes and in the central
//! directory at the end. Readers differ in which they trust, so an archive whose two lists
//! disagree, or whose entries overlap, can show one program one set of files and another a
//! different one. Such an archive is refused whatever its contents.

use std::collections::BTreeMap;
use std::io::{Read, Seek};

use crate::file_names::collision_key;
use zip::ZipArchive;

/// Why an archive is ambiguous, as its line in a problem list says it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Ambiguity {
    /// The central directory names one file twice.
    #[error("the archive names the same file twice, so what it holds is ambiguous")]
    DuplicateName,
    /// A local header disagrees with the central directory, entries overlap, or a local
    /// header is hidden from the central directory.
    #[error(
        "the archive's headers disagree ({0}), so other programs could unpack different \
         files from the ones checked here"
    )]
    HeadersDisagree(String),
}

/// Refuses an archive whose central directory names one file twice. Cheap: read from the
/// central directory alone, so it runs before anything else is judged.
pub(crate) fn names_once<R: Read + Seek>(zip: &ZipArchive<R>) -> Result<(), Ambiguity> {
    if zip.has_duplicate_names() {
        Err(Ambiguity::DuplicateName)
    } else {
        Ok(())
    }
}

/// Refuses an archive whose local headers disagree with its central directory (a name, size
/// or method that differs), whose entries overlap, or that hides a local header the central
/// directory does not list. Reads every local header, but decompresses nothing.
pub(crate) fn headers_agree<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Result<(), Ambiguity> {
    zip.validate_header_consistency()
        .map_err(|e| Ambiguity::HeadersDisagree(e.to_string()))
}

/// Every group of two or more `names` that are one name on a system that ignores case and
/// Unicode normalisation ([`collision_key`]), each group in the order the names came, groups
/// in the order of their first member.
pub(crate) fn look_alike_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<Vec<&'a str>> {
    let mut order = Vec::new();
    let mut groups: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
    for name in names {
        let key = collision_key(name);
        let group = groups.entry(key.clone()).or_default();
        if group.is_empty() {
            order.push(key);
        }
        group.push(name);
    }
    order
        .into_iter()
        .filter_map(|key| groups.remove(&key))
        .filter(|group| group.len() > 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_normalisation_fold_to_one_name() {
        let nfc = "basics/caf\u{e9}.md";
        let nfd = "basics/cafe\u{301}.md";
        assert_ne!(nfc, nfd, "the two spellings are different bytes");
        assert_eq!(
            collision_key(nfc),
            collision_key(nfd),
            "NFC and NFD are one name"
        );
        assert_eq!(
            collision_key("BASICS/CAF\u{c9}.MD"),
            collision_key(nfc),
            "upper case is the same name"
        );
        assert_ne!(
            collision_key("basics/cafe.md"),
            collision_key(nfc),
            "a different letter stays different"
        );
    }

    #[test]
    fn groups_name_every_look_alike_and_nothing_else() {
        let names = [
            "a.md",
            "Notes.md",
            "b.md",
            "notes.md",
            "caf\u{e9}.md",
            "NOTES.md",
            "cafe\u{301}.md",
        ];
        assert_eq!(
            look_alike_names(names),
            vec![
                vec!["Notes.md", "notes.md", "NOTES.md"],
                vec!["caf\u{e9}.md", "cafe\u{301}.md"],
            ],
            "each group once, in the order met; distinct names are not reported"
        );
    }
}
