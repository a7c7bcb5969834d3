//! Review mode's "Open several bundles" in the real app: three learners' bundles (written by
//! the app's own bundle writer from real stores) and one hostile bundle are handed to the app
//! together, as a file manager's "Open with" on a selection does (native dialogs cannot be
//! driven). The report lists the hostile one as refused with its reason, shows each learner's
//! row and the heat map, and "Save the report" writes the page and CSV to exports/.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use w2b_core::bundle::{write_bundle, BundleSelection};
use w2b_core::portfolio::{BehaviourRating, CpdTime, EntryDraft, EntryKind};
use w2b_core::store::{Store, BUILTIN_PACK_ID};
use w2b_e2e::{text, App, Result, NOW};

/// A learner's portfolio of `entries` entries rating the app's framework, exported to
/// `target`; with `lessons` completed and shared when there are any.
fn learner_bundle(target: &Path, name: &str, entries: usize, lessons: usize) -> Result<()> {
    let now: DateTime<Utc> = NOW.parse()?;
    let home = tempfile::tempdir()?;
    let store = Store::open(&home.path().join("data"), now)?;
    store.sync_builtin_pack(now)?;
    let cmpf = w2b_core::frameworks::builtin()
        .iter()
        .find(|f| f.id == "cmpf")
        .ok_or("the app's framework is built in")?;
    let behaviours: Vec<String> = cmpf.items().iter().map(|i| i.id.to_owned()).collect();
    for i in 0..entries {
        let kind = if i % 2 == 0 {
            EntryKind::Reflection
        } else {
            EntryKind::Cpd
        };
        let mut draft = EntryDraft::new(kind, format!("{name}: entry {i}"), "2026-10-01");
        draft.body = "What happened, and what I learned.".into();
        if kind == EntryKind::Cpd {
            draft.cpd = CpdTime {
                clinical_minutes: 0,
                management_minutes: 90,
                participatory: true,
            };
        }
        draft.behaviours = vec![BehaviourRating {
            framework_id: "cmpf".into(),
            behaviour_id: behaviours[(i * 7) % behaviours.len()].clone(),
            rating: 3,
            justification: String::new(),
        }];
        store.save_entry(None, None, &draft, now)?;
    }
    let lesson_ids: Vec<String> = store
        .editor_options()?
        .lessons
        .into_iter()
        .map(|l| l.lesson_id)
        .collect();
    for lesson in lesson_ids.iter().take(lessons) {
        store.set_lesson_complete(BUILTIN_PACK_ID, lesson, true, now)?;
    }
    let selection = BundleSelection {
        learner: name.into(),
        include_learning: lessons > 0,
        ..BundleSelection::default()
    };
    write_bundle(&store, &selection, target, now)?;
    Ok(())
}

fn hostile_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bundles/traversal.w2bbundle")
}

#[tokio::test(flavor = "multi_thread")]
async fn several_bundles_open_as_one_cohort_report_and_save() -> Result<()> {
    let work = tempfile::tempdir()?;
    let intake = work.path().join("intake");
    std::fs::create_dir(&intake)?;
    learner_bundle(&intake.join("amira-khan.w2bbundle"), "Amira Khan", 6, 3)?;
    learner_bundle(&intake.join("ben-okoro.w2bbundle"), "Ben Okoro", 2, 0)?;
    learner_bundle(&intake.join("chloe-davies.w2bbundle"), "Chloe Davies", 4, 1)?;
    let hostile = intake.join("dan-hostile.w2bbundle");
    std::fs::copy(hostile_fixture(), &hostile)?;
    let mut paths: Vec<String> = std::fs::read_dir(&intake)?
        .map(|e| e.map(|e| e.path().display().to_string()))
        .collect::<std::io::Result<_>>()?;
    paths.sort();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();

    let data = work.path().join("data");
    let app = App::launch_with(&data, &args).await?;
    app.wait_for_text(
        "[data-testid=cohort-summary]",
        "Reported on 3 of 4 bundles; 1 refused.",
    )
    .await?;

    let refused = text(&app.find("[data-testid=cohort-refused]").await?).await?;
    assert!(
        refused.contains("dan-hostile.w2bbundle"),
        "the refused bundle is named: {refused}"
    );
    assert!(
        refused.contains("has a path that leaves its folder"),
        "with the verifier's reason: {refused}"
    );
    let rows = app.find_all("[data-testid=cohort-learner-row]").await?;
    let mut names = Vec::new();
    for row in &rows {
        names.push(text(row).await?);
    }
    assert_eq!(names.len(), 3, "one row per counted bundle: {names:?}");
    for (row, name) in names
        .iter()
        .zip(["Amira Khan", "Ben Okoro", "Chloe Davies"])
    {
        assert!(row.contains(name), "rows in file-name order: {row}");
    }
    assert!(
        names[0].contains("of"),
        "Amira's lessons completed: {}",
        names[0]
    );
    assert!(
        names[1].contains("not shared"),
        "Ben did not share his lessons: {}",
        names[1]
    );
    let map = text(&app.find("[data-testid=cohort-heat-map]").await?).await?;
    assert!(
        map.contains("Amira Khan"),
        "the heat map has a row per learner"
    );
    app.find("[data-testid=cohort-gaps]").await?;
    app.assert_accessible("the cohort report").await?;
    app.screenshot("90-cohort-report").await?;
    app.show_at_top("[data-testid=cohort-heat-map]").await?;
    app.screenshot("91-cohort-heat-map").await?;

    app.click("[data-testid=cohort-save]").await?;
    let saved = text(&app.find("[data-testid=cohort-saved]").await?).await?;
    let exports = data.join("exports");
    let mut files: Vec<String> = std::fs::read_dir(&exports)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<std::io::Result<_>>()?;
    files.sort();
    assert_eq!(
        files.len(),
        2,
        "the page and the CSV, nothing half-written: {files:?}"
    );
    assert!(
        saved.contains(&files[1]),
        "the banner names the page: {saved}"
    );
    let page = std::fs::read_to_string(exports.join(&files[1]))?;
    assert!(
        files[1].ends_with(".html") && page.contains("Chloe Davies"),
        "the saved page reports on the learners"
    );
    assert!(
        page.contains("dan-hostile.w2bbundle"),
        "the saved page lists the refused bundle too"
    );
    assert!(!page.contains("<script"), "the page runs no script");
    let csv = std::fs::read_to_string(exports.join(&files[0]))?;
    assert!(files[0].ends_with(".csv"));
    assert_eq!(
        csv.lines().count(),
        5,
        "a header and one row per bundle, the refused one included: {csv}"
    );
    app.screenshot("92-cohort-saved").await?;

    // Review mode offers the same for bundles picked in the dialog, by keyboard.
    app.go("#/review").await?;
    app.tab_to("[data-testid=open-several-bundles]", 40).await?;
    app.find("[data-testid=open-bundle-folder]").await?;
    app.screenshot("93-review-several-bundles").await?;
    let entries: i64 = rusqlite::Connection::open(data.join(w2b_core::store::DATABASE_FILE))?
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))?;
    assert_eq!(
        entries, 0,
        "nothing from the bundles joins the reviewer's portfolio"
    );
    app.quit().await?;
    Ok(())
}
