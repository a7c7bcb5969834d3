//! Mahara SmartEvidence matrices (`.matrix` JSON files) to and from the framework model:
//! standards become top-level items, standard elements their children at any depth. Mahara's
//! evidence statuses and self-assessment switch have no place in a framework and are dropped;
//! docs/interop.md says what maps to what.

mod html;
mod ids;
mod locate;
mod read;
mod tree;
mod write;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::file::{header_over_limits, is_valid_id};
use super::{
    Framework, Item, ItemIndex, MAX_DESCRIPTION_BYTES, MAX_FILE_BYTES, MAX_ITEMS, MAX_TITLE_CHARS,
};
use crate::packs::problem::{line_col, utf8_error_at, FrameworkError, Problem};
use ids::{numbered, slug, unique_keys};
use read::{RawEntry, RawFramework};
use tree::{build_tree, Node};

pub use html::{MAX_MATRIX_HTML_BYTES, MAX_MATRIX_HTML_DEPTH};
pub use write::to_mahara_matrix;

/// Where Ward to Board keeps its own ids in a matrix it writes; Mahara ignores fields it does
/// not know, so the ids survive an import into Mahara's editor only until Mahara exports.
const WARDTOBOARD_ID: &str = "wardtoboard_id";
/// Likewise the framework's version.
const WARDTOBOARD_VERSION: &str = "wardtoboard_version";
/// The most problems listed for one file: past that, more of the same helps nobody.
const MAX_PROBLEMS: usize = 100;
/// What a converted framework says of its licence: a matrix file carries none.
const MAHARA_LICENCE: &str = "Unknown (converted from a Mahara SmartEvidence matrix; \
     check the terms with the framework's owner)";
/// The publisher of a matrix that names no institution ("all" is Mahara's whole site).
const MAHARA_PUBLISHER: &str = "Unknown (converted from Mahara)";
const SOURCE: &str = "Converted from a Mahara SmartEvidence matrix. Mahara's evidence statuses \
     and self-assessment setting are not part of a Ward to Board framework and were left out.";
const HINT: &str = "see docs/interop.md, Mahara SmartEvidence matrices";

/// A problem found before its line is known: `path` names the JSON value it is about.
#[derive(Debug)]
struct Pending {
    path: Option<String>,
    message: String,
    hint: String,
}

