//! Work in progress from the entry editor, kept in the database as the learner types, so a
//! crash, a kill or leaving the page mid-entry loses nothing. The editor owns the draft's
//! shape; the store only keeps it whole, one per entry (or one for a new entry).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::store::{timestamp, Result, Store, StoreError};

/// Larger than any entry can be (text, tags and ratings), so a real draft always fits.
pub const MAX_DRAFT_BYTES: usize = 2 * 1024 * 1024;

fn key(entry: Option<i64>) -> String {
    match entry {
        Some(id) => format!("editor-draft:{id}"),
        None => "editor-draft:new".into(),
    }
}

/// A kept draft: the editor's JSON and when it was kept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EditorDraft {
    pub json: String,
    pub saved_at: String,
}

impl Store {
    pub fn keep_editor_draft(
        &self,
        entry: Option<i64>,
        json: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if json.len() > MAX_DRAFT_BYTES {
            return Err(StoreError::Invalid(format!(
                "the unsaved entry is over {} MB and cannot be kept; save it or shorten it",
                MAX_DRAFT_BYTES / 1024 / 1024
            )));
        }
        if serde_json::from_str::<serde_json::Value>(json).is_err() {
            return Err(StoreError::Invalid(
                "the editor sent a draft that is not JSON".into(),
            ));
        }
        let value = serde_json::json!({ "json": json, "savedAt": timestamp(now) }).to_string();
        self.writer().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key(entry), value],
        )?;
        Ok(())
    }

    pub fn editor_draft(&self, entry: Option<i64>) -> Result<Option<EditorDraft>> {
        let value: Option<String> = self
            .reader()
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [key(entry)],
                |r| r.get(0),
            )
            .optional()?;
        Ok(value.and_then(|v| {
            let v: serde_json::Value = serde_json::from_str(&v).ok()?;
            Some(EditorDraft {
                json: v.get("json")?.as_str()?.to_owned(),
                saved_at: v.get("savedAt")?.as_str()?.to_owned(),
            })
        }))
    }

    pub fn discard_editor_draft(&self, entry: Option<i64>) -> Result<()> {
        self.writer()
            .execute("DELETE FROM settings WHERE key = ?1", [key(entry)])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed "now": tests never read the system clock.
    fn now() -> DateTime<Utc> {
        chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 4, 21, 30, 0)
            .single()
            .unwrap_or_else(|| panic!("a real time"))
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = Store::open(dir.path(), now()).unwrap_or_else(|e| panic!("{e}"));
        (dir, store)
    }

    #[test]
    fn a_draft_is_kept_per_entry_until_discarded() {
        let (_dir, store) = store();
        let now = now();
        store
            .keep_editor_draft(None, r#"{"title":"new one"}"#, now)
            .unwrap_or_else(|e| panic!("{e}"));
        store
            .keep_editor_draft(Some(7), r#"{"title":"edit of 7"}"#, now)
            .unwrap_or_else(|e| panic!("{e}"));
        let kept = store.editor_draft(None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            kept.map(|d| d.json),
            Some(r#"{"title":"new one"}"#.into()),
            "the new entry's draft comes back whole"
        );
        store
            .discard_editor_draft(None)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            store.editor_draft(None).unwrap_or_else(|e| panic!("{e}")),
            None,
            "a discarded draft is gone"
        );
        assert!(
            store
                .editor_draft(Some(7))
                .unwrap_or_else(|e| panic!("{e}"))
                .is_some(),
            "another entry's draft is untouched"
        );
    }

    #[test]
    fn a_draft_that_is_not_json_or_too_big_is_refused_and_the_old_one_kept() {
        let (_dir, store) = store();
        let now = now();
        store
            .keep_editor_draft(None, r#"{"title":"good"}"#, now)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            store.keep_editor_draft(None, "{not json", now).is_err(),
            "malformed JSON is refused"
        );
        let big = format!("\"{}\"", "x".repeat(MAX_DRAFT_BYTES));
        assert!(
            store.keep_editor_draft(None, &big, now).is_err(),
            "an absurd draft is refused"
        );
        let kept = store
            .editor_draft(None)
            .unwrap_or_else(|e| panic!("{e}"))
            .map(|d| d.json);
        assert_eq!(
            kept,
            Some(r#"{"title":"good"}"#.into()),
            "the last good draft survives a refused one"
        );
    }
}
