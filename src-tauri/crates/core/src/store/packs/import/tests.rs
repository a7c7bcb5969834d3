use chrono::TimeZone;

use super::*;
use crate::packs::{parse_pack, PackFiles};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, hour, 0, 0)
        .single()
        .expect("valid time")
}

/// A pack with lessons `ids` in one module; the first lesson shows an image and links to the
/// second.
fn pack(id: &str, publisher: &str, version: &str, ids: &[&str]) -> Pack {
    let manifest = format!(
        "format = 1\nid = \"{id}\"\nversion = \"{version}\"\ntitle = \"Pack {id}\"\npublisher = \"{publisher}\"\n\
         licence = \"L\"\nlanguage = \"en-GB\"\nmin_app_version = \"0.1.0\"\nframework = \"cmpf\"\nmodules = [\"m\"]\n"
    );
    let names: Vec<String> = ids.iter().map(|l| format!("{l}.md")).collect();
    let module = format!("id = \"m\"\ntitle = \"M\"\nlessons = {names:?}\n");
    let bodies: Vec<String> = ids
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let extra = match ids.get(1) {
                Some(next) if i == 0 => format!("![A chart](img/chart.png)\n\n[Next]({next}.md)\n"),
                _ => String::new(),
            };
            format!("+++\nid = \"{l}\"\ntitle = \"{l} v{version}\"\nminutes = 10\n+++\nText.\n\n{extra}")
        })
        .collect();
    let paths: Vec<String> = ids.iter().map(|l| format!("m/{l}.md")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("pack.toml", manifest.as_bytes()),
        ("m/module.toml", module.as_bytes()),
        ("m/img/chart.png", PNG),
    ];
    entries.extend(
        paths
            .iter()
            .map(String::as_str)
            .zip(bodies.iter().map(String::as_bytes)),
    );
    parse_pack(&PackFiles::from_embedded(&entries)).expect("test pack is valid")
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(8)).expect("opens");
    store.sync_builtin_pack(at(8)).expect("built-in");
    (dir, store)
}

fn installed_version(store: &Store, id: &str) -> Option<String> {
    store
        .installed_packs()
        .expect("list")
        .into_iter()
        .find(|p| p.id == id)
        .map(|p| p.version)
}

#[test]
fn a_new_pack_installs_beside_the_builtin_one() {
    let (_dir, store) = store();
    let p = pack("scheme.a", "North West", "1.0.0", &["a1", "a2"]);
    assert_eq!(
        store.preview_import(&p).expect("preview").action,
        ImportAction::Install,
        "new pack"
    );
    assert_eq!(
        store.import_pack(&p, false, at(9)).expect("import").outcome,
        InstallOutcome::Installed
    );
    let packs = store.installed_packs().expect("list");
    let ids: Vec<(&str, bool, u32)> = packs
        .iter()
        .map(|p| (p.id.as_str(), p.builtin, p.lessons))
        .collect();
    assert_eq!(
        ids[1],
        ("scheme.a", false, 2),
        "side by side with the built-in pack: {ids:?}"
    );
    assert!(ids[0].1, "the built-in pack comes first");
}

