use chrono::TimeZone;

use super::*;
use crate::store::DATABASE_FILE;
use crate::study::TextSize;

pub(super) fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .single()
        .expect("valid time")
}

pub(super) fn open(dir: &Path) -> Store {
    Store::open(dir, at(1, 8, 0)).expect("opens")
}

pub(super) fn text_size(store: &Store) -> TextSize {
    store.settings().expect("settings").text_size
}

fn names(store: &Store) -> Vec<String> {
    store
        .list_backups()
        .expect("lists")
        .into_iter()
        .map(|b| b.file_name)
        .collect()
}

pub(super) fn files_in(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(dir)
        .expect("backups folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn a_restore_brings_the_data_back_and_keeps_the_data_it_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    store.set_text_size(TextSize::Large).expect("set");
    let backup = store
        .backup_now(BackupKind::Manual, at(2, 9, 0))
        .expect("backup");
    assert_eq!(
        backup.file_name, "manual-20261102T090000Z.sqlite3",
        "the name says the kind and the UTC instant"
    );
    assert_eq!(
        backup.created_at, "2026-11-02T09:00:00.000Z",
        "the instant is read back from the name"
    );
    assert!(backup.size_bytes > 0, "the copy has the database's pages");
    store.set_text_size(TextSize::Largest).expect("change");

    let kept = store
        .restore_backup(&backup.file_name, at(2, 10, 0))
        .expect("restores");
    assert_eq!(
        text_size(&store),
        TextSize::Large,
        "the reader sees the data as it was in the copy"
    );
    assert_eq!(
        kept.kind,
        BackupKind::BeforeRestore,
        "the data that was replaced is kept as a before-restore copy"
    );
    assert_eq!(
        names(&store),
        [kept.file_name.clone(), backup.file_name.clone()],
        "both copies are listed, newest first"
    );
    let before: String = Connection::open_with_flags(
        store.backup_dir().join(&kept.file_name),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("open the kept copy")
    .query_row("SELECT value FROM settings", [], |r| r.get(0))
    .expect("read");
    assert_eq!(
        before, "largest",
        "the before-restore copy holds the data the restore replaced"
    );

    store.set_text_size(TextSize::Standard).expect("write");
    assert_eq!(
        text_size(&store),
        TextSize::Standard,
        "the store keeps working after a restore"
    );
    let mode: String = store
        .writer()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal", "the live database stays in WAL mode");
    drop(store);
    assert_eq!(
        text_size(&open(dir.path())),
        TextSize::Standard,
        "the restored data, and writes after it, survive a restart"
    );
    assert!(
        files_in(&dir.path().join(BACKUP_DIR))
            .iter()
            .all(|f| f.ends_with(EXTENSION)),
        "no -wal, -shm or .partial files are left beside the copies"
    );
}

#[test]
fn only_the_newest_automatic_copies_are_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let manual = store
        .backup_now(BackupKind::Manual, at(1, 9, 0))
        .expect("manual");
    let before_restore = store
        .backup_now(BackupKind::BeforeRestore, at(1, 9, 30))
        .expect("before restore");
    for day in 2..=14 {
        store
            .backup_now(BackupKind::Automatic, at(day, 9, 0))
            .expect("automatic");
    }
    let automatic: Vec<BackupInfo> = store
        .list_backups()
        .expect("lists")
        .into_iter()
        .filter(|b| b.kind == BackupKind::Automatic)
        .collect();
    assert_eq!(
        automatic.len(),
        AUTOMATIC_BACKUPS_KEPT,
        "exactly the number kept remain"
    );
    assert_eq!(
        automatic.first().map(|b| b.created_at.as_str()),
        Some("2026-11-14T09:00:00.000Z"),
        "the newest is kept"
    );
    assert_eq!(
        automatic.last().map(|b| b.created_at.as_str()),
        Some("2026-11-05T09:00:00.000Z"),
        "the oldest three were deleted"
    );
    let all = names(&store);
    assert!(
        all.contains(&manual.file_name) && all.contains(&before_restore.file_name),
        "rotation never deletes manual or before-restore copies: {all:?}"
    );
}

#[test]
fn rotation_leaves_before_upgrade_copies_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let upgrade = super::super::backup_before_upgrade(store.path(), dir.path(), 1, at(1, 7, 0))
        .expect("the copy Store::open takes before an upgrade");
    let upgrade = upgrade
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a plain name");
    for day in 2..=13 {
        store
            .backup_now(BackupKind::Automatic, at(day, 9, 0))
            .expect("automatic");
    }
    let listed = store.list_backups().expect("lists");
    let last = listed.last().expect("some copies");
    assert_eq!(
        (last.file_name.as_str(), last.kind),
        (upgrade, BackupKind::BeforeUpgrade),
        "the copy made before an upgrade is listed with its kind and never rotated away"
    );
    assert_eq!(
        listed.len(),
        AUTOMATIC_BACKUPS_KEPT + 1,
        "ten automatic copies and the upgrade copy"
    );
    assert!(
        files_in(&store.backup_dir())
            .iter()
            .all(|f| f.ends_with(EXTENSION)),
        "reading the copies leaves no -wal or -shm file beside them"
    );
}

