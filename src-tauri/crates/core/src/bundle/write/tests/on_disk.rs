//! What reaches the disk: a refused selection writes nothing, a failure keeps the earlier
//! bundle, a new bundle replaces it whole, and what is written matches its schema and passes
//! verification, even when a file compresses like a bomb.

use super::*;

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
    let lesson = store.editor_options().expect("options").lessons.remove(0);
    store
        .set_lesson_complete(
            crate::store::BUILTIN_PACK_ID,
            &lesson.lesson_id,
            true,
            at(3),
        )
        .expect("completes a lesson");
    let target = dir.path().join("schema.w2bbundle");
    write_bundle(
        &store,
        &BundleSelection {
            from: Some("2026-01-01".into()),
            to: Some("2026-12-31".into()),
            include_goals: true,
            include_learning: true,
            ..BundleSelection::default()
        },
        &target,
        at(4),
    )
    .expect("writes");
    let files = unpack(&target);
    let mut doc = document_in(&files);
    assert_eq!(
        doc.learning.as_ref().map(|p| p[0].completed.len()),
        Some(1),
        "the learning summary, with a lesson completed, is checked against the schema too"
    );
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
