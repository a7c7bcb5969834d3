//! Copies of the database in `backups/`: taken on request, once a day automatically (only the
//! newest few automatic ones are kept), and before a restore; listing them and restoring one.
//! Copies are made with SQLite's online backup API while holding the writer, so each is one
//! consistent snapshot and copies, rotation and restores never interleave.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{
    configure, disk_full, migrations, timestamp, Result, Store, StoreError, BACKUP_DIR,
    SCHEMA_VERSION,
};
use crate::atomic::AtomicFile;
use crate::backups::{BackupInfo, BackupKind};

/// How many automatic copies are kept; older ones are deleted after each new one.
pub const AUTOMATIC_BACKUPS_KEPT: usize = 10;
/// How old the newest automatic copy may be before `backup_if_due` takes another.
pub const AUTOMATIC_BACKUP_INTERVAL_HOURS: i64 = 24;

const EXTENSION: &str = ".sqlite3";
/// The UTC instant in every backup's name: sorts as text, and is safe in any file system.
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%SZ";
const STAMP_LEN: usize = "20261123T090000Z".len();

/// What a backup's file name says about it.
#[derive(Debug, Clone)]
struct Found {
    file_name: String,
    kind: BackupKind,
    created: DateTime<Utc>,
    /// Separates copies of one kind taken within the same second (`...Z-2.sqlite3`).
    seq: u32,
}

impl Store {
    /// Copies the database now into `backups/`. Copies before an upgrade are only taken by
    /// `Store::open`, so `BeforeUpgrade` is refused here.
    pub fn backup_now(&self, kind: BackupKind, now: DateTime<Utc>) -> Result<BackupInfo> {
        if kind == BackupKind::BeforeUpgrade {
            return Err(StoreError::Invalid(
                "copies before an upgrade are taken only when the app upgrades the data".into(),
            ));
        }
        let writer = self.writer();
        self.take_backup(&writer, kind, now)
    }

    /// Takes an automatic copy if the newest one is at least a day old, or there is none.
    pub fn backup_if_due(&self, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
        let writer = self.writer();
        let newest = scan(&self.backup_dir())?
            .into_iter()
            .filter(|b| b.kind == BackupKind::Automatic)
            .map(|b| b.created)
            .max();
        if newest.is_some_and(|at| now - at < Duration::hours(AUTOMATIC_BACKUP_INTERVAL_HOURS)) {
            return Ok(None);
        }
        self.take_backup(&writer, BackupKind::Automatic, now)
            .map(Some)
    }

    /// Every copy in the backups folder, newest first. Files that are not named like a backup
    /// (and unfinished `.partial` copies) are left out.
    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        let dir = self.backup_dir();
        let mut found = scan(&dir)?;
        sort_newest_first(&mut found);
        found.iter().map(|b| describe(&dir, b)).collect()
    }

    /// Replaces the learner's data with the copy `file_name` from the backups folder. The copy
    /// is checked and brought up to the current format in memory first, so a copy that cannot
    /// be restored changes nothing. The data as it was is kept as a `BeforeRestore` copy,
    /// which is returned.
    pub fn restore_backup(&self, file_name: &str, now: DateTime<Utc>) -> Result<BackupInfo> {
        let dir = self.backup_dir();
        let path = backup_path(&dir, file_name)?;
        let restored = verified_copy(&path, file_name)?;
        let mut writer = self.writer();
        let kept = self.take_backup(&writer, BackupKind::BeforeRestore, now)?;
        // One step replaces every page in one write transaction: the reader sees the old data
        // or the restored data, never a mixture or an older format.
        copy_all(&restored, &mut writer)?;
        configure(&writer)?;
        Ok(kept)
    }

    fn backup_dir(&self) -> PathBuf {
        self.path.with_file_name(BACKUP_DIR)
    }

    /// Copies through `conn` (the writer, already locked), then deletes automatic copies
    /// beyond the number kept.
    fn take_backup(
        &self,
        conn: &Connection,
        kind: BackupKind,
        now: DateTime<Utc>,
    ) -> Result<BackupInfo> {
        let dir = self.backup_dir();
        let found = write_backup(conn, &dir, kind, now)?;
        if kind == BackupKind::Automatic {
            rotate(&dir)?;
        }
        describe(&dir, &found)
    }
}

fn io_error(context: String) -> impl FnOnce(std::io::Error) -> StoreError {
    move |source| StoreError::Io { context, source }
}

