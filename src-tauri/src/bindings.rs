//! Writes the TypeScript twins of every IPC type to `ui/src/ipc/bindings/`. CI runs this and
//! fails when the committed files differ, so the UI never drifts from the Rust types.

use std::path::PathBuf;

use ts_rs::TS;
use w2b_core::backups::BackupInfo;
use w2b_core::coverage::Coverage;
use w2b_core::learning::SearchHit;
use w2b_core::learning::{LearningPath, LessonProgress, LessonView};
use w2b_core::packs::installed::{ImportPreview, InstalledPack};
use w2b_core::plan::{GoalDraft, GoalView};
use w2b_core::portfolio::{
    EditorOptions, EntryDraft, EntryPage, EntryQuery, EntryView, TagCount, UploadView,
    VersionSummary,
};
use w2b_core::privacy::PrivacyFinding;
use w2b_core::revalidation::{Revalidation, RevalidationSettings};
use w2b_core::study::{CpdRecordView, NoteView, QuizState, Settings, StudySummary};

use crate::commands::app::AppInfo;
use crate::error::AppError;

#[test]
fn export_bindings() {
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/bindings");
    let cfg = ts_rs::Config::new().with_out_dir(&out);
    let fail = |e: ts_rs::ExportError| panic!("cannot write bindings to {}: {e}", out.display());
    LearningPath::export_all(&cfg).unwrap_or_else(fail);
    LessonView::export_all(&cfg).unwrap_or_else(fail);
    LessonProgress::export_all(&cfg).unwrap_or_else(fail);
    AppInfo::export_all(&cfg).unwrap_or_else(fail);
    crate::opened_file::OpenedFile::export_all(&cfg).unwrap_or_else(fail);
    AppError::export_all(&cfg).unwrap_or_else(fail);
    InstalledPack::export_all(&cfg).unwrap_or_else(fail);
    ImportPreview::export_all(&cfg).unwrap_or_else(fail);
    QuizState::export_all(&cfg).unwrap_or_else(fail);
    NoteView::export_all(&cfg).unwrap_or_else(fail);
    StudySummary::export_all(&cfg).unwrap_or_else(fail);
    CpdRecordView::export_all(&cfg).unwrap_or_else(fail);
    SearchHit::export_all(&cfg).unwrap_or_else(fail);
    Settings::export_all(&cfg).unwrap_or_else(fail);
    BackupInfo::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::bundle::ExportPreview::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::bundle::ExportedBundle::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::review::ReviewSession::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::cohort::CohortReport::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::cohort::CohortProgress::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::cohort::SavedCohortReport::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::review::ReviewInput::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::bundle::BundleSelection::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::store::ReviewView::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::store::EntryComment::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::store::EditorDraft::export_all(&cfg).unwrap_or_else(fail);
    EditorOptions::export_all(&cfg).unwrap_or_else(fail);
    EntryDraft::export_all(&cfg).unwrap_or_else(fail);
    EntryPage::export_all(&cfg).unwrap_or_else(fail);
    EntryQuery::export_all(&cfg).unwrap_or_else(fail);
    EntryView::export_all(&cfg).unwrap_or_else(fail);
    TagCount::export_all(&cfg).unwrap_or_else(fail);
    UploadView::export_all(&cfg).unwrap_or_else(fail);
    VersionSummary::export_all(&cfg).unwrap_or_else(fail);
    Coverage::export_all(&cfg).unwrap_or_else(fail);
    GoalDraft::export_all(&cfg).unwrap_or_else(fail);
    GoalView::export_all(&cfg).unwrap_or_else(fail);
    Revalidation::export_all(&cfg).unwrap_or_else(fail);
    RevalidationSettings::export_all(&cfg).unwrap_or_else(fail);
    PrivacyFinding::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::store::InstalledFramework::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::frameworks::FrameworkPreview::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::frameworks::FrameworkDetail::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::portfolio::leap2a::Leap2aPreview::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::portfolio::leap2a::ExportedLeap2a::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::store::Leap2aImported::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::signing::TrustedPublisher::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::signing::SigningRequest::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::signing::SignerView::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::review::SavedReview::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::revalidation::records::DocumentRequest::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::revalidation::records::DocumentCheck::export_all(&cfg).unwrap_or_else(fail);
    w2b_core::revalidation::records::WrittenDocument::export_all(&cfg).unwrap_or_else(fail);
    assert!(
        out.join("LearningPath.ts").exists(),
        "bindings are written where the UI imports them"
    );
}
