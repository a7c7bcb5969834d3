//! Portfolio entries: saving (each save a new version, in one transaction with its tags,
//! ratings, links, attachments and search text), restoring a version, the bin, and files
//! uploaded from the editor. Showing an entry is in `view`, finding entries in `query`.

pub(super) mod drafts;
mod query;
mod view;

pub(crate) use view::entry_view;

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use super::{timestamp, Result, Store, StoreError};
use crate::frameworks;
use crate::markdown;
use crate::portfolio::{
    check_attachment, template_sections, CpdTime, EntryDraft, EntryKind, EntryLesson,
    EntrySnapshot, EntryView, UploadView, VersionChange, VersionSummary,
};

/// Longest title kept; a title is a line, not a paragraph.
pub const MAX_TITLE_CHARS: usize = 200;
/// The body and each reflection section together: far more than anyone types.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
pub const MAX_TAGS: usize = 30;
pub const MAX_TAG_CHARS: usize = 40;
/// A day's worth of CPD at most per entry, in minutes, to catch typing hours as minutes.
pub const MAX_CPD_MINUTES: u32 = 24 * 60;
/// Uploads not saved with an entry within this long are cleared.
const UPLOAD_LIFETIME_HOURS: i64 = 24;

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
        let id = save_entry_in(&tx, id, expected_version, draft, now)?;
        let view = entry_view(&tx, id, None)?;
        tx.commit()?;
        Ok(view)
    }

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
        let current: u32 =
            tx.query_row("SELECT version FROM entries WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
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
        record_version(
            &tx,
            id,
            current + 1,
            VersionChange::Restored,
            Some(version),
            &snapshot,
            now,
        )?;
        let view = entry_view(&tx, id, None)?;
        tx.commit()?;
        Ok(view)
    }

    pub fn entry(&self, id: i64, version: Option<u32>) -> Result<EntryView> {
        entry_view(&self.reader(), id, version)
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
                    change: match change.as_str() {
                        "created" => VersionChange::Created,
                        "restored" => VersionChange::Restored,
                        _ => VersionChange::Edited,
                    },
                    restored_from: r.get(3)?,
                    title: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(versions)
    }

    /// Moves an entry to the bin. It keeps everything and can be put back.
    pub fn delete_entry(&self, id: i64, now: DateTime<Utc>) -> Result<()> {
        let conn = self.writer();
        let changed = conn.execute(
            "UPDATE entries SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, timestamp(now)],
        )?;
        if changed == 0 {
            exists(&conn, id)?;
        }
        Ok(())
    }

    pub fn restore_entry_from_bin(&self, id: i64) -> Result<()> {
        let conn = self.writer();
        exists(&conn, id)?;
        conn.execute("UPDATE entries SET deleted_at = NULL WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Deletes every entry in the bin for good, with its versions and files. Returns how
    /// many entries went.
    pub fn empty_bin(&self) -> Result<u32> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM entry_search WHERE rowid IN (SELECT id FROM entries WHERE deleted_at IS NOT NULL)",
            [],
        )?;
        let removed = tx.execute("DELETE FROM entries WHERE deleted_at IS NOT NULL", [])?;
        tx.commit()?;
        Ok(u32::try_from(removed).unwrap_or(u32::MAX))
    }

    /// Keeps a file from the editor until the entry is saved. Checked here, so a refused file
    /// is refused before the learner has finished the entry.
    pub fn upload_attachment(
        &self,
        file_name: &str,
        data: &[u8],
        now: DateTime<Utc>,
    ) -> Result<UploadView> {
        let checked = check_attachment(file_name, data).map_err(StoreError::Invalid)?;
        let conn = self.writer();
        let sha = hex(&Sha256::digest(data));
        conn.execute(
            "INSERT INTO attachment_uploads (file_name, media_type, size, sha256, data, uploaded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![file_name.trim(), checked.media_type, data.len() as i64, sha, data, timestamp(now)],
        )?;
        Ok(UploadView {
            id: conn.last_insert_rowid(),
            file_name: file_name.trim().into(),
            media_type: checked.media_type.into(),
            size: data.len() as u64,
        })
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

pub(crate) fn save_entry_in(
    tx: &Transaction<'_>,
    id: Option<i64>,
    expected_version: Option<u32>,
    draft: &EntryDraft,
    now: DateTime<Utc>,
) -> Result<i64> {
    let draft = checked_draft(draft)?;
    let (id, version, change) = match id {
        None => {
            tx.execute(
                "INSERT INTO entries (uid, kind, title, entry_date, created_at, updated_at)
                 VALUES (lower(hex(randomblob(16))), ?1, ?2, ?3, ?4, ?4)",
                params![draft.kind.as_str(), draft.title, draft.date, timestamp(now)],
            )?;
            (tx.last_insert_rowid(), 1, VersionChange::Created)
        }
        Some(id) => {
            ensure_not_in_bin(tx, id)?;
            let current: u32 =
                tx.query_row("SELECT version FROM entries WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            if let Some(expected) = expected_version {
                if expected != current {
                    return Err(StoreError::Conflict(format!(
                        "this entry was saved elsewhere since you opened it (it is now version \
                         {current}; you started from version {expected}). Copy your changes, \
                         reopen the entry and apply them again"
                    )));
                }
            }
            (id, current + 1, VersionChange::Edited)
        }
    };
    let attachments = settle_attachments(tx, id, &draft.keep_attachments, &draft.new_uploads, now)?;
    let snapshot = EntrySnapshot {
        kind: draft.kind,
        title: draft.title.clone(),
        date: draft.date.clone(),
        body: draft.body.clone(),
        reflection: draft.reflection.clone(),
        tags: draft.tags.clone(),
        cpd: draft.cpd,
        shadowing: draft.shadowing.clone(),
        feedback_source: draft.feedback_source,
        behaviours: draft.behaviours.clone(),
        lessons: draft.lessons.clone(),
        attachments,
    };
    write_current(tx, id, &snapshot, version, now)?;
    record_version(tx, id, version, change, None, &snapshot, now)?;
    Ok(id)
}

/// The draft tidied (trimmed, tags de-duplicated) and checked; errors name the field.
fn checked_draft(draft: &EntryDraft) -> Result<EntryDraft> {
    let invalid = |m: String| Err(StoreError::Invalid(m));
    let mut draft = draft.clone();
    draft.title = draft.title.trim().to_owned();
    if draft.title.is_empty() {
        return invalid("Title: give the entry a title, so you can find it again".into());
    }
    if draft.title.chars().count() > MAX_TITLE_CHARS {
        return invalid(format!(
            "Title: keep it to {MAX_TITLE_CHARS} characters; put the detail in the description"
        ));
    }
    if NaiveDate::parse_from_str(&draft.date, "%Y-%m-%d").is_err() {
        return invalid(format!(
            "Date: `{}` is not a real date. Enter the day, month and year it happened",
            draft.date
        ));
    }
    let mut text = draft.body.len();
    if let Some(reflection) = &draft.reflection {
        let known: HashSet<&str> = template_sections(reflection.template)
            .iter()
            .map(|s| s.id)
            .collect();
        for section in &reflection.sections {
            if !known.contains(section.id.as_str()) {
                return invalid(format!(
                    "Reflection: `{}` is not part of this form",
                    section.id
                ));
            }
            text += section.text.len();
        }
        let themes: HashSet<&str> = crate::portfolio::code_themes()
            .iter()
            .map(|t| t.0)
            .collect();
        if let Some(theme) = reflection
            .code_themes
            .iter()
            .find(|t| !themes.contains(t.as_str()))
        {
            return invalid(format!("Reflection: `{theme}` is not a theme of the Code"));
        }
    }
    if let Some(s) = &draft.shadowing {
        text += s.partner_role.len() + s.i_learned.len() + s.they_learned.len();
    }
    text += draft
        .behaviours
        .iter()
        .map(|b| b.justification.len())
        .sum::<usize>();
    if text > MAX_TEXT_BYTES {
        return invalid(format!(
            "The entry's text is {} KB; an entry can hold up to {} KB. Split it into two entries, or attach the long document",
            text / 1024,
            MAX_TEXT_BYTES / 1024
        ));
    }
    let mut seen = HashSet::new();
    let mut tags = Vec::new();
    for tag in &draft.tags {
        let tag = tag.trim().trim_start_matches('#').trim();
        if tag.is_empty() || !seen.insert(tag.to_lowercase()) {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return invalid(format!(
                "Tags: `{tag}` is longer than {MAX_TAG_CHARS} characters"
            ));
        }
        tags.push(tag.to_owned());
    }
    if tags.len() > MAX_TAGS {
        return invalid(format!("Tags: an entry can have up to {MAX_TAGS} tags"));
    }
    draft.tags = tags;
    check_cpd(&draft.cpd)?;
    let mut rated = HashSet::new();
    for b in &draft.behaviours {
        let Some(fw) = frameworks::builtin()
            .iter()
            .find(|f| f.id == b.framework_id)
        else {
            return invalid(format!(
                "Behaviours: there is no framework `{}`",
                b.framework_id
            ));
        };
        if !fw.items().iter().any(|i| i.id == b.behaviour_id) {
            return invalid(format!(
                "Behaviours: `{}` is not in the {}",
                b.behaviour_id, fw.title
            ));
        }
        let top = fw.scale.levels.len() as u32;
        if b.rating < 1 || b.rating > top {
            return invalid(format!(
                "Behaviours: rate `{}` from 1 to {top} on the {} scale",
                b.behaviour_id, fw.scale.name
            ));
        }
        if !rated.insert(b.behaviour_id.as_str()) {
            return invalid(format!("Behaviours: `{}` is rated twice", b.behaviour_id));
        }
    }
    let mut linked = HashSet::new();
    draft
        .lessons
        .retain(|l: &EntryLesson| linked.insert(l.clone()));
    Ok(draft)
}

fn check_cpd(cpd: &CpdTime) -> Result<()> {
    if cpd.total_minutes() > MAX_CPD_MINUTES {
        return Err(StoreError::Invalid(format!(
            "CPD time: {} hours is more than a day. Log a course that ran over several days as one entry per day, or check you entered hours, not minutes",
            cpd.total_minutes() / 60
        )));
    }
    Ok(())
}

/// Takes off the current files not kept, adds the uploads, and returns the entry's files.
fn settle_attachments(
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
        return Err(StoreError::Invalid(format!(
            "attachment {stranger} is not on this entry"
        )));
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
            return Err(StoreError::Invalid(
                "an attached file was cleared before the entry was saved; attach it again".into(),
            ));
        }
        files.push(tx.last_insert_rowid());
        tx.execute("DELETE FROM attachment_uploads WHERE id = ?1", [upload])?;
    }
    files.sort_unstable();
    files.dedup();
    Ok(files)
}

