//! Frameworks: the domains, elements and behaviours that lessons and portfolio evidence map
//! to, with the rating scale. Frameworks are data (TOML files), never code; the app ships
//! three, embedded at build time.

use std::collections::HashSet;

use serde::Deserialize;

use crate::packs::{PackError, Problem};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub format: u32,
    pub id: String,
    pub version: String,
    pub title: String,
    pub publisher: String,
    pub licence: String,
    #[serde(default)]
    pub description: String,
    /// Where the structure comes from, for frameworks that are not our own.
    #[serde(default)]
    pub source: Option<String>,
    pub scale: Scale,
    pub domains: Vec<Domain>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub name: String,
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub value: u32,
    pub label: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub elements: Vec<Element>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Element {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub behaviours: Vec<Behaviour>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Behaviour {
    pub id: String,
    pub statement: String,
}

impl Framework {
    /// Every id a lesson or entry may map to: elements and behaviours (a names-only
    /// framework has no behaviours, so evidence maps to its elements).
    pub fn mappable_ids(&self) -> HashSet<&str> {
        self.domains
            .iter()
            .flat_map(|d| &d.elements)
            .flat_map(|e| {
                std::iter::once(e.id.as_str()).chain(e.behaviours.iter().map(|b| b.id.as_str()))
            })
            .collect()
    }
}

/// Parses and checks a framework file; `file` names it in problems.
pub fn parse_framework(file: &str, text: &str) -> Result<Framework, PackError> {
    let text = crate::packs::normalise(text);
    let framework: Framework =
        crate::packs::toml_at(file, &text, 0, "see docs/framework-format.md").map_err(
            |problem| PackError {
                problems: vec![problem],
            },
        )?;
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let prefix = format!("{}.", framework.id);
    let ids =
        std::iter::once(framework.id.as_str()).chain(framework.domains.iter().flat_map(|d| {
            std::iter::once(d.id.as_str()).chain(d.elements.iter().flat_map(|e| {
                std::iter::once(e.id.as_str()).chain(e.behaviours.iter().map(|b| b.id.as_str()))
            }))
        }));
    for id in ids {
        if !seen.insert(id) {
            problems.push(Problem::in_file(
                file,
                format!("id `{id}` is used twice"),
                "every id must be unique",
            ));
        }
        if id != framework.id && !id.starts_with(&prefix) {
            problems.push(Problem::in_file(
                file,
                format!("id `{id}` does not start with `{prefix}`"),
                "prefix every id with the framework's id, so ids never clash between frameworks",
            ));
        }
    }
    let values: Vec<u32> = framework.scale.levels.iter().map(|l| l.value).collect();
    if values.is_empty() || values.iter().enumerate().any(|(i, v)| *v as usize != i + 1) {
        problems.push(Problem::in_file(
            file,
            format!("scale values are {values:?}; they must count up from 1"),
            "number the levels 1, 2, 3, ...",
        ));
    }
    if problems.is_empty() {
        Ok(framework)
    } else {
        Err(PackError { problems })
    }
}

static BUILTIN: &[(&str, &str)] = &[
    (
        "frameworks/cmpf.toml",
        include_str!("../../frameworks/cmpf.toml"),
    ),
    (
        "frameworks/clcf.toml",
        include_str!("../../frameworks/clcf.toml"),
    ),
    (
        "frameworks/hlm.toml",
        include_str!("../../frameworks/hlm.toml"),
    ),
];

/// The frameworks that ship with the app.
pub fn builtin_frameworks() -> Result<Vec<Framework>, PackError> {
    BUILTIN
        .iter()
        .map(|(file, text)| parse_framework(file, text))
        .collect()
}

/// The built-in frameworks, parsed once. Their files are checked by tests, so this is empty
/// only if a broken file was shipped, and then nothing can be rated rather than the app failing.
pub fn builtin() -> &'static [Framework] {
    static PARSED: std::sync::OnceLock<Vec<Framework>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| builtin_frameworks().unwrap_or_default())
}

impl Framework {
    /// The items evidence maps to, with their domain and element: each behaviour, or each
    /// element where the framework names no behaviours.
    pub fn items(&self) -> Vec<FrameworkItem<'_>> {
        let mut items = Vec::new();
        for domain in &self.domains {
            for element in &domain.elements {
                if element.behaviours.is_empty() {
                    items.push(FrameworkItem {
                        domain,
                        element,
                        id: &element.id,
                        statement: &element.title,
                    });
                }
                for behaviour in &element.behaviours {
                    items.push(FrameworkItem {
                        domain,
                        element,
                        id: &behaviour.id,
                        statement: &behaviour.statement,
                    });
                }
            }
        }
        items
    }
}

/// One thing evidence can be mapped to, in its place in the framework.
#[derive(Debug, Clone, Copy)]
pub struct FrameworkItem<'a> {
    pub domain: &'a Domain,
    pub element: &'a Element,
    pub id: &'a str,
    pub statement: &'a str,
}

#[cfg(test)]
mod tests;
