//! Pack archives: one zip file a training scheme sends to learners.
//!
//! An archive comes from someone else and may be hostile, so nothing is decompressed until
//! every entry's name, type and declared size has passed: no absolute paths or `..`, no links,
//! no duplicate names, no absurd sizes or compression ratios. Reads are then bounded by the
//! declared size, so an entry that lies about its size cannot grow past it. The archive holds
//! [`SUMS_FILE`], the SHA-256 and size of every other file, checked on the way in.
//!
//! Writing is deterministic: the same files give byte-identical archives.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::files::{look_alike_problems, sha256_hex, PackFiles, MAX_PACK_BYTES, MAX_PACK_FILES};
use super::problem::{PackError, Problem};
use crate::archive_checks;

/// The file name ending learners and schemes see for a pack archive.
pub const ARCHIVE_EXTENSION: &str = "w2bpack";
/// Inside an archive: the size and SHA-256 of every other file.
pub const SUMS_FILE: &str = "pack-files.json";
/// An archive file larger than this is refused before it is read.
pub const MAX_ARCHIVE_BYTES: u64 = MAX_PACK_BYTES;
/// Folders deeper than this are not a curriculum.
const MAX_DEPTH: usize = 12;
/// Real text compresses up to about 10:1; far beyond that is a bomb.
const MAX_RATIO: u64 = 200;
const MAX_NAME_BYTES: usize = 255;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sums {
    format: u32,
    files: BTreeMap<String, FileSum>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSum {
    size: u64,
    sha256: String,
}

fn whole(message: impl Into<String>, hint: &str) -> PackError {
    PackError {
        problems: vec![Problem::in_file(".", message, hint)],
    }
}

const REBUILD: &str = "ask the pack's publisher for a new copy, built with `w2b pack build`";

impl PackFiles {
    /// Reads a pack archive from disk, refusing an oversized file before reading it.
    pub fn from_archive(path: &Path) -> Result<Self, PackError> {
        let unreadable = |e: std::io::Error| {
            whole(
                format!("cannot be read: {e}"),
                "check the file exists and you can read it",
            )
        };
        let metadata = std::fs::metadata(path).map_err(unreadable)?;
        if !metadata.is_file() {
            // A pipe or device named like a pack would block or never end when read.
            return Err(whole(
                "is not an ordinary file (a pipe, device or socket), so it is not read",
                "choose the pack file itself",
            ));
        }
        let size = metadata.len();
        if size > MAX_ARCHIVE_BYTES {
            return Err(whole(
                format!(
                    "the file is {} MiB; packs are limited to {} MiB",
                    size / 1024 / 1024,
                    MAX_ARCHIVE_BYTES / 1024 / 1024
                ),
                "check this is a curriculum pack",
            ));
        }
        Self::from_archive_bytes(&std::fs::read(path).map_err(unreadable)?)
    }

    /// Reads a pack archive held in memory. Every problem with the entries is reported
    /// before any of them is decompressed.
    pub fn from_archive_bytes(bytes: &[u8]) -> Result<Self, PackError> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            whole(
                format!("is not a pack archive, or it is damaged ({e})"),
                REBUILD,
            )
        })?;
        // The pack's files, the sums file, and the signature file when the pack is signed.
        let signed = zip.index_for_name(super::SIGNATURE_FILE).is_some();
        if zip.len() > MAX_PACK_FILES + 1 + usize::from(signed) {
            return Err(whole(
                format!(
                    "the archive holds {} files; the limit is {MAX_PACK_FILES}",
                    zip.len()
                ),
                REBUILD,
            ));
        }

        archive_checks::names_once(&zip).map_err(|e| whole(e.to_string(), REBUILD))?;
        let mut problems = Vec::new();
        let mut entries = Vec::new();
        let mut declared_total = 0u64;
        for index in 0..zip.len() {
            let entry = zip
                .by_index_raw(index)
                .map_err(|e| whole(format!("entry {index} is damaged ({e})"), REBUILD))?;
            let name = match std::str::from_utf8(entry.name_raw()) {
                Ok(name) => name.to_owned(),
                Err(_) => {
                    let shown = String::from_utf8_lossy(entry.name_raw()).into_owned();
                    problems.push(Problem::in_file(
                        &shown,
                        "has a name that is not UTF-8",
                        REBUILD,
                    ));
                    continue;
                }
            };
            if let Err(why) = check_name(&name) {
                problems.push(Problem::in_file(&name, why.to_string(), REBUILD));
                continue;
            }
            if entry.is_dir() {
                continue;
            }
            if entry.is_symlink() {
                problems.push(Problem::in_file(
                    &name,
                    "is a symbolic link",
                    "a pack holds only ordinary files",
                ));
                continue;
            }
            let (size, packed) = (entry.size(), entry.compressed_size());
            let before = declared_total;
            declared_total = declared_total.saturating_add(size);
            if declared_total > MAX_PACK_BYTES {
                // Name only the entry that crosses the limit, not every one after it.
                if before <= MAX_PACK_BYTES {
                    problems.push(Problem::in_file(
                        &name,
                        format!(
                            "takes the pack past the {} MiB it may hold when unpacked",
                            MAX_PACK_BYTES / 1024 / 1024
                        ),
                        REBUILD,
                    ));
                }
                continue;
            }
            if size > 1024 * 1024 && size / packed.max(1) > MAX_RATIO {
                problems.push(Problem::in_file(
                    &name,
                    format!("is compressed {}:1, far beyond real content: refused as a compression bomb", size / packed.max(1)),
                    REBUILD,
                ));
                continue;
            }
            entries.push((index, name, size));
        }
        problems.extend(look_alike_problems(
            entries.iter().map(|(_, name, _)| name.as_str()),
        ));
        if !problems.is_empty() {
            return Err(PackError { problems });
        }
        // Read after the entries are judged, before any is decompressed: the bundle reader
        // makes the same check, so both refuse what another unzip tool would read differently.
        archive_checks::headers_agree(&mut zip).map_err(|e| whole(e.to_string(), REBUILD))?;

        let mut files = BTreeMap::new();
        for (index, name, size) in entries {
            let entry = zip
                .by_index(index)
                .map_err(|e| whole(format!("{name} cannot be read ({e})"), REBUILD))?;
            let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            let read = entry.take(size + 1).read_to_end(&mut bytes);
            match read {
                Ok(_) if bytes.len() as u64 == size => {
                    files.insert(name, bytes);
                }
                Ok(_) => problems.push(Problem::in_file(
                    &name,
                    "is larger or smaller than the archive says",
                    REBUILD,
                )),
                Err(e) => problems.push(Problem::in_file(
                    &name,
                    format!("cannot be unpacked ({e})"),
                    REBUILD,
                )),
            }
        }
        if !problems.is_empty() {
            return Err(PackError { problems });
        }
        let signer = super::signature::take_signature(&mut files)?;
        verify_sums(&mut files)?;
        let mut pack = Self::from_map(files);
        pack.signer = signer;
        Ok(pack)
    }

    /// Writes the pack as one deterministic archive: files in name order, a fixed timestamp
    /// and permissions, and the sums file last.
    pub fn to_archive(&self) -> Result<Vec<u8>, PackError> {
        self.to_archive_signed(None)
    }

    /// [`PackFiles::to_archive`], with the sums file signed by `key` when one is given
    /// (`pack-signature.json`, written after it).
    pub fn to_archive_signed(
        &self,
        key: Option<&crate::signing::SecretKey>,
    ) -> Result<Vec<u8>, PackError> {
        let failed = |e: zip::result::ZipError| {
            whole(
                format!("the archive could not be written ({e})"),
                "try again",
            )
        };
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(6))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let mut sums = Sums {
            format: 1,
            files: BTreeMap::new(),
        };
        for (name, bytes) in self.iter() {
            zip.start_file(name, options).map_err(failed)?;
            zip.write_all(bytes).map_err(|e| failed(e.into()))?;
            sums.files.insert(
                name.to_owned(),
                FileSum {
                    size: bytes.len() as u64,
                    sha256: sha256_hex(bytes),
                },
            );
        }
        let sums = serde_json::to_vec_pretty(&sums)
            .map_err(|e| whole(format!("cannot list the files ({e})"), "try again"))?;
        zip.start_file(SUMS_FILE, options).map_err(failed)?;
        zip.write_all(&sums).map_err(|e| failed(e.into()))?;
        if let Some(key) = key {
            zip.start_file(super::SIGNATURE_FILE, options)
                .map_err(failed)?;
            zip.write_all(&super::signature::sign_sums(key, &sums))
                .map_err(|e| failed(e.into()))?;
        }
        Ok(zip.finish().map_err(failed)?.into_inner())
    }
}

