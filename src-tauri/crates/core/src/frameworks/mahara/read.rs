//! Reading a matrix's JSON into standards and elements, field by field, in either shape Mahara
//! imports: `standardelements` beside `standards` (current), or a `standardelement` list inside
//! each standard (older files). Nothing is resolved here: only what each field holds.

use serde_json::{Map, Value};

use super::html::{html_over_limits, html_to_text};
use super::{Pending, WARDTOBOARD_ID, WARDTOBOARD_VERSION};

/// The framework object's fields that become the framework's own.
#[derive(Debug, Default)]
pub(super) struct RawFramework {
    /// `None` when missing (already a problem).
    pub name: Option<String>,
    pub description: String,
    pub institution: Option<String>,
    pub own_id: Option<(String, String)>,
    pub own_version: Option<(String, String)>,
    pub standards: Vec<RawStandard>,
    pub elements: Vec<RawElement>,
}

/// The fields every standard and element has.
#[derive(Debug)]
pub(super) struct RawEntry {
    /// Where it is, as a path for [`super::locate`].
    pub path: String,
    pub shortname: String,
    pub name: String,
    pub description: String,
    /// Our own id, if the file was written by Ward to Board, with its path.
    pub own_id: Option<(String, String)>,
}

#[derive(Debug)]
pub(super) struct RawStandard {
    pub entry: RawEntry,
    /// `standardid` as text (numbers and strings alike), if given.
    pub key: Option<String>,
}

#[derive(Debug)]
pub(super) struct RawElement {
    pub entry: RawEntry,
    /// The standard it belongs to: its index among the standards (nested shape), or the
    /// `standardid` it names with that field's path (flat shape).
    pub standard: StandardRef,
    pub key: Option<String>,
    /// `parentelementid` (or `parentid`, which Mahara's own export writes) and its path.
    pub parent: Option<(String, String)>,
}

#[derive(Debug)]
pub(super) enum StandardRef {
    Nested(usize),
    Named(String, String),
}

/// The matrix's fields, or the problems that stop it being read further.
pub(super) fn read_matrix(root: &Value, problems: &mut Vec<Pending>) -> Option<RawFramework> {
    let Some(framework) = root.get("framework").and_then(Value::as_object) else {
        problems.push(Pending::at(
            "",
            "the file is not a Mahara matrix: it has no `framework` object",
            "export the framework from Mahara's SmartEvidence pages, or start from Mahara's example.matrix",
        ));
        return None;
    };
    let mut raw = RawFramework {
        name: text(framework, "framework", "name", Need::Required, problems),
        description: description(framework, "framework", problems),
        institution: text(
            framework,
            "framework",
            "institution",
            Need::Optional,
            problems,
        ),
        own_id: own(framework, "framework", WARDTOBOARD_ID, problems),
        own_version: own(framework, "framework", WARDTOBOARD_VERSION, problems),
        ..RawFramework::default()
    };
    let standards = list(framework, "framework", "standards", problems);
    let flat = list(framework, "framework", "standardelements", problems);
    for (s, standard) in standards.iter().enumerate() {
        let path = format!("framework/standards/{s}");
        let Some(fields) = object(standard, &path, "standard", problems) else {
            continue;
        };
        let index = raw.standards.len();
        raw.standards.push(RawStandard {
            key: id(fields, &path, "standardid", problems),
            entry: entry(fields, &path, problems),
        });
        for (e, element) in list(fields, &path, "standardelement", problems)
            .iter()
            .enumerate()
        {
            let path = format!("{path}/standardelement/{e}");
            if let Some(fields) = object(element, &path, "element", problems) {
                raw.elements.push(element_of(
                    fields,
                    path,
                    StandardRef::Nested(index),
                    problems,
                ));
            }
        }
    }
    for (e, element) in flat.iter().enumerate() {
        let path = format!("framework/standardelements/{e}");
        let Some(fields) = object(element, &path, "element", problems) else {
            continue;
        };
        let standard = match id(fields, &path, "standardid", problems) {
            Some(key) => StandardRef::Named(key, format!("{path}/standardid")),
            None => {
                // A wrong type was reported by `id`; anything else means no standard named.
                let wrong = fields.get("standardid");
                if !matches!(
                    wrong,
                    Some(Value::Array(_) | Value::Object(_) | Value::Bool(_))
                ) {
                    problems.push(Pending::at(
                        &path,
                        "this element has no `standardid`, so it belongs to no standard",
                        "add the `standardid` of the standard it belongs to",
                    ));
                }
                continue;
            }
        };
        raw.elements
            .push(element_of(fields, path, standard, problems));
    }
    Some(raw)
}

fn element_of(
    fields: &Map<String, Value>,
    path: String,
    standard: StandardRef,
    problems: &mut Vec<Pending>,
) -> RawElement {
    let parent_field = if fields.contains_key("parentelementid") {
        "parentelementid"
    } else {
        "parentid"
    };
    RawElement {
        key: id(fields, &path, "elementid", problems),
        parent: parent(fields, &path, parent_field, problems),
        standard,
        entry: entry(fields, &path, problems),
    }
}

