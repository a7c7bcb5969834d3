//! The fonts every document is set in, built into the binary (Liberation Sans 2, SIL Open Font
//! Licence 1.1, licence in `core/fonts/`), so names such as Siobhán, Zoë and Nguyễn print
//! the same on every machine; and the widths of text in them, to break lines.

use krilla::text::Font;

static REGULAR: &[u8] = include_bytes!("../../../fonts/LiberationSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../fonts/LiberationSans-Bold.ttf");

/// One face: krilla's font to draw with, and its advances to measure with.
#[derive(Debug)]
pub(super) struct Face {
    pub(super) font: Font,
    /// Advance of each character seen, in em units; looked up once per character.
    advances: std::collections::HashMap<char, f32>,
    face: ttf_parser::Face<'static>,
}

impl Face {
    fn load(data: &'static [u8]) -> Option<Face> {
        Some(Face {
            font: Font::new(data.into(), 0)?,
            advances: std::collections::HashMap::new(),
            face: ttf_parser::Face::parse(data, 0).ok()?,
        })
    }

    fn advance(&mut self, c: char) -> f32 {
        if let Some(a) = self.advances.get(&c) {
            return *a;
        }
        let units = f32::from(self.face.units_per_em());
        let glyph = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        let a = f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) / units;
        self.advances.insert(c, a);
        a
    }

    /// The width of `text` at `size` points.
    pub(super) fn width(&mut self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// `text` broken into lines no wider than `width` at `size`: on spaces, and inside a word
    /// only when the word alone is wider than the line. The first line may be narrower
    /// (`first`), for text that follows a label. Each word is measured once and the line's
    /// width kept as it grows, so a long account costs one pass over its characters.
    pub(super) fn wrap(&mut self, text: &str, size: f32, first: f32, width: f32) -> Vec<String> {
        let space = self.width(" ", size);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut used = 0.0;
            for word in paragraph.split_whitespace() {
                let limit = if lines.is_empty() { first } else { width };
                let word_width = self.width(word, size);
                let gap = if line.is_empty() { 0.0 } else { space };
                if used + gap + word_width <= limit {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    used += gap + word_width;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                for c in word.chars() {
                    let limit = if lines.is_empty() { first } else { width };
                    let advance = self.advance(c) * size;
                    if used + advance > limit && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        used = 0.0;
                    }
                    line.push(c);
                    used += advance;
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// The regular and bold faces.
#[derive(Debug)]
pub(super) struct Faces {
    pub(super) regular: Face,
    pub(super) bold: Face,
}

impl Faces {
    /// `None` only if the fonts built into the binary cannot be read, which a test rules out.
    pub(super) fn load() -> Option<Faces> {
        Some(Faces {
            regular: Face::load(REGULAR)?,
            bold: Face::load(BOLD)?,
        })
    }

    pub(super) fn face(&mut self, bold: bool) -> &mut Face {
        if bold {
            &mut self.bold
        } else {
            &mut self.regular
        }
    }
}
