//! The checks on a framework as read: ids, versions, scale, the tree (parents before
//! children, depth), sizes, cross references and `replaces`, each problem placed at the
//! line and column the author wrote.

use std::collections::{HashMap, HashSet};

use super::{Placed, Spans};
use crate::frameworks::{
    Framework, MAX_DEPTH, MAX_DESCRIPTION_BYTES, MAX_ID_BYTES, MAX_ITEMS, MAX_SCALE_LEVELS,
    MAX_TITLE_CHARS,
};
use crate::packs::problem::{line_col, Problem};

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

/// What in a framework's own fields (not its items) is over a limit, one message each:
/// its title, publisher, licence, source and description, its level names and its scale.
/// Every reader (framework files, Moodle, Mahara) holds what it made to these, so no format is
/// a way round them. Messages name the field, never repeat its text (which may be megabytes).
pub(crate) fn header_over_limits(fw: &Framework) -> Vec<String> {
    let mut over = Vec::new();
    let mut title_like = vec![
        ("title", fw.title.as_str()),
        ("publisher", fw.publisher.as_str()),
        ("licence", fw.licence.as_str()),
        ("source", fw.source.as_deref().unwrap_or_default()),
    ];
    if let Some(scale) = &fw.scale {
        title_like.push(("scale's name", scale.name.as_str()));
        title_like.extend(
            scale
                .levels
                .iter()
                .map(|l| ("scale's level label", l.label.as_str())),
        );
    }
    title_like.extend(fw.levels.iter().map(|l| ("level name", l.as_str())));
    for (field, text) in title_like {
        if text.chars().count() > MAX_TITLE_CHARS {
            over.push(format!(
                "the framework's {field} is over {MAX_TITLE_CHARS} characters"
            ));
        }
    }
    let mut described = vec![fw.description.as_str()];
    if let Some(scale) = &fw.scale {
        described.extend(scale.levels.iter().map(|l| l.description.as_str()));
    }
    if described.iter().any(|d| d.len() > MAX_DESCRIPTION_BYTES) {
        over.push(format!(
            "a description of the framework or its scale is over {MAX_DESCRIPTION_BYTES} bytes"
        ));
    }
    if fw.levels.len() > MAX_DEPTH {
        over.push(format!(
            "the framework names {} levels; at most {MAX_DEPTH} are allowed",
            fw.levels.len()
        ));
    }
    if let Some(scale) = fw
        .scale
        .as_ref()
        .filter(|s| s.levels.len() > MAX_SCALE_LEVELS)
    {
        over.push(format!(
            "the scale has {} levels; at most {MAX_SCALE_LEVELS} are allowed",
            scale.levels.len()
        ));
    }
    over.dedup();
    over
}

pub(super) fn check(
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
    problems.extend(header_over_limits(fw).into_iter().map(|message| {
        Problem::in_file(file, message, "shorten it; see docs/framework-format.md")
    }));
    if let Some(scale) = fw
        .scale
        .as_ref()
        .filter(|s| s.levels.len() <= MAX_SCALE_LEVELS)
    {
        let values: Vec<u32> = scale.levels.iter().map(|l| l.value).collect();
        if values.is_empty() || values.iter().enumerate().any(|(i, v)| *v as usize != i + 1) {
            problems.push(at(
                spans.scale.unwrap_or(0),
                format!("scale values are {values:?}; they must count up from 1"),
                "number the levels 1, 2, 3, ...",
            ));
        }
    }
    if spans.replaces.len() > MAX_ITEMS {
        problems.push(Problem::in_file(
            file,
            format!(
                "`replaces` moves {} items; at most {MAX_ITEMS} are allowed",
                spans.replaces.len()
            ),
            "a framework has at most that many items to move",
        ));
        return;
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
