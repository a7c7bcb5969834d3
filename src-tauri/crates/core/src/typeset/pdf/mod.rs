//! Writes a `Layout` as a PDF with krilla (docs/adr/0006-pdf-with-krilla.md): A4, the fonts
//! built into the binary (subset and embedded), selectable text, a tagged structure (headings,
//! paragraphs, tables), an outline with a bookmark per section, title, author and language set,
//! and on every page the person's name and period at the top and "Page n of N" at the foot.

mod flow;
mod fonts;

use std::collections::BTreeMap;
use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagKind, TagTree,
};
use krilla::text::TextDirection;
use krilla::{Document, SerializeSettings};

use self::flow::{Flowed, Place, LEFT, PAGE_H, PAGE_W, RIGHT};
use self::fonts::Faces;
use super::{running_head, Block, Layout};

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the fonts built into the app could not be read")]
    Fonts,
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

fn fill(r: u8, g: u8, b: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// Text on the page that is not content (the running head, the page number): marked as an
/// artifact, so assistive technology skips it.
fn artifact_text(surface: &mut Surface, faces: &Faces, kind: ArtifactType, at: Point, text: &str) {
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
    surface.draw_text(
        at,
        faces.regular.font.clone(),
        flow::SMALL,
        text,
        false,
        TextDirection::Auto,
    );
    surface.end_tagged();
}

fn decorate(surface: &mut Surface, page: &flow::Page) {
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Layout,
    )));
    surface.set_fill(Some(fill(232, 237, 238)));
    for (top, height) in &page.shades {
        let mut path = PathBuilder::new();
        if let Some(rect) = krilla::geom::Rect::from_xywh(LEFT, *top, RIGHT - LEFT, *height) {
            path.push_rect(rect);
        }
        if let Some(path) = path.finish() {
            surface.draw_path(&path);
        }
    }
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: rgb::Color::new(160, 160, 160).into(),
        width: 0.6,
        ..Default::default()
    }));
    for (left, right, y) in &page.rules {
        let mut path = PathBuilder::new();
        path.move_to(*left, *y);
        path.line_to(*right, *y);
        if let Some(path) = path.finish() {
            surface.draw_path(&path);
        }
    }
    surface.set_stroke(None);
    surface.end_tagged();
}

/// The running head, cut to one line.
fn head_line(layout: &Layout, faces: &mut Faces) -> String {
    let head = running_head(layout);
    let mut lines = faces
        .regular
        .wrap(&head, flow::SMALL, RIGHT - LEFT - 8.0, RIGHT - LEFT);
    let mut first = lines.drain(..).next().unwrap_or_default();
    if first.len() < head.len() {
        first.push('…');
    }
    first
}

fn draw(
    layout: &Layout,
    flowed: &Flowed,
    faces: &mut Faces,
    document: &mut Document,
) -> Result<BTreeMap<Place, Vec<Identifier>>, PdfError> {
    let head = head_line(layout, faces);
    let total = flowed.pages.len();
    let mut ids: BTreeMap<Place, Vec<Identifier>> = BTreeMap::new();
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| PdfError::Write("the page size is not valid".into()))?;
    for (n, content) in flowed.pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        decorate(&mut surface, content);
        surface.set_fill(Some(fill(75, 75, 75)));
        artifact_text(
            &mut surface,
            faces,
            ArtifactType::Header,
            Point::from_xy(LEFT, 40.0),
            &head,
        );
        let number = format!("Page {} of {total}", n + 1);
        let x = RIGHT - faces.regular.width(&number, flow::SMALL);
        artifact_text(
            &mut surface,
            faces,
            ArtifactType::Footer,
            Point::from_xy(x, PAGE_H - 36.0),
            &number,
        );
        surface.set_fill(Some(fill(0, 0, 0)));
        for run in &content.runs {
            let font = faces.face(run.bold).font.clone();
            let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
            surface.draw_text(
                Point::from_xy(run.x, run.y),
                font,
                run.size,
                &run.text,
                false,
                TextDirection::Auto,
            );
            surface.end_tagged();
            ids.entry(run.place).or_default().push(id);
        }
        surface.finish();
        page.finish();
    }
    Ok(ids)
}

fn leaves(ids: &mut BTreeMap<Place, Vec<Identifier>>, place: Place) -> Vec<Node> {
    ids.remove(&place)
        .unwrap_or_default()
        .into_iter()
        .map(Node::from)
        .collect()
}

fn group(tag: impl Into<TagKind>, children: Vec<Node>) -> Node {
    TagGroup::with_children(tag, children).into()
}

fn heading(level: u16, title: &str, children: Vec<Node>) -> Node {
    let level = NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN);
    group(Tag::Hn(level, Some(title.to_owned())), children)
}

/// The structure tree: the title (H1), the introduction's paragraphs, then a section (Sect)
/// per section with its heading (H2), subheadings (H3), paragraphs (P) and tables (Table, TR,
/// TH, TD), each holding the lines drawn for it.
fn tag_tree(layout: &Layout, mut ids: BTreeMap<Place, Vec<Identifier>>) -> TagTree {
    let at = |section, block| Place {
        section,
        block,
        row: 0,
        col: 0,
    };
    let mut tree = TagTree::new().with_lang(Some("en-GB".into()));
    tree.push(heading(1, &layout.title, leaves(&mut ids, at(0, 0))));
    for i in 0..layout.intro.len() {
        tree.push(group(Tag::P, leaves(&mut ids, at(0, i + 1))));
    }
    for (s, section) in layout.sections.iter().enumerate() {
        let s = s + 1;
        let mut children = vec![heading(2, &section.heading, leaves(&mut ids, at(s, 0)))];
        for (b, block) in section.blocks.iter().enumerate() {
            let place = at(s, b + 1);
            children.push(match block {
                Block::Subheading(text) => heading(3, text, leaves(&mut ids, place)),
                Block::Table { headers, rows, .. } => {
                    let mut table = Vec::new();
                    for r in 0..=rows.len() {
                        let cells = (0..headers.len())
                            .map(|col| {
                                let lines = leaves(
                                    &mut ids,
                                    Place {
                                        row: r,
                                        col,
                                        ..place
                                    },
                                );
                                if r == 0 {
                                    group(Tag::TH(TableHeaderScope::Column), lines)
                                } else {
                                    group(Tag::TD, lines)
                                }
                            })
                            .collect();
                        table.push(group(Tag::TR, cells));
                    }
                    group(Tag::Table, table)
                }
                _ => group(Tag::P, leaves(&mut ids, place)),
            });
        }
        tree.push(group(Tag::Section, children));
    }
    tree
}

/// The PDF of `layout`, as bytes.
pub fn write_pdf(layout: &Layout) -> Result<Vec<u8>, PdfError> {
    let mut faces = Faces::load().ok_or(PdfError::Fonts)?;
    let flowed = flow::flow(layout, &mut faces);
    let mut document = Document::new_with(SerializeSettings::default());
    let ids = draw(layout, &flowed, &mut faces, &mut document)?;
    document.set_tag_tree(tag_tree(layout, ids));
    let mut outline = Outline::new();
    for (heading, page, y) in &flowed.bookmarks {
        outline.push_child(OutlineNode::new(
            heading.clone(),
            XyzDestination::new(*page, Point::from_xy(0.0, *y)),
        ));
    }
    document.set_outline(outline);
    document.set_metadata(
        Metadata::new()
            .title(format!("{}: {}", layout.title, layout.author))
            .authors(vec![layout.author.clone()])
            .language("en-GB".into())
            .creator("Ward to Board".into()),
    );
    document
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))
}

#[cfg(test)]
mod tests;
