//! The files of a pack held in memory, whatever they came from (the binary, a folder, later an
//! archive), so that parsing never touches the file system and a half-read pack is never parsed.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::problem::{PackError, Problem};
use crate::archive_checks::look_alike_names;

/// A pack larger than this is refused before it is read whole.
pub const MAX_PACK_BYTES: u64 = 64 * 1024 * 1024;
/// More files than this is not a curriculum.
pub const MAX_PACK_FILES: usize = 5_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackFiles {
    files: BTreeMap<String, Vec<u8>>,
    /// Who signed the archive the files came from, once the signature verified.
    pub(super) signer: Option<crate::signing::Signer>,
}

impl PackFiles {
    pub fn from_embedded(entries: &[(&str, &[u8])]) -> Self {
        let files = entries
            .iter()
            .map(|(path, bytes)| ((*path).to_owned(), bytes.to_vec()))
            .collect();
        Self {
            files,
            signer: None,
        }
    }

    /// Reads a pack folder. Symbolic links are refused rather than followed, so a pack cannot
    /// pull in files from elsewhere on the learner's disk; pipes, devices and sockets are
    /// refused without being opened, since reading a pipe waits for a writer that never comes.
    pub fn from_dir(root: &Path) -> Result<Self, PackError> {
        let mut files = BTreeMap::new();
        let mut total = 0u64;
        let mut problems = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let entries = std::fs::read_dir(&dir).map_err(|e| unreadable(root, &dir, &e))?;
            for entry in entries {
                let entry = entry.map_err(|e| unreadable(root, &dir, &e))?;
                let path = entry.path();
                let rel = relative(root, &path);
                let kind = entry.file_type().map_err(|e| unreadable(root, &path, &e))?;
                if kind.is_symlink() {
                    problems.push(Problem::in_file(
                        &rel,
                        "is a symbolic link",
                        "copy the file into the pack instead of linking to it",
                    ));
                } else if kind.is_dir() {
                    stack.push(path);
                } else if !kind.is_file() {
                    problems.push(not_ordinary(&rel, &kind));
                } else {
                    total += entry
                        .metadata()
                        .map_err(|e| unreadable(root, &path, &e))?
                        .len();
                    if total > MAX_PACK_BYTES || files.len() >= MAX_PACK_FILES {
                        return Err(PackError {
                            problems: vec![Problem::in_file(
                                ".",
                                format!(
                                    "the pack is too large (limits: {} MiB, {MAX_PACK_FILES} files)",
                                    MAX_PACK_BYTES / 1024 / 1024
                                ),
                                "split it into smaller packs or remove files lessons do not use",
                            )],
                        });
                    }
                    match read_ordinary(&path) {
                        Ok(Some(bytes)) => {
                            files.insert(rel, bytes);
                        }
                        // Swapped for a pipe or device since it was listed.
                        Ok(None) => problems.push(not_ordinary(&rel, &kind)),
                        Err(e) => return Err(unreadable(root, &path, &e)),
                    }
                }
            }
        }
        problems.extend(look_alike_problems(files.keys().map(String::as_str)));
        if problems.is_empty() {
            Ok(Self::from_map(files))
        } else {
            Err(PackError { problems })
        }
    }

    pub(crate) fn from_map(files: BTreeMap<String, Vec<u8>>) -> Self {
        Self {
            files,
            signer: None,
        }
    }

    /// Every file, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .map(|(path, bytes)| (path.as_str(), bytes.as_slice()))
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// A digest of every path and its bytes, independent of where the files came from.
    pub fn content_sha256(&self) -> String {
        let mut hasher = Sha256::new();
        for (path, bytes) in &self.files {
            hasher.update((path.len() as u64).to_le_bytes());
            hasher.update(path.as_bytes());
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        hex::encode(hasher.finalize())
    }
}

/// SHA-256 of `bytes` as lowercase hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// One problem for each set of names that are one file on Windows and macOS, which ignore
/// case and Unicode normalisation: which copy a learner gets would depend on their system.
pub(crate) fn look_alike_problems<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<Problem> {
    look_alike_names(names)
        .into_iter()
        .filter_map(|group| {
            let (first, others) = group.split_first()?;
            let others: Vec<String> = others.iter().map(|n| format!("`{n}`")).collect();
            Some(Problem::in_file(
                first,
                format!(
                    "has the same name as {} once case and accents are compared the way Windows \
                     and macOS compare them, so a learner could get either file",
                    others.join(" and ")
                ),
                "give every file a name that differs by more than capitals or accent encoding",
            ))
        })
        .collect()
}

