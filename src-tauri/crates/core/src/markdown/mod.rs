//! Lesson Markdown to sanitised HTML: the one place pack text becomes markup the app shows.
//!
//! Packs come from other people, and any script that reaches the page can call the app's
//! commands, so the output of pulldown-cmark is never trusted: it goes through an ammonia
//! allow-list. Images are shown only when they are files of the installed pack, served by the
//! app itself under [`ASSET_SCHEME`]; a remote image never makes the app touch the network, and
//! any other image becomes its alt text. Links between lessons become in-app routes; other
//! links keep only `https:` and `mailto:` targets (see [`outside_link`]).
//!
//! Rendering costs time and memory in proportion to the text, whatever its shape: nesting is
//! flattened past [`MAX_NESTING`] (`nesting`), raw HTML is re-written with a bounded number of
//! open elements (`raw_html`), and text is gathered in one buffer (`events`).

mod assets;
mod events;
mod from_html;
mod links;
mod lint;
mod nesting;
mod raw_html;

pub use assets::{asset_url, is_asset_url, parse_asset_path, AssetAddressing, ASSET_SCHEME};
pub use from_html::{html_to_markdown, MAX_HTML_BYTES, MAX_HTML_NESTING};
pub use links::{is_web, outside_link, resolve_relative};
pub use lint::{scan, Finding, Reference, ReferenceKind, Scan, MAX_FINDINGS_PER_LESSON};
pub use nesting::{MAX_ELEMENT_DEPTH, MAX_NESTING};
pub use raw_html::{MAX_RAW_HTML_ATTRIBUTES, MAX_RAW_HTML_ATTRIBUTE_BYTES, MAX_RAW_HTML_OPEN};

use std::collections::{HashMap, HashSet};

use ammonia::{Builder, UrlRelative};
use events::RenderedEvents;
use nesting::Nesting;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The callout kinds a lesson may use (GitHub-style alerts: `> [!NOTE]`).
const ALERT_CLASSES: [&str; 5] = [
    "markdown-alert-note",
    "markdown-alert-tip",
    "markdown-alert-important",
    "markdown-alert-warning",
    "markdown-alert-caution",
];

/// Table cell alignment, carried as a class because the CSP forbids inline styles.
const ALIGN_CLASSES: [&str; 3] = ["w2b-align-left", "w2b-align-center", "w2b-align-right"];

/// The in-app route prefix for lessons; the only relative link the sanitiser keeps.
const LESSON_ROUTE: &str = "#/lesson/";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
        | Options::ENABLE_FOOTNOTES
}

/// Where a lesson sits in its pack, so relative image paths and links to other lessons can be
/// turned into addresses the app serves itself.
#[derive(Debug, Clone, Copy)]
pub struct LessonContext<'a> {
    pub pack_id: &'a str,
    /// The lesson file's path in the pack, e.g. `budgets/03-statement.md`.
    pub lesson_path: &'a str,
    /// Lesson file path -> lesson id, for every lesson of the pack.
    pub lessons: &'a HashMap<String, String>,
    /// The pack's image files.
    pub assets: &'a HashSet<String>,
}

/// The prefix the sanitiser puts on every id in rendered Markdown, so pack content cannot
/// clobber the app's own element ids.
const ID_PREFIX: &str = "user-content-";

/// A section of a lesson: one of its `##` headings, with the element id it is rendered with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Section {
    pub id: String,
    pub title: String,
}

/// A lesson rendered for the reader: sanitised HTML and its sections, from one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedLesson {
    pub html: String,
    /// The lesson's `##` headings in order, for an on-page contents list, with the ids the
    /// rendered headings carry.
    pub sections: Vec<Section>,
}

/// Collects the titles of `##` headings as the renderer passes over them.
#[derive(Default)]
struct SectionCollector {
    sections: Vec<Section>,
    current: Option<String>,
}

impl SectionCollector {
    /// Looks at one event; returns the id to give a `##` heading that starts here.
    fn see(&mut self, event: &Event<'_>) -> Option<String> {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                self.current = Some(String::new());
                return Some(format!("section-{}", self.sections.len() + 1));
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some(title) = self.current.take() {
                    self.sections.push(Section {
                        id: format!("{ID_PREFIX}section-{}", self.sections.len() + 1),
                        title: title.split_whitespace().collect::<Vec<_>>().join(" "),
                    });
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(title) = self.current.as_mut() {
                    title.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(title) = self.current.as_mut() {
                    title.push(' ');
                }
            }
            _ => {}
        }
        None
    }
}

/// The words of a Markdown text without its markup, for the search index: what a reader
/// sees, with blocks separated by line breaks. Raw HTML is left out, as the renderer strips it.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => text.push('\n'),
            Event::End(TagEnd::TableCell) => text.push_str(" · "),
            _ => {}
        }
    }
    text
}

/// Renders Markdown with no pack around it: images become alt text, relative links go.
pub fn render(markdown: &str) -> String {
    render_events(markdown, None).html
}