/// Writes a version's content to the entry's current rows and its search text.
fn write_current(
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
    tx.execute("DELETE FROM entry_search WHERE rowid = ?1", [id])?;
    tx.execute(
        "INSERT INTO entry_search (rowid, title, body, tags) VALUES (?1, ?2, ?3, ?4)",
        params![id, s.title, search_text(s), s.tags.join(" ")],
    )?;
    Ok(())
}

/// Everything the learner wrote in the entry, as plain text.
fn search_text(s: &EntrySnapshot) -> String {
    let mut parts = vec![markdown::plain_text(&s.body)];
    if let Some(r) = &s.reflection {
        parts.extend(r.sections.iter().map(|sec| markdown::plain_text(&sec.text)));
    }
    if let Some(sh) = &s.shadowing {
        parts.extend([
            sh.partner_role.clone(),
            sh.i_learned.clone(),
            sh.they_learned.clone(),
        ]);
    }
    parts.extend(s.behaviours.iter().map(|b| b.justification.clone()));
    parts
        .join("\n")
        .chars()
        .filter(|c| *c != '\u{2}' && *c != '\u{3}')
        .collect()
}

fn record_version(
    tx: &Connection,
    id: i64,
    version: u32,
    change: VersionChange,
    restored_from: Option<u32>,
    snapshot: &EntrySnapshot,
    now: DateTime<Utc>,
) -> Result<()> {
    let change = match change {
        VersionChange::Created => "created",
        VersionChange::Edited => "edited",
        VersionChange::Restored => "restored",
    };
    let json = serde_json::to_string(snapshot)
        .map_err(|e| StoreError::Invalid(format!("the entry cannot be stored: {e}")))?;
    tx.execute(
        "INSERT INTO entry_versions (entry_id, version, saved_at, change, restored_from, snapshot_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, version, timestamp(now), change, restored_from, json],
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
    // A day of many lessons makes a record title longer than an entry's may be.
    let title = if title.chars().count() > MAX_TITLE_CHARS {
        let mut short: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
        short.push('…');
        short
    } else {
        title
    };
    let body = std::iter::once("Study on the Ward to Board learning path:".to_owned())
        .chain(studied.iter().map(|s| format!("- {}", s.title)))
        .collect::<Vec<_>>()
        .join("\n");
    let draft = EntryDraft {
        kind: EntryKind::Cpd,
        title,
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
    let id = save_entry_in(tx, None, None, &draft, now)?;
    tx.execute(
        "UPDATE entries SET cpd_record_id = ?2 WHERE id = ?1",
        params![id, record_id],
    )?;
    Ok(id)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
