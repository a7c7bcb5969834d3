//! The learner's study record: self-check rounds (`quiz`), reading time and CPD records made
//! from study (`time`), notes, where they were in each lesson, and settings. Every write is one
//! transaction; the rules live in `crate::study`.

mod quiz;
mod time;

pub(super) use quiz::quiz_view;
pub(super) use time::lesson_seconds;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

use super::{timestamp, Result, Store, StoreError};
use crate::packs::Question;
use crate::study::{check_note, NoteView, Settings, StudyError, TextSize, DEFAULT_PASS_MARK};

const TEXT_SIZE_KEY: &str = "reader.text_size";

impl From<StudyError> for StoreError {
    fn from(error: StudyError) -> Self {
        match error {
            StudyError::Invalid(message) => Self::Invalid(message),
        }
    }
}

#[derive(Deserialize)]
struct QuestionsOnly {
    #[serde(default)]
    questions: Vec<Question>,
}

/// The lesson's questions and its pack's pass mark; `NotFound` if the lesson is not current.
pub(super) fn lesson_questions(
    conn: &Connection,
    pack_id: &str,
    lesson_id: &str,
) -> Result<(Vec<Question>, u8)> {
    let row: Option<(String, Option<u8>)> = conn
        .query_row(
            "SELECT l.details_json, p.pass_mark FROM lessons l JOIN packs p ON p.id = l.pack_id
             WHERE l.pack_id = ?1 AND l.id = ?2 AND l.archived = 0",
            params![pack_id, lesson_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (details, pass_mark) = row.ok_or_else(|| not_found(pack_id, lesson_id))?;
    let details: QuestionsOnly = serde_json::from_str(&details).map_err(|e| {
        StoreError::NotFound(format!("readable questions for lesson `{lesson_id}` ({e})"))
    })?;
    Ok((details.questions, pass_mark.unwrap_or(DEFAULT_PASS_MARK)))
}

fn not_found(pack_id: &str, lesson_id: &str) -> StoreError {
    StoreError::NotFound(format!("lesson `{lesson_id}` in pack `{pack_id}`"))
}

fn lesson_exists(conn: &Connection, pack_id: &str, lesson_id: &str) -> Result<()> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM lessons WHERE pack_id = ?1 AND id = ?2 AND archived = 0)",
        params![pack_id, lesson_id],
        |r| r.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(not_found(pack_id, lesson_id))
    }
}

fn to_i64(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn to_u32(value: i64) -> u32 {
    u32::try_from(value.max(0)).unwrap_or(u32::MAX)
}

/// The note as stored, `(body, updated_at)`; the caller renders it once the connection is free.
pub(super) fn note_row(
    conn: &Connection,
    pack_id: &str,
    lesson_id: &str,
) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT body_md, updated_at FROM lesson_notes WHERE pack_id = ?1 AND lesson_id = ?2",
            params![pack_id, lesson_id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?)
}

impl Store {
    pub fn note(&self, pack_id: &str, lesson_id: &str) -> Result<Option<NoteView>> {
        // The reader goes back at the end of this statement, before the note is rendered.
        let row = note_row(&self.reader(), pack_id, lesson_id)?;
        Ok(row.map(NoteView::from_markdown))
    }

    /// Saves the learner's note on a lesson; an empty note is removed.
    pub fn save_note(
        &self,
        pack_id: &str,
        lesson_id: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<NoteView>> {
        check_note(body)?;
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        lesson_exists(&tx, pack_id, lesson_id)?;
        if body.trim().is_empty() {
            tx.execute(
                "DELETE FROM lesson_notes WHERE pack_id = ?1 AND lesson_id = ?2",
                params![pack_id, lesson_id],
            )?;
        } else {
            tx.execute(
                "INSERT INTO lesson_notes (pack_id, lesson_id, body_md, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)
                 ON CONFLICT (pack_id, lesson_id) DO UPDATE SET body_md = excluded.body_md,
                    updated_at = excluded.updated_at",
                params![pack_id, lesson_id, body, timestamp(now)],
            )?;
        }
        let saved = note_row(&tx, pack_id, lesson_id)?;
        tx.commit()?;
        // Rendered once the writer is free again.
        drop(conn);
        Ok(saved.map(NoteView::from_markdown))
    }

    /// Remembers how far down a lesson the learner has read, in thousandths.
    pub fn save_reading_position(
        &self,
        pack_id: &str,
        lesson_id: &str,
        permille: u32,
    ) -> Result<()> {
        let permille = permille.min(1000);
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        lesson_exists(&tx, pack_id, lesson_id)?;
        tx.execute(
            "INSERT INTO lesson_progress (pack_id, lesson_id, scroll_permille) VALUES (?1, ?2, ?3)
             ON CONFLICT (pack_id, lesson_id) DO UPDATE SET scroll_permille = excluded.scroll_permille",
            params![pack_id, lesson_id, permille],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn settings(&self) -> Result<Settings> {
        let size: Option<String> = self
            .reader()
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [TEXT_SIZE_KEY],
                |r| r.get(0),
            )
            .optional()?;
        Ok(Settings {
            text_size: size
                .as_deref()
                .and_then(TextSize::parse)
                .unwrap_or(TextSize::Standard),
        })
    }

    pub fn set_text_size(&self, size: TextSize) -> Result<Settings> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![TEXT_SIZE_KEY, size.as_str()],
        )?;
        tx.commit()?;
        drop(conn);
        self.settings()
    }
}

#[cfg(test)]
mod tests;
