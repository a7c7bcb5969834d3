//! Finding entries: full-text search over everything the learner wrote, filters by kind,
//! date, behaviour and tag, four orders, and pages; plus the tags in use.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use super::search::{find_by_words, typed_query};
use crate::portfolio::{EntryKind, EntryPage, EntryQuery, EntrySort, EntrySummary, TagCount};
use crate::store::learning::search::snippet_parts;
use crate::store::{Result, Store, StoreError};

/// Entries per page when the query does not say.
pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 500;

/// The filters of a query other than its words, as SQL over `entries e`.
pub(super) struct Filters {
    pub sql: String,
    pub args: Vec<Value>,
    /// Whether anything beyond "outside the bin" narrows the entries.
    pub narrowed: bool,
    /// Whether a tag or behaviour filter names entries by id.
    by_id: bool,
}

impl Filters {
    fn of(query: &EntryQuery) -> Self {
        let mut filters = vec![if query.in_bin {
            "e.deleted_at IS NOT NULL".to_owned()
        } else {
            "e.deleted_at IS NULL".to_owned()
        }];
        let mut args: Vec<Value> = Vec::new();
        if !query.kinds.is_empty() {
            let marks = vec!["?"; query.kinds.len()].join(", ");
            filters.push(format!("e.kind IN ({marks})"));
            args.extend(query.kinds.iter().map(|k| Value::Text(k.as_str().into())));
        }
        if let Some(from) = &query.from {
            filters.push("e.entry_date >= ?".into());
            args.push(Value::Text(from.clone()));
        }
        if let Some(to) = &query.to {
            filters.push("e.entry_date <= ?".into());
            args.push(Value::Text(to.clone()));
        }
        let mut by_id = false;
        // As `IN` lists, so SQLite can start from the few entries with the behaviour or tag.
        if let Some(b) = query.behaviour.as_ref().filter(|b| !b.is_empty()) {
            filters.push(
                "e.id IN (SELECT eb.entry_id FROM entry_behaviours eb WHERE eb.behaviour_id = ?)"
                    .into(),
            );
            args.push(Value::Text(b.clone()));
            by_id = true;
        }
        if let Some(tag) = query.tag.as_ref().filter(|t| !t.is_empty()) {
            filters.push(
                "e.id IN (SELECT et.entry_id FROM entry_tags et WHERE et.tag = ? COLLATE NOCASE)"
                    .into(),
            );
            args.push(Value::Text(tag.clone()));
            by_id = true;
        }
        Filters {
            narrowed: filters.len() > 1 || query.in_bin,
            sql: filters.join(" AND "),
            args,
            by_id,
        }
    }

    /// Entries named by id are checked through the narrow index keyed by id, never their
    /// wide rows (SQLite would otherwise look each up by its primary key).
    pub fn index_hint(&self) -> &'static str {
        if self.by_id {
            "INDEXED BY entries_search_facts"
        } else {
            ""
        }
    }
}

/// SQL ordering entries `e` for a date or title order (relevance without words is newest).
pub(super) fn order_by(sort: EntrySort) -> &'static str {
    match sort {
        EntrySort::Oldest => "e.entry_date ASC, e.id ASC",
        EntrySort::Title => "e.title COLLATE NOCASE ASC, e.entry_date DESC",
        EntrySort::Newest | EntrySort::Relevance => "e.entry_date DESC, e.id DESC",
    }
}

