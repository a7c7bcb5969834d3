//! The written PDF read back with poppler's tools, as a person's PDF reader would read it.

use std::path::Path;
use std::process::Command;

use super::*;
use crate::typeset::{CheckMark, Section};

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(file)
        // pdftotext writes to a file beside the PDF unless told `-` (stdout).
        .args((name == "pdftotext").then_some("-"))
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) must be installed: {e}"));
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn sample() -> Layout {
    let rows = (1..=80)
        .map(|n| {
            vec![
                format!("{n} May 2026"),
                format!("Course number {n} on rota design"),
                "Yes".into(),
            ]
        })
        .collect();
    Layout {
        title: "NMC revalidation records".into(),
        author: "Siobhán Zoë Nguyễn".into(),
        period: "1 May 2024 to 30 April 2027".into(),
        intro: vec!["Prepared for Siobhán Zoë Nguyễn.".into()],
        sections: vec![
            Section {
                heading: "Where you stand".into(),
                blocks: vec![Block::Check {
                    mark: CheckMark::Missing,
                    label: "Participatory CPD".into(),
                    detail: "14 of 20 hours".into(),
                }],
            },
            Section {
                heading: "Continuing professional development".into(),
                blocks: vec![
                    Block::Field {
                        label: "Total".into(),
                        value: "80 hours".into(),
                    },
                    Block::Table {
                        headers: vec!["Date".into(), "Topic".into(), "With others".into()],
                        widths: vec![0.25, 0.55, 0.2],
                        rows,
                    },
                ],
            },
            Section {
                heading: "Reflective discussion".into(),
                blocks: vec![
                    Block::Subheading("Account 1: A night on the ward".into()),
                    Block::Paragraph("Zoë took part in a long discussion ".repeat(40)),
                    Block::WriteIn("Their NMC PIN".into()),
                ],
            },
        ],
    }
}

#[test]
fn the_pdf_is_a4_titled_outlined_embedded_and_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("records.pdf");
    let bytes = write_pdf(&sample()).expect("writes");
    std::fs::write(&file, &bytes).expect("saved");

    let info = tool("pdfinfo", &[], &file);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!(
        pages >= 3,
        "80 table rows and a long paragraph run over pages: {info}"
    );
    assert!(
        info.contains("Page size:       595.28 x 841.89 pts (A4)"),
        "A4: {info}"
    );
    assert!(
        info.contains("Title:           NMC revalidation records: Siobhán Zoë Nguyễn"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Siobhán Zoë Nguyễn"),
        "{info}"
    );
    assert!(
        info.contains("Tagged:          yes"),
        "tagged structure: {info}"
    );

    let text = tool("pdftotext", &["-layout"], &file);
    let text_pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(text_pages.len(), pages);
    for (n, page) in text_pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {pages}", n + 1)),
            "page number on page {}",
            n + 1
        );
        assert!(
            page.contains(
                "Siobhán Zoë Nguyễn · NMC revalidation records · 1 May 2024 to 30 April 2027"
            ),
            "name and period on page {}",
            n + 1
        );
    }
    for heading in [
        "Where you stand",
        "Continuing professional development",
        "Reflective discussion",
        "Account 1: A night on the ward",
    ] {
        assert!(text.contains(heading), "{heading} is in the text");
    }
    assert!(text.contains("Missing: Participatory CPD"));
    assert!(
        text.contains("Course number 80 on rota design"),
        "the last row made it"
    );
    assert!(
        text_pages
            .iter()
            .filter(|p| p.contains("With others"))
            .count()
            >= 2,
        "the header row repeats on each page the table runs onto"
    );

    let fonts = tool("pdffonts", &[], &file);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "fonts are listed: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object id
        let emb = cols[cols.len() - 5];
        let sub = cols[cols.len() - 4];
        assert_eq!(
            (emb, sub),
            ("yes", "yes"),
            "every font embedded and subset: {row}"
        );
        assert!(row.contains("LiberationSans"), "{row}");
    }

    let outline = tool("pdftotext", &["-f", "1", "-l", "1"], &file);
    assert!(outline.contains("NMC revalidation records"));
    assert!(
        bytes.windows(8).any(|w| w == b"/Outline"),
        "an outline is written"
    );
}

#[test]
fn the_same_layout_writes_the_same_bytes() {
    assert_eq!(
        write_pdf(&sample()).expect("writes"),
        write_pdf(&sample()).expect("writes"),
        "no clock or randomness in the file"
    );
}
