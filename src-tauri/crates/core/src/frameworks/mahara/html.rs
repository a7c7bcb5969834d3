//! Mahara descriptions are HTML; framework descriptions are plain text. Reading, ammonia parses
//! whatever the file holds and keeps only a few structural tags, whose well-formed output is
//! then turned into lines of text: paragraphs, line breaks, "- " list items and a link's address
//! in brackets. Writing does the reverse with the same few tags, so text read from a matrix
//! comes back unchanged after a trip through Mahara's format.

use std::collections::{HashMap, HashSet};

use ammonia::{Builder, UrlRelative};

/// Tags that end a paragraph: their text starts on a new block.
const BLOCK_TAGS: [&str; 17] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "hr",
    "dl",
    "dd",
];

/// The longest HTML description read from a matrix, in bytes: ten times the most text a
/// description keeps ([`crate::frameworks::MAX_DESCRIPTION_BYTES`]), for markup. The HTML
/// parser's cost grows with its input, so it is bounded before parsing, not after.
pub const MAX_MATRIX_HTML_BYTES: usize = 200 * 1024;
/// The deepest a description's HTML elements may nest: Mahara's editor writes three or four
/// levels (a list in a table cell). HTML parsers slow down with depth, so deeper is refused.
pub const MAX_MATRIX_HTML_DEPTH: usize = 32;

/// Elements that never hold others, so their start tags open no level.
const VOID_TAGS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Why a description's HTML is not read: the limit it is over.
pub(super) fn html_over_limits(html: &str) -> Option<String> {
    if html.len() > MAX_MATRIX_HTML_BYTES {
        return Some(format!(
            "the description is {} KiB of HTML; at most {} KiB are read",
            html.len().div_ceil(1024),
            MAX_MATRIX_HTML_BYTES / 1024
        ));
    }
    nests_deeper_than(html, MAX_MATRIX_HTML_DEPTH).then(|| {
        format!("the description's HTML nests more than {MAX_MATRIX_HTML_DEPTH} elements deep")
    })
}

/// Whether the tags of `html` nest deeper than `limit`, closed as a browser closes them: an
/// end tag closes the innermost open element of its name and those inside it, and one with no
/// open element of its name is ignored, so stray end tags cannot hide depth. (`<div/>` opens a
/// `div` in HTML, as here.) One pass, and the stack kept never passes `limit`.
fn nests_deeper_than(html: &str, limit: usize) -> bool {
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let (closing, tag) = match rest.strip_prefix('/') {
            Some(tag) => (true, tag),
            None => (false, rest),
        };
        let name = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if closing {
            if let Some(i) = open.iter().rposition(|n| *n == name) {
                open.truncate(i);
            }
        } else if !VOID_TAGS.contains(&name.as_str()) {
            open.push(name);
            if open.len() > limit {
                return true;
            }
        }
    }
    false
}

