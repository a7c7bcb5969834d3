//! Writing `leap2a.xml` with quick-xml, streamed into the archive: one journal (a
//! `leap2:selection` in the category "Blog", which Mahara imports as a journal), one
//! `leap2:entry` per entry (Mahara makes each a journal post), and one `leap2:resource` per
//! attached file, linked from its entry by `related` as Mahara links attachments. Every text
//! is escaped by the writer; content is HTML rendered from the learner's Markdown by the
//! sanitising renderer.

use std::collections::HashMap;
use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::{
    ATOM_NS, BEHAVIOUR_SCHEME, CATEGORIES_NS, ENTRY_ID_PREFIX, FILES_DIR, KIND_SCHEME, LEAP2_NS,
    LEAP2_VERSION, MAHARA_NS, RDF_NS,
};
use crate::bundle::{BundleAttachment, BundleEntry, ATTACHMENTS_DIR};
use crate::markdown::render;

/// The journal's id: the container every exported entry is part of.
const JOURNAL_ID: &str = "urn:ward-to-board:journal";

/// What the feed says about itself.
pub(super) struct FeedHead<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// RFC 3339.
    pub updated: &'a str,
}

/// An attachment's path in the archive, under [`FILES_DIR`], from its bundle path.
pub(super) fn file_path(attachment: &BundleAttachment) -> String {
    let name = attachment
        .path
        .strip_prefix(ATTACHMENTS_DIR)
        .unwrap_or(&attachment.path);
    format!("{FILES_DIR}{name}")
}

fn file_id(entry: &BundleEntry, index: usize) -> String {
    format!("{ENTRY_ID_PREFIX}{}:file:{}", entry.uid, index + 1)
}

/// Writes the whole feed. `updated` gives each entry's last change (RFC 3339) by uid.
pub(super) fn write_feed<W: Write>(
    out: W,
    head: &FeedHead<'_>,
    entries: &[BundleEntry],
    updated: &HashMap<String, String>,
) -> io::Result<W> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let feed = BytesStart::new("feed").with_attributes([
        ("xmlns", ATOM_NS),
        ("xmlns:rdf", RDF_NS),
        ("xmlns:leap2", LEAP2_NS),
        ("xmlns:categories", CATEGORIES_NS),
        ("xmlns:mahara", MAHARA_NS),
    ]);
    w.write_event(Event::Start(feed))?;
    text(&mut w, "leap2:version", LEAP2_VERSION)?;
    text(&mut w, "id", head.id)?;
    text(&mut w, "title", head.title)?;
    text(&mut w, "updated", head.updated)?;
    w.create_element("author")
        .write_inner_content(|w| text(w, "name", "Ward to Board").map(|_| ()))?;
    w.create_element("generator")
        .with_attribute(("version", env!("CARGO_PKG_VERSION")))
        .write_text_content(BytesText::new("Ward to Board"))?;

    w.write_event(Event::Start(BytesStart::new("entry")))?;
    text(&mut w, "title", head.title)?;
    text(&mut w, "id", JOURNAL_ID)?;
    text(&mut w, "updated", head.updated)?;
    html(
        &mut w,
        "<p>Portfolio entries exported from Ward to Board.</p>",
    )?;
    empty(&mut w, "rdf:type", &[("rdf:resource", "leap2:selection")])?;
    empty(
        &mut w,
        "category",
        &[("term", "Blog"), ("scheme", "categories:selection_type#")],
    )?;
    for entry in entries {
        let href = format!("{ENTRY_ID_PREFIX}{}", entry.uid);
        empty(
            &mut w,
            "link",
            &[("rel", "leap2:has_part"), ("href", &href)],
        )?;
    }
    w.write_event(Event::End(BytesEnd::new("entry")))?;

    for entry in entries {
        let changed = updated.get(&entry.uid).map_or(head.updated, String::as_str);
        write_entry(&mut w, entry, changed)?;
        for (index, attachment) in entry.attachments.iter().enumerate() {
            write_file(&mut w, entry, index, attachment, changed)?;
        }
    }
    w.write_event(Event::End(BytesEnd::new("feed")))?;
    Ok(w.into_inner())
}

