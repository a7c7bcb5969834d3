//! Leap2A both ways against real files: the mappings one by one, a Mahara-style export
//! (tests/fixtures/leap2a/mahara-journal) imported, an export imported into a fresh data
//! folder giving the same entries, and a second import creating nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use sha2::{Digest, Sha256};

use super::feed_read::parse_feed;
use super::*;
use crate::frameworks::builtin;
use crate::portfolio::{BehaviourRating, CpdTime, EntryDraft, EntryView};
use crate::store::{Store, DATABASE_FILE};

pub(super) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/leap2a")
}

pub(super) fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, day, 9, 30, 0)
        .single()
        .expect("valid time")
}

pub(super) fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(1)).expect("opens");
    (dir, store)
}

/// Zips `files` (archive name, bytes) into `target`, deflated, as Mahara's zip does.
pub(super) fn zip_files(target: &Path, files: &[(&str, Vec<u8>)]) {
    let file = std::fs::File::create(target).expect("zip created");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(*name, options).expect("entry started");
        zip.write_all(bytes).expect("entry written");
    }
    zip.finish().expect("zip finished");
}

/// The Mahara-style fixture folder as the zip Mahara gives.
pub(super) fn mahara_zip(dir: &Path) -> PathBuf {
    let root = fixtures().join("mahara-journal");
    let mut files = Vec::new();
    for name in [
        "leap2a.xml",
        "export_info/files/301-ward-budget-summary.pdf",
        "export_info/files/302-huddle-script.txt",
    ] {
        files.push((name, std::fs::read(root.join(name)).expect("fixture file")));
    }
    let target = dir.join("mahara-export-leap-user57-1764927000.zip");
    zip_files(&target, &files);
    target
}

/// Entry count and a SHA-256 of every entry, version and attachment row: equal before and
/// after means nothing was written.
pub(super) fn fingerprint(dir: &Path) -> (i64, String) {
    let conn = rusqlite::Connection::open(dir.join(DATABASE_FILE)).expect("database opens");
    let count = conn
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .expect("counted");
    let mut sha = Sha256::new();
    for sql in [
        "SELECT id || uid || title || entry_date || updated_at FROM entries ORDER BY id",
        "SELECT entry_id || ':' || version || snapshot_json FROM entry_versions ORDER BY entry_id, version",
        "SELECT id || file_name || sha256 FROM attachments ORDER BY id",
        "SELECT count(*) FROM attachment_uploads",
    ] {
        let mut statement = conn.prepare(sql).expect("prepared");
        let rows = statement
            .query_map([], |r| r.get::<_, String>(0).or_else(|_| r.get::<_, i64>(0).map(|n| n.to_string())))
            .expect("queried");
        for row in rows {
            sha.update(row.expect("row").as_bytes());
        }
    }
    (count, hex::encode(sha.finalize()))
}

fn view(store: &Store, id: i64) -> EntryView {
    store.entry(id, None).expect("entry reads")
}

