//! What a pack author should hear about before learners see a lesson: content the renderer
//! strips (warnings), nesting it would flatten (refused), and the relative images and links
//! the pack checker must resolve.

use pulldown_cmark::{Event, Parser, Tag};

use super::links::is_web;
use super::nesting::{is_level, Nesting, MAX_ELEMENT_DEPTH, MAX_NESTING};
use super::options;

/// Warnings reported per lesson at most; one more says how many were left out. Each costs
/// a look-up of its line, and a thousand copies of one mistake say no more than fifty.
pub const MAX_FINDINGS_PER_LESSON: usize = 50;

/// Something in lesson Markdown that the renderer will strip or change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte offset in the Markdown.
    pub offset: usize,
    pub message: String,
    pub hint: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceKind {
    Image,
    Link,
}

/// A relative image path or link in a lesson, to be resolved against the pack's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub offset: usize,
    pub kind: ReferenceKind,
    pub target: String,
}

fn is_relative(target: &str) -> bool {
    !target.contains(':') && !target.starts_with('#')
}

/// What one pass over a lesson's Markdown finds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// What the renderer will strip, so pack authors hear about it before learners do.
    pub findings: Vec<Finding>,
    /// What the renderer would flatten: nesting deeper than it shows. `pack check` refuses
    /// these; at most one of each kind per lesson, at the first place it happens.
    pub too_deep: Vec<Finding>,
    /// Every relative image path and link, for the pack checker to resolve.
    pub references: Vec<Reference>,
}

/// Reads a lesson once for both warnings and references.
pub fn scan(markdown: &str) -> Scan {
    let mut scan = Scan::default();
    let mut depth = Depth::default();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if let Some(finding) = depth.see(&event, range.start) {
            scan.too_deep.push(finding);
        }
        let offset = range.start;
        let finding = |message: String, hint| Finding {
            offset,
            message,
            hint,
        };
        match event {
            // One finding per element: closing tags and comments add nothing.
            Event::Html(html) | Event::InlineHtml(html)
                if !html.trim().starts_with("<!--") && !html.trim().starts_with("</") =>
            {
                scan.findings.push(finding(
                    format!(
                        "raw HTML `{}` is removed or reduced to plain formatting",
                        html.trim().chars().take(40).collect::<String>()
                    ),
                    "write it in Markdown instead",
                ));
            }
            Event::Start(Tag::Image { dest_url, .. }) if is_relative(&dest_url) => scan.references.push(Reference {
                offset,
                kind: ReferenceKind::Image,
                target: dest_url.into_string(),
            }),
            Event::Start(Tag::Image { dest_url, .. }) => scan.findings.push(finding(
                format!("image `{dest_url}` is not shown: the app never loads images from outside the pack"),
                "put the image file in the pack and refer to it by its relative path",
            )),
            Event::Start(Tag::Link { dest_url, .. }) if is_relative(&dest_url) => scan.references.push(Reference {
                offset,
                kind: ReferenceKind::Link,
                target: dest_url.into_string(),
            }),
            Event::Start(Tag::Link { dest_url, .. }) if !is_web(&dest_url) => scan.findings.push(finding(
                format!("link target `{dest_url}` is removed: only https and mailto links are kept"),
                "link to a web address or to another lesson's file, or remove the link",
            )),
            _ => {}
        }
    }
    if scan.findings.len() > MAX_FINDINGS_PER_LESSON {
        let left_out = scan.findings.len() - MAX_FINDINGS_PER_LESSON;
        scan.findings.truncate(MAX_FINDINGS_PER_LESSON);
        let last = scan.findings.last().map_or(0, |f| f.offset);
        scan.findings.push(Finding {
            offset: last,
            message: format!("{left_out} more warnings like the ones above are not listed"),
            hint: "fix the ones listed and check again",
        });
    }
    scan
}

/// How deep the lesson nests so far, followed exactly as the renderer follows it.
#[derive(Default)]
struct Depth {
    nesting: Nesting,
    levels_reported: bool,
    elements_reported: bool,
}

impl Depth {
    /// Follows one event; the first time the renderer would flatten a level or reduce an
    /// element to text, says so.
    fn see(&mut self, event: &Event<'_>, offset: usize) -> Option<Finding> {
        let levels_before = self.nesting.levels();
        if self.nesting.pass(event.clone()).is_some() {
            return None;
        }
        let Event::Start(tag) = event else {
            return None;
        };
        if is_level(tag) && levels_before >= MAX_NESTING {
            if self.levels_reported {
                return None;
            }
            self.levels_reported = true;
            return Some(Finding {
                offset,
                message: format!(
                    "block quotes and lists are nested more than {MAX_NESTING} deep here; \
                     deeper levels would be flattened"
                ),
                hint: "nest fewer levels: split the text into sections instead",
            });
        }
        if matches!(tag, Tag::Item) || self.elements_reported {
            // An item of a flattened list: its list was reported.
            return None;
        }
        self.elements_reported = true;
        Some(Finding {
            offset,
            message: format!(
                "Markdown elements are nested more than {MAX_ELEMENT_DEPTH} deep here; deeper \
                 ones would be shown as plain text"
            ),
            hint: "simplify the formatting here",
        })
    }
}
