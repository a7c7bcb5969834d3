//! Raw HTML in Markdown, re-written before the sanitiser sees it: tags a page never needs
//! (scripts, styles, SVG, comments) go with their content, every other tag is re-written in
//! one plain form, text outside tags is escaped, at most [`MAX_RAW_HTML_OPEN`] elements are
//! open at once, and every element is closed before the Markdown element it was opened in.
//!
//! Why: the sanitiser builds a tree from the HTML and checks scopes along the open elements
//! for every tag, so HTML that opens thousands of elements (or a tag with thousands of
//! attributes) costs time in the square of its length; and a formatting element left open
//! when its paragraph ends is copied into every later paragraph. Because the sanitiser only
//! ever sees tags written out here, its tree is never deeper than this module allows and no
//! element is copied, whatever the lesson contains. Safety still rests on the sanitiser;
//! this bounds its work.

use super::events::{RUN_BREAK, TEXT_RUN_BYTES};

/// Raw HTML elements open at once at most; a start tag beyond this is dropped (its text
/// stays). Well above what formatting needs (`<details><summary><b><sup>` is four).
pub const MAX_RAW_HTML_OPEN: usize = 32;

/// Attributes kept on one raw HTML tag; the sanitiser keeps only a handful anyway.
pub const MAX_RAW_HTML_ATTRIBUTES: usize = 16;

/// Longest attribute value kept on a raw HTML tag. The sanitiser's parser takes time in the
/// square of a value's length when it holds many `&`; no title or address needs more.
pub const MAX_RAW_HTML_ATTRIBUTE_BYTES: usize = 4 * 1024;

/// Elements whose content is not markup, or is removed with them: dropped whole.
const DROPPED_WITH_CONTENT: [&str; 12] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "svg",
    "math",
];

/// Elements that never have an end tag.
const VOID: [&str; 17] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track",
];

/// The raw HTML elements open so far in one document, and where each was opened.
#[derive(Debug, Default)]
pub(super) struct RawHtml {
    /// Text written since the last break between runs (see [`TEXT_RUN_BYTES`]).
    run: usize,
    /// Each open element's name, and the Markdown depth it was opened at: an end tag closes
    /// it only at that same depth, so raw tags can never close (or straddle) a Markdown
    /// element around them.
    open: Vec<(String, usize)>,
    /// An element dropped with its content whose end tag has not come yet: until it does,
    /// raw HTML and text are dropped.
    dropping: Option<String>,
}

impl RawHtml {
    /// Re-writes one fragment of raw HTML found at Markdown nesting `depth`, appending it to
    /// `out`. Linear in the fragment's length.
    pub(super) fn write(&mut self, fragment: &str, depth: usize, out: &mut String) {
        let mut rest = fragment;
        loop {
            if let Some(name) = &self.dropping {
                match after_end_tag(rest, name) {
                    Some(after) => {
                        self.dropping = None;
                        rest = after;
                    }
                    None => return,
                }
            }
            let Some(lt) = rest.find('<') else {
                break;
            };
            self.push_text(&rest[..lt], out);
            rest = &rest[lt..];
            rest = match Token::read(rest) {
                Read::Token(token, after) => {
                    self.write_token(token, depth, out);
                    after
                }
                Read::Text => {
                    out.push_str("&lt;");
                    &rest[1..]
                }
                Read::Unended => {
                    // What follows could only be read by looking to the end again for each
                    // `<`; it is shown as the text it is instead.
                    self.push_text(&rest.replace('<', "&lt;"), out);
                    return;
                }
            };
        }
        self.push_text(rest, out);
    }

    /// Text between tags, broken into runs of about [`TEXT_RUN_BYTES`]; a break goes only
    /// before a `&`, so no character reference is cut.
    fn push_text(&mut self, text: &str, out: &mut String) {
        let mut rest = text;
        while let Some(amp) = rest.find('&') {
            self.run += amp;
            out.push_str(&rest[..amp]);
            if self.run > TEXT_RUN_BYTES {
                out.push_str(RUN_BREAK);
                self.run = 0;
            }
            out.push('&');
            self.run += 1;
            rest = &rest[amp + 1..];
        }
        self.run += rest.len();
        out.push_str(rest);
    }

    /// Whether text is being dropped, inside a script or the like.
    pub(super) fn is_dropping(&self) -> bool {
        self.dropping.is_some()
    }

    /// End tags for every raw element opened at Markdown `depth` or deeper: the Markdown
    /// element at `depth` is about to end (0 for the end of the document).
    pub(super) fn close_from(&mut self, depth: usize, out: &mut String) {
        while let Some((name, _)) = self.open.pop_if(|(_, opened_at)| *opened_at >= depth) {
            push_end_tag(out, &name);
        }
    }

