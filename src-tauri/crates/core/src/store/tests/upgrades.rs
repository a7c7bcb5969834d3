//! Upgrades: a database built at every earlier schema, with data in it, ends up with the
//! schema of a new database and every row it held. Mozilla's "migrated file matches new
//! database" test is the model.

use rusqlite::types::Value;

use super::*;

/// Rows each schema could hold, added as the database is built up to it: one or two in
/// every table the schema introduced, so the upgrade has real data to carry.
const SEEDS: [&str; 9] = [
    // 1: the curriculum and progress
    "INSERT INTO packs VALUES ('p', '1.0.0', 'P', 'Pub', 'L', 'en-GB', 'cmpf', '', 0, 'abc', 1, 't', 't');
     INSERT INTO modules VALUES ('p', 'm', 0, 'M', '');
     INSERT INTO lessons (pack_id, id, module_id, position, title, minutes, body_md, details_json)
         VALUES ('p', 'l', 'm', 0, 'Rotas', 10, 'Plan the **rota** early', '{}');
     INSERT INTO lesson_progress VALUES ('p', 'l', 't1', 't2', '2026-01-01T00:00:00.000Z');",
    // 2: pack pictures
    "INSERT INTO pack_assets VALUES ('p', 'img/a.png', 'image/png', x'89504e47');",
    // 3: quizzes, notes, study logged as CPD, settings
    r#"INSERT INTO quiz_attempts VALUES (1, 'p', 'l', 't1', 't2', 3, 2);
       INSERT INTO quiz_answers VALUES (1, 'q1', '["a"]', 1, 't2');
       INSERT INTO lesson_notes VALUES ('p', 'l', 'My note', 't1', 't2');
       INSERT INTO cpd_records VALUES (7, 'Studied 1 lesson: Rotas', '2026-11-20', 15, 0,
           'management', 'study', '[{"packId":"p","lessonId":"l","title":"Rotas","seconds":900}]',
           '2026-11-20T18:00:00.000Z');
       INSERT INTO study_sessions VALUES (1, 'p', 'l', 't1', 't2', '2026-11-20', 900, 7);
       INSERT INTO settings VALUES ('learner', 'Sam');"#,
    // 4: the portfolio, the plan and practice hours
    "INSERT INTO entries (id, uid, kind, title, entry_date, created_at, updated_at)
         VALUES (100, 'u100', 'reflection', 'Handover', '2026-10-01', 't1', 't1');
     INSERT INTO entry_tags VALUES (100, 'handover');
     INSERT INTO entry_versions VALUES (100, 1, 't1', 'created', NULL, '{}');
     INSERT INTO goals (id, title, due_date, created_at, updated_at)
         VALUES (1, 'Own the budget', '2027-03-31', 't1', 't1');
     INSERT INTO goal_reviews VALUES (1, 1, '2026-11-01', 'On track', 't1');
     INSERT INTO practice_hours VALUES (1, '2026-01-01', '2026-06-30', 450.5, 'Ward manager', 't1');",
    // 5: bundles sent and reviews back (and a rating, for the frameworks that come next)
    r#"INSERT INTO bundle_exports VALUES ('b1', 'aa', 't1', 'Sam.w2bbundle', '[{"uid":"u100","version":1}]');
       INSERT INTO reviews VALUES (1, 'b1', 'ff', 'Dr Lee', 'Appraiser', 'Good year', 't2',
           'satisfactory', 'Dr Lee', 'Appraiser', '2026-11-30', 't3');
       INSERT INTO review_comments VALUES (1, 0, 'u100', 1, 'Well reflected');
       INSERT INTO review_drafts VALUES ('b2', 'bb', '{}', 't1');
       INSERT INTO entry_behaviours VALUES (100, 'cmpf', 'cmpf.people.appraisal', 3, 'Led two');"#,
    // 6: installed frameworks: a scheme's framework from its pack; the entry's words in the
    // search index, which schema 7 rebuilds
    "INSERT INTO entry_search (rowid, title, body, tags)
         VALUES (100, 'Handover', 'Safer night handover on ward seven', 'handover');
     INSERT INTO frameworks (id, version, title, publisher, licence, content_hash, installed_from,
         installed_at, position) VALUES ('nwclf', '1.0.0', 'NW CLF', 'North West CLF', 'L', 'cc',
         'pack p 1.0.0', 't1', 90);
     INSERT INTO framework_items (framework_id, id, position, title) VALUES ('nwclf', 'nwclf.a', 0, 'A');",
    // 7: search with prefix indexes: a second entry and its words
    "INSERT INTO entries (id, uid, kind, title, entry_date, created_at, updated_at)
         VALUES (101, 'u101', 'cpd', 'Budget workshop', '2026-11-02', 't1', 't1');
     INSERT INTO entry_versions VALUES (101, 1, 't1', 'created', NULL, '{}');
     INSERT INTO entry_search (rowid, title, body, tags)
         VALUES (101, 'Budget workshop', 'Reading a ward budget statement', '');",
    // 8: signing: a trusted publisher and the key that signed the installed pack; an entry
    // whose words schema 10 lists for words being typed
    "INSERT INTO trusted_publishers VALUES ('O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik=',
         'North West CLF', 't1');
     INSERT INTO pack_signers VALUES ('p', 'O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik=',
         'North West CLF');
     INSERT INTO entries (id, uid, kind, title, entry_date, created_at, updated_at)
         VALUES (102, 'u102', 'reflection', 'Governance walkround', '2026-11-03', 't1', 't1');
     INSERT INTO entry_versions VALUES (102, 1, 't1', 'created', NULL, '{}');
     INSERT INTO entry_search (rowid, title, body, tags)
         VALUES (102, 'Governance walkround', 'Governing body asked about the ward', 'governance');",
    // 9: a signed review
    "INSERT INTO reviews VALUES (2, 'b1', 'fe', 'Dr Lee', 'Appraiser', 'Second look', 't4',
         NULL, NULL, NULL, NULL, 't5', 'O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik=', 'Dr Lee');",
];

