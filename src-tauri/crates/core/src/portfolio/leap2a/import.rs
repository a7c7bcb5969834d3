//! Opening a Leap2A file from elsewhere: a zip (checked entry by entry from its headers before
//! anything is unpacked, by the same checks as a portfolio bundle) or a bare `leap2a.xml`,
//! then the feed parsed and mapped (`plan`) to the entries an import would create. Files are
//! read from the archive one at a time, capped at their declared size.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::feed_read::{parse_feed, FeedError};
use super::plan::plan_entries;
use super::{Leap2aError, Leap2aPreview, Leap2aWarning, PreviewEntry, FEED_PATH, MAX_FEED_BYTES};
use crate::bundle::{open_checked, unpack, Archive, StoredFile};
use crate::frameworks::Framework;
use crate::packs::problem::utf8_error_at;
use crate::portfolio::{EntryDraft, MAX_ATTACHMENT_BYTES};

/// What an import would create, with the warnings for what it leaves out.
#[derive(Debug, Clone)]
pub struct Leap2aPlan {
    pub file: String,
    pub feed_id: String,
    pub feed_title: String,
    pub entries: Vec<PlannedEntry>,
    pub warnings: Vec<Leap2aWarning>,
}

/// One entry to create: its draft (without files) and the files to attach.
#[derive(Debug, Clone)]
pub struct PlannedEntry {
    /// From the feed's id and the entry's (see [`imported_uid`]).
    pub uid: String,
    /// The uid of the Ward to Board entry it was exported from, if it was.
    pub exported_uid: Option<String>,
    pub draft: EntryDraft,
    pub files: Vec<PlannedFile>,
}

/// A file to attach: the name it is kept under and where it is in the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    pub name: String,
    pub path: String,
}

impl PlannedEntry {
    pub fn preview(&self) -> PreviewEntry {
        PreviewEntry {
            uid: self.uid.clone(),
            title: self.draft.title.clone(),
            date: self.draft.date.clone(),
            kind: self.draft.kind,
            tags: self.draft.tags.clone(),
            attachments: self.files.iter().map(|f| f.name.clone()).collect(),
        }
    }
}

impl Leap2aPlan {
    /// The preview, given which planned entries are in the portfolio already.
    pub fn preview(&self, already: impl Fn(&PlannedEntry) -> bool) -> Leap2aPreview {
        let (done, new): (Vec<&PlannedEntry>, Vec<&PlannedEntry>) =
            self.entries.iter().partition(|e| already(e));
        Leap2aPreview {
            file: self.file.clone(),
            feed_title: self.feed_title.clone(),
            entries: new.into_iter().map(PlannedEntry::preview).collect(),
            already_imported: done.into_iter().map(PlannedEntry::preview).collect(),
            warnings: self.warnings.clone(),
        }
    }
}

/// The uid an imported entry gets: `leap2a-` and 32 hex digits of the SHA-256 of the feed's
/// id and the entry's, so the same entry of the same feed always gets the same uid and a
/// second import of it is recognised.
pub fn imported_uid(feed_id: &str, entry_id: &str) -> String {
    let digest = Sha256::digest(format!("{feed_id}\n{entry_id}").as_bytes());
    format!("leap2a-{}", &hex::encode(digest)[..32])
}

/// An open Leap2A file, to read the files an import attaches.
#[derive(Debug)]
pub struct Leap2aSource {
    file: String,
    archive: Option<(Archive, Vec<StoredFile>)>,
}

impl Leap2aSource {
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The archive's file at `path`, if it has one, and its declared size.
    pub(super) fn size_of(&self, path: &str) -> Option<u64> {
        let (_, files) = self.archive.as_ref()?;
        files.iter().find(|f| f.name == path).map(|f| f.size)
    }

    pub(super) fn is_archive(&self) -> bool {
        self.archive.is_some()
    }

    /// Reads one file of the archive whole, refusing one over the attachment limit.
    pub fn read_file(&mut self, path: &str) -> Result<Vec<u8>, Leap2aError> {
        let changed = |reason: String| Leap2aError::Changed {
            file: self.file.clone(),
            path: path.to_owned(),
            reason,
        };
        let Some((zip, files)) = self.archive.as_mut() else {
            return Err(changed("is not in a zip".into()));
        };
        let Some(stored) = files.iter().find(|f| f.name == path) else {
            return Err(changed("is no longer in the archive".into()));
        };
        if stored.size > MAX_ATTACHMENT_BYTES as u64 {
            return Err(changed("is larger than an attachment may be".into()));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(stored.size).unwrap_or(0));
        match unpack(zip, stored, &self.file, &mut bytes) {
            Ok(Ok(_)) => Ok(bytes),
            Ok(Err(damage)) => Err(changed(damage.to_string())),
            Err(refused) => Err(Leap2aError::from_archive(&self.file, refused)),
        }
    }
}

