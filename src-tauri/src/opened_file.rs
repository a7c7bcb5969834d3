//! Files handed to the app by the desktop: double-clicked in a file manager, dropped on the
//! launcher, or named on the command line (`ward-to-board FILE`, or `--import FILE`). Each
//! kind goes to the screen that previews it; nothing is imported until the person confirms
//! there. A second launch does not open a second window on the same data: the running app is
//! handed the file instead (see [`single_instance_id`] and [`hand_to_window`]).

use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use tauri::{AppHandle, Manager};
use ts_rs::TS;

use w2b_core::bundle::BUNDLE_EXTENSION;
use w2b_core::frameworks::FrameworkSource;
use w2b_core::review::REVIEW_EXTENSION;

use crate::state::AppState;

/// The screen that previews a file the desktop handed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportScreen {
    /// A curriculum pack (and anything unrecognised, whose checks then say what it is not).
    Packs,
    Frameworks,
    /// A Leap2A export from Mahara (zip or bare XML).
    Mahara,
    /// A learner's bundle, opened in review mode by an appraiser.
    ReviewBundle,
    /// An appraiser's review file, for the learner to import.
    ReviewReceived,
    /// Several bundles handed over together: review mode's cohort report over them all.
    Cohort,
}

/// A file handed over while the app was already running.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenedFile {
    pub path: String,
    pub screen: ImportScreen,
    /// With `screen` cohort, every bundle handed over together (`path` is the first);
    /// otherwise empty.
    pub paths: Vec<String>,
}

/// Which screen reads the file, by its name (the same rule the file manager used to choose
/// this app, so a double-click and `ward-to-board FILE` land in the same place).
pub fn import_screen(path: &Path) -> ImportScreen {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    if extension == BUNDLE_EXTENSION {
        ImportScreen::ReviewBundle
    } else if extension == REVIEW_EXTENSION {
        ImportScreen::ReviewReceived
    } else if FrameworkSource::of(&name).is_some() {
        ImportScreen::Frameworks
    } else if extension == "zip" || extension == "xml" {
        ImportScreen::Mahara
    } else {
        ImportScreen::Packs
    }
}

/// The file named in a command line: `--import FILE`, `--import=FILE`, or the first argument
/// that is not an option (what a file manager passes through `Exec=ward-to-board %F`); made
/// absolute against `cwd`, the directory the command was started in. None when several
/// bundles are named together: they go to the cohort report ([`bundles_to_open`]).
pub fn file_to_open(args: &[String], cwd: &Path) -> Option<PathBuf> {
    if bundles_to_open(args, cwd).len() > 1 {
        return None;
    }
    let mut iter = args.iter().skip(1);
    let mut found = None;
    while let Some(arg) = iter.next() {
        if arg == "--import" {
            found = iter.next().cloned();
            break;
        }
        if let Some(value) = arg.strip_prefix("--import=") {
            found = Some(value.to_owned());
            break;
        }
        if arg == "--data-dir" {
            iter.next();
            continue;
        }
        if found.is_none() && !arg.starts_with('-') && !arg.is_empty() {
            found = Some(arg.clone());
        }
    }
    absolute(&found?, cwd)
}

/// A path or `file:` URI from a command line, made absolute against `cwd`.
fn absolute(found: &str, cwd: &Path) -> Option<PathBuf> {
    // A launcher that passes URIs (`%U`) sends `file:///home/sam/My%20pack.w2bpack`.
    let path = match tauri::Url::parse(found) {
        Ok(url) if url.scheme() == "file" => url.to_file_path().ok()?,
        _ => PathBuf::from(found),
    };
    Some(if path.is_absolute() {
        path
    } else {
        cwd.join(path)
    })
}

/// Several bundles named together (a file manager's "Open with" on a selection passes them
/// all through `%F`): every plain argument, when there are two or more and each is a bundle.
/// They open together in review mode's cohort report; anything else is one file
/// ([`file_to_open`]), and `--import` always names one.
pub fn bundles_to_open(args: &[String], cwd: &Path) -> Vec<PathBuf> {
    let mut plain = Vec::new();
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        if arg == "--import" || arg.starts_with("--import=") {
            return Vec::new();
        }
        if arg == "--data-dir" {
            iter.next();
            continue;
        }
        if !arg.starts_with('-') && !arg.is_empty() {
            plain.push(arg.as_str());
        }
    }
    let paths: Vec<PathBuf> = plain.iter().filter_map(|a| absolute(a, cwd)).collect();
    let all_bundles = paths.len() == plain.len()
        && paths
            .iter()
            .all(|p| import_screen(p) == ImportScreen::ReviewBundle);
    if paths.len() > 1 && all_bundles {
        paths
    } else {
        Vec::new()
    }
}

/// The name the running app is found by on the session bus (Linux): one per data folder, so
/// a second launch on the same portfolio is handed to the first window, while a launch on
/// another folder (`--data-dir`) is a separate app. D-Bus name elements may not start with a
/// digit, hence the `d`.
pub fn single_instance_id(identifier: &str, data_dir_override: Option<&Path>) -> String {
    match data_dir_override {
        None => identifier.to_owned(),
        Some(dir) => {
            let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
            let digest = Sha256::digest(dir.as_os_str().as_encoded_bytes());
            format!("{identifier}.d{}", &hex::encode(digest)[..16])
        }
    }
}

