//! The matrix's tree: which standard each element belongs to, which element is its parent,
//! and the order items are listed in (each standard, then its elements depth first, siblings
//! in file order). Broken references, duplicate ids, cycles and over-deep nesting are found
//! here; every walk is iterative, so a chain of thousands of elements is safe.

use std::collections::{HashMap, HashSet};

use super::ids::unique_keys;
use super::read::{RawFramework, StandardRef};
use super::Pending;
use crate::frameworks::MAX_DEPTH;

/// One item in the order it will be listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Node {
    Standard(usize),
    Element(usize),
}

#[derive(Debug)]
pub(super) struct Tree {
    /// Each standard's id in the file, or its position where it has none.
    pub standard_keys: Vec<String>,
    /// Items in order, each with its parent's position in this list and its depth.
    pub order: Vec<(Node, Option<usize>, usize)>,
}

pub(super) fn build_tree(raw: &RawFramework, problems: &mut Vec<Pending>) -> Tree {
    let standard_keys = standard_keys(raw, problems);
    // Only a standardid written in the file can be named: a numbered standard is found by
    // position, and Mahara would not attach an element to it either.
    let by_key: HashMap<&str, usize> = raw
        .standards
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((s.key.as_deref()?, i)))
        .collect();
    let mut standard_of: Vec<Option<usize>> = Vec::with_capacity(raw.elements.len());
    for element in &raw.elements {
        standard_of.push(match &element.standard {
            StandardRef::Nested(s) => Some(*s),
            StandardRef::Named(key, at) => {
                let found = by_key.get(key.as_str()).copied();
                if found.is_none() {
                    problems.push(Pending::at(
                        at,
                        format!(
                            "element {} belongs to standard `{key}`, but no standard has that standardid",
                            element.label()
                        ),
                        "use the standardid of one of the standards, or add the standard",
                    ));
                }
                found
            }
        });
    }
    let mut element_by_key: HashMap<&str, usize> = HashMap::new();
    for (e, element) in raw.elements.iter().enumerate() {
        if let Some(key) = element.key.as_deref() {
            if element_by_key.insert(key, e).is_some() {
                problems.push(Pending::at(
                    &format!("{}/elementid", element.entry.path),
                    format!("elementid `{key}` is used by more than one element"),
                    "give every element its own elementid",
                ));
            }
        }
    }
    // The first element with a key is the one Mahara links children to.
    for (e, element) in raw.elements.iter().enumerate().rev() {
        if let Some(key) = element.key.as_deref() {
            element_by_key.insert(key, e);
        }
    }
    let mut parent_of: Vec<Option<usize>> = vec![None; raw.elements.len()];
    let mut broken: Vec<bool> = standard_of.iter().map(Option::is_none).collect();
    for (e, element) in raw.elements.iter().enumerate() {
        let Some((key, at)) = &element.parent else {
            continue;
        };
        match element_by_key.get(key.as_str()) {
            None => {
                problems.push(Pending::at(
                    at,
                    format!(
                        "element {} has parent `{key}`, but no element has that elementid",
                        element.label()
                    ),
                    "use the elementid of another element, or remove the parent to put it directly under its standard",
                ));
                broken[e] = true;
            }
            Some(&p) => {
                if let (Some(mine), Some(theirs)) = (standard_of[e], standard_of[p]) {
                    if mine != theirs {
                        problems.push(Pending::at(
                            at,
                            format!(
                                "element {} is in standard `{}` but its parent `{key}` is in standard `{}`",
                                element.label(),
                                standard_keys[mine],
                                standard_keys[theirs]
                            ),
                            "give the element the standardid of its parent",
                        ));
                        broken[e] = true;
                    }
                }
                parent_of[e] = Some(p);
            }
        }
    }
    let depth = depths(raw, &parent_of, &mut broken, problems);
    Tree {
        order: order(raw.standards.len(), &standard_of, &parent_of, &depth),
        standard_keys,
    }
}

