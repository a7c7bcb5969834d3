//! Installed frameworks against a real database: first run, a scheme's own framework, and
//! upgrades that keep every link from the learner's evidence.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use crate::frameworks::parse_framework;
use crate::portfolio::{BehaviourRating, EntryDraft, EntryKind};

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, hour, 0, 0)
        .single()
        .expect("valid time")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).expect("valid date")
}

fn fixture(name: &str) -> Framework {
    let path = format!(
        "{}/../../../tests/fixtures/frameworks/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_framework(name, &text).unwrap_or_else(|e| panic!("{e}"))
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(9)).expect("opens");
    (dir, store)
}

/// Saves an entry rating each item of the scheme framework.
fn rate(store: &Store, title: &str, items: &[(&str, u32)]) -> i64 {
    let draft = EntryDraft {
        behaviours: items
            .iter()
            .map(|(id, rating)| BehaviourRating {
                framework_id: "nct-wm".into(),
                behaviour_id: (*id).into(),
                rating: *rating,
                justification: format!("{title}: why"),
            })
            .collect(),
        ..EntryDraft::new(EntryKind::Reflection, title, "2026-11-30")
    };
    store
        .save_entry(None, None, &draft, at(10))
        .expect("saves")
        .id
}

#[test]
fn the_shipped_frameworks_are_installed_on_first_run_and_only_once() {
    let (dir, store) = store();
    let listed = store.installed_frameworks().expect("list");
    let ids: Vec<&str> = listed.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        ["cmpf", "clcf", "hlm"],
        "in the order they are offered"
    );
    assert!(
        listed
            .iter()
            .all(|f| f.installed_from == BUILT_IN && f.items > 0),
        "{listed:?}"
    );
    drop(store);
    let again = Store::open(dir.path(), at(11)).expect("reopens");
    assert_eq!(
        again.installed_frameworks().expect("list")[0].installed_at,
        listed[0].installed_at,
        "opening again installs nothing"
    );
}

#[test]
fn a_scheme_framework_installs_and_takes_ratings_on_its_own_scale() {
    let (_dir, store) = store();
    let fw = fixture("ward-manager-1.toml");
    let plan = store
        .install_framework(&fw, "ward-manager-1.toml", at(10))
        .expect("installs");
    assert_eq!(
        (plan.from_version, plan.added),
        (None, 11),
        "a first install adds every item"
    );
    let id = rate(
        &store,
        "Rota week",
        &[("nct-wm.safe-staffing.rota.acuity", 3)],
    );
    let view = store.entry(id, None).expect("entry");
    assert_eq!(
        (
            view.behaviours[0].statement.as_str(),
            view.behaviours[0].rating_label.as_str()
        ),
        ("Adjusts staffing to acuity on the day", "Secure"),
        "the scheme's own words and scale"
    );
    let coverage = store.coverage(Some("nct-wm"), today()).expect("coverage");
    assert_eq!(
        (coverage.items_total, coverage.items_covered),
        (7, 1),
        "{coverage:?}"
    );
    assert!(
        coverage.frameworks.iter().any(|f| f.id == "nct-wm"),
        "it can be chosen on the coverage screen"
    );
    let over_scale = EntryDraft {
        behaviours: vec![BehaviourRating {
            framework_id: "nct-wm".into(),
            behaviour_id: "nct-wm.money.variance".into(),
            rating: 4,
            justification: String::new(),
        }],
        ..EntryDraft::new(EntryKind::Reflection, "Too high", "2026-11-30")
    };
    assert!(
        store.save_entry(None, None, &over_scale, at(10)).is_err(),
        "its scale has three levels, not four"
    );
}

#[test]
fn version_two_keeps_renamed_moved_and_removed_links() {
    let (_dir, store) = store();
    store
        .install_framework(&fixture("ward-manager-1.toml"), "v1", at(10))
        .expect("v1");
    let id = rate(
        &store,
        "Year one",
        &[
            ("nct-wm.money.variance", 2),
            ("nct-wm.people.appraisal", 3),
            ("nct-wm.safe-staffing.rota.published", 1),
        ],
    );
    let v2 = fixture("ward-manager-2.toml");
    let plan = store.plan_framework(&v2).expect("a plan");
    assert_eq!(
        plan.renamed[0].entries, 1,
        "the report says how many entries each change touches"
    );
    assert_eq!(
        plan.moved[0].new_id.as_deref(),
        Some("nct-wm.people.growth")
    );
    assert_eq!(plan.removed[0].id, "nct-wm.safe-staffing.rota.published");
    store.install_framework(&v2, "v2", at(11)).expect("v2");

    let view = store.entry(id, None).expect("entry");
    let shown: Vec<(&str, &str, Option<&str>)> = view
        .behaviours
        .iter()
        .map(|b| {
            (
                b.behaviour_id.as_str(),
                b.statement.as_str(),
                b.removed_in.as_deref(),
            )
        })
        .collect();
    assert!(
        shown.contains(&(
            "nct-wm.money.variance",
            "Explains the monthly variance to the finance partner",
            None
        )),
        "a renamed item keeps its link and shows its new title: {shown:?}"
    );
    assert!(
        shown.contains(&(
            "nct-wm.people.growth",
            "Holds appraisals that lead to a development plan",
            None
        )),
        "a replaced item's link moved to its successor: {shown:?}"
    );
    assert!(
        shown.contains(&(
            "nct-wm.safe-staffing.rota.published",
            "Publishes the rota six weeks ahead",
            Some("2.0.0")
        )),
        "a removed item stays on the entry, marked with the version that dropped it: {shown:?}"
    );
    assert_eq!(
        view.behaviours.iter().map(|b| b.rating).sum::<u32>(),
        6,
        "every rating survived"
    );
}

