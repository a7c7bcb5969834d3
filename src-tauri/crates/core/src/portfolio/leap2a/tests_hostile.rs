//! Hostile Leap2A files (tests/fixtures/leap2a/hostile, and archives built here from them):
//! each is refused with an error naming the place at fault, or has the dangerous part left
//! out with a warning, and the database is unchanged either way when refused.

use std::path::{Path, PathBuf};

use super::tests::{at, fingerprint, fixtures, mahara_zip, store, zip_files};
use super::*;
use crate::portfolio::MAX_ATTACHMENT_BYTES;
use crate::store::Store;

fn hostile(name: &str) -> PathBuf {
    fixtures().join("hostile").join(name)
}

/// A store holding the Mahara journal already, so "unchanged" means something.
fn seeded() -> (tempfile::TempDir, Store) {
    let (dir, store) = store();
    let zip = mahara_zip(dir.path());
    store.import_leap2a(&zip, at(2)).expect("seeded");
    (dir, store)
}

/// Imports `path`, expecting a refusal; checks nothing changed and gives the message.
fn refused(dir: &Path, store: &Store, path: &Path) -> (Leap2aError, String) {
    let before = fingerprint(dir);
    let preview = store.leap2a_preview(path);
    assert!(preview.is_err(), "{} previews: {preview:?}", path.display());
    let error = store.import_leap2a(path, at(3)).expect_err("refused");
    assert_eq!(
        fingerprint(dir),
        before,
        "{}: the database is unchanged",
        path.display()
    );
    let message = error.to_string();
    (error, message)
}

/// The fixture as a bare file and as `leap2a.xml` in a zip.
fn both_ways(dir: &Path, name: &str) -> [PathBuf; 2] {
    let zipped = dir.join(format!("{name}.zip"));
    let xml = std::fs::read(hostile(name)).expect("fixture");
    zip_files(&zipped, &[("leap2a.xml", xml)]);
    [hostile(name), zipped]
}

#[test]
fn a_doctype_is_refused_before_any_entity_is_expanded() {
    let (dir, store) = seeded();
    for name in ["billion-laughs.xml", "external-entity.xml"] {
        for path in both_ways(dir.path(), name) {
            let (error, message) = refused(dir.path(), &store, &path);
            assert!(matches!(error, Leap2aError::Unsafe { .. }), "{message}");
            assert!(
                message.contains("line 2: has a DOCTYPE"),
                "the line is named: {message}"
            );
            assert!(!message.contains("root:"), "no file was read: {message}");
        }
    }
}

#[test]
fn an_entity_never_declared_is_refused() {
    let (dir, store) = seeded();
    let (error, message) = refused(dir.path(), &store, &hostile("undeclared-entity.xml"));
    assert!(
        matches!(error, Leap2aError::Malformed { line: 8, .. }),
        "{message}"
    );
    assert!(message.contains("&undeclared;"), "{message}");
}

#[test]
fn links_leaving_the_archive_are_refused_naming_the_entry_and_path() {
    let (dir, store) = seeded();
    for (name, href) in [
        ("traversal-parent.xml", "../../outside.txt"),
        ("traversal-absolute.xml", "/etc/passwd"),
        ("traversal-drive.xml", "C:\\Users\\Public\\notes.txt"),
    ] {
        for path in both_ways(dir.path(), name) {
            let (error, message) = refused(dir.path(), &store, &path);
            assert!(matches!(error, Leap2aError::Unsafe { .. }), "{message}");
            assert!(message.contains(href), "the link is named: {message}");
            assert!(
                message.contains("Handover audit"),
                "the entry is named: {message}"
            );
        }
    }
}

#[test]
fn web_links_are_never_fetched_and_the_entry_comes_without_them() {
    let (dir, store) = store();
    let [_, zipped] = both_ways(dir.path(), "remote-enclosure.xml");
    let preview = store.leap2a_preview(&zipped).expect("previews");
    assert_eq!(preview.entries.len(), 1);
    assert!(preview.entries[0].attachments.is_empty());
    assert_eq!(preview.warnings.len(), 1, "{:?}", preview.warnings);
    assert_eq!(
        preview.warnings[0].at,
        "https://attacker.example.com/payload.txt"
    );
    assert!(preview.warnings[0].message.contains("nothing is fetched"));
}

#[test]
fn script_in_content_is_sanitised_away() {
    let (_dir, store) = store();
    let imported = store
        .import_leap2a(&hostile("script-content.xml"), at(2))
        .expect("imports");
    let entry = store.entry(imported.entry_ids[0], None).expect("reads");
    assert_eq!(
        entry.body, "Staffing was safe.\n\ndetails",
        "only the text is kept"
    );
    for word in ["script", "onclick", "onerror", "javascript", "cookie"] {
        assert!(
            !entry.body_html.contains(word),
            "{word} is gone: {}",
            entry.body_html
        );
    }
}

