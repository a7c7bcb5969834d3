//! Reading a framework file: format 1 (three fixed levels: domains, elements, behaviours) and
//! format 2 (a flat list of items of any depth, each naming its parent). Every problem is
//! reported at once, with the file, line and column where the author can fix it.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{Framework, Item, ItemIndex, Level, Scale, FRAMEWORK_FORMAT, MAX_FILE_BYTES};
use crate::packs::problem::{line_col, FrameworkError, Problem};

mod check;

pub(crate) use check::{header_over_limits, is_valid_id};

const HINT: &str = "see docs/framework-format.md";

#[derive(Deserialize)]
struct Head {
    format: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV1 {
    #[allow(dead_code)]
    format: u32,
    id: Spanned<String>,
    version: Spanned<String>,
    title: String,
    publisher: String,
    licence: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    source: Option<String>,
    scale: Option<ScaleFile>,
    domains: Vec<DomainV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleFile {
    name: String,
    levels: Spanned<Vec<LevelFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelFile {
    value: u32,
    label: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DomainV1 {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    elements: Vec<ElementV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ElementV1 {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    behaviours: Vec<BehaviourV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BehaviourV1 {
    id: Spanned<String>,
    statement: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV2 {
    #[allow(dead_code)]
    format: u32,
    id: Spanned<String>,
    version: Spanned<String>,
    title: String,
    publisher: String,
    licence: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    levels: Vec<String>,
    scale: Option<ScaleFile>,
    #[serde(default)]
    replaces: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    items: Vec<ItemV2>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemV2 {
    id: Spanned<String>,
    #[serde(default)]
    parent: Option<Spanned<String>>,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    refs: Vec<Spanned<String>>,
    #[serde(default)]
    source_id: Option<String>,
}

/// An item as read, with where its id is written, for problems.
pub(super) struct Placed {
    item: Item,
    at: usize,
    parent_at: usize,
    refs_at: Vec<usize>,
}

/// Parses and checks a framework file; `file` names it in problems.
pub fn parse_framework(file: &str, text: &str) -> Result<Framework, FrameworkError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(one(Problem::in_file(
            file,
            format!(
                "the file is {} MB; a framework file may be at most {} MB",
                text.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            "split it into smaller frameworks",
        )));
    }
    let text = crate::packs::normalise(text);
    let head: Head = parse(file, &text)?;
    let format = head.format.map(|f| (*f.get_ref(), f.span().start));
    let (framework, placed, spans) = match format {
        Some((1, _)) => from_v1(parse(file, &text)?),
        Some((2, _)) => from_v2(parse(file, &text)?),
        Some((n, at)) => {
            let (line, column) = line_col(&text, at);
            return Err(one(Problem::in_file(
                file,
                format!("format {n} is not one this app reads (it reads 1 and {FRAMEWORK_FORMAT})"),
                "update Ward to Board, or write the file in a format it reads",
            )
            .at(line, column)));
        }
        None => {
            return Err(one(Problem::in_file(
                file,
                "the file has no `format` line",
                format!("start it with `format = {FRAMEWORK_FORMAT}`; {HINT}"),
            )
            .at(1, 1)))
        }
    };
    let mut problems = Vec::new();
    check::check(file, &text, &framework, &placed, &spans, &mut problems);
    if problems.is_empty() {
        Ok(Framework {
            items: placed.into_iter().map(|p| p.item).collect(),
            ..framework
        })
    } else {
        Err(FrameworkError { problems })
    }
}

fn one(problem: Problem) -> FrameworkError {
    FrameworkError {
        problems: vec![problem],
    }
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, FrameworkError> {
    crate::packs::toml_at(file, text, 0, HINT).map_err(one)
}

/// Where the header fields are written, for problems about them.
pub(super) struct Spans {
    id: usize,
    version: usize,
    scale: Option<usize>,
    replaces: Vec<(String, String, usize)>,
}

fn scale_of(scale: Option<ScaleFile>) -> (Option<Scale>, Option<usize>) {
    match scale {
        None => (None, None),
        Some(s) => {
            let at = s.levels.span().start;
            let levels = s
                .levels
                .into_inner()
                .into_iter()
                .map(|l| Level {
                    value: l.value,
                    label: l.label,
                    description: l.description,
                })
                .collect();
            (
                Some(Scale {
                    name: s.name,
                    levels,
                }),
                Some(at),
            )
        }
    }
}

fn from_v1(f: FileV1) -> (Framework, Vec<Placed>, Spans) {
    let (scale, scale_at) = scale_of(f.scale);
    let mut placed = Vec::new();
    let leaf =
        |id: &Spanned<String>, parent: Option<&Spanned<String>>, title, description| Placed {
            item: Item {
                id: id.get_ref().clone(),
                parent: parent.map(|p| p.get_ref().clone()),
                title,
                description,
                refs: Vec::new(),
                source_id: None,
            },
            at: id.span().start,
            parent_at: id.span().start,
            refs_at: Vec::new(),
        };
    for d in f.domains {
        placed.push(leaf(&d.id, None, d.title, d.summary));
        for e in d.elements {
            placed.push(leaf(&e.id, Some(&d.id), e.title, e.summary));
            for b in e.behaviours {
                placed.push(leaf(&b.id, Some(&e.id), b.statement, String::new()));
            }
        }
    }
    let spans = Spans {
        id: f.id.span().start,
        version: f.version.span().start,
        scale: scale_at,
        replaces: Vec::new(),
    };
    let framework = Framework {
        id: f.id.into_inner(),
        version: f.version.into_inner(),
        title: f.title,
        publisher: f.publisher,
        licence: f.licence,
        description: f.description,
        source: f.source,
        levels: vec!["Domain".into(), "Element".into(), "Behaviour".into()],
        scale,
        items: Vec::new(),
        replaces: BTreeMap::new(),
        retired: Vec::new(),
        index: ItemIndex::default(),
    };
    (framework, placed, spans)
}

fn from_v2(f: FileV2) -> (Framework, Vec<Placed>, Spans) {
    let (scale, scale_at) = scale_of(f.scale);
    let placed = f
        .items
        .into_iter()
        .map(|i| {
            let at = i.id.span().start;
            Placed {
                parent_at: i.parent.as_ref().map_or(at, |p| p.span().start),
                refs_at: i.refs.iter().map(|r| r.span().start).collect(),
                item: Item {
                    id: i.id.into_inner(),
                    parent: i.parent.map(Spanned::into_inner),
                    title: i.title,
                    description: i.description,
                    refs: i.refs.into_iter().map(Spanned::into_inner).collect(),
                    source_id: i.source_id,
                },
                at,
            }
        })
        .collect();
    let spans = Spans {
        id: f.id.span().start,
        version: f.version.span().start,
        scale: scale_at,
        replaces: f
            .replaces
            .iter()
            .map(|(old, new)| (old.clone(), new.get_ref().clone(), new.span().start))
            .collect(),
    };
    let framework = Framework {
        id: f.id.into_inner(),
        version: f.version.into_inner(),
        title: f.title,
        publisher: f.publisher,
        licence: f.licence,
        description: f.description,
        source: f.source,
        levels: f.levels,
        scale,
        items: Vec::new(),
        replaces: f
            .replaces
            .into_iter()
            .map(|(old, new)| (old, new.into_inner()))
            .collect(),
        retired: Vec::new(),
        index: ItemIndex::default(),
    };
    (framework, placed, spans)
}
