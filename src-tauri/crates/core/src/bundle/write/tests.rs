//! Writing bundles from a real store in a temporary folder, saved through the app's own API,
//! then read back with the zip crate.

use std::io::Read;

use chrono::TimeZone;
use sha2::{Digest, Sha256};

use super::*;
use crate::bundle::{BundleEntry, ATTACHMENTS_DIR};
use crate::plan::{GoalDraft, GoalStatus};
use crate::portfolio::{
    BehaviourRating, CpdTime, EntryDraft, EntryKind, EntryLesson, Reflection, ReflectionSection,
    ReflectionTemplate,
};
use crate::store::BUILTIN_PACK_ID;

const PDF: &[u8] = b"%PDF-1.7\n% minutes of the budget meeting\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR a photo of the rota board";
const TEXT: &[u8] = b"Action log\n- agree the agency cap\n- review in March\n";

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 9, 30, 0)
        .single()
        .expect("valid time")
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("data"), at(1)).expect("opens");
    store.sync_builtin_pack(at(1)).expect("built-in pack");
    (dir, store)
}

fn draft(kind: EntryKind, title: &str, date: &str) -> EntryDraft {
    EntryDraft {
        kind,
        title: title.into(),
        date: date.into(),
        body: format!("What happened on {date}."),
        reflection: None,
        tags: vec![],
        cpd: CpdTime::default(),
        shadowing: None,
        feedback_source: None,
        behaviours: vec![],
        lessons: vec![],
        keep_attachments: vec![],
        new_uploads: vec![],
    }
}

fn save(store: &Store, d: &EntryDraft, files: &[(&str, &[u8])]) -> i64 {
    let mut d = d.clone();
    d.new_uploads = files
        .iter()
        .map(|(name, bytes)| {
            store
                .upload_attachment(name, bytes, at(2))
                .expect("uploads")
                .id
        })
        .collect();
    store.save_entry(None, None, &d, at(2)).expect("saves").id
}

/// The first behaviour of the app's own framework, which every test can rate.
fn behaviour() -> String {
    crate::frameworks::builtin()
        .iter()
        .find(|f| f.id == "cmpf")
        .and_then(|f| f.items().first().map(|i| i.id.to_owned()))
        .expect("cmpf has behaviours")
}

/// Three entries (one with a reflection, rating, lesson and two files; one with a picture;
/// one plain) and a fourth, with a file, in the bin. Returns the ids in date order.
fn portfolio(store: &Store) -> (i64, i64, i64, i64) {
    let lesson = store
        .editor_options()
        .expect("options")
        .lessons
        .into_iter()
        .next()
        .expect("the built-in pack has lessons");
    let mut rich = draft(EntryKind::Reflection, "Agency spend review", "2026-03-10");
    rich.reflection = Some(Reflection {
        template: ReflectionTemplate::Gibbs,
        sections: vec![ReflectionSection {
            id: "description".into(),
            text: "The budget was **over** by 4%.".into(),
        }],
        code_themes: vec![],
    });
    rich.tags = vec!["finance".into()];
    rich.behaviours = vec![BehaviourRating {
        framework_id: "cmpf".into(),
        behaviour_id: behaviour(),
        rating: 2,
        justification: "I led the review".into(),
    }];
    rich.lessons = vec![EntryLesson {
        pack_id: BUILTIN_PACK_ID.into(),
        lesson_id: lesson.lesson_id,
    }];
    let a = save(
        store,
        &rich,
        &[("Budget minutes (March).pdf", PDF), ("actions.txt", TEXT)],
    );
    let b = save(
        store,
        &draft(EntryKind::Cpd, "Rota workshop", "2026-05-01"),
        &[("rota board.png", PNG)],
    );
    let c = save(
        store,
        &draft(EntryKind::Feedback, "Thanks from a family", "2026-07-15"),
        &[],
    );
    let binned = save(
        store,
        &draft(EntryKind::Reflection, "Private draft", "2026-06-01"),
        &[("private.txt", b"not for sharing")],
    );
    store.delete_entry(binned, at(3)).expect("moves to the bin");
    (a, b, c, binned)
}

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
    hex(&Sha256::digest(bytes))
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
fn an_empty_selection_is_refused_and_writes_nothing() {
    let (dir, store) = store();
    let (_, _, _, binned) = portfolio(&store);
    let target = dir.path().join("empty.w2bbundle");
    for (selection, why) in [
        (
            BundleSelection {
                entry_ids: Some(vec![]),
                ..BundleSelection::default()
            },
            "no entries chosen",
        ),
        (
            BundleSelection {
                entry_ids: Some(vec![binned]),
                ..BundleSelection::default()
            },
            "only an entry in the bin chosen",
        ),
        (
            BundleSelection {
                from: Some("2020-01-01".into()),
                to: Some("2020-12-31".into()),
                ..BundleSelection::default()
            },
            "a period with no entries",
        ),
    ] {
        let error = write_bundle(&store, &selection, &target, at(4))
            .expect_err(why)
            .to_string();
        assert!(
            error.starts_with("nothing to share: "),
            "{why}: the learner is told there is nothing to share: {error}"
        );
    }
    let error = write_bundle(
        &store,
        &BundleSelection {
            from: Some("2026-12-01".into()),
            to: Some("2026-01-01".into()),
            ..BundleSelection::default()
        },
        &target,
        at(4),
    )
    .expect_err("a period that ends before it starts")
    .to_string();
    assert!(
        error.contains("before its start"),
        "the period is explained: {error}"
    );
    let error = write_bundle(
        &store,
        &BundleSelection {
            from: Some("1 March".into()),
            ..BundleSelection::default()
        },
        &target,
        at(4),
    )
    .expect_err("a date that is not YYYY-MM-DD")
    .to_string();
    assert!(
        error.contains("YYYY-MM-DD"),
        "the date's form is explained: {error}"
    );
    assert!(
        !target.exists(),
        "nothing is written when the selection is refused"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "no temporary file is left"
    );
}