/// Pipes, devices and sockets, named by what they are; never opened.
fn not_ordinary(rel: &str, kind: &std::fs::FileType) -> Problem {
    Problem::in_file(
        rel,
        format!("is {}, not an ordinary file", special_kind(kind)),
        "a pack folder holds only ordinary files and folders: remove it",
    )
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// The bytes of an ordinary file, or `None` when what is at `path` now is not one (it was
/// swapped after the folder was listed). On Unix the file is opened without waiting for a
/// pipe's writer and without following a link, and checked on the open handle.
fn read_ordinary(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    // A file that grows while it is read stops just past the pack's limit.
    file.take(MAX_PACK_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn unreadable(root: &Path, path: &Path, error: &std::io::Error) -> PackError {
    let rel = relative(root, path);
    PackError {
        problems: vec![Problem::in_file(
            if rel.is_empty() { "." } else { &rel },
            format!("cannot be read: {error}"),
            "check the path exists and you can read it",
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_depends_on_paths_and_bytes() {
        let a = PackFiles::from_embedded(&[("a.md", b"x"), ("b.md", b"y")]);
        let b = PackFiles::from_embedded(&[("a.md", b"x"), ("b.md", b"z")]);
        let c = PackFiles::from_embedded(&[("a.md", b"xb.md"), ("", b"y")]);
        assert_ne!(
            a.content_sha256(),
            b.content_sha256(),
            "a changed byte is a changed pack"
        );
        assert_ne!(
            a.content_sha256(),
            c.content_sha256(),
            "moving bytes between names is a change"
        );
        assert_eq!(
            a.content_sha256(),
            a.clone().content_sha256(),
            "the digest is stable"
        );
    }

    #[test]
    fn folders_are_read_with_forward_slash_paths() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("m")).expect("mkdir");
        std::fs::write(dir.path().join("m").join("01.md"), "hello").expect("write");
        let files = PackFiles::from_dir(dir.path()).expect("readable folder");
        assert_eq!(
            files.get("m/01.md"),
            Some(&b"hello"[..]),
            "paths are pack-relative with /"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("passwd.md")).expect("symlink");
        let err = PackFiles::from_dir(dir.path()).expect_err("a link out of the pack is refused");
        assert_eq!(
            err.problems[0].file, "passwd.md",
            "the problem names the link"
        );
    }

    #[cfg(unix)]
    #[test]
    fn pipes_and_sockets_are_refused_without_being_opened() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("pack.toml"), "x").expect("write");
        let fifo = dir.path().join("lesson.md");
        // Opening a pipe for reading waits for a writer: reading this one would never end.
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "a named pipe is made");
        let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("talk.sock"))
            .expect("a socket is made");
        let err = PackFiles::from_dir(dir.path()).expect_err("special files are refused");
        let mut found: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
        found.sort();
        assert_eq!(
            found,
            [
                "lesson.md: is a named pipe (FIFO), not an ordinary file (a pack folder holds \
                 only ordinary files and folders: remove it)",
                "talk.sock: is a socket, not an ordinary file (a pack folder holds only \
                 ordinary files and folders: remove it)",
            ],
            "each is named with what it is, and the check returns"
        );
    }

    #[test]
    fn names_that_are_one_file_on_other_systems_are_refused_in_a_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in [
            "Notes.md",
            "notes.md",
            "caf\u{e9}.md",
            "cafe\u{301}.md",
            "other.md",
        ] {
            std::fs::write(dir.path().join(name), name).expect("write");
        }
        let err = PackFiles::from_dir(dir.path()).expect_err("look-alikes are refused");
        let files: Vec<&str> = err.problems.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(
            files,
            ["Notes.md", "cafe\u{301}.md"],
            "one problem per group, named by its first name in path order"
        );
        assert!(
            err.problems[1].message.contains("`caf\u{e9}.md`"),
            "the other spelling is named: {}",
            err.problems[1].message
        );
    }
}