impl Pending {
    fn at(path: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            path: Some(path.to_owned()),
            message: message.into(),
            hint: hint.into(),
        }
    }

    fn whole(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            path: None,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl read::RawElement {
    /// How problems name an element: its elementid, or its shortname where it has none.
    fn label(&self) -> String {
        match &self.key {
            Some(key) => format!("`{key}`"),
            None => format!("\"{}\"", self.entry.shortname),
        }
    }
}

/// Reads a Mahara `.matrix` file (either shape Mahara imports) as a framework; `file` names
/// it in problems. The result passes [`super::parse_framework`] unchanged.
pub fn from_mahara_matrix(file: &str, bytes: &[u8]) -> Result<Framework, FrameworkError> {
    let one = |problem: Problem| FrameworkError {
        problems: vec![problem],
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(one(Problem::in_file(
            file,
            format!(
                "the file is {} MB; a matrix file may be at most {} MB",
                bytes.len().div_ceil(1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            "split the framework into smaller ones",
        )));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = utf8_error_at(bytes, &e);
            return Err(one(Problem::in_file(
                file,
                "the file is not UTF-8 text",
                "save it as UTF-8 (Mahara writes matrices in UTF-8)",
            )
            .at(line, column)));
        }
    };
    // Windows editors put a byte-order mark first; JSON parsers refuse it, Mahara's does not.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = match serde_json::from_str(text) {
        Ok(root) => root,
        Err(e) => return Err(one(json_problem(file, &e))),
    };
    let mut problems = Vec::new();
    let framework = read::read_matrix(&root, &mut problems)
        .filter(|raw| fits(raw, &mut problems))
        .and_then(|raw| convert(&raw, &mut problems));
    match framework {
        Some(framework) if problems.is_empty() => Ok(framework),
        _ => Err(FrameworkError {
            problems: placed(file, text, problems),
        }),
    }
}

/// A syntax error, or JSON nested past serde_json's limit of 128 levels (matched by its
/// message, which says nothing else of the kind).
fn json_problem(file: &str, e: &serde_json::Error) -> Problem {
    let problem = if e.to_string().starts_with("recursion limit exceeded") {
        Problem::in_file(
            file,
            "the JSON is nested more than 128 levels deep; a matrix needs about six",
            "check that this is a Mahara .matrix file",
        )
    } else if e.is_eof() {
        Problem::in_file(
            file,
            format!("the JSON stops early: {e}"),
            "the file may be cut short; export it again",
        )
    } else {
        Problem::in_file(
            file,
            format!("the file is not valid JSON: {e}"),
            "fix the JSON at that place (a missing comma, quote or bracket is usual)",
        )
    };
    problem.at(e.line().max(1), e.column().max(1))
}

/// Whether the matrix is neither empty nor too big to convert.
fn fits(raw: &RawFramework, problems: &mut Vec<Pending>) -> bool {
    let count = raw.standards.len() + raw.elements.len();
    if raw.standards.is_empty() {
        problems.push(Pending::at(
            "framework",
            "the framework has no standards, so there is nothing to map evidence to",
            "add at least one standard to `standards`",
        ));
        return false;
    }
    if count > MAX_ITEMS {
        problems.push(Pending::whole(
            format!(
                "the matrix has {count} standards and elements; at most {MAX_ITEMS} are allowed"
            ),
            "split it into smaller frameworks",
        ));
        return false;
    }
    true
}

/// The matrix as a framework, or `None` with problems.
fn convert(raw: &RawFramework, problems: &mut Vec<Pending>) -> Option<Framework> {
    let tree = build_tree(raw, problems);
    let name = fold_spaces(raw.name.as_deref().unwrap_or_default());
    if raw.name.is_some() && name.is_empty() {
        problems.push(Pending::at(
            "framework/name",
            "the framework's `name` is empty",
            "give the framework a name: it becomes the framework's title and id",
        ));
    }
    let id = match &raw.own_id {
        Some((own, at)) if !is_valid_id(own) => {
            problems.push(Pending::at(
                at,
                format!("`{WARDTOBOARD_ID}` `{own}` is not a valid framework id"),
                "remove the field to make the id from the name, or use lowercase letters, digits, '-' and '.'",
            ));
            String::new()
        }
        Some((own, _)) => own.clone(),
        None => Some(slug(&name))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "mahara".into()),
    };
    let version = match &raw.own_version {
        Some((v, at)) if semver::Version::parse(v).is_err() => {
            problems.push(Pending::at(
                at,
                format!("`{WARDTOBOARD_VERSION}` `{v}` is not a version number"),
                "write it as three numbers, such as \"1.0.0\", or remove it",
            ));
            String::new()
        }
        Some((v, _)) => v.clone(),
        None => "1.0.0".into(),
    };
    let entries: Vec<&RawEntry> = tree
        .order
        .iter()
        .map(|(node, _, _)| match node {
            Node::Standard(s) => &raw.standards[*s].entry,
            Node::Element(e) => &raw.elements[*e].entry,
        })
        .collect();
    let item_ids = item_ids(&id, &entries, problems);
    let mut items = Vec::with_capacity(entries.len());
    for (((node, parent, _), entry), item_id) in tree.order.iter().zip(&entries).zip(&item_ids) {
        let title = Some(fold_spaces(&entry.name))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| fold_spaces(&entry.shortname));
        if title.is_empty() {
            problems.push(Pending::at(
                &entry.path,
                "this has neither a `name` nor a `shortname`",
                "give it a name: it becomes the item's title",
            ));
        } else if title.chars().count() > MAX_TITLE_CHARS {
            problems.push(Pending::at(
                &format!("{}/name", entry.path),
                format!("the name is over {MAX_TITLE_CHARS} characters"),
                "shorten it (Mahara itself keeps 255), and put the detail in the description",
            ));
        }
        if entry.description.len() > MAX_DESCRIPTION_BYTES {
            problems.push(Pending::at(
                &format!("{}/description", entry.path),
                format!("the description is over {MAX_DESCRIPTION_BYTES} bytes of text"),
                "shorten it",
            ));
        }
        items.push(Item {
            id: item_id.clone(),
            parent: parent.map(|p| item_ids[p].clone()),
            title,
            description: entry.description.clone(),
            refs: Vec::new(),
            source_id: match node {
                Node::Standard(s) => Some(tree.standard_keys[*s].clone()),
                Node::Element(e) => raw.elements[*e].key.clone(),
            },
        });
    }
    let deepest = tree.order.iter().map(|(_, _, d)| *d).max().unwrap_or(1);
    let framework = Framework {
        id,
        version,
        title: name,
        publisher: raw
            .institution
            .as_deref()
            .map(str::trim)
            .filter(|i| !i.is_empty() && *i != "all")
            .map_or_else(|| MAHARA_PUBLISHER.into(), str::to_owned),
        licence: MAHARA_LICENCE.into(),
        description: raw.description.clone(),
        source: Some(SOURCE.into()),
        levels: (1..=deepest).map(level_name).collect(),
        scale: None,
        items,
        replaces: BTreeMap::new(),
        retired: Vec::new(),
        index: ItemIndex::default(),
    };
    for message in header_over_limits(&framework) {
        problems.push(Pending::at(
            "framework",
            message,
            "shorten it in Mahara and export the matrix again",
        ));
    }
    Some(framework)
}

