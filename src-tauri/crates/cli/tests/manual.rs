//! The manual pages, completions and version the Linux packages ship, made by the real binary.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

mod common;

use common::w2b;

#[test]
fn a_manual_page_for_w2b_and_each_subcommand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("man1");
    let (code, stdout, stderr) = w2b(&["manual", out.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0, "{stderr}");
    let mut pages: Vec<String> = std::fs::read_dir(&out)
        .expect("pages written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    for page in [
        "w2b.1",
        "w2b-pack.1",
        "w2b-pack-check.1",
        "w2b-bundle-verify.1",
        "w2b-framework-import.1",
        "w2b-portfolio-export.1",
        "w2b-completions.1",
    ] {
        assert!(pages.iter().any(|p| p == page), "{page} in {pages:?}");
    }
    assert!(
        !pages
            .iter()
            .any(|p| p.contains("help") || p.contains("manual")),
        "no page for help or the hidden manual command: {pages:?}"
    );
    assert!(stdout.contains(&format!("Wrote {} manual pages", pages.len())));

    let check = std::fs::read_to_string(out.join("w2b-pack-check.1")).expect("page");
    assert!(
        check.starts_with(".ie") || check.contains(".TH"),
        "roff: {check}"
    );
    assert!(check.contains("w2b\\-pack\\-check"), "named by its path");
    assert!(check.contains("\\-\\-strict"), "its options are documented");
}

#[test]
fn completions_for_the_common_shells() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef w2b"),
        ("fish", "complete -c w2b"),
    ] {
        let (code, stdout, stderr) = w2b(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert!(stdout.contains(marker), "{shell}: {stdout}");
        assert!(
            stdout.contains("framework"),
            "{shell} completes subcommands"
        );
    }
    let (code, _, stderr) = w2b(&["completions", "tcsh"]);
    assert_eq!(code, 2, "an unknown shell is a usage error");
    assert!(
        stderr.contains("bash"),
        "and lists the ones there are: {stderr}"
    );
}

#[test]
fn version_names_the_app_version() {
    let (code, stdout, _) = w2b(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.trim(), format!("w2b {}", env!("CARGO_PKG_VERSION")));
}
