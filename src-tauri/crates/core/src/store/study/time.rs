//! Reading time: sittings as the reader reports them, the summary of today, this week and
//! this year, and a day's study logged as one CPD record.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::{lesson_exists, to_u32};
use crate::store::{portfolio, timestamp, Result, Store, StoreError};
use crate::study::{
    check_increment, cpd_from_day, day_text, parse_day, week_and_year_start, CpdRecordView,
    ModuleStudy, StudiedLesson, StudyDay, StudySummary, CPD_RECORDS_SHOWN, UNLOGGED_DAYS_SHOWN,
};

pub(in crate::store) fn lesson_seconds(
    conn: &Connection,
    pack_id: &str,
    lesson_id: &str,
) -> Result<u32> {
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
        portfolio::entry_from_study(&tx, id, now)?;
        let record = cpd_records(&tx, Some(id), 1)?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::NotFound(format!("CPD record {id}")))?;
        tx.commit()?;
        Ok(record)
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
