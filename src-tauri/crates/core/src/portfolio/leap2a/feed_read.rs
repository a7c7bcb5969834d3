//! Reading `leap2a.xml` into plain structures, streaming, with quick-xml. A document type
//! declaration is refused outright (so no entity is ever declared, let alone expanded: no
//! "billion laughs", no external entities), and any entity but XML's five and character
//! references is an error. CURIEs (`leap2:entry`, `categories:selection_type#`) are resolved
//! through the feed's namespace declarations, so any prefix works, as do full IRIs.

use std::cell::Cell;
use std::collections::HashMap;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;

use super::feed::{Category, Content, Feed, FeedEntry, Link};
use super::names::{curie, is_leap2, CATEGORY_NAMESPACES, LEAP2_NAMESPACES};
use super::{
    ATOM_NS, MAX_ENTRY_PARTS, MAX_FEED_ATTRIBUTE_BYTES, MAX_FEED_DEPTH, MAX_FEED_ENTRIES,
    MAX_FEED_TEXT_BYTES, RDF_NS,
};

/// Why the feed cannot be read, with the line it was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FeedError {
    /// A DOCTYPE: refused as unsafe.
    Doctype {
        line: usize,
    },
    Malformed {
        line: usize,
        reason: String,
    },
    NotAFeed(String),
    TooManyEntries,
    /// Past one of the limits on depth, text, attributes or parts of an entry; the reason
    /// names it.
    OverLimit {
        line: usize,
        reason: String,
    },
}

type Read<T> = Result<T, FeedError>;

struct Parser<'x> {
    xml: &'x str,
    reader: NsReader<&'x [u8]>,
    /// Prefix -> namespace, as declared on the feed element.
    prefixes: HashMap<String, String>,
    /// The last position a line was found for, and its line.
    counted: Cell<(usize, usize)>,
    /// How many elements are open where the reader is.
    depth: usize,
}

/// Parses a whole feed.
pub(super) fn parse_feed(xml: &str) -> Read<Feed> {
    let mut parser = Parser {
        xml,
        reader: NsReader::from_str(xml),
        prefixes: HashMap::new(),
        counted: Cell::new((0, 1)),
        depth: 0,
    };
    parser.feed()
}

impl<'x> Parser<'x> {
    fn line(&self) -> usize {
        self.line_at(self.reader.buffer_position())
    }

    /// The line at `position`, counting on from the last line found: positions only grow
    /// while a feed streams past, so the whole file is scanned once, not once per entry.
    fn line_at(&self, position: u64) -> usize {
        let at = usize::try_from(position)
            .unwrap_or(usize::MAX)
            .min(self.xml.len());
        let (from, line) = self.counted.get();
        let (from, line) = if at >= from { (from, line) } else { (0, 1) };
        let more = self.xml.as_bytes()[from..at]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.counted.set((at, line + more));
        line + more
    }

    fn malformed(&self, reason: impl Into<String>) -> FeedError {
        FeedError::Malformed {
            line: self.line(),
            reason: reason.into(),
        }
    }

    fn over_limit(&self, reason: String) -> FeedError {
        FeedError::OverLimit {
            line: self.line(),
            reason,
        }
    }

