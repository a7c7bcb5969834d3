//! Writing bundles from a real store in a temporary folder, saved through the app's own API,
//! then read back with the zip crate: what a bundle holds and which entries a selection
//! shares here; refusals, failures and checks of the file on disk in `on_disk`.

use std::io::Read;

use sha2::{Digest, Sha256};

use super::*;
use crate::bundle::sample::*;
use crate::bundle::{BundleEntry, PortfolioDocument, ATTACHMENTS_DIR};
use crate::plan::{GoalDraft, GoalStatus};
use crate::portfolio::EntryKind;

mod full_disk;
mod learning;
mod on_disk;

/// Every file in the archive, in archive order, with its bytes and compression.
fn unpack(path: &Path) -> Vec<(String, Vec<u8>, zip::CompressionMethod)> {
    let mut archive =
        zip::ZipArchive::new(File::open(path).expect("opens the bundle")).expect("is a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("reads an entry");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).expect("unpacks");
            (
                file.name().expect("a name").into_owned(),
                bytes,
                file.compression(),
            )
        })
        .collect()
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn document_in(files: &[(String, Vec<u8>, zip::CompressionMethod)]) -> PortfolioDocument {
    let json = &files
        .iter()
        .find(|f| f.0 == PORTFOLIO_PATH)
        .expect("portfolio.json is there")
        .1;
    serde_json::from_slice(json).expect("portfolio.json reads back as the document type")
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("lists the folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".partial"))
        .collect()
}

#[test]
fn a_bundle_holds_the_manifest_the_portfolio_the_view_and_every_attachment() {
    let (dir, store) = store();
    portfolio(&store);
    let target = dir.path().join("appraisal.w2bbundle");
    let written = write_bundle(
        &store,
        &BundleSelection {
            learner: "  Sam Patel ".into(),
            ..BundleSelection::default()
        },
        &target,
        at(4),
    )
    .expect("writes");

    let files = unpack(&target);
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names,
        [
            PORTFOLIO_PATH,
            HTML_PATH,
            "attachments/1-Budget-minutes--March-.pdf",
            "attachments/2-actions.txt",
            "attachments/3-rota-board.png",
            MANIFEST_PATH,
        ],
        "the portfolio, its view, the shared attachments in entry order, and the manifest last; \
         nothing from the bin"
    );
    let manifest_bytes = &files[5].1;
    let manifest: Manifest = serde_json::from_slice(manifest_bytes).expect("manifest reads back");
    assert_eq!(
        manifest, written.manifest,
        "the manifest returned is the one written"
    );
    assert_eq!(
        written.manifest_sha256,
        sha(manifest_bytes),
        "the bundle is named by the hash of its manifest's bytes"
    );
    assert_eq!(
        manifest
            .files
            .iter()
            .map(|f| f.path.as_str())
            .collect::<Vec<_>>(),
        names[..5],
        "the manifest lists every other file, in archive order"
    );
    for (listed, (name, bytes, _)) in manifest.files.iter().zip(&files) {
        assert_eq!(
            listed.size,
            bytes.len() as u64,
            "{name}: the listed size is the real one"
        );
        assert_eq!(
            listed.sha256,
            sha(bytes),
            "{name}: the listed hash is the real one"
        );
    }
    for (i, original) in [(2, PDF), (3, TEXT), (4, PNG)] {
        assert_eq!(
            files[i].1, original,
            "{}: the attachment is the stored bytes",
            files[i].0
        );
    }
    assert_eq!(
        files[4].2,
        zip::CompressionMethod::Stored,
        "a picture is already compressed, so it is stored"
    );
    assert_eq!(
        files[3].2,
        zip::CompressionMethod::Deflated,
        "text is compressed"
    );

    let doc = document_in(&files);
    assert_eq!(
        doc.bundle_id, manifest.bundle_id,
        "the document and manifest name one bundle"
    );
    assert_eq!(doc.bundle_id.len(), 32, "a bundle id is 32 hex digits");
    assert!(
        doc.bundle_id
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
        "a bundle id is lower-case hex: {}",
        doc.bundle_id
    );
    assert_eq!(doc.learner, "Sam Patel", "the learner's name is trimmed");
    assert_eq!(
        manifest.created_at, "2026-11-04T09:30:00.000Z",
        "created at `now`, in UTC"
    );
    assert_eq!(
        doc.entries
            .iter()
            .map(|e| e.title.as_str())
            .collect::<Vec<_>>(),
        [
            "Agency spend review",
            "Rota workshop",
            "Thanks from a family"
        ],
        "entries outside the bin, oldest first"
    );
    let rich = &doc.entries[0];
    assert_eq!(rich.version, 1, "the current version is shared");
    assert_eq!(rich.kind_label, "Reflection", "kinds carry their label");
    let reflection = rich.reflection.as_ref().expect("the reflection is shared");
    assert_eq!(reflection.template, "gibbs", "the form is named");
    assert!(
        reflection
            .sections
            .iter()
            .any(|s| s.text == "The budget was **over** by 4%."),
        "the reflection's Markdown is shared as written"
    );
    assert_eq!(rich.behaviours.len(), 1, "the rating is shared");
    assert!(
        !rich.behaviours[0].statement.is_empty() && !rich.behaviours[0].rating_label.is_empty(),
        "a rating carries the framework's words"
    );
    assert!(
        rich.lessons[0].title.is_some(),
        "an installed lesson is named"
    );
    assert_eq!(
        rich.attachments
            .iter()
            .map(|a| (a.path.as_str(), a.sha256.clone()))
            .collect::<Vec<_>>(),
        [
            ("attachments/1-Budget-minutes--March-.pdf", sha(PDF)),
            ("attachments/2-actions.txt", sha(TEXT))
        ],
        "an entry's attachments point at their files in the archive, with their hashes"
    );
    assert_eq!(
        doc.coverage
            .iter()
            .map(|c| c.framework_id.as_str())
            .collect::<Vec<_>>(),
        ["cmpf"],
        "coverage lists the framework the shared entries rate against"
    );
    assert!(
        doc.goals.is_empty(),
        "the plan is left out unless asked for"
    );
    assert_eq!(
        written.path, target,
        "the bundle is under the name asked for"
    );
    assert_eq!(
        written.bytes,
        std::fs::metadata(&target).expect("exists").len(),
        "the size reported is the file's"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "no temporary file is left behind"
    );
}