fn entry(fields: &Map<String, Value>, path: &str, problems: &mut Vec<Pending>) -> RawEntry {
    RawEntry {
        path: path.to_owned(),
        shortname: text(fields, path, "shortname", Need::Required, problems).unwrap_or_default(),
        name: text(fields, path, "name", Need::Required, problems).unwrap_or_default(),
        description: description(fields, path, problems),
        own_id: own(fields, path, WARDTOBOARD_ID, problems),
    }
}

/// A description's HTML as text, or nothing and a problem when it is over a limit.
fn description(fields: &Map<String, Value>, path: &str, problems: &mut Vec<Pending>) -> String {
    let Some(html) = text(fields, path, "description", Need::Optional, problems) else {
        return String::new();
    };
    match html_over_limits(&html) {
        None => html_to_text(&html),
        Some(reason) => {
            problems.push(Pending::at(
                &format!("{path}/description"),
                reason,
                "shorten the description in Mahara and export the matrix again",
            ));
            String::new()
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Need {
    Required,
    Optional,
}

/// What kind of JSON value this is, for problems.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A text field; numbers are taken as their digits, since PHP reads them as text too.
fn text(
    fields: &Map<String, Value>,
    path: &str,
    field: &str,
    need: Need,
    problems: &mut Vec<Pending>,
) -> Option<String> {
    match fields.get(field) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        None | Some(Value::Null) => {
            if need == Need::Required {
                problems.push(Pending::at(
                    path,
                    format!("`{field}` is missing"),
                    format!(
                        "add a `{field}`: Mahara needs one on every {}",
                        subject(path)
                    ),
                ));
            }
            None
        }
        Some(other) => {
            problems.push(Pending::at(
                &format!("{path}/{field}"),
                format!("`{field}` should be text, but it is {}", kind(other)),
                format!("write `{field}` as text in double quotes"),
            ));
            None
        }
    }
}

/// Whether a path names the framework, a standard or an element, for hints.
fn subject(path: &str) -> &'static str {
    if path.contains("lement") {
        "element"
    } else if path.contains("standards") {
        "standard"
    } else {
        "framework"
    }
}

/// An id field (`standardid`, `elementid`): text or a number, as text.
fn id(
    fields: &Map<String, Value>,
    path: &str,
    field: &str,
    problems: &mut Vec<Pending>,
) -> Option<String> {
    match fields.get(field) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        None | Some(Value::Null) | Some(Value::String(_)) => None,
        Some(other) => {
            problems.push(Pending::at(
                &format!("{path}/{field}"),
                format!(
                    "`{field}` should be text or a number, but it is {}",
                    kind(other)
                ),
                "write it like Mahara's example: \"1.2\" or 1",
            ));
            None
        }
    }
}

/// A parent reference. Mahara treats what PHP calls empty (null, "", "0", 0, false) and its
/// editor's "undefined" as no parent, so this does too.
fn parent(
    fields: &Map<String, Value>,
    path: &str,
    field: &str,
    problems: &mut Vec<Pending>,
) -> Option<(String, String)> {
    let at = format!("{path}/{field}");
    let key = match fields.get(field)? {
        Value::Null | Value::Bool(false) => return None,
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => {
            problems.push(Pending::at(
                &at,
                format!(
                    "`{field}` should be the elementid of another element, but it is {}",
                    kind(other)
                ),
                "write the parent's elementid, such as \"1.3\"",
            ));
            return None;
        }
    };
    (!matches!(key.as_str(), "" | "0" | "undefined")).then_some((key, at))
}

/// One of our own fields, written by [`super::to_mahara_matrix`]: text, with its path.
fn own(
    fields: &Map<String, Value>,
    path: &str,
    field: &str,
    problems: &mut Vec<Pending>,
) -> Option<(String, String)> {
    text(fields, path, field, Need::Optional, problems).map(|t| (t, format!("{path}/{field}")))
}

/// A list field; missing is an empty list.
fn list<'a>(
    fields: &'a Map<String, Value>,
    path: &str,
    field: &str,
    problems: &mut Vec<Pending>,
) -> &'a [Value] {
    match fields.get(field) {
        Some(Value::Array(items)) => items,
        None | Some(Value::Null) => &[],
        Some(other) => {
            problems.push(Pending::at(
                &format!("{path}/{field}"),
                format!("`{field}` should be a list, but it is {}", kind(other)),
                format!("write `{field}` as a list in square brackets: [ {{...}}, {{...}} ]"),
            ));
            &[]
        }
    }
}

fn object<'a>(
    value: &'a Value,
    path: &str,
    what: &str,
    problems: &mut Vec<Pending>,
) -> Option<&'a Map<String, Value>> {
    let fields = value.as_object();
    if fields.is_none() {
        problems.push(Pending::at(
            path,
            format!(
                "each {what} should be an object, but this is {}",
                kind(value)
            ),
            format!("write the {what} as {{ \"shortname\": ..., \"name\": ..., ... }}"),
        ));
    }
    fields
}
