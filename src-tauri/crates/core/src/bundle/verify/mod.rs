//! Verifying a bundle that came from elsewhere: the archive's entries are checked (names,
//! sizes, compression ratios) before anything is decompressed, then every file is hashed
//! against the manifest as it streams past. A changed, missing or extra file is reported,
//! never accepted, and every problem is named, not just the first. Nothing is written.

mod attachments;
mod contents;
mod entries;
mod error;
mod meaning;
mod signature;
mod stream;

use std::fs::File;
use std::io::{self, BufReader};
use std::path::Path;

use serde::Deserialize;
use zip::result::ZipError;
use zip::{ZipArchive, ZipReadOptions};

pub use self::contents::{
    MAX_PORTFOLIO_JSON_BYTES, MAX_PORTFOLIO_JSON_DEPTH, MAX_PORTFOLIO_JSON_ITEMS,
    MAX_PORTFOLIO_JSON_VALUES, MAX_PORTFOLIO_TEXT_BYTES, PORTFOLIO_JSON_LIMITS,
};
use self::entries::Layout;
pub(crate) use self::entries::StoredFile;
pub(crate) use self::error::shown;
pub use self::error::{BundleError, BundleProblem};
use self::stream::{hash_capped, StreamError};
pub(crate) use self::stream::{Damage, Digest};
use super::{
    Manifest, PortfolioDocument, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, MANIFEST_PATH,
    MAX_BUNDLE_FILES, MAX_BUNDLE_TOTAL_BYTES,
};
use crate::json_limits::{check_json_limits, JsonLimits};
use crate::signing::Signer;

pub(crate) type Archive = ZipArchive<BufReader<File>>;

/// The manifest lists at most 20,000 files of a few hundred bytes each.
const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;
/// Every limit `manifest.json` is read within: one object holding one list of files.
pub const MANIFEST_JSON_LIMITS: JsonLimits = JsonLimits {
    max_bytes: MAX_MANIFEST_BYTES,
    max_depth: 4,
    max_values: 8 * MAX_BUNDLE_FILES as u64 + 100,
    max_items: MAX_BUNDLE_FILES as u64,
    max_text_bytes: 64 * 1024,
};
/// Room for the zip headers of the largest bundle, on top of its files.
const ARCHIVE_OVERHEAD_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct VerifiedBundle {
    pub manifest: Manifest,
    /// SHA-256 of `manifest.json` as stored: with the manifest's own hashes, this names the
    /// whole bundle's content.
    pub manifest_sha256: String,
    pub document: PortfolioDocument,
    /// The files the manifest lists, together, unpacked.
    pub total_bytes: u64,
    /// Who signed `manifest.json` (its signature checked); `None` for an unsigned bundle.
    pub signer: Option<Signer>,
}

/// Checks a bundle from elsewhere completely: the archive's entries, the manifest, every
/// file's size and SHA-256, and that `portfolio.json` agrees with the manifest. Streams each
/// file; holds only the manifest and the parsed portfolio in memory. Writes nothing.
pub fn verify_bundle(path: &Path) -> Result<VerifiedBundle, BundleError> {
    verify_bundle_named(path, &file_name(path))
}

/// [`verify_bundle`] for a copy kept under another name: every problem names the bundle
/// `file`, as the person who chose it knows it.
pub fn verify_bundle_named(path: &Path, file: &str) -> Result<VerifiedBundle, BundleError> {
    verify_bundle_as(path, file, PageCheck::Remade)
}

/// How the bundle's page (`portfolio.html`) is checked, on top of its size and SHA-256
/// against the manifest, which every file gets whatever is chosen here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageCheck {
    /// The page is made again from `portfolio.json` and must be the same, byte for byte: for
    /// readers that show the page or hand it on (review mode, export), where a page swapped
    /// for a phishing form with a manifest made to match must be caught.
    Remade,
    /// The page is hashed against the manifest like every other file but not made again:
    /// only for readers that never show, link or copy the page and read `portfolio.json`
    /// alone (the cohort report). Making the page again is most of a large bundle's check.
    HashedOnly,
}

