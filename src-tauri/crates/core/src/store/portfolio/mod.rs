//! Portfolio entries, persistence only: saving (each save a new version, in one transaction
//! with its tags, ratings, links, attachments and search text), and entries made from logged
//! study. What makes a draft valid is decided in `crate::portfolio`; versions are in
//! `versions`, the bin in `bin`, files in `attachments`, showing an entry in `view`, finding
//! entries in `query` (by their words in `search`), the editor's unsaved work in `drafts`.

mod attachments;
mod bin;
pub(super) mod drafts;
mod facets;
mod leap2a;
mod query;
mod search;
mod search_index;
mod snippet;
mod typed;
mod versions;
mod view;

pub use leap2a::Leap2aImported;
pub(crate) use versions::snapshot_of;
pub(crate) use view::{entry_attachments, entry_view, lesson_title};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{timestamp, Result, Store, StoreError};
use crate::frameworks::Framework;
use crate::portfolio::{
    checked_draft, study_entry_title, CpdTime, EntryDraft, EntryKind, EntryLesson, EntrySnapshot,
    EntryView, VersionChange, MAX_CPD_MINUTES,
};
use versions::{current_version, record_version, write_current, Saved};

impl Store {
    /// Saves a new entry (`id` `None`) or a new version of one. `expected_version` is the
    /// version the editor started from: if the entry has moved on since, nothing is saved.
    pub fn save_entry(
        &self,
        id: Option<i64>,
        expected_version: Option<u32>,
        draft: &EntryDraft,
        now: DateTime<Utc>,
    ) -> Result<EntryView> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let frameworks = self.frameworks();
        let id = save_entry_in(&tx, &frameworks, id, expected_version, draft, now)?;
        let view = entry_view(&tx, &frameworks, id, None)?;
        tx.commit()?;
        drop(conn);
        Ok(view.rendered())
    }

    pub fn entry(&self, id: i64, version: Option<u32>) -> Result<EntryView> {
        let conn = self.reader();
        let view = entry_view(&conn, &self.frameworks(), id, version)?;
        drop(conn);
        Ok(view.rendered())
    }
}

pub(crate) fn save_entry_in(
    tx: &Transaction<'_>,
    frameworks: &[Framework],
    id: Option<i64>,
    expected_version: Option<u32>,
    draft: &EntryDraft,
    now: DateTime<Utc>,
) -> Result<i64> {
    let draft = checked_draft(draft, frameworks).map_err(|e| StoreError::Fields(vec![e]))?;
    let (id, saved) = match id {
        None => {
            tx.execute(
                "INSERT INTO entries (uid, kind, title, entry_date, created_at, updated_at)
                 VALUES (lower(hex(randomblob(16))), ?1, ?2, ?3, ?4, ?4)",
                params![draft.kind.as_str(), draft.title, draft.date, timestamp(now)],
            )?;
            let saved = Saved {
                version: 1,
                change: VersionChange::Created,
                restored_from: None,
            };
            (tx.last_insert_rowid(), saved)
        }
        Some(id) => {
            ensure_not_in_bin(tx, id)?;
            let current = current_version(tx, id)?;
            if let Some(expected) = expected_version {
                if expected != current {
                    return Err(StoreError::Conflict(format!(
                        "this entry was saved elsewhere since you opened it (it is now version \
                         {current}; you started from version {expected}). Copy your changes, \
                         reopen the entry and apply them again"
                    )));
                }
            }
            let saved = Saved {
                version: current + 1,
                change: VersionChange::Edited,
                restored_from: None,
            };
            (id, saved)
        }
    };
    let attachments =
        attachments::settle_attachments(tx, id, &draft.keep_attachments, &draft.new_uploads, now)?;
    let snapshot = EntrySnapshot::from_draft(draft, attachments);
    write_current(tx, id, &snapshot, saved.version, now)?;
    record_version(tx, id, &saved, &snapshot, now)?;
    Ok(id)
}

fn exists(conn: &Connection, id: i64) -> Result<()> {
    conn.query_row("SELECT 1 FROM entries WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("entry {id}")))
}

fn ensure_not_in_bin(conn: &Connection, id: i64) -> Result<()> {
    let deleted: Option<Option<String>> = conn
        .query_row("SELECT deleted_at FROM entries WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    match deleted {
        None => Err(StoreError::NotFound(format!("entry {id}"))),
        Some(Some(_)) => Err(StoreError::Conflict(
            "this entry is in the bin: put it back before changing it".into(),
        )),
        Some(None) => Ok(()),
    }
}

/// Makes a portfolio entry from a CPD record of logged study, linking the lessons studied.
pub(crate) fn entry_from_study(
    tx: &Transaction<'_>,
    record_id: i64,
    now: DateTime<Utc>,
) -> Result<i64> {
    let (title, date, minutes, details): (String, String, u32, String) = tx.query_row(
        "SELECT title, activity_date, minutes, details_json FROM cpd_records WHERE id = ?1",
        [record_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Studied {
        pack_id: String,
        lesson_id: String,
        title: String,
    }
    let studied: Vec<Studied> = serde_json::from_str(&details).unwrap_or_default();
    let body = std::iter::once("Study on the Ward to Board learning path:".to_owned())
        .chain(studied.iter().map(|s| format!("- {}", s.title)))
        .collect::<Vec<_>>()
        .join("\n");
    let draft = EntryDraft {
        kind: EntryKind::Cpd,
        title: study_entry_title(title),
        date,
        body,
        reflection: None,
        tags: vec!["study".into()],
        cpd: CpdTime {
            clinical_minutes: 0,
            management_minutes: minutes.min(MAX_CPD_MINUTES),
            participatory: false,
        },
        shadowing: None,
        feedback_source: None,
        behaviours: vec![],
        lessons: studied
            .into_iter()
            .map(|s| EntryLesson {
                pack_id: s.pack_id,
                lesson_id: s.lesson_id,
            })
            .collect(),
        keep_attachments: vec![],
        new_uploads: vec![],
    };
    // An entry made from study time rates no framework item, so none are needed to check it.
    let id = save_entry_in(tx, &[], None, None, &draft, now)?;
    tx.execute(
        "UPDATE entries SET cpd_record_id = ?2 WHERE id = ?1",
        params![id, record_id],
    )?;
    Ok(id)
}

#[cfg(test)]
mod tests;
