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

use super::names::{curie, is_leap2, CATEGORY_NAMESPACES, LEAP2_NAMESPACES};
use super::{ATOM_NS, MAX_FEED_ENTRIES, RDF_NS};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Feed {
    pub id: String,
    pub title: String,
    pub version: Option<String>,
    pub entries: Vec<FeedEntry>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct FeedEntry {
    /// The line the entry starts on, for messages.
    pub line: usize,
    pub id: String,
    pub title: String,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub content: Option<Content>,
    /// `rdf:type` values: Leap2A types as `leap2:<term>`, anything else as written.
    pub types: Vec<String>,
    pub links: Vec<Link>,
    pub categories: Vec<Category>,
    /// Mahara's `artefactplugin`: (plugin, type), e.g. ("blog", "blogpost").
    pub mahara_plugin: Option<(String, String)>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Content {
    /// `text`, `html`, `xhtml` or a media type.
    pub kind: String,
    /// Text, or markup for `html` and `xhtml`.
    pub text: String,
    pub src: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Link {
    /// Leap2A relations as `leap2:<term>`, Atom ones as written (`enclosure`, `related`).
    pub rel: String,
    pub href: String,
    pub media_type: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Category {
    pub term: String,
    /// Leap2A schemes as `categories:<name>#`, anything else as written.
    pub scheme: Option<String>,
    pub label: Option<String>,
}

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
}

type Read<T> = Result<T, FeedError>;

struct Parser<'x> {
    xml: &'x str,
    reader: NsReader<&'x [u8]>,
    /// Prefix -> namespace, as declared on the feed element.
    prefixes: HashMap<String, String>,
    /// The last position a line was found for, and its line.
    counted: Cell<(usize, usize)>,
}

/// Parses a whole feed.
pub(super) fn parse_feed(xml: &str) -> Read<Feed> {
    let mut parser = Parser {
        xml,
        reader: NsReader::from_str(xml),
        prefixes: HashMap::new(),
        counted: Cell::new((0, 1)),
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

    /// The next event, namespaced; a DOCTYPE is refused here, wherever it is.
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
                        _ => self.skip(&e)?,
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
                        self.skip(&element)?;
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
                        self.skip(&element)?;
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
                        self.skip(&element)?;
                    }
                }
                (Some(ns), "artefactplugin") if ns.contains("mahara") => {
                    let plugin = self.attr(&element, "plugin")?.unwrap_or_default();
                    let kind = self.attr(&element, "type")?.unwrap_or_default();
                    entry.mahara_plugin = Some((plugin, kind));
                    if !empty {
                        self.skip(&element)?;
                    }
                }
                _ if !empty => self.skip(&element)?,
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
            let span = self
                .reader
                .read_to_end(element.name())
                .map_err(|e| self.malformed(e.to_string()))?;
            let start = usize::try_from(span.start).unwrap_or(0);
            let end = usize::try_from(span.end).unwrap_or(0);
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

    fn skip(&mut self, element: &BytesStart<'_>) -> Read<()> {
        // `read_to_end` would not see a DOCTYPE, but none can come after the root starts.
        self.reader
            .read_to_end(element.name())
            .map(|_| ())
            .map_err(|e| self.malformed(e.to_string()))
    }

    /// An attribute by its local name (any prefix), with XML's own entities resolved.
    fn attr(&self, element: &BytesStart<'_>, local: &str) -> Read<Option<String>> {
        for attr in element.attributes() {
            let attr = attr.map_err(|e| self.malformed(e.to_string()))?;
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
