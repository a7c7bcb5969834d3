//! An entry's versions: each save stores a whole snapshot, written to the entry's current rows
//! (tags, ratings, lessons, search text) and kept; an earlier one can be made current again.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::search_index::index_entry;
use super::{ensure_not_in_bin, entry_view, exists};
use crate::portfolio::{EntrySnapshot, EntryView, VersionChange, VersionSummary};
use crate::store::{timestamp, Result, Store, StoreError};

impl Store {
    /// Makes an earlier version the newest again, as a new version: nothing is overwritten.
    pub fn restore_entry_version(
        &self,
        id: i64,
        version: u32,
        now: DateTime<Utc>,
    ) -> Result<EntryView> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        ensure_not_in_bin(&tx, id)?;
        let snapshot = snapshot_of(&tx, id, version)?;
        let current = current_version(&tx, id)?;
        if current == version {
            return Err(StoreError::Invalid(format!(
                "version {version} is already the current version"
            )));
        }
        write_current(&tx, id, &snapshot, current + 1, now)?;
        tx.execute(
            "UPDATE attachments SET current = (id IN (SELECT value FROM json_each(?2))) WHERE entry_id = ?1",
            params![id, serde_json::to_string(&snapshot.attachments).unwrap_or_default()],
        )?;
        let restored = Saved {
            version: current + 1,
            change: VersionChange::Restored,
            restored_from: Some(version),
        };
        record_version(&tx, id, &restored, &snapshot, now)?;
        let view = entry_view(&tx, &self.frameworks(), id, None)?;
        tx.commit()?;
        drop(conn);
        Ok(view.rendered())
    }

    pub fn entry_versions(&self, id: i64) -> Result<Vec<VersionSummary>> {
        let conn = self.reader();
        exists(&conn, id)?;
        let mut statement = conn.prepare(
            "SELECT version, saved_at, change, restored_from, json_extract(snapshot_json, '$.title')
             FROM entry_versions WHERE entry_id = ?1 ORDER BY version DESC",
        )?;
        let versions = statement
            .query_map([id], |r| {
                let change: String = r.get(2)?;
                Ok(VersionSummary {
                    version: r.get(0)?,
                    saved_at: r.get(1)?,
                    change: VersionChange::parse(&change),
                    restored_from: r.get(3)?,
                    title: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(versions)
    }
}

/// Which version a save makes, and how it came about.
pub(super) struct Saved {
    pub version: u32,
    pub change: VersionChange,
    pub restored_from: Option<u32>,
}

pub(super) fn current_version(conn: &Connection, id: i64) -> Result<u32> {
    Ok(
        conn.query_row("SELECT version FROM entries WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

/// Writes a version's content to the entry's current rows and its search text.
pub(super) fn write_current(
    tx: &Connection,
    id: i64,
    s: &EntrySnapshot,
    version: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    let details = serde_json::json!({
        "reflection": s.reflection,
        "shadowing": s.shadowing,
    });
    tx.execute(
        "UPDATE entries SET kind = ?2, title = ?3, entry_date = ?4, body_md = ?5, template = ?6,
                clinical_minutes = ?7, management_minutes = ?8, participatory = ?9,
                feedback_source = ?10, details_json = ?11, version = ?12, updated_at = ?13
         WHERE id = ?1",
        params![
            id,
            s.kind.as_str(),
            s.title,
            s.date,
            s.body,
            s.reflection.as_ref().map(|r| r.template.as_str()),
            s.cpd.clinical_minutes,
            s.cpd.management_minutes,
            s.cpd.participatory,
            s.feedback_source.map(|f| f.as_str()),
            details.to_string(),
            version,
            timestamp(now)
        ],
    )?;
    tx.execute("DELETE FROM entry_tags WHERE entry_id = ?1", [id])?;
    for tag in &s.tags {
        tx.execute(
            "INSERT OR IGNORE INTO entry_tags (entry_id, tag) VALUES (?1, ?2)",
            params![id, tag],
        )?;
    }
    tx.execute("DELETE FROM entry_behaviours WHERE entry_id = ?1", [id])?;
    for b in &s.behaviours {
        tx.execute(
            "INSERT INTO entry_behaviours (entry_id, framework_id, behaviour_id, rating, justification)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, b.framework_id, b.behaviour_id, b.rating, b.justification.trim()],
        )?;
    }
    tx.execute("DELETE FROM entry_lessons WHERE entry_id = ?1", [id])?;
    for l in &s.lessons {
        tx.execute(
            "INSERT OR IGNORE INTO entry_lessons (entry_id, pack_id, lesson_id) VALUES (?1, ?2, ?3)",
            params![id, l.pack_id, l.lesson_id],
        )?;
    }
    index_entry(tx, id, &s.title, &s.search_text(), &s.tags.join(" "))
}

pub(super) fn record_version(
    tx: &Connection,
    id: i64,
    saved: &Saved,
    snapshot: &EntrySnapshot,
    now: DateTime<Utc>,
) -> Result<()> {
    let json = serde_json::to_string(snapshot)
        .map_err(|e| StoreError::Invalid(format!("the entry cannot be stored: {e}")))?;
    tx.execute(
        "INSERT INTO entry_versions (entry_id, version, saved_at, change, restored_from, snapshot_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            saved.version,
            timestamp(now),
            saved.change.as_str(),
            saved.restored_from,
            json
        ],
    )?;
    Ok(())
}

pub(crate) fn snapshot_of(conn: &Connection, id: i64, version: u32) -> Result<EntrySnapshot> {
    let json: String = conn
        .query_row(
            "SELECT snapshot_json FROM entry_versions WHERE entry_id = ?1 AND version = ?2",
            params![id, version],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("version {version} of entry {id}")))?;
    serde_json::from_str(&json).map_err(|e| {
        StoreError::Invalid(format!(
            "version {version} of entry {id} cannot be read: {e}"
        ))
    })
}
