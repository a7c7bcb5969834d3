//! Turns pack files into a checked [`Pack`], collecting every problem in one pass.
//!
//! Text files may carry a UTF-8 byte order mark and CRLF line endings (authors on Windows);
//! both are accepted and normalised. Anything that is not UTF-8 is a problem, not a panic.

use std::collections::HashSet;

use super::files::PackFiles;
use super::problem::{utf8_error_at, PackError, Problem};
use super::{
    Lesson, LessonMeta, Manifest, Module, ModuleManifest, Pack, QuestionType, OLDEST_PACK_FORMAT,
    PACK_FORMAT,
};
use crate::frameworks::{parse_framework, Framework};
use crate::markdown::{scan, Scan};
use references::{check_behaviours, check_references};

mod limits;
mod references;

pub use limits::{
    MAX_FIELD_CHARS, MAX_FRONT_MATTER_BYTES, MAX_LESSONS_PER_MODULE, MAX_LIST_ITEMS,
    MAX_MANIFEST_BYTES, MAX_MODULES, MAX_OPTIONS, MAX_QUESTIONS,
};

const MANIFEST: &str = "pack.toml";
/// Where a pack keeps the frameworks it carries.
pub const FRAMEWORKS_FOLDER: &str = "frameworks/";
const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Longest lesson file, front matter included: about 80,000 words, far more than a lesson
/// needs, and small enough that rendering it stays quick (it costs time in proportion).
pub const MAX_LESSON_BYTES: usize = 512 * 1024;

/// Parses and checks a whole pack. Either every file is good and the pack comes back, or the
/// error lists every problem found.
pub fn parse_pack(files: &PackFiles) -> Result<Pack, PackError> {
    let mut problems = Vec::new();
    let manifest = toml_file(files, MANIFEST)
        .and_then(|t| toml_at::<Manifest>(MANIFEST, &t, 0))
        .map_err(|p| problems.push(p))
        .ok();
    let Some(manifest) = manifest else {
        return Err(PackError { problems });
    };
    check_manifest(&manifest, &mut problems);
    limits::check_manifest(&manifest, &mut problems);
    if manifest.modules.len() > limits::MAX_MODULES {
        // Each listed folder would be read and reported on: stop at the count.
        return Err(PackError { problems });
    }

    let mut modules = Vec::new();
    let mut module_ids = HashSet::new();
    let mut lesson_ids = HashSet::new();
    // Problems with lessons' review dates: some are errors, some warnings.
    let mut dated = Vec::new();
    for folder in &manifest.modules {
        let path = format!("{folder}/module.toml");
        let module =
            match toml_file(files, &path).and_then(|t| toml_at::<ModuleManifest>(&path, &t, 0)) {
                Ok(m) => m,
                Err(p) => {
                    problems.push(p);
                    continue;
                }
            };
        check_id(&path, "module", &module.id, &mut problems);
        limits::check_module(&path, &module, &mut problems);
        if module.lessons.len() > limits::MAX_LESSONS_PER_MODULE {
            continue;
        }
        if !module_ids.insert(module.id.clone()) {
            problems.push(Problem::in_file(
                &path,
                format!("module id `{}` is used by another module", module.id),
                "give every module its own id",
            ));
        }
        if module.lessons.is_empty() {
            problems.push(Problem::in_file(
                &path,
                "the module lists no lessons",
                "add lesson files to `lessons`",
            ));
        }
        let mut lessons = Vec::new();
        for file in &module.lessons {
            let path = format!("{folder}/{file}");
            match text(files, &path).and_then(|t| parse_lesson(&path, &t)) {
                Ok(lesson) => {
                    if !lesson_ids.insert(lesson.meta.id.clone()) {
                        problems.push(Problem::in_file(
                            &path,
                            format!("lesson id `{}` is used by another lesson", lesson.meta.id),
                            "lesson ids must be unique in the pack and never change once published",
                        ));
                    }
                    check_lesson(&lesson, &mut problems);
                    super::freshness::check_dates(&lesson, manifest.format, &mut dated);
                    lessons.push(lesson);
                }
                Err(p) => problems.push(p),
            }
        }
        modules.push(Module {
            manifest: module,
            lessons,
            folder: folder.clone(),
        });
    }

    let frameworks = pack_frameworks(files, &mut problems);
    check_behaviours(&manifest, &modules, &frameworks, &mut problems);
    // One pass over each lesson's Markdown serves both the warnings and the references.
    let scanned: Vec<(&Lesson, Scan)> = modules
        .iter()
        .flat_map(|m| &m.lessons)
        .map(|lesson| (lesson, scan(&lesson.body)))
        .collect();
    let assets = check_references(files, &modules, &scanned, &mut problems);
    let (date_warnings, date_errors): (Vec<Problem>, Vec<Problem>) = dated
        .into_iter()
        .partition(|p| p.severity == super::Severity::Warning);
    problems.extend(date_errors);
    let warnings = scanned
        .iter()
        .flat_map(|(lesson, scan)| {
            let offsets: Vec<usize> = scan.findings.iter().map(|f| f.offset).collect();
            let positions = lesson.positions(&offsets);
            scan.findings
                .iter()
                .zip(positions)
                .map(|(finding, (line, column))| {
                    Problem::in_file(&lesson.path, finding.message.clone(), finding.hint)
                        .warning()
                        .at(line, column)
                })
        })
        .chain(date_warnings)
        .collect();
    problems.extend(scanned.iter().flat_map(|(lesson, scan)| {
        scan.too_deep.iter().map(|finding| {
            let (line, column) = lesson.position(finding.offset);
            Problem::in_file(&lesson.path, finding.message.clone(), finding.hint).at(line, column)
        })
    }));
    if problems.is_empty() {
        Ok(Pack {
            manifest,
            modules,
            content_sha256: files.content_sha256(),
            warnings,
            assets,
            frameworks,
            signer: files.signer().cloned(),
        })
    } else {
        Err(PackError { problems })
    }
}