/// [`verify_bundle_named`], with the page checked as `page` says.
pub fn verify_bundle_as(
    path: &Path,
    file: &str,
    page: PageCheck,
) -> Result<VerifiedBundle, BundleError> {
    let file = file.to_owned();
    let mut zip = open(path, &file)?;
    let layout = entries::check(&mut zip, &file)?;
    let (manifest, manifest_sha256, manifest_bytes) = read_manifest(&mut zip, &layout, &file)?;
    // Before any file is hashed: a bundle whose signature fails is refused whatever else.
    let signer = signature::check(&mut zip, &layout, &manifest_bytes, &file)?;
    drop(manifest_bytes);
    let checked = contents::check_files(&mut zip, &layout, &manifest, &file)?;
    contents::check_document(&checked, &manifest, &file, page)?;
    Ok(VerifiedBundle {
        manifest,
        manifest_sha256,
        document: checked.document,
        total_bytes: checked.total_bytes,
        signer,
    })
}

/// Extracts one file of a bundle, checking the archive again first (it may have changed
/// since it was verified) and the file's SHA-256 on the way out. At most `max_bytes` are read.
pub fn read_bundle_file(
    path: &Path,
    inner_path: &str,
    expected_sha256: &str,
    max_bytes: u64,
) -> Result<Vec<u8>, BundleError> {
    let file = file_name(path);
    let tampered = |problem: String| BundleError::Tampered {
        file: file.clone(),
        problems: vec![BundleProblem::new(inner_path, problem)],
    };
    let mut zip = open(path, &file)?;
    let layout = entries::check(&mut zip, &file)?;
    let Some(stored) = layout.files.iter().find(|f| f.name == inner_path) else {
        return Err(tampered("is not in the bundle".into()));
    };
    if stored.size > max_bytes {
        return Err(BundleError::Unsafe {
            file: file.clone(),
            problems: vec![BundleProblem::new(
                inner_path,
                format!(
                    "is {} bytes; at most {max_bytes} may be read here",
                    stored.size
                ),
            )],
        });
    }
    let capacity = usize::try_from(stored.size).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    let digest =
        unpack(&mut zip, stored, &file, &mut bytes)?.map_err(|d| tampered(d.to_string()))?;
    if digest.bytes != stored.size || !digest.sha256.eq_ignore_ascii_case(expected_sha256) {
        return Err(tampered(
            "has changed since the bundle was verified (its SHA-256 does not match)".into(),
        ));
    }
    Ok(bytes)
}

/// Opens a zip from elsewhere and checks every entry from its headers alone (safe names,
/// ordinary files, sizes and compression ratios) before anything is decompressed. Shared
/// with the other readers of archives from elsewhere (Leap2A portfolios), which then read
/// each file through [`unpack`], capped at its declared size.
pub(crate) fn open_checked(
    path: &Path,
    file: &str,
) -> Result<(Archive, Vec<StoredFile>), BundleError> {
    let mut zip = open(path, file)?;
    let layout = entries::check(&mut zip, file)?;
    let files = layout
        .manifest
        .into_iter()
        .chain(layout.signature)
        .chain(layout.files)
        .collect();
    Ok((zip, files))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn open(path: &Path, file: &str) -> Result<Archive, BundleError> {
    let io_error = |source: io::Error| BundleError::Io {
        file: file.to_owned(),
        source,
    };
    let not_a_bundle = |reason: String| BundleError::NotABundle {
        file: file.to_owned(),
        reason,
    };
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if metadata.is_dir() {
        return Err(not_a_bundle("it is a folder".into()));
    }
    let limit = MAX_BUNDLE_TOTAL_BYTES + ARCHIVE_OVERHEAD_BYTES;
    if metadata.len() > limit {
        return Err(BundleError::Unsafe {
            file: file.to_owned(),
            problems: vec![BundleProblem::new(
                file,
                format!(
                    "the file is {} MiB; a bundle is at most {} MiB",
                    metadata.len() / 1024 / 1024,
                    limit / 1024 / 1024
                ),
            )],
        });
    }
    let reader = BufReader::new(File::open(path).map_err(io_error)?);
    ZipArchive::new(reader).map_err(|e| match e {
        ZipError::Io(e)
            if !matches!(
                e.kind(),
                io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidData
            ) =>
        {
            io_error(e)
        }
        e => not_a_bundle(e.to_string()),
    })
}

/// Streams one stored file into `sink` through SHA-256, stopping one byte past its declared
/// size. The outer error is a refusal (the lie about its size); the inner one, damage.
pub(crate) fn unpack(
    zip: &mut Archive,
    stored: &StoredFile,
    file: &str,
    sink: &mut impl io::Write,
) -> Result<Result<Digest, Damage>, BundleError> {
    // CRC checks are off: SHA-256 against the manifest is the check that counts, and with
    // CRC off an error at the declared size can only mean the entry is longer than it says.
    let options = ZipReadOptions::new().ignore_crc32(true);
    let entry = match zip.by_index_with_options(stored.index, options) {
        Ok(entry) => entry,
        Err(e) => return Ok(Err(Damage::Unpackable(e.to_string()))),
    };
    match hash_capped(entry, stored.size, sink) {
        Ok(digest) if digest.bytes < stored.size => Ok(Err(short(&digest, stored))),
        Ok(digest) => Ok(Ok(digest)),
        Err(StreamError::TooLong { limit }) => Err(too_long(file, &stored.name, limit)),
        Err(StreamError::Damaged(e)) => Ok(Err(Damage::Unpackable(e))),
    }
}

fn short(digest: &Digest, stored: &StoredFile) -> Damage {
    Damage::Short {
        found: digest.bytes,
        declared: stored.size,
    }
}

fn too_long(file: &str, name: &str, limit: u64) -> BundleError {
    BundleError::Unsafe {
        file: file.to_owned(),
        problems: vec![BundleProblem::new(
            name,
            format!(
                "unpacks to more than the {limit} bytes its header declares: refused as a \
                 compression bomb (unpacking stopped there)"
            ),
        )],
    }
}

/// The two fields read before the rest, so a newer manifest (which may hold fields this
/// version does not know) is named as newer rather than as malformed.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ManifestProbe {
    format: Option<serde_json::Value>,
    format_version: Option<serde_json::Value>,
}

