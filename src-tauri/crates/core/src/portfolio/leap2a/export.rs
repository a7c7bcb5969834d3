//! Writing a Leap2A zip for Mahara: the entries as the bundle reads them (current versions,
//! outside the bin, ordered by date), the feed streamed into the archive, then each
//! attachment streamed from the database into `files/`, all under a temporary name that is
//! renamed over the target only once complete (`crate::atomic`). The same portfolio and
//! "now" give the same bytes.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::feed_write::{file_path, write_feed, FeedHead};
use super::{Leap2aError, FEED_PATH};
use crate::atomic::AtomicFile;
use crate::bundle::BundleSelection;
use crate::store::{Store, StoreError};

/// A written export.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedLeap2a {
    #[ts(type = "string")]
    pub path: PathBuf,
    /// The file's own name, for "save a copy".
    pub file_name: String,
    #[ts(type = "number")]
    pub entries: usize,
    #[ts(type = "number")]
    pub files: usize,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The name an export made at `now` gets in the app's exports folder: the time to the second,
/// so a second export the same day keeps the first. Made safe by the shared rules, as every
/// name the app writes is.
pub fn export_file_name(now: DateTime<Utc>) -> String {
    crate::file_names::safe_file_name(&format!(
        "portfolio-leap2a-{}.zip",
        now.format("%Y-%m-%d-%H%M%S")
    ))
}

/// Writes every entry outside the bin to `target` as a Leap2A zip.
pub fn write_leap2a(
    store: &Store,
    target: &Path,
    now: DateTime<Utc>,
) -> Result<ExportedLeap2a, Leap2aError> {
    let write_failed = |source| Leap2aError::Write {
        path: target.display().to_string(),
        source,
    };
    if target.file_name().is_none() {
        return Err(write_failed(std::io::ErrorKind::InvalidInput.into()));
    }
    let stamp = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let updated = store.entry_update_times()?;
    if updated.is_empty() {
        return Err(StoreError::Invalid(
            "the portfolio has no entries to export (entries in the bin are left out): add \
             an entry first"
                .into(),
        )
        .into());
    }
    let selection = BundleSelection::default();
    let (document, planned) = store.portfolio_document(&selection, "leap2a", now)?;
    // The feed is named by what it holds and when: the same export twice has the same id.
    let mut naming = Sha256::new();
    for entry in &document.entries {
        naming.update(entry.uid.as_bytes());
        naming.update(entry.version.to_be_bytes());
    }
    naming.update(stamp.as_bytes());
    let id = format!(
        "urn:ward-to-board:export:{}",
        &hex::encode(naming.finalize())[..32]
    );
    let title = format!(
        "Ward to Board portfolio, exported {}",
        now.format("%Y-%m-%d")
    );
    let head = FeedHead {
        id: &id,
        title: &title,
        updated: &stamp,
    };

    let partial = AtomicFile::new(target).map_err(write_failed)?;
    let file = partial.create().map_err(write_failed)?;
    let mut zip = ZipWriter::new(BufWriter::with_capacity(1024 * 1024, file));
    // A fixed time in the archive's headers keeps the bytes the same for the same input.
    let options = |method| {
        SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644)
    };
    let zip_failed = |e: zip::result::ZipError| write_failed(std::io::Error::other(e));
    zip.start_file(FEED_PATH, options(CompressionMethod::Deflated))
        .map_err(zip_failed)?;
    let feed = BufWriter::with_capacity(64 * 1024, &mut zip);
    write_feed(feed, &head, &document.entries, &updated)
        .and_then(|mut w| w.flush())
        .map_err(write_failed)?;

    let attachments = document.entries.iter().flat_map(|e| &e.attachments);
    for (listed, stored) in attachments.zip(&planned) {
        // Pictures, PDFs and office files are compressed already; text gains.
        let method = if stored.media_type.starts_with("text/") {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        zip.start_file(file_path(listed), options(method))
            .map_err(zip_failed)?;
        let copied = store.copy_attachment(stored.attachment_id, &mut zip)?;
        if copied != stored.size {
            return Err(StoreError::Invalid(format!(
                "the stored copy of {} has {copied} bytes where {} were attached: the \
                 database may be damaged. Restore a backup, or attach the file again",
                listed.file_name, stored.size
            ))
            .into());
        }
    }
    let out = zip.finish().map_err(zip_failed)?;
    let file = out.into_inner().map_err(|e| write_failed(e.into_error()))?;
    drop(file);
    partial.commit().map_err(write_failed)?;
    Ok(ExportedLeap2a {
        path: target.to_owned(),
        file_name: target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        entries: document.entries.len(),
        files: planned.len(),
        bytes: std::fs::metadata(target).map_or(0, |m| m.len()),
    })
}
