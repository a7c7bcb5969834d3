//! Writing a framework as a matrix in the flat shape current Mahara imports: top-level items
//! become `standards`, the rest `standardelements` linked by `parentelementid`. Mahara's own
//! ids are reused where the framework kept them (`source_id`), and our ids ride along in a
//! field Mahara ignores, so reading the file back gives the same framework.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::html::text_to_html;
use super::ids::{numbered, unique_keys};
use super::MAHARA_PUBLISHER;
use crate::frameworks::{Framework, Item};

/// Mahara's column sizes: names are `char(255)`, shortnames `char(100)`.
const NAME_CHARS: usize = 255;
const SHORTNAME_CHARS: usize = 100;

#[derive(Serialize)]
struct Matrix<'a> {
    framework: FrameworkOut<'a>,
}

#[derive(Serialize)]
struct FrameworkOut<'a> {
    institution: String,
    name: String,
    description: String,
    selfassess: bool,
    #[serde(rename = "wardtoboard_id")]
    own_id: &'a str,
    #[serde(rename = "wardtoboard_version")]
    own_version: &'a str,
    standards: Vec<StandardOut<'a>>,
    standardelements: Vec<ElementOut<'a>>,
}

#[derive(Serialize)]
struct StandardOut<'a> {
    shortname: String,
    name: String,
    description: String,
    standardid: Value,
    #[serde(rename = "wardtoboard_id")]
    own_id: &'a str,
}

#[derive(Serialize)]
struct ElementOut<'a> {
    shortname: String,
    name: String,
    description: String,
    standardid: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    elementid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parentelementid: Option<&'a str>,
    #[serde(rename = "wardtoboard_id")]
    own_id: &'a str,
}

/// The framework as a `.matrix` file Mahara's "Import" tab accepts. Never fails: an item whose
/// parent is missing or part of a loop (only a framework built by hand can have one) becomes
/// a standard, so nothing is dropped.
pub fn to_mahara_matrix(fw: &Framework) -> String {
    let (order, parent) = tree_order(fw);
    let standards: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| parent[i].is_none())
        .collect();
    let elements: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| parent[i].is_some())
        .collect();
    let standard_key = keys(fw, &standards, |index, attempt| {
        (index + 1 + attempt).to_string()
    });
    let element_key = keys(fw, &elements, |index, attempt| {
        numbered(&fw.items[elements[index]].id, attempt)
    });
    let is_parent: HashSet<usize> = parent.iter().flatten().copied().collect();
    let top = |mut i: usize| {
        while let Some(p) = parent[i] {
            i = p;
        }
        i
    };
    let matrix = Matrix {
        framework: FrameworkOut {
            institution: institution(&fw.publisher),
            name: cut(&fw.title, NAME_CHARS),
            description: text_to_html(&fw.description),
            selfassess: false,
            own_id: &fw.id,
            own_version: &fw.version,
            standards: standards
                .iter()
                .map(|&i| StandardOut {
                    shortname: cut(&fw.items[i].title, SHORTNAME_CHARS),
                    name: cut(&fw.items[i].title, NAME_CHARS),
                    description: text_to_html(&fw.items[i].description),
                    standardid: id_value(standard_key.get(&i).map_or("", String::as_str)),
                    own_id: &fw.items[i].id,
                })
                .collect(),
            standardelements: elements
                .iter()
                .map(|&i| {
                    let item: &Item = &fw.items[i];
                    // A leaf needs an elementid only to keep the one it came with.
                    let keep = item.source_id.is_some() || is_parent.contains(&i);
                    ElementOut {
                        shortname: cut(&item.title, SHORTNAME_CHARS),
                        name: cut(&item.title, NAME_CHARS),
                        description: text_to_html(&item.description),
                        standardid: id_value(standard_key.get(&top(i)).map_or("", String::as_str)),
                        elementid: element_key.get(&i).map(String::as_str).filter(|_| keep),
                        parentelementid: parent[i]
                            .and_then(|p| element_key.get(&p).map(String::as_str)),
                        own_id: &item.id,
                    }
                })
                .collect(),
        },
    };
    // Plain strings, numbers and lists always serialise.
    serde_json::to_string_pretty(&matrix).unwrap_or_default()
}

/// A different key for each item at `positions`: its source id where that is free, else the
/// first free `fallback(index, attempt)`; by item position.
fn keys(
    fw: &Framework,
    positions: &[usize],
    fallback: impl Fn(usize, usize) -> String,
) -> HashMap<usize, String> {
    let preferred: Vec<Option<String>> = positions
        .iter()
        .map(|&i| fw.items[i].source_id.clone())
        .collect();
    positions
        .iter()
        .copied()
        .zip(unique_keys(&preferred, &HashSet::new(), fallback))
        .collect()
}

/// Items depth first from each top-level item, with each item's parent by position. Items a
/// walk from the top never reaches (a missing parent, a loop) start walks of their own.
fn tree_order(fw: &Framework) -> (Vec<usize>, Vec<Option<usize>>) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, item) in fw.items.iter().enumerate() {
        first.entry(item.id.as_str()).or_insert(i);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); fw.items.len()];
    let mut roots = Vec::new();
    for (i, item) in fw.items.iter().enumerate() {
        match item.parent.as_deref().and_then(|p| first.get(p)) {
            Some(&p) if p != i => children[p].push(i),
            _ => roots.push(i),
        }
    }
    let mut parent: Vec<Option<usize>> = vec![None; fw.items.len()];
    let mut seen = vec![false; fw.items.len()];
    let mut order = Vec::with_capacity(fw.items.len());
    let starts: Vec<usize> = roots.into_iter().chain(0..fw.items.len()).collect();
    for start in starts {
        if seen[start] {
            continue;
        }
        let mut stack = vec![(start, None)];
        while let Some((i, above)) = stack.pop() {
            if seen[i] {
                continue;
            }
            seen[i] = true;
            parent[i] = above;
            order.push(i);
            stack.extend(children[i].iter().rev().map(|&c| (c, Some(i))));
        }
    }
    (order, parent)
}

/// Mahara's `institution` is an institution's short name or "all"; a publisher that cannot be
/// one (spaces, capitals) is written as "all".
fn institution(publisher: &str) -> String {
    let short = !publisher.is_empty()
        && publisher.len() <= NAME_CHARS
        && publisher
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if short && publisher != MAHARA_PUBLISHER {
        publisher.to_owned()
    } else {
        "all".into()
    }
}

/// A standardid as Mahara writes it: a number when it is one, else text.
fn id_value(key: &str) -> Value {
    let plain = key.len() <= 15
        && !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_digit())
        && (key == "0" || !key.starts_with('0'));
    match key.parse::<u64>() {
        Ok(n) if plain => Value::from(n),
        _ => Value::from(key),
    }
}

/// `text` cut to `chars` characters, marked with an ellipsis where it was cut.
fn cut(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(chars - 1).collect();
        short.push('…');
        short
    }
}