/// Why an entry's name is not a safe relative path; the words follow the entry's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum UnsafeName {
    #[error("has an absolute or malformed path")]
    Malformed,
    #[error("has a name that is too long or holds control characters")]
    TooLongOrControl,
    #[error("has an absolute path (a drive letter)")]
    DriveLetter,
    #[error("has a path that leaves its folder (`..`, `.` or `//`)")]
    LeavesFolder,
    #[error("is nested {0} folders deep; the limit is {MAX_DEPTH}")]
    TooDeep(usize),
}

/// A safe relative name: `/`-separated, no empty, `.` or `..` parts, no drive letters or
/// backslashes, no control characters, not too deep or long.
fn check_name(name: &str) -> Result<(), UnsafeName> {
    let trimmed = name.strip_suffix('/').unwrap_or(name);
    if trimmed.is_empty() || name.starts_with('/') || name.contains('\\') {
        return Err(UnsafeName::Malformed);
    }
    if name.len() > MAX_NAME_BYTES || name.chars().any(char::is_control) {
        return Err(UnsafeName::TooLongOrControl);
    }
    if trimmed
        .split('/')
        .next()
        .is_some_and(|first| first.len() == 2 && first.ends_with(':'))
    {
        return Err(UnsafeName::DriveLetter);
    }
    let parts: Vec<&str> = trimmed.split('/').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || *p == "." || *p == "..")
    {
        return Err(UnsafeName::LeavesFolder);
    }
    if parts.len() > MAX_DEPTH {
        return Err(UnsafeName::TooDeep(parts.len()));
    }
    Ok(())
}