#[test]
fn atom_entries_map_to_drafts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("leap2a.xml");
    std::fs::write(
        &path,
        r#"<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns:l="http://terms.leapspecs.org/" xmlns:c="http://wiki.leapspecs.org/2A/categories/">
  <id>urn:test:feed</id><title>Test</title>
  <entry>
    <title>  Rota   review </title><id>urn:test:1</id>
    <published>2025-03-31T23:30:00-02:00</published>
    <content type="text">Line one &amp; more

Second *paragraph*</content>
    <rdf:type rdf:resource="[l:entry]"/>
    <category term="rota"/><category term="x" label="Staffing"/><category term="ROTA"/>
    <category term="Unready" scheme="c:readiness#"/>
    <category term="cpd" scheme="urn:ward-to-board:leap2a:kind"/>
  </entry>
  <entry><title>Plain atom</title><id>urn:test:2</id><updated>2025-04-02T08:00:00Z</updated>
    <content type="html">&lt;h2&gt;Head&lt;/h2&gt;&lt;p&gt;Body &lt;em&gt;text&lt;/em&gt;&lt;/p&gt;</content></entry>
  <entry><title>Undated</title><id>urn:test:3</id></entry>
  <entry><title>Skill</title><id>urn:test:4</id><published>2025-01-01T00:00:00Z</published>
    <rdf:type rdf:resource="http://terms.leapspecs.org/ability"/></entry>
</feed>"#,
    )
    .expect("written");
    let (_, plan) = read_leap2a(&path, builtin()).expect("reads");
    assert_eq!(
        plan.entries.len(),
        2,
        "two entries are importable: {plan:?}"
    );
    let first = &plan.entries[0].draft;
    assert_eq!(first.title, "Rota review", "whitespace in titles is folded");
    assert_eq!(
        first.date, "2025-03-31",
        "the date is the published day where it was written"
    );
    assert_eq!(
        first.tags,
        ["rota", "Staffing"],
        "scheme-less categories are tags, by label, once"
    );
    assert_eq!(
        first.kind,
        EntryKind::Cpd,
        "our kind category gives the kind"
    );
    assert_eq!(
        first.body, "Line one & more\n\nSecond \\*paragraph\\*",
        "plain text stays text, with Markdown characters escaped"
    );
    let second = &plan.entries[1].draft;
    assert_eq!(
        second.kind,
        EntryKind::Reflection,
        "entries are reflections by default"
    );
    assert_eq!(
        second.date, "2025-04-02",
        "without published, updated gives the date"
    );
    assert_eq!(
        second.body, "## Head\n\nBody *text*",
        "HTML becomes Markdown"
    );
    assert_eq!(
        plan.entries[0].uid,
        imported_uid("urn:test:feed", "urn:test:1")
    );
    assert!(plan.entries[0].uid.starts_with("leap2a-") && plan.entries[0].uid.len() == 39);
    let warned: Vec<&str> = plan.warnings.iter().map(|w| w.at.as_str()).collect();
    assert!(
        warned.iter().any(|w| w.contains("urn:test:3")),
        "the undated entry is named: {warned:?}"
    );
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.at.contains("urn:test:4") && w.message.contains("leap2:ability")),
        "the ability is skipped by its type: {:?}",
        plan.warnings
    );
}

#[test]
fn the_mahara_journal_imports_as_four_entries_with_their_files() {
    let (dir, store) = store();
    let zip = mahara_zip(dir.path());
    let preview = store.leap2a_preview(&zip).expect("previews");
    assert_eq!(fingerprint(dir.path()).0, 0, "a preview writes nothing");
    let titles: Vec<&str> = preview.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Running my first budget meeting",
            "Difficult conversation about sickness absence",
            "Safety huddle pilot",
            "Reflection on the CQC visit"
        ],
        "the journal's posts, not the journal, profile or résumé"
    );
    assert_eq!(preview.entries[0].attachments, ["ward-budget-summary.pdf"]);
    assert_eq!(preview.entries[2].attachments, ["huddle-script.txt"]);
    assert_eq!(preview.entries[1].tags, ["people management", "HR policy"]);
    assert_eq!(preview.entries[1].date, "2025-04-01");
    let skipped: Vec<&str> = preview.warnings.iter().map(|w| w.at.as_str()).collect();
    assert_eq!(
        skipped.len(),
        2,
        "the profile and the résumé goal are named: {skipped:?}"
    );
    assert!(skipped[0].contains("artefactinternal") && skipped[1].contains("artefact401"));

    let imported = store.import_leap2a(&zip, at(2)).expect("imports");
    assert_eq!(imported.entry_ids.len(), 4);
    let budget = view(&store, imported.entry_ids[0]);
    assert_eq!(budget.tags, ["finance", "budget"]);
    assert_eq!(budget.date, "2025-02-13");
    assert!(
        budget.body.contains("**monthly ledger**"),
        "emphasis survives: {}",
        budget.body
    );
    assert!(
        !budget.body.contains("alert"),
        "the script is gone: {}",
        budget.body
    );
    assert!(
        budget.uid.starts_with("leap2a-"),
        "the uid is derived: {}",
        budget.uid
    );
    let (name, media_type, data) = store
        .attachment_data(budget.attachments[0].id)
        .expect("file kept");
    assert_eq!(
        (name.as_str(), media_type.as_str()),
        ("ward-budget-summary.pdf", "application/pdf")
    );
    assert_eq!(
        data,
        std::fs::read(
            fixtures().join("mahara-journal/export_info/files/301-ward-budget-summary.pdf")
        )
        .expect("fixture"),
        "the file is byte for byte the one in the zip"
    );
    let xhtml = view(&store, imported.entry_ids[1]);
    assert_eq!(
        xhtml.body,
        "A long-standing colleague reached the *third trigger* point. I prepared with HR and \
         kept the meeting to the facts.\n\nWhat went well: I listened first."
    );
    let huddle = view(&store, imported.entry_ids[2]);
    assert!(
        huddle
            .body
            .contains("[huddle guide](<https://improvement.example.nhs.uk/huddles>)"),
        "web links are kept: {}",
        huddle.body
    );
}