#[test]
fn images_and_links_of_an_installed_pack_work() {
    let (_dir, store) = store();
    store
        .import_pack(
            &pack("scheme.a", "NW", "1.0.0", &["a1", "a2"]),
            false,
            at(9),
        )
        .expect("import");
    let lesson = store.lesson("scheme.a", "a1").expect("lesson");
    assert!(
        lesson
            .html
            .contains(r#"src="w2b-pack://localhost/scheme.a/m/img/chart.png""#),
        "{}",
        lesson.html
    );
    assert!(
        lesson.html.contains(r##"href="#/lesson/scheme.a/a2""##),
        "{}",
        lesson.html
    );
    let (media_type, bytes) = store
        .pack_asset("scheme.a", "m/img/chart.png")
        .expect("query")
        .expect("present");
    assert_eq!(
        (media_type.as_str(), bytes.as_slice()),
        ("image/png", PNG),
        "the app can serve the image"
    );
    assert!(
        store
            .pack_asset("scheme.a", "m/a1.md")
            .expect("query")
            .is_none(),
        "only images are served"
    );
}

#[test]
fn a_newer_version_upgrades_and_keeps_progress() {
    let (_dir, store) = store();
    store
        .import_pack(
            &pack("scheme.a", "NW", "1.0.0", &["a1", "a2"]),
            false,
            at(9),
        )
        .expect("v1");
    store
        .set_lesson_complete("scheme.a", "a1", true, at(9))
        .expect("complete");
    let v2 = pack("scheme.a", "NW", "2.0.0", &["a1", "a3"]);
    assert_eq!(
        store.preview_import(&v2).expect("preview").action,
        ImportAction::Upgrade {
            from: "1.0.0".into()
        },
        "named as an upgrade from the installed version"
    );
    store.import_pack(&v2, false, at(10)).expect("v2");
    let lesson = store.lesson("scheme.a", "a1").expect("a1 survives");
    assert_eq!(lesson.title, "a1 v2.0.0", "content is the new version's");
    assert!(
        lesson.completed_at.is_some(),
        "progress stays with a surviving lesson"
    );
}

#[test]
fn an_older_version_needs_confirmation_and_nothing_changes_without_it() {
    let (_dir, store) = store();
    store
        .import_pack(&pack("scheme.a", "NW", "2.0.0", &["a1"]), false, at(9))
        .expect("v2");
    let v1 = pack("scheme.a", "NW", "1.0.0", &["a1"]);
    assert_eq!(
        store.preview_import(&v1).expect("preview").action,
        ImportAction::Downgrade {
            from: "2.0.0".into()
        }
    );
    let err = store
        .import_pack(&v1, false, at(10))
        .expect_err("needs confirmation");
    assert!(
        matches!(err, StoreError::Conflict(_)),
        "a conflict the UI can ask about: {err}"
    );
    assert!(err.to_string().contains("older version 1.0.0"), "{err}");
    assert_eq!(
        installed_version(&store, "scheme.a").as_deref(),
        Some("2.0.0"),
        "nothing changed"
    );
    store.import_pack(&v1, true, at(11)).expect("confirmed");
    assert_eq!(
        installed_version(&store, "scheme.a").as_deref(),
        Some("1.0.0"),
        "installed once confirmed"
    );
}

#[test]
fn a_pack_claiming_the_builtin_id_is_refused() {
    let (_dir, store) = store();
    let p = pack(BUILTIN_PACK_ID, "Someone", "9.0.0", &["x"]);
    assert!(matches!(
        store.preview_import(&p).expect("preview").action,
        ImportAction::Refused { .. }
    ));
    let err = store
        .import_pack(&p, true, at(9))
        .expect_err("refused even when confirmed");
    assert!(err.to_string().contains("built into the app"), "{err}");
    assert!(
        store.lesson(BUILTIN_PACK_ID, "x").is_err(),
        "the built-in curriculum is untouched"
    );
}

#[test]
fn a_pack_claiming_another_publishers_id_is_refused() {
    let (_dir, store) = store();
    store
        .import_pack(
            &pack("scheme.a", "North West", "1.0.0", &["a1"]),
            false,
            at(9),
        )
        .expect("v1");
    let err = store
        .import_pack(
            &pack("scheme.a", "Impostor", "5.0.0", &["evil"]),
            true,
            at(10),
        )
        .expect_err("refused");
    assert!(
        err.to_string()
            .contains("cannot take over another publisher's pack"),
        "{err}"
    );
    assert_eq!(
        installed_version(&store, "scheme.a").as_deref(),
        Some("1.0.0"),
        "the original is untouched"
    );
}

#[test]
fn removing_a_pack_keeps_progress_for_when_it_returns() {
    let (_dir, store) = store();
    let p = pack("scheme.a", "NW", "1.0.0", &["a1"]);
    store.import_pack(&p, false, at(9)).expect("import");
    store
        .set_lesson_complete("scheme.a", "a1", true, at(9))
        .expect("complete");
    store.remove_pack("scheme.a").expect("remove");
    assert!(
        installed_version(&store, "scheme.a").is_none(),
        "gone from the list"
    );
    assert!(
        store
            .pack_asset("scheme.a", "m/img/chart.png")
            .expect("query")
            .is_none(),
        "its images go too"
    );
    store.import_pack(&p, false, at(10)).expect("import again");
    assert!(
        store
            .lesson("scheme.a", "a1")
            .expect("back")
            .completed_at
            .is_some(),
        "progress returns with the pack"
    );
}

#[test]
fn the_builtin_pack_cannot_be_removed() {
    let (_dir, store) = store();
    let err = store.remove_pack(BUILTIN_PACK_ID).expect_err("refused");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert!(
        matches!(store.remove_pack("nope"), Err(StoreError::NotFound(_))),
        "unknown packs are not found"
    );
}

/// Runs `work` while the database file may grow by only `bytes` more: past them SQLite stops
/// with SQLITE_FULL, "database or disk is full", the error a full disk gives it.
fn with_database_room<T>(store: &Store, bytes: u64, work: impl FnOnce() -> T) -> T {
    let limit = |pages: i64| {
        store
            .writer()
            .pragma_update_and_check(None, "max_page_count", pages, |r| r.get::<_, i64>(0))
            .expect("the limit is set")
    };
    let (pages, page_size): (i64, i64) = store
        .writer()
        .query_row(
            "SELECT page_count, page_size FROM pragma_page_count, pragma_page_size",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the database's size");
    let default = limit(i64::from(u32::MAX) - 1);
    limit(pages + i64::try_from(bytes).expect("small") / page_size);
    let result = work();
    limit(default);
    result
}

#[test]
fn a_disk_that_fills_during_import_installs_nothing_and_says_so() {
    let (dir, store) = store();
    let mut big = pack("big.pack", "Scheme", "1.0.0", &["a", "b"]);
    let mut picture = PNG.to_vec();
    picture.resize(crate::packs::MAX_IMAGE_BYTES, 1);
    big.assets.insert(
        "m/img/large.png".into(),
        crate::packs::Asset {
            media_type: "image/png",
            bytes: picture,
        },
    );
    let database = dir.path().join(crate::store::DATABASE_FILE);
    let before = crate::store::table_dump::every_row(&database);
    for room in [0, 64 * 1024, 1024 * 1024] {
        let error = with_database_room(&store, room, || store.import_pack(&big, false, at(9)))
            .expect_err("a full disk stops the import");
        let message = error.to_string();
        assert!(
            matches!(error, StoreError::Io { .. })
                && message.starts_with(
                    "the pack was not installed: the disk is full. Free some space and try \
                     again; nothing was changed"
                ),
            "{room} bytes free: a clear message: {message}"
        );
        assert_eq!(
            crate::store::table_dump::every_row(&database),
            before,
            "{room} bytes free: every stored row is as it was"
        );
        assert_eq!(
            installed_version(&store, "big.pack"),
            None,
            "{room} bytes free"
        );
    }
    store
        .import_pack(&big, false, at(9))
        .expect("with room, the same pack installs");
    assert_eq!(
        installed_version(&store, "big.pack").as_deref(),
        Some("1.0.0")
    );
}