fn read_manifest(
    zip: &mut Archive,
    layout: &Layout,
    file: &str,
) -> Result<(Manifest, String, Vec<u8>), BundleError> {
    let not_a_bundle = |reason: String| BundleError::NotABundle {
        file: file.to_owned(),
        reason,
    };
    let Some(stored) = &layout.manifest else {
        return Err(not_a_bundle(format!("it holds no {MANIFEST_PATH}")));
    };
    if stored.size > MAX_MANIFEST_BYTES {
        return Err(BundleError::Unsafe {
            file: file.to_owned(),
            problems: vec![BundleProblem::new(
                MANIFEST_PATH,
                format!(
                    "is {} bytes; a manifest is at most {MAX_MANIFEST_BYTES}",
                    stored.size
                ),
            )],
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(stored.size).unwrap_or(0));
    let digest = unpack(zip, stored, file, &mut bytes)?
        .map_err(|e| not_a_bundle(format!("{MANIFEST_PATH} {e}")))?;
    check_json_limits(&bytes, MANIFEST_JSON_LIMITS).map_err(|exceeded| BundleError::Unsafe {
        file: file.to_owned(),
        problems: vec![BundleProblem::new(MANIFEST_PATH, exceeded.to_string())],
    })?;
    let probe: ManifestProbe =
        serde_json::from_slice(&bytes).map_err(|e| malformed(file, MANIFEST_PATH, &e))?;
    match probe.format.as_ref().and_then(|f| f.as_str()) {
        Some(BUNDLE_FORMAT) => {}
        Some(other) => {
            return Err(not_a_bundle(format!(
                "its manifest says it is a `{}`",
                shown(other)
            )))
        }
        None => return Err(not_a_bundle("its manifest does not name its format".into())),
    }
    if let Some(found) = probe.format_version.as_ref().and_then(|v| v.as_u64()) {
        if found > u64::from(BUNDLE_FORMAT_VERSION) {
            return Err(BundleError::TooNew {
                file: file.to_owned(),
                found,
            });
        }
    }
    let manifest: Manifest =
        serde_json::from_slice(&bytes).map_err(|e| malformed(file, MANIFEST_PATH, &e))?;
    if !is_bundle_id(&manifest.bundle_id) {
        return Err(BundleError::Malformed {
            file: file.to_owned(),
            inner: MANIFEST_PATH.into(),
            line: 0,
            column: 0,
            reason: format!(
                "its bundleId `{}` is not 32 lower-case hexadecimal digits",
                shown(&manifest.bundle_id)
            ),
        });
    }
    Ok((manifest, digest.sha256, bytes))
}

fn is_bundle_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn malformed(file: &str, inner: &str, error: &serde_json::Error) -> BundleError {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    BundleError::Malformed {
        file: file.to_owned(),
        inner: inner.to_owned(),
        line: error.line(),
        column: error.column(),
        reason: text.strip_suffix(&suffix).unwrap_or(&text).to_owned(),
    }
}

#[cfg(test)]
mod tests;
