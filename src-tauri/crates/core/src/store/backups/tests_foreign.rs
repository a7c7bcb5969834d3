//! Copies that are not what this app wrote (a trigger, a view, a changed table) are refused
//! before anything runs against them, and a disk that fills during a backup leaves no copy.

use super::tests::{assert_refused, at, files_in, open, text_size};
use super::*;
use crate::atomic::disk;
use crate::store::table_dump::every_row;
use crate::store::DATABASE_FILE;
use crate::study::TextSize;

/// A store with the text size Larger and one good manual copy (taken at Large), whose name
/// is returned.
fn store_with_copy(dir: &Path) -> (Store, String) {
    let store = open(dir);
    store.set_text_size(TextSize::Large).expect("set");
    let good = store
        .backup_now(BackupKind::Manual, at(2, 9, 0))
        .expect("backup");
    store.set_text_size(TextSize::Larger).expect("set");
    (store, good.file_name)
}

/// A copy of the good backup under `name`, changed by `sql`.
fn altered(store: &Store, good: &str, name: &str, sql: &str) {
    let backups = store.backup_dir();
    fs::copy(backups.join(good), backups.join(name)).expect("copy");
    Connection::open(backups.join(name))
        .expect("open")
        .execute_batch(sql)
        .expect("altered");
}

fn refusal(store: &Store, name: &str) -> String {
    store
        .restore_backup(name, at(9, 9, 0))
        .expect_err("a foreign schema is refused")
        .to_string()
}

#[test]
fn a_copy_carrying_a_trigger_a_view_or_a_changed_table_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, good) = store_with_copy(dir.path());
    let cases = [
        (
            "manual-20261103T090000Z.sqlite3",
            // Would empty the portfolio on the learner's next save, for ever.
            "CREATE TRIGGER wipe AFTER INSERT ON entries BEGIN DELETE FROM entries; END;",
            "it holds a trigger `wipe` that Ward to Board never makes",
        ),
        (
            "manual-20261104T090000Z.sqlite3",
            "CREATE VIEW leak AS SELECT * FROM entries;",
            "it holds a view `leak` that Ward to Board never makes",
        ),
        (
            "manual-20261105T090000Z.sqlite3",
            "ALTER TABLE entries ADD COLUMN payload TEXT;",
            // The current data format, whichever number it has reached.
            "it has a table `entries` that differs from the one Ward to Board makes at data \
             format SCHEMA",
        ),
        (
            "manual-20261106T090000Z.sqlite3",
            "CREATE TABLE extra (x); CREATE INDEX extra_x ON extra (x);",
            "it holds an index `extra_x` that Ward to Board never makes; it holds a table \
             `extra` that Ward to Board never makes",
        ),
    ];
    for (name, sql, expected) in cases {
        let expected = &expected.replace("SCHEMA", &crate::store::SCHEMA_VERSION.to_string());
        altered(&store, &good, name, sql);
        let data = every_row(store.path());
        let message = refusal(&store, name);
        assert!(
            message.contains(expected) && message.contains("Nothing was changed"),
            "{sql}: the message names what is foreign: {message}"
        );
        assert_eq!(
            every_row(store.path()),
            data,
            "{sql}: every stored row is as it was"
        );
        let invalid: fn(&StoreError) -> bool = |e| matches!(e, StoreError::Invalid(_));
        assert_refused(&store, name, invalid, sql);
    }
    store
        .restore_backup(&good, at(9, 9, 0))
        .expect("the unaltered copy still restores");
    assert_eq!(
        text_size(&store),
        TextSize::Large,
        "and brings its data back"
    );
}

#[test]
fn a_copy_missing_one_of_our_indexes_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, good) = store_with_copy(dir.path());
    let index: String = Connection::open(store.backup_dir().join(&good))
        .expect("open")
        .query_row(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
             ORDER BY name LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("the schema has an index");
    let name = "manual-20261107T090000Z.sqlite3";
    altered(&store, &good, name, &format!("DROP INDEX \"{index}\";"));
    let message = refusal(&store, name);
    assert!(
        message.contains(&format!("it lacks the index `{index}`")),
        "{message}"
    );
}

#[test]
fn a_disk_that_fills_during_a_backup_leaves_no_copy_and_the_data_unchanged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, good) = store_with_copy(dir.path());
    let before_files = files_in(&store.backup_dir());
    let before_rows = every_row(&dir.path().join(DATABASE_FILE));
    let whole = fs::metadata(store.backup_dir().join(&good))
        .expect("the good copy")
        .len();
    for room in [0, 4096, whole / 2, whole - 4096] {
        let error = disk::with_room(room, || store.backup_now(BackupKind::Manual, at(3, 9, 0)))
            .expect_err("a full disk stops the copy");
        let message = error.to_string();
        assert!(
            matches!(error, StoreError::Io { .. })
                && message.contains(
                    "the disk is full. Free some space and try again; nothing was changed"
                ),
            "{room} bytes free: a clear message: {message}"
        );
        assert_eq!(
            files_in(&store.backup_dir()),
            before_files,
            "{room} bytes free: no copy, half copy or temporary file is left"
        );
        assert_eq!(
            every_row(&dir.path().join(DATABASE_FILE)),
            before_rows,
            "{room} bytes free: the data is unchanged"
        );
    }
    store
        .backup_now(BackupKind::Manual, at(3, 9, 0))
        .expect("with room, the copy is made");
}

#[test]
fn listing_never_runs_a_foreign_view() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, good) = store_with_copy(dir.path());
    let name = "manual-20261108T090000Z.sqlite3";
    // A view in place of the table that never ends: counting it would hang the list.
    altered(
        &store,
        &good,
        name,
        "PRAGMA foreign_keys = OFF; DROP TABLE entries;
         CREATE VIEW entries AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)
         SELECT NULL AS deleted_at FROM n;",
    );
    let store = std::sync::Arc::new(store);
    let (send, receive) = std::sync::mpsc::channel();
    let lister = std::sync::Arc::clone(&store);
    std::thread::spawn(move || send.send(lister.list_backups()));
    // Only a watchdog: a hang becomes a failure instead of a test that never ends.
    let listed = receive
        .recv_timeout(std::time::Duration::from_secs(300))
        .expect("the list returns")
        .expect("lists");
    let foreign = listed
        .iter()
        .find(|b| b.file_name == name)
        .expect("the copy is listed");
    assert_eq!(foreign.entries, None, "its entries are not counted");
    assert!(
        listed
            .iter()
            .any(|b| b.file_name == good && b.entries.is_some()),
        "a real copy still shows its count"
    );
}