#[test]
fn a_failure_while_writing_leaves_the_existing_bundle_untouched() {
    let (dir, store) = store();
    portfolio(&store);
    let target = dir.path().join("appraisal.w2bbundle");
    std::fs::write(&target, b"last year's bundle").expect("an earlier bundle");
    // Damage the stored copy of the last attachment, so writing fails after the portfolio
    // and the first files are already in the temporary archive.
    let conn = rusqlite::Connection::open(store.path()).expect("opens the database");
    conn.execute(
        "UPDATE attachments SET data = X'89504E470D0A1A0A00' WHERE file_name = 'rota board.png'",
        [],
    )
    .expect("damages a file");
    drop(conn);
    let error = write_bundle(&store, &BundleSelection::default(), &target, at(4))
        .expect_err("a damaged attachment stops the bundle")
        .to_string();
    assert!(
        error.contains("attachments/3-rota-board.png") && error.contains("damaged"),
        "the error names the file and the likely cause: {error}"
    );
    assert_eq!(
        std::fs::read(&target).expect("still there"),
        b"last year's bundle",
        "the bundle already under the name is untouched"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "the temporary file is removed: {:?}",
        leftovers(dir.path())
    );

    let nowhere = dir
        .path()
        .join("no such folder")
        .join("appraisal.w2bbundle");
    let error = write_bundle(&store, &BundleSelection::default(), &nowhere, at(4))
        .expect_err("a folder that does not exist")
        .to_string();
    assert!(
        error.contains("Choose a folder you can write to"),
        "the learner is told what to do: {error}"
    );
}

#[test]
fn a_bundle_replaces_an_earlier_one_and_each_gets_its_own_id() {
    let (dir, store) = store();
    portfolio(&store);
    let target = dir.path().join("appraisal.w2bbundle");
    let first = write_bundle(&store, &BundleSelection::default(), &target, at(4)).expect("writes");
    let second = write_bundle(&store, &BundleSelection::default(), &target, at(4)).expect("writes");
    assert_ne!(
        first.manifest.bundle_id, second.manifest.bundle_id,
        "every bundle has its own id, so reviews never mix them up"
    );
    assert_eq!(
        document_in(&unpack(&target)).bundle_id,
        second.manifest.bundle_id,
        "the newer bundle replaced the earlier one"
    );
}

