//! Schema 3's hook, frozen: fill the new lesson search index from the lessons installed.
//! A copy of the indexing (and of the Markdown-to-text it used) as it was when schema 3
//! shipped, so this upgrade never changes with the live search code.

use pulldown_cmark::{Event, Options, Parser, TagEnd};
use rusqlite::{params, Transaction};
use rusqlite_migration::HookResult;

/// The characters the search snippets mark matches with, kept out of the indexed text.
const MATCH_START: char = '\u{2}';
const MATCH_END: char = '\u{3}';

pub(super) fn index_installed_lessons(tx: &Transaction<'_>) -> HookResult {
    let packs: Vec<String> = tx
        .prepare("SELECT id FROM packs")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut lessons =
        tx.prepare("SELECT id, title, body_md FROM lessons WHERE pack_id = ?1 AND archived = 0")?;
    let mut insert = tx.prepare(
        "INSERT INTO lesson_search (pack_id, lesson_id, title, body) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for pack in packs {
        tx.execute("DELETE FROM lesson_search WHERE pack_id = ?1", [&pack])?;
        let rows: Vec<(String, String, String)> = lessons
            .query_map([&pack], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, title, body) in rows {
            let text: String = plain_text(&body)
                .chars()
                .filter(|c| *c != MATCH_START && *c != MATCH_END)
                .collect();
            insert.execute(params![pack, id, title, text])?;
        }
    }
    Ok(())
}

/// Markdown as plain text, one line per block, as the search index held it in schema 3.
pub(super) fn plain_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
        | Options::ENABLE_FOOTNOTES;
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => text.push('\n'),
            Event::End(TagEnd::TableCell) => text.push_str(" · "),
            _ => {}
        }
    }
    text
}
