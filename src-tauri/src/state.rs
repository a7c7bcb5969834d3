//! What the commands share: where the data lives and the open store, or why it could not be
//! opened (shown to the person in the window rather than a silent exit), and the clock.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Utc};
use tauri::ipc::Channel;
use w2b_core::store::{Store, StoreError};

use crate::clock::Clock;
use crate::error::{AppError, ErrorKind};
use crate::opened_file::OpenedFile;

#[derive(Debug)]
pub struct AppState {
    data_dir: PathBuf,
    store: Result<Store, StoreError>,
    /// Files the learner chose (file picker, or `--import` at launch): the only ones the
    /// import commands may read.
    allowed_imports: Mutex<HashSet<PathBuf>>,
    /// A file named at launch (`ward-to-board FILE` or `--import FILE`), for the window to
    /// offer.
    pending_import: Option<PathBuf>,
    /// Several bundles named together at launch, for review mode's cohort report.
    pending_cohort: Vec<PathBuf>,
    /// Where files handed over by later launches go: the page's channel once it listens,
    /// and until then a queue it is given when it starts listening.
    opened: Mutex<OpenedFiles>,
    /// The one clock commands read.
    clock: Clock,
}

#[derive(Default)]
struct OpenedFiles {
    page: Option<Channel<OpenedFile>>,
    waiting: Vec<OpenedFile>,
}

impl std::fmt::Debug for OpenedFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenedFiles")
            .field("listening", &self.page.is_some())
            .field("waiting", &self.waiting)
            .finish()
    }
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
            pending_cohort: Vec::new(),
            opened: Mutex::default(),
            clock,
        }
    }

    /// Tells the page about a file handed over by another launch (or keeps it until the page
    /// listens).
    pub fn tell_page(&self, file: OpenedFile) {
        let mut opened = self.opened.lock().unwrap_or_else(PoisonError::into_inner);
        let undelivered = match &opened.page {
            Some(page) => page.send(file.clone()).is_err(),
            None => true,
        };
        if undelivered {
            opened.waiting.push(file);
        }
    }

    /// The page listens for handed-over files from now on (a reload replaces its channel);
    /// any that arrived before are sent at once.
    pub fn listen_for_opened_files(&self, page: Channel<OpenedFile>) {
        let mut opened = self.opened.lock().unwrap_or_else(PoisonError::into_inner);
        for file in std::mem::take(&mut opened.waiting) {
            if page.send(file.clone()).is_err() {
                opened.waiting.push(file);
            }
        }
        opened.page = Some(page);
    }

    /// A path the page sent, if the person chose that file here (the picker, the file
    /// manager or the command line); otherwise what to do. `what` names the kind of file.
    pub fn chosen_file(&self, path: &str, what: &str) -> Result<PathBuf, AppError> {
        let path = PathBuf::from(path);
        if self.is_import_allowed(&path) {
            Ok(path)
        } else {
            Err(AppError::new(
                ErrorKind::InvalidInput,
                format!("choose the {what} again: this file was not chosen here"),
            ))
        }
    }

    pub fn allow_import(&self, path: PathBuf) {
        self.allowed_imports
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path);
    }

    pub fn is_import_allowed(&self, path: &Path) -> bool {
        self.allowed_imports
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(path)
    }

    pub fn pending_import(&self) -> Option<&Path> {
        self.pending_import.as_deref()
    }

    /// Several bundles named together at launch: allowed to be read, and kept for the window.
    pub fn with_pending_cohort(mut self, bundles: Vec<PathBuf>) -> Self {
        for bundle in &bundles {
            self.allow_import(bundle.clone());
        }
        self.pending_cohort = bundles;
        self
    }

    pub fn pending_cohort(&self) -> &[PathBuf] {
        &self.pending_cohort
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
            Some(PathBuf::from("/p/a.w2bpack")),
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
        assert!(
            state.chosen_file("/etc/passwd", "pack").is_err(),
            "and a command cannot read it"
        );
        state.allow_import(PathBuf::from("/p/b.w2bpack"));
        assert!(
            state.is_import_allowed(Path::new("/p/b.w2bpack")),
            "a chosen file becomes allowed"
        );
    }

    #[test]
    fn files_handed_over_before_the_page_listens_wait_for_it_then_go_straight_through() {
        use crate::opened_file::{ImportScreen, OpenedFile};
        use std::sync::Arc;
        use tauri::ipc::{Channel, InvokeResponseBody};

        let state = AppState::new(
            PathBuf::from("/d"),
            Err(StoreError::NotFound("x".into())),
            None,
            crate::clock::Clock::system(),
        );
        let file = |name: &str, screen| OpenedFile {
            path: format!("/home/sam/{name}"),
            screen,
            paths: Vec::new(),
        };
        state.tell_page(file("a.w2bpack", ImportScreen::Packs));

        let seen = Arc::new(Mutex::new(Vec::<String>::new()));
        let into = Arc::clone(&seen);
        let page = Channel::new(move |body| {
            if let InvokeResponseBody::Json(json) = body {
                into.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(json);
            }
            Ok(())
        });
        state.listen_for_opened_files(page);
        state.tell_page(file("b.w2bbundle", ImportScreen::ReviewBundle));

        let seen = seen.lock().unwrap_or_else(PoisonError::into_inner).clone();
        assert_eq!(
            seen.len(),
            2,
            "the waiting file, then the new one: {seen:?}"
        );
        assert!(seen[0].contains("a.w2bpack") && seen[0].contains(r#""screen":"packs""#));
        assert!(
            seen[1].contains("b.w2bbundle") && seen[1].contains(r#""screen":"review_bundle""#),
            "{}",
            seen[1]
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
