//! One process at a time on a data folder: the app and `w2b` each take an exclusive lock on a
//! file beside the database before opening it, and hold it for as long as the store lives.
//!
//! SQLite would let two processes share the file, but the app keeps state that is only right
//! while it is the one writer (the shared framework set, drafts, the daily backup), and two
//! windows on one portfolio would overwrite each other's edits. The desktop app forwards a
//! second launch to the first window; this lock is the guarantee underneath that, and it also
//! covers the command-line tool and a second app started some other way.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::{Result, StoreError};

/// The lock file inside the data folder. It is never deleted: the lock, not the file, is what
/// says the folder is in use, and the operating system releases it when the process ends,
/// even after a crash.
pub const LOCK_FILE: &str = "ward-to-board.lock";

/// The held lock; released when dropped.
#[derive(Debug)]
pub(crate) struct InstanceLock {
    _file: File,
}

impl InstanceLock {
    /// Takes the lock on `data_dir`, or says who to close if another process holds it.
    pub(crate) fn take(data_dir: &Path) -> Result<Self> {
        let path = data_dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| StoreError::Io {
                context: format!("cannot open {}", path.display()),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::InUse {
                data_dir: data_dir.to_path_buf(),
            }),
            Err(TryLockError::Error(source)) => Err(StoreError::Io {
                context: format!("cannot lock {}", path.display()),
                source,
            }),
        }
    }
}

/// Where the lock of a data folder lives, for messages and tests.
pub fn lock_path(data_dir: &Path) -> PathBuf {
    data_dir.join(LOCK_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn now() -> chrono::DateTime<chrono::Utc> {
        "2026-12-01T09:00:00Z".parse().expect("a fixed time")
    }

    #[test]
    fn a_second_store_on_the_same_folder_is_refused_until_the_first_closes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = Store::open(dir.path(), now()).expect("the first opens");
        let before = std::fs::read(first.path()).expect("database bytes");

        let second = Store::open(dir.path(), now());
        let Err(StoreError::InUse { data_dir }) = second else {
            panic!("a second writer must be refused, got {second:?}");
        };
        assert_eq!(data_dir, dir.path());
        let message = StoreError::InUse { data_dir }.to_string();
        assert!(message.contains("already open"), "{message}");
        assert!(message.contains("Close"), "says what to do: {message}");
        assert_eq!(
            std::fs::read(first.path()).expect("database bytes"),
            before,
            "the refused open wrote nothing"
        );

        drop(first);
        Store::open(dir.path(), now()).expect("opens again once the first has closed");
    }

    #[test]
    fn a_lock_left_by_a_crashed_process_does_not_block() {
        // A process that died left the file behind; the operating system released its lock.
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(lock_path(dir.path()), b"").expect("stale lock file");
        Store::open(dir.path(), now()).expect("a leftover lock file is not a lock");
    }

    #[test]
    fn another_process_holding_the_lock_is_seen() {
        // flock locks belong to the open file, so a child process holding one is refused the
        // same way; this runs `flock` from util-linux, as another program would hold it.
        let dir = tempfile::tempdir().expect("temp dir");
        let lock = lock_path(dir.path());
        std::fs::write(&lock, b"").expect("lock file");
        let Ok(mut child) = std::process::Command::new("flock")
            .arg("--exclusive")
            .arg(&lock)
            .args(["sleep", "30"])
            .spawn()
        else {
            eprintln!("flock(1) is not installed here; the in-process test covers the rule");
            return;
        };
        // Wait until the child holds it: our own try_lock fails once it does.
        let probe = File::open(&lock).expect("probe");
        let mut held = false;
        for _ in 0..200 {
            if matches!(probe.try_lock_shared(), Err(TryLockError::WouldBlock)) {
                held = true;
                break;
            }
            let _ = probe.unlock();
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(held, "the child took the lock");
        let refused = Store::open(dir.path(), now());
        let _ = child.kill();
        let _ = child.wait();
        assert!(
            matches!(refused, Err(StoreError::InUse { .. })),
            "{refused:?}"
        );
    }
}
