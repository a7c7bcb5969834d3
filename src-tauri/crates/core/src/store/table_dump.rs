//! Every row of every table of a database file, for tests that show a refused or failed
//! operation changed nothing stored.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

/// Each table's name with each of its rows, in a stable order, and each schema object's SQL.
pub(crate) fn every_row(database: &Path) -> Vec<String> {
    let conn = Connection::open_with_flags(database, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("the database opens");
    let mut out: Vec<String> = conn
        .prepare(
            "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY 1",
        )
        .expect("prepared")
        .query_map([], |r| r.get(0))
        .expect("queried")
        .collect::<rusqlite::Result<_>>()
        .expect("schema");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("prepared")
        .query_map([], |r| r.get(0))
        .expect("queried")
        .collect::<rusqlite::Result<_>>()
        .expect("tables");
    for table in tables {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .expect("prepared");
        let columns = statement.column_count();
        let mut rows: Vec<String> = statement
            .query_map([], |row| {
                (0..columns)
                    .map(|i| row.get_ref(i).map(|v| format!("{v:?}")))
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map(|values| format!("{table}: {}", values.join(" | ")))
            })
            .expect("queried")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        rows.sort();
        out.extend(rows);
    }
    out
}
