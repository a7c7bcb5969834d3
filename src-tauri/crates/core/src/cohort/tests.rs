//! The cohort report over bundles the tests write with the real bundle writer from real
//! stores, beside hostile fixtures: what is counted for each learner, what the cohort shows,
//! and that every bundle that cannot be read is listed with its reason.

use std::path::{Path, PathBuf};

use super::*;
use crate::bundle::sample::{at, behaviour, draft, portfolio, save, store};
use crate::bundle::{write_bundle, BundleSelection};
use crate::portfolio::{BehaviourRating, EntryKind};
use crate::store::{Store, BUILTIN_PACK_ID};

pub(super) const NOW: &str = "2026-12-07T21:00:00.000Z";

pub(super) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/bundles")
        .join(format!("{name}.w2bbundle"))
}

fn export(store: &Store, dir: &Path, file: &str, learner: &str, learning: bool) -> PathBuf {
    let target = dir.join(file);
    write_bundle(
        store,
        &BundleSelection {
            learner: learner.into(),
            include_learning: learning,
            ..BundleSelection::default()
        },
        &target,
        at(4),
    )
    .expect("writes the bundle");
    target
}

/// Sam: the sample portfolio (three entries, one rating), two lessons completed, shared.
/// Alex: one CPD entry rating a behaviour, learning not shared.
pub(super) fn cohort_folder() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("temp dir");
    let folder = out.path().join("intake");
    std::fs::create_dir(&folder).expect("folder");
    let (_sam_dir, sam) = store();
    portfolio(&sam);
    let lessons = sam.editor_options().expect("options").lessons;
    for lesson in lessons.iter().take(2) {
        sam.set_lesson_complete(BUILTIN_PACK_ID, &lesson.lesson_id, true, at(3))
            .expect("completes");
    }
    export(&sam, &folder, "sam.w2bbundle", "Sam Patel", true);
    let (_alex_dir, alex) = store();
    let mut cpd = draft(EntryKind::Cpd, "Budget course", "2026-09-01");
    cpd.cpd.management_minutes = 90;
    cpd.cpd.participatory = true;
    cpd.behaviours = vec![BehaviourRating {
        framework_id: "cmpf".into(),
        behaviour_id: behaviour(),
        rating: 3,
        justification: String::new(),
    }];
    save(&alex, &cpd, &[]);
    export(&alex, &folder, "alex.w2bbundle", "Alex Jones", false);
    (out, folder)
}

#[test]
fn each_learner_is_counted_from_their_own_bundle() {
    let (_out, folder) = cohort_folder();
    let report = report_on(&[folder], None, NOW).expect("a report");
    assert_eq!(report.bundles_found, 2, "both bundles in the folder");
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let names: Vec<&str> = report.learners.iter().map(|l| l.name()).collect();
    assert_eq!(names, ["Alex Jones", "Sam Patel"], "in file-name order");
    let (alex, sam) = (&report.learners[0], &report.learners[1]);

    assert_eq!(sam.entries, 3, "the bin is never shared");
    let kind = |l: &LearnerReport, k: &str| l.by_kind.iter().find(|c| c.kind == k).map(|c| c.count);
    assert_eq!(kind(sam, "reflection"), Some(1), "one reflection");
    assert_eq!(kind(sam, "feedback"), Some(1), "one feedback");
    assert_eq!(
        kind(sam, "significant_event"),
        Some(0),
        "kinds with none are listed as 0"
    );
    assert_eq!(
        sam.revalidation.feedback, 1,
        "feedback is counted for revalidation"
    );
    assert_eq!(
        (sam.first_entry.as_deref(), sam.last_entry.as_deref()),
        (Some("2026-03-10"), Some("2026-07-15")),
        "the entries' dates bound the period covered"
    );
    assert_eq!(
        sam.last_activity.as_deref(),
        Some("2026-11-03"),
        "a lesson completed after the last entry is the last activity"
    );
    let packs = sam.learning.as_ref().expect("Sam shared their learning");
    assert_eq!(packs[0].completed.len(), 2, "the two lessons Sam completed");
    assert!(packs[0].lessons_total >= 2, "out of the pack's lessons");
    assert_eq!(
        alex.learning, None,
        "Alex did not share: shown as not shared"
    );
    assert_eq!(super::csv::lessons(alex), "not shared");
    assert_eq!(alex.revalidation.cpd_minutes, 90, "CPD time");
    assert_eq!(alex.revalidation.participatory_minutes, 90, "participatory");

    let cmpf = report
        .frameworks
        .iter()
        .find(|f| f.id == "cmpf")
        .expect("the framework the bundles carry");
    let placed = Placement::of(&BundleFramework::whole(
        builtin().iter().find(|f| f.id == "cmpf").expect("cmpf"),
    ));
    let (_, element) = placed
        .place(&behaviour())
        .expect("the rated behaviour has a place");
    assert_eq!(
        cmpf.elements[element].learners, 2,
        "both learners evidence that element"
    );
    assert_eq!(cmpf.elements[element].entries, 2, "one entry each");
    let sam_cmpf = &sam.coverage[0];
    assert_eq!(sam_cmpf.elements[element], 1, "Sam's cell in the heat map");
    assert_eq!(
        sam_cmpf.elements.iter().sum::<u32>(),
        1,
        "no other element has Sam's evidence"
    );
    assert!(
        cmpf.elements.iter().filter(|e| e.learners == 0).count() == cmpf.elements.len() - 1,
        "every other element is one nobody has evidence for"
    );
    assert_eq!(
        (
            report.distribution.fewest,
            report.distribution.median,
            report.distribution.most
        ),
        (1, 3, 3),
        "entries per learner"
    );
    assert_eq!(
        report.distribution.bands.iter().map(|b| b.1).sum::<u32>(),
        2,
        "every learner is in one band"
    );
}

