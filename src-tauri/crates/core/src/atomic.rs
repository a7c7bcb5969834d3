//! The one way the app writes a file: to a temporary name beside the target, synced to disk,
//! then renamed over the target, then the folder synced. A crash, a kill or a full disk leaves
//! either the old file or the whole new one under the real name, never half of one. Every
//! writer (bundles, reviews, backups, packs, copies the learner saves) goes through here.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file on its way to `target`. Write through [`AtomicFile::create`] (or have another
/// writer, such as SQLite's `VACUUM INTO`, fill [`AtomicFile::partial`]), then
/// [`AtomicFile::commit`]. Dropped without a commit, the temporary file is removed.
#[derive(Debug)]
pub struct AtomicFile {
    partial: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl AtomicFile {
    /// Makes the target's folder if needed and clears any temporary file a crash left.
    /// Nothing is created yet.
    pub fn new(target: &Path) -> io::Result<Self> {
        let dir = folder_of(target);
        std::fs::create_dir_all(dir)?;
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file");
        let partial = dir.join(format!(".{name}.partial-{}", std::process::id()));
        match std::fs::remove_file(&partial) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        Ok(Self {
            partial,
            target: target.to_owned(),
            committed: false,
        })
    }

    /// The temporary path, for writers that want a path rather than a file.
    pub fn partial(&self) -> &Path {
        &self.partial
    }

    /// The temporary file, created empty (or emptied) for writing.
    pub fn create(&self) -> io::Result<File> {
        File::create(&self.partial)
    }

    /// Syncs the temporary file, renames it over the target and syncs the folder, so the
    /// rename itself survives a power cut.
    pub fn commit(mut self) -> io::Result<()> {
        OpenOptions::new()
            .write(true)
            .open(&self.partial)?
            .sync_all()?;
        std::fs::rename(&self.partial, &self.target)?;
        self.committed = true;
        sync_folder(folder_of(&self.target));
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}

/// Writes `bytes` as the whole of `target`, atomically.
pub fn write(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let file = AtomicFile::new(target)?;
    let mut out = file.create()?;
    out.write_all(bytes)?;
    drop(out);
    file.commit()
}

fn folder_of(target: &Path) -> &Path {
    match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Makes a rename in `dir` durable. Folders cannot be opened for syncing on every system
/// (Windows), and the file itself is already synced, so a failure here is not an error.
pub fn sync_folder(dir: &Path) {
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().expect("a temporary folder")
    }

    #[test]
    fn writes_the_whole_file_and_leaves_nothing_beside_it() {
        let dir = temp();
        let target = dir.path().join("sub/out.txt");
        write(&target, b"hello").expect("written");
        assert_eq!(
            std::fs::read(&target).expect("read"),
            b"hello",
            "the bytes arrive"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .expect("listed")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["out.txt"], "no temporary file is left behind");
    }

    #[test]
    fn replaces_an_existing_file_whole() {
        let dir = temp();
        let target = dir.path().join("out.txt");
        std::fs::write(&target, b"old and longer").expect("seeded");
        write(&target, b"new").expect("written");
        assert_eq!(
            std::fs::read(&target).expect("read"),
            b"new",
            "no tail of the old file"
        );
    }

    #[test]
    fn an_abandoned_write_keeps_the_old_file_and_removes_the_partial() {
        let dir = temp();
        let target = dir.path().join("out.txt");
        std::fs::write(&target, b"kept").expect("seeded");
        {
            let file = AtomicFile::new(&target).expect("started");
            file.create()
                .expect("created")
                .write_all(b"half")
                .expect("written");
            assert!(
                file.partial().exists(),
                "the temporary file exists while writing"
            );
        }
        assert_eq!(
            std::fs::read(&target).expect("read"),
            b"kept",
            "the old file is untouched"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("listed").count(),
            1,
            "the temporary file went with the abandoned write"
        );
    }

    #[test]
    fn a_failed_rename_reports_and_keeps_the_target() {
        let dir = temp();
        // A folder where the file should go: the rename cannot replace it.
        let target = dir.path().join("taken");
        std::fs::create_dir(&target).expect("seeded");
        std::fs::write(target.join("inside"), b"x").expect("seeded");
        assert!(write(&target, b"new").is_err(), "the failure is reported");
        assert!(target.join("inside").exists(), "what was there stays");
    }
}
