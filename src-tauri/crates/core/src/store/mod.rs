//! The learner's SQLite database: opening it safely, pragmas, migrations, and backups taken
//! before any upgrade. Queries live in one module per table group.

mod backups;
mod bundle;
mod coverage;
pub(crate) mod frameworks;
mod instance_lock;
mod learning;
mod migrations;
mod packs;
mod plan;
mod portfolio;
mod revalidation;
mod review;
mod signing;
mod study;

pub use backups::{AUTOMATIC_BACKUPS_KEPT, AUTOMATIC_BACKUP_INTERVAL_HOURS};
pub use bundle::{BundleSource, PlannedAttachment};
pub use coverage::DEFAULT_FRAMEWORK;
pub use frameworks::{InstalledFramework, BUILT_IN};
pub use instance_lock::{lock_path, LOCK_FILE};
pub use learning::search::MAX_RESULTS as MAX_SEARCH_RESULTS;
pub use migrations::SCHEMA_VERSION;
pub use packs::import::{ImportConsent, Imported, BUILTIN_PACK_ID};
pub use packs::InstallOutcome;
pub use portfolio::drafts::{EditorDraft, MAX_DRAFT_BYTES};
pub use portfolio::Leap2aImported;
pub use review::{EntryComment, ReviewView, SharedEntry, SignOffView};
pub use signing::KEY_FIELD as PUBLISHER_KEY_FIELD;

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags};

use crate::atomic::AtomicFile;
use crate::frameworks::Framework;
use crate::packs::PackError;

/// The database file inside the data folder.
pub const DATABASE_FILE: &str = "ward-to-board.sqlite3";
/// Copies taken before upgrades, inside the data folder.
pub const BACKUP_DIR: &str = "backups";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} was written by a newer version of Ward to Board (data format {found}; this \
         version reads up to {supported}). Install the newer version to open it. Nothing was changed."
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "{path} is not a Ward to Board database, or it is damaged ({source}). Nothing was changed."
    )]
    NotADatabase {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// Another process (a second app window started some other way, or `w2b`) has this
    /// data folder open.
    #[error(
        "The portfolio in {data_dir} is already open in another Ward to Board window or a w2b \
         command. Close that one first, then try again. Nothing was changed."
    )]
    InUse { data_dir: PathBuf },
    #[error("{0} was not found")]
    NotFound(String),
    /// The request conflicts with what is stored (an import that would take over another
    /// pack, remove the built-in curriculum, or install an older version unasked).
    #[error("{0}")]
    Conflict(String),
    /// A request the app should never send, or input the learner can correct (an empty
    /// answer, an impossible date, a note too long to keep).
    #[error("{0}")]
    Invalid(String),
    /// Input the learner can correct, field by field (the UI marks each field).
    #[error("{}", crate::problems::field_messages(.0))]
    Fields(Vec<crate::problems::FieldError>),
    #[error("the database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database could not be upgraded: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Pack(#[from] PackError),
}

