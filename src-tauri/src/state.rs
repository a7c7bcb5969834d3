//! What the commands share: where the data lives and the open store, or why it could not be
//! opened (shown to the person in the window rather than a silent exit), and the clock.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use w2b_core::store::{Store, StoreError};

use crate::clock::Clock;

use crate::error::AppError;

#[derive(Debug)]
pub struct AppState {
    data_dir: PathBuf,
    store: Result<Store, StoreError>,
    /// Files the learner chose (file picker, or `--import` at launch): the only ones the
    /// import commands may read.
    allowed_imports: Mutex<HashSet<PathBuf>>,
    /// A pack file named with `--import` at launch, for the window to offer.
    pending_import: Option<PathBuf>,
    /// The one clock commands read.
    clock: Clock,
}

impl AppState {
    pub fn new(
        data_dir: PathBuf,
        store: Result<Store, StoreError>,
        pending_import: Option<PathBuf>,
        clock: Clock,
    ) -> Self {
        let allowed_imports = Mutex::new(pending_import.iter().cloned().collect());
        Self {
            data_dir,
            store,
            allowed_imports,
            pending_import,
            clock,
        }
    }

    pub fn allow_import(&self, path: PathBuf) {
        self.allowed_imports
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path);
    }

    pub fn is_import_allowed(&self, path: &Path) -> bool {
        self.allowed_imports
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(path)
    }

    pub fn pending_import(&self) -> Option<&Path> {
        self.pending_import.as_deref()
    }

    pub fn store(&self) -> Result<&Store, AppError> {
        self.store.as_ref().map_err(AppError::from)
    }

    /// "Now" for the commands: the system's clock, or a debug build's fixed one.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }
}

/// The value of `--import PATH` (or `--import=PATH`), made absolute.
pub fn import_arg(args: &[String]) -> Option<PathBuf> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let value = if arg == "--import" {
            iter.next().cloned()
        } else {
            arg.strip_prefix("--import=").map(str::to_owned)
        };
        if let Some(value) = value {
            let path = PathBuf::from(value);
            return Some(std::path::absolute(&path).unwrap_or(path));
        }
    }
    None
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
    fn a_pack_named_at_launch_is_the_only_file_allowed_until_one_is_chosen() {
        let state = AppState::new(
            PathBuf::from("/d"),
            Err(StoreError::NotFound("x".into())),
            import_arg(&args(&["app", "--import", "/p/a.w2bpack"])),
            crate::clock::Clock::system(),
        );
        assert!(
            state.is_import_allowed(Path::new("/p/a.w2bpack")),
            "the launch argument is allowed"
        );
        assert!(
            !state.is_import_allowed(Path::new("/etc/passwd")),
            "nothing else is"
        );
        state.allow_import(PathBuf::from("/p/b.w2bpack"));
        assert!(
            state.is_import_allowed(Path::new("/p/b.w2bpack")),
            "a chosen file becomes allowed"
        );
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
