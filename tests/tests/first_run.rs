//! J1 and J2 in the real app: first run shows the built-in learning path; a lesson is read,
//! marked complete, and still complete after the app restarts.

use w2b_e2e::{eval, text, App, Result};

#[tokio::test(flavor = "multi_thread")]
async fn first_run_study_and_restart() -> Result<()> {
    let app = App::launch().await?;

    // Home first; the learning path is one click away.
    app.wait_for_text("h1", "Welcome to Ward to Board").await?;
    app.find("[data-testid=nav-path]").await?.click().await?;

    // The learning path of the built-in curriculum, with nothing complete.
    let modules = app.find_all("[data-testid=module]").await?;
    assert!(
        modules.len() >= 2,
        "the built-in curriculum has at least two modules"
    );
    let first_module = text(
        &app.find("[data-testid=module] .nhsuk-card__heading")
            .await?,
    )
    .await?;
    assert_eq!(
        first_module, "Budgets and finance",
        "modules appear in the pack's order"
    );
    app.wait_for_count("[data-testid=completed-tag]", 0).await?;
    let start = text(&app.find("[data-testid=continue]").await?).await?;
    assert!(
        start.starts_with("Start with:"),
        "a first-time learner is offered the first lesson: {start}"
    );
    app.screenshot("01-learning-path").await?;

    // Open the first lesson from the path (one click).
    let link = app.find("[data-testid=lesson-link]").await?;
    let lesson_title = text(&link).await?;
    link.click().await?;
    let heading = text(&app.find("h1#lesson-title").await?).await?;
    assert_eq!(
        heading, lesson_title,
        "the lesson opened is the one clicked"
    );
    let body = text(&app.find("[data-testid=lesson-body]").await?).await?;
    assert!(
        body.len() > 2_000,
        "the lesson has real content, not a placeholder ({} chars)",
        body.len()
    );
    app.screenshot("02-lesson").await?;

    // Mark it complete.
    app.find("[data-testid=mark-complete]")
        .await?
        .click()
        .await?;
    let panel = text(&app.find("[data-testid=completed-panel]").await?).await?;
    assert!(
        panel.contains("You completed this lesson on"),
        "completion is confirmed: {panel}"
    );
    app.screenshot("03-lesson-complete").await?;

    // Back on the path, the lesson is tagged complete and the next lesson is offered.
    app.find("[data-testid=nav-path]").await?.click().await?;
    app.wait_for_count("[data-testid=completed-tag]", 1).await?;
    let next = text(&app.find("[data-testid=continue]").await?).await?;
    assert!(
        next.starts_with("Continue with:"),
        "the path moves the learner on: {next}"
    );
    app.screenshot("04-path-with-progress").await?;

    // Restart on the same data: still complete.
    let data_dir = app.data_dir().to_path_buf();
    let _home = app.quit().await?;
    let app = App::launch_on(&data_dir).await?;
    app.find("[data-testid=nav-path]").await?.click().await?;
    app.find("[data-testid=module]").await?;
    app.wait_for_count("[data-testid=completed-tag]", 1).await?;
    app.find("[data-testid=lesson-link]").await?.click().await?;
    app.find("[data-testid=completed-panel]").await?;
    app.screenshot("05-after-restart").await?;

    // Defence in depth behind the sanitiser: if markup with inline script or an event handler
    // ever reached the page, the CSP stops it running.
    let ran = eval(
        &app,
        "window.__w2bRan = false;
         const d = document.createElement('div');
         d.innerHTML = '<img src=\"data:,x\" onerror=\"window.__w2bRan = true\">';
         document.body.appendChild(d);
         const s = document.createElement('script');
         s.textContent = 'window.__w2bRan = true';
         document.body.appendChild(s);
         return true;",
    )
    .await?;
    assert_eq!(ran, serde_json::json!(true), "the probe ran");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let flag = eval(&app, "return window.__w2bRan;").await?;
    assert_eq!(
        flag,
        serde_json::json!(false),
        "inline script and handlers are blocked by the CSP"
    );

    // Everything the page loaded came from the app itself: no network request at all.
    let foreign = eval(
        &app,
        "return performance.getEntriesByType('resource').map(e => e.name)
           .filter(n => !/^(tauri:\\/\\/localhost|ipc:\\/\\/localhost|http:\\/\\/ipc\\.localhost|data:)/.test(n));",
    )
    .await?;
    assert_eq!(
        foreign,
        serde_json::json!([]),
        "every resource is served by the app itself"
    );

    // The window refuses to leave the app, even when script asks it to.
    eval(
        &app,
        "window.location.href = 'https://example.org/'; return true;",
    )
    .await?;
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let url = app.client.current_url().await?;
    assert!(
        url.as_str().starts_with("tauri://localhost"),
        "navigation away from the app is blocked: {url}"
    );
    app.quit().await?;
    Ok(())
}
