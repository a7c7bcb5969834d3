//! Self-check rounds: reading the rounds for the self-check, recording answers and starting
//! a new round.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{lesson_questions, to_i64, to_u32};
use crate::packs::Question;
use crate::store::{timestamp, Result, Store, StoreError};
use crate::study::{self, check_answer, finished_score, QuizState, RoundsRecord, StoredRound};

/// The self-check as it stands, read through `conn` (the writer inside a transaction, so a
/// caller sees its own write).
fn quiz_state(
    conn: &Connection,
    pack_id: &str,
    lesson_id: &str,
    completed: bool,
) -> Result<QuizState> {
    let (questions, pass_mark) = lesson_questions(conn, pack_id, lesson_id)?;
    quiz_view(conn, pack_id, lesson_id, &questions, pass_mark, completed)
}

/// The self-check of a lesson whose questions and pass mark the caller has already read.
pub(in crate::store) fn quiz_view(
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
}
