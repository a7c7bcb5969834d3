//! The personal development plan (SMART goals with reviews), revalidation settings and
//! practice hours, and the revalidation counters and clinical currency drawn from entries.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{timestamp, Result, Store, StoreError};
use crate::frameworks;
use crate::plan::{BehaviourRef, GoalDraft, GoalReview, GoalStatus, GoalView};
use crate::revalidation::{clinical_currency, gmc_year, nmc_cycle};
use crate::revalidation::{
    Counter, PracticeHours, Revalidation, RevalidationPeriod, RevalidationSettings,
};

const REVALIDATION_KEY: &str = "revalidation";

impl Store {
    pub fn goals(&self, today: NaiveDate) -> Result<Vec<GoalView>> {
        let conn = self.reader();
        let ids: Vec<i64> = conn
            .prepare(
                "SELECT id FROM goals ORDER BY status IN ('achieved', 'dropped'), due_date, id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| goal_view(&conn, id, today))
            .collect()
    }

    pub fn save_goal(
        &self,
        id: Option<i64>,
        draft: &GoalDraft,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<GoalView> {
        let title = draft.title.trim();
        if title.is_empty() {
            return Err(StoreError::Invalid(
                "Goal: say specifically what you want to achieve".into(),
            ));
        }
        parse_date("Due date", &draft.due_date)?;
        for b in &draft.behaviours {
            let known = frameworks::builtin()
                .iter()
                .find(|f| f.id == b.framework_id)
                .is_some_and(|f| f.items().iter().any(|i| i.id == b.behaviour_id));
            if !known {
                return Err(StoreError::Invalid(format!(
                    "Behaviours: `{}` is not in a framework the app knows",
                    b.behaviour_id
                )));
            }
        }
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let id = match id {
            None => {
                tx.execute(
                    "INSERT INTO goals (title, measure, achievable, relevant, due_date, status, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![title, draft.measure.trim(), draft.achievable.trim(), draft.relevant.trim(),
                            draft.due_date, draft.status.as_str(), timestamp(now)],
                )?;
                tx.last_insert_rowid()
            }
            Some(id) => {
                let changed = tx.execute(
                    "UPDATE goals SET title = ?2, measure = ?3, achievable = ?4, relevant = ?5,
                            due_date = ?6, status = ?7, updated_at = ?8 WHERE id = ?1",
                    params![
                        id,
                        title,
                        draft.measure.trim(),
                        draft.achievable.trim(),
                        draft.relevant.trim(),
                        draft.due_date,
                        draft.status.as_str(),
                        timestamp(now)
                    ],
                )?;
                if changed == 0 {
                    return Err(StoreError::NotFound(format!("goal {id}")));
                }
                id
            }
        };
        tx.execute("DELETE FROM goal_behaviours WHERE goal_id = ?1", [id])?;
        for b in &draft.behaviours {
            tx.execute(
                "INSERT OR IGNORE INTO goal_behaviours (goal_id, framework_id, behaviour_id) VALUES (?1, ?2, ?3)",
                params![id, b.framework_id, b.behaviour_id],
            )?;
        }
        let view = goal_view(&tx, id, today)?;
        tx.commit()?;
        Ok(view)
    }

    pub fn delete_goal(&self, id: i64) -> Result<()> {
        if self
            .writer()
            .execute("DELETE FROM goals WHERE id = ?1", [id])?
            == 0
        {
            return Err(StoreError::NotFound(format!("goal {id}")));
        }
        Ok(())
    }

    pub fn add_goal_review(
        &self,
        goal_id: i64,
        date: &str,
        note: &str,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<GoalView> {
        parse_date("Review date", date)?;
        if note.trim().is_empty() {
            return Err(StoreError::Invalid(
                "Review: say how the goal is going".into(),
            ));
        }
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        tx.query_row("SELECT 1 FROM goals WHERE id = ?1", [goal_id], |_| Ok(()))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("goal {goal_id}")))?;
        tx.execute(
            "INSERT INTO goal_reviews (goal_id, review_date, note, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![goal_id, date, note.trim(), timestamp(now)],
        )?;
        tx.execute(
            "UPDATE goals SET updated_at = ?2 WHERE id = ?1",
            params![goal_id, timestamp(now)],
        )?;
        let view = goal_view(&tx, goal_id, today)?;
        tx.commit()?;
        Ok(view)
    }

