//! One consistent read of what a bundle shares: a reader connection held in one read
//! transaction for the whole export, so every pass over the entries (the JSON, the page's
//! contents, the page's entries) and every attachment copied see the same snapshot, while the
//! other readers stay free for the screens and the writer is never taken.
//!
//! Entries are handed out one at a time, never gathered: a bundle's memory does not grow with
//! the portfolio.

use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::names::AttachmentNames;
use super::{bundle_entry, PlannedAttachment};
use crate::bundle::{BundleAttachment, BundleEntry, BundleLesson, BundleSelection};
use crate::frameworks::Framework;
use crate::portfolio::EntrySnapshot;
use crate::store::portfolio::{entry_attachments, lesson_title};
use crate::store::{Reader, Result, Store, StoreError};

/// Attachments are copied in pieces of this size: big enough for few reads, small enough to
/// keep the export's memory flat.
const COPY_BUFFER_BYTES: usize = 256 * 1024;

/// The entries of one selection as one snapshot, read as often as the writer needs.
pub struct BundleSource<'s> {
    conn: Reader<'s>,
    frameworks: Arc<Vec<Framework>>,
    sql: String,
    args: Vec<Value>,
}

impl Store {
    /// Starts one read transaction on a reader for `selection`; it lasts until the source is
    /// dropped. A period with malformed dates, or the wrong way round, is refused.
    pub fn bundle_source(&self, selection: &BundleSelection) -> Result<BundleSource<'_>> {
        selection
            .check_period()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let (sql, args) = entry_query(selection);
        let conn = self.reader();
        // Deferred: the snapshot is taken at the first read and kept until the end.
        conn.execute_batch("BEGIN DEFERRED")?;
        Ok(BundleSource {
            conn,
            frameworks: self.frameworks(),
            sql,
            args,
        })
    }
}

impl std::fmt::Debug for BundleSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BundleSource")
            .field("sql", &self.sql)
            .finish_non_exhaustive()
    }
}

impl BundleSource<'_> {
    /// The installed frameworks, as read when the source was made.
    pub fn frameworks(&self) -> &[Framework] {
        &self.frameworks
    }

    /// Hands each chosen entry, in bundle order (date, then id), to `visit` with the
    /// attachments to copy for it. Archive paths are numbered in this order, so every pass
    /// gives the same paths.
    pub fn each_entry(
        &self,
        mut visit: impl FnMut(BundleEntry, Vec<PlannedAttachment>) -> Result<()>,
    ) -> Result<()> {
        let mut statement = self.conn.prepare(&self.sql)?;
        let mut rows = statement.query(params_from_iter(self.args.iter()))?;
        let mut lesson_titles: HashMap<(String, String), Option<String>> = HashMap::new();
        let mut names = AttachmentNames::default();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let version: u32 = row.get(2)?;
            let json: String = row.get(4)?;
            let snapshot: EntrySnapshot = serde_json::from_str(&json).map_err(|e| {
                StoreError::Invalid(format!(
                    "version {version} of entry {id} cannot be read ({e}), so it cannot be \
                     shared. Open the entry and save it again, or leave it out of the bundle"
                ))
            })?;
            drop(json);
            let mut attachments = Vec::new();
            let mut planned = Vec::new();
            for file in entry_attachments(&self.conn, id, &snapshot.attachments)? {
                let path = names.next_path(&file.file_name);
                attachments.push(BundleAttachment {
                    file_name: file.file_name,
                    media_type: file.media_type.clone(),
                    size: file.size,
                    sha256: file.sha256.clone(),
                    path: path.clone(),
                });
                planned.push(PlannedAttachment {
                    attachment_id: file.id,
                    path,
                    media_type: file.media_type,
                    size: file.size,
                    sha256: file.sha256,
                });
            }
            let mut lessons = Vec::new();
            for l in &snapshot.lessons {
                let key = (l.pack_id.clone(), l.lesson_id.clone());
                let title = match lesson_titles.get(&key) {
                    Some(title) => title.clone(),
                    None => {
                        let title = lesson_title(&self.conn, &l.pack_id, &l.lesson_id)?;
                        lesson_titles.insert(key, title.clone());
                        title
                    }
                };
                lessons.push(BundleLesson {
                    pack_id: l.pack_id.clone(),
                    lesson_id: l.lesson_id.clone(),
                    title,
                });
            }
            let entry = bundle_entry(
                row.get(1)?,
                version,
                row.get(3)?,
                snapshot,
                lessons,
                attachments,
                &self.frameworks,
            );
            visit(entry, planned)?;
        }
        Ok(())
    }

    /// Streams a stored attachment's bytes into `sink` without holding the whole file, and
    /// returns how many bytes were copied. Read in the source's snapshot, so a file deleted
    /// meanwhile is still the one the entry listed.
    pub fn copy_attachment(
        &self,
        attachment_id: i64,
        sink: &mut dyn std::io::Write,
    ) -> Result<u64> {
        copy_attachment(&self.conn, attachment_id, sink)
    }
}

impl Drop for BundleSource<'_> {
    fn drop(&mut self) {
        // Nothing was written, so ending the read either way is the same; the reader goes back
        // to the pool with no transaction open. (A failure here leaves autocommit to SQLite.)
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// The query for the selection's entries: current versions outside the bin, by date then id.
fn entry_query(selection: &BundleSelection) -> (String, Vec<Value>) {
    let mut filters = vec!["e.deleted_at IS NULL".to_owned()];
    let mut args: Vec<Value> = Vec::new();
    if let Some(from) = &selection.from {
        filters.push("e.entry_date >= ?".into());
        args.push(Value::Text(from.clone()));
    }
    if let Some(to) = &selection.to {
        filters.push("e.entry_date <= ?".into());
        args.push(Value::Text(to.clone()));
    }
    if let Some(ids) = &selection.entry_ids {
        filters.push("e.id IN (SELECT value FROM json_each(?))".into());
        args.push(Value::Text(
            serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()),
        ));
    }
    let sql = format!(
        "SELECT e.id, e.uid, e.version, e.cpd_record_id IS NOT NULL, v.snapshot_json
         FROM entries e JOIN entry_versions v ON v.entry_id = e.id AND v.version = e.version
         WHERE {} ORDER BY e.entry_date, e.id",
        filters.join(" AND ")
    );
    (sql, args)
}

/// Streams a stored attachment's bytes into `sink` through SQLite's incremental blob I/O, in
/// pieces, and returns how many bytes were copied.
pub(super) fn copy_attachment(
    conn: &Connection,
    attachment_id: i64,
    sink: &mut dyn std::io::Write,
) -> Result<u64> {
    let stored = conn
        .query_row(
            "SELECT 1 FROM attachments WHERE id = ?1",
            [attachment_id],
            |_| Ok(()),
        )
        .optional()?;
    if stored.is_none() {
        return Err(StoreError::Conflict(format!(
            "attachment {attachment_id} was deleted while the bundle was being written: \
             write the bundle again"
        )));
    }
    let mut blob = conn.blob_open(
        rusqlite::MAIN_DB,
        c"attachments",
        c"data",
        attachment_id,
        true,
    )?;
    let io = |source| StoreError::Io {
        context: format!("cannot copy attachment {attachment_id}"),
        source,
    };
    let mut buffer = vec![0u8; COPY_BUFFER_BYTES];
    let mut copied = 0u64;
    loop {
        let n = blob.read(&mut buffer).map_err(io)?;
        if n == 0 {
            return Ok(copied);
        }
        sink.write_all(&buffer[..n]).map_err(io)?;
        copied += n as u64;
    }
}
