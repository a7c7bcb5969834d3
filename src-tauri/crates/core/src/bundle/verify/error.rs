//! Why a bundle was refused, in sentences that name the file at fault and say what to do.

use std::fmt;
use std::io;

use crate::bundle::BUNDLE_FORMAT_VERSION;
use crate::file_names::BIDI_CONTROLS;
use crate::problems::ProblemAt;

/// One thing wrong with one file of a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleProblem {
    /// The file's path inside the bundle, as the archive or manifest gives it (for a problem
    /// with the whole archive, the bundle's own file name).
    pub path: String,
    pub problem: String,
}

impl BundleProblem {
    pub(crate) fn new(path: &str, problem: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            problem: problem.into(),
        }
    }
}

/// A problem as the UI lists it: where in the bundle, and what is wrong there.
impl From<&BundleProblem> for ProblemAt {
    fn from(problem: &BundleProblem) -> Self {
        ProblemAt::new(problem.path.as_str(), problem.problem.as_str())
    }
}

impl fmt::Display for BundleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", shown(&self.path), self.problem)
    }
}

/// Why a bundle was refused. `file` is the bundle's file name, as the reader knows it.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// Not a zip, no manifest, or a manifest of another format.
    #[error(
        "{file} is not a Ward to Board bundle, or it is damaged ({reason}). Check it is the \
         .w2bbundle file the learner sent; if it is, ask them to export it again."
    )]
    NotABundle { file: String, reason: String },
    /// Refused from the archive's own headers, or when an entry unpacked past its declared
    /// size: unsafe names (traversal, absolute, backslash, drive, NUL, direction marks, names
    /// Windows refuses), links, bombs, files or totals over the limits, names alike after case
    /// folding and NFC; or, with every hash matching, content that would mislead a reader
    /// (a page not made from portfolio.json, attachments off the allow-list).
    /// `portfolio.json` over one of its JSON limits is refused here too.
    #[error(
        "{file} was refused as unsafe to open, and nothing in it was saved:{}\nAsk the \
         learner to export it again from Ward to Board.",
        listed(problems)
    )]
    Unsafe {
        file: String,
        problems: Vec<BundleProblem>,
    },
    /// Made by a newer version of the app: a later bundle format.
    #[error(
        "{file} was made by a newer version of Ward to Board (bundle format {found}; this \
         version reads format {BUNDLE_FORMAT_VERSION} and older). Install the latest version of \
         Ward to Board to open it."
    )]
    TooNew { file: String, found: u64 },
    /// Files missing, extra, or of another size or SHA-256 than the manifest says, or a
    /// portfolio that disagrees with the manifest.
    #[error(
        "{file} does not match its manifest, so it has been changed or damaged since it was \
         exported:{}\nDo not rely on it: ask the learner to export it again.",
        listed(problems)
    )]
    Tampered {
        file: String,
        problems: Vec<BundleProblem>,
    },
    /// `manifest.json` or `portfolio.json` is not valid JSON of the documented shape.
    /// `line` and `column` count from 1; 0 when the problem has no one place.
    #[error(
        "{file}: {inner} cannot be read{}: {reason}. Ask the learner to export it again.",
        at(*line, *column)
    )]
    Malformed {
        file: String,
        inner: String,
        line: usize,
        column: usize,
        reason: String,
    },
    /// The bundle file itself could not be opened or read.
    #[error("{file} cannot be read: {source}. Check the file exists and that you can read it.")]
    Io { file: String, source: io::Error },
}

impl BundleError {
    /// The per-file problems, for a refusal that has them.
    pub fn problems(&self) -> &[BundleProblem] {
        match self {
            Self::Unsafe { problems, .. } | Self::Tampered { problems, .. } => problems,
            _ => &[],
        }
    }
}

fn listed(problems: &[BundleProblem]) -> String {
    problems.iter().map(|p| format!("\n  - {p}")).collect()
}

fn at(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" (line {line}, column {column})")
    }
}

/// A name from the archive, safe to print: control characters and direction marks escaped
/// (a mark would turn the rest of the message around), length bounded.
pub(crate) fn shown(name: &str) -> String {
    const MAX_CHARS: usize = 200;
    let escaped: String = name
        .chars()
        .take(MAX_CHARS)
        .flat_map(|c| {
            if c.is_control() {
                c.escape_debug().collect::<Vec<_>>()
            } else if BIDI_CONTROLS.contains(&c) {
                c.escape_unicode().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if name.chars().count() > MAX_CHARS {
        format!("{escaped}…")
    } else {
        escaped
    }
}
