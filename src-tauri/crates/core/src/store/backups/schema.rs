//! What a backup's structure must be before it is restored: exactly the tables, indexes,
//! triggers and views our own migrations make at the backup's data format, compared by name
//! and by SQL. A copy that carries anything else (a trigger that rewrites entries on every
//! save, a view, a changed table) came from another program or was altered, and restoring it
//! would run foreign code inside the learner's database for ever after.

use std::collections::BTreeMap;

use rusqlite::Connection;

use crate::store::migrations;

/// One object of a schema: its kind (`table`, `index`, `trigger`, `view`) and name.
type Key = (String, String);

/// Every object in `conn`'s schema, with its SQL with runs of white space made one space
/// (indexes SQLite makes itself have none).
pub(super) fn schema_of(conn: &Connection) -> rusqlite::Result<BTreeMap<Key, Option<String>>> {
    let mut query = conn.prepare("SELECT type, name, sql FROM sqlite_master")?;
    let rows = query.query_map([], |r| {
        let sql: Option<String> = r.get(2)?;
        Ok((
            (r.get(0)?, r.get(1)?),
            sql.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")),
        ))
    })?;
    rows.collect()
}

/// The schema our migrations make at `version`, built in an empty database in memory.
pub(super) fn expected_at(version: i64) -> Result<BTreeMap<Key, Option<String>>, String> {
    let step = usize::try_from(version).map_err(|_| format!("data format {version}"))?;
    let mut conn = Connection::open_in_memory().map_err(|e| e.to_string())?;
    migrations::migrations()
        .to_version(&mut conn, step)
        .map_err(|e| e.to_string())?;
    schema_of(&conn).map_err(|e| e.to_string())
}

/// Every way `found` differs from `expected`, in words that follow "it ...": objects it has
/// that ours lack, objects of ours it lacks, and objects whose SQL differs.
pub(super) fn differences(
    found: &BTreeMap<Key, Option<String>>,
    expected: &BTreeMap<Key, Option<String>>,
    version: i64,
) -> Vec<String> {
    let mut out = Vec::new();
    for ((kind, name), sql) in found {
        match expected.get(&(kind.clone(), name.clone())) {
            None => out.push(format!(
                "holds {} `{}` that Ward to Board never makes",
                a(kind),
                shown(name)
            )),
            Some(ours) if ours != sql => out.push(format!(
                "has {} `{}` that differs from the one Ward to Board makes at data format \
                 {version}",
                a(kind),
                shown(name)
            )),
            Some(_) => {}
        }
    }
    for (kind, name) in expected.keys().filter(|key| !found.contains_key(*key)) {
        out.push(format!("lacks the {kind} `{name}`"));
    }
    out
}

/// `a table`, `an index`: the kind with its article.
fn a(kind: &str) -> String {
    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {}", shown(kind))
    } else {
        format!("a {}", shown(kind))
    }
}

/// A name from a foreign file as a message may show it: printable, and not too long.
fn shown(name: &str) -> String {
    let printable: String = name
        .chars()
        .map(|c| if is_hidden(c) { '?' } else { c })
        .take(80)
        .collect();
    if name.chars().count() > 80 {
        format!("{printable}…")
    } else {
        printable
    }
}

/// Control characters and the bidi controls that make a name read as another.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