    fn write_token(&mut self, token: Token<'_>, depth: usize, out: &mut String) {
        match token {
            Token::Start { name, attributes } => {
                let void = VOID.contains(&name.as_str());
                if !void && self.open.len() >= MAX_RAW_HTML_OPEN {
                    return;
                }
                out.push('<');
                out.push_str(&name);
                for (attribute, value) in attributes {
                    out.push(' ');
                    out.push_str(attribute);
                    out.push_str("=\"");
                    out.push_str(&value.replace('"', "&quot;"));
                    out.push('"');
                }
                out.push('>');
                if !void {
                    self.open.push((name, depth));
                }
            }
            Token::End { name } => {
                if self.open.last() == Some(&(name.clone(), depth)) {
                    self.open.pop();
                    push_end_tag(out, &name);
                }
            }
            Token::DroppedWithContent { name } => self.dropping = Some(name),
            Token::Skipped => {}
        }
    }
}

fn push_end_tag(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// One thing starting with `<` in raw HTML.
enum Token<'a> {
    Start {
        /// Lowercase.
        name: String,
        attributes: Vec<(&'a str, &'a str)>,
    },
    End {
        name: String,
    },
    /// The start of an element dropped with everything up to its end tag.
    DroppedWithContent {
        name: String,
    },
    /// A comment, doctype or processing instruction.
    Skipped,
}

/// What a `<` in raw HTML starts.
enum Read<'a> {
    /// A token, and the text after it.
    Token(Token<'a>, &'a str),
    /// No tag: the `<` is text.
    Text,
    /// A tag that never ends.
    Unended,
}

impl<'a> Token<'a> {
    /// What `text` (which starts with `<`) starts with.
    fn read(text: &'a str) -> Read<'a> {
        let after_lt = &text[1..];
        if let Some(comment) = after_lt.strip_prefix("!--") {
            let end = comment.find("-->").map_or(comment.len(), |i| i + 3);
            return Read::Token(Token::Skipped, &comment[end..]);
        }
        if after_lt.starts_with(['!', '?']) {
            let end = after_lt.find('>').map_or(after_lt.len(), |i| i + 1);
            return Read::Token(Token::Skipped, &after_lt[end..]);
        }
        let (end_tag, name_start) = match after_lt.strip_prefix('/') {
            Some(name_start) => (true, name_start),
            None => (false, after_lt),
        };
        let Some((name, rest)) = tag_name(name_start) else {
            return Read::Text;
        };
        if end_tag {
            return match rest.find('>') {
                Some(close) => Read::Token(Token::End { name }, &rest[close + 1..]),
                None => Read::Unended,
            };
        }
        let Some((attributes, rest)) = read_attributes(rest) else {
            return Read::Unended;
        };
        if DROPPED_WITH_CONTENT.contains(&name.as_str()) {
            return Read::Token(Token::DroppedWithContent { name }, rest);
        }
        Read::Token(Token::Start { name, attributes }, rest)
    }
}

/// A tag name (ASCII letter, then letters, digits or `-`), lowercased, and what follows it.
fn tag_name(text: &str) -> Option<(String, &str)> {
    if !text.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(text.len());
    Some((text[..end].to_ascii_lowercase(), &text[end..]))
}

/// The attributes of a start tag up to and including its `>`, and the text after it; `None`
/// when the tag never ends. Names that are not plain ASCII, repeats and any past
/// [`MAX_RAW_HTML_ATTRIBUTES`] are left out.
fn read_attributes(mut text: &str) -> Option<(Vec<(&str, &str)>, &str)> {
    let mut attributes: Vec<(&str, &str)> = Vec::new();
    loop {
        text = text.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if let Some(after) = text.strip_prefix('>') {
            return Some((attributes, after));
        }
        let name_end = text.find(|c: char| c.is_ascii_whitespace() || "/>=".contains(c))?;
        if name_end == 0 {
            // A stray `=`: skip it as the HTML parser would treat it as part of a name.
            text = &text[1..];
            continue;
        }
        let name = &text[..name_end];
        text = text[name_end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let mut value = "";
        if let Some(after_equals) = text.strip_prefix('=') {
            let after_equals = after_equals.trim_start_matches(|c: char| c.is_ascii_whitespace());
            (value, text) = read_value(after_equals)?;
        }
        let plain = name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':');
        let repeated = attributes
            .iter()
            .any(|(seen, _)| seen.eq_ignore_ascii_case(name));
        let short = value.len() <= MAX_RAW_HTML_ATTRIBUTE_BYTES;
        if plain && short && !repeated && attributes.len() < MAX_RAW_HTML_ATTRIBUTES {
            attributes.push((name, value));
        }
    }
}

/// An attribute value (quoted or not) and the text after it.
fn read_value(text: &str) -> Option<(&str, &str)> {
    for quote in ['"', '\''] {
        if let Some(quoted) = text.strip_prefix(quote) {
            let end = quoted.find(quote)?;
            return Some((&quoted[..end], &quoted[end + 1..]));
        }
    }
    let end = text
        .find(|c: char| c.is_ascii_whitespace() || c == '>')
        .unwrap_or(text.len());
    Some((&text[..end], &text[end..]))
}

/// The text after the end tag `</name>` (any case), if there is one.
fn after_end_tag<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = text;
    while let Some(i) = rest.find("</") {
        let candidate = &rest[i + 2..];
        let matches = candidate
            .get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if matches {
            let after_name = &candidate[name.len()..];
            return Some(
                after_name
                    .find('>')
                    .map_or("", |close| &after_name[close + 1..]),
            );
        }
        rest = candidate;
    }
    None
}

#[cfg(test)]
mod tests;
