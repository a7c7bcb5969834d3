//! Exporting into the app's own folder: the bundle, its page beside it, names that never
//! replace an earlier export, and the record a review is matched against.

use super::*;
use crate::bundle::sample::{at, portfolio, store};

fn selection(learner: &str) -> BundleSelection {
    BundleSelection {
        learner: learner.into(),
        ..BundleSelection::default()
    }
}

#[test]
fn a_preview_counts_what_would_be_shared_and_writes_nothing() {
    let (dir, store) = store();
    portfolio(&store);
    let preview = preview_export(&store, &selection("Sam"), at(4)).expect("previews");
    assert_eq!(preview.entries, 3, "the entries outside the bin");
    assert_eq!(
        preview.attachments, 3,
        "their files, not the binned entry's"
    );
    assert!(
        !dir.path().join(EXPORTS_DIR).exists(),
        "a preview writes nothing"
    );
}

#[test]
fn an_export_writes_the_bundle_and_its_page_under_names_of_its_own() {
    let (dir, store) = store();
    portfolio(&store);
    let exports = dir.path().join(EXPORTS_DIR);
    let first = export_bundle(&store, &selection("Sam Patel"), &exports, at(4)).expect("exports");
    assert_eq!(
        first.file_name, "sam-patel-2026-11-04.w2bbundle",
        "named after the learner and the day"
    );
    assert_eq!(
        first.html_file_name, "sam-patel-2026-11-04.html",
        "the readable page sits beside it"
    );
    assert!(
        std::fs::read_to_string(exports.join(&first.html_file_name))
            .expect("the page is there")
            .contains("Agency spend review"),
        "the page shows the entries"
    );
    assert_eq!(first.entries, 3, "every shared entry is counted");
    let second = export_bundle(&store, &selection("Sam Patel"), &exports, at(4)).expect("exports");
    assert_eq!(
        second.file_name, "sam-patel-2026-11-04-2.w2bbundle",
        "a second export the same day never replaces the first"
    );
    assert_ne!(
        first.bundle_id, second.bundle_id,
        "each bundle has its own id"
    );
}

#[test]
fn a_refused_selection_writes_nothing_in_the_folder() {
    let (dir, store) = store();
    portfolio(&store);
    let exports = dir.path().join(EXPORTS_DIR);
    let nothing = BundleSelection {
        entry_ids: Some(vec![]),
        ..BundleSelection::default()
    };
    let error = export_bundle(&store, &nothing, &exports, at(4)).expect_err("nothing to share");
    assert!(
        matches!(error, ExportError::Store(_)),
        "the selection is refused: {error}"
    );
    assert_eq!(
        std::fs::read_dir(&exports).expect("the folder").count(),
        0,
        "no file is left in exports/"
    );
}