/// `docs/portfolio.schema.json` describes `portfolio.json` exactly: a real document, using
/// every optional part, passes, and the schema refuses a field the types do not have.
#[test]
fn portfolio_json_matches_its_published_schema() {
    let (dir, store) = store();
    portfolio(&store);
    let target = dir.path().join("schema.w2bbundle");
    write_bundle(
        &store,
        &BundleSelection {
            from: Some("2026-01-01".into()),
            to: Some("2026-12-31".into()),
            include_goals: true,
            ..BundleSelection::default()
        },
        &target,
        at(4),
    )
    .expect("writes");
    let files = unpack(&target);
    let mut doc = document_in(&files);
    doc.entries[1].shadowing = Some(crate::bundle::BundleShadowing {
        partner_role: "Finance business partner".into(),
        i_learned: "How accruals work".into(),
        they_learned: "What a safe staffing level is".into(),
    });
    doc.entries[2].feedback_source = Some("patient".into());
    doc.goals.push(crate::bundle::BundleGoal {
        title: "Chair a meeting".into(),
        measure: String::new(),
        achievable: String::new(),
        relevant: String::new(),
        due_date: "2027-01-01".into(),
        status: "not_started".into(),
        behaviours: vec!["A statement".into()],
        reviews: vec![crate::bundle::BundleGoalReview {
            date: "2026-10-01".into(),
            note: "Started".into(),
        }],
    });
    let schema_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../docs/portfolio.schema.json"
    ))
    .expect("the schema is in docs/");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("a valid 2020-12 schema");
    let json = serde_json::to_value(&doc).expect("serialises");
    let problems: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        problems.is_empty(),
        "a real document passes the schema: {problems:#?}"
    );

    let mut extra = json.clone();
    extra["entries"][0]["secret"] = serde_json::Value::Bool(true);
    assert!(
        !validator.is_valid(&extra),
        "the schema refuses a field the format does not have"
    );
    let mut missing = json;
    if let Some(entry) = missing["entries"][0].as_object_mut() {
        entry.remove("uid");
    }
    assert!(
        !validator.is_valid(&missing),
        "the schema requires the fields the format requires"
    );
}

#[test]
fn a_file_that_compresses_like_a_bomb_is_stored_so_the_bundle_verifies() {
    let (dir, store) = store();
    // A separator line 2 MiB long: deflate crushes it about 1,000 to 1.
    let log = "-".repeat(2 * 1024 * 1024);
    save(
        &store,
        &draft(EntryKind::QiProject, "Obs compliance audit", "2026-08-01"),
        &[("obs-log.txt", log.as_bytes())],
    );
    let target = dir.path().join("audit.w2bbundle");
    write_bundle(&store, &BundleSelection::default(), &target, at(4)).expect("writes");
    let mut archive = zip::ZipArchive::new(File::open(&target).expect("opens")).expect("is a zip");
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).expect("reads the directory");
        assert!(
            entry.size() / entry.compressed_size().max(1) <= crate::bundle::MAX_COMPRESSION_RATIO,
            "{:?} is compressed {}:1, beyond what a reader accepts",
            entry.name(),
            entry.size() / entry.compressed_size().max(1)
        );
    }
    let log_entry = archive
        .by_name("attachments/1-obs-log.txt")
        .expect("the log is there");
    assert_eq!(
        log_entry.compression(),
        zip::CompressionMethod::Stored,
        "a file that would compress beyond the limit is stored instead"
    );
    drop(log_entry);
    let verified = crate::bundle::verify_bundle(&target).expect("the bundle verifies");
    assert_eq!(
        verified.document.entries[0].attachments[0].size,
        log.len() as u64,
        "the verified bundle holds the whole file"
    );
}

#[test]
fn a_written_bundle_passes_verification() {
    let (dir, store) = store();
    portfolio(&store);
    let target = dir.path().join("appraisal.w2bbundle");
    let written = write_bundle(
        &store,
        &BundleSelection {
            include_goals: true,
            learner: "Sam Patel".into(),
            ..BundleSelection::default()
        },
        &target,
        at(4),
    )
    .expect("writes");
    let verified = crate::bundle::verify_bundle(&target).expect("its own bundle verifies");
    assert_eq!(
        verified.manifest_sha256, written.manifest_sha256,
        "writer and reader name the bundle by the same manifest hash"
    );
    assert_eq!(
        verified.manifest, written.manifest,
        "the manifest reads back unchanged"
    );
}
