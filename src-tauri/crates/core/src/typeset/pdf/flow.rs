//! Flows a `Layout` onto A4 pages: where every line of text, rule and shaded band goes, and
//! where each section starts (for the outline). Nothing is drawn here; `mod.rs` draws the
//! pages once their number is known, for "Page n of N".

use super::fonts::Faces;
use crate::typeset::{Block, Layout};

pub(super) const PAGE_W: f32 = 595.28;
pub(super) const PAGE_H: f32 = 841.89;
pub(super) const LEFT: f32 = 56.0;
pub(super) const RIGHT: f32 = PAGE_W - 56.0;
const WIDTH: f32 = RIGHT - LEFT;
const TOP: f32 = 72.0;
const BOTTOM: f32 = PAGE_H - 64.0;

pub(super) const TITLE: f32 = 20.0;
pub(super) const HEADING: f32 = 15.0;
pub(super) const SUBHEADING: f32 = 12.0;
pub(super) const BODY: f32 = 10.0;
pub(super) const SMALL: f32 = 8.5;
const LEADING: f32 = 1.4;
const CELL_PAD: f32 = 3.0;
/// A table cell longer than this many lines is cut, so every row fits on a page.
const MAX_CELL_LINES: usize = 40;

/// Where in the document's structure a line belongs: section 0 is the title and introduction,
/// block 0 a section's heading; in a table, row 0 is the header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Place {
    pub(super) section: usize,
    pub(super) block: usize,
    pub(super) row: usize,
    pub(super) col: usize,
}

impl Place {
    fn at(section: usize, block: usize) -> Place {
        Place {
            section,
            block,
            row: 0,
            col: 0,
        }
    }
}

/// One line of text: its baseline's start, size, weight and place in the structure.
#[derive(Debug)]
pub(super) struct Run {
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) bold: bool,
    pub(super) text: String,
    pub(super) place: Place,
}

#[derive(Debug, Default)]
pub(super) struct Page {
    pub(super) runs: Vec<Run>,
    /// Horizontal rules: (left, right, y).
    pub(super) rules: Vec<(f32, f32, f32)>,
    /// Shaded bands behind table headers: (top, height).
    pub(super) shades: Vec<(f32, f32)>,
}

#[derive(Debug)]
pub(super) struct Flowed {
    pub(super) pages: Vec<Page>,
    /// Each section's heading, page index and top.
    pub(super) bookmarks: Vec<(String, usize, f32)>,
}

struct Flow<'a> {
    faces: &'a mut Faces,
    pages: Vec<Page>,
    y: f32,
    bookmarks: Vec<(String, usize, f32)>,
}

