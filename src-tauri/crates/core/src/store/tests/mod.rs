use chrono::TimeZone;

use super::*;
use crate::packs::{parse_pack, PackFiles};

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, hour, 0, 0)
        .single()
        .expect("valid time")
}

fn schema(conn: &Connection) -> Vec<String> {
    conn.prepare(
        "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY name",
    )
    .expect("prepare")
    .query_map([], |r| r.get(0))
    .expect("query")
    .collect::<rusqlite::Result<_>>()
    .expect("rows")
}

fn test_pack(version: &str, lessons: &[&str]) -> crate::packs::Pack {
    let manifest = format!(
        "format = 1\nid = \"test.pack\"\nversion = \"{version}\"\ntitle = \"T\"\npublisher = \"P\"\n\
         licence = \"L\"\nlanguage = \"en-GB\"\nmin_app_version = \"0.1.0\"\nframework = \"cmpf\"\nmodules = [\"m\"]\n"
    );
    let files: Vec<String> = lessons.iter().map(|id| format!("{id}.md")).collect();
    let module = format!("id = \"m\"\ntitle = \"M\"\nlessons = {files:?}\n");
    let bodies: Vec<String> = lessons
        .iter()
        .map(|id| format!("+++\nid = \"{id}\"\ntitle = \"Lesson {id} v{version}\"\nminutes = 10\n+++\nText of {id}.\n"))
        .collect();
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("pack.toml", manifest.as_bytes()),
        ("m/module.toml", module.as_bytes()),
    ];
    let paths: Vec<String> = lessons.iter().map(|id| format!("m/{id}.md")).collect();
    for (path, body) in paths.iter().zip(&bodies) {
        entries.push((path, body.as_bytes()));
    }
    parse_pack(&PackFiles::from_embedded(&entries)).expect("test pack is valid")
}

#[test]
fn a_new_database_gets_the_current_schema_and_safe_pragmas() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(9)).expect("opens");
    let conn = store.reader();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(
        version, SCHEMA_VERSION,
        "a new database is at the current schema"
    );
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal", "WAL lets reads run beside the writer");
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .expect("fk");
    assert_eq!(fk, 1, "foreign keys are enforced");
}

#[test]
fn a_database_from_a_newer_app_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(DATABASE_FILE);
    {
        let conn = Connection::open(&path).expect("create");
        conn.execute_batch(
            "CREATE TABLE future (x); INSERT INTO future VALUES (42); PRAGMA user_version = 99;",
        )
        .expect("future schema");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(dir.path(), at(9)).expect_err("a newer database must be refused");
    assert!(
        matches!(err, StoreError::TooNew { found: 99, .. }),
        "refused as too new: {err}"
    );
    assert!(
        err.to_string().contains("newer version of Ward to Board"),
        "the message says what to do: {err}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "not one byte of it changed"
    );
    assert!(
        !dir.path().join(format!("{DATABASE_FILE}-wal")).exists(),
        "not even switched to WAL"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(DATABASE_FILE);
    std::fs::write(&path, b"these are someone's notes, not SQLite").expect("write");
    let err = Store::open(dir.path(), at(9)).expect_err("refused");
    assert!(
        matches!(err, StoreError::NotADatabase { .. }),
        "named as not a database: {err}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"these are someone's notes, not SQLite",
        "kept as it was"
    );
}

#[test]
fn backups_are_complete_copies_under_their_final_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(9)).expect("opens");
    store
        .install_pack(&test_pack("1.0.0", &["a"]), false, at(9))
        .expect("install");
    store
        .set_lesson_complete("test.pack", "a", true, at(9))
        .expect("complete");
    let backup = backup_before_upgrade(store.path(), dir.path(), 1, at(11)).expect("backup");
    assert!(
        backup.ends_with(format!(
            "before-upgrade-v1-to-v{SCHEMA_VERSION}-20261123T110000Z.sqlite3"
        )),
        "{backup:?}"
    );
    let copy = Connection::open(&backup).expect("open backup");
    let done: i64 = copy
        .query_row(
            "SELECT COUNT(*) FROM lesson_progress WHERE completed_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("query");
    assert_eq!(done, 1, "the backup holds the learner's progress");
    let leftovers = std::fs::read_dir(dir.path().join(BACKUP_DIR))
        .expect("dir")
        .count();
    assert_eq!(leftovers, 1, "no partial file is left beside the backup");
}

#[test]
fn the_builtin_pack_installs_once_and_then_is_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(9)).expect("opens");
    assert_eq!(
        store.sync_builtin_pack(at(9)).expect("sync"),
        InstallOutcome::Installed,
        "first run installs"
    );
    assert_eq!(
        store.sync_builtin_pack(at(10)).expect("sync"),
        InstallOutcome::Unchanged,
        "then nothing to do"
    );
    let path = store.learning_path().expect("path");
    assert!(
        path.lessons_total >= 2,
        "the built-in path has lessons: {path:?}"
    );
    assert_eq!(
        path.lessons_completed, 0,
        "nothing is complete on first run"
    );
}

