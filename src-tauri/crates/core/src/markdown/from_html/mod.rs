//! HTML written elsewhere (Moodle descriptions, Mahara journal posts, Leap2A content) to our
//! Markdown: structure kept (paragraphs, headings, emphasis, lists, quotes, code, links to web
//! pages), everything else reduced to its text. Scripts, styles, comments, images, forms and
//! unknown markup never survive; what comes out is rendered through the same sanitiser as any
//! other Markdown, so this conversion is about faithfulness, not the last line of defence.

mod tokens;

use tokens::{tokens, Token};

/// The most HTML converted, in bytes; the rest is cut (callers limit their inputs earlier).
pub const MAX_HTML_BYTES: usize = 4 * 1024 * 1024;

/// The deepest quotes and lists are written: each level adds to the start of every line
/// inside it, so without a bound, deep nesting around many lines would write depth × lines
/// bytes. Deeper levels are written at this depth (their text kept, their nesting flattened).
pub const MAX_HTML_NESTING: usize = 16;

/// Elements whose content is dropped with them.
const DROPPED: [&str; 9] = [
    "script", "style", "head", "title", "template", "iframe", "object", "svg", "math",
];

#[derive(Default)]
struct Writer {
    out: String,
    /// The open lists: `None` for bullets, `Some(n)` for the next number.
    lists: Vec<Option<u32>>,
    quote: usize,
    pre: bool,
    /// Inside a dropped element (nesting depth).
    dropped: usize,
    /// The link being written: its address, and where its text starts in `out`.
    link: Option<(String, usize)>,
    /// The line being written has only its prefix so far.
    at_line_start: bool,
}

/// Converts `html` to Markdown.
pub fn html_to_markdown(html: &str) -> String {
    let html = cut(html, MAX_HTML_BYTES);
    let mut w = Writer {
        at_line_start: true,
        ..Writer::default()
    };
    for token in tokens(html) {
        w.token(token);
    }
    tidy(&w.out)
}

fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl Writer {
    fn token(&mut self, token: Token) {
        match token {
            Token::Open(name) if DROPPED.contains(&name.as_str()) => self.dropped += 1,
            Token::Close(name) if DROPPED.contains(&name.as_str()) => {
                self.dropped = self.dropped.saturating_sub(1);
            }
            _ if self.dropped > 0 => {}
            Token::Text(text) => self.text(&text),
            Token::Open(name) => self.open(&name, None),
            Token::Link(href) => self.open("a", Some(href)),
            Token::Close(name) => self.close(&name),
            Token::Empty(name) => self.empty(&name),
        }
    }

    fn prefix(&self) -> String {
        let mut p = "> ".repeat(self.quote.min(MAX_HTML_NESTING));
        let indents = self.lists.len().saturating_sub(1);
        p.push_str(&"   ".repeat(indents.min(MAX_HTML_NESTING)));
        p
    }

    /// Ends the current block with a blank line.
    fn block(&mut self) {
        self.link = None;
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.at_line_start = true;
    }

    fn newline(&mut self) {
        self.out.push('\n');
        self.at_line_start = true;
    }

    fn start_line(&mut self) {
        if self.at_line_start {
            let prefix = self.prefix();
            self.out.push_str(&prefix);
            self.at_line_start = false;
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.newline();
                }
                self.start_line();
                self.out.push_str(line);
            }
            return;
        }
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            if !self.at_line_start && !text.is_empty() && !self.out.ends_with(' ') {
                self.out.push(' ');
            }
            return;
        }
        if self.at_line_start {
            self.start_line();
        } else if text.starts_with(char::is_whitespace) && !self.out.ends_with(' ') {
            self.out.push(' ');
        }
        self.out.push_str(&escape(&collapsed));
        if text.ends_with(char::is_whitespace) {
            self.out.push(' ');
        }
    }

    fn open(&mut self, name: &str, href: Option<String>) {
        match name {
            "p" | "div" | "section" | "article" | "table" | "dl" | "figure" | "address" => {
                self.block()
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.block();
                self.start_line();
                let level = usize::from(name.as_bytes()[1] - b'0');
                self.out.push_str(&"#".repeat(level));
                self.out.push(' ');
            }
            "strong" | "b" => self.inline("**"),
            "em" | "i" => self.inline("*"),
            "code" if !self.pre => self.inline("`"),
            "pre" => {
                self.block();
                self.start_line();
                self.out.push_str("```");
                self.newline();
                self.pre = true;
            }
            "blockquote" => {
                self.block();
                self.quote += 1;
            }
            "ul" => self.list(None),
            "ol" => self.list(Some(1)),
            "li" => self.item(),
            "tr" | "dt" | "dd" if !self.at_line_start => self.newline(),
            "td" | "th" if !self.at_line_start => self.out.push_str(" | "),
            "a" => {
                self.start_line();
                self.link = href.map(|h| (h, self.out.len()));
            }
            _ => {}
        }
    }

    fn inline(&mut self, mark: &str) {
        self.start_line();
        self.out.push_str(mark);
    }

    fn list(&mut self, start: Option<u32>) {
        if self.lists.is_empty() {
            self.block();
        } else if !self.at_line_start {
            self.newline();
        }
        self.lists.push(start);
    }

    fn item(&mut self) {
        if !self.at_line_start {
            self.newline();
        }
        self.start_line();
        let marker = match self.lists.last_mut() {
            Some(Some(n)) => {
                let m = format!("{n}. ");
                *n += 1;
                m
            }
            _ => "- ".to_owned(),
        };
        self.out.push_str(&marker);
    }

    fn close(&mut self, name: &str) {
        match name {
            "p" | "div" | "section" | "article" | "table" | "dl" | "figure" | "address" | "h1"
            | "h2" | "h3" | "h4" | "h5" | "h6" => self.block(),
            "strong" | "b" => self.out.push_str("**"),
            "em" | "i" => self.out.push('*'),
            "code" if !self.pre => self.out.push('`'),
            "pre" if self.pre => {
                self.pre = false;
                self.newline();
                self.start_line();
                self.out.push_str("```");
                self.block();
            }
            "blockquote" => {
                self.quote = self.quote.saturating_sub(1);
                self.block();
            }
            "ul" | "ol" => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.block();
                }
            }
            "a" => {
                if let Some((href, start)) = self.link.take() {
                    let text = self.out[start..].trim().to_owned();
                    self.out.truncate(start);
                    if text.is_empty() {
                        self.out.push_str(&escape(&href));
                    } else {
                        self.out.push_str(&format!("[{text}](<{href}>)"));
                    }
                }
            }
            _ => {}
        }
    }

    fn empty(&mut self, name: &str) {
        match name {
            "br" => {
                if self.pre {
                    self.newline();
                } else if !self.at_line_start {
                    // A hard line break: two spaces before the newline.
                    self.out.push_str("  ");
                    self.newline();
                }
            }
            "hr" => {
                self.block();
                self.start_line();
                self.out.push_str("---");
                self.block();
            }
            _ => {}
        }
    }
}

/// Escapes what Markdown would otherwise read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Trailing spaces and runs of blank lines tidied away.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = if line.ends_with("  ") && !line.trim().is_empty() {
            line
        } else {
            line.trim_end()
        };
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests;