/// The frameworks in the pack's `frameworks/` folder, in file name order; each file's
/// problems are the pack's.
fn pack_frameworks(files: &PackFiles, problems: &mut Vec<Problem>) -> Vec<Framework> {
    let mut frameworks: Vec<Framework> = Vec::new();
    let mut paths: Vec<&str> = files
        .iter()
        .map(|(path, _)| path)
        .filter(|p| p.starts_with(FRAMEWORKS_FOLDER) && p.ends_with(".toml"))
        .collect();
    paths.sort_unstable();
    for path in paths {
        let parsed = text(files, path)
            .map_err(|p| vec![p])
            .and_then(|t| parse_framework(path, &t).map_err(|e| e.problems));
        match parsed {
            Ok(fw) if frameworks.iter().any(|f| f.id == fw.id) => problems.push(Problem::in_file(
                path,
                format!("framework `{}` is in the pack twice", fw.id),
                "keep one file per framework",
            )),
            Ok(fw) => frameworks.push(fw),
            Err(found) => problems.extend(found),
        }
    }
    frameworks
}

fn text(files: &PackFiles, path: &str) -> Result<String, Problem> {
    let bytes = files.get(path).ok_or_else(|| {
        Problem::in_file(
            path,
            "is missing",
            "add the file, or remove it from the list that names it",
        )
    })?;
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = utf8_error_at(bytes, &e);
        Problem::in_file(path, "is not valid UTF-8 text", "save the file as UTF-8").at(line, column)
    })?;
    Ok(super::text::normalise(text))
}

/// A `pack.toml` or `module.toml` as text, refused unread past its size limit.
fn toml_file(files: &PackFiles, path: &str) -> Result<String, Problem> {
    if let Some(bytes) = files.get(path) {
        limits::check_size(path, "TOML", bytes.len(), limits::MAX_MANIFEST_BYTES)?;
    }
    text(files, path)
}

fn toml_at<T: serde::de::DeserializeOwned>(
    path: &str,
    toml_text: &str,
    first_line: usize,
) -> Result<T, Problem> {
    super::text::toml_at(
        path,
        toml_text,
        first_line,
        "see docs/curriculum-format.md for the fields and their types",
    )
}

fn parse_lesson(path: &str, text: &str) -> Result<Lesson, Problem> {
    if text.len() > MAX_LESSON_BYTES {
        return Err(Problem::in_file(
            path,
            format!(
                "the lesson is {} KB; lessons can be up to {} KB",
                text.len() / 1024,
                MAX_LESSON_BYTES / 1024
            ),
            "split it into two or more lessons",
        ));
    }
    let no_front_matter = || {
        Problem::in_file(
            path,
            "does not start with front matter",
            "begin the file with a line `+++`, the lesson's TOML fields, then another `+++`",
        )
        .at(1, 1)
    };
    let rest = text.strip_prefix("+++\n").ok_or_else(no_front_matter)?;
    let end = if rest.starts_with("+++") {
        Some(0)
    } else {
        rest.find("\n+++").map(|i| i + 1)
    };
    let end = end.ok_or_else(no_front_matter)?;
    let front = &rest[..end];
    let after = &rest[end + 3..];
    let body = after.strip_prefix('\n').unwrap_or(after).to_owned();
    limits::check_size(
        path,
        "front matter",
        front.len(),
        limits::MAX_FRONT_MATTER_BYTES,
    )?;
    let meta: LessonMeta = toml_at(path, front, 1)?;
    // Front matter starts on line 2, after the opening `+++`.
    let review_by_line = front
        .lines()
        .position(|line| line.trim_start().starts_with("review_by"))
        .map(|i| i + 2);
    // The body starts on the line after the closing `+++`.
    let closing_line = text[..text.len() - after.len()].matches('\n').count() + 1;
    let body_line = closing_line + 1;
    Ok(Lesson {
        meta,
        body,
        path: path.to_owned(),
        body_line,
        review_by_line,
    })
}

