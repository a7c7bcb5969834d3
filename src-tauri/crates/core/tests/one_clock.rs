//! A guard: only the desktop's clock module (`src-tauri/src/clock.rs`) and the `w2b` tool's
//! command handlers read the system clock. Core takes "now" as an argument, and no test reads
//! the clock or the machine's time zone, so `make test` gives the same answers on any day, in
//! any zone (docs/testing.md).

use std::path::{Path, PathBuf};

const READS_THE_CLOCK: [&str; 5] = [
    "Utc::now(",
    "Local::now(",
    "Local::today(",
    "SystemTime::now(",
    "chrono::Local",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_clock_module_and_the_cli_read_the_system_clock() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR"));
    let desktop = core.join("../..");
    let mut files = Vec::new();
    for dir in [
        core.join("src"),
        core.join("tests"),
        core.join("../cli/tests"),
        desktop.join("src"),
        desktop.join("../tests"),
    ] {
        rust_files(&dir, &mut files);
    }
    assert!(
        files.len() > 50,
        "the scan found the sources ({} files)",
        files.len()
    );
    let allowed = desktop.join("src/clock.rs");
    let this_file = core.join("tests/one_clock.rs");
    let mut offenders = Vec::new();
    for file in &files {
        if same(file, &allowed) || same(file, &this_file) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if READS_THE_CLOCK.iter().any(|needle| line.contains(needle)) {
                offenders.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "pass `now` in (core, tests) or read AppState::now() (desktop) instead of the system clock:\n{}",
        offenders.join("\n")
    );
}

fn same(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