#[test]
fn a_bundle_carries_the_scheme_framework_its_entries_rate_against() {
    let (_dir, store) = store();
    store
        .install_framework(&fixture("ward-manager-1.toml"), "v1", at(10))
        .expect("v1");
    rate(&store, "Rota week", &[("nct-wm.money.variance", 2)]);
    let selection = crate::bundle::BundleSelection {
        from: None,
        to: None,
        entry_ids: None,
        include_goals: false,
        learner: "Sam".into(),
        include_learning: false,
    };
    let (document, _) = store
        .portfolio_document(&selection, &"0".repeat(32), at(11))
        .expect("a document");
    let carried: Vec<(&str, &str)> = document
        .frameworks
        .iter()
        .map(|f| (f.id.as_str(), f.version.as_str()))
        .collect();
    assert_eq!(
        carried,
        [("nct-wm", "1.0.0")],
        "only the framework the entry rates against"
    );
    assert_eq!(
        document.frameworks[0].items.len(),
        11,
        "with its whole structure"
    );
    assert!(
        crate::bundle::unresolved_ratings(&document.entries, &document.frameworks).is_empty(),
        "every rating resolves in the carried definition"
    );
}

#[test]
fn downgrades_and_impostors_are_refused_and_change_nothing() {
    let (_dir, store) = store();
    store
        .install_framework(&fixture("ward-manager-2.toml"), "v2", at(10))
        .expect("v2");
    let before = store.installed_frameworks().expect("list");
    let err = store
        .install_framework(&fixture("ward-manager-1.toml"), "v1", at(11))
        .expect_err("an older version");
    assert!(err.to_string().contains("older version 1.0.0"), "{err}");
    let mut impostor = fixture("ward-manager-2.toml");
    impostor.publisher = "Someone else".into();
    impostor.version = "9.0.0".into();
    let err = store
        .install_framework(&impostor, "x", at(11))
        .expect_err("an impostor");
    assert!(
        err.to_string()
            .contains("different framework that reuses the id"),
        "{err}"
    );
    assert_eq!(
        store.installed_frameworks().expect("list"),
        before,
        "nothing changed"
    );
    let shipped = crate::frameworks::builtin()[0].clone();
    let mut hijack = shipped;
    hijack.publisher = "Not us".into();
    assert!(
        store.install_framework(&hijack, "x", at(11)).is_err(),
        "a file cannot take over a shipped framework"
    );
}

fn scheme_pack() -> crate::packs::Pack {
    let dir = format!(
        "{}/../../../tests/fixtures/packs/scheme",
        env!("CARGO_MANIFEST_DIR")
    );
    let files = crate::packs::PackFiles::from_dir(std::path::Path::new(&dir)).expect("reads");
    crate::packs::parse_pack(&files).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_pack_carries_its_framework_and_installs_it_with_its_lessons() {
    let (_dir, store) = store();
    let pack = scheme_pack();
    assert_eq!(
        pack.frameworks[0].id, "nct-wm",
        "the pack's frameworks/ folder is read"
    );
    let preview = store.preview_import(&pack).expect("preview");
    assert_eq!(
        (
            preview.frameworks[0].framework_id.as_str(),
            preview.frameworks[0].added
        ),
        ("nct-wm", 11),
        "the preview says what the framework adds before anything is written"
    );
    assert!(
        store.frameworks().iter().all(|f| f.id != "nct-wm"),
        "nothing written yet"
    );
    store.import_pack(&pack, false, at(10)).expect("imports");
    let installed = store.installed_frameworks().expect("list");
    let nct = installed
        .iter()
        .find(|f| f.id == "nct-wm")
        .expect("installed with the pack");
    assert_eq!(nct.installed_from, "pack nct.ward-manager 1.0.0");
    let coverage = store.coverage(Some("nct-wm"), today()).expect("coverage");
    let acuity = coverage
        .domains
        .iter()
        .flat_map(|d| &d.behaviours)
        .find(|b| b.id == "nct-wm.safe-staffing.rota.acuity")
        .expect("item");
    assert_eq!(
        acuity.lessons[0].lesson_id, "nct-acuity",
        "the pack's lesson teaches it"
    );
}

#[test]
fn a_pack_whose_framework_cannot_be_installed_is_refused_whole() {
    let (_dir, store) = store();
    store
        .install_framework(&fixture("ward-manager-2.toml"), "v2", at(9))
        .expect("a newer version is installed first");
    let err = store
        .import_pack(&scheme_pack(), false, at(10))
        .expect_err("the pack's framework is older");
    assert!(
        err.to_string()
            .contains("the pack carries the framework `nct-wm`"),
        "{err}"
    );
    assert!(
        store
            .installed_packs()
            .expect("packs")
            .iter()
            .all(|p| p.id != "nct.ward-manager"),
        "nothing of the pack was written"
    );
}