/// The first column of every row `sql` returns, as text (table and column names).
fn names(conn: &Connection, sql: &str) -> Vec<String> {
    conn.prepare(sql)
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("names")
}

/// The columns of `table`, in order.
fn columns(conn: &Connection, table: &str) -> Vec<String> {
    names(
        conn,
        &format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
    )
}

/// Every row of `table`, by `columns`, each tagged with the table's name.
fn table_rows(conn: &Connection, table: &str, columns: &[String]) -> Vec<(String, Vec<Value>)> {
    let mut select = conn
        .prepare(&format!(
            "SELECT {} FROM {table} ORDER BY 1, 2",
            columns.join(", ")
        ))
        .expect("select");
    select
        .query_map([], |r| {
            let row = (0..columns.len())
                .map(|i| r.get::<_, Value>(i))
                .collect::<rusqlite::Result<_>>()?;
            Ok((table.to_owned(), row))
        })
        .expect("rows")
        .collect::<rusqlite::Result<_>>()
        .expect("values")
}

/// Every row of every ordinary table, by the columns it has now: what an upgrade must keep.
fn rows(conn: &Connection) -> Vec<(String, Vec<Value>)> {
    let tables = names(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%search_%' ORDER BY name",
    );
    tables
        .iter()
        .flat_map(|table| table_rows(conn, table, &columns(conn, table)))
        .collect()
}

/// The rows `before` held, read again after the upgrade by the columns they had then (an
/// upgrade may add columns after them).
fn same_rows_after(
    conn: &Connection,
    before: &[(String, Vec<Value>)],
) -> Vec<(String, Vec<Value>)> {
    let mut tables: Vec<(&str, usize)> =
        before.iter().map(|(t, r)| (t.as_str(), r.len())).collect();
    tables.dedup();
    tables
        .iter()
        .flat_map(|(table, width)| {
            let mut now = columns(conn, table);
            now.truncate(*width);
            table_rows(conn, table, &now)
        })
        .collect()
}