#[test]
fn an_automatic_copy_is_taken_once_a_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    store
        .backup_now(BackupKind::Manual, at(2, 8, 0))
        .expect("manual");
    let first = store.backup_if_due(at(2, 9, 0)).expect("checks");
    assert_eq!(
        first.map(|b| b.kind),
        Some(BackupKind::Automatic),
        "with no automatic copy yet (a manual one does not count), one is taken"
    );
    assert_eq!(
        store.backup_if_due(at(3, 8, 59)).expect("checks"),
        None,
        "within 24 hours of the last automatic copy nothing is taken"
    );
    let next = store.backup_if_due(at(3, 9, 0)).expect("checks");
    assert_eq!(
        next.map(|b| b.created_at),
        Some("2026-11-03T09:00:00.000Z".to_owned()),
        "24 hours later a new copy is taken"
    );
    assert_eq!(
        store
            .list_backups()
            .expect("lists")
            .iter()
            .filter(|b| b.kind == BackupKind::Automatic)
            .count(),
        2,
        "two automatic copies in all"
    );
}

#[test]
fn copies_in_the_same_second_never_overwrite_each_other() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let first = store
        .backup_now(BackupKind::BeforeRestore, at(2, 9, 0))
        .expect("first");
    let second = store
        .backup_now(BackupKind::BeforeRestore, at(2, 9, 0))
        .expect("second");
    assert_eq!(
        second.file_name, "before-restore-20261102T090000Z-2.sqlite3",
        "the second copy gets a sequence number"
    );
    assert_eq!(
        names(&store),
        [second.file_name, first.file_name],
        "both are kept, the later one first"
    );
}

#[test]
fn a_copy_before_an_upgrade_cannot_be_asked_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    assert!(
        matches!(
            store.backup_now(BackupKind::BeforeUpgrade, at(2, 9, 0)),
            Err(StoreError::Invalid(_))
        ),
        "only an upgrade takes that kind of copy, so its name always says which versions"
    );
}

#[test]
fn the_list_counts_portfolio_entries_and_skips_other_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let backups = store.backup_dir();
    assert!(
        store.list_backups().expect("lists").is_empty(),
        "no folder yet means no copies, not an error"
    );
    fs::create_dir_all(&backups).expect("folder");
    let with_entries =
        Connection::open(backups.join("manual-20261102T090000Z.sqlite3")).expect("create");
    with_entries
        .execute_batch(
            "CREATE TABLE entries (id INTEGER PRIMARY KEY, deleted_at TEXT);
             INSERT INTO entries (deleted_at) VALUES (NULL), (NULL), ('2026-11-01T00:00:00Z');
             PRAGMA user_version = 1;",
        )
        .expect("entries");
    drop(with_entries);
    fs::write(
        backups.join("automatic-20261103T090000Z.sqlite3"),
        b"not sqlite",
    )
    .expect("junk");
    fs::write(
        backups.join("automatic-20261104T090000Z.sqlite3.partial"),
        b"",
    )
    .expect("partial");
    fs::write(backups.join("notes.txt"), b"mine").expect("other file");
    fs::write(backups.join("manual-2026.sqlite3"), b"").expect("bad stamp");

    let listed = store
        .list_backups()
        .expect("one damaged copy does not stop the list");
    let summary: Vec<(&str, Option<u32>)> = listed
        .iter()
        .map(|b| (b.file_name.as_str(), b.entries))
        .collect();
    assert_eq!(
        summary,
        [
            ("automatic-20261103T090000Z.sqlite3", None),
            ("manual-20261102T090000Z.sqlite3", Some(2)),
        ],
        "backups newest first; entries in the bin are not counted; a damaged copy has no \
         count; unfinished and unrelated files are not listed"
    );
    let own = store
        .backup_now(BackupKind::Manual, at(5, 9, 0))
        .expect("backup");
    let expected = store
        .reader()
        .query_row(
            "SELECT count(*) FROM entries WHERE deleted_at IS NULL",
            [],
            |r| r.get::<_, u32>(0),
        )
        .ok();
    assert_eq!(
        own.entries, expected,
        "a copy of the live database counts its entries once the portfolio exists, and has \
         no count before"
    );
}

#[test]
fn names_are_read_back_exactly() {
    let found = parse_name("before-upgrade-v1-to-v3-20261123T110000Z.sqlite3").expect("parses");
    assert_eq!(
        (found.kind, found.created, found.seq),
        (BackupKind::BeforeUpgrade, at(23, 11, 0), 1),
        "the names Store::open gives copies before an upgrade are understood"
    );
    let found = parse_name("automatic-20261123T110000Z-12.sqlite3").expect("parses");
    assert_eq!(
        (found.kind, found.seq),
        (BackupKind::Automatic, 12),
        "a sequence number follows the stamp"
    );
    for bad in [
        "automatic-20261123T110000Z.sqlite3.partial",
        "automatic-20261123T110000Z-1.sqlite3",
        "automatic-20261123T110000Z-x.sqlite3",
        "weekly-20261123T110000Z.sqlite3",
        "automatic-20261323T110000Z.sqlite3",
        "ward-to-board.sqlite3",
    ] {
        assert!(
            parse_name(bad).is_none(),
            "{bad} is not a backup's name, so it is never listed, rotated or restored"
        );
    }
}

