//! Moving the learner's links when a framework version replaces an item: the entry ratings
//! and goal links, and the current version of each entry, so the next edit keeps the move.
//! Earlier versions of an entry are history and keep the id they were saved with.

use rusqlite::{params, Transaction};

use crate::portfolio::EntrySnapshot;
use crate::store::{Result, StoreError};

/// Moves every link of `framework_id` from item `old` to item `new`. An entry or goal that
/// already links to `new` keeps both: the old rating stays on the retired item, still shown,
/// rather than one of the two being dropped.
pub(super) fn move_links(
    tx: &Transaction<'_>,
    framework_id: &str,
    old: &str,
    new: &str,
) -> Result<()> {
    let movable: Vec<(i64, u32)> = tx
        .prepare(
            "SELECT e.id, e.version FROM entries e
             JOIN entry_behaviours b ON b.entry_id = e.id
             WHERE b.framework_id = ?1 AND b.behaviour_id = ?2
               AND NOT EXISTS (SELECT 1 FROM entry_behaviours n
                               WHERE n.entry_id = e.id AND n.behaviour_id = ?3)",
        )?
        .query_map(params![framework_id, old, new], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for table in ["entry_behaviours", "goal_behaviours"] {
        tx.execute(
            &format!(
                "UPDATE OR IGNORE {table} SET behaviour_id = ?3
                 WHERE framework_id = ?1 AND behaviour_id = ?2"
            ),
            params![framework_id, old, new],
        )?;
    }
    for (entry_id, version) in movable {
        let stored: String = tx.query_row(
            "SELECT snapshot_json FROM entry_versions WHERE entry_id = ?1 AND version = ?2",
            params![entry_id, version],
            |r| r.get(0),
        )?;
        let mut snapshot: EntrySnapshot = serde_json::from_str(&stored).map_err(|e| {
            StoreError::Invalid(format!(
                "version {version} of entry {entry_id} cannot be read: {e}"
            ))
        })?;
        for rating in snapshot
            .behaviours
            .iter_mut()
            .filter(|b| b.framework_id == framework_id && b.behaviour_id == old)
        {
            new.clone_into(&mut rating.behaviour_id);
        }
        let moved = serde_json::to_string(&snapshot)
            .map_err(|e| StoreError::Invalid(format!("entry {entry_id}: {e}")))?;
        tx.execute(
            "UPDATE entry_versions SET snapshot_json = ?3 WHERE entry_id = ?1 AND version = ?2",
            params![entry_id, version, moved],
        )?;
    }
    Ok(())
}
