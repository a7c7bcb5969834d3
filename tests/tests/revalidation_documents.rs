//! The documents for the regulators from the revalidation page in the real app: the NMC
//! record set (the privacy check stops on an NHS number, the learner decides, the PDF is
//! written) and the GMC appraisal summary as PDF and Word; the files are read back with
//! poppler's tools and as a zip.

use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Utc};
use serde_json::json;
use w2b_core::portfolio::{
    CpdTime, EntryDraft, EntryKind, FeedbackSource, Reflection, ReflectionSection,
    ReflectionTemplate,
};
use w2b_core::revalidation::RevalidationSettings;
use w2b_core::store::Store;
use w2b_e2e::{eval, text, App, Result, NOW};

/// A nurse's portfolio saved through the app's own store: an NMC account, participatory CPD,
/// a QI project, patient feedback with an NHS number in it, practice hours, and both dates.
fn portfolio(data: &Path) -> Result<()> {
    let now: DateTime<Utc> = NOW.parse()?;
    let store = Store::open(data, now)?;
    let mut account = EntryDraft::new(
        EntryKind::Reflection,
        "Handover on a night shift",
        "2026-06-10",
    );
    account.reflection = Some(Reflection {
        template: ReflectionTemplate::Nmc,
        sections: [
            (
                "nature",
                "Zoë and I ran the night handover for Siobhán's ward.",
            ),
            ("learning", "A written structure saves time."),
            ("change", "I now use a handover sheet."),
            ("code", "It keeps people safe."),
        ]
        .map(|(id, text)| ReflectionSection {
            id: id.into(),
            text: text.into(),
        })
        .into(),
        code_themes: vec!["preserve_safety".into()],
    });
    store.save_entry(None, None, &account, now)?;
    let mut course = EntryDraft::new(EntryKind::Cpd, "Leading change workshop", "2026-09-01");
    course.cpd = CpdTime {
        clinical_minutes: 0,
        management_minutes: 6 * 60,
        participatory: true,
    };
    store.save_entry(None, None, &course, now)?;
    let mut qi = EntryDraft::new(
        EntryKind::QiProject,
        "Audit of falls on the ward",
        "2026-10-20",
    );
    qi.body = "Falls fell by a third after the change.".into();
    store.save_entry(None, None, &qi, now)?;
    let mut thanks = EntryDraft::new(EntryKind::Feedback, "Card from a family", "2026-10-01");
    thanks.feedback_source = Some(FeedbackSource::Patient);
    thanks.body = "Thank you for caring for 943 476 5919.".into();
    store.save_entry(None, None, &thanks, now)?;
    store.add_practice_hours(
        "2025-01-01",
        "2025-12-31",
        300.0,
        "Ward manager, older people",
        now,
    )?;
    store.set_revalidation_settings(&RevalidationSettings {
        nmc_expiry: Some("2027-04-30".into()),
        gmc_appraisal: Some("2027-01-15".into()),
    })?;
    Ok(())
}

fn poppler(tool: &str, file: &Path) -> Result<String> {
    let out = Command::new(tool)
        .arg(file)
        .args((tool == "pdftotext").then_some("-"))
        .output()?;
    if !out.status.success() {
        return Err(format!("{tool} refused {}", file.display()).into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

#[tokio::test(flavor = "multi_thread")]
async fn nmc_records_and_gmc_summary_are_written_from_the_revalidation_page() -> Result<()> {
    let home = tempfile::tempdir()?;
    let data = home.path().join("data");
    portfolio(&data)?;
    let app = App::launch_on(&data).await?;
    app.find("h1").await?;
    app.go("#/revalidation").await?;
    app.on_screen("[data-testid=revalidation-documents]")
        .await?;
    app.fill("[data-testid=document-learner]", "Siobhán Nguyễn")
        .await?;
    app.show_at_top("[data-testid=revalidation-documents]")
        .await?;
    app.screenshot("90-revalidation-documents").await?;

    // The privacy check stops on the NHS number; the learner reads it and decides.
    app.click("[data-testid=write-document]").await?;
    let findings = text(&app.find("[data-testid=document-findings]").await?).await?;
    assert!(
        findings.contains("Card from a family"),
        "the entry is named: {findings}"
    );
    assert!(
        findings.contains("943 476 5919"),
        "the number is shown: {findings}"
    );
    assert!(
        !data.join("exports").exists() || std::fs::read_dir(data.join("exports"))?.next().is_none(),
        "nothing is written before the learner decides"
    );
    app.assert_accessible("revalidation document findings")
        .await?;
    app.show_at_top("[data-testid=document-findings]").await?;
    app.screenshot("91-revalidation-document-findings").await?;
    app.click("[data-testid=write-anyway]").await?;
    let done = text(&app.find("[data-testid=document-done]").await?).await?;
    assert!(
        done.contains("Written reflective accounts: 1 of 5 accounts"),
        "{done}"
    );
    app.assert_accessible("revalidation document written")
        .await?;
    app.show_at_top("[data-testid=document-done]").await?;
    app.screenshot("92-revalidation-document-done").await?;

    let nmc = data
        .join("exports")
        .join(text(&app.find("[data-testid=document-file]").await?).await?);
    let info = poppler("pdfinfo", &nmc)?;
    assert!(
        info.contains("Title:           NMC revalidation records: Siobhán Nguyễn"),
        "{info}"
    );
    assert!(
        info.contains("(A4)") && info.contains("Tagged:          yes"),
        "{info}"
    );
    let words = poppler("pdftotext", &nmc)?;
    for expected in [
        "Reflective discussion",
        "Account 1: Handover on a night shift",
        "Zoë and I ran the night handover for Siobhán's ward.",
        "Leading change workshop",
        "Ward manager, older people",
        "1 May 2024 to 30 April 2027",
    ] {
        assert!(words.contains(expected), "{expected:?} in the NMC records");
    }

    // The GMC summary, as PDF and then as Word.
    app.click("label[for=document-gmc]").await?;
    app.click("[data-testid=write-document]").await?;
    app.click("[data-testid=write-anyway]").await?;
    app.find("[data-testid=document-done]").await?;
    let gmc = data
        .join("exports")
        .join(text(&app.find("[data-testid=document-file]").await?).await?);
    let words = poppler("pdftotext", &gmc)?;
    for expected in [
        "GMC appraisal summary",
        "Quality improvement activity",
        "Audit of falls on the ward",
        "Personal development plan",
    ] {
        assert!(words.contains(expected), "{expected:?} in the GMC summary");
    }
    app.click("label[for=document-docx]").await?;
    app.click("[data-testid=write-document]").await?;
    app.click("[data-testid=write-anyway]").await?;
    app.find("[data-testid=document-done]").await?;
    let docx = text(&app.find("[data-testid=document-file]").await?).await?;
    assert!(docx.ends_with(".docx"), "{docx}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(data.join("exports").join(&docx))?)?;
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml")?, &mut xml)?;
    assert!(
        xml.contains("Audit of falls on the ward"),
        "the Word file has the entries"
    );
    assert_eq!(
        eval(&app, "return document.activeElement.textContent;").await?,
        json!("Your GMC appraisal summary is ready"),
        "focus moves to the result"
    );
    app.quit().await?;
    Ok(())
}
