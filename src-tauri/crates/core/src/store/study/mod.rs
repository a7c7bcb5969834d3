//! The learner's study record: self-check rounds, notes, reading time and where they were in
//! each lesson, CPD records made from study, and settings. Every write is one transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

use super::{timestamp, Result, Store, StoreError};
use crate::packs::Question;
use crate::study::{
    self, check_answer, check_increment, check_note, cpd_from_day, day_text, finished_score,
    parse_day, week_and_year_start, CpdRecordView, ModuleStudy, NoteView, QuizState, RoundsRecord,
    Settings, StoredRound, StudiedLesson, StudyDay, StudyError, StudySummary, TextSize,
    CPD_RECORDS_SHOWN, DEFAULT_PASS_MARK, UNLOGGED_DAYS_SHOWN,
};

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
fn lesson_questions(
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

/// The self-check as it stands, read through `conn` (the writer inside a transaction, so a
/// caller sees its own write).
pub(super) fn quiz_state(
    conn: &Connection,
    pack_id: &str,
    lesson_id: &str,
    completed: bool,
) -> Result<QuizState> {
    let (questions, pass_mark) = lesson_questions(conn, pack_id, lesson_id)?;
    quiz_view(conn, pack_id, lesson_id, &questions, pass_mark, completed)
}

/// The self-check of a lesson whose questions and pass mark the caller has already read.
pub(super) fn quiz_view(
    conn: &Connection,
    pack_id: &str,
    lesson_id: &str,
    questions: &[Question],
    pass_mark: u8,
    completed: bool,
) -> Result<QuizState> {
    let (finished, best, passed): (i64, Option<i64>, bool) = conn.query_row(
        "SELECT COUNT(*), MAX(score),
                COALESCE(MAX(score * 100 >= ?3 * questions), 0)
         FROM quiz_attempts WHERE pack_id = ?1 AND lesson_id = ?2 AND finished_at IS NOT NULL",
        params![pack_id, lesson_id, pass_mark],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let latest: Option<(i64, String, Option<String>, i64, i64)> = conn
        .query_row(
            "SELECT id, started_at, finished_at, score, questions FROM quiz_attempts
             WHERE pack_id = ?1 AND lesson_id = ?2 ORDER BY id DESC LIMIT 1",
            params![pack_id, lesson_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let latest = match latest {
        None => None,
        Some((id, started_at, finished_at, score, total)) => {
            let number: i64 = conn.query_row(
                "SELECT COUNT(*) FROM quiz_attempts WHERE pack_id = ?1 AND lesson_id = ?2 AND id <= ?3",
                params![pack_id, lesson_id, id],
                |r| r.get(0),
            )?;
            let mut answers = BTreeMap::new();
            let mut rows = conn.prepare(
                "SELECT question_id, selected, correct FROM quiz_answers WHERE attempt_id = ?1",
            )?;
            for row in rows.query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                ))
            })? {
                let (question, selected, correct) = row?;
                let selected: Vec<u32> = serde_json::from_str(&selected).unwrap_or_default();
                answers.insert(question, (selected, correct));
            }
            Some(StoredRound {
                number: to_u32(number),
                started_at,
                finished_at,
                score: to_u32(score),
                questions: to_u32(total),
                answers,
            })
        }
    };
    let record = RoundsRecord {
        finished: to_u32(finished),
        best_score: best.map(to_u32),
        passed,
        latest,
    };
    Ok(study::quiz_state(questions, pass_mark, completed, record))
}