/// Called in the running app when another launch hands it its command line: brings the window
/// forward and, when a file was named, lets the import commands read it and tells the page.
pub fn hand_to_window(app: &AppHandle, argv: &[String], cwd: &str) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let state = app.state::<AppState>();
    let bundles = bundles_to_open(argv, Path::new(cwd));
    if let Some(first) = bundles.first() {
        for bundle in &bundles {
            state.allow_import(bundle.clone());
        }
        state.tell_page(OpenedFile {
            path: first.display().to_string(),
            screen: ImportScreen::Cohort,
            paths: bundles.iter().map(|p| p.display().to_string()).collect(),
        });
        return;
    }
    let Some(path) = file_to_open(argv, Path::new(cwd)) else {
        return;
    };
    state.allow_import(path.clone());
    state.tell_page(OpenedFile {
        screen: import_screen(&path),
        path: path.display().to_string(),
        paths: Vec::new(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn each_kind_of_file_goes_to_the_screen_that_previews_it() {
        let screen = |name: &str| import_screen(Path::new(name));
        assert_eq!(screen("/d/nw-leadership-2.w2bpack"), ImportScreen::Packs);
        assert_eq!(
            screen("/d/Sam Patel.W2BBUNDLE"),
            ImportScreen::ReviewBundle,
            "any case"
        );
        assert_eq!(screen("/d/review.w2breview"), ImportScreen::ReviewReceived);
        assert_eq!(screen("/d/nhs.toml"), ImportScreen::Frameworks);
        assert_eq!(screen("/d/competencies.csv"), ImportScreen::Frameworks);
        assert_eq!(
            screen("/d/Export-Leap2A.ZIP"),
            ImportScreen::Mahara,
            "a Mahara export"
        );
        assert_eq!(screen("/d/leap2a.xml"), ImportScreen::Mahara, "a bare feed");
        assert_eq!(
            screen("/d/unknown.bin"),
            ImportScreen::Packs,
            "the pack checks say what is wrong"
        );
    }

    #[test]
    fn several_bundles_named_together_open_together() {
        let cwd = Path::new("/home/sam");
        let bundles = |list: &[&str]| bundles_to_open(&args(list), cwd);
        let three = [
            "ward-to-board",
            "--data-dir",
            "/data",
            "/d/a.w2bbundle",
            "b.W2BBUNDLE",
            "file:///d/c%20d.w2bbundle",
        ];
        assert_eq!(
            bundles(&three),
            [
                PathBuf::from("/d/a.w2bbundle"),
                PathBuf::from("/home/sam/b.W2BBUNDLE"),
                PathBuf::from("/d/c d.w2bbundle")
            ],
            "every bundle, made absolute, in the order given"
        );
        assert_eq!(
            file_to_open(&args(&three), cwd),
            None,
            "not opened one by one as well"
        );
        assert!(
            bundles(&["ward-to-board", "/d/a.w2bbundle"]).is_empty(),
            "one bundle opens in review mode"
        );
        assert!(
            bundles(&["ward-to-board", "/d/a.w2bbundle", "/d/p.w2bpack"]).is_empty(),
            "a mixed selection is not a cohort: the first file opens as before"
        );
        assert_eq!(
            file_to_open(
                &args(&["ward-to-board", "/d/a.w2bbundle", "/d/p.w2bpack"]),
                cwd
            ),
            Some(PathBuf::from("/d/a.w2bbundle"))
        );
        assert!(
            bundles(&[
                "ward-to-board",
                "/d/a.w2bbundle",
                "--import",
                "/d/b.w2bbundle"
            ])
            .is_empty(),
            "--import names one file"
        );
    }

    #[test]
    fn the_file_is_the_first_plain_argument_or_the_import_option() {
        let cwd = Path::new("/home/sam");
        let found = |list: &[&str]| file_to_open(&args(list), cwd);
        assert_eq!(
            found(&["ward-to-board", "/d/a.w2bpack"]),
            Some(PathBuf::from("/d/a.w2bpack"))
        );
        assert_eq!(
            found(&["ward-to-board", "Downloads/a.w2bbundle"]),
            Some(PathBuf::from("/home/sam/Downloads/a.w2bbundle")),
            "relative to where the command was started"
        );
        assert_eq!(
            found(&["ward-to-board", "--data-dir", "/data", "/d/r.w2breview"]),
            Some(PathBuf::from("/d/r.w2breview")),
            "the data folder is not the file"
        );
        assert_eq!(
            found(&["ward-to-board", "--import=/d/x.toml"]),
            Some(PathBuf::from("/d/x.toml"))
        );
        assert_eq!(
            found(&["ward-to-board", "/d/first.w2bpack", "--import", "/d/x.toml"]),
            Some(PathBuf::from("/d/x.toml")),
            "the explicit option wins"
        );
        assert_eq!(
            found(&["ward-to-board", "file:///d/My%20pack.w2bpack"]),
            Some(PathBuf::from("/d/My pack.w2bpack")),
            "a file URI from a launcher, decoded"
        );
        assert_eq!(found(&["ward-to-board"]), None);
        assert_eq!(found(&["ward-to-board", "--data-dir", "/data"]), None);
    }

    #[test]
    fn one_instance_per_data_folder() {
        let id = "uk.wardtoboard.WardToBoard";
        assert_eq!(single_instance_id(id, None), id, "the default folder");
        let a = single_instance_id(id, Some(Path::new("/data/a")));
        let b = single_instance_id(id, Some(Path::new("/data/b")));
        assert_ne!(a, b, "another folder is another app");
        assert_eq!(a, single_instance_id(id, Some(Path::new("/data/a"))));
        let last = a.rsplit('.').next().unwrap_or_default();
        assert!(
            last.starts_with('d') && last.len() == 17,
            "a valid bus name element: {a}"
        );
    }
}
