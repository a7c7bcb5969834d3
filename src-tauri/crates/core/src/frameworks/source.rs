//! Reading a framework from a file someone sent: a framework file, a Moodle competency
//! framework CSV or a Mahara SmartEvidence matrix, told apart by the file's name, checked for
//! size before it is read, and summarised for the learner to confirm before anything changes.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::{
    from_mahara_matrix, from_moodle_csv, parse_framework, Framework, UpgradePlan, MAX_FILE_BYTES,
};
use crate::packs::problem::utf8_error_at;
use crate::packs::{FrameworkError, Problem};

/// What kind of file a framework came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FrameworkSource {
    /// A Ward to Board framework file (`.toml`).
    FrameworkFile,
    /// A Mahara SmartEvidence matrix (`.matrix`, or `.json`).
    MaharaMatrix,
    /// A Moodle competency framework export (`.csv`).
    MoodleCsv,
}

impl FrameworkSource {
    /// The kind of file `name` is, by its extension; `None` for one no reader handles.
    pub fn of(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".toml") {
            Some(Self::FrameworkFile)
        } else if lower.ends_with(".matrix") || lower.ends_with(".json") {
            Some(Self::MaharaMatrix)
        } else if lower.ends_with(".csv") {
            Some(Self::MoodleCsv)
        } else {
            None
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::FrameworkFile => "framework file",
            Self::MaharaMatrix => "Mahara SmartEvidence matrix",
            Self::MoodleCsv => "Moodle competency framework CSV",
        }
    }
}

/// The file extensions a framework may come in, for the file picker.
pub const FRAMEWORK_EXTENSIONS: &[&str] = &["toml", "csv", "matrix", "json"];

/// Reads the framework in `path`, converting it from its source format. Problems name the
/// file by its name alone (not the folders above it, which may say who the learner is).
pub fn read_framework(path: &Path) -> Result<(Framework, FrameworkSource), FrameworkError> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let whole = |message: String, hint: &str| FrameworkError {
        problems: vec![Problem::in_file(&name, message, hint)],
    };
    let Some(source) = FrameworkSource::of(&name) else {
        return Err(whole(
            "this is not a file Ward to Board reads frameworks from".into(),
            "choose a framework file (.toml), a Moodle competency framework (.csv) or a Mahara SmartEvidence matrix (.matrix)",
        ));
    };
    let size = std::fs::metadata(path)
        .map_err(|e| {
            whole(
                format!("the file cannot be read: {e}"),
                "check it is still there",
            )
        })?
        .len();
    if size > MAX_FILE_BYTES as u64 {
        return Err(whole(
            format!(
                "the file is {} MB; a framework file may be at most {} MB",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            "ask whoever sent it for a smaller framework",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        whole(
            format!("the file cannot be read: {e}"),
            "check it is still there",
        )
    })?;
    let framework = match source {
        FrameworkSource::FrameworkFile => {
            let text = String::from_utf8(bytes).map_err(|e| {
                let (line, column) = utf8_error_at(e.as_bytes(), &e.utf8_error());
                FrameworkError {
                    problems: vec![Problem::in_file(
                        &name,
                        "the file is not UTF-8 text",
                        "save it as UTF-8 in your editor",
                    )
                    .at(line, column)],
                }
            })?;
            parse_framework(&name, &text)?
        }
        FrameworkSource::MaharaMatrix => from_mahara_matrix(&name, &bytes)?,
        FrameworkSource::MoodleCsv => from_moodle_csv(&name, &bytes)?,
    };
    Ok((framework, source))
}

/// A framework file the learner chose, before it is installed: what it is and what
/// installing it will change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkPreview {
    pub file_name: String,
    pub source: FrameworkSource,
    /// "framework file", "Moodle competency framework (CSV)", ...
    pub source_label: String,
    pub publisher: String,
    pub licence: String,
    /// The framework's description, rendered through the sanitiser.
    pub description_html: String,
    pub levels: Vec<String>,
    /// How deep the tree goes (top level is 1).
    pub depth: u32,
    /// Its top-level items with how many items evidence can be mapped to under each.
    pub domains: Vec<DomainSummary>,
    pub scale: Vec<String>,
    pub plan: UpgradePlan,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DomainSummary {
    pub title: String,
    pub items: u32,
}

impl FrameworkPreview {
    pub fn new(
        file_name: &str,
        source: FrameworkSource,
        fw: &Framework,
        plan: UpgradePlan,
    ) -> Self {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let leaves = fw.items();
        Self {
            file_name: file_name.to_owned(),
            source,
            source_label: source.label().to_owned(),
            publisher: fw.publisher.clone(),
            licence: fw.licence.clone(),
            description_html: crate::markdown::render(&fw.description),
            levels: fw.levels.clone(),
            depth: count(fw.depths().values().copied().max().unwrap_or(0)),
            domains: fw
                .domains()
                .map(|d| DomainSummary {
                    title: d.title.clone(),
                    items: count(leaves.iter().filter(|i| i.domain.id == d.id).count()),
                })
                .collect(),
            scale: fw.scale().levels.iter().map(|l| l.label.clone()).collect(),
            plan,
        }
    }
}
