//! Finding entries by their words, quickly at any size. One FTS5 query asks for the words and
//! the filters' facets together (`facets.rs`), reads the matches newest first and stops once
//! it has enough, so a word in every entry costs the same as a word in a hundred, and a
//! filter costs no more than its words. The filters are confirmed on each match from a narrow
//! index. "Best first" orders the newest `RANKED` matches: the words in the title first, then
//! in the tags, then the newest date. Date orders walk the months (and, in a busy month, the
//! days) through the date facets. The total is exact up to `RANKED` and estimated above it.
//!
//! No BM25: FTS5's `bm25()` counts every entry holding each word before it scores the first
//! one (3 ms for a common word at 100,000 entries, whatever the page), and a portfolio's
//! owner looks for their entries by what they called them.

use std::collections::HashSet;

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection};

use super::facets::{facet_expression, month_word};
use super::query::Filters;
use crate::portfolio::{EntryQuery, EntrySort};
use crate::store::Result;

/// How many of the newest matches are ordered for "best match first", and the largest total
/// counted exactly; beyond it the learner sees "about N" and, after the ordered ones, the
/// rest newest added first.
pub(crate) const RANKED: usize = 500;
/// A month with more matches than this is read a day at a time for a date order.
const BUSY_MONTH: u32 = 64;

/// Entries a search chose for one page, and how many match in all.
pub(super) struct Found {
    pub ids: Vec<i64>,
    pub total: u32,
    pub estimated: bool,
}

/// A search as FTS5 expressions: the words (kept to the columns the learner wrote) and the
/// filters' facets.
struct Matching {
    words: String,
    facets: Option<String>,
}

impl Matching {
    fn all(&self) -> String {
        match &self.facets {
            Some(facets) => format!("{{title body tags}}: ({}) AND {facets}", self.words),
            None => format!("{{title body tags}}: ({})", self.words),
        }
    }

    fn in_column(&self, column: &str) -> String {
        format!("{{{column}}}: ({})", self.words)
    }

    fn with_facet(&self, facet: &str) -> String {
        format!("{} AND {{facets}}: \"{facet}\"", self.all())
    }
}

