//! What the learner typed, as an FTS5 expression that cannot be malformed and as the words
//! to mark in the results.

use rusqlite::{params, Connection};

use super::snippet::Term;
use crate::store::Result;

/// Turns what the learner typed into an FTS5 query that cannot be malformed: every word is
/// quoted (so `AND`, `NEAR`, quotes and stars are only text) and must appear. Words the
/// learner has finished are whole words; the last one, still being typed, matches as the
/// start of a word unless a space follows it. A finished word read as a prefix would make
/// SQLite gather every entry holding any word that starts with it before answering, which
/// costs milliseconds per common word in a large portfolio; a prefix of up to four letters is
/// answered from the index's stored prefixes.
#[cfg(test)]
pub(super) fn typed_query(input: &str) -> Option<String> {
    let (words, still_typing) = typed_words(input)?;
    Some(query_of(
        &words,
        still_typing.then(|| prefix_term(words[words.len() - 1])),
    ))
}

/// [`typed_query`], with a word being typed that is longer than the stored prefixes looked up
/// in the list of words the index holds and searched as the whole words it can become:
/// `"governa"*` becomes `("governance" OR "governed")`. Read newest first, whole words stop
/// as soon as enough entries are found; the longer prefix would gather every entry first.
/// A word that can become too many words, or one with letters beyond ASCII (whose folding
/// is the index's business), stays a prefix.
pub(super) fn expanded_query(conn: &Connection, input: &str) -> Result<Option<Searched>> {
    let Some((words, still_typing)) = typed_words(input) else {
        return Ok(None);
    };
    let last_index = words.len() - 1;
    let terms = words
        .iter()
        .enumerate()
        .map(|(i, w)| Term::new(w, still_typing && i == last_index))
        .collect();
    let last = words[words.len() - 1];
    let typing = if !still_typing {
        None
    } else if last.chars().count() > STORED_PREFIX_CHARS && last.is_ascii() {
        let whole = words_starting(conn, &last.to_ascii_lowercase())?;
        Some(if whole.is_empty() || whole.len() > MAX_EXPANDED_WORDS {
            prefix_term(last)
        } else {
            let quoted: Vec<String> = whole.iter().map(|w| quoted(w)).collect();
            format!("({})", quoted.join(" OR "))
        })
    } else {
        Some(prefix_term(last))
    };
    Ok(Some(Searched {
        fts: query_of(&words, typing),
        terms,
    }))
}

/// What the learner typed, as an FTS5 query and as the words to mark in the results.
pub(super) struct Searched {
    pub fts: String,
    pub terms: Vec<Term>,
}

/// The longest prefix the index stores (`prefix = '1 2 3 4'`, migration 0007).
const STORED_PREFIX_CHARS: usize = 4;
/// More whole words than this and the prefix is searched as it is.
const MAX_EXPANDED_WORDS: usize = 32;

/// The words typed (at most twelve) and whether the last is still being typed.
fn typed_words(input: &str) -> Option<(Vec<&str>, bool)> {
    let words: Vec<&str> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    if words.is_empty() {
        return None;
    }
    let still_typing = input.chars().last().is_some_and(char::is_alphanumeric);
    Some((words, still_typing))
}

/// Every word quoted and required; the last replaced by `typing` when it is being typed.
fn query_of(words: &[&str], typing: Option<String>) -> String {
    let finished = if typing.is_some() {
        &words[..words.len() - 1]
    } else {
        words
    };
    let mut terms: Vec<String> = finished.iter().map(|w| quoted(w)).collect();
    // FTS5 reads words side by side as all required, but a group in brackets needs `AND`.
    let joiner = if typing.as_ref().is_some_and(|t| t.starts_with('(')) {
        " AND "
    } else {
        " "
    };
    terms.extend(typing);
    terms.join(joiner)
}

fn quoted(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

fn prefix_term(word: &str) -> String {
    format!("{}*", quoted(word))
}

/// The words the index has held that start with `folded` (already in the index's folded
/// form), up to one more than [`MAX_EXPANDED_WORDS`].
fn words_starting(conn: &Connection, folded: &str) -> Result<Vec<String>> {
    let mut statement = conn.prepare_cached(
        "SELECT term FROM search_terms WHERE term >= ?1 AND term < ?2 ORDER BY term LIMIT ?3",
    )?;
    let words = statement
        .query_map(
            params![
                folded,
                format!("{folded}\u{10FFFF}"),
                MAX_EXPANDED_WORDS as i64 + 1
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(words)
}
