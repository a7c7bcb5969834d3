//! What the commands share: where the data lives and the open store, or why it could not be
//! opened (shown to the person in the window rather than a silent exit).

use std::path::{Path, PathBuf};

use w2b_core::store::{Store, StoreError};

use crate::error::AppError;

#[derive(Debug)]
pub struct AppState {
    data_dir: PathBuf,
    store: Result<Store, StoreError>,
}

impl AppState {
    pub fn new(data_dir: PathBuf, store: Result<Store, StoreError>) -> Self {
        Self { data_dir, store }
    }

    pub fn store(&self) -> Result<&Store, AppError> {
        self.store.as_ref().map_err(AppError::from)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }
}

/// Where the learner's data lives: `--data-dir PATH` (or `--data-dir=PATH`), then the
/// `W2B_DATA_DIR` environment variable, then the operating system's app-data folder.
pub fn data_dir_override(args: &[String], env: Option<String>) -> Option<PathBuf> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--data-dir" {
            return iter.next().map(PathBuf::from);
        }
        if let Some(value) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(value));
        }
    }
    env.filter(|v| !v.is_empty()).map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_flag_wins_over_the_environment() {
        let found = data_dir_override(&args(&["app", "--data-dir", "/a"]), Some("/b".into()));
        assert_eq!(
            found,
            Some(PathBuf::from("/a")),
            "an explicit flag is the most specific choice"
        );
        let found = data_dir_override(&args(&["app", "--data-dir=/c"]), None);
        assert_eq!(found, Some(PathBuf::from("/c")), "the = form works too");
    }

    #[test]
    fn the_environment_is_used_when_there_is_no_flag() {
        assert_eq!(
            data_dir_override(&args(&["app"]), Some("/b".into())),
            Some(PathBuf::from("/b")),
            "env"
        );
        assert_eq!(
            data_dir_override(&args(&["app"]), Some(String::new())),
            None,
            "empty env is unset"
        );
        assert_eq!(
            data_dir_override(&args(&["app"]), None),
            None,
            "otherwise the OS default"
        );
    }
}
