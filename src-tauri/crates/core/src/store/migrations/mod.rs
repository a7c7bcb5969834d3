//! The schema history. Each migration is one SQL file, applied in order and never edited
//! once released; `user_version` records how far a database has come. A migration that
//! needs code keeps a frozen copy of it here (`v3_lesson_search`, `v4_study_entries`): it
//! does what it did the day it shipped, whatever the live application code becomes.

mod v3_lesson_search;
mod v4_study_entries;

use rusqlite_migration::{Migrations, M};

/// The schema version this app writes; a database above it is refused.
pub const SCHEMA_VERSION: i64 = 10;

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../../migrations/0001_initial.sql")),
        M::up(include_str!("../../../migrations/0002_pack_assets.sql")),
        M::up_with_hook(
            include_str!("../../../migrations/0003_study.sql"),
            v3_lesson_search::index_installed_lessons,
        ),
        M::up_with_hook(
            include_str!("../../../migrations/0004_portfolio.sql"),
            v4_study_entries::study_cpd_into_portfolio,
        ),
        M::up(include_str!("../../../migrations/0005_reviews.sql")),
        M::up(include_str!("../../../migrations/0006_frameworks.sql")),
        M::up(include_str!("../../../migrations/0007_search_speed.sql")),
        M::up(include_str!("../../../migrations/0008_signing.sql")),
        M::up(include_str!("../../../migrations/0009_signed_reviews.sql")),
        M::up(include_str!("../../../migrations/0010_search_facets.sql")),
    ])
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
