//! `portfolio.json` over each of its limits, built here with a manifest that matches: every
//! one is refused as unsafe the moment the limit is passed, naming the limit, however well the
//! file compresses and whatever the manifest says.

use super::*;
use crate::bundle::{
    MAX_PORTFOLIO_JSON_BYTES, MAX_PORTFOLIO_JSON_DEPTH, MAX_PORTFOLIO_JSON_ITEMS,
    MAX_PORTFOLIO_JSON_VALUES, MAX_PORTFOLIO_TEXT_BYTES, PORTFOLIO_PATH,
};

/// The valid fixture with its portfolio.json replaced by `json`.
fn with_json(dir: &Path, name: &str, json: String) -> PathBuf {
    let mut files = valid_files();
    for (path, bytes) in files.iter_mut() {
        if path == PORTFOLIO_PATH {
            *bytes = json.clone().into_bytes();
        }
    }
    seal(dir, name, &files)
}

/// The valid portfolio.json, compact, with the first entry's tags replaced by `tags` (JSON
/// text for the items of the list) and then `copies` copies of that entry.
fn with_tags(tags: &str, copies: usize) -> String {
    let files = valid_files();
    let json = &files
        .iter()
        .find(|(p, _)| p == PORTFOLIO_PATH)
        .expect("json")
        .1;
    let mut doc: serde_json::Value = serde_json::from_slice(json).expect("parses");
    doc["entries"][0]["tags"] = serde_json::json!(["@TAGS@"]);
    let entry = doc["entries"][0].to_string().replace("\"@TAGS@\"", tags);
    doc["entries"] = serde_json::json!(["@ENTRIES@"]);
    let entries = vec![entry; copies].join(",");
    doc.to_string().replace("\"@ENTRIES@\"", &entries)
}

/// `len` letters that do not compress past the 200:1 limit (a bomb is refused before any
/// limit of the JSON is reached).
fn varied(len: usize) -> String {
    let mut state = 0x9e37_79b9_u32;
    (0..len)
        .map(|_| {
            // A small xorshift: the same letters every run.
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            char::from(b"abcdefgh"[(state % 8) as usize])
        })
        .collect()
}

fn refused_for(path: &Path, expected: &str) {
    let error = verify_bundle(path).expect_err("refused");
    assert_eq!(kind(&error), "unsafe", "{error}");
    let text = error.to_string();
    assert!(
        text.contains(&format!("portfolio.json: {expected}")),
        "expected {expected:?} in {text}"
    );
}

#[test]
fn a_list_longer_than_the_limit_is_refused_at_the_item_that_passes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let items = usize::try_from(MAX_PORTFOLIO_JSON_ITEMS).expect("fits") + 1;
    let tags = vec!["\"\""; items].join(",");
    let path = with_json(dir.path(), "items", with_tags(&tags, 1));
    refused_for(
        &path,
        &format!("has a list or object of more than {MAX_PORTFOLIO_JSON_ITEMS} items"),
    );
}

#[test]
fn more_values_than_the_limit_are_refused_however_they_are_spread() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Lists each within the item limit, together over the value limit: the 4.1 GB attack.
    let per_entry = 90_000;
    let copies = usize::try_from(MAX_PORTFOLIO_JSON_VALUES).expect("fits") / per_entry + 1;
    let tags = vec!["\"\""; per_entry].join(",");
    let path = with_json(dir.path(), "values", with_tags(&tags, copies));
    refused_for(
        &path,
        &format!("holds more than {MAX_PORTFOLIO_JSON_VALUES} values in all"),
    );
}

#[test]
fn nesting_deeper_than_the_limit_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let path = with_json(dir.path(), "deep", with_tags(&deep, 1));
    refused_for(
        &path,
        &format!("nests lists and objects more than {MAX_PORTFOLIO_JSON_DEPTH} deep"),
    );
}

#[test]
fn a_text_longer_than_the_limit_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = usize::try_from(MAX_PORTFOLIO_TEXT_BYTES).expect("fits") + 1;
    let tags = format!("\"{}\"", varied(long));
    let path = with_json(dir.path(), "text", with_tags(&tags, 1));
    refused_for(
        &path,
        &format!("has a text longer than {MAX_PORTFOLIO_TEXT_BYTES} bytes"),
    );
    // Escapes count as the bytes they stand for: a text at the limit with its line breaks
    // written `\n` is longer than the limit in the file, and passes (it is refused only at the
    // end, as its page is not the one made from it).
    let breaks = usize::try_from(MAX_PORTFOLIO_TEXT_BYTES).expect("fits");
    let tags = format!("\"{}\"", varied(breaks).replace('a', "\\n"));
    let path = with_json(dir.path(), "breaks", with_tags(&tags, 1));
    let error = verify_bundle(&path).expect_err("its page does not match");
    assert!(!error.to_string().contains("text longer"), "{error}");
}

#[test]
fn a_portfolio_larger_than_the_limit_is_refused_before_it_is_read() {
    use zip::write::SimpleFileOptions;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.w2bbundle");
    let mut zip = zip::ZipWriter::new(File::create(&path).expect("creates"));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    zip.start_file(PORTFOLIO_PATH, stored).expect("an entry");
    let size = MAX_PORTFOLIO_JSON_BYTES + 1;
    let chunk = vec![b' '; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = usize::try_from(left.min(1 << 20)).expect("fits");
        zip.write_all(&chunk[..n]).expect("writes");
        left -= n as u64;
    }
    let manifest = serde_json::from_slice::<serde_json::Value>(&stored_manifest(&fixture("valid")))
        .map(|mut m| {
            m["files"] = serde_json::json!([{"path": PORTFOLIO_PATH, "size": size, "sha256": "0".repeat(64)}]);
            m.to_string()
        })
        .expect("manifest");
    zip.start_file(MANIFEST_PATH, stored).expect("manifest");
    zip.write_all(manifest.as_bytes()).expect("writes");
    zip.finish().expect("finishes");
    refused_for(
        &path,
        &format!("is larger than the {MAX_PORTFOLIO_JSON_BYTES} bytes allowed"),
    );
}

#[test]
fn a_manifest_over_its_limits_is_refused_before_it_is_parsed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("manifest.w2bbundle");
    let mut zip = zip::ZipWriter::new(File::create(&path).expect("creates"));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file(MANIFEST_PATH, options).expect("manifest");
    let deep = format!(
        "{{\"format\":\"ward-to-board-bundle\",\"files\":{}{}}}",
        "[".repeat(100),
        "]".repeat(100)
    );
    zip.write_all(deep.as_bytes()).expect("writes");
    zip.finish().expect("finishes");
    let error = verify_bundle(&path).expect_err("refused");
    assert_eq!(kind(&error), "unsafe", "{error}");
    assert!(
        error
            .to_string()
            .contains("manifest.json: nests lists and objects more than 4 deep"),
        "{error}"
    );
}
