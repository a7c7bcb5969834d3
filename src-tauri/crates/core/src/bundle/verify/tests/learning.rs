//! The learning summary (format 3) from elsewhere: a real one verifies; one over the
//! `portfolio.json` limits is refused as it streams in; one that cannot be true (in a format
//! without it, more lessons completed than the pack has, a lesson twice) is named. Each is
//! built from a bundle the real writer made, resealed with a matching manifest.

use super::*;
use crate::bundle::sample::{at, portfolio, store};
use crate::bundle::{
    render_html, write_bundle, BundleSelection, HTML_PATH, MAX_PORTFOLIO_JSON_ITEMS,
    MAX_PORTFOLIO_TEXT_BYTES, PORTFOLIO_PATH,
};
use crate::store::BUILTIN_PACK_ID;

/// A format 3 bundle written by the app: the sample portfolio, one lesson completed.
fn shared(dir: &Path) -> PathBuf {
    let (_data, store) = store();
    portfolio(&store);
    let lesson = store.editor_options().expect("options").lessons.remove(0);
    store
        .set_lesson_complete(BUILTIN_PACK_ID, &lesson.lesson_id, true, at(3))
        .expect("completes");
    let target = dir.join("shared.w2bbundle");
    let selection = BundleSelection {
        include_learning: true,
        ..BundleSelection::default()
    };
    write_bundle(&store, &selection, &target, at(4)).expect("writes");
    target
}

/// `bundle` with its portfolio.json changed by `change` (as JSON text, so it may be anything),
/// the page made again when the JSON still parses, and a manifest listing the new files with
/// its format version set to `format`.
fn resealed(
    bundle: &Path,
    name: &str,
    format: u32,
    change: impl FnOnce(&mut serde_json::Value) -> String,
) -> PathBuf {
    let mut zip = zip::ZipArchive::new(File::open(bundle).expect("opens")).expect("zip");
    let mut files = Vec::new();
    let mut manifest = serde_json::Value::Null;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("reads");
        let path = entry.name().expect("a name").into_owned();
        if path == MANIFEST_PATH {
            manifest = serde_json::from_slice(&bytes).expect("manifest");
        } else {
            files.push((path, bytes));
        }
    }
    let json = files
        .iter_mut()
        .find(|(p, _)| p == PORTFOLIO_PATH)
        .expect("json");
    let mut doc: serde_json::Value = serde_json::from_slice(&json.1).expect("parses");
    doc["formatVersion"] = format.into();
    json.1 = change(&mut doc).into_bytes();
    if let Ok(parsed) = serde_json::from_slice::<PortfolioDocument>(&json.1) {
        let page = render_html(&parsed).into_bytes();
        files
            .iter_mut()
            .find(|(p, _)| p == HTML_PATH)
            .expect("page")
            .1 = page;
    }
    let target = bundle.with_file_name(format!("{name}.w2bbundle"));
    let mut out = zip::ZipWriter::new(File::create(&target).expect("creates"));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut listed = Vec::new();
    for (inner, bytes) in &files {
        out.start_file(inner.as_str(), options).expect("an entry");
        out.write_all(bytes).expect("writes");
        listed.push(serde_json::json!({"path": inner, "size": bytes.len(), "sha256": sha(bytes)}));
    }
    manifest["files"] = listed.into();
    manifest["formatVersion"] = format.into();
    out.start_file(MANIFEST_PATH, options).expect("manifest");
    out.write_all(manifest.to_string().as_bytes())
        .expect("writes");
    out.finish().expect("finishes");
    target
}

#[test]
fn a_shared_summary_verifies_and_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let verified = verify_bundle(&shared(dir.path())).expect("the app's own bundle verifies");
    assert_eq!(
        verified.manifest.format_version, 3,
        "a bundle with the summary is format 3"
    );
    let packs = verified.document.learning.expect("the summary is there");
    assert_eq!(packs[0].pack_id, BUILTIN_PACK_ID, "the installed pack");
    assert_eq!(packs[0].completed.len(), 1, "the one lesson completed");
    assert_eq!(
        packs[0].completed[0].completed_at,
        "2026-11-03T09:30:00.000Z"
    );
}

#[test]
fn a_summary_that_cannot_be_true_is_refused_and_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bundle = shared(dir.path());
    let too_many = resealed(&bundle, "too-many", 3, |doc| {
        doc["learning"][0]["lessonsTotal"] = 0.into();
        doc.to_string()
    });
    let error = verify_bundle(&too_many).expect_err("refused");
    assert_eq!(kind(&error), "tampered", "{error}");
    assert!(
        error
            .to_string()
            .contains("were completed, but the pack has 0"),
        "{error}"
    );
    let twice = resealed(&bundle, "twice", 3, |doc| {
        let lesson = doc["learning"][0]["completed"][0].clone();
        doc["learning"][0]["completed"] = serde_json::json!([lesson.clone(), lesson]);
        doc["learning"][0]["lessonsTotal"] = 50.into();
        doc.to_string()
    });
    assert!(
        verify_bundle(&twice)
            .expect_err("refused")
            .to_string()
            .contains("twice in its learning summary"),
        "a lesson named twice"
    );
    let old_format = resealed(&bundle, "old-format", 2, |doc| doc.to_string());
    let error = verify_bundle(&old_format).expect_err("refused");
    assert!(
        error
            .to_string()
            .contains("carries a learning summary, which bundle format 2 does not have"),
        "{error}"
    );
}

#[test]
fn a_summary_over_the_json_limits_is_refused_as_it_streams_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bundle = shared(dir.path());
    let long_list = resealed(&bundle, "long-list", 3, |doc| {
        doc["learning"][0]["completed"] = serde_json::json!(["@LESSONS@"]);
        let one = r#"{"lessonId":"a","title":"t","completedAt":"2026-01-01T00:00:00.000Z"}"#;
        let many = vec![one; MAX_PORTFOLIO_JSON_ITEMS as usize + 1].join(",");
        doc.to_string().replace("\"@LESSONS@\"", &many)
    });
    let error = verify_bundle(&long_list).expect_err("refused");
    assert_eq!(kind(&error), "unsafe", "{error}");
    assert!(error.to_string().contains("portfolio.json: "), "{error}");
    assert!(
        error
            .to_string()
            .contains(&MAX_PORTFOLIO_JSON_ITEMS.to_string())
            || error.to_string().contains("100,000"),
        "the limit is named: {error}"
    );

    let long_title = resealed(&bundle, "long-title", 3, |doc| {
        let mut state = 7u32;
        let title: String = (0..=MAX_PORTFOLIO_TEXT_BYTES as usize)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                char::from(b"abcdefgh"[(state % 8) as usize])
            })
            .collect();
        doc["learning"][0]["title"] = title.into();
        doc.to_string()
    });
    let error = verify_bundle(&long_title).expect_err("refused");
    assert_eq!(kind(&error), "unsafe", "a text past the limit: {error}");
}
