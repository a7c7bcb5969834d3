//! The framework's scale: Moodle's comma-separated scale values and its JSON scale
//! configuration to our `Scale`, and back. Our levels have no "default" or "proficient" flag,
//! so proficiency is kept as the level's description (shown when a learner rates) and read
//! back from it on export; Moodle's default level is not kept.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::csv::Cell;
use super::problem_at;
use crate::frameworks::{Level, Scale};
use crate::packs::problem::Problem;

/// The description of a level Moodle marks as proficient.
pub(super) const PROFICIENT: &str =
    "Proficient: Moodle counts a rating at this level as competent.";

/// Moodle names the scale its import creates after the framework: we do the same.
pub(super) fn scale_name(framework_title: &str) -> String {
    format!("Competency scale: {framework_title}")
}

/// The scale from the framework row's two scale cells; `None` when it has no values. A
/// configuration that marks no level proficient marks the top one, as export does, since
/// Moodle needs at least one.
pub(super) fn read_scale(
    file: &str,
    values: &Cell,
    config: &Cell,
    framework_title: &str,
) -> Result<Option<Scale>, Problem> {
    let labels: Vec<&str> = values
        .text
        .split(',')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if labels.is_empty() {
        return Ok(None);
    }
    let mut proficient = proficient_levels(file, config)?;
    if let Some(&beyond) = proficient.iter().find(|&&n| n == 0 || n > labels.len()) {
        return Err(problem_at(
            file,
            config,
            format!(
                "the scale configuration marks value {beyond}, but the scale has values 1 to {}",
                labels.len()
            ),
            "export the framework from Moodle again, or clear the cell",
        ));
    }
    if proficient.is_empty() {
        proficient.insert(labels.len());
    }
    let levels = labels
        .iter()
        .zip(1..)
        .map(|(label, value)| Level {
            value,
            label: (*label).to_owned(),
            description: if proficient.contains(&(value as usize)) {
                PROFICIENT.to_owned()
            } else {
                String::new()
            },
        })
        .collect();
    Ok(Some(Scale {
        name: scale_name(framework_title),
        levels,
    }))
}

/// The values (1-based) Moodle's configuration marks proficient. It is a JSON list: first
/// `{"scaleid": ...}`, then `{"id": n, "scaledefault": 0|1, "proficient": 0|1}` per value.
fn proficient_levels(file: &str, config: &Cell) -> Result<BTreeSet<usize>, Problem> {
    let mut marked = BTreeSet::new();
    if config.text.trim().is_empty() {
        return Ok(marked);
    }
    let bad = || {
        problem_at(
            file,
            config,
            "the scale configuration is not the JSON list Moodle writes".to_owned(),
            "export the framework from Moodle again, or clear the cell (the top value is then \
             taken as proficient)",
        )
    };
    let parsed: Value = serde_json::from_str(&config.text).map_err(|_| bad())?;
    let entries = parsed.as_array().ok_or_else(bad)?;
    for entry in entries {
        let Some(id) = entry.get("id") else { continue };
        let id = number(id).ok_or_else(bad)?;
        if entry.get("proficient").and_then(number) == Some(1) {
            marked.insert(id);
        }
    }
    Ok(marked)
}

/// Moodle writes these numbers as JSON numbers or strings, depending on its version.
fn number(value: &Value) -> Option<usize> {
    match value {
        Value::Number(n) => n.as_u64().and_then(|n| usize::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(usize::from(*b)),
        _ => None,
    }
}

/// The scale values and configuration cells for `scale`. Moodle separates values with commas,
/// so a comma inside a label becomes a semicolon. The proficient levels are those described
/// as such (the top one when none is); the first proficient level is also the default.
pub(super) fn write_scale(scale: &Scale) -> (String, String) {
    let values = scale
        .levels
        .iter()
        .map(|l| l.label.replace(',', ";"))
        .collect::<Vec<_>>()
        .join(",");
    let mut proficient: Vec<u32> = scale
        .levels
        .iter()
        .filter(|l| l.description == PROFICIENT)
        .map(|l| l.value)
        .collect();
    if proficient.is_empty() {
        proficient.extend(scale.levels.last().map(|l| l.value));
    }
    let default = proficient.first().copied();
    let mut config = vec![json!({ "scaleid": "0" })];
    config.extend(scale.levels.iter().map(|l| {
        json!({
            "id": l.value,
            "scaledefault": u8::from(Some(l.value) == default),
            "proficient": u8::from(proficient.contains(&l.value)),
        })
    }));
    (values, Value::Array(config).to_string())
}
