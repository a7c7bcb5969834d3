//! The competency rows as a tree: every ID number unique, every parent present, no loops, no
//! deeper than `MAX_DEPTH`, and an order with each parent before its children that keeps the
//! file's order wherever the file already has it.

use std::collections::HashMap;

use super::csv::Record;
use super::{problem_at, ID_NUMBER, PARENT, SHORT_NAME};
use crate::frameworks::MAX_DEPTH;
use crate::packs::problem::Problem;

/// The competencies' parents (as row indexes) and the order to emit them in.
pub(super) struct Tree<'a> {
    pub by_id_number: HashMap<&'a str, usize>,
    pub parents: Vec<Option<usize>>,
    pub order: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    New,
    OnPath,
    Depth(usize),
    /// In a loop, or below one: reported once, at the loop.
    Looped,
}

/// Checks the rows' ID numbers, short names and parents, and orders them.
pub(super) fn tree<'a>(file: &str, rows: &[&'a Record]) -> Result<Tree<'a>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut by_id_number: HashMap<&str, usize> = HashMap::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let id_cell = &row.cells[ID_NUMBER];
        let id_number = id_cell.text.trim();
        if id_number.is_empty() {
            problems.push(problem_at(
                file,
                id_cell,
                "this competency has no ID number".to_owned(),
                "give every competency a unique ID number; children name their parent by it",
            ));
        } else if let Some(&first) = by_id_number.get(id_number) {
            problems.push(problem_at(
                file,
                id_cell,
                format!(
                    "ID number `{id_number}` is already used on line {}",
                    rows[first].line
                ),
                "give every competency a unique ID number",
            ));
        } else {
            by_id_number.insert(id_number, i);
        }
        if row.cells[SHORT_NAME].text.trim().is_empty() {
            problems.push(problem_at(
                file,
                &row.cells[SHORT_NAME],
                format!("competency `{id_number}` has no short name"),
                "give every competency a short name: it is the title learners see",
            ));
        }
    }
    let mut parents = Vec::with_capacity(rows.len());
    for row in rows {
        let cell = &row.cells[PARENT];
        let parent = cell.text.trim();
        if parent.is_empty() {
            parents.push(None);
        } else if let Some(&p) = by_id_number.get(parent) {
            parents.push(Some(p));
        } else {
            parents.push(None);
            problems.push(problem_at(
                file,
                cell,
                format!(
                    "the parent ID number `{parent}` of `{}` is not in the file",
                    row.cells[ID_NUMBER].text.trim()
                ),
                "check the spelling, add the parent competency, or leave the cell empty for a \
                 top-level competency",
            ));
        }
    }
    if problems.is_empty() {
        check_shape(file, rows, &parents, &mut problems);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let order = order(&parents);
    Ok(Tree {
        by_id_number,
        parents,
        order,
    })
}

/// Finds loops of parents and competencies nested too deep, walking each chain once.
fn check_shape(file: &str, rows: &[&Record], parents: &[Option<usize>], out: &mut Vec<Problem>) {
    let mut visit = vec![Visit::New; rows.len()];
    let mut path = Vec::new();
    for start in 0..rows.len() {
        path.clear();
        let mut current = start;
        // What the chain above `path` ends in: a known depth, the top, or a loop.
        let above = loop {
            match visit[current] {
                Visit::Depth(d) => break Some(d),
                Visit::Looped => break None,
                Visit::OnPath => {
                    let from = path.iter().position(|&p| p == current).unwrap_or(0);
                    out.push(loop_problem(file, rows, &path[from..]));
                    break None;
                }
                Visit::New => {
                    visit[current] = Visit::OnPath;
                    path.push(current);
                    match parents[current] {
                        Some(p) => current = p,
                        None => break Some(0),
                    }
                }
            }
        };
        for (n, &i) in path.iter().rev().enumerate() {
            visit[i] = match above {
                None => Visit::Looped,
                Some(d) => {
                    let depth = d + n + 1;
                    if depth == MAX_DEPTH + 1 {
                        out.push(problem_at(
                            file,
                            &rows[i].cells[ID_NUMBER],
                            format!(
                                "`{}` is nested {depth} levels deep; at most {MAX_DEPTH} are \
                                 allowed",
                                rows[i].cells[ID_NUMBER].text.trim()
                            ),
                            "move the deepest competencies up a level in Moodle before exporting",
                        ));
                    }
                    Visit::Depth(depth)
                }
            };
        }
    }
}

/// "`a` → `b` → `a`", reported at the loop's first row in the file.
fn loop_problem(file: &str, rows: &[&Record], cycle: &[usize]) -> Problem {
    let first = cycle.iter().copied().min().unwrap_or(0);
    let at = cycle.iter().position(|&i| i == first).unwrap_or(0);
    let mut names: Vec<String> = cycle[at..]
        .iter()
        .chain(&cycle[..at])
        .map(|&i| format!("`{}`", rows[i].cells[ID_NUMBER].text.trim()))
        .collect();
    names.extend(names.first().cloned());
    problem_at(
        file,
        &rows[first].cells[PARENT],
        format!(
            "these competencies are each other's parents: {}",
            names.join(" → ")
        ),
        "give one of them a parent outside the loop, or none",
    )
}

/// Rows in file order, except that a child written before its parent follows the parent.
fn order(parents: &[Option<usize>]) -> Vec<usize> {
    let mut emitted = vec![false; parents.len()];
    let mut waiting: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut order = Vec::with_capacity(parents.len());
    let mut stack = Vec::new();
    for (i, parent) in parents.iter().enumerate() {
        match *parent {
            Some(p) if !emitted[p] => waiting.entry(p).or_default().push(i),
            _ => {
                stack.push(i);
                while let Some(next) = stack.pop() {
                    emitted[next] = true;
                    order.push(next);
                    if let Some(children) = waiting.remove(&next) {
                        stack.extend(children.into_iter().rev());
                    }
                }
            }
        }
    }
    order
}
