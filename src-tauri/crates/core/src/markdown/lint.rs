//! What a pack author should hear about before learners see a lesson: content the renderer
//! strips (warnings), and the relative images and links the pack checker must resolve.

use pulldown_cmark::{Event, Parser, Tag};

use super::links::is_web;
use super::options;

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
    /// Every relative image path and link, for the pack checker to resolve.
    pub references: Vec<Reference>,
}

/// Reads a lesson once for both warnings and references.
pub fn scan(markdown: &str) -> Scan {
    let mut scan = Scan::default();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
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
                format!("link target `{dest_url}` is removed: only https, http and mailto links are kept"),
                "link to a web address or to another lesson's file, or remove the link",
            )),
            _ => {}
        }
    }
    scan
}
