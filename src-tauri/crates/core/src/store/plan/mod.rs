//! The personal development plan's records: SMART goals, their linked behaviours and reviews.
//! What a goal needs and when it is overdue are `crate::plan`'s rules.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{timestamp, Result, Store, StoreError};
use crate::frameworks::Framework;
use crate::plan::{
    check_goal, check_review, is_overdue, statements, BehaviourRef, GoalDraft, GoalReview,
    GoalStatus, GoalView,
};
use crate::problems::FieldError;

/// Field errors, if any, as the store's error. Revalidation's forms use it too.
pub(super) fn refuse(errors: Vec<FieldError>) -> Result<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Fields(errors))
    }
}

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
            .map(|id| goal_view(&conn, &self.frameworks(), id, today))
            .collect()
    }

    pub fn save_goal(
        &self,
        id: Option<i64>,
        draft: &GoalDraft,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<GoalView> {
        refuse(check_goal(draft, &self.frameworks()))?;
        let title = draft.title.trim();
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
        let view = goal_view(&tx, &self.frameworks(), id, today)?;
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
        refuse(check_review(date, note))?;
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
        let view = goal_view(&tx, &self.frameworks(), goal_id, today)?;
        tx.commit()?;
        Ok(view)
    }
}

fn goal_view(
    conn: &Connection,
    frameworks: &[Framework],
    id: i64,
    today: NaiveDate,
) -> Result<GoalView> {
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
    let behaviour_statements = statements(frameworks, &behaviours);
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
    let overdue = is_overdue(status, &due_date, today);
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
pub(in crate::store) mod tests;
