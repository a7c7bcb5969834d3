//! What lessons point at: the framework behaviours they name, and the images and lesson
//! links in their text, each checked against the pack and the frameworks this app knows.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::MANIFEST;
use crate::frameworks::{builtin, Framework};
use crate::markdown::{resolve_relative, ReferenceKind, Scan};
use crate::packs::files::PackFiles;
use crate::packs::problem::Problem;
use crate::packs::{Asset, Lesson, Manifest, Module, MAX_IMAGE_BYTES};

/// Every behaviour a lesson names must exist in the framework the pack maps to: one the pack
/// carries in `frameworks/`, or one the app ships.
pub(super) fn check_behaviours(
    manifest: &Manifest,
    modules: &[Module],
    carried: &[Framework],
    problems: &mut Vec<Problem>,
) {
    let framework = carried
        .iter()
        .chain(builtin())
        .find(|f| f.id == manifest.framework);
    let Some(framework) = framework else {
        let known: Vec<&str> = carried
            .iter()
            .chain(builtin())
            .map(|f| f.id.as_str())
            .collect();
        problems.push(Problem::in_file(
            MANIFEST,
            format!(
                "framework `{}` is neither in the pack's frameworks/ folder nor one the app ships",
                manifest.framework
            ),
            format!(
                "add its file as frameworks/{}.toml, or use one of: {}",
                manifest.framework,
                known.join(", ")
            ),
        ));
        return;
    };
    let ids = framework.mappable_ids();
    for lesson in modules.iter().flat_map(|m| &m.lessons) {
        for behaviour in lesson
            .meta
            .behaviours
            .iter()
            .filter(|b| !ids.contains(b.as_str()))
        {
            problems.push(Problem::in_file(
                &lesson.path,
                format!(
                    "behaviour `{behaviour}` is not in the framework `{}`",
                    framework.id
                ),
                "check the spelling against the framework's ids",
            ));
        }
    }
}

/// Resolves every relative image and link in every lesson. Images must be pack files of a
/// known type and size; links must lead to a lesson of the pack. Returns the images.
pub(super) fn check_references(
    files: &PackFiles,
    modules: &[Module],
    scanned: &[(&Lesson, Scan)],
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, Asset> {
    // Every lesson file the modules list, parsed or not: a link to a lesson that has its own
    // problem is not a second problem.
    let lesson_paths: HashSet<String> = modules
        .iter()
        .flat_map(|m| {
            m.manifest
                .lessons
                .iter()
                .map(move |file| format!("{}/{file}", m.folder))
        })
        .collect();
    let mut assets = BTreeMap::new();
    let mut verdicts: HashMap<String, Result<(), ImageProblem>> = HashMap::new();
    for (lesson, scan) in scanned {
        let offsets: Vec<usize> = scan.references.iter().map(|r| r.offset).collect();
        let positions = lesson.positions(&offsets);
        for (reference, (line, column)) in scan.references.iter().zip(positions) {
            let at = |message: String, hint: &str| {
                Problem::in_file(&lesson.path, message, hint).at(line, column)
            };
            let target = &reference.target;
            let Some(path) = resolve_relative(&lesson.path, target) else {
                problems.push(at(
                    format!("`{target}` points outside the pack"),
                    "refer only to files inside the pack",
                ));
                continue;
            };
            match reference.kind {
                ReferenceKind::Link if !lesson_paths.contains(path.as_str()) => problems.push(at(
                    format!("the link `{target}` leads to no lesson of this pack"),
                    "link to another lesson's file by its relative path, e.g. ../module/02-lesson.md",
                )),
                ReferenceKind::Link => {}
                ReferenceKind::Image => {
                    // Each image is judged and copied once, however often lessons show it: a
                    // lesson naming one picture 95,000 times must not copy it 95,000 times.
                    let verdict = verdicts
                        .entry(path)
                        .or_insert_with_key(|path| judge_image(files, path, &mut assets));
                    if let Err(problem) = verdict {
                        let (message, hint) = problem.words(target);
                        problems.push(at(message, hint));
                    }
                }
            }
        }
    }
    assets
}

/// Why a lesson cannot show an image; judged once per image, reported at every reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ImageProblem {
    Missing,
    TooLarge { bytes: usize },
    NotAnImage,
}

impl ImageProblem {
    /// The problem as its line says it, naming the image as the lesson wrote it.
    fn words(self, target: &str) -> (String, &'static str) {
        match self {
            Self::Missing => (
                format!("image `{target}` is missing"),
                "add the file, or fix the path",
            ),
            Self::TooLarge { bytes } => (
                format!(
                    "image `{target}` is {} KiB; images may be at most {} KiB",
                    bytes / 1024,
                    MAX_IMAGE_BYTES / 1024
                ),
                "make the picture smaller",
            ),
            Self::NotAnImage => (
                format!("`{target}` is not a PNG, JPEG, GIF or WebP image"),
                "save the picture in one of those formats (SVG is not allowed: it can carry script)",
            ),
        }
    }
}

/// Whether the pack file at `path` is an image a lesson may show; a good one is added to
/// `assets`, its bytes copied once.
fn judge_image(
    files: &PackFiles,
    path: &str,
    assets: &mut BTreeMap<String, Asset>,
) -> Result<(), ImageProblem> {
    let bytes = files.get(path).ok_or(ImageProblem::Missing)?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(ImageProblem::TooLarge { bytes: bytes.len() });
    }
    let media_type = image_type(bytes).ok_or(ImageProblem::NotAnImage)?;
    assets.insert(
        path.to_owned(),
        Asset {
            media_type,
            bytes: bytes.to_vec(),
        },
    );
    Ok(())
}

/// The image type by its first bytes, whatever the file is called.
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}