#[test]
fn invalid_utf8_is_refused_naming_the_line() {
    let (dir, store) = seeded();
    for path in both_ways(dir.path(), "invalid-utf8.xml") {
        let (error, message) = refused(dir.path(), &store, &path);
        assert!(
            matches!(error, Leap2aError::Malformed { line: 8, .. }),
            "{message}"
        );
        assert!(message.contains("not UTF-8"), "{message}");
    }
}

#[test]
fn a_zip_bomb_is_refused_from_its_headers() {
    let (dir, store) = seeded();
    let bomb = dir.path().join("bomb.zip");
    let feed = std::fs::read(hostile("remote-enclosure.xml")).expect("fixture");
    zip_files(
        &bomb,
        &[
            ("leap2a.xml", feed),
            ("files/zeros.txt", vec![0u8; 64 * 1024 * 1024]),
        ],
    );
    let (error, message) = refused(dir.path(), &store, &bomb);
    assert!(matches!(error, Leap2aError::Unsafe { .. }), "{message}");
    assert!(
        message.contains("files/zeros.txt") && message.contains("compression bomb"),
        "{message}"
    );
}

#[test]
fn a_zip_without_a_feed_and_an_unsafe_name_are_refused() {
    let (dir, store) = seeded();
    let empty = dir.path().join("no-feed.zip");
    zip_files(&empty, &[("export_info/files/a.txt", b"hello".to_vec())]);
    let (error, message) = refused(dir.path(), &store, &empty);
    assert!(matches!(error, Leap2aError::NotLeap2a { .. }), "{message}");
    assert!(message.contains("no leap2a.xml"), "{message}");
    let slip = dir.path().join("zip-slip.zip");
    let feed = std::fs::read(hostile("remote-enclosure.xml")).expect("fixture");
    zip_files(
        &slip,
        &[("leap2a.xml", feed), ("../evil.txt", b"x".to_vec())],
    );
    let (error, message) = refused(dir.path(), &store, &slip);
    assert!(matches!(error, Leap2aError::Unsafe { .. }), "{message}");
    assert!(message.contains("../evil.txt"), "{message}");
}

#[test]
fn too_many_entries_are_refused_with_the_limit() {
    let (dir, store) = seeded();
    let mut xml = String::from(
        r#"<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>Many</title>"#,
    );
    for n in 0..=MAX_FEED_ENTRIES {
        xml.push_str(&format!(
            "<entry><title>Shift {n}</title><id>urn:x:{n}</id><published>2025-01-01T00:00:00Z</published></entry>"
        ));
    }
    xml.push_str("</feed>");
    let path = dir.path().join("many.xml");
    std::fs::write(&path, xml).expect("written");
    let (error, message) = refused(dir.path(), &store, &path);
    assert!(matches!(error, Leap2aError::TooLarge { .. }), "{message}");
    assert!(message.contains("more than 5000 entries"), "{message}");
}

#[test]
fn files_that_are_not_feeds_are_named_as_such() {
    let (dir, store) = seeded();
    let html = dir.path().join("page.xml");
    std::fs::write(&html, "<html><body>hello</body></html>").expect("written");
    let (error, message) = refused(dir.path(), &store, &html);
    assert!(matches!(error, Leap2aError::NotLeap2a { .. }), "{message}");
    assert!(message.contains("not an Atom <feed>"), "{message}");
    let missing = dir.path().join("absent.zip");
    let (error, _) = refused(dir.path(), &store, &missing);
    assert!(matches!(error, Leap2aError::Io { .. }));
}

#[test]
fn a_disguised_or_oversized_attachment_is_left_out_with_a_warning() {
    let (dir, store) = store();
    let feed = std::fs::read(fixtures().join("mahara-journal/leap2a.xml")).expect("fixture");
    let zip = dir.path().join("disguised.zip");
    zip_files(
        &zip,
        &[
            ("leap2a.xml", feed),
            (
                "export_info/files/301-ward-budget-summary.pdf",
                b"MZ\x90\x00 a program".to_vec(),
            ),
            (
                "export_info/files/302-huddle-script.txt",
                incompressible(MAX_ATTACHMENT_BYTES + 1),
            ),
        ],
    );
    let preview = store.leap2a_preview(&zip).expect("previews");
    assert_eq!(preview.entries.len(), 4, "the posts still come");
    assert!(preview.entries.iter().all(|e| e.attachments.is_empty()));
    let about = |path: &str| {
        preview
            .warnings
            .iter()
            .find(|w| w.at.ends_with(path))
            .map(|w| w.message.clone())
    };
    assert!(
        about("301-ward-budget-summary.pdf").is_some_and(|m| m.contains("contents are not one"))
    );
    assert!(about("302-huddle-script.txt").is_some_and(|m| m.contains("up to 20 MB")));
}

