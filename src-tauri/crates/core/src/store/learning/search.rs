//! Full-text search across the installed lessons (SQLite FTS5). The index holds each lesson's
//! plain text and is rebuilt for a pack inside the transaction that installs it.

use rusqlite::{params, Connection};

use crate::learning::SearchHit;
use crate::markdown;
use crate::store::{Result, Store};
use crate::study::SnippetPart;

/// Marks around matched words in FTS5 snippets: control characters no lesson text contains
/// (the index is built from text the parser has read), so they can be split off safely.
const MATCH_START: char = '\u{2}';
const MATCH_END: char = '\u{3}';
/// Most results a search returns.
pub const MAX_RESULTS: u32 = 50;

/// Replaces a pack's rows in the search index with its current, unarchived lessons.
pub(in crate::store) fn reindex_pack(conn: &Connection, pack_id: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM lesson_search WHERE pack_id = ?1", [pack_id])?;
    let mut lessons =
        conn.prepare("SELECT id, title, body_md FROM lessons WHERE pack_id = ?1 AND archived = 0")?;
    let mut insert = conn.prepare(
        "INSERT INTO lesson_search (pack_id, lesson_id, title, body) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let rows = lessons.query_map([pack_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (id, title, body) = row?;
        let text: String = markdown::plain_text(&body)
            .chars()
            .filter(|c| *c != MATCH_START && *c != MATCH_END)
            .collect();
        insert.execute(params![pack_id, id, title, text])?;
    }
    Ok(())
}

/// Turns what the learner typed into an FTS5 query that cannot be malformed: each word is
/// quoted (so `AND`, `NEAR`, quotes and stars are just text) and matched as a prefix, and
/// every word must appear. `None` when there is nothing to search for.
pub(crate) fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

pub(crate) fn snippet_parts(snippet: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut highlight = false;
    let mut current = String::new();
    for c in snippet.chars() {
        if c == MATCH_START || c == MATCH_END {
            if !current.is_empty() {
                parts.push(SnippetPart {
                    text: std::mem::take(&mut current),
                    highlight,
                });
            }
            highlight = c == MATCH_START;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        parts.push(SnippetPart {
            text: current,
            highlight,
        });
    }
    parts
}

impl Store {
    /// Lessons matching every word of `query`, best first (a match in the title counts most),
    /// each with a short snippet whose matched words are marked.
    pub fn search_lessons(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let Some(fts) = fts_query(query) else {
            return Ok(vec![]);
        };
        let conn = self.reader();
        let mut statement = conn.prepare(
            "SELECT s.pack_id, s.lesson_id, l.title, m.title, p.title,
                    snippet(lesson_search, 3, char(2), char(3), '…', 16)
             FROM lesson_search s
             JOIN lessons l ON l.pack_id = s.pack_id AND l.id = s.lesson_id AND l.archived = 0
             JOIN modules m ON m.pack_id = l.pack_id AND m.id = l.module_id
             JOIN packs p ON p.id = l.pack_id
             WHERE lesson_search MATCH ?1
             ORDER BY bm25(lesson_search, 0.0, 0.0, 8.0, 1.0), p.position, m.position, l.position
             LIMIT ?2",
        )?;
        let hits = statement
            .query_map(params![fts, limit.min(MAX_RESULTS)], |r| {
                Ok(SearchHit {
                    pack_id: r.get(0)?,
                    lesson_id: r.get(1)?,
                    title: r.get(2)?,
                    module_title: r.get(3)?,
                    pack_title: r.get(4)?,
                    snippet: snippet_parts(&r.get::<_, String>(5)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_a_safe_prefix_query() {
        assert_eq!(fts_query("budget"), Some("\"budget\"*".into()));
        assert_eq!(
            fts_query("forecast OUTTURN"),
            Some("\"forecast\"* \"OUTTURN\"*".into())
        );
        // Operators, quotes, brackets and column filters are only text.
        assert_eq!(
            fts_query("\"duty\" AND (candour) NEAR title:x*"),
            Some("\"duty\"* \"AND\"* \"candour\"* \"NEAR\"* \"title\"* \"x\"*".into())
        );
        assert_eq!(fts_query("  -- ** \"\" "), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn snippets_split_into_marked_and_plain_parts() {
        let parts = snippet_parts("the \u{2}forecast\u{3} outturn is \u{2}£93,400\u{3}…");
        let shown: Vec<(&str, bool)> = parts
            .iter()
            .map(|p| (p.text.as_str(), p.highlight))
            .collect();
        assert_eq!(
            shown,
            [
                ("the ", false),
                ("forecast", true),
                (" outturn is ", false),
                ("£93,400", true),
                ("…", false)
            ]
        );
    }
}
