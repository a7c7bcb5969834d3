//! The learner's export into the app's own `exports/` folder: what a selection would share
//! (with the privacy check), then the bundle written, checked as an appraiser's app will check
//! it, given its readable page beside it, and recorded so the review that comes back can be
//! matched to it.

use std::path::Path;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::{
    document_findings, open_checked, unpack, verify_bundle, write_bundle_signed, BundleError,
    BundleProblem, BundleSelection, DocumentFinding, ExportError, Manifest, BUNDLE_EXTENSION,
    HTML_PATH,
};
use crate::file_names::{name_of, slug, unused_path};
use crate::signing::{SecretKey, SignerView};
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
    /// Who signed it (the learner's own key), or `None` for an unsigned bundle.
    pub signer: Option<SignerView>,
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
    export_bundle_signed(store, selection, exports_dir, now, None)
}

/// [`export_bundle`], signed with the learner's own `key` when they chose to sign it.
pub fn export_bundle_signed(
    store: &Store,
    selection: &BundleSelection,
    exports_dir: &Path,
    now: DateTime<Utc>,
    key: Option<&SecretKey>,
) -> Result<ExportedBundle, ExportError> {
    std::fs::create_dir_all(exports_dir).map_err(|source| ExportError::Beside {
        action: "create",
        path: exports_dir.to_owned(),
        source,
    })?;
    let stem = format!("{}-{}", slug(&selection.learner), now.format("%Y-%m-%d"));
    let target = unused_path(exports_dir, &stem, BUNDLE_EXTENSION);
    let written = write_bundle_signed(store, selection, &target, now, key)?;
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
    copy_page_out(&written.path, &verified.manifest, &html_path)?;
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
        signer: verified.signer.as_ref().map(SignerView::from),
    })
}

/// Copies the page inside the bundle just written to `html_path`, as it unpacks: the very page
/// the manifest lists (its SHA-256 checked on the way), never made again nor held whole.
fn copy_page_out(bundle: &Path, manifest: &Manifest, html_path: &Path) -> Result<(), ExportError> {
    let beside = |source: std::io::Error| ExportError::Beside {
        action: "write",
        path: html_path.to_owned(),
        source,
    };
    let file = name_of(bundle);
    let changed = |why: String| {
        ExportError::Unverified(BundleError::Tampered {
            file: file.clone(),
            problems: vec![BundleProblem::new(HTML_PATH, why)],
        })
    };
    let (mut zip, stored) = open_checked(bundle, &file)?;
    let (Some(stored), Some(listed)) = (
        stored.iter().find(|f| f.name == HTML_PATH),
        manifest.files.iter().find(|f| f.path == HTML_PATH),
    ) else {
        return Err(changed("is missing from the bundle just written".into()));
    };
    let partial = crate::atomic::AtomicFile::new(html_path).map_err(beside)?;
    let mut out = std::io::BufWriter::new(partial.create().map_err(beside)?);
    let digest = unpack(&mut zip, stored, &file, &mut out)?.map_err(|d| changed(d.to_string()))?;
    if digest.bytes != listed.size || digest.sha256 != listed.sha256 {
        return Err(changed(
            "changed after the bundle was written (its SHA-256 does not match)".into(),
        ));
    }
    out.into_inner()
        .map_err(|e| beside(e.into_error()))?
        .sync_all()
        .map_err(beside)?;
    partial.commit().map_err(beside)
}

#[cfg(test)]
mod tests;
