//! The one way the app writes a file: to a temporary name beside the target, synced to disk,
//! then renamed over the target, then the folder synced. A crash, a kill or a full disk leaves
//! either the old file or the whole new one under the real name, never half of one. Every
//! writer (bundles, reviews, backups, packs, copies the learner saves) goes through here.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, Write};
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
    pub fn create(&self) -> io::Result<PartialFile> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&self.partial)?;
        Ok(PartialFile {
            file,
            position: 0,
            length: 0,
        })
    }

    /// The temporary file opened as an SQLite database, for copies made with SQLite's own
    /// writer (backups). The database may grow only as far as the disk has room for: a test
    /// that fills the disk ([`disk::with_room`]) makes it fail exactly as a full disk does.
    pub fn open_database(&self) -> rusqlite::Result<rusqlite::Connection> {
        let conn = rusqlite::Connection::open(&self.partial)?;
        if let Some(room) = disk::room() {
            // SQLite reports SQLITE_FULL ("database or disk is full") past this many pages,
            // the error it gives when the disk itself is full.
            let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
            let pages = i64::try_from(room).unwrap_or(i64::MAX) / page_size.max(1);
            conn.pragma_update(None, "max_page_count", pages.max(1))?;
        }
        Ok(conn)
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

/// The temporary file being written. Passes every write to the file on disk; in tests that
/// fill the disk ([`disk::with_room`]) it stops where the disk would, so the code under test
/// meets a full disk on its real path.
#[derive(Debug)]
pub struct PartialFile {
    file: File,
    /// Where the next write lands, and how long the file is: growth is what takes room.
    position: u64,
    length: u64,
}

impl PartialFile {
    /// Makes what was written durable (`fsync`).
    pub fn sync_all(&self) -> io::Result<()> {
        self.file.sync_all()
    }
}

impl Write for PartialFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let end = self.position.saturating_add(buf.len() as u64);
        let growth = end.saturating_sub(self.length);
        let allowed = disk::take(growth);
        let fits = buf.len() - usize::try_from(growth - allowed).unwrap_or(buf.len());
        if fits == 0 && !buf.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "no space left on the disk",
            ));
        }
        let written = self.file.write(&buf[..fits])?;
        self.position += written as u64;
        self.length = self.length.max(self.position);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Seek for PartialFile {
    fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
        self.position = self.file.seek(to)?;
        Ok(self.position)
    }
}

impl Read for PartialFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.file.read(buf)?;
        self.position += read as u64;
        Ok(read)
    }
}

/// How much room the disk has for what the atomic writer writes. Always unlimited outside
/// tests; a test sets a budget with [`disk::with_room`] to fill the disk at byte N.
pub mod disk {
    #[cfg(test)]
    use std::cell::Cell;

    #[cfg(test)]
    thread_local! {
        static ROOM: Cell<Option<u64>> = const { Cell::new(None) };
    }

    /// The bytes left, when a test has set a budget.
    pub(crate) fn room() -> Option<u64> {
        #[cfg(test)]
        {
            ROOM.with(Cell::get)
        }
        #[cfg(not(test))]
        {
            None
        }
    }

    /// Takes up to `bytes` of room; returns how many may be written.
    pub(crate) fn take(bytes: u64) -> u64 {
        #[cfg(test)]
        {
            ROOM.with(|room| match room.get() {
                None => bytes,
                Some(left) => {
                    let granted = bytes.min(left);
                    room.set(Some(left - granted));
                    granted
                }
            })
        }
        #[cfg(not(test))]
        {
            bytes
        }
    }

    /// Runs `work` on this thread as if the disk had only `bytes` free for the files the
    /// atomic writer writes: a write past them fails as on a full disk (`StorageFull`), and a
    /// database copy stops with SQLite's "database or disk is full".
    #[cfg(test)]
    pub(crate) fn with_room<T>(bytes: u64, work: impl FnOnce() -> T) -> T {
        struct Restore(Option<u64>);
        impl Drop for Restore {
            fn drop(&mut self) {
                ROOM.with(|room| room.set(self.0));
            }
        }
        let _restore = Restore(ROOM.with(|room| room.replace(Some(bytes))));
        work()
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

    #[test]
    fn a_full_disk_stops_the_write_where_the_room_ends_and_leaves_nothing() {
        let dir = temp();
        let target = dir.path().join("out.bin");
        std::fs::write(&target, b"kept").expect("seeded");
        let error = disk::with_room(10, || {
            let file = AtomicFile::new(&target).expect("started");
            let mut out = file.create().expect("created");
            let error = out.write_all(&[7u8; 100]).expect_err("the disk fills");
            assert_eq!(
                std::fs::metadata(file.partial()).expect("partial").len(),
                10,
                "the bytes that fitted reached the disk, as on a real full disk"
            );
            error
        });
        assert_eq!(error.kind(), io::ErrorKind::StorageFull, "{error}");
        assert_eq!(
            std::fs::read(&target).expect("read"),
            b"kept",
            "the target stays"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("listed").count(),
            1,
            "the half-written temporary file went with the failed write"
        );
    }

    #[test]
    fn rewriting_bytes_already_written_takes_no_more_room() {
        let dir = temp();
        let target = dir.path().join("out.bin");
        disk::with_room(8, || {
            let file = AtomicFile::new(&target).expect("started");
            let mut out = file.create().expect("created");
            out.write_all(b"12345678").expect("fits");
            // A zip writer goes back to fill in sizes: overwriting is not growth.
            out.seek(io::SeekFrom::Start(2)).expect("seek");
            out.write_all(b"ab").expect("overwrites in place");
            out.seek(io::SeekFrom::End(0)).expect("seek");
            assert!(
                out.write_all(b"9").is_err(),
                "one byte more is past the room"
            );
            drop(out);
            file.commit().expect("committed");
        });
        assert_eq!(std::fs::read(&target).expect("read"), b"12ab5678");
    }
}