/// Renders a lesson of an installed pack: its own images and links to its other lessons work.
pub fn render_lesson(markdown: &str, context: &LessonContext<'_>) -> RenderedLesson {
    render_events(markdown, Some(context))
}

fn render_events<'a>(markdown: &'a str, context: Option<&LessonContext<'_>>) -> RenderedLesson {
    let mut sections = SectionCollector::default();
    let mut nesting = Nesting::default();
    let mut events = RenderedEvents::default();
    let mut dropping_image = false;
    for event in Parser::new_ext(markdown, options()) {
        let Some(event) = nesting.pass(event) else {
            continue;
        };
        let section = sections.see(&event);
        let event = match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                classes,
                attrs,
                ..
            }) => Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id: section.map(CowStr::from),
                classes,
                attrs,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match context.and_then(|c| pack_asset(c, &dest_url)) {
                Some(url) => Event::Start(Tag::Image {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                }),
                None => {
                    dropping_image = true;
                    continue;
                }
            },
            Event::End(TagEnd::Image) if dropping_image => {
                dropping_image = false;
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = context
                    .and_then(|c| lesson_route(c, &dest_url))
                    .map_or(dest_url, CowStr::from);
                // Attribute values that long cost the sanitiser's parser time in the square
                // of their length; no address or title needs them.
                let bounded = |value: CowStr<'a>| {
                    if value.len() > MAX_RAW_HTML_ATTRIBUTE_BYTES {
                        CowStr::from("")
                    } else {
                        value
                    }
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: bounded(dest_url),
                    title: bounded(title),
                    id,
                })
            }
            other => other,
        };
        events.push(event, nesting.depth());
    }
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events.finish().into_iter());
    let raw = raw
        .replace(r#" style="text-align: left""#, r#" class="w2b-align-left""#)
        .replace(
            r#" style="text-align: center""#,
            r#" class="w2b-align-center""#,
        )
        .replace(
            r#" style="text-align: right""#,
            r#" class="w2b-align-right""#,
        );
    RenderedLesson {
        html: sanitiser(context.is_some()).clean(&raw).to_string(),
        sections: sections.sections,
    }
}

fn pack_asset(context: &LessonContext<'_>, target: &str) -> Option<String> {
    let path = resolve_relative(context.lesson_path, target)?;
    context
        .assets
        .contains(&path)
        .then(|| asset_url(context.pack_id, &path))
}

fn lesson_route(context: &LessonContext<'_>, target: &str) -> Option<String> {
    let path = resolve_relative(context.lesson_path, target)?;
    let id = context.lessons.get(&path)?;
    Some(format!("{LESSON_ROUTE}{}/{id}", context.pack_id))
}

/// The only relative URLs kept are the app's own lesson routes.
fn keep_lesson_routes(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    url.starts_with(LESSON_ROUTE)
        .then_some(std::borrow::Cow::Borrowed(url))
}

/// The URL schemes kept: web and mail links, and the pack-image protocol in the form this
/// platform's webview addresses it (`http` for WebView2's `http://w2b-pack.localhost`, which the
/// attribute filter then allows only for pack images, never for links).
fn asset_schemes() -> HashSet<&'static str> {
    let mut schemes = HashSet::from(["https", "mailto", ASSET_SCHEME]);
    if AssetAddressing::NATIVE == AssetAddressing::WindowsHttp {
        schemes.insert("http");
    }
    schemes
}

/// The allow-list. Without a pack there is nowhere an image could come from, so `img` goes.
fn sanitiser(pack_images: bool) -> Builder<'static> {
    let mut builder = Builder::default();
    if !pack_images {
        builder.rm_tags(["img"]);
    }
    builder
        .url_schemes(asset_schemes())
        .url_relative(UrlRelative::Custom(Box::new(keep_lesson_routes)))
        .attribute_filter(|element, attribute, value| {
            let asset = is_asset_url(value);
            match (element, attribute) {
                // Images load only from the installed pack; links never point into it.
                ("img", "src") if !asset => None,
                ("a", "href") if asset => None,
                // A quotation's source may only be a web page (on Windows `http` is kept for
                // pack images, never for anything else).
                (_, "cite") if !value.starts_with("https:") => None,
                // Only what may be handed to the system: `mailto:` loses `attach=` and the like.
                ("a", "href") if !value.starts_with(LESSON_ROUTE) => {
                    links::outside_link(value).map(Into::into)
                }
                _ => Some(value.into()),
            }
        })
        .link_rel(Some("noopener noreferrer"))
        .id_prefix(Some(ID_PREFIX))
        .add_tag_attributes("h2", ["id"])
        .add_allowed_classes("blockquote", ALERT_CLASSES)
        .add_allowed_classes("th", ALIGN_CLASSES)
        .add_allowed_classes("td", ALIGN_CLASSES);
    builder
}

#[cfg(test)]
mod tests;