#[test]
fn a_hostile_or_foreign_file_is_listed_with_its_reason_and_the_report_is_still_made() {
    let (out, folder) = cohort_folder();
    for name in ["traversal", "bomb", "malformed-portfolio"] {
        std::fs::copy(fixture(name), folder.join(format!("{name}.w2bbundle"))).expect("copy");
    }
    let truncated = std::fs::read(folder.join("sam.w2bbundle")).expect("reads");
    std::fs::write(
        folder.join("truncated.w2bbundle"),
        &truncated[..truncated.len() / 2],
    )
    .expect("writes");
    std::fs::write(folder.join("notes.txt"), "not a bundle").expect("writes");
    let not_a_bundle = out.path().join("minutes.pdf");
    std::fs::write(&not_a_bundle, b"%PDF-1.7 minutes").expect("writes");

    let report = report_on(&[folder, not_a_bundle], None, NOW).expect("a report");
    assert_eq!(
        report.learners.len(),
        2,
        "the good bundles are still reported on"
    );
    assert_eq!(report.bundles_found, 7, "refused ones count as found");
    let reason = |end: &str| {
        report
            .refused
            .iter()
            .find(|r| r.file.ends_with(end))
            .map(|r| r.reason.clone())
            .unwrap_or_else(|| panic!("{end} is listed as refused: {:?}", report.refused))
    };
    assert!(
        reason("traversal.w2bbundle").contains("leaves its folder"),
        "path traversal"
    );
    assert!(
        reason("bomb.w2bbundle").contains("compression bomb"),
        "zip bomb"
    );
    assert!(
        reason("malformed-portfolio.w2bbundle").contains("portfolio.json"),
        "wrong JSON"
    );
    assert!(
        reason("truncated.w2bbundle").contains("not a Ward to Board bundle"),
        "truncated"
    );
    assert!(
        reason("minutes.pdf").contains("not a Ward to Board bundle"),
        "a PDF named"
    );
    assert!(
        report
            .notices
            .iter()
            .any(|n| n.contains("notes.txt") && n.contains("not read")),
        "a file in the folder that is not a bundle is named: {:?}",
        report.notices
    );
}

