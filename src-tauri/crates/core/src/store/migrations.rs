//! The schema history. Each migration is one SQL file, applied in order and never edited
//! once released; `user_version` records how far a database has come.

use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_initial.sql")),
    M::up(include_str!("../../migrations/0002_pack_assets.sql")),
];

/// The schema version this app writes; a database above it is refused.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations()
            .validate()
            .unwrap_or_else(|e| panic!("every migration applies cleanly: {e}"));
    }
}
