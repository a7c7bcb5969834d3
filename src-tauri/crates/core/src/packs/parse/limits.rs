//! The limits on a pack's TOML (`pack.toml`, each `module.toml`) and on each lesson's front
//! matter: sizes checked before the TOML is parsed, counts and lengths after. A real pack is
//! far inside every one (the built-in curriculum's largest front matter is 12 KiB, its longest
//! field 530 characters); a pack past one is refused with the file, the field and the limit.

use super::MANIFEST;
use crate::packs::problem::Problem;
use crate::packs::{LessonMeta, Manifest, ModuleManifest};

/// `pack.toml` or a `module.toml` larger than this is refused before it is parsed.
pub const MAX_MANIFEST_BYTES: usize = 64 * 1024;
/// A lesson's front matter (between the `+++` lines) larger than this is refused before it
/// is parsed.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// Modules one pack may list.
pub const MAX_MODULES: usize = 100;
/// Lessons one module may list.
pub const MAX_LESSONS_PER_MODULE: usize = 100;
/// Self-check questions one lesson may hold.
pub const MAX_QUESTIONS: usize = 30;
/// Options one question may offer.
pub const MAX_OPTIONS: usize = 10;
/// Outcomes, and behaviours, one lesson may list (each list on its own).
pub const MAX_LIST_ITEMS: usize = 30;
/// Characters in any one text field of the TOML or front matter (a title, a prompt, an
/// explanation, a description).
pub const MAX_FIELD_CHARS: usize = 4_000;

const SHORTEN: &str = "shorten it: see the limits in docs/curriculum-format.md";

/// Refuses a TOML file or front matter of `bytes` bytes over `limit`, before it is parsed.
pub(super) fn check_size(
    path: &str,
    what: &str,
    bytes: usize,
    limit: usize,
) -> Result<(), Problem> {
    if bytes > limit {
        return Err(Problem::in_file(
            path,
            format!(
                "its {what} is {} KiB; the limit is {} KiB",
                bytes.div_ceil(1024),
                limit / 1024
            ),
            SHORTEN,
        ));
    }
    Ok(())
}

/// Problems with `pack.toml`'s counts and field lengths.
pub(super) fn check_manifest(m: &Manifest, problems: &mut Vec<Problem>) {
    list(MANIFEST, "modules", &m.modules, MAX_MODULES, problems);
    for (field, value) in [
        ("id", &m.id),
        ("version", &m.version),
        ("title", &m.title),
        ("publisher", &m.publisher),
        ("licence", &m.licence),
        ("language", &m.language),
        ("min_app_version", &m.min_app_version),
        ("framework", &m.framework),
        ("description", &m.description),
    ] {
        length(MANIFEST, field, value, problems);
    }
}

/// Problems with a `module.toml`'s counts and field lengths.
pub(super) fn check_module(path: &str, m: &ModuleManifest, problems: &mut Vec<Problem>) {
    list(
        path,
        "lessons",
        &m.lessons,
        MAX_LESSONS_PER_MODULE,
        problems,
    );
    for (field, value) in [("id", &m.id), ("title", &m.title), ("summary", &m.summary)] {
        length(path, field, value, problems);
    }
}

/// Problems with a lesson's front matter: counts and field lengths.
pub(super) fn check_lesson(path: &str, meta: &LessonMeta, problems: &mut Vec<Problem>) {
    list(path, "outcomes", &meta.outcomes, MAX_LIST_ITEMS, problems);
    list(
        path,
        "behaviours",
        &meta.behaviours,
        MAX_LIST_ITEMS,
        problems,
    );
    let questions = meta.questions.len();
    count(path, "`questions`", questions, MAX_QUESTIONS, problems);
    for (field, value) in [("id", &meta.id), ("title", &meta.title)] {
        length(path, field, value, problems);
    }
    let optional = [
        ("reflection", &meta.reflection),
        ("activity", &meta.activity),
    ];
    for (field, value) in optional {
        if let Some(value) = value {
            length(path, field, value, problems);
        }
    }
    for q in &meta.questions {
        let options = format!("question `{}`: `options`", shown(&q.id));
        count(path, &options, q.options.len(), MAX_OPTIONS, problems);
        length(path, "questions.id", &q.id, problems);
        length(path, "questions.prompt", &q.prompt, problems);
        for o in &q.options {
            length(path, "questions.options.text", &o.text, problems);
            length(
                path,
                "questions.options.explanation",
                &o.explanation,
                problems,
            );
        }
    }
}

/// A list field: how many items, and each item's length.
fn list(path: &str, field: &str, items: &[String], limit: usize, problems: &mut Vec<Problem>) {
    count(path, &format!("`{field}`"), items.len(), limit, problems);
    for item in items {
        length(path, field, item, problems);
    }
}

/// `what` is the field as the message names it, quoted.
fn count(path: &str, what: &str, found: usize, limit: usize, problems: &mut Vec<Problem>) {
    if found > limit {
        problems.push(Problem::in_file(
            path,
            format!("{what} lists {found} items; the limit is {limit}"),
            "split it: see the limits in docs/curriculum-format.md",
        ));
    }
}

fn length(path: &str, field: &str, value: &str, problems: &mut Vec<Problem>) {
    let chars = value.chars().count();
    if chars > MAX_FIELD_CHARS {
        problems.push(Problem::in_file(
            path,
            format!("`{field}` is {chars} characters long; the limit is {MAX_FIELD_CHARS}"),
            SHORTEN,
        ));
    }
}

/// An id as a message may show it: at most 80 characters (a longer one is its own problem).
fn shown(id: &str) -> String {
    id.chars().take(80).collect()
}