#[test]
fn no_bundles_at_all_is_an_error_and_an_empty_folder_beside_bundles_a_notice() {
    let out = tempfile::tempdir().expect("temp dir");
    let empty = out.path().join("empty");
    std::fs::create_dir(&empty).expect("folder");
    let error = report_on(std::slice::from_ref(&empty), None, NOW).expect_err("nothing to report");
    assert!(error.to_string().starts_with("No bundles found"), "{error}");
    let missing = report_on(&[out.path().join("nowhere")], None, NOW).expect_err("missing");
    assert!(
        missing.to_string().contains("no such file or folder"),
        "{missing}"
    );

    let (_keep, folder) = cohort_folder();
    let report = report_on(&[folder, empty], None, NOW).expect("a report");
    assert!(
        report
            .notices
            .iter()
            .any(|n| n.contains("empty") && n.contains("holds no .w2bbundle")),
        "{:?}",
        report.notices
    );
}

#[test]
fn the_same_learner_or_bundle_twice_is_said() {
    let (_out, folder) = cohort_folder();
    std::fs::copy(
        folder.join("sam.w2bbundle"),
        folder.join("sam-copy.w2bbundle"),
    )
    .expect("copy");
    let (_dir, again) = store();
    save(
        &again,
        &draft(EntryKind::Reflection, "Later", "2026-10-01"),
        &[],
    );
    export(
        &again,
        &folder,
        "sam-later.w2bbundle",
        "  sam   PATEL ",
        false,
    );
    let report = report_on(&[folder], None, NOW).expect("a report");
    assert!(
        report
            .notices
            .iter()
            .any(|n| n.contains("same learner, Sam Patel, is in 3 bundles")),
        "names compared without case or spacing: {:?}",
        report.notices
    );
    assert!(
        report
            .notices
            .iter()
            .any(|n| n.contains("copies of the same bundle")),
        "{:?}",
        report.notices
    );
    let later = report
        .learners
        .iter()
        .find(|l| l.file.ends_with("sam-later.w2bbundle"));
    assert_eq!(
        later.map(|l| l.also_in.len()),
        Some(2),
        "the row names the other two"
    );
}

#[test]
fn a_scheme_framework_sets_the_columns() {
    let (_out, folder) = cohort_folder();
    let hlm = builtin().iter().find(|f| f.id == "hlm").expect("hlm");
    let report = report_on(std::slice::from_ref(&folder), Some(hlm), NOW).expect("a report");
    assert_eq!(report.frameworks.len(), 1, "only the scheme's framework");
    assert_eq!(report.frameworks[0].id, "hlm");
    assert!(report.scheme_framework);
    assert!(
        report.frameworks[0]
            .elements
            .iter()
            .all(|e| e.learners == 0),
        "no learner rated against it"
    );
    assert_eq!(
        report.learners[1].unplaced_ratings, 1,
        "Sam's cmpf rating is not placed"
    );
}

#[test]
fn the_page_is_escaped_scriptless_accessible_and_prints_landscape() {
    let (_out, folder) = cohort_folder();
    let (_dir, hostile) = store();
    save(&hostile, &draft(EntryKind::Cpd, "x", "2026-10-01"), &[]);
    export(
        &hostile,
        &folder,
        "zz.w2bbundle",
        "<script>alert(1)</script>",
        false,
    );
    let report = report_on(&[folder], None, NOW).expect("a report");
    let page = render_html(&report);
    assert!(
        !page.contains("<script"),
        "no script, even from a learner's name"
    );
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the name is shown, escaped"
    );
    assert!(
        page.contains("Content-Security-Policy"),
        "the page refuses script and loads"
    );
    assert!(
        page.contains("@page { size: A4 landscape"),
        "prints on A4 landscape"
    );
    assert!(
        page.contains("<caption>Heat map"),
        "the heat map has a caption"
    );
    assert!(page.contains("<th scope=\"row\">"), "row headers");
    assert!(
        page.contains("<th scope=\"col\" class=\"element\">"),
        "column headers"
    );
    assert!(
        page.contains("<h3>In words</h3>"),
        "the heat map's text equivalent"
    );
    assert!(
        page.contains("Elements nobody has evidence for yet"),
        "the gaps"
    );
    assert!(
        page.contains("not shared"),
        "lessons not shared are said so"
    );
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "nothing to load"
    );
    let csv = to_csv(&report);
    assert!(csv.contains("\"'<script>") || csv.contains("<script>alert(1)</script>"));
    assert_eq!(csv.lines().count(), 4, "a header and one row per learner");
    let json = serde_json::to_value(&report).expect("serialises");
    assert_eq!(json["learners"].as_array().map(Vec::len), Some(3));
}