/// The entries on the page `offset..offset + limit` of the matches of `words` (an FTS5
/// expression from `typed.rs`) that pass the query's filters, in its order.
pub(super) fn find_by_words(
    conn: &Connection,
    words: &str,
    query: &EntryQuery,
    filters: &Filters,
    offset: usize,
    limit: usize,
) -> Result<Found> {
    let dates = if query.from.is_some() || query.to.is_some() {
        date_bounds(conn, query.in_bin)?
    } else {
        None
    };
    let matching = Matching {
        words: words.to_owned(),
        facets: facet_expression(query, dates),
    };
    let wanted = RANKED.max(offset + limit);
    let window = newest(conn, &matching.all(), filters, Some(wanted + 1))?;
    let all_found = window.len() <= wanted;
    let (total, estimated) = if window.len() <= RANKED {
        (count(window.len()), false)
    } else {
        (estimate(conn, &matching, query.in_bin, &window)?, true)
    };
    let ids = match query.sort {
        EntrySort::Relevance => {
            let mut ordered = best_first(conn, &matching, &window[..window.len().min(RANKED)])?;
            ordered.extend(
                window
                    .iter()
                    .skip(RANKED)
                    .take(wanted - RANKED.min(wanted))
                    .map(|(id, _)| *id),
            );
            ordered.into_iter().skip(offset).take(limit).collect()
        }
        sort if all_found => {
            let ids: Vec<i64> = window.iter().map(|(id, _)| *id).collect();
            in_order(conn, &ids, sort, offset, limit)?
        }
        EntrySort::Newest | EntrySort::Oldest => by_date(
            conn,
            &matching,
            filters,
            query.in_bin,
            query.sort == EntrySort::Newest,
            offset,
            limit,
        )?,
        EntrySort::Title => {
            let every: Vec<i64> = newest(conn, &matching.all(), filters, None)?
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            in_order(conn, &every, EntrySort::Title, offset, limit)?
        }
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

/// Matches of `fts` that pass the filters, newest added first, with their entry dates: at
/// most `limit`, or all of them. The word index leads (CROSS JOIN keeps it so: led by the
/// entries, SQLite would run the match again for each) and each match is confirmed against
/// the filters through the narrow index keyed by id, never the entry's wide row.
fn newest(
    conn: &Connection,
    fts: &str,
    filters: &Filters,
    limit: Option<usize>,
) -> Result<Vec<(i64, String)>> {
    let mut args: Vec<Value> = vec![Value::Text(fts.to_owned())];
    args.extend(filters.confirm_args.iter().cloned());
    let limit_sql = match limit {
        Some(n) => {
            args.push(Value::Integer(i64::try_from(n).unwrap_or(i64::MAX)));
            " LIMIT ?"
        }
        None => "",
    };
    let mut statement = conn.prepare_cached(&format!(
        "SELECT s.rowid, e.entry_date FROM entry_search s
           CROSS JOIN entries e INDEXED BY entries_search_facts ON e.id = s.rowid
         WHERE entry_search MATCH ? AND {}
         ORDER BY s.rowid DESC{limit_sql}",
        filters.confirm_sql
    ))?;
    let rows = statement
        .query_map(params_from_iter(args.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The ids of `window` best first: all the words in the title, then all in the tags, then
/// the newest entry date, then the newest added.
fn best_first(
    conn: &Connection,
    matching: &Matching,
    window: &[(i64, String)],
) -> Result<Vec<i64>> {
    let Some(oldest) = window.iter().map(|(id, _)| *id).min() else {
        return Ok(Vec::new());
    };
    let in_title = matches_since(conn, &matching.in_column("title"), oldest)?;
    let in_tags = matches_since(conn, &matching.in_column("tags"), oldest)?;
    let mut ordered: Vec<&(i64, String)> = window.iter().collect();
    ordered.sort_by(|(a, a_date), (b, b_date)| {
        let key = |id: &i64| (in_title.contains(id), in_tags.contains(id));
        key(b)
            .cmp(&key(a))
            .then_with(|| b_date.cmp(a_date))
            .then_with(|| b.cmp(a))
    });
    Ok(ordered.into_iter().map(|(id, _)| *id).collect())
}

/// The entries matching `fts` added since `oldest` (the word index skips older ones).
fn matches_since(conn: &Connection, fts: &str, oldest: i64) -> Result<HashSet<i64>> {
    let mut statement = conn.prepare_cached(
        "SELECT rowid FROM entry_search WHERE entry_search MATCH ?1 AND rowid >= ?2",
    )?;
    let ids = statement
        .query_map(params![fts, oldest], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// How many entries FTS5 finds for `fts`, added since `oldest` if given: the word lists
/// alone, no rows read.
fn index_count(conn: &Connection, fts: &str, oldest: Option<i64>) -> Result<f64> {
    let mut statement = conn.prepare_cached(
        "SELECT count(*) FROM entry_search WHERE entry_search MATCH ?1 AND rowid >= ?2",
    )?;
    Ok(statement.query_row(params![fts, oldest.unwrap_or(i64::MIN)], |r| r.get(0))?)
}

/// The total when more than `RANKED` match: the newest `RANKED` matches were found among the
/// entries (that the filters allow) added since the oldest of them, so the same share of all
/// such entries is taken to match. Rounded to two significant figures: it is shown as "about".
fn estimate(
    conn: &Connection,
    matching: &Matching,
    in_bin: bool,
    window: &[(i64, String)],
) -> Result<u32> {
    let oldest = window[RANKED - 1].0;
    let (within, all) = if let Some(facets) = &matching.facets {
        (
            index_count(conn, facets, Some(oldest))?,
            index_count(conn, facets, None)?,
        )
    } else {
        let bin = if in_bin { "IS NOT NULL" } else { "IS NULL" };
        conn.query_row(
            &format!(
                "SELECT (SELECT count(*) FROM entries INDEXED BY entries_search_facts
                          WHERE id >= ?1 AND deleted_at {bin}),
                        (SELECT max(id) FROM entries) - (SELECT min(id) FROM entries) + 1"
            ),
            [oldest],
            |r| Ok((r.get::<_, f64>(0)?, r.get::<_, f64>(1)?)),
        )?
    };
    let share = RANKED as f64 / within.max(1.0);
    let guess = (share * all).max(window.len() as f64);
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

/// The first and last entry dates, in the bin or out of it.
fn date_bounds(conn: &Connection, in_bin: bool) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let bin = if in_bin { "IS NOT NULL" } else { "IS NULL" };
    let (first, last): (Option<String>, Option<String>) = conn.query_row(
        &format!(
            "SELECT (SELECT min(entry_date) FROM entries INDEXED BY entries_by_date
                      WHERE deleted_at {bin}),
                    (SELECT max(entry_date) FROM entries INDEXED BY entries_by_date
                      WHERE deleted_at {bin})"
        ),
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let parse = |d: Option<String>| d.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    Ok(parse(first).zip(parse(last)))
}

/// A page of the matches in date order when there are too many to sort: the months from the
/// newest (or oldest) on, each counted from the word index first so empty months cost
/// nothing; a quiet month read whole and sorted, a busy one a day at a time.
fn by_date(
    conn: &Connection,
    matching: &Matching,
    filters: &Filters,
    in_bin: bool,
    newest_first: bool,
    offset: usize,
    limit: usize,
) -> Result<Vec<i64>> {
    let Some((first, last)) = date_bounds(conn, in_bin)? else {
        return Ok(Vec::new());
    };
    let order = if newest_first { "DESC" } else { "ASC" };
    let mut page = Vec::new();
    let mut skip = offset;
    let mut month = if newest_first {
        month_of(last)
    } else {
        month_of(first)
    };
    while month >= month_of(first) && month <= last && page.len() < limit {
        let in_month = matching.with_facet(&month_word(month));
        let rough = index_count(conn, &in_month, None)?;
        if rough > 0.0 {
            let exact = if skip > 0 {
                confirmed_count(conn, &in_month, filters)?
            } else {
                usize::MAX
            };
            if skip > 0 && exact <= skip {
                skip -= exact;
            } else if rough <= f64::from(BUSY_MONTH) {
                let ids = in_date_order(conn, &in_month, filters, order)?;
                take_page(ids, &mut skip, &mut page, limit);
            } else {
                for day in days_of(month, newest_first) {
                    let on_day = matching.with_facet(&format!("d{}", day.format("%Y%m%d")));
                    let ids = in_date_order(conn, &on_day, filters, order)?;
                    take_page(ids, &mut skip, &mut page, limit);
                    if page.len() >= limit {
                        break;
                    }
                }
            }
        }
        let next = if newest_first {
            month.checked_sub_months(Months::new(1))
        } else {
            month.checked_add_months(Months::new(1))
        };
        match next {
            Some(next) => month = next,
            None => break,
        }
    }
    Ok(page)
}

fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn days_of(month: NaiveDate, newest_first: bool) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = month
        .iter_days()
        .take_while(|d| d.month() == month.month())
        .collect();
    if newest_first {
        days.reverse();
    }
    days
}

fn take_page(ids: Vec<i64>, skip: &mut usize, page: &mut Vec<i64>, limit: usize) {
    for id in ids {
        if *skip > 0 {
            *skip -= 1;
        } else if page.len() < limit {
            page.push(id);
        }
    }
}

/// The matches of `fts` that pass the filters, counted exactly.
fn confirmed_count(conn: &Connection, fts: &str, filters: &Filters) -> Result<usize> {
    let mut args: Vec<Value> = vec![Value::Text(fts.to_owned())];
    args.extend(filters.confirm_args.iter().cloned());
    let mut statement = conn.prepare_cached(&format!(
        "SELECT count(*) FROM entry_search s
           CROSS JOIN entries e INDEXED BY entries_search_facts ON e.id = s.rowid
         WHERE entry_search MATCH ? AND {}",
        filters.confirm_sql
    ))?;
    let n: i64 = statement.query_row(params_from_iter(args.iter()), |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The matches of `fts` that pass the filters, by date then as added, `order` being ASC or
/// DESC.
fn in_date_order(conn: &Connection, fts: &str, filters: &Filters, order: &str) -> Result<Vec<i64>> {
    let mut args: Vec<Value> = vec![Value::Text(fts.to_owned())];
    args.extend(filters.confirm_args.iter().cloned());
    let mut statement = conn.prepare_cached(&format!(
        "SELECT s.rowid FROM entry_search s
           CROSS JOIN entries e INDEXED BY entries_search_facts ON e.id = s.rowid
         WHERE entry_search MATCH ? AND {}
         ORDER BY e.entry_date {order}, s.rowid {order}",
        filters.confirm_sql
    ))?;
    let ids = statement
        .query_map(params_from_iter(args.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
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