#[test]
fn every_earlier_schema_upgrades_to_the_current_one_keeping_data() {
    let fresh_dir = tempfile::tempdir().expect("temp dir");
    let fresh = schema(
        &Store::open(fresh_dir.path(), at(9))
            .expect("fresh")
            .reader(),
    );
    assert_eq!(
        SEEDS.len() + 1,
        usize::try_from(SCHEMA_VERSION).expect("small"),
        "every earlier schema has data to upgrade"
    );
    for from in 0..SCHEMA_VERSION {
        let dir = tempfile::tempdir().expect("temp dir");
        let before = {
            let mut conn = Connection::open(dir.path().join(DATABASE_FILE)).expect("create");
            for version in 1..=usize::try_from(from).expect("small") {
                migrations::migrations()
                    .to_version(&mut conn, version)
                    .expect("old schema");
                conn.execute_batch(SEEDS[version - 1])
                    .expect("data of its time");
            }
            rows(&conn)
        };
        let store = Store::open(dir.path(), at(10)).expect("upgrades");
        let conn = store.reader();
        assert_eq!(
            schema(&conn),
            fresh,
            "tables, indexes, triggers and views after upgrading from v{from} equal a new database's"
        );
        // Opening may add rows (the shipped frameworks), never lose or change one.
        let after = same_rows_after(&conn, &before);
        let lost: Vec<_> = before.iter().filter(|row| !after.contains(row)).collect();
        assert!(
            lost.is_empty(),
            "every row a v{from} database held is still there, unchanged; lost: {lost:?}"
        );
        // The scheme's framework seeded at v6 is the learner's own, beside the shipped ones.
        let installed: Vec<String> = store
            .frameworks()
            .iter()
            .map(|f| f.id.clone())
            .filter(|id| id != "nwclf")
            .collect();
        assert_eq!(
            installed,
            ["cmpf", "clcf", "hlm"],
            "after upgrading from v{from} the shipped frameworks are installed data"
        );
        if from == 5 {
            let coverage = store
                .coverage(
                    Some("cmpf"),
                    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
                )
                .expect("coverage");
            let appraisal = coverage
                .domains
                .iter()
                .flat_map(|d| &d.behaviours)
                .find(|b| b.id == "cmpf.people.appraisal")
                .expect("the rated behaviour is in the installed framework");
            assert_eq!(
                (appraisal.entries, appraisal.latest_rating),
                (1, Some(3)),
                "a rating made before frameworks were data counts against the installed set"
            );
        }
        if (5..=8).contains(&from) {
            let reviews = store.reviews().expect("reviews");
            assert_eq!(
                reviews.iter().map(|r| &r.signature).collect::<Vec<_>>(),
                [&crate::signing::SignatureStatus::NotSigned],
                "a review imported before reviews were signed reads as not signed after the v{from} upgrade"
            );
        }
        if from == 6 {
            let search = |text: &str| {
                store
                    .find_entries(&crate::portfolio::EntryQuery {
                        text: text.into(),
                        ..Default::default()
                    })
                    .expect("search")
            };
            for typed in ["han", "night handover", "sev"] {
                let page = search(typed);
                assert_eq!(
                    page.entries.iter().map(|e| e.id).collect::<Vec<_>>(),
                    [100],
                    "the entry indexed under v6 is found by `{typed}` after the index is rebuilt"
                );
            }
            assert!(
                search("night").entries[0]
                    .snippet
                    .iter()
                    .any(|p| p.highlight && p.text == "night"),
                "its words are still highlighted"
            );
        }
        if from >= 8 {
            let words = names(
                &conn,
                "SELECT term FROM search_terms WHERE term >= 'gov' AND term < 'gow' ORDER BY term",
            );
            assert_eq!(
                words,
                ["governance", "governing"],
                "the words indexed under v8 are listed for words being typed (from v{from})"
            );
            for typed in ["governan", "Governi"] {
                let page = store
                    .find_entries(&crate::portfolio::EntryQuery {
                        text: typed.into(),
                        ..Default::default()
                    })
                    .expect("search");
                assert_eq!(
                    page.entries.iter().map(|e| e.id).collect::<Vec<_>>(),
                    [102],
                    "`{typed}`, longer than the stored prefixes, finds the entry indexed under v8"
                );
            }
        }
        if from >= 1 {
            let indexed: i64 = conn
                .query_row(
                    "SELECT count(*) FROM lesson_search WHERE lesson_search MATCH 'rota'",
                    [],
                    |r| r.get(0),
                )
                .expect("search");
            assert_eq!(
                indexed, 1,
                "the lesson installed under v{from} can be searched"
            );
        }
        if from == 3 {
            let (title, tags): (String, String) = conn
                .query_row(
                    "SELECT e.title, group_concat(t.tag) FROM entries e
                       JOIN entry_tags t ON t.entry_id = e.id WHERE e.cpd_record_id = 7",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .expect("the logged study became an entry");
            assert_eq!(
                (title.as_str(), tags.as_str()),
                ("Studied 1 lesson: Rotas", "study"),
                "study logged under v3 is a portfolio entry, tagged as study"
            );
            let stored: String = conn
                .query_row(
                    "SELECT v.snapshot_json FROM entry_versions v
                       JOIN entries e ON e.id = v.entry_id WHERE e.cpd_record_id = 7",
                    [],
                    |r| r.get(0),
                )
                .expect("its first version");
            let read: crate::portfolio::EntrySnapshot =
                serde_json::from_str(&stored).expect("the version reads as a snapshot");
            assert_eq!(
                serde_json::to_string(&read).expect("serialises"),
                stored,
                "the frozen upgrade stores a version exactly as the app writes one"
            );
        }
    }
}

#[test]
fn a_schema_1_database_keeps_everything_when_upgraded_and_is_backed_up_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(DATABASE_FILE);
    {
        let mut conn = Connection::open(&path).expect("create");
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
    let store = Store::open(dir.path(), at(12)).expect("upgrades");
    let lesson = store.lesson("p", "l").expect("the lesson survived");
    assert_eq!(
        lesson.completed_at.as_deref(),
        Some("2026-01-01T00:00:00.000Z"),
        "progress survived"
    );
    let backups: Vec<String> = std::fs::read_dir(dir.path().join(BACKUP_DIR))
        .expect("backups folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        backups,
        [format!(
            "before-upgrade-v1-to-v{SCHEMA_VERSION}-20261123T120000Z.sqlite3"
        )],
        "a copy was taken before the upgrade"
    );
    let old = Connection::open(dir.path().join(BACKUP_DIR).join(&backups[0])).expect("open backup");
    let version: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, 1, "the backup is the database as it was");
}

