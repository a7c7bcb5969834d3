//! The schema history. Each migration is one SQL file, applied in order and never edited
//! once released; `user_version` records how far a database has come.

use rusqlite::Transaction;
use rusqlite_migration::{HookResult, Migrations, M};

/// The schema version this app writes; a database above it is refused.
pub const SCHEMA_VERSION: i64 = 5;

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/0001_initial.sql")),
        M::up(include_str!("../../migrations/0002_pack_assets.sql")),
        M::up_with_hook(
            include_str!("../../migrations/0003_study.sql"),
            index_installed_lessons,
        ),
        M::up_with_hook(
            include_str!("../../migrations/0004_portfolio.sql"),
            study_cpd_into_portfolio,
        ),
        M::up(include_str!("../../migrations/0005_reviews.sql")),
    ])
}

/// Schema 4 adds the portfolio; study already logged as CPD becomes entries in it, dated
/// and timed as logged.
fn study_cpd_into_portfolio(tx: &Transaction<'_>) -> HookResult {
    let records: Vec<(i64, String)> = tx
        .prepare("SELECT id, created_at FROM cpd_records ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, created_at) in records {
        let when = chrono::DateTime::parse_from_rfc3339(&created_at)
            .map(|t| t.with_timezone(&chrono::Utc))
            .unwrap_or_default();
        super::portfolio::entry_from_study(tx, id, when).map_err(|e| {
            rusqlite_migration::HookError::Hook(format!(
                "CPD record {id} could not become an entry: {e}"
            ))
        })?;
    }
    Ok(())
}

/// Schema 3 adds the lesson search index; fill it from the lessons already installed.
fn index_installed_lessons(tx: &Transaction<'_>) -> HookResult {
    let packs: Vec<String> = tx
        .prepare("SELECT id FROM packs")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for pack in packs {
        super::learning::search::reindex_pack(tx, &pack)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations()
            .validate()
            .unwrap_or_else(|e| panic!("every migration applies cleanly: {e}"));
    }

    #[test]
    fn schema_version_is_the_number_of_migrations() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        migrations()
            .to_latest(&mut conn)
            .unwrap_or_else(|e| panic!("{e}"));
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(version, SCHEMA_VERSION);
    }
}