impl Store {
    pub fn find_entries(&self, query: &EntryQuery) -> Result<EntryPage> {
        for date in [&query.from, &query.to].into_iter().flatten() {
            if chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
                return Err(StoreError::Invalid(format!(
                    "`{date}` is not a date written as YYYY-MM-DD"
                )));
            }
        }
        let filters = Filters::of(query);
        let limit = match query.limit {
            0 => DEFAULT_PAGE,
            n => n.min(MAX_PAGE),
        } as usize;
        let offset = query.offset as usize;
        let conn = self.reader();
        let Some(fts) = typed_query(&query.text) else {
            let total: u32 = conn.query_row(
                &format!("SELECT count(*) FROM entries e WHERE {}", filters.sql),
                params_from_iter(filters.args.iter()),
                |r| r.get(0),
            )?;
            let mut statement = conn.prepare(&format!(
                "SELECT e.id FROM entries e WHERE {} ORDER BY {} LIMIT {limit} OFFSET {offset}",
                filters.sql,
                order_by(query.sort)
            ))?;
            let ids: Vec<i64> = statement
                .query_map(params_from_iter(filters.args.iter()), |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            return Ok(EntryPage {
                entries: summaries(&conn, &ids, None)?,
                total,
                total_estimated: false,
            });
        };
        let found = find_by_words(&conn, &fts, &filters, query.sort, offset, limit)?;
        Ok(EntryPage {
            entries: summaries(&conn, &found.ids, Some(&fts))?,
            total: found.total,
            total_estimated: found.estimated,
        })
    }

    /// Tags on entries outside the bin, most used first.
    pub fn entry_tags(&self) -> Result<Vec<TagCount>> {
        let conn = self.reader();
        let mut statement = conn.prepare(
            "SELECT t.tag, count(*) FROM entry_tags t JOIN entries e ON e.id = t.entry_id
             WHERE e.deleted_at IS NULL GROUP BY t.tag COLLATE NOCASE
             ORDER BY count(*) DESC, t.tag COLLATE NOCASE",
        )?;
        let tags = statement
            .query_map([], |r| {
                Ok(TagCount {
                    tag: r.get(0)?,
                    entries: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(tags)
    }

    /// How many entries are in the bin, for its link.
    pub fn bin_count(&self) -> Result<u32> {
        Ok(self
            .reader()
            .query_row(
                "SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0))
    }
}

/// The list rows for `ids`, in that order; with words, each with where they matched.
fn summaries(conn: &Connection, ids: &[i64], fts: Option<&str>) -> Result<Vec<EntrySummary>> {
    let mut row = conn.prepare_cached(
        "SELECT e.id, e.kind, e.title, e.entry_date,
                e.clinical_minutes + e.management_minutes,
                (SELECT count(*) FROM entry_behaviours b WHERE b.entry_id = e.id),
                (SELECT count(*) FROM attachments a WHERE a.entry_id = e.id AND a.current = 1),
                (SELECT group_concat(tag, char(31)) FROM entry_tags t WHERE t.entry_id = e.id),
                e.cpd_record_id IS NOT NULL, e.deleted_at
         FROM entries e WHERE e.id = ?1",
    )?;
    let mut snippet = conn.prepare_cached(
        "SELECT snippet(entry_search, -1, char(2), char(3), '…', 14) FROM entry_search
         WHERE entry_search MATCH ?1 AND rowid = ?2",
    )?;
    let mut entries = Vec::with_capacity(ids.len());
    for id in ids {
        let mut summary = row.query_row([id], |r| {
            let kind: String = r.get(1)?;
            let kind = EntryKind::parse(&kind).unwrap_or(EntryKind::Reflection);
            let tags: Option<String> = r.get(7)?;
            Ok(EntrySummary {
                id: r.get(0)?,
                kind,
                kind_label: kind.label().into(),
                title: r.get(2)?,
                date: r.get(3)?,
                cpd_minutes: r.get(4)?,
                behaviours: r.get(5)?,
                attachments: r.get(6)?,
                tags: tags
                    .map(|t| t.split('\u{1f}').map(str::to_owned).collect())
                    .unwrap_or_default(),
                from_study: r.get(8)?,
                deleted_at: r.get(9)?,
                snippet: Vec::new(),
            })
        })?;
        if let Some(fts) = fts {
            let text: Option<String> = snippet
                .query_row(params![fts, id], |r| r.get(0))
                .optional()?;
            summary.snippet = snippet_parts(&text.unwrap_or_default());
        }
        entries.push(summary);
    }
    Ok(entries)
}