/// Explicit `standardid`s, which must differ; a standard without one (older files) takes its
/// position, as Mahara numbers standards when it exports, or the next free number.
fn standard_keys(raw: &RawFramework, problems: &mut Vec<Pending>) -> Vec<String> {
    let mut seen = HashSet::new();
    for standard in &raw.standards {
        if let Some(key) = &standard.key {
            if !seen.insert(key.as_str()) {
                problems.push(Pending::at(
                    &format!("{}/standardid", standard.entry.path),
                    format!("standardid `{key}` is used by more than one standard"),
                    "give every standard its own standardid",
                ));
            }
        }
    }
    let preferred: Vec<Option<String>> = raw.standards.iter().map(|s| s.key.clone()).collect();
    unique_keys(&preferred, &HashSet::new(), |index, attempt| {
        (index + 1 + attempt).to_string()
    })
}

/// Each element's depth (a standard is 1), found by walking up to a known depth. A cycle of
/// parents and anything nested past [`MAX_DEPTH`] is reported once; what hangs below a broken
/// element is left out quietly (`None`), since its own problem names the cause.
fn depths(
    raw: &RawFramework,
    parent_of: &[Option<usize>],
    broken: &mut [bool],
    problems: &mut Vec<Pending>,
) -> Vec<Option<usize>> {
    const UNSEEN: u8 = 0;
    const WALKING: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![UNSEEN; parent_of.len()];
    let mut depth: Vec<Option<usize>> = vec![None; parent_of.len()];
    for start in 0..parent_of.len() {
        let mut walk = Vec::new();
        let mut at = start;
        // Depth of the element above the walk: known, or None when the walk is broken.
        let above: Option<usize> = loop {
            match state[at] {
                DONE => break depth[at],
                WALKING => {
                    let from = walk.iter().position(|&w| w == at).unwrap_or(0);
                    let cycle: Vec<String> = walk[from..]
                        .iter()
                        .chain([&at])
                        .map(|&e| raw.elements[e].label())
                        .collect();
                    problems.push(Pending::at(
                        &raw.elements[at].entry.path,
                        format!("elements are each other's parents: {}", cycle.join(" → ")),
                        "break the loop: one of them must hang from a standard or another element",
                    ));
                    for &e in &walk[from..] {
                        broken[e] = true;
                    }
                    break None;
                }
                _ => {}
            }
            state[at] = WALKING;
            walk.push(at);
            if broken[at] {
                break None;
            }
            match parent_of[at] {
                Some(p) => at = p,
                None => break Some(1),
            }
        };
        let mut above = above;
        for &e in walk.iter().rev() {
            state[e] = DONE;
            above = match above {
                Some(d) if !broken[e] => {
                    if d + 1 == MAX_DEPTH + 1 {
                        problems.push(Pending::at(
                            &raw.elements[e].entry.path,
                            format!(
                                "element {} is nested {} levels deep; at most {MAX_DEPTH} are allowed",
                                raw.elements[e].label(),
                                d + 1
                            ),
                            "hang it (and what is below it) from an element higher up",
                        ));
                    }
                    (d < MAX_DEPTH).then_some(d + 1)
                }
                _ => None,
            };
            depth[e] = above;
        }
    }
    depth
}

/// Standards in order, each followed by its elements depth first; siblings keep file order.
fn order(
    standards: usize,
    standard_of: &[Option<usize>],
    parent_of: &[Option<usize>],
    depth: &[Option<usize>],
) -> Vec<(Node, Option<usize>, usize)> {
    let mut top: Vec<Vec<usize>> = vec![Vec::new(); standards];
    let mut below: Vec<Vec<usize>> = vec![Vec::new(); parent_of.len()];
    for e in 0..parent_of.len() {
        if depth[e].is_none() {
            continue;
        }
        match (parent_of[e], standard_of[e]) {
            (Some(p), _) => below[p].push(e),
            (None, Some(s)) => top[s].push(e),
            (None, None) => {}
        }
    }
    let mut order = Vec::with_capacity(standards + parent_of.len());
    for (s, elements) in top.iter().enumerate() {
        let at = order.len();
        order.push((Node::Standard(s), None, 1));
        let mut stack: Vec<(usize, usize)> = elements.iter().rev().map(|&e| (e, at)).collect();
        while let Some((e, parent_at)) = stack.pop() {
            let mine = order.len();
            order.push((Node::Element(e), Some(parent_at), depth[e].unwrap_or(2)));
            stack.extend(below[e].iter().rev().map(|&c| (c, mine)));
        }
    }
    order
}
