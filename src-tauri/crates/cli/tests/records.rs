//! `w2b revalidation nmc` and `w2b appraisal gmc` through the real binary, on a data folder
//! filled through the app's own store: the PDF and Word files are written and read back with
//! poppler's tools and a zip + XML parser; a privacy finding stops the write until --yes; a
//! missing name is refused with nothing written.

#![allow(clippy::expect_used)]

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use chrono::{TimeZone, Utc};
use common::w2b;
use w2b_core::portfolio::{
    CpdTime, EntryDraft, EntryKind, FeedbackSource, Reflection, ReflectionSection,
    ReflectionTemplate,
};
use w2b_core::store::Store;

/// The tests run one at a time: a store open in this process while another test's `w2b` is
/// being started would be inherited by that child between fork and exec, and the child then
/// finds the data folder locked.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0)
        .single()
        .expect("time")
}

/// A portfolio with an NMC account, participatory CPD, patient feedback and practice hours;
/// `identifier` adds an NHS number to the feedback.
fn portfolio(data: &Path, identifier: bool) {
    let store = Store::open(data, now()).expect("opens");
    let mut account = EntryDraft::new(
        EntryKind::Reflection,
        "Handover on a night shift",
        "2026-06-10",
    );
    account.reflection = Some(Reflection {
        template: ReflectionTemplate::Nmc,
        sections: [
            ("nature", "Zoë and I ran the night handover."),
            ("learning", "Structured handover saves time."),
            ("change", "I now use a written sheet."),
            ("code", "It keeps people safe."),
        ]
        .map(|(id, text)| ReflectionSection {
            id: id.into(),
            text: text.into(),
        })
        .into(),
        code_themes: vec!["preserve_safety".into()],
    });
    store
        .save_entry(None, None, &account, now())
        .expect("saves");
    let mut course = EntryDraft::new(EntryKind::Cpd, "Leading change workshop", "2026-09-01");
    course.cpd = CpdTime {
        clinical_minutes: 0,
        management_minutes: 6 * 60,
        participatory: true,
    };
    store.save_entry(None, None, &course, now()).expect("saves");
    let mut thanks = EntryDraft::new(EntryKind::Feedback, "Card from a family", "2026-10-01");
    thanks.feedback_source = Some(FeedbackSource::Patient);
    thanks.body = if identifier {
        "Thank you for caring for 943 476 5919.".into()
    } else {
        "Thank you for caring for our mum.".into()
    };
    store.save_entry(None, None, &thanks, now()).expect("saves");
    store
        .add_practice_hours(
            "2025-01-01",
            "2025-12-31",
            300.0,
            "Ward manager, older people",
            now(),
        )
        .expect("hours");
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8")
}

fn poppler(tool: &str, file: &Path) -> String {
    let out = Command::new(tool)
        .arg(file)
        .args((tool == "pdftotext").then_some("-"))
        .output()
        .expect("poppler-utils is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn nmc_records_are_written_as_pdf_and_docx() {
    let _serial = one_at_a_time();
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    portfolio(&data, false);
    let pdf = dir.path().join("records.pdf");
    let (code, out, err) = w2b(&[
        "revalidation",
        "nmc",
        "--cycle-ending",
        "2027-04-30",
        "--name",
        "Siobhán Nguyễn",
        "--data-dir",
        arg(&data),
        "-o",
        arg(&pdf),
        "--docx",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("missing    Written reflective accounts: 1 of 5 accounts"),
        "{out}"
    );
    assert!(out.contains("Nothing has been sent anywhere"), "{out}");

    // W2B_KEEP_DOCUMENTS=DIR keeps copies of what was written, to look at by eye.
    if let Some(keep) = std::env::var_os("W2B_KEEP_DOCUMENTS") {
        for name in ["records.pdf", "records.docx"] {
            std::fs::copy(dir.path().join(name), Path::new(&keep).join(name)).expect("kept");
        }
    }
    let info = poppler("pdfinfo", &pdf);
    assert!(info.contains("Author:          Siobhán Nguyễn"), "{info}");
    assert!(info.contains("(A4)"), "{info}");
    let text = poppler("pdftotext", &pdf);
    for expected in [
        "Practice hours",
        "Continuing professional development",
        "Practice-related feedback",
        "Written reflective accounts",
        "Reflective discussion",
        "Confirmation",
        "Account 1: Handover on a night shift",
        "Zoë and I ran the night handover.",
        "Leading change workshop",
        "Ward manager, older people",
        "Participatory CPD",
        "Siobhán Nguyễn",
    ] {
        assert!(text.contains(expected), "{expected:?} in the PDF's text");
    }

    let docx = std::fs::File::open(dir.path().join("records.docx")).expect("docx written");
    let mut zip = zip::ZipArchive::new(docx).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("text");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut words, mut headings) = (String::new(), Vec::new());
    let mut in_heading = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Empty(e) if e.name().as_ref() == "w:pStyle" => {
                in_heading = e.attributes().flatten().any(|a| &*a.value == "Heading1");
            }
            quick_xml::events::Event::Text(t) => {
                let t = t.xml10_content().into_owned();
                if in_heading {
                    headings.push(t.clone());
                    in_heading = false;
                }
                words.push_str(&t);
                words.push(' ');
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(
        headings,
        [
            "Where you stand",
            "Practice hours",
            "Continuing professional development",
            "Practice-related feedback",
            "Written reflective accounts",
            "Reflective discussion",
            "Confirmation"
        ],
        "the same sections as Word headings"
    );
    assert!(words.contains("Zoë and I ran the night handover."));
}

#[test]
fn a_privacy_finding_stops_the_write_until_yes() {
    let _serial = one_at_a_time();
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    portfolio(&data, true);
    let pdf = dir.path().join("summary.pdf");
    let args = [
        "appraisal",
        "gmc",
        "--year-ending",
        "2027-01-15",
        "--name",
        "Dr Sam Patel",
        "--data-dir",
        arg(&data),
        "-o",
        arg(&pdf),
    ];
    let (code, out, err) = w2b(&args);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("Card from a family (Description)"),
        "the finding is placed: {err}"
    );
    assert!(err.contains("[943 476 5919]"), "and shown: {err}");
    assert!(!pdf.exists(), "nothing written");
    let mut yes = args.to_vec();
    yes.push("--yes");
    let (code, out, err) = w2b(&yes);
    assert_eq!(code, 0, "{out}{err}");
    let text = poppler("pdftotext", &pdf);
    for expected in [
        "GMC appraisal summary",
        "Feedback from patients",
        "Card from a family",
        "Personal development plan",
        "Significant events",
    ] {
        assert!(text.contains(expected), "{expected:?} in the summary");
    }
}

#[test]
fn a_missing_name_is_refused() {
    let _serial = one_at_a_time();
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    portfolio(&data, false);
    let pdf = dir.path().join("records.pdf");
    let (code, _, err) = w2b(&[
        "revalidation",
        "nmc",
        "--cycle-ending",
        "2027-04-30",
        "--name",
        " ",
        "--data-dir",
        arg(&data),
        "-o",
        arg(&pdf),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("Your name"), "{err}");
    assert!(!pdf.exists());
}