    /// The next event, namespaced; a DOCTYPE is refused here, wherever it is, and so is an
    /// element nested deeper than [`MAX_FEED_DEPTH`]. Every event of the feed passes here.
    fn next(&mut self) -> Read<(Option<String>, Event<'x>)> {
        let start = self.reader.buffer_position();
        let (ns, event) = match self.reader.read_resolved_event() {
            Ok((ResolveResult::Bound(Namespace(ns)), event)) => (Some(ns.to_owned()), event),
            Ok((_, event)) => (None, event),
            Err(e) => return Err(self.malformed(e.to_string())),
        };
        if let Event::DocType(_) = event {
            return Err(FeedError::Doctype {
                line: self.line_at(start),
            });
        }
        match event {
            Event::Start(_) if self.depth == MAX_FEED_DEPTH => {
                return Err(self.over_limit(format!(
                    "elements are nested more than {MAX_FEED_DEPTH} deep, the most a feed may \
                     nest"
                )))
            }
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok((ns, event))
    }

    fn feed(&mut self) -> Read<Feed> {
        loop {
            match self.next()? {
                (Some(ns), Event::Start(e))
                    if ns == ATOM_NS && e.local_name().as_ref() == "feed" =>
                {
                    self.declare(&e);
                    return self.feed_children();
                }
                (_, Event::Start(e) | Event::Empty(e)) => {
                    return Err(FeedError::NotAFeed(format!(
                        "its first element is <{}>, not an Atom <feed>",
                        e.name().as_ref()
                    )))
                }
                (_, Event::Eof) => {
                    return Err(FeedError::NotAFeed("it holds no XML element".into()))
                }
                (_, Event::Text(t)) if !t.xml10_content().trim().is_empty() => {
                    return Err(FeedError::NotAFeed("it starts with text, not XML".into()))
                }
                _ => {}
            }
        }
    }

    /// Keeps the feed's `xmlns:` declarations, to resolve CURIEs in attribute values.
    fn declare(&mut self, feed: &BytesStart<'_>) {
        for attr in feed.attributes().flatten() {
            if let Some(prefix) = attr.key.as_ref().strip_prefix("xmlns:") {
                self.prefixes
                    .insert(prefix.to_owned(), attr.value.into_owned());
            }
        }
    }

    fn feed_children(&mut self) -> Read<Feed> {
        let mut feed = Feed::default();
        loop {
            let (ns, event) = self.next()?;
            match event {
                Event::Start(e) => {
                    let name = e.local_name().as_ref().to_owned();
                    match (ns.as_deref(), name.as_str()) {
                        (Some(ATOM_NS), "entry") => {
                            if feed.entries.len() == MAX_FEED_ENTRIES {
                                return Err(FeedError::TooManyEntries);
                            }
                            let line = self.line();
                            let entry = self.entry(line)?;
                            feed.entries.push(entry);
                        }
                        (Some(ATOM_NS), "id") => feed.id = self.text()?,
                        (Some(ATOM_NS), "title") => feed.title = self.text()?,
                        (Some(ns), "version") if is_leap2(ns) => feed.version = Some(self.text()?),
                        _ => self.skip()?,
                    }
                }
                Event::End(_) | Event::Eof => return Ok(feed),
                _ => {}
            }
        }
    }

    fn entry(&mut self, line: usize) -> Read<FeedEntry> {
        let mut entry = FeedEntry {
            line,
            ..FeedEntry::default()
        };
        loop {
            let (ns, event) = self.next()?;
            let (element, empty) = match event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) => return Ok(entry),
                Event::Eof => return Err(self.malformed("the file ends inside an <entry>")),
                _ => continue,
            };
            let name = element.local_name().as_ref().to_owned();
            if entry.links.len() + entry.categories.len() + entry.types.len() == MAX_ENTRY_PARTS {
                return Err(self.over_limit(format!(
                    "the <entry> starting on line {line} has more than {MAX_ENTRY_PARTS} links, \
                     categories and types together"
                )));
            }
            let text = |p: &mut Self| if empty { Ok(String::new()) } else { p.text() };
            match (ns.as_deref(), name.as_str()) {
                (Some(ATOM_NS), "id") => entry.id = text(self)?.trim().to_owned(),
                (Some(ATOM_NS), "title") => entry.title = text(self)?,
                (Some(ATOM_NS), "published") => entry.published = Some(text(self)?),
                (Some(ATOM_NS), "updated") => entry.updated = Some(text(self)?),
                (Some(ATOM_NS), "content") => entry.content = Some(self.content(&element, empty)?),
                (Some(ATOM_NS), "link") => {
                    let rel = self
                        .attr(&element, "rel")?
                        .unwrap_or_else(|| "alternate".into());
                    entry.links.push(Link {
                        rel: curie(&rel, &LEAP2_NAMESPACES, "leap2", &self.prefixes),
                        href: self.attr(&element, "href")?.unwrap_or_default(),
                        media_type: self.attr(&element, "type")?,
                    });
                    if !empty {
                        self.skip()?;
                    }
                }
                (Some(ATOM_NS), "category") => {
                    let scheme = self.attr(&element, "scheme")?;
                    entry.categories.push(Category {
                        term: self.attr(&element, "term")?.unwrap_or_default(),
                        scheme: scheme
                            .map(|s| curie(&s, &CATEGORY_NAMESPACES, "categories", &self.prefixes)),
                        label: self.attr(&element, "label")?,
                    });
                    if !empty {
                        self.skip()?;
                    }
                }
                (Some(RDF_NS), "type") => {
                    if let Some(resource) = self.attr(&element, "resource")? {
                        entry.types.push(curie(
                            &resource,
                            &LEAP2_NAMESPACES,
                            "leap2",
                            &self.prefixes,
                        ));
                    }
                    if !empty {
                        self.skip()?;
                    }
                }
                (Some(ns), "artefactplugin") if ns.contains("mahara") => {
                    let plugin = self.attr(&element, "plugin")?.unwrap_or_default();
                    let kind = self.attr(&element, "type")?.unwrap_or_default();
                    entry.mahara_plugin = Some((plugin, kind));
                    if !empty {
                        self.skip()?;
                    }
                }
                _ if !empty => self.skip()?,
                _ => {}
            }
        }
    }

    fn content(&mut self, element: &BytesStart<'_>, empty: bool) -> Read<Content> {
        let kind = self.attr(element, "type")?.unwrap_or_else(|| "text".into());
        let src = self.attr(element, "src")?;
        let text = if empty {
            String::new()
        } else if kind == "xhtml" {
            // The markup is kept as written; the outer xhtml <div> Atom requires is dropped.
            let (start, end) = self.inner_span()?;
            if end.saturating_sub(start) > MAX_FEED_TEXT_BYTES {
                return Err(self.text_over_limit());
            }
            self.xml
                .get(start..end)
                .unwrap_or_default()
                .trim()
                .to_owned()
        } else {
            self.text()?
        };
        Ok(Content { kind, text, src })
    }

    /// The text inside the element just opened, up to its end; nested elements give their
    /// text. XML's own entities and character references are resolved; any other is refused.
    fn text(&mut self) -> Read<String> {
        let mut out = String::new();
        let mut depth = 0usize;
        loop {
            if out.len() > MAX_FEED_TEXT_BYTES {
                return Err(self.text_over_limit());
            }
            match self.next()?.1 {
                Event::Text(t) => out.push_str(&t.xml10_content()),
                Event::CData(c) => out.push_str(&c.xml10_content()),
                Event::GeneralRef(r) => {
                    let resolved = r
                        .resolve_char_ref()
                        .map_err(|e| self.malformed(e.to_string()))?;
                    match resolved {
                        Some(c) => out.push(c),
                        None => {
                            let name = r.xml10_content();
                            let Some(text) = resolve_predefined_entity(&name) else {
                                return Err(self.malformed(format!(
                                    "the entity &{name}; is not one of XML's own, and entities of \
                                     a file's own are never expanded"
                                )));
                            };
                            out.push_str(text);
                        }
                    }
                }
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => return Ok(out),
                Event::End(_) => depth -= 1,
                Event::Eof => return Err(self.malformed("the file ends inside an element")),
                _ => {}
            }
        }
    }

    fn text_over_limit(&self) -> FeedError {
        self.over_limit(format!(
            "an element holds more than {} MiB of text, the most one may hold",
            MAX_FEED_TEXT_BYTES / 1024 / 1024
        ))
    }

    /// Reads past the rest of the element just opened.
    fn skip(&mut self) -> Read<()> {
        self.inner_span().map(|_| ())
    }

    /// Reads to the end of the element just opened, event by event through [`Self::next`] so
    /// depth is counted and a DOCTYPE refused even here; returns where its content starts and
    /// ends in the text. The reader matches end tags to start tags, so counting them is enough.
    fn inner_span(&mut self) -> Read<(usize, usize)> {
        let start = self.position();
        let mut open = 0usize;
        loop {
            let before = self.position();
            match self.next()?.1 {
                Event::Start(_) => open += 1,
                Event::End(_) if open == 0 => return Ok((start, before)),
                Event::End(_) => open -= 1,
                Event::Eof => return Err(self.malformed("the file ends inside an element")),
                _ => {}
            }
        }
    }

    fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// An attribute by its local name (any prefix), with XML's own entities resolved.
    fn attr(&self, element: &BytesStart<'_>, local: &str) -> Read<Option<String>> {
        for attr in element.attributes() {
            let attr = attr.map_err(|e| self.malformed(e.to_string()))?;
            if attr.value.len() > MAX_FEED_ATTRIBUTE_BYTES {
                return Err(self.over_limit(format!(
                    "an attribute's value is over {} KiB, the most one may hold",
                    MAX_FEED_ATTRIBUTE_BYTES / 1024
                )));
            }
            if attr.key.local_name().as_ref() == local {
                let value = attr
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|e| self.malformed(e.to_string()))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }
}