/// Asserts that restoring `file_name` fails as `expected` says, and changed nothing: the
/// data, and the folder of copies (no before-restore copy was taken).
pub(super) fn assert_refused(
    store: &Store,
    file_name: &str,
    expected: fn(&StoreError) -> bool,
    why: &str,
) {
    let files_before = files_in(&store.backup_dir());
    let error = store.restore_backup(file_name, at(9, 9, 0)).expect_err(why);
    assert!(expected(&error), "{why}: got {error:?}");
    assert!(
        error.to_string().contains("othing was changed"),
        "the message reassures that nothing changed: {error}"
    );
    assert_eq!(
        text_size(store),
        TextSize::Larger,
        "{why}: the data is unchanged"
    );
    assert_eq!(
        files_in(&store.backup_dir()),
        files_before,
        "{why}: no copy was taken or removed"
    );
}

#[test]
fn a_restore_refuses_bad_names_and_bad_copies_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    store.set_text_size(TextSize::Large).expect("set");
    let good = store
        .backup_now(BackupKind::Manual, at(2, 9, 0))
        .expect("backup");
    store.set_text_size(TextSize::Larger).expect("set");
    let backups = store.backup_dir();

    let invalid: fn(&StoreError) -> bool = |e| matches!(e, StoreError::Invalid(_));
    let not_found: fn(&StoreError) -> bool = |e| matches!(e, StoreError::NotFound(_));
    assert_refused(&store, "../x", invalid, "a path out of the folder");
    assert_refused(
        &store,
        &format!("../{BACKUP_DIR}/{}", good.file_name),
        invalid,
        "a path, even to a real copy",
    );
    assert_refused(
        &store,
        &format!("..\\{}", good.file_name),
        invalid,
        "a Windows path",
    );
    assert_refused(&store, DATABASE_FILE, invalid, "the live database");
    assert_refused(
        &store,
        "manual-20261101T090000Z.sqlite3",
        not_found,
        "a backup that does not exist",
    );

    let corrupt = "automatic-20261103T090000Z.sqlite3";
    fs::write(backups.join(corrupt), vec![0x5a_u8; 8192]).expect("garbage");
    assert_refused(&store, corrupt, invalid, "a damaged file");

    let truncated = "automatic-20261104T090000Z.sqlite3";
    let bytes = fs::read(backups.join(&good.file_name)).expect("read copy");
    fs::write(backups.join(truncated), &bytes[..bytes.len() / 2]).expect("truncated");
    assert_refused(&store, truncated, invalid, "a copy cut short");

    let newer = "manual-20261105T090000Z.sqlite3";
    fs::copy(backups.join(&good.file_name), backups.join(newer)).expect("copy");
    Connection::open(backups.join(newer))
        .expect("open")
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .expect("newer");
    assert_refused(&store, newer, invalid, "a copy from a newer app");

    let empty = "manual-20261106T090000Z.sqlite3";
    Connection::open(backups.join(empty))
        .expect("create")
        .execute_batch("CREATE TABLE t (x);")
        .expect("table");
    assert_refused(&store, empty, invalid, "a database that is not the app's");
}

#[test]
fn a_copy_in_an_older_format_is_restored_and_upgraded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let backups = store.backup_dir();
    fs::create_dir_all(&backups).expect("folder");
    let old = "before-upgrade-v1-to-v2-20261101T070000Z.sqlite3";
    {
        let mut conn = Connection::open(backups.join(old)).expect("create");
        migrations::migrations()
            .to_version(&mut conn, 1)
            .expect("schema 1");
        conn.execute_batch(
            "INSERT INTO packs VALUES ('p', '1.0.0', 'P', 'Pub', 'L', 'en-GB', 'cmpf', '', 0, 'abc', 1, 't', 't');
             INSERT INTO modules VALUES ('p', 'm', 0, 'M', '');
             INSERT INTO lessons (pack_id, id, module_id, position, title, minutes, body_md, details_json)
                 VALUES ('p', 'l', 'm', 0, 'Lesson', 10, 'Text', '{}');
             INSERT INTO lesson_progress VALUES ('p', 'l', 't1', 't2', '2026-01-01T00:00:00.000Z');",
        )
        .expect("schema 1 data");
    }
    store.restore_backup(old, at(2, 9, 0)).expect("restores");
    let version: i64 = store
        .reader()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(
        version, SCHEMA_VERSION,
        "the restored data is brought up to the current format"
    );
    let lesson = store.lesson("p", "l").expect("the lesson came back");
    assert_eq!(
        lesson.completed_at.as_deref(),
        Some("2026-01-01T00:00:00.000Z"),
        "progress in the old copy survives the upgrade"
    );
    let hits = store.search_lessons("Text", 10).expect("search");
    assert_eq!(
        hits.len(),
        1,
        "the upgrade's hooks ran too: the restored lesson is in the search index"
    );
}
