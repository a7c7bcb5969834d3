//! The cohort report as review mode runs it: progress after each bundle, the framework the
//! person chose, the report saved as the CLI writes it, and what the cohort's lighter check
//! of the page still catches (and what it leaves to review mode).

use chrono::{TimeZone, Utc};

use super::tests::{cohort_folder, fixture, NOW};
use super::*;
use crate::bundle::{verify_bundle, BundleError};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 21, 0, 3)
        .single()
        .expect("valid time")
}

#[test]
fn progress_is_told_after_each_bundle_in_order() {
    let (_out, folder) = cohort_folder();
    std::fs::copy(fixture("traversal"), folder.join("traversal.w2bbundle")).expect("copy");
    let mut heard = Vec::new();
    let report = report_with_progress(&[folder], None, NOW, |p| heard.push(p)).expect("report");
    let checked: Vec<u32> = heard.iter().map(|p| p.checked).collect();
    assert_eq!(checked, [0, 1, 2, 3], "once before, then after each bundle");
    assert!(
        heard.iter().all(|p| p.total == 3),
        "the total is known from the start: {heard:?}"
    );
    assert_eq!(report.refused.len(), 1, "a refused bundle is counted too");
}

#[test]
fn the_app_uses_the_bundles_frameworks_or_one_installed_that_the_person_chose() {
    let (_out, folder) = cohort_folder();
    let paths = [folder];
    let installed = crate::frameworks::builtin();
    let own = cohort_in_app(&paths, installed, None, now(), |_| {}).expect("report");
    assert!(!own.scheme_framework, "the frameworks the bundles carry");
    assert_eq!(
        own.generated_at, "2026-12-07T21:00:03.000Z",
        "the time passed in"
    );
    let cli = report_on(&paths, None, "2026-12-07T21:00:03.000Z").expect("report");
    assert_eq!(own, cli, "the same report as `w2b cohort report`");

    let hlm = cohort_in_app(&paths, installed, Some("hlm"), now(), |_| {}).expect("report");
    assert!(
        hlm.scheme_framework,
        "an installed framework, as --framework"
    );
    assert_eq!(hlm.frameworks.len(), 1);
    assert_eq!(hlm.frameworks[0].id, "hlm");

    let unknown =
        cohort_in_app(&paths, installed, Some("nope"), now(), |_| {}).expect_err("not installed");
    assert!(
        unknown.to_string().contains("`nope` is not installed"),
        "{unknown}"
    );
}

#[test]
fn the_saved_report_is_the_page_and_csv_the_cli_writes() {
    let (out, folder) = cohort_folder();
    let report = cohort_in_app(&[folder], &[], None, now(), |_| {}).expect("report");
    let exports = out.path().join("exports");
    let saved = save_cohort_report(&report, &exports).expect("saved");
    assert_eq!(saved.html_file, "cohort-report-2026-12-07-21-00-03.html");
    assert_eq!(saved.csv_file, "cohort-report-2026-12-07-21-00-03.csv");
    let page = std::fs::read_to_string(exports.join(&saved.html_file)).expect("page");
    assert_eq!(page, render_html(&report), "the CLI's page, byte for byte");
    let csv = std::fs::read_to_string(exports.join(&saved.csv_file)).expect("csv");
    assert_eq!(csv, to_csv(&report), "the CLI's CSV");
    let names: Vec<String> = std::fs::read_dir(&exports)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");

    let blocked = out.path().join("a-file");
    std::fs::write(&blocked, "in the way").expect("writes");
    let error = save_cohort_report(&report, &blocked).expect_err("not a folder");
    assert!(error.to_string().contains("could not be saved"), "{error}");
}

#[test]
fn every_file_is_still_hashed_but_the_page_is_not_made_again() {
    let (_out, folder) = cohort_folder();
    for name in ["wrong-hash", "phishing-page", "missing-file"] {
        std::fs::copy(fixture(name), folder.join(format!("{name}.w2bbundle"))).expect("copy");
    }
    let report = report_on(std::slice::from_ref(&folder), None, NOW).expect("report");
    let reason = |end: &str| {
        report
            .refused
            .iter()
            .find(|r| r.file.ends_with(end))
            .map(|r| r.reason.clone())
    };
    let changed = reason("wrong-hash.w2bbundle").expect("a changed page is refused");
    assert!(
        changed.contains("portfolio.html: has changed since it was exported"),
        "the page is still hashed against the manifest: {changed}"
    );
    assert!(
        reason("missing-file.w2bbundle").is_some(),
        "a file missing from the manifest's list is refused"
    );
    // The trade-off, pinned: a page swapped with a manifest made to match is counted here
    // (the report reads portfolio.json, which matches its manifest, and never shows the
    // page), and is still refused the moment anyone opens the bundle in review mode.
    assert_eq!(reason("phishing-page.w2bbundle"), None);
    assert!(
        matches!(
            verify_bundle(&folder.join("phishing-page.w2bbundle")),
            Err(BundleError::Unsafe { .. })
        ),
        "review mode refuses it"
    );
}
