//! Reading a framework file: format 1 (three fixed levels: domains, elements, behaviours) and
//! format 2 (a flat list of items of any depth, each naming its parent). Every problem is
//! reported at once, with the file, line and column where the author can fix it.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::{
    Framework, Item, ItemIndex, Level, Scale, FRAMEWORK_FORMAT, MAX_DEPTH, MAX_DESCRIPTION_BYTES,
    MAX_FILE_BYTES, MAX_ID_BYTES, MAX_ITEMS, MAX_TITLE_CHARS,
};
use crate::packs::problem::{line_col, FrameworkError, Problem};

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
struct Placed {
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
    check(file, &text, &framework, &placed, &spans, &mut problems);
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
struct Spans {
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

/// Whether `id` is made of lowercase letters, digits, '-', '_' and '.'.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_BYTES
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
        && !id.starts_with('.')
        && !id.ends_with('.')
        && !id.contains("..")
}

fn check(
    file: &str,
    text: &str,
    fw: &Framework,
    placed: &[Placed],
    spans: &Spans,
    problems: &mut Vec<Problem>,
) {
    let at = |offset: usize, message: String, hint: &str| {
        let (line, column) = line_col(text, offset);
        Problem::in_file(file, message, hint).at(line, column)
    };
    if !is_valid_id(&fw.id) {
        problems.push(at(
            spans.id,
            format!("the framework id `{}` is not a valid id", fw.id),
            "use lowercase letters, digits, '-', '_' and '.', at most 200 characters",
        ));
    }
    if semver::Version::parse(&fw.version).is_err() {
        problems.push(at(
            spans.version,
            format!("version `{}` is not a version number", fw.version),
            "write it as three numbers, such as \"1.0.0\"",
        ));
    }
    if let Some(scale) = &fw.scale {
        let values: Vec<u32> = scale.levels.iter().map(|l| l.value).collect();
        if values.is_empty() || values.iter().enumerate().any(|(i, v)| *v as usize != i + 1) {
            problems.push(at(
                spans.scale.unwrap_or(0),
                format!("scale values are {values:?}; they must count up from 1"),
                "number the levels 1, 2, 3, ...",
            ));
        }
    }
    if placed.len() > MAX_ITEMS {
        problems.push(Problem::in_file(
            file,
            format!(
                "the framework has {} items; at most {MAX_ITEMS} are allowed",
                placed.len()
            ),
            "split it into smaller frameworks",
        ));
        return;
    }
    if placed.is_empty() {
        problems.push(Problem::in_file(
            file,
            "the framework has no items",
            "add at least one item (or domain) for evidence to map to",
        ));
    }
    let prefix = format!("{}.", fw.id);
    let mut depth: HashMap<&str, usize> = HashMap::new();
    let all: HashSet<&str> = placed.iter().map(|p| p.item.id.as_str()).collect();
    for p in placed {
        let item = &p.item;
        if !is_valid_id(&item.id) {
            problems.push(at(
                p.at,
                format!("id `{}` is not a valid id", item.id),
                "use lowercase letters, digits, '-', '_' and '.', at most 200 characters",
            ));
        } else if !item.id.starts_with(&prefix) {
            problems.push(at(
                p.at,
                format!("id `{}` does not start with `{prefix}`", item.id),
                "prefix every id with the framework's id, so ids never clash between frameworks",
            ));
        }
        if depth.contains_key(item.id.as_str()) {
            problems.push(at(
                p.at,
                format!("id `{}` is used twice", item.id),
                "every id must be unique",
            ));
        }
        let mine = match item.parent.as_deref() {
            None => 1,
            Some(parent) => match depth.get(parent) {
                Some(d) => d + 1,
                None if all.contains(parent) => {
                    problems.push(at(
                        p.parent_at,
                        format!("parent `{parent}` of `{}` comes after it", item.id),
                        "list every item after its parent",
                    ));
                    1
                }
                None => {
                    problems.push(at(
                        p.parent_at,
                        format!("parent `{parent}` of `{}` is not in the framework", item.id),
                        "check the spelling, or add the parent item",
                    ));
                    1
                }
            },
        };
        if mine == MAX_DEPTH + 1 {
            problems.push(at(
                p.at,
                format!(
                    "`{}` is nested {mine} levels deep; at most {MAX_DEPTH} are allowed",
                    item.id
                ),
                "flatten the deepest levels into their parents",
            ));
        }
        depth.entry(&item.id).or_insert(mine);
        if item.title.trim().is_empty() {
            problems.push(at(
                p.at,
                format!("`{}` has no title", item.id),
                "give every item a title",
            ));
        }
        if item.title.chars().count() > MAX_TITLE_CHARS {
            problems.push(at(
                p.at,
                format!(
                    "the title of `{}` is over {MAX_TITLE_CHARS} characters",
                    item.id
                ),
                "shorten it, and put the detail in its description",
            ));
        }
        if item.description.len() > MAX_DESCRIPTION_BYTES {
            problems.push(at(
                p.at,
                format!(
                    "the description of `{}` is over {MAX_DESCRIPTION_BYTES} bytes",
                    item.id
                ),
                "shorten it",
            ));
        }
        for (r, r_at) in item.refs.iter().zip(&p.refs_at) {
            if !all.contains(r.as_str()) {
                problems.push(at(
                    *r_at,
                    format!(
                        "`{}` refers to `{r}`, which is not in the framework",
                        item.id
                    ),
                    "check the spelling, or remove the reference",
                ));
            }
        }
    }
    for (old, new, new_at) in &spans.replaces {
        if !all.contains(new.as_str()) {
            problems.push(at(
                *new_at,
                format!("`replaces` moves `{old}` to `{new}`, which is not in the framework"),
                "name an item of this version",
            ));
        }
        if all.contains(old.as_str()) {
            problems.push(at(
                *new_at,
                format!("`replaces` moves `{old}`, which is still in the framework"),
                "only items this version removes can be replaced",
            ));
        }
    }
}