/// "Standard", "Element", "Sub-element", then "Sub-element (level 4)" and so on.
fn level_name(depth: usize) -> String {
    match depth {
        1 => "Standard".into(),
        2 => "Element".into(),
        3 => "Sub-element".into(),
        n => format!("Sub-element (level {n})"),
    }
}

/// Item ids: the one Ward to Board wrote into the file, else `<framework>.<slug>` of the
/// shortname (or name), numbered where two are alike.
fn item_ids(framework: &str, entries: &[&RawEntry], problems: &mut Vec<Pending>) -> Vec<String> {
    let prefix = format!("{framework}.");
    let mut seen = HashSet::new();
    let preferred: Vec<Option<String>> = entries
        .iter()
        .map(|entry| {
            let (own, at) = entry.own_id.as_ref()?;
            if !is_valid_id(own) || !own.starts_with(&prefix) {
                problems.push(Pending::at(
                    at,
                    format!("`{WARDTOBOARD_ID}` `{own}` is not an id of framework `{framework}`"),
                    format!("remove the field to make an id from the shortname, or start it with `{prefix}`"),
                ));
            } else if !seen.insert(own.as_str()) {
                problems.push(Pending::at(
                    at,
                    format!("`{WARDTOBOARD_ID}` `{own}` is used twice"),
                    "remove the field from one of them to make an id from its shortname",
                ));
            }
            Some(own.clone())
        })
        .collect();
    let bases: Vec<String> = entries
        .iter()
        .map(|entry| {
            let base = [&entry.shortname, &entry.name]
                .into_iter()
                .map(|n| slug(n))
                .find(|s| !s.is_empty())
                .unwrap_or_else(|| "item".into());
            format!("{prefix}{base}")
        })
        .collect();
    unique_keys(&preferred, &HashSet::new(), |index, attempt| {
        numbered(&bases[index], attempt)
    })
}

/// White space folded to single spaces and trimmed, as a title should be.
fn fold_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Problems with their lines and columns, at most [`MAX_PROBLEMS`] of them.
fn placed(file: &str, text: &str, pending: Vec<Pending>) -> Vec<Problem> {
    let offsets: HashMap<String, usize> = if pending.iter().any(|p| p.path.is_some()) {
        locate::value_offsets(text)
    } else {
        HashMap::new()
    };
    let total = pending.len();
    let mut problems: Vec<Problem> = pending
        .into_iter()
        .take(MAX_PROBLEMS)
        .map(|p| {
            let problem = Problem::in_file(file, p.message, p.hint);
            // A missing field is placed at the object that lacks it.
            let at = p.path.as_deref().and_then(|path| {
                offsets.get(path).or_else(|| {
                    path.rsplit_once('/')
                        .and_then(|(object, _)| offsets.get(object))
                })
            });
            match at {
                Some(&offset) => {
                    let (line, column) = line_col(text, offset);
                    problem.at(line, column)
                }
                None => problem,
            }
        })
        .collect();
    if total > MAX_PROBLEMS {
        problems.push(Problem::in_file(
            file,
            format!("and {} more problems", total - MAX_PROBLEMS),
            format!("fix these first; {HINT}"),
        ));
    }
    problems
}

#[cfg(test)]
mod tests;
