//! Revalidation's records: the learner's dates, practice hours, and the entries the counters
//! and clinical currency are drawn from. What counts, and the sums, are `crate::revalidation`'s.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::plan::refuse;
use super::{timestamp, Result, Store, StoreError};
use crate::portfolio::{EntryKind, FeedbackSource, ReflectionTemplate};
use crate::revalidation::{
    check_practice_hours, check_settings, clinical_currency, gmc_period, nmc_period, periods,
    EntryFacts, PracticeHours, Revalidation, RevalidationSettings,
};

const REVALIDATION_KEY: &str = "revalidation";

impl Store {
    pub fn set_revalidation_settings(&self, settings: &RevalidationSettings) -> Result<()> {
        refuse(check_settings(settings))?;
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
        refuse(check_practice_hours(start, end, hours))?;
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
        let practice_hours = practice_hours(&conn)?;
        let (nmc, gmc) = periods(&settings);
        // Every period and the two years of currency lie within the earliest of them.
        let two_years_ago = today - chrono::Duration::days(2 * 366);
        let from = [nmc.map(|p| p.0), gmc.map(|p| p.0), Some(two_years_ago)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(two_years_ago);
        let entries = entry_facts(&conn, from)?;
        drop(conn);
        let cpd: Vec<(NaiveDate, u32, u32)> = entries
            .iter()
            .filter(|e| e.date >= two_years_ago && e.clinical_minutes + e.management_minutes > 0)
            .map(|e| (e.date, e.clinical_minutes, e.management_minutes))
            .collect();
        Ok(Revalidation {
            nmc: nmc.map(|p| nmc_period(&entries, &practice_hours, p, today)),
            gmc: gmc.map(|p| gmc_period(&entries, p, today)),
            settings,
            practice_hours,
            currency: clinical_currency(&cpd, today),
        })
    }
}

/// The practice hours log, newest first.
fn practice_hours(conn: &Connection) -> Result<Vec<PracticeHours>> {
    Ok(conn
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
        .collect::<rusqlite::Result<_>>()?)
}

/// The entries outside the bin dated on or after `from`, as revalidation needs them.
fn entry_facts(conn: &Connection, from: NaiveDate) -> Result<Vec<EntryFacts>> {
    let mut statement = conn.prepare(
        "SELECT entry_date, kind, template, feedback_source, clinical_minutes,
                management_minutes, participatory
         FROM entries WHERE deleted_at IS NULL AND entry_date >= ?1",
    )?;
    let rows = statement.query_map([from.format("%Y-%m-%d").to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, u32>(4)?,
            r.get::<_, u32>(5)?,
            r.get::<_, bool>(6)?,
        ))
    })?;
    let mut facts = Vec::new();
    for row in rows {
        let (date, kind, template, source, clinical, management, participatory) = row?;
        // An entry whose date cannot be read is in no period.
        let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") else {
            continue;
        };
        facts.push(EntryFacts {
            date,
            kind: EntryKind::parse(&kind),
            template: template.as_deref().and_then(ReflectionTemplate::parse),
            feedback_source: source.as_deref().and_then(FeedbackSource::parse),
            clinical_minutes: clinical,
            management_minutes: management,
            participatory,
        });
    }
    Ok(facts)
}

mod records;

#[cfg(test)]
mod tests;
