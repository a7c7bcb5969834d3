//! Finding entries: full-text search over everything the learner wrote, filters by kind,
//! date, behaviour and tag, four orders, and pages; plus the tags in use.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension};

use crate::portfolio::{EntryKind, EntryPage, EntryQuery, EntrySort, EntrySummary, TagCount};
use crate::store::learning::search::{fts_query, snippet_parts};
use crate::store::{Result, Store, StoreError};

/// Entries per page when the query does not say.
pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 500;

impl Store {
    pub fn find_entries(&self, query: &EntryQuery) -> Result<EntryPage> {
        for date in [&query.from, &query.to].into_iter().flatten() {
            if chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
                return Err(StoreError::Invalid(format!(
                    "`{date}` is not a date written as YYYY-MM-DD"
                )));
            }
        }
        let fts = fts_query(&query.text);
        let mut filters = vec![if query.in_bin {
            "e.deleted_at IS NOT NULL".to_owned()
        } else {
            "e.deleted_at IS NULL".to_owned()
        }];
        let mut args: Vec<Value> = Vec::new();
        if let Some(fts) = &fts {
            filters.push("entry_search MATCH ?".into());
            args.push(Value::Text(fts.clone()));
        }
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
        if let Some(b) = query.behaviour.as_ref().filter(|b| !b.is_empty()) {
            filters.push(
                "EXISTS (SELECT 1 FROM entry_behaviours eb WHERE eb.entry_id = e.id AND eb.behaviour_id = ?)".into(),
            );
            args.push(Value::Text(b.clone()));
        }
        if let Some(tag) = query.tag.as_ref().filter(|t| !t.is_empty()) {
            filters.push(
                "EXISTS (SELECT 1 FROM entry_tags et WHERE et.entry_id = e.id AND et.tag = ? COLLATE NOCASE)".into(),
            );
            args.push(Value::Text(tag.clone()));
        }
        // With words, the word index leads (CROSS JOIN fixes the order): led by a date or
        // kind index instead, SQLite runs the whole match again for every entry in range,
        // which took seconds on a large portfolio.
        let from = if fts.is_some() {
            "entry_search CROSS JOIN entries e ON e.id = entry_search.rowid"
        } else {
            "entries e"
        };
        let filter = filters.join(" AND ");
        let order = match (query.sort, fts.is_some()) {
            (EntrySort::Oldest, _) => "e.entry_date ASC, e.id ASC",
            (EntrySort::Title, _) => "e.title COLLATE NOCASE ASC, e.entry_date DESC",
            (EntrySort::Relevance, true) => "bm25(entry_search, 10.0, 1.0, 4.0), e.entry_date DESC",
            _ => "e.entry_date DESC, e.id DESC",
        };
        let snippet = if fts.is_some() {
            "snippet(entry_search, -1, char(2), char(3), '…', 14)"
        } else {
            "''"
        };
        let limit = match query.limit {
            0 => DEFAULT_PAGE,
            n => n.min(MAX_PAGE),
        };
        let conn = self.reader();
        let total: u32 = conn.query_row(
            &format!("SELECT count(*) FROM {from} WHERE {filter}"),
            params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let sql = format!(
            "SELECT e.id, e.kind, e.title, e.entry_date,
                    e.clinical_minutes + e.management_minutes,
                    (SELECT count(*) FROM entry_behaviours b WHERE b.entry_id = e.id),
                    (SELECT count(*) FROM attachments a WHERE a.entry_id = e.id AND a.current = 1),
                    (SELECT group_concat(tag, char(31)) FROM entry_tags t WHERE t.entry_id = e.id),
                    e.cpd_record_id IS NOT NULL, e.deleted_at, {snippet}
             FROM {from} WHERE {filter} ORDER BY {order} LIMIT {limit} OFFSET {}",
            query.offset
        );
        let mut statement = conn.prepare(&sql)?;
        let entries = statement
            .query_map(params_from_iter(args.iter()), |r| {
                let kind: String = r.get(1)?;
                let kind = EntryKind::parse(&kind).unwrap_or(EntryKind::Reflection);
                let tags: Option<String> = r.get(7)?;
                let snippet: String = r.get(10)?;
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
                    snippet: snippet_parts(&snippet),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(EntryPage { entries, total })
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
