//! J5 and J6 in the real app: a learner logs an entry and exports a bundle; an appraiser opens
//! it in review mode (verified against its manifest, apart from their own portfolio), comments
//! on the entry, signs off and saves a review file; the learner imports the review and sees the
//! comment on the entry. Files move between the two only as files, as they would by email.

use std::path::{Path, PathBuf};
use std::time::Duration;

use w2b_e2e::{text, App, Result};

const TITLE: &str = "Budget review with the finance partner";
const COMMENT: &str = "Good grasp of the pay variance; bring the forecast next time.";

/// The one file in `dir` with `extension`, once it exists.
async fn only_file(dir: &Path, extension: &str) -> Result<PathBuf> {
    for _ in 0..100 {
        let found: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == extension))
                    .collect()
            })
            .unwrap_or_default();
        if found.len() == 1 {
            return Ok(found[0].clone());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("no single .{extension} file in {}", dir.display()).into())
}

#[tokio::test(flavor = "multi_thread")]
async fn export_review_and_import_the_feedback() -> Result<()> {
    // The learner logs an entry.
    let learner = App::launch().await?;
    learner.find("h1").await?;
    learner.go("#/portfolio/new").await?;
    learner.fill("[data-testid=entry-title]", TITLE).await?;
    learner
        .fill(
            "[data-testid=entry-body]",
            "Went through the month 6 statement and the pay variance.",
        )
        .await?;
    learner.click("[data-testid=save-entry]").await?;
    learner.find("h1[data-testid=entry-title]").await?;

    // ... and exports everything, after the privacy check.
    learner.go("#/export").await?;
    learner
        .fill("[data-testid=learner-name]", "Sam Patel")
        .await?;
    learner.click("[data-testid=check-privacy]").await?;
    learner.find("[data-testid=preview-summary]").await?;
    learner.click("[data-testid=export-bundle]").await?;
    learner.find("[data-testid=export-done]").await?;
    learner.assert_accessible("the export page").await?;
    learner.screenshot("70-export-done").await?;
    let bundle = only_file(&learner.data_dir().join("exports"), "w2bbundle").await?;
    // The readable page also stands on its own beside the bundle, with no script in it.
    let page = std::fs::read_to_string(bundle.with_extension("html"))?;
    assert!(page.contains(TITLE), "the standalone page shows the entry");
    assert!(
        !page.contains("<script"),
        "the standalone page runs no script"
    );
    let learner_dir = learner.data_dir().to_path_buf();
    let _learner_home = learner.quit().await?;

    // The appraiser, on their own copy of the app, opens the bundle in review mode.
    let appraiser = App::launch().await?;
    appraiser.find("h1").await?;
    appraiser.go("#/review").await?;
    appraiser
        .on_screen("[data-testid=open-bundle]")
        .await?
        .send_keys(&bundle.display().to_string())
        .await?;
    appraiser.find("[data-testid=bundle-verified]").await?;
    let entry = text(&appraiser.find("[data-testid=review-entry]").await?).await?;
    assert!(
        entry.contains(TITLE),
        "the learner's entry is shown: {entry}"
    );
    appraiser
        .fill("[data-testid=entry-comment]", COMMENT)
        .await?;
    appraiser
        .fill("[data-testid=reviewer-name]", "Dr Jo Okafor")
        .await?;
    appraiser
        .fill("[data-testid=reviewer-role]", "Educational supervisor")
        .await?;
    appraiser
        .fill("[data-testid=review-summary]", "A clear, honest portfolio.")
        .await?;
    // Sign-off: the outcome, with the reviewer's name and role and today's date filled in.
    appraiser.click("#sign-off-satisfactory").await?;
    appraiser.find("[data-testid=sign-off-details]").await?;
    appraiser.assert_accessible("review mode").await?;
    appraiser.screenshot("71-review-mode").await?;
    appraiser.click("[data-testid=save-review]").await?;
    appraiser.find("[data-testid=review-saved]").await?;
    appraiser.screenshot("72-review-saved").await?;
    let review = only_file(&appraiser.data_dir().join("reviews"), "w2breview").await?;
    let entries: i64 = rusqlite_count(appraiser.data_dir());
    assert_eq!(
        entries, 0,
        "reviewing adds nothing to the appraiser's own portfolio"
    );
    let _appraiser_home = appraiser.quit().await?;

    // Back with the learner: import the review; the comment is on the entry.
    let learner = App::launch_on(&learner_dir).await?;
    learner.find("h1").await?;
    learner.go("#/reviews").await?;
    learner
        .on_screen("[data-testid=import-review]")
        .await?
        .send_keys(&review.display().to_string())
        .await?;
    let imported = text(&learner.find("[data-testid=review-imported]").await?).await?;
    assert!(
        imported.contains("Satisfactory"),
        "the sign-off is shown with the imported review: {imported}"
    );
    learner.assert_accessible("reviews").await?;
    learner.screenshot("73-review-imported").await?;
    learner.go("#/portfolio").await?;
    learner.click("[data-testid=entry-row] a").await?;
    let comments = text(&learner.on_screen("[data-testid=entry-comments]").await?).await?;
    assert!(
        comments.contains(COMMENT),
        "the appraiser's comment is on the entry: {comments}"
    );
    learner.screenshot("74-entry-with-comment").await?;
    learner.quit().await?;
    Ok(())
}

/// Entries in the appraiser's own portfolio, read straight from their database.
fn rusqlite_count(data_dir: &Path) -> i64 {
    let db = data_dir.join(w2b_core::store::DATABASE_FILE);
    rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("SELECT count(*) FROM entries", [], |r| r.get(0)))
        .unwrap_or(-1)
}