#[test]
fn a_period_and_chosen_entries_select_and_together_intersect() {
    let (dir, store) = store();
    let (a, b, c, binned) = portfolio(&store);
    let titles = |selection: BundleSelection| -> Vec<String> {
        let target = dir.path().join("selection.w2bbundle");
        write_bundle(&store, &selection, &target, at(4)).expect("writes");
        document_in(&unpack(&target))
            .entries
            .into_iter()
            .map(|e: BundleEntry| e.title)
            .collect()
    };
    assert_eq!(
        titles(BundleSelection {
            from: Some("2026-05-01".into()),
            to: Some("2026-07-15".into()),
            ..BundleSelection::default()
        }),
        ["Rota workshop", "Thanks from a family"],
        "a period includes both of its ends and leaves out the bin"
    );
    assert_eq!(
        titles(BundleSelection {
            entry_ids: Some(vec![c, a, binned]),
            ..BundleSelection::default()
        }),
        ["Agency spend review", "Thanks from a family"],
        "chosen entries come in date order, and one in the bin is never shared"
    );
    assert_eq!(
        titles(BundleSelection {
            to: Some("2026-06-30".into()),
            entry_ids: Some(vec![b, c]),
            ..BundleSelection::default()
        }),
        ["Rota workshop"],
        "with both, only chosen entries inside the period are shared"
    );
    let only_b = dir.path().join("b.w2bbundle");
    write_bundle(
        &store,
        &BundleSelection {
            entry_ids: Some(vec![b]),
            ..BundleSelection::default()
        },
        &only_b,
        at(4),
    )
    .expect("writes");
    assert_eq!(
        unpack(&only_b)
            .iter()
            .filter(|f| f.0.starts_with(ATTACHMENTS_DIR))
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>(),
        ["attachments/1-rota-board.png"],
        "only the shared entries' attachments go in, numbered from 1"
    );
}

#[test]
fn the_current_version_is_shared() {
    let (dir, store) = store();
    let (a, ..) = portfolio(&store);
    let mut edited = store.entry(a, None).expect("opens").draft;
    edited.title = "Agency spend review, revised".into();
    store
        .save_entry(Some(a), Some(1), &edited, at(3))
        .expect("saves v2");
    let target = dir.path().join("v2.w2bbundle");
    write_bundle(
        &store,
        &BundleSelection {
            entry_ids: Some(vec![a]),
            ..BundleSelection::default()
        },
        &target,
        at(4),
    )
    .expect("writes");
    let doc = document_in(&unpack(&target));
    assert_eq!(
        (doc.entries[0].version, doc.entries[0].title.as_str()),
        (2, "Agency spend review, revised"),
        "the newest version is shared, with its number, so a sign-off names it"
    );
    assert_eq!(
        doc.entries[0].attachments.len(),
        2,
        "files kept in the new version are still shared"
    );
}

