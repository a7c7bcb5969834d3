//! The archive's entries, judged from the central directory alone before anything is
//! decompressed: safe names, ordinary files only, and sizes and compression ratios a real
//! bundle could have.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};

use zip::CompressionMethod;

use super::error::shown;
use super::{Archive, BundleError, BundleProblem};
use crate::archive_checks;
use crate::bundle::{
    MANIFEST_PATH, MAX_BUNDLE_FILES, MAX_BUNDLE_FILE_BYTES, MAX_BUNDLE_TOTAL_BYTES,
    MAX_COMPRESSION_RATIO, SIGNATURE_PATH,
};
use crate::file_names::{collision_key, name_problem};

/// Files smaller than this are not judged by their compression ratio: a few kilobytes of
/// repeated text compress far beyond 200:1 and are harmless.
pub(super) const RATIO_FLOOR_BYTES: u64 = 1024 * 1024;
/// No name in a bundle is longer (attachment names are shortened on export).
const MAX_NAME_BYTES: usize = 1024;
/// `attachments/<n>-<name>` is two parts; this leaves room for later layouts.
const MAX_DEPTH: usize = 8;

const S_IFMT: u32 = 0o170_000;
const S_IFREG: u32 = 0o100_000;
const S_IFDIR: u32 = 0o040_000;
const S_IFLNK: u32 = 0o120_000;

/// What the central directory says about one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Record {
    pub name_raw: Vec<u8>,
    /// Declared uncompressed size.
    pub size: u64,
    pub compressed: u64,
    /// The Unix mode, when the archive was made on Unix.
    pub mode: Option<u32>,
    pub encrypted: bool,
    pub method: CompressionMethod,
}

/// A file the checks passed: its index in the archive, name and declared size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredFile {
    pub index: usize,
    pub name: String,
    pub size: u64,
}

/// The archive's files (folders dropped), with the manifest and the learner's signature of
/// it (the one file the manifest cannot list) apart from the rest.
#[derive(Debug, Default)]
pub(super) struct Layout {
    pub manifest: Option<StoredFile>,
    pub signature: Option<StoredFile>,
    pub files: Vec<StoredFile>,
}

/// Reads every entry's record from the central directory and judges them all, then checks
/// that the local headers tell the same story (no entry hidden from the central directory,
/// none overlapping another, no name or size that differs between the two), since another
/// program unpacking the bundle may read either.
pub(super) fn check(zip: &mut Archive, file: &str) -> Result<Layout, BundleError> {
    let unsafe_whole = |problem: String| BundleError::Unsafe {
        file: file.to_owned(),
        problems: vec![BundleProblem::new(file, problem)],
    };
    if zip.len() > MAX_BUNDLE_FILES {
        return Err(unsafe_whole(format!(
            "the archive holds {} files; a bundle may hold at most {MAX_BUNDLE_FILES}",
            zip.len()
        )));
    }
    archive_checks::names_once(zip).map_err(|e| unsafe_whole(e.to_string()))?;
    let mut records = Vec::with_capacity(zip.len());
    for index in 0..zip.len() {
        let entry = zip
            .by_index_data(index)
            .map_err(|e| BundleError::NotABundle {
                file: file.to_owned(),
                reason: format!("entry {index} is damaged: {e}"),
            })?;
        records.push(Record {
            name_raw: entry.name_raw().to_vec(),
            size: entry.size(),
            compressed: entry.compressed_size(),
            mode: entry.unix_mode(),
            encrypted: entry.encrypted(),
            method: entry.compression(),
        });
    }
    let layout = judge(&records).map_err(|problems| BundleError::Unsafe {
        file: file.to_owned(),
        problems,
    })?;
    archive_checks::headers_agree(zip).map_err(|e| unsafe_whole(e.to_string()))?;
    Ok(layout)
}