#[test]
fn importing_the_same_file_twice_creates_nothing_the_second_time() {
    let (dir, store) = store();
    let zip = mahara_zip(dir.path());
    let first = store.import_leap2a(&zip, at(2)).expect("imports");
    assert_eq!(first.entry_ids.len(), 4);
    let before = fingerprint(dir.path());
    let preview = store.leap2a_preview(&zip).expect("previews");
    assert!(
        preview.entries.is_empty(),
        "nothing new: {:?}",
        preview.entries
    );
    assert_eq!(
        preview.already_imported.len(),
        4,
        "all four are named as already imported"
    );
    let second = store.import_leap2a(&zip, at(3)).expect("imports again");
    assert!(second.entry_ids.is_empty());
    assert_eq!(second.already_imported, 4);
    assert_eq!(fingerprint(dir.path()), before, "the database is unchanged");
}

/// A portfolio with a CPD course (Markdown, tags, a PDF), a rated reflection with two files
/// and a QI project.
fn sample_portfolio(store: &Store) -> Vec<i64> {
    let pdf = b"%PDF-1.7\n% finance course certificate\n".to_vec();
    let txt = "Huddle notes\nFalls: 2\n".as_bytes().to_vec();
    let png = b"\x89PNG\r\n\x1a\nnot really pixels".to_vec();
    let upload = |name: &str, data: &[u8]| {
        store
            .upload_attachment(name, data, at(1))
            .expect("uploaded")
            .id
    };
    let mut course = EntryDraft::new(EntryKind::Cpd, "Finance for ward managers", "2026-10-14");
    course.body = "A day on **budgets** and *variance*.\n\n- Pay\n- Non-pay".into();
    course.tags = vec!["finance".into(), "course".into()];
    course.cpd = CpdTime {
        clinical_minutes: 0,
        management_minutes: 360,
        participatory: true,
    };
    course.new_uploads = vec![upload("certificate.pdf", &pdf)];
    let framework = &builtin()[0];
    let behaviour = framework.items()[0].id.to_owned();
    let mut reflection = EntryDraft::new(
        EntryKind::Reflection,
        "After the huddle pilot",
        "2026-11-02",
    );
    reflection.body = "Falls dropped. I want to keep the huddle short.".into();
    reflection.tags = vec!["quality".into()];
    reflection.behaviours = vec![BehaviourRating {
        framework_id: framework.id.clone(),
        behaviour_id: behaviour,
        rating: 2,
        justification: "I ran it daily".into(),
    }];
    reflection.new_uploads = vec![upload("huddle notes.txt", &txt), upload("board.png", &png)];
    let mut project = EntryDraft::new(EntryKind::QiProject, "Discharge lounge audit", "2026-11-20");
    project.body = "Audit of waits in the lounge.".into();
    project.tags = vec!["audit".into(), "flow".into()];
    [course, reflection, project]
        .iter()
        .map(|d| store.save_entry(None, None, d, at(1)).expect("saved").id)
        .collect()
}

