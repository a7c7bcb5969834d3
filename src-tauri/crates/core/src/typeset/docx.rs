//! Writes a `Layout` as a Word document (Office Open XML, .docx) for appraisal systems that
//! want an upload the person can still edit: the same sections as the PDF, with real heading
//! styles (so Word's navigation pane lists them), tables with a header row, title and author in
//! the document's properties, and the name and period in the page header.

use std::io::{Cursor, Write};

use quick_xml::escape::escape;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{running_head, Block, Layout};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Body text in Arial (Liberation Sans has its metrics), headings as Word's built-in heading
/// styles so the navigation pane and screen readers see the structure.
fn styles() -> String {
    let heading = |id: &str, name: &str, level: u8, half_points: u8| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="{level}"/></w:pPr><w:rPr><w:b/><w:sz w:val="{half_points}"/></w:rPr></w:style>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="20"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:b/><w:sz w:val="40"/></w:rPr></w:style>{}{}{}<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:color="A0A0A0"/><w:left w:val="single" w:sz="4" w:color="A0A0A0"/><w:bottom w:val="single" w:sz="4" w:color="A0A0A0"/><w:right w:val="single" w:sz="4" w:color="A0A0A0"/><w:insideH w:val="single" w:sz="4" w:color="A0A0A0"/><w:insideV w:val="single" w:sz="4" w:color="A0A0A0"/></w:tblBorders></w:tblPr></w:style></w:styles>"#,
        heading("Heading1", "heading 1", 0, 30),
        heading("Heading2", "heading 2", 1, 24),
        heading("Heading3", "heading 3", 2, 22),
    )
}

fn run(text: &str, bold: bool) -> String {
    let b = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(
        r#"<w:r>{b}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    )
}

fn paragraph(style: Option<&str>, runs: &str) -> String {
    let style = style
        .map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#))
        .unwrap_or_default();
    format!("<w:p>{style}{runs}</w:p>")
}

/// Text with line breaks kept as separate paragraphs.
fn text(body: &mut String, text: &str) {
    for line in text.split('\n') {
        body.push_str(&paragraph(None, &run(line, false)));
    }
}

/// Page width less margins, in twentieths of a point (A4 with 2 cm margins).
const TEXT_WIDTH_TWIPS: f32 = 9638.0;

fn table(body: &mut String, headers: &[String], widths: &[f32], rows: &[Vec<String>]) {
    body.push_str(r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid>"#);
    for w in widths {
        body.push_str(&format!(
            r#"<w:gridCol w:w="{}"/>"#,
            (w * TEXT_WIDTH_TWIPS).round()
        ));
    }
    body.push_str("</w:tblGrid>");
    let row = |cells: &[String], header: bool| {
        let mark = if header {
            "<w:trPr><w:tblHeader/></w:trPr>"
        } else {
            ""
        };
        let cells: String = cells
            .iter()
            .map(|c| format!("<w:tc>{}</w:tc>", paragraph(None, &run(c, header))))
            .collect();
        format!("<w:tr>{mark}{cells}</w:tr>")
    };
    body.push_str(&row(headers, true));
    for r in rows {
        body.push_str(&row(r, false));
    }
    body.push_str("</w:tbl>");
    body.push_str(&paragraph(None, ""));
}

fn document_xml(layout: &Layout) -> String {
    let mut body = paragraph(Some("Title"), &run(&layout.title, false));
    for line in &layout.intro {
        text(&mut body, line);
    }
    for section in &layout.sections {
        body.push_str(&paragraph(Some("Heading1"), &run(&section.heading, false)));
        for block in &section.blocks {
            match block {
                Block::Subheading(t) => body.push_str(&paragraph(Some("Heading2"), &run(t, false))),
                Block::Paragraph(t) => text(&mut body, t),
                Block::Field { label, value } => body.push_str(&paragraph(
                    None,
                    &format!("{}{}", run(&format!("{label}: "), true), run(value, false)),
                )),
                Block::Table {
                    headers,
                    widths,
                    rows,
                } => table(&mut body, headers, widths, rows),
                Block::Check {
                    mark,
                    label,
                    detail,
                } => {
                    body.push_str(&paragraph(
                        None,
                        &run(&format!("{}: {label}", mark.words()), true),
                    ));
                    text(&mut body, detail);
                }
                Block::WriteIn(label) => body.push_str(&paragraph(
                    None,
                    &run(
                        &format!("{label}: ____________________________________"),
                        false,
                    ),
                )),
            }
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    )
}

fn header_xml(layout: &Layout) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="{W}">{}</w:hdr>"#,
        paragraph(None, &run(&running_head(layout), false))
    )
}

fn core_xml(layout: &Layout) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}: {}</dc:title><dc:creator>{}</dc:creator><dc:language>en-GB</dc:language></cp:coreProperties>"#,
        escape(&layout.title),
        escape(&layout.author),
        escape(&layout.author)
    )
}

/// The .docx of `layout`, as bytes.
pub fn write_docx(layout: &Layout) -> std::io::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", PACKAGE_RELS.to_owned()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()),
        ("word/document.xml", document_xml(layout)),
        ("word/styles.xml", styles()),
        ("word/header1.xml", header_xml(layout)),
        ("docProps/core.xml", core_xml(layout)),
    ];
    for (name, xml) in parts {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}