/// Mahara's HTML as plain text: tags removed (scripts and styles with their content), entities
/// decoded, white space folded as a browser would, and structure kept as lines.
pub(super) fn html_to_text(html: &str) -> String {
    let mut tags: HashSet<&str> = BLOCK_TAGS.into_iter().collect();
    tags.extend(["br", "li", "a", "td", "th", "dt"]);
    let attributes = HashMap::from([("a", HashSet::from(["href"]))]);
    let clean = Builder::default()
        .tags(tags)
        .tag_attributes(attributes)
        .generic_attributes(HashSet::new())
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(UrlRelative::Deny)
        .link_rel(None)
        .clean(html)
        .to_string();
    let mut out = Lines::default();
    let mut link: Option<(String, usize)> = None;
    // Inside a list, a paragraph (`<li><p>`) ends a line, not a block.
    let mut lists = 0usize;
    let mut rest = clean.as_str();
    while let Some(open) = rest.find('<') {
        out.push_text(&decode(&rest[..open]));
        let after = &rest[open..];
        // ammonia escapes every `<` that does not open a tag; if one is left open, it is text.
        let Some(close) = tag_end(after) else {
            rest = after;
            break;
        };
        let tag = &after[1..close - 1];
        rest = &after[close..];
        let (closing, name) = match tag.strip_prefix('/') {
            Some(name) => (true, name),
            None => (false, tag),
        };
        let name = name.split([' ', '/']).next().unwrap_or_default();
        match name {
            "br" => out.line_break(),
            "li" | "dt" if !closing => out.bullet(),
            "td" | "th" if !closing => out.push_text(" "),
            "a" if !closing => {
                link = href_of(tag).map(|href| (href, out.text_len()));
            }
            "a" => {
                if let Some((href, from)) = link.take() {
                    let shown = out.text_since(from);
                    if shown.trim() != href && !href.starts_with("mailto:") {
                        out.push_text(&format!(" ({href})"));
                    }
                }
            }
            "ul" | "ol" => {
                // A list nested in a list item continues the outer list's lines.
                if closing {
                    lists = lists.saturating_sub(1);
                }
                out.paragraph(lists > 0);
                if !closing {
                    lists += 1;
                }
            }
            n if BLOCK_TAGS.contains(&n) => out.paragraph(lists > 0),
            _ => {}
        }
    }
    out.push_text(&decode(rest));
    out.finish()
}

/// Where the tag starting at `<` ends (just past its `>`), skipping `>` inside quoted values.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in tag.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return Some(i + 1),
            _ => {}
        }
    }
    None
}

fn href_of(tag: &str) -> Option<String> {
    let start = tag.find("href=\"")? + "href=\"".len();
    let len = tag[start..].find('"')?;
    Some(decode(&tag[start..start + len]))
}

/// The entities html5ever writes in text and attribute values.
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = [
            ("&amp;", "&"),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&nbsp;", " "),
            ("&#39;", "'"),
        ]
        .into_iter()
        .find(|(e, _)| rest.starts_with(e));
        match entity {
            Some((e, c)) => {
                out.push_str(c);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text built line by line: runs of white space fold to one space, a paragraph break leaves
/// one empty line, and empty lines never pile up.
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    current: String,
}

impl Lines {
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with(' ') {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }

    fn text_len(&self) -> usize {
        self.current.len()
    }

    fn text_since(&self, from: usize) -> &str {
        self.current.get(from..).unwrap_or_default()
    }

    fn line_break(&mut self) {
        let line = self.current.trim().to_owned();
        self.current.clear();
        if !line.is_empty() || self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(line);
        }
    }

    fn paragraph(&mut self, in_list: bool) {
        if self.current.trim() == "-" {
            return;
        }
        self.end_line();
        if !in_list && self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn bullet(&mut self) {
        self.end_line();
        self.current.push_str("- ");
    }

    /// Ends the line being written, if anything is on it.
    fn end_line(&mut self) {
        if !self.current.trim().is_empty() {
            self.line_break();
        }
        self.current.clear();
    }

    fn finish(mut self) -> String {
        self.line_break();
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        self.lines.join("\n")
    }
}

/// Plain text as the HTML Mahara shows: blank-line blocks become paragraphs (or a list when
/// every line starts with "- "), single line breaks become `<br>`.
pub(super) fn text_to_html(text: &str) -> String {
    let mut html = String::new();
    for block in text.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let lines: Vec<&str> = block.lines().collect();
        if lines.iter().all(|l| l.starts_with("- ")) {
            html.push_str("<ul>");
            for line in lines {
                html.push_str("<li>");
                html.push_str(&escape(&line[2..]));
                html.push_str("</li>");
            }
            html.push_str("</ul>");
        } else {
            let escaped: Vec<String> = lines.iter().map(|l| escape(l)).collect();
            html.push_str("<p>");
            html.push_str(&escaped.join("<br>"));
            html.push_str("</p>");
        }
    }
    html
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