/// Letters from a simple generator: text that does not compress, so the archive checks pass
/// and the attachment limit is what refuses it.
fn incompressible(len: usize) -> Vec<u8> {
    let mut state = 0x2545_f491_u32;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            b'a' + (state % 26) as u8
        })
        .collect()
}

/// Imports `path`, expecting it refused as over a limit; gives the message.
fn refused_over_a_limit(dir: &Path, store: &Store, path: &Path) -> String {
    let (error, message) = refused(dir, store, path);
    assert!(matches!(error, Leap2aError::TooLarge { .. }), "{message}");
    message
}

/// A feed with one entry whose children are `inner`, written to `name` in `dir`.
fn one_entry_feed(dir: &Path, name: &str, inner: &str) -> PathBuf {
    let xml = format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:x</id><title>Limits</title>\n\
         <entry><id>urn:x:1</id><published>2025-01-01T00:00:00Z</published>\n{inner}</entry></feed>"
    );
    let path = dir.join(name);
    std::fs::write(&path, xml).expect("written");
    path
}

/// `depth` elements, each inside the last, around `text`.
fn nested(depth: usize, text: &str) -> String {
    format!("{}{text}{}", "<x>".repeat(depth), "</x>".repeat(depth))
}

#[test]
fn elements_nested_past_the_depth_limit_are_refused_wherever_they_are() {
    let (dir, store) = seeded();
    // feed and entry are two levels; an unknown element skipped, a title's text and XHTML
    // content each nest the rest.
    let past = MAX_FEED_DEPTH - 1;
    let places = [
        ("skipped.xml", nested(past, "deep")),
        (
            "title.xml",
            format!("<title>{}</title>", nested(past - 1, "deep")),
        ),
        (
            "xhtml.xml",
            format!(
                "<title>t</title><content type=\"xhtml\">{}</content>",
                nested(past - 1, "deep")
            ),
        ),
    ];
    for (name, inner) in places {
        let path = one_entry_feed(dir.path(), name, &inner);
        let message = refused_over_a_limit(dir.path(), &store, &path);
        assert!(
            message.contains(&format!("nested more than {MAX_FEED_DEPTH} deep")),
            "{name}: the limit is named: {message}"
        );
        assert!(message.contains(&format!("{name} line 3")), "{message}");
    }
}

#[test]
fn elements_nested_to_the_depth_limit_are_read() {
    let (dir, store) = seeded();
    let inner = format!(
        "<title>At the limit</title>{}",
        nested(MAX_FEED_DEPTH - 2, "deep")
    );
    let path = one_entry_feed(dir.path(), "limit.xml", &inner);
    let preview = store.leap2a_preview(&path).expect("read");
    assert_eq!(preview.entries.len(), 1, "{preview:?}");
    assert_eq!(preview.entries[0].title, "At the limit");
}

#[test]
fn text_past_the_element_limit_is_refused() {
    let (dir, store) = seeded();
    let long = "a".repeat(MAX_FEED_TEXT_BYTES + 1);
    for (name, inner) in [
        ("title.xml", format!("<title>{long}</title>")),
        (
            "xhtml.xml",
            format!("<title>t</title><content type=\"xhtml\"><div>{long}</div></content>"),
        ),
    ] {
        let path = one_entry_feed(dir.path(), name, &inner);
        let message = refused_over_a_limit(dir.path(), &store, &path);
        assert!(
            message.contains("more than 4 MiB of text"),
            "{name}: {message}"
        );
    }
}

#[test]
fn an_attribute_past_its_limit_is_refused() {
    let (dir, store) = seeded();
    let href = "a".repeat(MAX_FEED_ATTRIBUTE_BYTES + 1);
    let inner = format!("<title>t</title><link rel=\"related\" href=\"{href}\"/>");
    let path = one_entry_feed(dir.path(), "attribute.xml", &inner);
    let message = refused_over_a_limit(dir.path(), &store, &path);
    assert!(message.contains("over 64 KiB"), "{message}");
}

#[test]
fn an_entry_with_a_flood_of_links_and_categories_is_refused() {
    let (dir, store) = seeded();
    let mut inner = String::from("<title>t</title>");
    for n in 0..=MAX_ENTRY_PARTS / 2 {
        inner.push_str(&format!(
            "<link rel=\"related\" href=\"urn:x:{n}\"/><category term=\"t{n}\"/>"
        ));
    }
    let path = one_entry_feed(dir.path(), "parts.xml", &inner);
    let message = refused_over_a_limit(dir.path(), &store, &path);
    assert!(
        message.contains(&format!(
            "line 2 has more than {MAX_ENTRY_PARTS} links, categories and types"
        )),
        "{message}"
    );
}