fn is_complete(conn: &Connection, pack_id: &str, lesson_id: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT completed_at IS NOT NULL FROM lesson_progress WHERE pack_id = ?1 AND lesson_id = ?2",
            params![pack_id, lesson_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
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

pub(super) fn lesson_seconds(conn: &Connection, pack_id: &str, lesson_id: &str) -> Result<u32> {
    let seconds: i64 = conn.query_row(
        "SELECT COALESCE(SUM(active_seconds), 0) FROM study_sessions WHERE pack_id = ?1 AND lesson_id = ?2",
        params![pack_id, lesson_id],
        |r| r.get(0),
    )?;
    Ok(to_u32(seconds))
}

fn studied_lessons(
    conn: &Connection,
    date: &str,
    unlogged_only: bool,
) -> Result<Vec<StudiedLesson>> {
    let mut statement = conn.prepare(
        "SELECT s.pack_id, s.lesson_id, COALESCE(l.title, s.lesson_id), SUM(s.active_seconds)
         FROM study_sessions s
         LEFT JOIN lessons l ON l.pack_id = s.pack_id AND l.id = s.lesson_id
         WHERE s.local_date = ?1 AND (?2 = 0 OR s.cpd_record_id IS NULL)
         GROUP BY s.pack_id, s.lesson_id ORDER BY MIN(s.id)",
    )?;
    let lessons = statement
        .query_map(params![date, unlogged_only], |r| {
            Ok(StudiedLesson {
                pack_id: r.get(0)?,
                lesson_id: r.get(1)?,
                title: r.get(2)?,
                seconds: to_u32(r.get(3)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(lessons)
}

impl Store {
    /// The lesson's self-check as it stands.
    pub fn quiz(&self, pack_id: &str, lesson_id: &str) -> Result<QuizState> {
        let conn = self.reader();
        let completed = is_complete(&conn, pack_id, lesson_id)?;
        quiz_state(&conn, pack_id, lesson_id, completed)
    }

    /// Records the learner's answer to one question in the current round (starting a round if
    /// none is open) and returns the self-check with its feedback. A round finishes, with its
    /// score, when every question has an answer; an answer once given is kept as it was.
    pub fn answer_question(
        &self,
        pack_id: &str,
        lesson_id: &str,
        question_id: &str,
        selected: &[u32],
        now: DateTime<Utc>,
    ) -> Result<QuizState> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let (questions, pass_mark) = lesson_questions(&tx, pack_id, lesson_id)?;
        let question = questions
            .iter()
            .find(|q| q.id == question_id)
            .ok_or_else(|| {
                StoreError::NotFound(format!("question `{question_id}` in lesson `{lesson_id}`"))
            })?;
        let (chosen, correct) = check_answer(question, selected)?;
        let stamp = timestamp(now);

        let open: Option<i64> = tx
            .query_row(
                "SELECT id FROM quiz_attempts WHERE pack_id = ?1 AND lesson_id = ?2
                 AND finished_at IS NULL ORDER BY id DESC LIMIT 1",
                params![pack_id, lesson_id],
                |r| r.get(0),
            )
            .optional()?;
        let attempt = match open {
            Some(id) => id,
            None => {
                tx.execute(
                    "INSERT INTO quiz_attempts (pack_id, lesson_id, started_at, questions) VALUES (?1, ?2, ?3, ?4)",
                    params![pack_id, lesson_id, stamp, to_i64(questions.len())],
                )?;
                tx.last_insert_rowid()
            }
        };
        let inserted = tx.execute(
            "INSERT INTO quiz_answers (attempt_id, question_id, selected, correct, answered_at)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
            params![
                attempt,
                question_id,
                serde_json::to_string(&chosen).unwrap_or_else(|_| "[]".into()),
                correct,
                stamp
            ],
        )?;
        if inserted == 0 {
            return Err(StoreError::Conflict(
                "this question already has an answer in this round; start a new round to try again"
                    .into(),
            ));
        }
        let answers: Vec<(String, bool)> = tx
            .prepare("SELECT question_id, correct FROM quiz_answers WHERE attempt_id = ?1")?
            .query_map([attempt], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if let Some(score) = finished_score(&questions, &answers) {
            tx.execute(
                "UPDATE quiz_attempts SET finished_at = ?2, score = ?3 WHERE id = ?1",
                params![attempt, stamp, score],
            )?;
        }
        let completed = is_complete(&tx, pack_id, lesson_id)?;
        let state = quiz_view(&tx, pack_id, lesson_id, &questions, pass_mark, completed)?;
        tx.commit()?;
        Ok(state)
    }

    /// Starts a new round, leaving every earlier one (finished or not) on record.
    pub fn restart_quiz(
        &self,
        pack_id: &str,
        lesson_id: &str,
        now: DateTime<Utc>,
    ) -> Result<QuizState> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let (questions, pass_mark) = lesson_questions(&tx, pack_id, lesson_id)?;
        if questions.is_empty() {
            return Err(StoreError::Invalid(
                "this lesson has no self-check questions".into(),
            ));
        }
        // A round with no answers yet is already a fresh start.
        let empty_open: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.pack_id = ?1 AND a.lesson_id = ?2
                 AND a.id = (SELECT MAX(id) FROM quiz_attempts WHERE pack_id = ?1 AND lesson_id = ?2)
                 AND a.finished_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM quiz_answers q WHERE q.attempt_id = a.id))",
            params![pack_id, lesson_id],
            |r| r.get(0),
        )?;
        if !empty_open {
            tx.execute(
                "INSERT INTO quiz_attempts (pack_id, lesson_id, started_at, questions) VALUES (?1, ?2, ?3, ?4)",
                params![pack_id, lesson_id, timestamp(now), to_i64(questions.len())],
            )?;
        }
        let completed = is_complete(&tx, pack_id, lesson_id)?;
        let state = quiz_view(&tx, pack_id, lesson_id, &questions, pass_mark, completed)?;
        tx.commit()?;
        Ok(state)
    }

    pub fn note(&self, pack_id: &str, lesson_id: &str) -> Result<Option<NoteView>> {
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

    /// Adds active reading time to a sitting and returns the sitting's id. The reader passes
    /// back the id it was given, so one sitting is one row; a new row starts when there is no
    /// such sitting (a new lesson, a new day, or the sitting was logged as CPD).
    pub fn record_study(
        &self,
        pack_id: &str,
        lesson_id: &str,
        sitting: Option<i64>,
        seconds: u32,
        local_date: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        check_increment(seconds)?;
        parse_day(local_date)?;
        let stamp = timestamp(now);
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        lesson_exists(&tx, pack_id, lesson_id)?;
        let updated = match sitting {
            Some(id) => tx.execute(
                "UPDATE study_sessions SET active_seconds = active_seconds + ?2, ended_at = ?3
                 WHERE id = ?1 AND pack_id = ?4 AND lesson_id = ?5 AND local_date = ?6
                   AND cpd_record_id IS NULL",
                params![id, seconds, stamp, pack_id, lesson_id, local_date],
            )?,
            None => 0,
        };
        let id = match (sitting, updated) {
            (Some(id), 1) => id,
            _ => {
                tx.execute(
                    "INSERT INTO study_sessions (pack_id, lesson_id, started_at, ended_at, local_date, active_seconds)
                     VALUES (?1, ?2, ?3, ?3, ?4, ?5)",
                    params![pack_id, lesson_id, stamp, local_date, seconds],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.commit()?;
        Ok(id)
    }

    /// Reading time today, this week (Monday to `today`) and this year, per module, and what
    /// is waiting to be logged as CPD. `today` is the learner's local date.
    pub fn study_summary(&self, today: &str) -> Result<StudySummary> {
        let (monday, january) = week_and_year_start(parse_day(today)?);
        let conn = self.reader();
        // Today, this week and this year in one pass over the dates they span.
        let (today_seconds, week_seconds, year_seconds): (i64, i64, i64) = conn.query_row(
            "SELECT COALESCE(SUM(CASE WHEN local_date = ?1 THEN active_seconds END), 0),
                    COALESCE(SUM(CASE WHEN local_date >= ?2 THEN active_seconds END), 0),
                    COALESCE(SUM(CASE WHEN local_date >= ?3 THEN active_seconds END), 0)
             FROM study_sessions WHERE local_date >= MIN(?2, ?3) AND local_date <= ?1",
            params![today, day_text(monday), day_text(january)],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let (today_seconds, week_seconds, year_seconds) = (
            to_u32(today_seconds),
            to_u32(week_seconds),
            to_u32(year_seconds),
        );
        let modules = conn
            .prepare(
                "SELECT l.pack_id, l.module_id, SUM(s.active_seconds) FROM study_sessions s
                 JOIN lessons l ON l.pack_id = s.pack_id AND l.id = s.lesson_id
                 GROUP BY l.pack_id, l.module_id",
            )?
            .query_map([], |r| {
                Ok(ModuleStudy {
                    pack_id: r.get(0)?,
                    module_id: r.get(1)?,
                    seconds: to_u32(r.get(2)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let days: Vec<String> = conn
            .prepare(
                "SELECT DISTINCT local_date FROM study_sessions WHERE cpd_record_id IS NULL
                 ORDER BY local_date DESC LIMIT ?1",
            )?
            .query_map([UNLOGGED_DAYS_SHOWN], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut unlogged_days = Vec::with_capacity(days.len());
        for date in days {
            let lessons = studied_lessons(&conn, &date, true)?;
            unlogged_days.push(StudyDay {
                seconds: lessons.iter().map(|l| l.seconds).sum(),
                date,
                lessons,
            });
        }
        let cpd_records = cpd_records(&conn, None, CPD_RECORDS_SHOWN)?;
        Ok(StudySummary {
            today_seconds,
            week_seconds,
            year_seconds,
            modules,
            unlogged_days,
            cpd_records,
        })
    }

    /// Turns a day's unlogged study into one CPD record (management CPD, not participatory:
    /// reading alone is self-directed learning) and marks that study as logged.
    pub fn log_study_as_cpd(&self, local_date: &str, now: DateTime<Utc>) -> Result<CpdRecordView> {
        parse_day(local_date)?;
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let lessons = studied_lessons(&tx, local_date, true)?;
        let (title, minutes) = cpd_from_day(local_date, &lessons)?;
        let details = serde_json::to_string(&lessons).unwrap_or_else(|_| "[]".into());
        tx.execute(
            "INSERT INTO cpd_records (title, activity_date, minutes, participatory, category, source,
                                      details_json, created_at)
             VALUES (?1, ?2, ?3, 0, 'management', 'study', ?4, ?5)",
            params![title, local_date, minutes, details, timestamp(now)],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "UPDATE study_sessions SET cpd_record_id = ?1 WHERE local_date = ?2 AND cpd_record_id IS NULL",
            params![id, local_date],
        )?;
        super::portfolio::entry_from_study(&tx, id, now)?;
        let record = cpd_records(&tx, Some(id), 1)?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::NotFound(format!("CPD record {id}")))?;
        tx.commit()?;
        Ok(record)
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

/// CPD records made from study, newest day first: all of them up to `limit`, or only the one
/// with id `only`.
fn cpd_records(conn: &Connection, only: Option<i64>, limit: u32) -> Result<Vec<CpdRecordView>> {
    let records = conn
        .prepare(
            "SELECT id, title, activity_date, minutes, participatory, category, details_json, created_at
             FROM cpd_records WHERE ?1 IS NULL OR id = ?1
             ORDER BY activity_date DESC, id DESC LIMIT ?2",
        )?
        .query_map(params![only, limit], |r| {
            let details: String = r.get(6)?;
            Ok(CpdRecordView {
                id: r.get(0)?,
                title: r.get(1)?,
                activity_date: r.get(2)?,
                minutes: to_u32(r.get(3)?),
                participatory: r.get(4)?,
                category: r.get(5)?,
                lessons: serde_json::from_str(&details).unwrap_or_default(),
                created_at: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(records)
}

#[cfg(test)]
mod tests;