/// Opens `path` (a zip holding `leap2a.xml`, or a bare `leap2a.xml`), parses the feed and
/// plans the import. Nothing is written. Titles of `frameworks` are used to restore ratings
/// exported by Ward to Board.
pub fn read_leap2a(
    path: &Path,
    frameworks: &[Framework],
) -> Result<(Leap2aSource, Leap2aPlan), Leap2aError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let io = |source| Leap2aError::Io {
        file: file.clone(),
        source,
    };
    let mut start = [0u8; 4];
    let read = File::open(path)
        .and_then(|mut f| f.read(&mut start))
        .map_err(io)?;
    let (xml, mut source) = if read >= 2 && start.starts_with(b"PK") {
        open_zip(path, &file)?
    } else {
        let size = std::fs::metadata(path).map_err(io)?.len();
        if size > MAX_FEED_BYTES {
            return Err(too_large(&file, size));
        }
        let bytes = std::fs::read(path).map_err(io)?;
        let source = Leap2aSource {
            file: file.clone(),
            archive: None,
        };
        (bytes, source)
    };
    let inner = if source.is_archive() {
        FEED_PATH.to_owned()
    } else {
        file.clone()
    };
    let text = std::str::from_utf8(&xml).map_err(|e| Leap2aError::Malformed {
        file: file.clone(),
        inner: inner.clone(),
        line: utf8_error_at(&xml, &e).0,
        reason: format!(
            "byte {} is not UTF-8; Leap2A files are UTF-8 text",
            e.valid_up_to() + 1
        ),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let feed = parse_feed(text).map_err(|e| match e {
        FeedError::Doctype { line } => Leap2aError::Unsafe {
            file: file.clone(),
            problems: vec![format!(
                "{inner} line {line}: has a DOCTYPE. Leap2A needs none, and one can declare \
                 entities that expand without end or read other files, so it is never read"
            )],
        },
        FeedError::Malformed { line, reason } => Leap2aError::Malformed {
            file: file.clone(),
            inner: inner.clone(),
            line,
            reason,
        },
        FeedError::NotAFeed(reason) => Leap2aError::NotLeap2a {
            file: file.clone(),
            reason: format!("{inner}: {reason}"),
        },
        FeedError::OverLimit { line, reason } => Leap2aError::TooLarge {
            file: file.clone(),
            reason: format!(
                "{inner} line {line}: {reason}. Export it from Mahara again; if it still is, \
                 export fewer entries at a time"
            ),
        },
        FeedError::TooManyEntries => Leap2aError::TooLarge {
            file: file.clone(),
            reason: format!(
                "{inner} holds more than {} entries; export fewer from Mahara (one journal \
                 at a time) and import each file",
                super::MAX_FEED_ENTRIES
            ),
        },
    })?;
    drop(xml);
    let plan = plan_entries(&feed, &mut source, frameworks)?;
    Ok((source, plan))
}

fn too_large(file: &str, size: u64) -> Leap2aError {
    Leap2aError::TooLarge {
        file: file.to_owned(),
        reason: format!(
            "its {FEED_PATH} is {} MiB; the limit is {} MiB",
            size.div_ceil(1024 * 1024),
            MAX_FEED_BYTES / 1024 / 1024
        ),
    }
}

fn open_zip(path: &Path, file: &str) -> Result<(Vec<u8>, Leap2aSource), Leap2aError> {
    let (mut zip, files) =
        open_checked(path, file).map_err(|e| Leap2aError::from_archive(file, e))?;
    let Some(feed) = files.iter().find(|f| f.name == FEED_PATH).cloned() else {
        return Err(Leap2aError::NotLeap2a {
            file: file.to_owned(),
            reason: format!("the zip holds no {FEED_PATH} at its top level"),
        });
    };
    if feed.size > MAX_FEED_BYTES {
        return Err(too_large(file, feed.size));
    }
    let mut xml = Vec::with_capacity(usize::try_from(feed.size).unwrap_or(0));
    match unpack(&mut zip, &feed, file, &mut xml) {
        Ok(Ok(_)) => {}
        Ok(Err(damage)) => {
            return Err(Leap2aError::NotLeap2a {
                file: file.to_owned(),
                reason: format!("its {FEED_PATH} {damage}"),
            })
        }
        Err(refused) => return Err(Leap2aError::from_archive(file, refused)),
    }
    let source = Leap2aSource {
        file: file.to_owned(),
        archive: Some((zip, files)),
    };
    Ok((xml, source))
}