impl StoreError {
    /// One field of the learner's input is wrong: which, and what to do.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Fields(vec![crate::problems::FieldError::new(field, message)])
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How many read connections the store keeps. WAL lets them all read while the writer
/// writes; a few mean a long read (an export streaming, a lesson rendering) never makes a
/// screen wait, without holding a file handle per thread.
pub const READERS: usize = 4;

/// One writer connection behind a lock, and a small pool of read connections: with WAL,
/// reading never waits for a write to finish, and a long read never blocks another read.
#[derive(Debug)]
pub struct Store {
    writer: Mutex<Connection>,
    readers: ReadPool,
    path: PathBuf,
    /// The installed frameworks, read once and again after each install.
    frameworks: RwLock<Arc<Vec<Framework>>>,
    /// Held while the store lives, so no other process opens the same data folder.
    _lock: instance_lock::InstanceLock,
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir`, upgrading it to the current
    /// schema. A database from a newer app is refused before anything is written to it; an
    /// older one is copied to `backups/` before it is upgraded.
    pub fn open(data_dir: &Path, now: DateTime<Utc>) -> Result<Self> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::Io {
            context: format!("cannot create the data folder {}", data_dir.display()),
            source,
        })?;
        // Before the database is even read: a second process must not upgrade or back it up.
        let lock = instance_lock::InstanceLock::take(data_dir)?;
        let path = data_dir.join(DATABASE_FILE);
        if path.exists() {
            let found = existing_schema_version(&path)?;
            if found > SCHEMA_VERSION {
                return Err(StoreError::TooNew {
                    path,
                    found,
                    supported: SCHEMA_VERSION,
                });
            }
            if found > 0 && found < SCHEMA_VERSION {
                backup_before_upgrade(&path, data_dir, found, now)?;
            }
        }
        let mut writer = Connection::open(&path)?;
        configure(&writer)?;
        migrations::migrations().to_latest(&mut writer)?;
        let readers = (0..READERS)
            .map(|_| open_reader(&path))
            .collect::<Result<Vec<_>>>()?;
        let store = Self {
            writer: Mutex::new(writer),
            readers: ReadPool {
                idle: Mutex::new(readers),
                returned: Condvar::new(),
            },
            path,
            frameworks: RwLock::new(Arc::new(Vec::new())),
            _lock: lock,
        };
        store.reload_frameworks()?;
        store.sync_builtin_frameworks(now)?;
        store.clear_stale_uploads(now)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave the connection half-written: every
        // write is a transaction that rolls back on drop. So a poisoned lock is still usable.
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A free read connection, for as long as the guard lives; waits only when every one
    /// of them is in use.
    fn reader(&self) -> Reader<'_> {
        self.readers.take()
    }
}

/// Read connections not in use. The lock is held only to take or return one, never while
/// reading.
#[derive(Debug)]
struct ReadPool {
    idle: Mutex<Vec<Connection>>,
    returned: Condvar,
}

impl ReadPool {
    fn take(&self) -> Reader<'_> {
        // The lock guards a list, changed only by push and pop: a panic elsewhere cannot
        // leave it half-changed, so a poisoned lock is still usable.
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(conn) = idle.pop() {
                return Reader {
                    conn: Some(conn),
                    pool: self,
                };
            }
            idle = self
                .returned
                .wait(idle)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// A read connection borrowed from the pool; it goes back when the guard is dropped.
pub(crate) struct Reader<'a> {
    conn: Option<Connection>,
    pool: &'a ReadPool,
}

impl Deref for Reader<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        // Only `drop` takes the connection out, so it is always here before then.
        self.conn
            .as_ref()
            .unwrap_or_else(|| unreachable!("a reader holds its connection until dropped"))
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.pool
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(conn);
            self.pool.returned.notify_one();
        }
    }
}

/// A connection that can only read (`query_only`), with the same pragmas as the writer.
fn open_reader(path: &Path) -> Result<Connection> {
    let reader = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&reader)?;
    reader.pragma_update(None, "query_only", true)?;
    // Searches and lists at 100,000 entries touch a few MB of index pages each time; the
    // default 2 MB page cache sent half of them back to the file on every search.
    reader.pragma_update(None, "cache_size", -8192)?;
    Ok(reader)
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Reads `user_version` through a read-only connection, so a file we must refuse is never
/// modified (not even switched to WAL).
fn existing_schema_version(path: &Path) -> Result<i64> {
    let not_db = |source| StoreError::NotADatabase {
        path: path.to_owned(),
        source,
    };
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(not_db)?;
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(not_db)
}

/// Copies the database to `backups/` with `VACUUM INTO` a temporary file, committed through
/// the one atomic writer, so a backup under its real name is always complete.
fn backup_before_upgrade(
    path: &Path,
    data_dir: &Path,
    from: i64,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let target = data_dir.join(BACKUP_DIR).join(format!(
        "before-upgrade-v{from}-to-v{SCHEMA_VERSION}-{stamp}.sqlite3"
    ));
    let io = |context: String| move |source| StoreError::Io { context, source };
    let file =
        AtomicFile::new(&target).map_err(io(format!("cannot write {}", target.display())))?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.execute("VACUUM INTO ?1", [file.partial().to_string_lossy()])?;
    drop(conn);
    file.commit()
        .map_err(io(format!("cannot finish the backup {}", target.display())))?;
    Ok(target)
}

/// The one way instants are written to the database: RFC 3339, UTC, milliseconds.
/// A full disk, said plainly: `what` (for example "the pack was not installed"), that
/// nothing was changed, and what to do. Any other error is returned as it is. SQLite reports a
/// full disk as SQLITE_FULL; a file write as `StorageFull`.
pub(crate) fn disk_full(error: StoreError, what: &str) -> StoreError {
    let cause = match &error {
        StoreError::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) => {
            e.to_string()
        }
        StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull => {
            source.to_string()
        }
        _ => return error,
    };
    StoreError::Io {
        context: format!(
            "{what}: the disk is full. Free some space and try again; nothing was changed"
        ),
        source: std::io::Error::new(std::io::ErrorKind::StorageFull, cause),
    }
}

pub(crate) fn timestamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
pub(crate) mod table_dump;
#[cfg(test)]
mod tests;
