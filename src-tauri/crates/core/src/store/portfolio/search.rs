//! Finding entries by their words, quickly at any size: the matches are read newest first
//! from the word index and stop once enough are found, so a word in every entry costs the
//! same as a word in a hundred. The best matches are chosen from the newest `RANKED`
//! matches; the total is counted exactly up to `RANKED` and estimated above it.

use std::collections::HashSet;

use rusqlite::{params, params_from_iter, Connection};

use super::query::Filters;
use crate::portfolio::EntrySort;
use crate::store::Result;

/// How many of the newest matches are ranked for "best match first", and the largest total
/// counted exactly. Ranking costs about a microsecond a match; beyond this many the learner
/// sees "about N" and the rest, after the ranked ones, newest added first.
pub(crate) const RANKED: usize = 1_000;

/// Entries a search chose for one page, and how many match in all.
pub(super) struct Found {
    pub ids: Vec<i64>,
    pub total: u32,
    pub estimated: bool,
}

/// Turns what the learner typed into an FTS5 query that cannot be malformed: every word is
/// quoted (so `AND`, `NEAR`, quotes and stars are only text) and must appear. Words the
/// learner has finished are whole words; the last one, still being typed, matches as the
/// start of a word unless a space follows it. A finished word read as a prefix would make
/// SQLite gather every entry holding any word that starts with it before answering, which
/// costs milliseconds per common word in a large portfolio; a prefix of up to four letters is
/// answered from the index's stored prefixes.
pub(super) fn typed_query(input: &str) -> Option<String> {
    let words: Vec<&str> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    let still_typing = input.chars().last().is_some_and(char::is_alphanumeric);
    let last = words.len().checked_sub(1)?;
    let terms: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == last && still_typing {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect();
    Some(terms.join(" "))
}

/// The entries on the page `offset..offset + limit` of the matches of `fts` that pass
/// `filters`, in `sort` order.
pub(super) fn find_by_words(
    conn: &Connection,
    fts: &str,
    filters: &Filters,
    sort: EntrySort,
    offset: usize,
    limit: usize,
) -> Result<Found> {
    let wanted = RANKED.max(offset + limit);
    let allowed = if filters.narrowed {
        Some(allowed_ids(conn, filters)?)
    } else {
        None
    };
    let candidates = newest_matches(conn, fts, allowed.as_ref(), wanted + 1)?;
    let all_found = candidates.len() <= wanted;
    let (total, estimated) = if candidates.len() <= RANKED {
        (count(candidates.len()), false)
    } else {
        (estimate(conn, &candidates, allowed.as_ref())?, true)
    };
    let ids = if sort == EntrySort::Relevance {
        let ranked_len = candidates.len().min(RANKED);
        let mut ordered = ranked(conn, fts, &candidates[..ranked_len])?;
        ordered.extend(candidates.iter().skip(ranked_len).take(wanted - ranked_len));
        ordered.into_iter().skip(offset).take(limit).collect()
    } else if all_found {
        in_order(conn, &candidates, sort, offset, limit)?
    } else {
        // More matches than were read: gather them all, then walk the order's index.
        let every = every_match(conn, fts, allowed.as_ref())?;
        return Ok(Found {
            ids: walk_in_order(conn, filters, sort, &every, offset, limit)?,
            total: count(every.len()),
            estimated: false,
        });
    };
    Ok(Found {
        ids,
        total,
        estimated,
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The ids of entries that pass the filters other than words (at most the whole portfolio,
/// read from narrow indexes, never the entries' rows).
fn allowed_ids(conn: &Connection, filters: &Filters) -> Result<HashSet<i64>> {
    let mut statement = conn.prepare(&format!(
        "SELECT e.id FROM entries e {} WHERE {}",
        filters.index_hint(),
        filters.sql
    ))?;
    let ids = statement
        .query_map(params_from_iter(filters.args.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Up to `n` matching entries, newest added first. Without filters the word index leads and
/// the bin is left out through a narrow index (CROSS JOIN fixes that order: led by an entries
/// index, SQLite would run the match again for every entry); with filters the matches are
/// read in the same order and kept when the filters allowed them.
fn newest_matches(
    conn: &Connection,
    fts: &str,
    allowed: Option<&HashSet<i64>>,
    n: usize,
) -> Result<Vec<i64>> {
    let limit = i64::try_from(n).unwrap_or(i64::MAX);
    let Some(allowed) = allowed else {
        let mut statement = conn.prepare_cached(
            "SELECT entry_search.rowid FROM entry_search
               CROSS JOIN entries e ON e.id = entry_search.rowid
             WHERE entry_search MATCH ?1 AND e.deleted_at IS NULL
             ORDER BY entry_search.rowid DESC LIMIT ?2",
        )?;
        let ids = statement
            .query_map(params![fts, limit], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        return Ok(ids);
    };
    let mut ids = Vec::new();
    if allowed.is_empty() {
        return Ok(ids);
    }
    let mut statement = conn.prepare_cached(
        "SELECT rowid FROM entry_search WHERE entry_search MATCH ?1 ORDER BY rowid DESC",
    )?;
    let mut rows = statement.query([fts])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if allowed.contains(&id) {
            ids.push(id);
            if ids.len() >= n {
                break;
            }
        }
    }
    Ok(ids)
}

/// Every match the filters allow (without filters, every match outside the bin), for
/// orders the word index cannot give. Its size is the exact total.
fn every_match(
    conn: &Connection,
    fts: &str,
    allowed: Option<&HashSet<i64>>,
) -> Result<HashSet<i64>> {
    let binned: HashSet<i64> = if allowed.is_none() {
        conn.prepare_cached("SELECT id FROM entries WHERE deleted_at IS NOT NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    } else {
        HashSet::new()
    };
    let mut statement =
        conn.prepare_cached("SELECT rowid FROM entry_search WHERE entry_search MATCH ?1")?;
    let mut every = HashSet::new();
    let mut rows = statement.query([fts])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if allowed.map_or(!binned.contains(&id), |a| a.contains(&id)) {
            every.insert(id);
        }
    }
    Ok(every)
}

/// The total when more than `RANKED` match: the newest `RANKED` matches were found among the
/// entries added since the oldest of them, so the same share of all the entries the filters
/// allow is taken to match. Rounded to two significant figures: it is shown as "about".
fn estimate(conn: &Connection, candidates: &[i64], allowed: Option<&HashSet<i64>>) -> Result<u32> {
    let oldest = candidates[RANKED - 1];
    let (within, all) = match allowed {
        Some(allowed) => (
            allowed.iter().filter(|id| **id >= oldest).count() as f64,
            allowed.len() as f64,
        ),
        None => conn.query_row(
            "SELECT (SELECT count(*) FROM entries WHERE id >= ?1 AND deleted_at IS NULL),
                    (SELECT max(id) - min(id) + 1 FROM entries)",
            [oldest],
            |r| Ok((r.get::<_, f64>(0)?, r.get::<_, f64>(1)?)),
        )?,
    };
    let share = RANKED as f64 / within.max(1.0);
    let guess = (share * all).max(candidates.len() as f64);
    Ok(two_figures(guess))
}

/// `n` rounded to two significant figures (12,345 becomes 12,000).
pub(super) fn two_figures(n: f64) -> u32 {
    if n < 100.0 {
        return n.round() as u32;
    }
    let step = 10f64.powi(n.log10().floor() as i32 - 1);
    ((n / step).round() * step).min(f64::from(u32::MAX)) as u32
}

/// `ids` (matches of `fts`) best first: BM25 with a title worth ten times the body and tags
/// four times, then the newest entry date (read from the narrow index: through the primary
/// key it read each wide row, half the query's time). The rowid range lets the word index
/// skip older matches; `+rowid` keeps the id list a filter, so the match runs once.
fn ranked(conn: &Connection, fts: &str, ids: &[i64]) -> Result<Vec<i64>> {
    let Some(oldest) = ids.iter().min() else {
        return Ok(Vec::new());
    };
    let mut statement = conn.prepare_cached(
        "SELECT rowid FROM entry_search
         WHERE entry_search MATCH ?1 AND rowid >= ?2
           AND +rowid IN (SELECT value FROM json_each(?3))
         ORDER BY bm25(entry_search, 10.0, 1.0, 4.0),
                  (SELECT entry_date FROM entries INDEXED BY entries_search_facts
                    WHERE id = entry_search.rowid) DESC,
                  rowid DESC",
    )?;
    let list = serde_json::to_string(ids).unwrap_or_default();
    let ordered = statement
        .query_map(params![fts, oldest, list], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ordered)
}

/// A page of `ids` (every match there is) in a date or title order.
fn in_order(
    conn: &Connection,
    ids: &[i64],
    sort: EntrySort,
    offset: usize,
    limit: usize,
) -> Result<Vec<i64>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT e.id FROM entries e WHERE e.id IN (SELECT value FROM json_each(?1))
         ORDER BY {} LIMIT ?2 OFFSET ?3",
        super::query::order_by(sort)
    ))?;
    let list = serde_json::to_string(ids).unwrap_or_default();
    let page = statement
        .query_map(
            params![
                list,
                i64::try_from(limit).unwrap_or(i64::MAX),
                i64::try_from(offset).unwrap_or(i64::MAX)
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(page)
}

/// Walks the entries the filters allow in `sort` order through its index, keeping those in
/// `matches`, until the page is full.
fn walk_in_order(
    conn: &Connection,
    filters: &Filters,
    sort: EntrySort,
    matches: &HashSet<i64>,
    offset: usize,
    limit: usize,
) -> Result<Vec<i64>> {
    let mut statement = conn.prepare(&format!(
        "SELECT e.id FROM entries e WHERE {} ORDER BY {}",
        filters.sql,
        super::query::order_by(sort)
    ))?;
    let mut rows = statement.query(params_from_iter(filters.args.iter()))?;
    let mut page = Vec::new();
    let mut seen = 0;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if matches.contains(&id) {
            if seen >= offset {
                page.push(id);
                if page.len() >= limit {
                    break;
                }
            }
            seen += 1;
        }
    }
    Ok(page)
}
