//! Keeping the search index up to date when an entry is saved: its words and facets (kind,
//! tags, behaviours, dates: see migration 0010 and `facets.rs`) in `entry_search`, and any word
//! the index has not held before in `search_terms`, the list a long word being typed is
//! looked up in (see `search.rs`).

use rusqlite::{params, Connection};

use crate::store::Result;

/// The facets of entry `?1`, from its rows as just written: the same words migration 0010
/// wrote for every entry, and `facets.rs` asks for.
const FACETS_SQL: &str = "SELECT 'k' || lower(hex(e.kind))
        || ' y' || substr(e.entry_date, 1, 4)
        || ' m' || substr(e.entry_date, 1, 4) || substr(e.entry_date, 6, 2)
        || ' d' || replace(e.entry_date, '-', '')
        || coalesce((SELECT ' ' || group_concat('t' || lower(hex(lower(t.tag))), ' ')
                     FROM entry_tags t WHERE t.entry_id = e.id), '')
        || coalesce((SELECT ' ' || group_concat('b' || lower(hex(b.behaviour_id)), ' ')
                     FROM entry_behaviours b WHERE b.entry_id = e.id), '')
    FROM entries e WHERE e.id = ?1";

/// Indexes an entry's current words and facets in place of its previous ones, after its
/// rows, tags and behaviours are written. Part of the caller's transaction, like the rest
/// of the save.
pub(super) fn index_entry(
    tx: &Connection,
    id: i64,
    title: &str,
    text: &str,
    tags: &str,
) -> Result<()> {
    tx.execute("DELETE FROM entry_search WHERE rowid = ?1", [id])?;
    let facets: String = tx.query_row(FACETS_SQL, [id], |r| r.get(0))?;
    tx.execute(
        "INSERT INTO entry_search (rowid, title, body, tags, facets) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, title, text, tags, facets],
    )?;
    remember_words(tx, title, text, tags)
}

/// Adds the words of `title`, `text` and `tags`, folded exactly as the index folds them (the
/// scratch table has the same tokenizer), to `search_terms`. The scratch table is emptied
/// again, so it never holds more than this one entry.
fn remember_words(tx: &Connection, title: &str, text: &str, tags: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO entry_words_scratch (rowid, title, body, tags) VALUES (1, ?1, ?2, ?3)",
        params![title, text, tags],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO search_terms (term) SELECT term FROM entry_words_scratch_terms",
        [],
    )?;
    tx.execute(
        "INSERT INTO entry_words_scratch (entry_words_scratch) VALUES ('delete-all')",
        [],
    )?;
    Ok(())
}
