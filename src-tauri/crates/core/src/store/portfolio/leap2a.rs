//! Leap2A in and out of the store: the preview of an import (which entries are new, which are
//! here already), the import itself in one transaction through the same saving path as the
//! editor (checked drafts, attachments kept as uploads then settled onto the entry), and the
//! export, read with the read pool. The format is `crate::portfolio::leap2a`'s.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::attachments::keep_upload;
use super::save_entry_in;
use crate::portfolio::leap2a::{
    read_leap2a, write_leap2a, ExportedLeap2a, Leap2aError, Leap2aPlan, Leap2aPreview, PlannedEntry,
};
use crate::store::{Result, Store};

/// What an import created.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Leap2aImported {
    /// The new entries' ids, in the feed's order.
    #[ts(type = "Array<number>")]
    pub entry_ids: Vec<i64>,
    /// Entries skipped because they are here already.
    #[ts(type = "number")]
    pub already_imported: usize,
    pub preview: Leap2aPreview,
}

impl Store {
    /// What importing `path` would create; nothing is written.
    pub fn leap2a_preview(&self, path: &Path) -> std::result::Result<Leap2aPreview, Leap2aError> {
        let (_, plan) = read_leap2a(path, &self.frameworks())?;
        let present = present_uids(&self.reader(), &plan)?;
        Ok(plan.preview(|e| is_present(&present, e)))
    }

    /// Imports every new entry of `path` in one transaction: if anything fails, nothing is
    /// saved. Entries already here (by their uid) are left as they are.
    pub fn import_leap2a(
        &self,
        path: &Path,
        now: DateTime<Utc>,
    ) -> std::result::Result<Leap2aImported, Leap2aError> {
        let frameworks = self.frameworks();
        let (mut source, plan) = read_leap2a(path, &frameworks)?;
        let mut conn = self.writer();
        let tx = conn.transaction().map_err(crate::store::StoreError::from)?;
        let present = present_uids(&tx, &plan)?;
        let mut entry_ids = Vec::new();
        for entry in plan.entries.iter().filter(|e| !is_present(&present, e)) {
            let mut draft = entry.draft.clone();
            for file in &entry.files {
                let bytes = source.read_file(&file.path)?;
                draft
                    .new_uploads
                    .push(keep_upload(&tx, &file.name, &bytes, now)?.id);
            }
            let id = save_entry_in(&tx, &frameworks, None, None, &draft, now)?;
            tx.execute(
                "UPDATE entries SET uid = ?2 WHERE id = ?1",
                params![id, entry.uid],
            )
            .map_err(crate::store::StoreError::from)?;
            entry_ids.push(id);
        }
        tx.commit().map_err(crate::store::StoreError::from)?;
        let preview = plan.preview(|e| is_present(&present, e));
        Ok(Leap2aImported {
            already_imported: preview.already_imported.len(),
            entry_ids,
            preview,
        })
    }

    /// Writes every entry outside the bin to `target` as a Leap2A zip for Mahara.
    pub fn export_leap2a(
        &self,
        target: &Path,
        now: DateTime<Utc>,
    ) -> std::result::Result<ExportedLeap2a, Leap2aError> {
        write_leap2a(self, target, now)
    }

    /// Each entry's last change (RFC 3339), by uid, for the export's `updated` times:
    /// entries outside the bin, the ones exported.
    pub(crate) fn entry_update_times(&self) -> Result<HashMap<String, String>> {
        let conn = self.reader();
        let mut statement =
            conn.prepare("SELECT uid, updated_at FROM entries WHERE deleted_at IS NULL")?;
        let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The uids of the plan (imported, or exported from here) that the portfolio holds.
fn present_uids(conn: &Connection, plan: &Leap2aPlan) -> Result<HashSet<String>> {
    let mut present = HashSet::new();
    let mut statement = conn.prepare("SELECT 1 FROM entries WHERE uid = ?1")?;
    let candidates = plan
        .entries
        .iter()
        .flat_map(|e| std::iter::once(&e.uid).chain(e.exported_uid.as_ref()));
    for uid in candidates {
        if statement.query_row([uid], |_| Ok(())).optional()?.is_some() {
            present.insert(uid.clone());
        }
    }
    Ok(present)
}

fn is_present(present: &HashSet<String>, entry: &PlannedEntry) -> bool {
    present.contains(&entry.uid)
        || entry
            .exported_uid
            .as_ref()
            .is_some_and(|u| present.contains(u))
}