#[test]
fn an_export_imported_into_a_fresh_folder_gives_the_same_entries() {
    let (dir, store) = store();
    let ids = sample_portfolio(&store);
    let out = dir.path().join("portfolio-leap2a.zip");
    let exported = store.export_leap2a(&out, at(5)).expect("exports");
    assert_eq!((exported.entries, exported.files), (3, 3));
    let again = dir.path().join("again.zip");
    store.export_leap2a(&again, at(5)).expect("exports again");
    assert_eq!(
        std::fs::read(&out).expect("read"),
        std::fs::read(&again).expect("read"),
        "the same portfolio and time give the same bytes"
    );

    let (fresh_dir, fresh) = self::store();
    let imported = fresh.import_leap2a(&out, at(6)).expect("imports");
    assert!(
        imported.preview.warnings.is_empty(),
        "{:?}",
        imported.preview.warnings
    );
    assert_eq!(imported.entry_ids.len(), 3);
    for (original, copy) in ids.iter().zip(&imported.entry_ids) {
        let (a, b) = (view(&store, *original), view(&fresh, *copy));
        assert_eq!(
            (&a.title, &a.date, &a.tags, a.kind),
            (&b.title, &b.date, &b.tags, b.kind)
        );
        assert!(
            b.body.starts_with(&a.body),
            "the text survives: {:?} / {:?}",
            a.body,
            b.body
        );
        let names = |v: &EntryView| {
            v.attachments
                .iter()
                .map(|f| f.file_name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        for (fa, fb) in a.attachments.iter().zip(&b.attachments) {
            let bytes = |s: &Store, id| s.attachment_data(id).expect("file").2;
            assert_eq!(
                bytes(&store, fa.id),
                bytes(&fresh, fb.id),
                "{} is byte-identical",
                fa.file_name
            );
        }
    }
    let rated = view(&fresh, imported.entry_ids[1]);
    assert_eq!(rated.behaviours.len(), 1, "the rating comes back");
    assert!(
        rated.body.contains("I ran it daily"),
        "its justification is in the text"
    );
    assert!(view(&fresh, imported.entry_ids[0])
        .body
        .contains("360 minutes management"));

    let before = fingerprint(dir.path());
    let home = store.import_leap2a(&out, at(7)).expect("imports home");
    assert!(
        home.entry_ids.is_empty(),
        "entries exported from here are here already"
    );
    assert_eq!(home.already_imported, 3);
    assert_eq!(fingerprint(dir.path()), before);
    drop(fresh_dir);
}

#[test]
fn the_exported_feed_is_what_mahara_reads_as_a_journal() {
    let (dir, store) = store();
    sample_portfolio(&store);
    let out = dir.path().join("out.zip");
    store.export_leap2a(&out, at(5)).expect("exports");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).expect("open")).expect("zip");
    let names: Vec<String> = (0..zip.len())
        .map(|i| {
            zip.by_index_raw(i)
                .expect("entry")
                .name()
                .expect("name")
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        [
            "leap2a.xml",
            "files/1-certificate.pdf",
            "files/2-huddle-notes.txt",
            "files/3-board.png"
        ]
    );
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("leap2a.xml").expect("feed"), &mut xml)
        .expect("utf-8");
    assert!(xml.contains(r#"xmlns:leap2="http://terms.leapspecs.org/""#));
    assert!(xml.contains("<leap2:version>http://www.leapspecs.org/2010-07/2A/</leap2:version>"));
    assert!(xml.contains(r#"<category term="Blog" scheme="categories:selection_type#"/>"#));
    let feed = parse_feed(&xml).expect("our own feed parses");
    assert_eq!(feed.entries.len(), 1 + 3 + 3, "journal, entries, files");
    let journal = &feed.entries[0];
    assert_eq!(journal.types, ["leap2:selection"]);
    assert_eq!(
        journal
            .links
            .iter()
            .filter(|l| l.rel == "leap2:has_part")
            .count(),
        3
    );
    let course = &feed.entries[1];
    assert_eq!(course.published.as_deref(), Some("2026-10-14T00:00:00Z"));
    assert!(course
        .updated
        .as_deref()
        .is_some_and(|u| u.starts_with("2026-12-01T09:30:00")));
    let content = course.content.as_ref().expect("content");
    assert_eq!(content.kind, "html");
    assert!(
        content
            .text
            .starts_with("<p>A day on <strong>budgets</strong>"),
        "{}",
        content.text
    );
    let categories: Vec<(&str, Option<&str>)> = course
        .categories
        .iter()
        .map(|c| (c.term.as_str(), c.scheme.as_deref()))
        .collect();
    assert_eq!(
        categories,
        [
            ("finance", None),
            ("course", None),
            ("cpd", Some(KIND_SCHEME))
        ],
        "tags have no scheme (Mahara's tags); the kind has ours (Mahara drops it)"
    );
    let rated = &feed.entries[3];
    assert!(
        rated
            .categories
            .iter()
            .any(|c| c.scheme.as_deref() == Some(BEHAVIOUR_SCHEME) && c.term.ends_with("/2")),
        "the rating is a category of our scheme: {:?}",
        rated.categories
    );
    let file = &feed.entries[2];
    assert_eq!(file.types, ["leap2:resource"]);
    assert_eq!(file.links[0].rel, "enclosure");
    assert_eq!(file.links[0].href, "files/1-certificate.pdf");
}

#[test]
fn ratings_come_back_only_for_installed_frameworks_and_real_levels() {
    let framework = &builtin()[0];
    let behaviour = framework.items()[0].id.to_owned();
    let top = framework.scale().levels.len();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("leap2a.xml");
    let rating = |term: String| {
        format!(
            r#"<category term="{term}" scheme="urn:ward-to-board:leap2a:behaviour" label="x"/>"#
        )
    };
    let categories = [
        rating(format!("{}/{behaviour}/1", framework.id)),
        rating(format!("{}/{behaviour}/{}", framework.id, top + 1)),
        rating(format!("no-such-framework/{behaviour}/1")),
        rating("not a rating".into()),
    ]
    .concat();
    std::fs::write(
        &path,
        format!(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:r</id><title>R</title>
<entry><title>Rated</title><id>urn:r:1</id><published>2025-05-05T10:00:00Z</published>{categories}</entry></feed>"#
        ),
    )
    .expect("written");
    let (_, plan) = read_leap2a(&path, builtin()).expect("reads");
    let behaviours = &plan.entries[0].draft.behaviours;
    assert_eq!(
        behaviours.len(),
        1,
        "only the rating on the scale of a known framework"
    );
    assert_eq!(
        (behaviours[0].behaviour_id.as_str(), behaviours[0].rating),
        (behaviour.as_str(), 1)
    );
    assert_eq!(
        plan.warnings.len(),
        3,
        "each other rating is named: {:?}",
        plan.warnings
    );
    assert!(plan
        .warnings
        .iter()
        .all(|w| w.message.contains("not of a framework installed here")));
    assert!(
        plan.entries[0].draft.tags.is_empty(),
        "rating categories are never tags"
    );
}

#[test]
fn an_export_that_cannot_be_written_leaves_nothing_behind() {
    let (dir, store) = store();
    let empty = dir.path().join("empty.zip");
    let error = store
        .export_leap2a(&empty, at(5))
        .expect_err("nothing to export");
    assert!(
        error.to_string().contains("no entries to export"),
        "{error}"
    );
    assert!(!empty.exists(), "no file for an empty portfolio");

    sample_portfolio(&store);
    // A folder where the zip should go: the final rename cannot replace it.
    let taken = dir.path().join("taken.zip");
    std::fs::create_dir(&taken).expect("folder made");
    std::fs::write(taken.join("keep.txt"), b"kept").expect("seeded");
    let error = store.export_leap2a(&taken, at(5)).expect_err("refused");
    assert!(matches!(error, Leap2aError::Write { .. }), "{error}");
    assert!(
        error.to_string().contains("taken.zip"),
        "the target is named: {error}"
    );
    assert_eq!(
        std::fs::read(taken.join("keep.txt")).expect("kept"),
        b"kept"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("listed")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(left.is_empty(), "no partial file is left: {left:?}");
}
