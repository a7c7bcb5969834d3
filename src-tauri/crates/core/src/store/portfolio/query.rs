//! Finding entries: full-text search over everything the learner wrote, filters by kind,
//! date, behaviour and tag, four orders, and pages; plus the tags in use.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::search::find_by_words;
use super::snippet::{snippet, Term};
use super::typed::expanded_query;
use crate::portfolio::{EntryKind, EntryPage, EntryQuery, EntrySort, EntrySummary, TagCount};
use crate::store::{Result, Store, StoreError};

/// Entries per page when the query does not say.
pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 500;

/// The filters of a query other than its words, as SQL over `entries e`: `sql` to find the
/// entries that pass (a tag or behaviour as an `IN` list, so SQLite can start from the few
/// entries that have it), and `confirm_sql` to check one entry a search found (every column
/// it reads is in the narrow index `entries_search_facts`; a tag or behaviour is looked up
/// by the entry's key).
pub(super) struct Filters {
    pub sql: String,
    pub args: Vec<Value>,
    pub confirm_sql: String,
    pub confirm_args: Vec<Value>,
}

impl Filters {
    fn of(query: &EntryQuery) -> Self {
        let mut shared = vec![if query.in_bin {
            "e.deleted_at IS NOT NULL".to_owned()
        } else {
            "e.deleted_at IS NULL".to_owned()
        }];
        let mut args: Vec<Value> = Vec::new();
        if !query.kinds.is_empty() {
            let marks = vec!["?"; query.kinds.len()].join(", ");
            shared.push(format!("e.kind IN ({marks})"));
            args.extend(query.kinds.iter().map(|k| Value::Text(k.as_str().into())));
        }
        if let Some(from) = &query.from {
            shared.push("e.entry_date >= ?".into());
            args.push(Value::Text(from.clone()));
        }
        if let Some(to) = &query.to {
            shared.push("e.entry_date <= ?".into());
            args.push(Value::Text(to.clone()));
        }
        let (mut listed, mut confirmed) = (shared.clone(), shared);
        let mut by_key = Vec::new();
        if let Some(b) = query.behaviour.as_ref().filter(|b| !b.is_empty()) {
            listed.push(
                "e.id IN (SELECT eb.entry_id FROM entry_behaviours eb WHERE eb.behaviour_id = ?)"
                    .into(),
            );
            confirmed.push(
                "EXISTS (SELECT 1 FROM entry_behaviours eb
                          WHERE eb.entry_id = e.id AND eb.behaviour_id = ?)"
                    .into(),
            );
            by_key.push(Value::Text(b.clone()));
        }
        if let Some(tag) = query.tag.as_ref().filter(|t| !t.is_empty()) {
            listed.push(
                "e.id IN (SELECT et.entry_id FROM entry_tags et WHERE et.tag = ? COLLATE NOCASE)"
                    .into(),
            );
            confirmed.push(
                "EXISTS (SELECT 1 FROM entry_tags et
                          WHERE et.entry_id = e.id AND et.tag = ? COLLATE NOCASE)"
                    .into(),
            );
            by_key.push(Value::Text(tag.clone()));
        }
        args.extend(by_key);
        Filters {
            sql: listed.join(" AND "),
            confirm_sql: confirmed.join(" AND "),
            confirm_args: args.clone(),
            args,
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
        let Some(searched) = expanded_query(&conn, &query.text)? else {
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
        let found = find_by_words(&conn, &searched.fts, query, &filters, offset, limit)?;
        Ok(EntryPage {
            entries: summaries(&conn, &found.ids, Some(&searched.terms))?,
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
fn summaries(conn: &Connection, ids: &[i64], terms: Option<&[Term]>) -> Result<Vec<EntrySummary>> {
    let mut row = conn.prepare_cached(
        "SELECT e.id, e.kind, e.title, e.entry_date,
                e.clinical_minutes + e.management_minutes,
                (SELECT count(*) FROM entry_behaviours b WHERE b.entry_id = e.id),
                (SELECT count(*) FROM attachments a WHERE a.entry_id = e.id AND a.current = 1),
                (SELECT group_concat(tag, char(31)) FROM entry_tags t WHERE t.entry_id = e.id),
                e.cpd_record_id IS NOT NULL, e.deleted_at
         FROM entries e WHERE e.id = ?1",
    )?;
    let mut indexed =
        conn.prepare_cached("SELECT title, body, tags FROM entry_search WHERE rowid = ?1")?;
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
        if let Some(terms) = terms {
            let columns: Option<[String; 3]> = indexed
                .query_row([id], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?]))
                .optional()?;
            if let Some([title, body, tags]) = columns {
                summary.snippet = snippet([title.as_str(), body.as_str(), tags.as_str()], terms);
            }
        }
        entries.push(summary);
    }
    Ok(entries)
}