fn check_manifest(m: &Manifest, problems: &mut Vec<Problem>) {
    let mut problem =
        |message: String, hint: &str| problems.push(Problem::in_file(MANIFEST, message, hint));
    if !(OLDEST_PACK_FORMAT..=PACK_FORMAT).contains(&m.format) {
        problem(
            format!(
                "pack format {} is not supported (this app reads formats {OLDEST_PACK_FORMAT} to {PACK_FORMAT})",
                m.format
            ),
            "install a newer Ward to Board, or rebuild the pack for this format",
        );
    }
    if semver::Version::parse(&m.version).is_err() {
        problem(
            format!("version `{}` is not a semantic version", m.version),
            "write it like 1.4.0",
        );
    }
    match semver::Version::parse(&m.min_app_version) {
        Err(_) => problem(
            format!(
                "min_app_version `{}` is not a semantic version",
                m.min_app_version
            ),
            "write it like 0.1.0",
        ),
        Ok(min) if semver::Version::parse(APP_VERSION).is_ok_and(|app| app < min) => problem(
            format!("the pack needs Ward to Board {min} or newer; this is {APP_VERSION}"),
            "update the app before importing this pack",
        ),
        Ok(_) => {}
    }
    for (field, value) in [
        ("title", &m.title),
        ("publisher", &m.publisher),
        ("licence", &m.licence),
    ] {
        if value.trim().is_empty() {
            problem(format!("`{field}` is empty"), "fill it in: learners see it");
        }
    }
    if let Some(mark) = m.pass_mark.filter(|mark| !(1..=100).contains(mark)) {
        problem(
            format!("pass_mark {mark} is not a percentage from 1 to 100"),
            "leave it out for the app's default of 80, or give a whole number like 75",
        );
    }
    if m.modules.is_empty() {
        problem(
            "the pack lists no modules".into(),
            "add module folders to `modules`",
        );
    }
    let mut ids = Vec::new();
    check_id(MANIFEST, "pack", &m.id, &mut ids);
    problems.extend(ids);
}

fn check_lesson(lesson: &Lesson, problems: &mut Vec<Problem>) {
    let path = lesson.path.as_str();
    let meta = &lesson.meta;
    check_id(path, "lesson", &meta.id, problems);
    limits::check_lesson(path, meta, problems);
    if meta.title.trim().is_empty() {
        problems.push(Problem::in_file(
            path,
            "the title is empty",
            "give the lesson a title",
        ));
    }
    if meta.minutes == 0 || meta.minutes > 240 {
        problems.push(Problem::in_file(
            path,
            format!(
                "`minutes` is {}; it must be between 1 and 240",
                meta.minutes
            ),
            "give an honest reading time in minutes",
        ));
    }
    let mut question_ids = HashSet::new();
    for q in &meta.questions {
        let here = |message: String, hint: &str| {
            Problem::in_file(path, format!("question `{}`: {message}", q.id), hint)
        };
        if !question_ids.insert(q.id.as_str()) {
            problems.push(here(
                "the id is used twice".into(),
                "give every question in a lesson its own id",
            ));
        }
        let correct = q.options.iter().filter(|o| o.correct).count();
        if q.options.len() < 2 {
            problems.push(here("needs at least two options".into(), "add options"));
        }
        match q.kind {
            QuestionType::Single if correct != 1 => problems.push(here(
                format!("a single-choice question needs exactly one correct option, not {correct}"),
                "mark one option `correct = true`, or make it `type = \"multiple\"`",
            )),
            QuestionType::Multiple if correct == 0 => problems.push(here(
                "no option is marked correct".into(),
                "mark at least one option `correct = true`",
            )),
            _ => {}
        }
        if q.options.iter().any(|o| o.explanation.trim().is_empty()) {
            problems.push(here(
                "an option has no explanation".into(),
                "explain why every option is right or wrong: learners read it after answering",
            ));
        }
    }
}

/// Stable ids: lowercase ASCII letters, digits, `-` and `.`, starting with a letter.
fn check_id(path: &str, what: &str, id: &str, problems: &mut Vec<Problem>) {
    let ok = id.len() <= 80
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
    if !ok {
        problems.push(Problem::in_file(
            path,
            format!("{what} id `{id}` is not a valid id"),
            "use lowercase letters, digits, `-` and `.`, starting with a letter, at most 80 characters",
        ));
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_limits;