/// Every problem with the records, or the files they hold. Pure, so each rule is tested
/// without building an archive.
pub(super) fn judge(records: &[Record]) -> Result<Layout, Vec<BundleProblem>> {
    let mut problems = Vec::new();
    let mut layout = Layout::default();
    let mut folders = Vec::new();
    let mut declared_total = 0u64;
    // Every name as Windows and macOS compare them, with the first name that had it.
    let mut by_key: HashMap<String, &str> = HashMap::with_capacity(records.len());
    for (index, record) in records.iter().enumerate() {
        let Ok(name) = std::str::from_utf8(&record.name_raw) else {
            let lossy = String::from_utf8_lossy(&record.name_raw).into_owned();
            problems.push(BundleProblem::new(&lossy, "has a name that is not UTF-8"));
            continue;
        };
        let is_folder = name.ends_with('/') || record.mode.is_some_and(|m| m & S_IFMT == S_IFDIR);
        let bare = name.strip_suffix('/').unwrap_or(name);
        if let Err(why) = check_name(bare) {
            problems.push(BundleProblem::new(name, why.to_string()));
            continue;
        }
        if let Some(why) = bare.split('/').find_map(name_problem) {
            problems.push(BundleProblem::new(name, why.to_string()));
            continue;
        }
        match by_key.entry(collision_key(bare)) {
            Entry::Occupied(first) => {
                problems.push(BundleProblem::new(
                    name,
                    format!(
                        "has the same name as `{}` once case and Unicode form are set aside, \
                         so on Windows or a Mac one would replace the other when unzipped",
                        shown(first.get())
                    ),
                ));
                continue;
            }
            Entry::Vacant(free) => {
                free.insert(name);
            }
        }
        if let Some(why) = kind_problem(record) {
            problems.push(BundleProblem::new(name, why));
            continue;
        }
        if is_folder {
            folders.push(name.trim_end_matches('/').to_owned());
            continue;
        }
        if record.size > MAX_BUNDLE_FILE_BYTES {
            problems.push(BundleProblem::new(
                name,
                format!(
                    "claims to unpack to {}; a file in a bundle may be at most {}",
                    mebibytes(record.size),
                    mebibytes(MAX_BUNDLE_FILE_BYTES)
                ),
            ));
            continue;
        }
        let ratio = record.size / record.compressed.max(1);
        if record.size > RATIO_FLOOR_BYTES && ratio > MAX_COMPRESSION_RATIO {
            problems.push(BundleProblem::new(
                name,
                format!(
                    "is compressed {ratio}:1, far beyond real content \
                     (the limit is {MAX_COMPRESSION_RATIO}:1): refused as a compression bomb"
                ),
            ));
            continue;
        }
        let before = declared_total;
        declared_total = declared_total.saturating_add(record.size);
        if declared_total > MAX_BUNDLE_TOTAL_BYTES && before <= MAX_BUNDLE_TOTAL_BYTES {
            // Name only the file that crosses the limit, not every one after it.
            problems.push(BundleProblem::new(
                name,
                format!(
                    "takes the bundle past the {} it may hold when unpacked",
                    mebibytes(MAX_BUNDLE_TOTAL_BYTES)
                ),
            ));
        }
        let stored = StoredFile {
            index,
            name: name.to_owned(),
            size: record.size,
        };
        if name == MANIFEST_PATH {
            layout.manifest = Some(stored);
        } else if name == SIGNATURE_PATH {
            layout.signature = Some(stored);
        } else {
            layout.files.push(stored);
        }
    }
    let implied: BTreeSet<&str> = layout
        .files
        .iter()
        .flat_map(|f| f.name.match_indices('/').map(|(at, _)| &f.name[..at]))
        .collect();
    for folder in folders.iter().filter(|f| !implied.contains(f.as_str())) {
        problems.push(BundleProblem::new(
            &format!("{folder}/"),
            "is a folder with no files in it; a bundle holds only the files its manifest lists",
        ));
    }
    if problems.is_empty() {
        Ok(layout)
    } else {
        Err(problems)
    }
}

/// Links, devices, encryption and compression Ward to Board never writes.
fn kind_problem(record: &Record) -> Option<String> {
    match record.mode.map(|m| m & S_IFMT) {
        None | Some(0 | S_IFREG | S_IFDIR) => {}
        Some(S_IFLNK) => {
            return Some("is a symbolic link; a bundle holds only ordinary files".into());
        }
        Some(_) => {
            return Some(
                "is not an ordinary file (a device, pipe or socket); a bundle holds only \
                 ordinary files"
                    .into(),
            );
        }
    }
    if record.encrypted {
        return Some("is encrypted; Ward to Board never encrypts a bundle's files".into());
    }
    if !matches!(
        record.method,
        CompressionMethod::Stored | CompressionMethod::Deflated
    ) {
        return Some(format!(
            "is compressed with {}, which Ward to Board does not write",
            record.method
        ));
    }
    None
}

/// Why an archive name is not a safe relative path, as its line in a problem list says it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum NameError {
    #[error("has an empty name")]
    Empty,
    #[error("has a name holding control characters (such as NUL)")]
    Control,
    #[error("has a backslash in its name, which Windows reads as a folder separator")]
    Backslash,
    #[error("has an absolute path")]
    Absolute,
    #[error("has a `:` in its name (a drive letter or a Windows stream)")]
    Colon,
    #[error("has a name of {bytes} bytes; the limit is {MAX_NAME_BYTES}")]
    TooLong { bytes: usize },
    #[error("has a path that leaves its folder (`..`)")]
    LeavesFolder,
    #[error("has a malformed path (an empty or `.` part)")]
    EmptyPart,
    #[error("is nested {parts} parts deep; the limit is {MAX_DEPTH}")]
    TooDeep { parts: usize },
}

/// A safe relative name: `/`-separated, no empty, `.` or `..` parts, no leading `/`, no
/// backslash, drive letter or `:`, no control characters (NUL included), not too long or deep.
pub(super) fn check_name(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().any(char::is_control) {
        return Err(NameError::Control);
    }
    if name.contains('\\') {
        return Err(NameError::Backslash);
    }
    if name.starts_with('/') {
        return Err(NameError::Absolute);
    }
    if name.contains(':') {
        return Err(NameError::Colon);
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(NameError::TooLong { bytes: name.len() });
    }
    let parts: Vec<&str> = name.split('/').collect();
    if parts.contains(&"..") {
        return Err(NameError::LeavesFolder);
    }
    if parts.iter().any(|p| p.is_empty() || *p == ".") {
        return Err(NameError::EmptyPart);
    }
    if parts.len() > MAX_DEPTH {
        return Err(NameError::TooDeep { parts: parts.len() });
    }
    Ok(())
}

fn mebibytes(bytes: u64) -> String {
    format!("{} MiB", bytes.div_ceil(1024 * 1024))
}