fn line_height(size: f32) -> f32 {
    size * LEADING
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Starts a new page unless `height` more fits on this one.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn run(&mut self, x: f32, size: f32, bold: bool, text: String, place: Place) {
        let y = self.y + size;
        self.page().runs.push(Run {
            x,
            y,
            size,
            bold,
            text,
            place,
        });
    }

    /// Wrapped text at `indent`, a line at a time, each on the page it fits.
    fn text(&mut self, text: &str, size: f32, bold: bool, indent: f32, place: Place) {
        let width = WIDTH - indent;
        for line in self.faces.face(bold).wrap(text, size, width, width) {
            self.room(line_height(size));
            self.run(LEFT + indent, size, bold, line, place);
            self.y += line_height(size);
        }
    }

    fn heading(&mut self, text: &str, size: f32, place: Place) {
        // Keep a heading with the first lines under it.
        self.room(line_height(size) + 3.0 * line_height(BODY) + size * 0.6);
        self.y += size * 0.6;
        if place.block == 0 && place.section > 0 {
            let page = self.pages.len().saturating_sub(1);
            self.bookmarks.push((text.to_owned(), page, self.y));
        }
        self.text(text, size, true, 0.0, place);
        self.y += size * 0.2;
    }

    fn field(&mut self, label: &str, value: &str, place: Place) {
        let label = format!("{label}:");
        if value.is_empty() {
            self.text(&label, BODY, true, 0.0, place);
            return;
        }
        let label_width = self.faces.bold.width(&label, BODY) + 4.0;
        let lines = self
            .faces
            .regular
            .wrap(value, BODY, WIDTH - label_width, WIDTH);
        self.room(line_height(BODY));
        self.run(LEFT, BODY, true, label, place);
        for (n, line) in lines.into_iter().enumerate() {
            if n > 0 {
                self.room(line_height(BODY));
            }
            let x = if n == 0 { LEFT + label_width } else { LEFT };
            self.run(x, BODY, false, line, place);
            self.y += line_height(BODY);
        }
    }

    fn write_in(&mut self, label: &str, place: Place) {
        self.room(line_height(SMALL) + 26.0);
        self.text(label, SMALL, false, 0.0, place);
        self.y += 18.0;
        let y = self.y;
        self.page().rules.push((LEFT, RIGHT, y));
        self.y += 8.0;
    }

    fn table(&mut self, headers: &[String], widths: &[f32], rows: &[Vec<String>], at: Place) {
        let mut xs = Vec::with_capacity(widths.len());
        let mut x = LEFT;
        for w in widths {
            xs.push((x, w * WIDTH));
            x += w * WIDTH;
        }
        let header = self.cells(headers, &xs, true);
        self.y += 4.0;
        self.row(&header, &xs, true, at, 0);
        for (r, row) in rows.iter().enumerate() {
            let cells = self.cells(row, &xs, false);
            let height = Self::row_height(&cells);
            if self.y + height > BOTTOM {
                self.new_page();
                self.row(&header, &xs, true, at, 0);
            }
            self.row(&cells, &xs, false, at, r + 1);
        }
        self.y += 6.0;
    }

    fn cells(&mut self, texts: &[String], xs: &[(f32, f32)], bold: bool) -> Vec<Vec<String>> {
        texts
            .iter()
            .zip(xs)
            .map(|(text, (_, w))| {
                let inner = w - 2.0 * CELL_PAD;
                let mut lines = self.faces.face(bold).wrap(text, SMALL, inner, inner);
                if lines.len() > MAX_CELL_LINES {
                    lines.truncate(MAX_CELL_LINES);
                    if let Some(last) = lines.last_mut() {
                        last.push('…');
                    }
                }
                lines
            })
            .collect()
    }

    fn row_height(cells: &[Vec<String>]) -> f32 {
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        lines as f32 * line_height(SMALL) + 2.0 * CELL_PAD
    }

    fn row(&mut self, cells: &[Vec<String>], xs: &[(f32, f32)], bold: bool, at: Place, r: usize) {
        let height = Self::row_height(cells);
        self.room(height);
        let top = self.y;
        if bold {
            self.page().shades.push((top, height));
        }
        for (c, (lines, (x, _))) in cells.iter().zip(xs).enumerate() {
            self.y = top + CELL_PAD;
            let place = Place {
                row: r,
                col: c,
                ..at
            };
            for line in lines {
                self.run(x + CELL_PAD, SMALL, bold, line.clone(), place);
                self.y += line_height(SMALL);
            }
        }
        self.y = top + height;
        let y = self.y;
        self.page().rules.push((LEFT, RIGHT, y));
    }

    fn block(&mut self, block: &Block, place: Place) {
        match block {
            Block::Subheading(text) => self.heading(text, SUBHEADING, place),
            Block::Paragraph(text) => {
                self.text(text, BODY, false, 0.0, place);
                self.y += 4.0;
            }
            Block::Field { label, value } => self.field(label, value, place),
            Block::Table {
                headers,
                widths,
                rows,
            } => self.table(headers, widths, rows, place),
            Block::Check {
                mark,
                label,
                detail,
            } => {
                self.text(
                    &format!("{}: {label}", mark.words()),
                    BODY,
                    true,
                    0.0,
                    place,
                );
                self.text(detail, BODY, false, 12.0, place);
                self.y += 4.0;
            }
            Block::WriteIn(label) => self.write_in(label, place),
        }
    }
}

/// The layout flowed onto pages.
pub(super) fn flow(layout: &Layout, faces: &mut Faces) -> Flowed {
    let mut flow = Flow {
        faces,
        pages: vec![Page::default()],
        y: TOP,
        bookmarks: Vec::new(),
    };
    flow.text(&layout.title, TITLE, true, 0.0, Place::at(0, 0));
    flow.y += 6.0;
    for (i, line) in layout.intro.iter().enumerate() {
        flow.text(line, BODY, false, 0.0, Place::at(0, i + 1));
    }
    for (s, section) in layout.sections.iter().enumerate() {
        flow.y += 8.0;
        flow.heading(&section.heading, HEADING, Place::at(s + 1, 0));
        for (b, block) in section.blocks.iter().enumerate() {
            flow.block(block, Place::at(s + 1, b + 1));
        }
    }
    Flowed {
        pages: flow.pages,
        bookmarks: flow.bookmarks,
    }
}
