//! Schema 4's hook, frozen: study already logged as CPD becomes portfolio entries, dated and
//! timed as logged. A copy of how an entry was saved when schema 4 shipped (the row, its tag,
//! lesson links, search text and first version), so this upgrade never changes with the live
//! portfolio code.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, Transaction};
use rusqlite_migration::{HookError, HookResult};
use serde::{Deserialize, Serialize};

use super::v3_lesson_search::plain_text;

/// The limits an entry had in schema 4.
const MAX_TITLE_CHARS: usize = 200;
const MAX_CPD_MINUTES: u32 = 24 * 60;
const TAG: &str = "study";

pub(super) fn study_cpd_into_portfolio(tx: &Transaction<'_>) -> HookResult {
    let records: Vec<(i64, String)> = tx
        .prepare("SELECT id, created_at FROM cpd_records ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, created_at) in records {
        let when = DateTime::parse_from_rfc3339(&created_at)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        entry_from_study(tx, id, when)?;
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Studied {
    pack_id: String,
    lesson_id: String,
    title: String,
}

/// An entry's first version as schema 4 stored it: the fields in this order, as JSON.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Snapshot<'a> {
    kind: &'a str,
    title: &'a str,
    date: &'a str,
    body: &'a str,
    reflection: Option<()>,
    tags: [&'a str; 1],
    cpd: Cpd,
    shadowing: Option<()>,
    feedback_source: Option<()>,
    behaviours: [(); 0],
    lessons: Vec<Lesson<'a>>,
    attachments: [i64; 0],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Cpd {
    clinical_minutes: u32,
    management_minutes: u32,
    participatory: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Lesson<'a> {
    pack_id: &'a str,
    lesson_id: &'a str,
}

fn entry_from_study(tx: &Transaction<'_>, record_id: i64, now: DateTime<Utc>) -> HookResult {
    let refused = |why: String| {
        HookError::Hook(format!(
            "CPD record {record_id} could not become an entry: {why}"
        ))
    };
    let (title, date, minutes, details): (String, String, u32, String) = tx.query_row(
        "SELECT title, activity_date, minutes, details_json FROM cpd_records WHERE id = ?1",
        [record_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let studied: Vec<Studied> = serde_json::from_str(&details).unwrap_or_default();
    // A day of many lessons makes a record title longer than an entry's may be.
    let title = if title.chars().count() > MAX_TITLE_CHARS {
        let mut short: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
        short.push('…');
        short
    } else {
        title
    };
    let title = title.trim();
    if title.is_empty() {
        return Err(refused("Title: give the entry a title".into()));
    }
    if NaiveDate::parse_from_str(&date, "%Y-%m-%d").is_err() {
        return Err(refused(format!("Date: `{date}` is not a real date")));
    }
    let body = std::iter::once("Study on the Ward to Board learning path:".to_owned())
        .chain(studied.iter().map(|s| format!("- {}", s.title)))
        .collect::<Vec<_>>()
        .join("\n");
    let minutes = minutes.min(MAX_CPD_MINUTES);
    let saved_at = now.to_rfc3339_opts(SecondsFormat::Millis, true);
    tx.execute(
        "INSERT INTO entries (uid, kind, title, entry_date, created_at, updated_at)
         VALUES (lower(hex(randomblob(16))), 'cpd', ?1, ?2, ?3, ?3)",
        params![title, date, saved_at],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "UPDATE entries SET body_md = ?2, template = NULL, clinical_minutes = 0,
                management_minutes = ?3, participatory = 0, feedback_source = NULL,
                details_json = ?4, version = 1, updated_at = ?5, cpd_record_id = ?6
         WHERE id = ?1",
        params![
            id,
            body,
            minutes,
            r#"{"reflection":null,"shadowing":null}"#,
            saved_at,
            record_id
        ],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO entry_tags (entry_id, tag) VALUES (?1, ?2)",
        params![id, TAG],
    )?;
    let mut lessons = Vec::new();
    for s in &studied {
        tx.execute(
            "INSERT OR IGNORE INTO entry_lessons (entry_id, pack_id, lesson_id) VALUES (?1, ?2, ?3)",
            params![id, s.pack_id, s.lesson_id],
        )?;
        lessons.push(Lesson {
            pack_id: &s.pack_id,
            lesson_id: &s.lesson_id,
        });
    }
    let search: String = plain_text(&body)
        .chars()
        .filter(|c| *c != '\u{2}' && *c != '\u{3}')
        .collect();
    tx.execute(
        "INSERT INTO entry_search (rowid, title, body, tags) VALUES (?1, ?2, ?3, ?4)",
        params![id, title, search, TAG],
    )?;
    let snapshot = Snapshot {
        kind: "cpd",
        title,
        date: &date,
        body: &body,
        reflection: None,
        tags: [TAG],
        cpd: Cpd {
            clinical_minutes: 0,
            management_minutes: minutes,
            participatory: false,
        },
        shadowing: None,
        feedback_source: None,
        behaviours: [],
        lessons,
        attachments: [],
    };
    let json = serde_json::to_string(&snapshot).map_err(|e| refused(e.to_string()))?;
    tx.execute(
        "INSERT INTO entry_versions (entry_id, version, saved_at, change, restored_from, snapshot_json)
         VALUES (?1, 1, ?2, 'created', NULL, ?3)",
        params![id, saved_at, json],
    )?;
    Ok(())
}
