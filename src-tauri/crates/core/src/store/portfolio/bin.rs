//! The bin: an entry moved there keeps everything and can be put back, until the bin is
//! emptied for good.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::exists;
use crate::store::{timestamp, Result, Store};

impl Store {
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
}
