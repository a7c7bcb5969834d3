//! An entry's files: uploads kept from the editor until the entry is saved (checked as they
//! arrive, cleared if never saved), and settled onto the entry by the save that names them.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::portfolio::{check_attachment, UploadView};
use crate::store::{timestamp, Result, Store, StoreError};

/// Uploads not saved with an entry within this long are cleared.
const UPLOAD_LIFETIME_HOURS: i64 = 24;

/// The field that attachment problems belong to (see `EntryDraft`).
const FIELD: &str = "attachments";

impl Store {
    /// Keeps a file from the editor until the entry is saved. Checked here, so a refused file
    /// is refused before the learner has finished the entry.
    pub fn upload_attachment(
        &self,
        file_name: &str,
        data: &[u8],
        now: DateTime<Utc>,
    ) -> Result<UploadView> {
        keep_upload(&self.writer(), file_name, data, now)
    }

    /// A kept file's name, type and bytes, to save a copy or show a picture.
    pub fn attachment_data(&self, id: i64) -> Result<(String, String, Vec<u8>)> {
        self.reader()
            .query_row(
                "SELECT file_name, media_type, data FROM attachments WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("attachment {id}")))
    }

    /// Clears uploads that were never saved with an entry (the editor was closed).
    pub fn clear_stale_uploads(&self, now: DateTime<Utc>) -> Result<u32> {
        let cutoff = now - chrono::Duration::hours(UPLOAD_LIFETIME_HOURS);
        let removed = self.writer().execute(
            "DELETE FROM attachment_uploads WHERE uploaded_at < ?1",
            [timestamp(cutoff)],
        )?;
        Ok(u32::try_from(removed).unwrap_or(u32::MAX))
    }
}

/// Checks a file and keeps it as an upload on `conn` (a transaction, for an import that
/// saves many entries at once), ready for a save to settle onto an entry.
pub(super) fn keep_upload(
    conn: &Connection,
    file_name: &str,
    data: &[u8],
    now: DateTime<Utc>,
) -> Result<UploadView> {
    let checked =
        check_attachment(file_name, data).map_err(|e| StoreError::field(FIELD, e.to_string()))?;
    let sha = hex::encode(Sha256::digest(data));
    conn.execute(
        "INSERT INTO attachment_uploads (file_name, media_type, size, sha256, data, uploaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            file_name.trim(),
            checked.media_type,
            data.len() as i64,
            sha,
            data,
            timestamp(now)
        ],
    )?;
    Ok(UploadView {
        id: conn.last_insert_rowid(),
        file_name: file_name.trim().into(),
        media_type: checked.media_type.into(),
        size: data.len() as u64,
    })
}

/// Takes off the current files not kept, adds the uploads, and returns the entry's files.
pub(super) fn settle_attachments(
    tx: &Transaction<'_>,
    id: i64,
    keep: &[i64],
    uploads: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<i64>> {
    let current: HashSet<i64> = tx
        .prepare("SELECT id FROM attachments WHERE entry_id = ?1 AND current = 1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(stranger) = keep.iter().find(|k| !current.contains(k)) {
        return Err(StoreError::field(
            FIELD,
            format!("attachment {stranger} is not on this entry"),
        ));
    }
    for gone in current.iter().filter(|c| !keep.contains(c)) {
        tx.execute("UPDATE attachments SET current = 0 WHERE id = ?1", [gone])?;
    }
    let mut files: Vec<i64> = keep.to_vec();
    for upload in uploads {
        let moved = tx.execute(
            "INSERT INTO attachments (entry_id, file_name, media_type, size, sha256, data, added_at)
             SELECT ?1, file_name, media_type, size, sha256, data, ?3 FROM attachment_uploads WHERE id = ?2",
            params![id, upload, timestamp(now)],
        )?;
        if moved == 0 {
            return Err(StoreError::field(
                FIELD,
                "an attached file was cleared before the entry was saved; attach it again",
            ));
        }
        files.push(tx.last_insert_rowid());
        tx.execute("DELETE FROM attachment_uploads WHERE id = ?1", [upload])?;
    }
    files.sort_unstable();
    files.dedup();
    Ok(files)
}
