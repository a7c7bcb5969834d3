//! Keeps a learner's data when the app's identifier changed. Versions before 0.2.0 were
//! identified as `org.wardtoboard.desktop`, and the operating system's data folder is named
//! after the identifier; the packaged app is `uk.wardtoboard.WardToBoard` (the reverse-DNS id
//! its desktop file, metainfo and file types share). On first start of the new id, the
//! earlier folder is moved into place, whole, so nothing is copied and nothing is lost.

use std::path::Path;

use w2b_core::store::DATABASE_FILE;

/// The identifier earlier versions used, and so the name of their data folder.
pub const EARLIER_IDENTIFIER: &str = "org.wardtoboard.desktop";

/// What happened to the earlier folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Adopted {
    /// There was nothing to move (no earlier data, or the current folder already has data).
    Nothing,
    Moved,
    /// Both folders hold a database: neither is touched, and the person is told where the
    /// earlier one is.
    BothKept,
}

/// Moves `earlier` to `current` when only the earlier folder holds a portfolio. A rename on
/// the same disk: all or nothing.
pub fn adopt_earlier_data(earlier: &Path, current: &Path) -> std::io::Result<Adopted> {
    if !earlier.join(DATABASE_FILE).is_file() {
        return Ok(Adopted::Nothing);
    }
    if current.join(DATABASE_FILE).exists() {
        return Ok(Adopted::BothKept);
    }
    if current.exists() {
        // An empty folder made by a start that failed before any data was written.
        std::fs::remove_dir(current)?;
    }
    if let Some(parent) = current.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::rename(earlier, current)?;
    Ok(Adopted::Moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn portfolio(dir: &Path, marker: &str) {
        std::fs::create_dir_all(dir.join("backups")).expect("folder");
        std::fs::write(dir.join(DATABASE_FILE), marker).expect("database");
        std::fs::write(dir.join("backups").join("b.sqlite3"), marker).expect("backup");
    }

    #[test]
    fn the_earlier_folder_moves_whole_when_the_new_one_has_no_data() {
        let root = tempfile::tempdir().expect("temp dir");
        let earlier = root.path().join(EARLIER_IDENTIFIER);
        let current = root.path().join("uk.wardtoboard.WardToBoard");
        portfolio(&earlier, "sam's portfolio");
        assert_eq!(
            adopt_earlier_data(&earlier, &current).expect("moved"),
            Adopted::Moved
        );
        assert!(!earlier.exists());
        assert_eq!(
            std::fs::read_to_string(current.join(DATABASE_FILE)).expect("db"),
            "sam's portfolio"
        );
        assert!(
            current.join("backups").join("b.sqlite3").exists(),
            "backups too"
        );
        assert_eq!(
            adopt_earlier_data(&earlier, &current).expect("again"),
            Adopted::Nothing,
            "the next start has nothing to do"
        );
    }

    #[test]
    fn an_empty_new_folder_is_replaced_but_a_new_portfolio_is_never_overwritten() {
        let root = tempfile::tempdir().expect("temp dir");
        let earlier = root.path().join(EARLIER_IDENTIFIER);
        let current = root.path().join("uk.wardtoboard.WardToBoard");
        portfolio(&earlier, "earlier");
        std::fs::create_dir_all(&current).expect("empty folder");
        assert_eq!(
            adopt_earlier_data(&earlier, &current).expect("moved"),
            Adopted::Moved
        );

        portfolio(&earlier, "another earlier");
        assert_eq!(
            adopt_earlier_data(&earlier, &current).expect("kept"),
            Adopted::BothKept
        );
        assert_eq!(
            std::fs::read_to_string(current.join(DATABASE_FILE)).expect("db"),
            "earlier",
            "the current portfolio is untouched"
        );
        assert!(earlier.join(DATABASE_FILE).exists(), "and so is the other");
    }
}