    pub fn set_revalidation_settings(&self, settings: &RevalidationSettings) -> Result<()> {
        for (field, date) in [
            ("NMC renewal date", &settings.nmc_expiry),
            ("GMC appraisal date", &settings.gmc_appraisal),
        ] {
            if let Some(date) = date {
                parse_date(field, date)?;
            }
        }
        let json = serde_json::to_string(settings)
            .map_err(|e| StoreError::Invalid(format!("settings cannot be stored: {e}")))?;
        self.writer().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![REVALIDATION_KEY, json],
        )?;
        Ok(())
    }

    pub fn add_practice_hours(
        &self,
        start: &str,
        end: &str,
        hours: f64,
        role: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (s, e) = (parse_date("From", start)?, parse_date("To", end)?);
        if e < s {
            return Err(StoreError::Invalid(
                "To: the end date is before the start date".into(),
            ));
        }
        if !(hours > 0.0
            && hours <= 24.0 * f64::from(u32::try_from((e - s).num_days() + 1).unwrap_or(1)))
        {
            return Err(StoreError::Invalid(
                "Hours: enter the hours worked in that period, more than 0 and no more than 24 a day".into(),
            ));
        }
        self.writer().execute(
            "INSERT INTO practice_hours (start_date, end_date, hours, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![start, end, hours, role.trim(), timestamp(now)],
        )?;
        Ok(())
    }

    pub fn delete_practice_hours(&self, id: i64) -> Result<()> {
        if self
            .writer()
            .execute("DELETE FROM practice_hours WHERE id = ?1", [id])?
            == 0
        {
            return Err(StoreError::NotFound(format!("practice hours {id}")));
        }
        Ok(())
    }

    pub fn revalidation(&self, today: NaiveDate) -> Result<Revalidation> {
        let conn = self.reader();
        let settings: RevalidationSettings = conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [REVALIDATION_KEY],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        let practice_hours: Vec<PracticeHours> = conn
            .prepare("SELECT id, start_date, end_date, hours, role FROM practice_hours ORDER BY start_date DESC")?
            .query_map([], |r| {
                Ok(PracticeHours {
                    id: r.get(0)?,
                    start_date: r.get(1)?,
                    end_date: r.get(2)?,
                    hours: r.get(3)?,
                    role: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let date = |d: &Option<String>| {
            d.as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        };
        let nmc = match date(&settings.nmc_expiry) {
            Some(expiry) => Some(nmc_period(
                &conn,
                nmc_cycle(expiry),
                today,
                &practice_hours,
            )?),
            None => None,
        };
        let gmc = match date(&settings.gmc_appraisal) {
            Some(appraisal) => Some(gmc_period(&conn, gmc_year(appraisal), today)?),
            None => None,
        };
        let two_years_ago = today - chrono::Duration::days(2 * 366);
        let cpd: Vec<(NaiveDate, u32, u32)> = conn
            .prepare(
                "SELECT entry_date, clinical_minutes, management_minutes FROM entries
                 WHERE deleted_at IS NULL AND entry_date >= ?1
                   AND clinical_minutes + management_minutes > 0",
            )?
            .query_map([two_years_ago.format("%Y-%m-%d").to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
            })?
            .filter_map(|row| {
                row.map(|(d, c, m)| {
                    NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                        .ok()
                        .map(|d| (d, c, m))
                })
                .transpose()
            })
            .collect::<rusqlite::Result<_>>()?;
        Ok(Revalidation {
            settings,
            nmc,
            gmc,
            practice_hours,
            currency: clinical_currency(&cpd, today),
        })
    }
}

fn parse_date(field: &str, value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| StoreError::Invalid(format!("{field}: `{value}` is not a real date")))
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn counter(id: &str, label: &str, value: f64, target: Option<f64>, unit: &str) -> Counter {
    Counter {
        id: id.into(),
        label: label.into(),
        value,
        target,
        unit: unit.into(),
    }
}

/// Counts entries outside the bin dated in the period and matching `condition` (SQL).
fn count(conn: &Connection, (start, end): (NaiveDate, NaiveDate), condition: &str) -> Result<f64> {
    let n: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM entries WHERE deleted_at IS NULL
               AND entry_date BETWEEN ?1 AND ?2 AND ({condition})"
        ),
        params![ymd(start), ymd(end)],
        |r| r.get(0),
    )?;
    Ok(n as f64)
}

fn cpd_hours(conn: &Connection, (start, end): (NaiveDate, NaiveDate)) -> Result<(f64, f64)> {
    let (all, participatory): (i64, i64) = conn.query_row(
        "SELECT coalesce(sum(clinical_minutes + management_minutes), 0),
                coalesce(sum(CASE WHEN participatory = 1 THEN clinical_minutes + management_minutes ELSE 0 END), 0)
         FROM entries WHERE deleted_at IS NULL AND entry_date BETWEEN ?1 AND ?2",
        params![ymd(start), ymd(end)],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((all as f64 / 60.0, participatory as f64 / 60.0))
}

fn nmc_period(
    conn: &Connection,
    period: (NaiveDate, NaiveDate),
    today: NaiveDate,
    practice: &[PracticeHours],
) -> Result<RevalidationPeriod> {
    let (hours, participatory) = cpd_hours(conn, period)?;
    // Hours logged over a stretch that runs across the cycle's edge count pro rata.
    let practised: f64 = practice
        .iter()
        .filter_map(|p| {
            let s = NaiveDate::parse_from_str(&p.start_date, "%Y-%m-%d").ok()?;
            let e = NaiveDate::parse_from_str(&p.end_date, "%Y-%m-%d").ok()?;
            let overlap = (e.min(period.1) - s.max(period.0)).num_days() + 1;
            let days = (e - s).num_days() + 1;
            (overlap > 0).then(|| p.hours * overlap as f64 / days as f64)
        })
        .sum();
    Ok(RevalidationPeriod {
        start: ymd(period.0),
        end: ymd(period.1),
        days_left: (period.1 - today).num_days(),
        counters: vec![
            counter("cpd", "CPD", hours, Some(35.0), "hours"),
            counter(
                "participatory",
                "Participatory CPD",
                participatory,
                Some(20.0),
                "hours",
            ),
            counter(
                "feedback",
                "Practice-related feedback",
                count(conn, period, "kind = 'feedback'")?,
                Some(5.0),
                "pieces",
            ),
            counter(
                "reflections",
                "Written reflective accounts",
                count(conn, period, "template = 'nmc'")?,
                Some(5.0),
                "accounts",
            ),
            counter(
                "practice",
                "Practice hours",
                practised,
                Some(450.0),
                "hours",
            ),
        ],
    })
}

fn gmc_period(
    conn: &Connection,
    period: (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Result<RevalidationPeriod> {
    let (hours, _) = cpd_hours(conn, period)?;
    let feedback = |source: &str| format!("kind = 'feedback' AND feedback_source = '{source}'");
    Ok(RevalidationPeriod {
        start: ymd(period.0),
        end: ymd(period.1),
        days_left: (period.1 - today).num_days(),
        counters: vec![
            counter(
                "cpd",
                "Continuing professional development",
                hours,
                None,
                "hours",
            ),
            counter(
                "qi",
                "Quality improvement activity",
                count(conn, period, "kind = 'qi_project'")?,
                None,
                "entries",
            ),
            counter(
                "significant_events",
                "Significant events",
                count(conn, period, "kind = 'significant_event'")?,
                None,
                "entries",
            ),
            counter(
                "colleague_feedback",
                "Feedback from colleagues",
                count(conn, period, &feedback("colleague"))?,
                None,
                "entries",
            ),
            counter(
                "patient_feedback",
                "Feedback from patients",
                count(conn, period, &feedback("patient"))?,
                None,
                "entries",
            ),
            counter(
                "compliments",
                "Compliments and complaints",
                count(conn, period, &feedback("compliment_or_complaint"))?,
                None,
                "entries",
            ),
        ],
    })
}

fn goal_view(conn: &Connection, id: i64, today: NaiveDate) -> Result<GoalView> {
    let (title, measure, achievable, relevant, due_date, status, created_at, updated_at): (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    ) = conn
        .query_row(
            "SELECT title, measure, achievable, relevant, due_date, status, created_at, updated_at
             FROM goals WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("goal {id}")))?;
    let behaviours: Vec<BehaviourRef> = conn
        .prepare("SELECT framework_id, behaviour_id FROM goal_behaviours WHERE goal_id = ?1 ORDER BY rowid")?
        .query_map([id], |r| {
            Ok(BehaviourRef {
                framework_id: r.get(0)?,
                behaviour_id: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let behaviour_statements = behaviours
        .iter()
        .map(|b| {
            frameworks::builtin()
                .iter()
                .find(|f| f.id == b.framework_id)
                .and_then(|f| {
                    f.items()
                        .into_iter()
                        .find(|i| i.id == b.behaviour_id)
                        .map(|i| i.statement.to_owned())
                })
                .unwrap_or_else(|| b.behaviour_id.clone())
        })
        .collect();
    let reviews = conn
        .prepare("SELECT id, review_date, note FROM goal_reviews WHERE goal_id = ?1 ORDER BY review_date DESC, id DESC")?
        .query_map([id], |r| {
            Ok(GoalReview {
                id: r.get(0)?,
                date: r.get(1)?,
                note: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let status = GoalStatus::parse(&status).unwrap_or(GoalStatus::NotStarted);
    let overdue = !matches!(status, GoalStatus::Achieved | GoalStatus::Dropped)
        && NaiveDate::parse_from_str(&due_date, "%Y-%m-%d").is_ok_and(|d| d < today);
    Ok(GoalView {
        id,
        draft: GoalDraft {
            title,
            measure,
            achievable,
            relevant,
            due_date,
            status,
            behaviours,
        },
        behaviour_statements,
        overdue,
        reviews,
        created_at,
        updated_at,
    })
}

#[cfg(test)]
mod tests;
