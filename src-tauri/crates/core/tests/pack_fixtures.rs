//! Every pack fixture under tests/fixtures/packs through the core alone (no CLI): hostile
//! archives and folders are refused with a problem that names what is wrong; the valid ones
//! (including BOM/CRLF and script-laden content) parse.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};

use w2b_core::packs::{parse_pack, Pack, PackError, PackFiles};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/packs")
}

fn load(path: &Path) -> Result<Pack, PackError> {
    let files = if path.is_dir() {
        PackFiles::from_dir(path)
    } else {
        PackFiles::from_archive(path)
    };
    files.and_then(|f| parse_pack(&f))
}

#[test]
fn every_hostile_fixture_is_refused_and_every_valid_one_parses() {
    let valid = ["bom-crlf", "script-and-links", "claims-builtin-id"];
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures().join("hostile")).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if !(path.is_dir() || name.ends_with(".w2bpack")) {
            continue;
        }
        seen += 1;
        let result = load(&path);
        if valid.iter().any(|v| name == *v) {
            // claims-builtin-id is a valid pack: it is refused when imported, not when read.
            let pack = result.unwrap_or_else(|e| panic!("{name} must parse: {e}"));
            assert!(!pack.modules.is_empty(), "{name} has content");
        } else {
            let err = result
                .err()
                .unwrap_or_else(|| panic!("{name} must be refused"));
            assert!(!err.problems.is_empty(), "{name}: at least one problem");
            assert!(
                err.problems
                    .iter()
                    .all(|p| !p.message.is_empty() && !p.file.is_empty()),
                "{name}: {err}"
            );
        }
    }
    assert!(seen >= 19, "all fixtures were found ({seen})");
}

#[test]
fn script_and_links_warn_at_the_right_lines() {
    let pack = load(&fixtures().join("hostile/script-and-links")).expect("valid");
    let text =
        std::fs::read_to_string(fixtures().join("hostile/script-and-links/basics/02-second.md"))
            .expect("read");
    let script_line = text
        .lines()
        .position(|l| l.contains("<script>"))
        .expect("script present")
        + 1;
    assert!(
        pack.warnings
            .iter()
            .any(|w| w.line == Some(script_line) && w.message.contains("<script>")),
        "the script is reported on line {script_line}: {:?}",
        pack.warnings
    );
}

#[test]
fn the_good_packs_and_the_documented_example_parse() {
    for dir in ["good", "good-v2"] {
        load(&fixtures().join(dir)).unwrap_or_else(|e| panic!("{dir}: {e}"));
    }
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../docs/examples/example-pack");
    let pack = load(&example).unwrap_or_else(|e| panic!("example pack: {e}"));
    assert!(
        pack.warnings.is_empty(),
        "the example is clean: {:?}",
        pack.warnings
    );
    assert!(!pack.assets.is_empty(), "the example shows an image");
}
