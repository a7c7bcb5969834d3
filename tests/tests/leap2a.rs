//! Leap2A in the real app: a learner with a few entries makes a Leap2A file for Mahara (written
//! to the data folder's exports/, as a bundle is; the "save a copy" dialog cannot be driven),
//! and a learner on a fresh data folder imports a Mahara export (named at launch, as a file
//! manager does, since the file picker cannot be driven either): the preview lists its journal
//! posts, nothing is saved until they confirm, and then the posts are in their portfolio.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use w2b_core::portfolio::{EntryDraft, EntryKind};
use w2b_core::store::Store;
use w2b_e2e::{text, App, Result, NOW};

const OWN_TITLES: [&str; 3] = [
    "Chaired the bed management meeting",
    "Rota review with the matron",
    "Shadowed the deputy director of nursing",
];
/// The journal posts of the Mahara fixture that become entries.
const MAHARA_TITLES: [&str; 4] = [
    "Running my first budget meeting",
    "Difficult conversation about sickness absence",
    "Safety huddle pilot",
    "Reflection on the CQC visit",
];

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/leap2a/mahara-journal")
}

/// The fixture folder as the zip Mahara gives: the feed and the files it links to.
fn mahara_zip(target: &Path) -> Result<()> {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(target)?);
    let options = zip::write::SimpleFileOptions::default();
    for name in [
        "leap2a.xml",
        "export_info/files/301-ward-budget-summary.pdf",
        "export_info/files/302-huddle-script.txt",
    ] {
        zip.start_file(name, options)?;
        zip.write_all(&std::fs::read(fixture().join(name))?)?;
    }
    zip.finish()?;
    Ok(())
}

/// The `.zip` files in `dir`.
fn zips_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "zip"))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_portfolio_goes_to_mahara_and_a_mahara_export_comes_in() -> Result<()> {
    let work = tempfile::tempdir()?;
    let now: DateTime<Utc> = NOW.parse()?;

    // A learner with three entries makes a Leap2A file.
    let data_dir = work.path().join("learner");
    {
        let store = Store::open(&data_dir, now)?;
        for (i, title) in OWN_TITLES.iter().enumerate() {
            let draft =
                EntryDraft::new(EntryKind::Reflection, *title, format!("2026-11-0{}", i + 1));
            store.save_entry(None, None, &draft, now)?;
        }
    }
    let app = App::launch_on(&data_dir).await?;
    app.find("h1").await?;
    app.go("#/export").await?;
    app.click("[data-testid=mahara-link]").await?;
    app.find("[data-testid=mahara-export-button]").await?;
    app.assert_accessible("the Mahara page").await?;
    app.screenshot("90-mahara-page").await?;
    app.click("[data-testid=mahara-export-button]").await?;
    let done = text(&app.find("[data-testid=mahara-export-done]").await?).await?;
    assert!(
        done.contains("3 entries"),
        "the export says what it holds: {done}"
    );
    app.screenshot("91-mahara-export-done").await?;
    let exports = zips_in(&data_dir.join("exports"));
    assert_eq!(exports.len(), 1, "one Leap2A zip in exports/: {exports:?}");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&exports[0])?)?;
    let mut feed = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("leap2a.xml")?, &mut feed)?;
    for title in OWN_TITLES {
        assert!(feed.contains(title), "the feed holds {title}");
    }
    let _learner_home = app.quit().await?;

    // Another learner brings in their Mahara journal.
    let file = work.path().join("mahara-export-leap-user57.zip");
    mahara_zip(&file)?;
    let fresh = work.path().join("fresh");
    let app = App::launch_with(&fresh, &["--import", file.to_str().ok_or("utf-8 path")?]).await?;
    app.find("[data-testid=mahara-preview]").await?;
    let listed = texts(
        &app,
        "[data-testid=mahara-new-entries] [data-testid=mahara-entry]",
    )
    .await?;
    for title in MAHARA_TITLES {
        assert!(
            listed.iter().any(|r| r.contains(title)),
            "the preview lists {title}: {listed:?}"
        );
    }
    assert!(
        listed.iter().any(|r| r.contains("ward-budget-summary.pdf")),
        "the preview names the attached files: {listed:?}"
    );
    let warnings = text(&app.find("[data-testid=mahara-warnings]").await?).await?;
    assert!(
        warnings.contains("not imported"),
        "what is left out is said: {warnings}"
    );
    app.assert_accessible("the Mahara import preview").await?;
    app.screenshot("92-mahara-import-preview").await?;

    // Nothing was saved by the preview; the learner confirms.
    assert_eq!(entries_in(&fresh)?, 0, "the preview writes nothing");
    app.click("[data-testid=mahara-import-confirm]").await?;
    let success = text(&app.find("[data-testid=mahara-import-success]").await?).await?;
    assert!(
        success.contains("4 entries added to your portfolio"),
        "the learner is told what happened: {success}"
    );
    app.screenshot("93-mahara-import-done").await?;

    // The posts are entries in the portfolio.
    app.click("[data-testid=mahara-go-to-portfolio]").await?;
    let titles = texts(&app, "[data-testid=entry-row]").await?;
    for title in MAHARA_TITLES {
        assert!(
            titles.iter().any(|r| r.contains(title)),
            "{title} is in the portfolio: {titles:?}"
        );
    }
    assert_eq!(
        entries_in(&fresh)?,
        titles.len(),
        "every saved entry is listed"
    );
    app.screenshot("94-mahara-entries-in-portfolio").await?;
    app.quit().await?;
    Ok(())
}

/// The text of each element `css` selects, once there is one.
async fn texts(app: &App, css: &str) -> Result<Vec<String>> {
    let mut all = Vec::new();
    for element in app.find_all(css).await? {
        all.push(text(&element).await?);
    }
    Ok(all)
}

/// Entries saved in the data folder, read straight from the database.
fn entries_in(data_dir: &Path) -> Result<usize> {
    let db = data_dir.join(w2b_core::store::DATABASE_FILE);
    let conn = rusqlite::Connection::open(&db)?;
    let count: i64 = conn.query_row("SELECT COUNT(*) FROM entries", [], |r| r.get(0))?;
    Ok(usize::try_from(count)?)
}