/// Copies the database to a temporary file beside the backup and commits it through the one
/// atomic writer (synced, renamed, folder synced): a file under a backup's name is always
/// complete.
fn write_backup(
    source: &Connection,
    dir: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
) -> Result<Found> {
    fs::create_dir_all(dir).map_err(io_error(format!("cannot create {}", dir.display())))?;
    let base = format!("{}-{}", kind.as_str(), now.format(STAMP_FORMAT));
    // Never overwrite: a second copy within the same second gets a sequence number.
    // Every name the app writes goes through the shared rules (this one is safe as it is).
    let named = |name: String| crate::file_names::safe_file_name(&name);
    let (file_name, seq) = std::iter::once((named(format!("{base}{EXTENSION}")), 1))
        .chain((2..).map(|n| (named(format!("{base}-{n}{EXTENSION}")), n)))
        .find(|(name, _)| !dir.join(name).exists())
        .unwrap_or_else(|| (format!("{base}{EXTENSION}"), 1));
    let target = dir.join(&file_name);
    let unfinished = io_error(format!("cannot write the backup {}", target.display()));
    let file = AtomicFile::new(&target).map_err(unfinished)?;
    // Dropped on error, the atomic file removes the temporary copy.
    copy_to_file(source, &file)
        .map_err(|e| disk_full(e, &format!("the backup {} was not made", target.display())))?;
    file.commit().map_err(io_error(format!(
        "cannot finish the backup {}",
        target.display()
    )))?;
    Ok(Found {
        file_name,
        kind,
        created: now,
        seq,
    })
}

fn copy_to_file(source: &Connection, target: &AtomicFile) -> Result<()> {
    let mut copy = target.open_database()?;
    copy_all(source, &mut copy)?;
    // The copy inherits the live database's WAL flag; a plain rollback-journal file can be
    // opened read-only later without leaving -wal and -shm files beside it.
    copy.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
    copy.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Copies every page in one step, so the copy is one snapshot (a copy made in several steps
/// starts again whenever the source changes). Waits briefly while another process holds a lock.
fn copy_all(from: &Connection, to: &mut Connection) -> Result<()> {
    let backup = Backup::new(from, to)?;
    for _ in 0..50 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ => std::thread::sleep(StdDuration::from_millis(100)),
        }
    }
    Err(StoreError::Conflict(
        "the database stayed busy, so no copy was made; try again in a moment".into(),
    ))
}

/// Deletes automatic copies beyond the newest `AUTOMATIC_BACKUPS_KEPT`. Other kinds are the
/// learner's to delete.
fn rotate(dir: &Path) -> Result<()> {
    let mut automatic: Vec<Found> = scan(dir)?
        .into_iter()
        .filter(|b| b.kind == BackupKind::Automatic)
        .collect();
    sort_newest_first(&mut automatic);
    for old in automatic.iter().skip(AUTOMATIC_BACKUPS_KEPT) {
        let path = dir.join(&old.file_name);
        fs::remove_file(&path).map_err(io_error(format!(
            "cannot delete the old automatic backup {}",
            path.display()
        )))?;
    }
    Ok(())
}

/// The backups in `dir`, in no order; none when the folder does not exist yet.
fn scan(dir: &Path) -> Result<Vec<Found>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(io_error(format!("cannot read {}", dir.display()))(error)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io_error(format!("cannot read {}", dir.display())))?;
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if let Some(name) = entry.file_name().to_str().and_then(parse_name) {
            found.push(name);
        }
    }
    Ok(found)
}

fn sort_newest_first(found: &mut [Found]) {
    found.sort_by(|a, b| (b.created, b.seq, &b.file_name).cmp(&(a.created, a.seq, &a.file_name)));
}

/// Reads a backup's name: `<kind>-<stamp>[-<seq>].sqlite3`, where the kind is `automatic`,
/// `manual`, `before-restore` or `before-upgrade-v<from>-to-v<to>`.
fn parse_name(file_name: &str) -> Option<Found> {
    let stem = file_name.strip_suffix(EXTENSION)?;
    let (head, last) = stem.rsplit_once('-')?;
    let (head, created, seq) = match parse_stamp(last) {
        Some(created) => (head, created, 1),
        None => {
            if last.is_empty() || !last.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let seq: u32 = last.parse().ok().filter(|n| *n >= 2)?;
            let (head, stamp) = head.rsplit_once('-')?;
            (head, parse_stamp(stamp)?, seq)
        }
    };
    let kind = match head {
        "automatic" => BackupKind::Automatic,
        "manual" => BackupKind::Manual,
        "before-restore" => BackupKind::BeforeRestore,
        _ if head.starts_with("before-upgrade-") => BackupKind::BeforeUpgrade,
        _ => return None,
    };
    Some(Found {
        file_name: file_name.to_owned(),
        kind,
        created,
        seq,
    })
}

