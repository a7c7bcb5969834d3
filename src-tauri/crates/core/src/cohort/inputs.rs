//! Which files a cohort report reads: each file named, and the `.w2bbundle` files directly
//! inside each folder named, in name order. Other files in a folder are named in a notice,
//! never read; a folder with no bundles is said to have none.

use std::path::{Path, PathBuf};

use crate::bundle::BUNDLE_EXTENSION;

/// The bundles found, in order, and notices about what was not read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleInputs {
    pub bundles: Vec<PathBuf>,
    pub notices: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{}: no such file or folder. Check the path and try again.", path.display())]
    Missing { path: PathBuf },
    #[error("{} cannot be read: {source}. Check that you can open it.", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "No bundles found: {} holds no .{BUNDLE_EXTENSION} files. Put the bundles learners \
         sent into a folder and name it, or name the files.", list(.0)
    )]
    NoBundles(Vec<PathBuf>),
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Files named are taken as they are (a file that is not a bundle is refused when read, so
/// the report says why); folders give their `.w2bbundle` files. No bundle at all is an error.
pub fn find_bundles(paths: &[PathBuf]) -> Result<BundleInputs, InputError> {
    let mut found = BundleInputs::default();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => InputError::Missing { path: path.clone() },
            _ => InputError::Unreadable {
                path: path.clone(),
                source,
            },
        })?;
        if metadata.is_dir() {
            folder(path, &mut found)?;
        } else {
            found.bundles.push(path.clone());
        }
    }
    if found.bundles.is_empty() {
        return Err(InputError::NoBundles(paths.to_vec()));
    }
    Ok(found)
}

fn folder(dir: &Path, found: &mut BundleInputs) -> Result<(), InputError> {
    let unreadable = |source| InputError::Unreadable {
        path: dir.to_owned(),
        source,
    };
    let mut bundles = Vec::new();
    let mut others = Vec::new();
    for item in std::fs::read_dir(dir).map_err(unreadable)? {
        let item = item.map_err(unreadable)?;
        let path = item.path();
        let is_bundle = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(BUNDLE_EXTENSION));
        if is_bundle && !path.is_dir() {
            bundles.push(path);
        } else {
            others.push(item.file_name().to_string_lossy().into_owned());
        }
    }
    bundles.sort();
    others.sort();
    if bundles.is_empty() {
        found.notices.push(format!(
            "{} holds no .{BUNDLE_EXTENSION} files",
            dir.display()
        ));
    }
    if !others.is_empty() {
        const SHOWN: usize = 10;
        let more = others.len().saturating_sub(SHOWN);
        let mut named = others
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if more > 0 {
            named.push_str(&format!(" and {more} more"));
        }
        let what = if others.len() == 1 {
            format!("1 item that is not a .{BUNDLE_EXTENSION} file and was not read")
        } else {
            format!(
                "{} items that are not .{BUNDLE_EXTENSION} files and were not read",
                others.len()
            )
        };
        found
            .notices
            .push(format!("{} also holds {what}: {named}", dir.display()));
    }
    found.bundles.extend(bundles);
    Ok(())
}
