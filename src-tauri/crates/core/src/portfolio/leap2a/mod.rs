//! Leap2A (2010-07), the portfolio exchange format Mahara reads and writes: an Atom feed,
//! `leap2a.xml`, in a zip with the files it links to. This module owns both directions:
//! `export` writes the learner's entries as a Mahara journal, `import` reads a Mahara export
//! (or a bare `leap2a.xml`) into entries to save, with a preview of what would be created and
//! what was skipped. XML is read with `feed_read` (no DOCTYPE, no entities of its own) and
//! written with `feed_write`. The store saves and reads entries (`store::portfolio::leap2a`).

mod export;
mod feed;
mod feed_read;
mod feed_write;
mod import;
mod links;
mod names;
mod plan;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_hostile;

pub use export::{export_file_name, write_leap2a, ExportedLeap2a};
pub use import::{imported_uid, read_leap2a, Leap2aPlan, Leap2aSource, PlannedEntry, PlannedFile};

use serde::Serialize;
use ts_rs::TS;

use super::EntryKind;
use crate::bundle::BundleError;
use crate::store::StoreError;

/// The feed inside an archive, at its top level, as Mahara writes and looks for it.
pub const FEED_PATH: &str = "leap2a.xml";
/// Where exported files go in the archive, relative to the feed.
pub const FILES_DIR: &str = "files/";
/// The most Atom entries read from one feed: a Mahara export of years of journal posts,
/// pages and files is a few thousand; past this it is refused rather than half-read.
pub const MAX_FEED_ENTRIES: usize = 5_000;
/// The largest `leap2a.xml` read (entries hold at most 1 MiB of text each in the app).
pub const MAX_FEED_BYTES: u64 = 64 * 1024 * 1024;
/// The deepest elements may nest in a feed: Mahara writes five or six levels, and XHTML content
/// a few more. Deeper is refused, so no part of reading grows with a hostile file's depth.
pub const MAX_FEED_DEPTH: usize = 64;
/// The most text one element of a feed holds (an entry's title, id or content, XHTML markup
/// included): four times the most an entry keeps, as markup is longer than its text.
pub const MAX_FEED_TEXT_BYTES: usize = 4 * 1024 * 1024;
/// The longest attribute value read (a link's address, a category's term).
pub const MAX_FEED_ATTRIBUTE_BYTES: usize = 64 * 1024;
/// The most links, categories and types one entry may have together: a journal post has a
/// handful; a flood of them in one entry is refused rather than held in memory.
pub const MAX_ENTRY_PARTS: usize = 1_000;

pub(crate) const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
pub(crate) const RDF_NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// The Leap2A terms namespace of the 2010-07 specification.
pub(crate) const LEAP2_NS: &str = "http://terms.leapspecs.org/";
/// The categories namespace of the 2010-07 specification.
pub(crate) const CATEGORIES_NS: &str = "http://wiki.leapspecs.org/2A/categories/";
/// Mahara's extensions, as current Mahara declares them.
pub(crate) const MAHARA_NS: &str =
    "https://wiki.mahara.org/wiki/Developer_Area/Import//Export/LEAP_Extensions";
/// The version element's value for the 2010-07 specification; Mahara refuses any other.
pub(crate) const LEAP2_VERSION: &str = "http://www.leapspecs.org/2010-07/2A/";
/// Category schemes of Ward to Board's own: what an entry records, and the behaviours it
/// was rated against. Mahara keeps categories without a scheme as tags and drops these.
pub(crate) const KIND_SCHEME: &str = "urn:ward-to-board:leap2a:kind";
pub(crate) const BEHAVIOUR_SCHEME: &str = "urn:ward-to-board:leap2a:behaviour";
/// Entry ids written by Ward to Board: this prefix and the entry's own uid.
pub(crate) const ENTRY_ID_PREFIX: &str = "urn:ward-to-board:entry:";

/// What an import would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Leap2aPreview {
    /// The file chosen, by its name.
    pub file: String,
    pub feed_title: String,
    /// The entries that would be created, in the feed's order.
    pub entries: Vec<PreviewEntry>,
    /// Entries of this feed that are in the portfolio already (imported before, or
    /// exported from it): nothing is created for them.
    pub already_imported: Vec<PreviewEntry>,
    /// What was left out, and why.
    pub warnings: Vec<Leap2aWarning>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewEntry {
    /// The uid the entry gets (see [`imported_uid`]).
    pub uid: String,
    pub title: String,
    /// YYYY-MM-DD
    pub date: String,
    pub kind: EntryKind,
    pub tags: Vec<String>,
    /// The names the attached files get.
    pub attachments: Vec<String>,
}

/// Something in the feed that is not imported: `at` names the entry (its title and Leap2A
/// id) or the file (its path in the archive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Leap2aWarning {
    pub at: String,
    pub message: String,
}

impl Leap2aWarning {
    pub(crate) fn new(at: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            at: at.into(),
            message: message.into(),
        }
    }
}

/// Why a Leap2A file was refused or not written. In every case nothing was changed: no entry
/// saved, no file left under the target name.
#[derive(Debug, thiserror::Error)]
pub enum Leap2aError {
    #[error("{file} cannot be read: {source}. Check the file exists and you can read it")]
    Io {
        file: String,
        source: std::io::Error,
    },
    /// Not a zip or XML file, no `leap2a.xml`, or not an Atom feed.
    #[error("{file} is not a Leap2A portfolio ({reason}). Export your portfolio from Mahara as \"Leap2A\" and choose the zip file it gives you")]
    NotLeap2a { file: String, reason: String },
    /// Refused as hostile: a DOCTYPE or entity declaration, a path leaving the archive, an
    /// unsafe archive (bomb, links, unsafe names).
    #[error("{file} was refused as unsafe to open, and nothing in it was imported:\n{}\nIf it came from Mahara, export it again; otherwise do not use it", problems.join("\n"))]
    Unsafe { file: String, problems: Vec<String> },
    /// The XML cannot be read: not UTF-8, not well formed.
    #[error(
        "{file}: {inner} line {line}: {reason}. The file is damaged; export it from Mahara again"
    )]
    Malformed {
        file: String,
        inner: String,
        line: usize,
        reason: String,
    },
    /// More than the stated limits.
    #[error("{file} is too large to import: {reason}")]
    TooLarge { file: String, reason: String },
    /// A file chosen for an import changed between the preview and the import.
    #[error("{file}: {path} {reason}. Nothing was imported; choose the file again")]
    Changed {
        file: String,
        path: String,
        reason: String,
    },
    /// The portfolio could not be read or saved.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The export could not be written: no folder, no permission, a full disk.
    #[error("cannot write {path}: {source}. Nothing was left there; choose a folder you can write to, with space")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl Leap2aError {
    /// An unsafe archive, as the shared archive checks found it, named for this file.
    fn from_archive(file: &str, error: BundleError) -> Self {
        match error {
            BundleError::Unsafe { problems, .. } => Leap2aError::Unsafe {
                file: file.to_owned(),
                problems: problems.iter().map(ToString::to_string).collect(),
            },
            BundleError::Io { source, .. } => Leap2aError::Io {
                file: file.to_owned(),
                source,
            },
            BundleError::NotABundle { reason, .. } => Leap2aError::NotLeap2a {
                file: file.to_owned(),
                reason: format!("it is not a readable zip: {reason}"),
            },
            other => Leap2aError::NotLeap2a {
                file: file.to_owned(),
                reason: other.to_string(),
            },
        }
    }
}