fn parse_stamp(stamp: &str) -> Option<DateTime<Utc>> {
    if stamp.len() != STAMP_LEN {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT)
        .ok()
        .map(|at| at.and_utc())
}

fn describe(dir: &Path, found: &Found) -> Result<BackupInfo> {
    let path = dir.join(&found.file_name);
    let size = fs::metadata(&path)
        .map_err(io_error(format!("cannot read {}", path.display())))?
        .len();
    Ok(BackupInfo {
        file_name: found.file_name.clone(),
        kind: found.kind,
        created_at: timestamp(found.created),
        size_bytes: size,
        entries: live_entries(&path),
    })
}

/// Portfolio entries outside the bin; `None` for a copy from before the portfolio existed,
/// or one that cannot be read (listing must not fail because one copy is damaged).
fn live_entries(path: &Path) -> Option<u32> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    // A foreign copy's `entries` may be a view whose query never ends: count only a table.
    let kind: String = conn
        .query_row(
            "SELECT type FROM sqlite_master WHERE name = 'entries'",
            [],
            |r| r.get(0),
        )
        .ok()?;
    if kind != "table" {
        return None;
    }
    let count: i64 = conn
        .query_row(
            "SELECT count(*) FROM entries WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .ok()?;
    u32::try_from(count).ok()
}

/// The path of the backup named `file_name`, which must be the plain name of a listed copy.
fn backup_path(dir: &Path, file_name: &str) -> Result<PathBuf> {
    if file_name.contains(['/', '\\', '\0']) || file_name.contains("..") {
        return Err(StoreError::Invalid(format!(
            "`{file_name}` is not the name of a backup: give the file name alone, as listed. \
             Nothing was changed."
        )));
    }
    if parse_name(file_name).is_none() {
        return Err(StoreError::Invalid(format!(
            "`{file_name}` is not named like a Ward to Board backup. Nothing was changed."
        )));
    }
    let path = dir.join(file_name);
    if !path.is_file() {
        return Err(StoreError::NotFound(format!(
            "the backup `{file_name}` (nothing was changed)"
        )));
    }
    Ok(path)
}

/// Opens the copy read-only, checks it, and returns it in memory, brought up to the current
/// format. Every refusal says that nothing was changed, because nothing has been yet.
fn verified_copy(path: &Path, file_name: &str) -> Result<Connection> {
    let refuse = |why: String| {
        StoreError::Invalid(format!(
            "{file_name} cannot be restored: {why}. Nothing was changed."
        ))
    };
    let source = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| refuse(format!("it cannot be opened ({e})")))?;
    let check: String = source
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| refuse(format!("it is damaged or not a database ({e})")))?;
    if check != "ok" {
        return Err(refuse(format!("it is damaged ({check})")));
    }
    let version: i64 = source
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| refuse(format!("its format cannot be read ({e})")))?;
    if version > SCHEMA_VERSION {
        return Err(refuse(format!(
            "it was made by a newer version of Ward to Board (data format {version}; this \
             version reads up to {SCHEMA_VERSION})"
        )));
    }
    if version < 1 {
        return Err(refuse("it holds no Ward to Board data".into()));
    }
    // Before anything runs against the copy: a foreign trigger would fire during the upgrade.
    let found = schema::schema_of(&source)
        .map_err(|e| refuse(format!("its structure cannot be read ({e})")))?;
    let expected = schema::expected_at(version).map_err(|e| {
        refuse(format!(
            "the structure to compare it with cannot be built ({e})"
        ))
    })?;
    let differences = schema::differences(&found, &expected, version);
    if !differences.is_empty() {
        return Err(refuse(format!(
            "its structure is not what Ward to Board writes: it {}. It may come from another \
             program or have been altered; restore a copy this app made",
            differences.join("; it ")
        )));
    }
    let mut copy = Connection::open_in_memory()?;
    copy_all(&source, &mut copy)?;
    copy.pragma_update(None, "foreign_keys", true)?;
    migrations::migrations()
        .to_latest(&mut copy)
        .map_err(|e| refuse(format!("it could not be brought up to date ({e})")))?;
    Ok(copy)
}

mod schema;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_foreign;