/// Schema 4 adds the portfolio, and study already logged as CPD under schema 3 becomes
/// entries in it: exactly one per record, marked as from study, linked to the lessons
/// studied, dated, timed and titled as logged, even where the record would not pass as a
/// new entry (a title longer than an entry's, more minutes than a day).
#[test]
fn a_schema_3_database_turns_logged_study_into_portfolio_entries() {
    use crate::portfolio::{EntryKind, EntryQuery};

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(DATABASE_FILE);
    let long_title = format!(
        "Studied 9 lessons: {}",
        "A lesson with a long title, ".repeat(9)
    );
    {
        let mut conn = Connection::open(&path).expect("create");
        migrations::migrations()
            .to_version(&mut conn, 3)
            .expect("schema 3");
        conn.execute_batch(
            r#"INSERT INTO packs (id, version, title, publisher, licence, language, framework,
                                  description, builtin, content_sha256, position, installed_at, updated_at)
                   VALUES ('p', '1.0.0', 'P', 'Pub', 'L', 'en-GB', 'cmpf', '', 0, 'abc', 1, 't', 't');
               INSERT INTO modules VALUES ('p', 'm', 0, 'M', '');
               INSERT INTO lessons (pack_id, id, module_id, position, title, minutes, body_md, details_json)
                   VALUES ('p', 'a', 'm', 0, 'Rotas', 10, 'Text', '{}'),
                          ('p', 'b', 'm', 1, 'Budgets', 10, 'Text', '{}');
               INSERT INTO cpd_records (id, title, activity_date, minutes, participatory, category,
                                        source, details_json, created_at)
                   VALUES (7, 'Studied 2 lessons: Rotas and Budgets', '2026-11-20', 25, 0, 'management', 'study',
                           '[{"packId":"p","lessonId":"a","title":"Rotas","seconds":900},
                             {"packId":"p","lessonId":"b","title":"Budgets","seconds":600}]',
                           '2026-11-20T18:00:00.000Z');
               INSERT INTO study_sessions (pack_id, lesson_id, started_at, ended_at, local_date,
                                           active_seconds, cpd_record_id)
                   VALUES ('p', 'a', 't', 't', '2026-11-20', 900, 7),
                          ('p', 'b', 't', 't', '2026-11-20', 600, 7),
                          ('p', 'a', 't', 't', '2026-11-21', 300, NULL);"#,
        )
        .expect("schema 3 data");
        conn.execute(
            "INSERT INTO cpd_records (id, title, activity_date, minutes, participatory, category,
                                      source, details_json, created_at)
             VALUES (8, ?1, '2026-11-21', 1500, 0, 'management', 'study', '[]', '2026-11-21T18:00:00.000Z')",
            [&long_title],
        )
        .expect("a record no entry could be");
    }
    let store = Store::open(dir.path(), at(12)).expect("upgrades");

    let backup = dir.path().join(BACKUP_DIR).join(format!(
        "before-upgrade-v3-to-v{SCHEMA_VERSION}-20261123T120000Z.sqlite3"
    ));
    let old = Connection::open(&backup).expect("a backup was taken before the upgrade");
    let (version, records): (i64, i64) = old
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), count(*) FROM cpd_records",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("read backup");
    assert_eq!(
        (version, records),
        (3, 2),
        "the backup is the schema 3 database with its records"
    );

    let entry_for = |record: i64| -> Vec<i64> {
        store
            .reader()
            .prepare("SELECT id FROM entries WHERE cpd_record_id = ?1")
            .expect("prepare")
            .query_map([record], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    };
    let ids = entry_for(7);
    assert_eq!(ids.len(), 1, "the record became exactly one entry");
    let entry = store.entry(ids[0], None).expect("the entry reads");
    assert_eq!(
        (entry.kind, entry.from_study, entry.version),
        (EntryKind::Cpd, true, 1),
        "a CPD entry from study, at its first version"
    );
    assert_eq!(
        (
            entry.title.as_str(),
            entry.date.as_str(),
            entry.cpd.management_minutes,
            entry.cpd.participatory
        ),
        (
            "Studied 2 lessons: Rotas and Budgets",
            "2026-11-20",
            25,
            false
        ),
        "titled, dated and timed as it was logged"
    );
    assert_eq!(
        entry.created_at, "2026-11-20T18:00:00.000Z",
        "made when the study was logged, not when the app was upgraded"
    );
    assert_eq!(
        entry
            .lessons
            .iter()
            .map(|l| (l.lesson_id.as_str(), l.title.as_deref()))
            .collect::<Vec<_>>(),
        [("a", Some("Rotas")), ("b", Some("Budgets"))],
        "the lessons studied are linked"
    );
    let logged: i64 = store
        .reader()
        .query_row(
            "SELECT count(*) FROM study_sessions WHERE cpd_record_id = 7",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(logged, 2, "the study stays logged against its record");

    let long = store
        .entry(entry_for(8)[0], None)
        .expect("the long record's entry");
    assert!(
        long.title.chars().count() <= crate::portfolio::MAX_TITLE_CHARS,
        "a record's long title is shortened to fit an entry: {}",
        long.title
    );
    assert_eq!(
        long.cpd.management_minutes,
        crate::portfolio::MAX_CPD_MINUTES,
        "more than a day's minutes is kept as a day"
    );

    drop(store);
    let store = Store::open(dir.path(), at(13)).expect("reopens");
    assert_eq!(
        store
            .find_entries(&EntryQuery::default())
            .expect("list")
            .total,
        2,
        "opening again makes no more entries"
    );
}

#[test]
fn a_schema_6_database_gains_signing_and_its_unsigned_packs_may_become_signed() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut conn = Connection::open(dir.path().join(DATABASE_FILE)).expect("create");
        for version in 1..=6 {
            migrations::migrations()
                .to_version(&mut conn, version)
                .expect("old schema");
            conn.execute_batch(SEEDS[version - 1])
                .expect("data of its time");
        }
    }
    let store = Store::open(dir.path(), at(10)).expect("upgrades");
    assert!(
        store.trusted_publishers().expect("list").is_empty(),
        "an upgraded database trusts no one until the learner adds a key"
    );
    let signers: i64 = store
        .reader()
        .query_row("SELECT count(*) FROM pack_signers", [], |r| r.get(0))
        .expect("count");
    assert_eq!(
        signers, 0,
        "packs installed before signing are recorded as unsigned"
    );
    let scheme = crate::signing::SecretKey::generate("Pub").expect("key");
    store
        .add_trusted_publisher(&scheme.public().to_text(), at(11))
        .expect("a publisher can be added after the upgrade");
    let manifest = "format = 1\nid = \"p\"\nversion = \"2.0.0\"\ntitle = \"P\"\npublisher = \"Pub\"\n\
        licence = \"L\"\nlanguage = \"en-GB\"\nmin_app_version = \"0.1.0\"\nframework = \"cmpf\"\nmodules = [\"m\"]\n";
    let files = PackFiles::from_embedded(&[
        ("pack.toml", manifest.as_bytes()),
        (
            "m/module.toml",
            b"id = \"m\"\ntitle = \"M\"\nlessons = [\"l.md\"]\n",
        ),
        (
            "m/l.md",
            b"+++\nid = \"l\"\ntitle = \"Rotas\"\nminutes = 10\n+++\nText.\n",
        ),
    ]);
    let archive = files.to_archive_signed(Some(&scheme)).expect("builds");
    let pack =
        parse_pack(&PackFiles::from_archive_bytes(&archive).expect("reads")).expect("parses");
    let preview = store.preview_import(&pack).expect("preview");
    assert_eq!(
        preview.signer_change, None,
        "the pack installed under v6 was unsigned: no warning"
    );
    assert!(
        matches!(
            preview.signature,
            crate::signing::SignatureStatus::Trusted { .. }
        ),
        "{:?}",
        preview.signature
    );
    store
        .import_pack(&pack, false, at(12))
        .expect("the signed upgrade installs");
    let progress: i64 = store
        .reader()
        .query_row(
            "SELECT count(*) FROM lesson_progress WHERE pack_id = 'p'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(
        progress, 1,
        "the v1 progress survives the upgrade and the signed install"
    );
}
