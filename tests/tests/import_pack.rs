//! J7 in the real app: a learner opens a pack file (passed at launch, as a file manager does;
//! native dialogs cannot be driven), sees what it holds, installs it, and finds its modules on
//! the learning path with its own image shown. A hostile file is refused and changes nothing.

use w2b_core::packs::PackFiles;
use w2b_e2e::{eval, pack_fixture, text, App, Result};

#[tokio::test(flavor = "multi_thread")]
async fn a_pack_file_is_previewed_installed_and_shown() -> Result<()> {
    let work = tempfile::tempdir()?;
    let file = work.path().join("good-1.0.0.w2bpack");
    std::fs::write(
        &file,
        PackFiles::from_dir(&pack_fixture("good"))?.to_archive()?,
    )?;
    let data_dir = work.path().join("data");

    let app =
        App::launch_with(&data_dir, &["--import", file.to_str().ok_or("utf-8 path")?]).await?;
    let preview = text(&app.find("[data-testid=import-preview]").await?).await?;
    assert!(
        preview.contains("Import from good-1.0.0.w2bpack"),
        "the file is named: {preview}"
    );
    assert!(
        preview.contains("1 modules, 2 lessons"),
        "its contents are summarised: {preview}"
    );
    app.screenshot("10-import-preview").await?;

    app.find("[data-testid=import-confirm]")
        .await?
        .click()
        .await?;
    let done = text(&app.find("[data-testid=import-success]").await?).await?;
    assert!(done.contains("is installed"), "{done}");
    app.screenshot("11-import-installed").await?;

    app.find("[data-testid=nav-path]").await?.click().await?;
    app.wait_for_count("[data-testid=module]", 7).await?;
    let headings = app.find_all("[data-testid=module] h3").await?;
    let mut titles = Vec::new();
    for h in &headings {
        titles.push(text(h).await?);
    }
    assert!(
        titles.iter().any(|t| t == "Basics"),
        "the imported module is on the path: {titles:?}"
    );
    app.screenshot("12-path-with-imported-pack").await?;

    app.open_lesson("test.good", "test-first").await?;
    let img = app.find("[data-testid=lesson-body] img").await?;
    let started = std::time::Instant::now();
    let width = loop {
        let w = eval(&app, "const i = document.querySelector('[data-testid=lesson-body] img'); return i.complete ? i.naturalWidth : -1;").await?;
        if w.as_i64() != Some(-1) || started.elapsed() > w2b_e2e::PATIENCE {
            break w;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(
        width,
        serde_json::json!(8),
        "the pack's 8x8 image is served by the app and shown"
    );
    let src = img.attr("src").await?.unwrap_or_default();
    assert!(
        src.starts_with("w2b-pack://localhost/test.good/"),
        "served by the app, not from disk or the web: {src}"
    );
    eval(
        &app,
        "document.querySelector('[data-testid=lesson-body] img').scrollIntoView(); return 1;",
    )
    .await?;
    app.screenshot("13-imported-lesson-with-image").await?;

    // A link to another lesson of the pack opens it inside the app.
    app.find("[data-testid=lesson-body] a[href='#/lesson/test.good/test-second']")
        .await?
        .click()
        .await?;
    let started = std::time::Instant::now();
    while eval(&app, "return location.hash;").await?
        != serde_json::json!("#/lesson/test.good/test-second")
    {
        assert!(
            started.elapsed() < w2b_e2e::PATIENCE,
            "the lesson link navigates"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.wait_for_text("h1#lesson-title", "Raising a concern")
        .await?;
    app.quit().await?;

    // The same learner then opens a hostile file: refused, clearly, and nothing changes.
    let hostile = pack_fixture("hostile/traversal.w2bpack");
    let app = App::launch_with(
        &data_dir,
        &["--import", hostile.to_str().ok_or("utf-8 path")?],
    )
    .await?;
    let error = text(&app.find("[data-testid=import-error]").await?).await?;
    assert!(
        error.contains("traversal.w2bpack cannot be imported"),
        "{error}"
    );
    assert!(
        error.contains("../evil.md: has a path that leaves its folder"),
        "the entry is named: {error}"
    );
    assert!(error.contains("Nothing was changed"), "{error}");
    app.screenshot("14-import-refused").await?;
    app.find("[data-testid=nav-path]").await?.click().await?;
    app.wait_for_count("[data-testid=module]", 7).await?;
    app.quit().await?;
    Ok(())
}
