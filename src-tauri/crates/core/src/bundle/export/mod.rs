//! The learner's export into the app's own `exports/` folder: what a selection would share
//! (with the privacy check), then the bundle written, checked as an appraiser's app will check
//! it, given its readable page beside it, and recorded so the review that comes back can be
//! matched to it.

use std::path::Path;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::{
    document_findings, render_html, verify_bundle, write_bundle, BundleSelection, DocumentFinding,
    ExportError, BUNDLE_EXTENSION,
};
use crate::file_names::{name_of, slug, unused_path};
use crate::store::{SharedEntry, Store, StoreError};

/// The folder of the data folder that exported bundles go to.
pub const EXPORTS_DIR: &str = "exports";

/// What a bundle with this selection would hold, and what the privacy check found in it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportPreview {
    pub entries: u32,
    pub attachments: u32,
    pub goals: u32,
    pub findings: Vec<DocumentFinding>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedBundle {
    pub path: String,
    pub file_name: String,
    /// The readable page on its own, beside the bundle, for anyone who only needs to read it.
    pub html_file_name: String,
    pub bundle_id: String,
    pub entries: u32,
    #[ts(type = "number")]
    pub bytes: u64,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What `selection` would share, without writing anything.
pub fn preview_export(
    store: &Store,
    selection: &BundleSelection,
    now: DateTime<Utc>,
) -> Result<ExportPreview, StoreError> {
    // A placeholder id: nothing is written, so no real one is drawn.
    let (document, attachments) = store.portfolio_document(selection, &"0".repeat(32), now)?;
    Ok(ExportPreview {
        entries: count(document.entries.len()),
        attachments: count(attachments.len()),
        goals: count(document.goals.len()),
        findings: document_findings(&document, now.year()),
    })
}

/// Writes the bundle for `selection` into `exports_dir` under a name of its own, checks it
/// as an appraiser's app will, writes its readable page beside it and records the export.
pub fn export_bundle(
    store: &Store,
    selection: &BundleSelection,
    exports_dir: &Path,
    now: DateTime<Utc>,
) -> Result<ExportedBundle, ExportError> {
    std::fs::create_dir_all(exports_dir).map_err(|source| ExportError::Beside {
        action: "create",
        path: exports_dir.to_owned(),
        source,
    })?;
    let stem = format!("{}-{}", slug(&selection.learner), now.format("%Y-%m-%d"));
    let target = unused_path(exports_dir, &stem, BUNDLE_EXTENSION);
    let written = write_bundle(store, selection, &target, now)?;
    let verified = verify_bundle(&written.path)?;
    let shared: Vec<SharedEntry> = verified
        .document
        .entries
        .iter()
        .map(|e| SharedEntry {
            uid: e.uid.clone(),
            version: e.version,
        })
        .collect();
    let file_name = name_of(&target);
    // The same page as inside the bundle, on its own: attachments are listed but not included.
    let html_path = target.with_extension("html");
    crate::atomic::write(&html_path, render_html(&verified.document).as_bytes()).map_err(
        |source| ExportError::Beside {
            action: "write",
            path: html_path.clone(),
            source,
        },
    )?;
    store.record_export(
        &verified.manifest.bundle_id,
        &verified.manifest_sha256,
        &file_name,
        &shared,
        now,
    )?;
    Ok(ExportedBundle {
        path: written.path.display().to_string(),
        file_name,
        html_file_name: name_of(&html_path),
        bundle_id: verified.manifest.bundle_id,
        entries: count(shared.len()),
        bytes: written.bytes,
    })
}

#[cfg(test)]
mod tests;