#[test]
fn completion_persists_across_restarts_and_keeps_its_first_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let store = Store::open(dir.path(), at(9)).expect("opens");
        store
            .install_pack(&test_pack("1.0.0", &["a", "b"]), false, at(9))
            .expect("install");
        store.open_lesson("test.pack", "a", at(9)).expect("open");
        store
            .set_lesson_complete("test.pack", "a", true, at(10))
            .expect("complete");
        let again = store
            .set_lesson_complete("test.pack", "a", true, at(11))
            .expect("complete again");
        assert_eq!(
            again.completed_at.as_deref(),
            Some("2026-11-23T10:00:00.000Z"),
            "first completion time kept"
        );
    }
    let store = Store::open(dir.path(), at(12)).expect("reopens");
    let lesson = store.lesson("test.pack", "a").expect("lesson");
    assert_eq!(
        lesson.completed_at.as_deref(),
        Some("2026-11-23T10:00:00.000Z"),
        "still complete after restart"
    );
    assert_eq!(
        store.learning_path().expect("path").lessons_completed,
        1,
        "progress counts it"
    );
    let undone = store
        .set_lesson_complete("test.pack", "a", false, at(13))
        .expect("undo");
    assert_eq!(
        undone.completed_at, None,
        "a learner can mark a lesson not complete"
    );
}

#[test]
fn lessons_link_to_their_neighbours() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(9)).expect("opens");
    store
        .install_pack(&test_pack("1.0.0", &["a", "b", "c"]), false, at(9))
        .expect("install");
    let b = store.lesson("test.pack", "b").expect("lesson");
    assert_eq!(
        b.previous.map(|l| l.id).as_deref(),
        Some("a"),
        "previous is a"
    );
    assert_eq!(b.next.map(|l| l.id).as_deref(), Some("c"), "next is c");
    assert_eq!(
        (b.number_in_module, b.lessons_in_module),
        (2, 3),
        "lesson 2 of 3"
    );
    assert!(
        b.html.contains("<p>Text of b.</p>"),
        "the body is rendered: {}",
        b.html
    );
    assert!(
        store
            .lesson("test.pack", "a")
            .expect("a")
            .previous
            .is_none(),
        "the first has no previous"
    );
}

#[test]
fn unknown_lessons_are_not_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(9)).expect("opens");
    let err = store
        .set_lesson_complete("nope", "x", true, at(9))
        .expect_err("unknown lesson");
    assert!(
        matches!(err, StoreError::NotFound(_)),
        "not found, not a crash: {err}"
    );
    let progress: i64 = store
        .reader()
        .query_row("SELECT COUNT(*) FROM lesson_progress", [], |r| r.get(0))
        .expect("q");
    assert_eq!(
        progress, 0,
        "nothing was recorded for a lesson that does not exist"
    );
}

#[test]
fn a_new_pack_version_keeps_progress_and_archives_removed_lessons() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(9)).expect("opens");
    store
        .install_pack(&test_pack("1.0.0", &["a", "b"]), false, at(9))
        .expect("v1");
    store
        .set_lesson_complete("test.pack", "a", true, at(9))
        .expect("complete a");
    store
        .set_lesson_complete("test.pack", "b", true, at(9))
        .expect("complete b");
    let outcome = store
        .install_pack(&test_pack("1.1.0", &["a", "c"]), false, at(10))
        .expect("v1.1");
    assert_eq!(
        outcome,
        InstallOutcome::Updated,
        "same id, new content: an upgrade"
    );
    let path = store.learning_path().expect("path");
    let ids: Vec<&str> = path.packs[0].modules[0]
        .lessons
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(ids, ["a", "c"], "the path shows the new version's lessons");
    assert!(
        path.packs[0].modules[0].lessons[0].completed,
        "a surviving lesson keeps its progress"
    );
    assert_eq!(
        store.lesson("test.pack", "a").expect("a").title,
        "Lesson a v1.1.0",
        "content was updated"
    );
    let archived: (i64, Option<String>) = store
        .reader()
        .query_row(
            "SELECT l.archived, p.completed_at FROM lessons l JOIN lesson_progress p
             ON p.pack_id = l.pack_id AND p.lesson_id = l.id WHERE l.id = 'b'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("b is kept");
    assert_eq!(archived.0, 1, "a removed lesson is archived, not deleted");
    assert!(archived.1.is_some(), "and its progress is kept");
}

#[test]
fn lessons_carry_their_review_dates_to_the_reader_and_the_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(9)).expect("opens");
    store.sync_builtin_pack(at(9)).expect("built-in pack");
    store
        .install_pack(&test_pack("1.0.0", &["a"]), false, at(9))
        .expect("an undated format 1 pack installs");
    let lesson = store
        .lesson("ward-to-board.core", "finance-money-flows")
        .expect("lesson");
    assert_eq!(
        (lesson.checked.as_deref(), lesson.review_by.as_deref()),
        (Some("2026-12-04"), Some("2027-04-01")),
        "the reader is told when the facts were checked and when they are due again"
    );
    let undated = store.lesson("test.pack", "a").expect("lesson");
    assert_eq!(
        (undated.checked, undated.review_by),
        (None, None),
        "a pack without dates shows none"
    );
    let path = store.learning_path().expect("path");
    let due: Vec<Option<String>> = path
        .packs
        .iter()
        .flat_map(|p| &p.modules)
        .flat_map(|m| &m.lessons)
        .filter(|l| l.id == "finance-money-flows" || l.id == "a")
        .map(|l| l.review_by.clone())
        .collect();
    assert_eq!(
        due,
        [Some("2027-04-01".to_owned()), None],
        "the path carries each lesson's review date for the page to judge"
    );
}

mod readers;
mod upgrades;