fn write_entry<W: Write>(w: &mut Writer<W>, entry: &BundleEntry, updated: &str) -> io::Result<()> {
    w.write_event(Event::Start(BytesStart::new("entry")))?;
    text(w, "title", &entry.title)?;
    text(w, "id", &format!("{ENTRY_ID_PREFIX}{}", entry.uid))?;
    text(w, "updated", updated)?;
    text(w, "published", &format!("{}T00:00:00Z", entry.date))?;
    html(w, &content_html(entry))?;
    empty(w, "rdf:type", &[("rdf:resource", "leap2:entry")])?;
    empty(
        w,
        "mahara:artefactplugin",
        &[("mahara:type", "blogpost"), ("mahara:plugin", "blog")],
    )?;
    empty(
        w,
        "link",
        &[("rel", "leap2:is_part_of"), ("href", JOURNAL_ID)],
    )?;
    for index in 0..entry.attachments.len() {
        empty(
            w,
            "link",
            &[("rel", "related"), ("href", &file_id(entry, index))],
        )?;
    }
    for tag in &entry.tags {
        empty(w, "category", &[("term", tag)])?;
    }
    empty(
        w,
        "category",
        &[
            ("term", &entry.kind),
            ("scheme", KIND_SCHEME),
            ("label", &entry.kind_label),
        ],
    )?;
    for r in &entry.behaviours {
        let term = format!("{}/{}/{}", r.framework_id, r.behaviour_id, r.rating);
        let label = format!(
            "{}: {} ({})",
            r.framework_title, r.statement, r.rating_label
        );
        empty(
            w,
            "category",
            &[
                ("term", &term),
                ("scheme", BEHAVIOUR_SCHEME),
                ("label", &label),
            ],
        )?;
    }
    w.write_event(Event::End(BytesEnd::new("entry")))
}

fn write_file<W: Write>(
    w: &mut Writer<W>,
    entry: &BundleEntry,
    index: usize,
    attachment: &BundleAttachment,
    updated: &str,
) -> io::Result<()> {
    let path = file_path(attachment);
    let size = attachment.size.to_string();
    w.write_event(Event::Start(BytesStart::new("entry")))?;
    text(w, "title", &attachment.file_name)?;
    text(w, "id", &file_id(entry, index))?;
    text(w, "updated", updated)?;
    empty(
        w,
        "content",
        &[("type", &attachment.media_type), ("src", &path)],
    )?;
    empty(w, "rdf:type", &[("rdf:resource", "leap2:resource")])?;
    empty(
        w,
        "category",
        &[
            ("term", "Offline"),
            ("scheme", "categories:resource_type#"),
            ("label", "File"),
        ],
    )?;
    empty(
        w,
        "link",
        &[
            ("rel", "enclosure"),
            ("type", &attachment.media_type),
            ("href", &path),
            ("length", &size),
        ],
    )?;
    w.write_event(Event::End(BytesEnd::new("entry")))
}

/// The entry's content as HTML: its text, then each part the app keeps apart (reflection
/// sections, shadowing, CPD time, feedback source, ratings), each under a heading, so a
/// reader of the journal post sees everything the learner wrote.
fn content_html(e: &BundleEntry) -> String {
    let esc = |t: &str| quick_xml::escape::escape(t).into_owned();
    let mut out = render(&e.body);
    if let Some(r) = &e.reflection {
        out.push_str(&format!("<h2>{}</h2>", esc(&r.template_title)));
        for section in r.sections.iter().filter(|s| !s.text.trim().is_empty()) {
            out.push_str(&format!(
                "<h3>{}</h3>{}",
                esc(&section.title),
                render(&section.text)
            ));
        }
        if !r.code_themes.is_empty() {
            out.push_str(&format!(
                "<p>Code themes: {}</p>",
                esc(&r.code_themes.join(", "))
            ));
        }
    }
    if let Some(s) = &e.shadowing {
        out.push_str(&format!(
            "<h2>Shadowing</h2><p>Partner's role: {}</p><h3>What I learned</h3>{}<h3>What they learned</h3>{}",
            esc(&s.partner_role),
            render(&s.i_learned),
            render(&s.they_learned)
        ));
    }
    if e.clinical_minutes + e.management_minutes > 0 {
        out.push_str(&format!(
            "<p>CPD time: {} minutes clinical, {} minutes management{}.</p>",
            e.clinical_minutes,
            e.management_minutes,
            if e.participatory { ", with others" } else { "" }
        ));
    }
    if let Some(source) = &e.feedback_source {
        out.push_str(&format!(
            "<p>Feedback from: {}</p>",
            esc(&source.replace('_', " "))
        ));
    }
    if !e.behaviours.is_empty() {
        out.push_str("<h2>Behaviours shown</h2><ul>");
        for r in &e.behaviours {
            out.push_str(&format!(
                "<li>{}: {} ({}, {} of the scale){}</li>",
                esc(&r.framework_title),
                esc(&r.statement),
                esc(&r.rating_label),
                r.rating,
                if r.justification.trim().is_empty() {
                    String::new()
                } else {
                    format!(". {}", esc(&r.justification))
                }
            ));
        }
        out.push_str("</ul>");
    }
    out
}

fn text<W: Write>(w: &mut Writer<W>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))
        .map(|_| ())
}

fn html<W: Write>(w: &mut Writer<W>, markup: &str) -> io::Result<()> {
    w.create_element("content")
        .with_attribute(("type", "html"))
        .write_text_content(BytesText::new(markup))
        .map(|_| ())
}

fn empty<W: Write>(w: &mut Writer<W>, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attributes.iter().copied())
        .write_empty()
        .map(|_| ())
}
