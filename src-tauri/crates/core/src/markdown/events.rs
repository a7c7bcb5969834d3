//! The events of one text on their way to HTML, gathered so that rendering costs time in
//! proportion to the text: runs of text joined in one buffer (not a new string per piece),
//! bare addresses linked, raw HTML re-written by [`RawHtml`].

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::links;
use super::raw_html::RawHtml;

/// Longest run of text handed to the sanitiser in one piece; longer runs are split by an
/// empty comment (which the sanitiser removes). Its HTML parser takes time in the square of
/// a run's length when the run holds many `&` (measured: 1.2 MB of `&amp;` took 0.5 s in one
/// run, 0.1 s in runs of 1 KB), so runs are kept short.
pub(super) const TEXT_RUN_BYTES: usize = 4 * 1024;

/// What splits two runs of text: nothing the reader sees.
pub(super) const RUN_BREAK: &str = "<!---->";

/// `text` in pieces of at most [`TEXT_RUN_BYTES`] (cut at character boundaries).
fn runs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.len().min(TEXT_RUN_BYTES);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (run, after) = rest.split_at(end);
        rest = after;
        Some(run)
    })
}

/// The events to write out, gathered so that each costs time in proportion to its length:
/// the parser may split one run of text at characters that could have been markup, and an
/// HTML block comes a line at a time, so pieces are joined in a buffer (an address is then
/// seen whole, a tag split over lines too) and handed on once the run ends.
#[derive(Default)]
pub(super) struct RenderedEvents<'a> {
    events: Vec<Event<'a>>,
    text: String,
    html_block: String,
    /// Markdown depth of the pending HTML block.
    html_block_depth: usize,
    raw_html: RawHtml,
    /// Links open now: text inside one is not searched for addresses.
    in_link: usize,
}

impl<'a> RenderedEvents<'a> {
    /// Takes the next event, met at Markdown `depth` (elements open after it).
    pub(super) fn push(&mut self, event: Event<'a>, depth: usize) {
        match event {
            Event::Text(_) | Event::Code(_) if self.raw_html.is_dropping() => {}
            Event::Code(code) if code.len() > TEXT_RUN_BYTES => {
                self.end_text();
                self.end_html_block();
                for run in runs(&code) {
                    self.events.push(Event::Code(CowStr::from(run.to_owned())));
                }
            }
            Event::Text(text) => {
                self.end_html_block();
                self.text.push_str(&text);
            }
            Event::Html(html) => {
                self.end_text();
                self.html_block.push_str(&html);
                // An HTML block writes no element of its own: what it opens belongs to the
                // element around it, so `<details>` can hold the Markdown that follows.
                self.html_block_depth = depth.saturating_sub(1);
            }
            Event::InlineHtml(html) => {
                self.end_text();
                self.end_html_block();
                let mut written = String::with_capacity(html.len());
                self.raw_html.write(&html, depth, &mut written);
                self.events.push(Event::InlineHtml(written.into()));
            }
            other => {
                self.end_text();
                self.end_html_block();
                match &other {
                    Event::Start(Tag::Link { .. }) => self.in_link += 1,
                    Event::End(TagEnd::Link) => self.in_link = self.in_link.saturating_sub(1),
                    _ => {}
                }
                if matches!(other, Event::End(_)) {
                    // The element ending was at `depth + 1`: raw elements opened in it end first.
                    self.close_raw_html_from(depth + 1);
                }
                self.events.push(other);
            }
        }
    }

    fn end_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let text = CowStr::from(std::mem::take(&mut self.text));
        let pieces = if self.in_link == 0 {
            links::autolink(text)
        } else {
            vec![Event::Text(text)]
        };
        for piece in pieces {
            match piece {
                Event::Text(text) if text.len() > TEXT_RUN_BYTES => {
                    for (i, run) in runs(&text).enumerate() {
                        if i > 0 {
                            self.events.push(Event::Html(RUN_BREAK.into()));
                        }
                        self.events.push(Event::Text(CowStr::from(run.to_owned())));
                    }
                }
                other => self.events.push(other),
            }
        }
    }

    fn end_html_block(&mut self) {
        if self.html_block.is_empty() {
            return;
        }
        let mut written = String::with_capacity(self.html_block.len());
        self.raw_html
            .write(&self.html_block, self.html_block_depth, &mut written);
        self.html_block.clear();
        self.events.push(Event::Html(written.into()));
    }

    fn close_raw_html_from(&mut self, depth: usize) {
        let mut closing = String::new();
        self.raw_html.close_from(depth, &mut closing);
        if !closing.is_empty() {
            self.events.push(Event::Html(closing.into()));
        }
    }

    /// Every event, with raw HTML elements still open closed at the end.
    pub(super) fn finish(mut self) -> Vec<Event<'a>> {
        self.end_text();
        self.end_html_block();
        self.close_raw_html_from(0);
        self.events
    }
}