/// Checks every file against the sums file, then removes it: the pack's content is the same
/// whether it came from a folder or an archive.
fn verify_sums(files: &mut BTreeMap<String, Vec<u8>>) -> Result<(), PackError> {
    let Some(raw) = files.remove(SUMS_FILE) else {
        return Err(whole(format!("the archive has no {SUMS_FILE}"), REBUILD));
    };
    let sums: Sums = serde_json::from_slice(&raw).map_err(|e| PackError {
        problems: vec![Problem::in_file(
            SUMS_FILE,
            format!("cannot be read ({e})"),
            REBUILD,
        )],
    })?;
    let mut problems = Vec::new();
    for (name, sum) in &sums.files {
        match files.get(name) {
            None => problems.push(Problem::in_file(
                name,
                format!("is listed in {SUMS_FILE} but missing"),
                REBUILD,
            )),
            Some(bytes) if bytes.len() as u64 != sum.size || sha256_hex(bytes) != sum.sha256 => {
                problems.push(Problem::in_file(
                    name,
                    "has changed since the pack was built (its SHA-256 does not match)",
                    REBUILD,
                ))
            }
            Some(_) => {}
        }
    }
    for name in files.keys().filter(|n| !sums.files.contains_key(*n)) {
        problems.push(Problem::in_file(
            name,
            format!("is not listed in {SUMS_FILE}"),
            REBUILD,
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(PackError { problems })
    }
}

#[cfg(test)]
mod tests;