#[test]
fn the_development_plan_is_shared_when_asked() {
    let (dir, store) = store();
    portfolio(&store);
    let goal = store
        .save_goal(
            None,
            &GoalDraft {
                title: "Own the ward budget".into(),
                measure: "Monthly variance under 2%".into(),
                achievable: "Finance partner meets me monthly".into(),
                relevant: "Band 7 role".into(),
                due_date: "2027-03-31".into(),
                status: GoalStatus::InProgress,
                behaviours: vec![crate::plan::BehaviourRef {
                    framework_id: "cmpf".into(),
                    behaviour_id: behaviour(),
                }],
            },
            at(2).date_naive(),
            at(2),
        )
        .expect("saves a goal");
    for (date, note) in [
        ("2026-09-01", "First review"),
        ("2026-10-01", "Second review"),
    ] {
        store
            .add_goal_review(goal.id, date, note, at(2).date_naive(), at(2))
            .expect("adds a review");
    }
    let target = dir.path().join("plan.w2bbundle");
    write_bundle(
        &store,
        &BundleSelection {
            include_goals: true,
            ..BundleSelection::default()
        },
        &target,
        at(4),
    )
    .expect("writes");
    let doc = document_in(&unpack(&target));
    assert_eq!(doc.goals.len(), 1, "the plan's goal is shared");
    let g = &doc.goals[0];
    assert_eq!(g.status, "in_progress", "status is the stored value");
    assert!(
        g.behaviours.len() == 1 && !g.behaviours[0].starts_with("cmpf."),
        "behaviours are shared as their statements, not ids: {:?}",
        g.behaviours
    );
    assert_eq!(
        g.reviews
            .iter()
            .map(|r| r.note.as_str())
            .collect::<Vec<_>>(),
        ["First review", "Second review"],
        "reviews read forwards, oldest first"
    );
}

#[test]
fn a_portfolio_its_reader_would_refuse_for_size_is_refused_when_written() {
    use crate::bundle::MAX_PORTFOLIO_JSON_BYTES;
    assert!(
        check_portfolio_size(MAX_PORTFOLIO_JSON_BYTES).is_ok(),
        "the limit itself is allowed"
    );
    let error = check_portfolio_size(MAX_PORTFOLIO_JSON_BYTES + 1)
        .expect_err("one byte over")
        .to_string();
    assert!(
        error.contains("65 MiB of text; a bundle can hold up to 64 MiB"),
        "the size and the limit are named: {error}"
    );
}

#[test]
fn the_streamed_files_are_byte_for_byte_those_of_the_whole_document() {
    let (dir, store) = store();
    portfolio(&store);
    let target = dir.path().join("streamed.w2bbundle");
    let selection = BundleSelection {
        learner: "Sam Patel".into(),
        include_goals: true,
        ..BundleSelection::default()
    };
    let written = write_bundle(&store, &selection, &target, at(4)).expect("writes");
    let (whole, planned) = store
        .portfolio_document(&selection, &written.manifest.bundle_id, at(4))
        .expect("reads the same entries whole");
    let files = unpack(&target);
    assert_eq!(
        files[0].1,
        serde_json::to_vec(&whole).expect("serialises"),
        "portfolio.json written one entry at a time is what serde makes of the whole document"
    );
    assert_eq!(
        files[1].1,
        crate::bundle::render_html(&whole).into_bytes(),
        "the page made one entry at a time is the page made from the whole document"
    );
    let copied: Vec<&str> = files[2..files.len() - 1]
        .iter()
        .map(|f| f.0.as_str())
        .collect();
    let listed: Vec<&str> = planned.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        copied, listed,
        "the attachments are copied under the paths the document lists, in its order"
    );
}

#[test]
fn the_bundle_is_read_from_one_snapshot_while_the_portfolio_changes() {
    let (dir, store) = store();
    portfolio(&store);
    let selection = BundleSelection::default();
    let source = store.bundle_source(&selection).expect("starts a read");
    let mut before = 0;
    source
        .each_entry(|_, _| {
            before += 1;
            Ok(())
        })
        .expect("reads the entries");
    // A new entry lands while the export is under way (the writer is never blocked by it).
    store
        .save_entry(
            None,
            None,
            &crate::portfolio::EntryDraft::new(
                EntryKind::Reflection,
                "Written during the export",
                "2026-06-01",
            ),
            at(3),
        )
        .expect("the writer is free while a bundle is read");
    let mut after = 0;
    source
        .each_entry(|_, _| {
            after += 1;
            Ok(())
        })
        .expect("reads the entries again");
    assert_eq!(
        before, after,
        "every pass of one export sees the same entries, so the JSON and the page agree"
    );
    drop(source);
    let target = dir.path().join("later.w2bbundle");
    let written = write_bundle(&store, &selection, &target, at(4)).expect("writes");
    let document = document_in(&unpack(&target));
    assert_eq!(
        document.entries.len(),
        before + 1,
        "a later export sees the new entry: the snapshot ended with the export"
    );
    assert!(written.bytes > 0, "the later bundle was written");
}
