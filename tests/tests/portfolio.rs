//! J3 and J4 in the real app: a learner logs a reflective entry with a structured reflection,
//! CPD time, a behaviour rating, a lesson link and two attachments (the privacy guard flags an
//! NHS number on the way), finds it by search, sees the coverage chart and revalidation
//! counters change, edits it, and restores the first version.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::json;
use w2b_e2e::{eval, text, App, Result};

const TITLE: &str = "Rota review with the finance business partner";

fn attachment(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/attachments")
        .join(name)
}

/// Scrolls the window so `css` is at the top, for a screenshot of that part of the page.
async fn show(app: &App, css: &str) -> Result<()> {
    app.find(css).await?;
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); return 1;",
            vec![json!(css)],
        )
        .await?;
    Ok(())
}

async fn to_top(app: &App) -> Result<()> {
    eval(app, "window.scrollTo(0, 0); return 1;").await?;
    Ok(())
}

/// Waits until the entry page's heading (kind caption, then title) ends with `title`.
async fn wait_for_title(app: &App, title: &str) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        if let Ok(heading) = app
            .client
            .find(fantoccini::Locator::Css("h1[data-testid=entry-title]"))
            .await
        {
            if text(&heading).await.is_ok_and(|t| t.ends_with(title)) {
                return Ok(());
            }
        }
        if started.elapsed() > w2b_e2e::PATIENCE {
            return Err(format!("the entry page did not show {title:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn coverage_summary(app: &App) -> Result<String> {
    app.go("#/coverage").await?;
    app.find("[data-testid=coverage-table]").await?;
    text(&app.find("[data-testid=coverage-summary]").await?).await
}

#[tokio::test(flavor = "multi_thread")]
async fn log_find_cover_edit_and_restore_an_entry() -> Result<()> {
    let app = App::launch().await?;
    app.wait_for_text("h1", "Welcome to Ward to Board").await?;

    // An empty portfolio says what an entry is and how to add one.
    app.click("[data-testid=nav-portfolio]").await?;
    app.on_screen("[data-testid=portfolio-empty]").await?;
    to_top(&app).await?;
    app.assert_accessible("the empty portfolio").await?;
    app.screenshot("40-portfolio-empty").await?;

    // Coverage before any evidence: nothing covered.
    let before = coverage_summary(&app).await?;
    assert!(
        before.contains("0 of"),
        "no behaviour has evidence yet: {before}"
    );
    app.screenshot("41-coverage-before").await?;

    // Add an entry.
    app.go("#/portfolio").await?;
    app.click("[data-testid=add-entry]").await?;
    app.on_screen("[data-testid=entry-kind]")
        .await?
        .select_by_value("reflection")
        .await?;
    app.fill("[data-testid=entry-title]", TITLE).await?;
    // The date is typed day first, in Day, Month and Year boxes (never a US-order picker), and
    // one that does not exist, or has not happened yet, is refused in the design system's words.
    app.fill_date("entry-date", "31", "2", "2026").await?;
    app.click("[data-testid=save-entry]").await?;
    app.wait_for_text(
        "[data-testid=error-summary] li",
        "Date it happened must be a real date",
    )
    .await?;
    app.screenshot("42a-editor-date-not-real").await?;
    // The app's clock is fixed at 21:30 on 4 December 2026 (w2b_e2e::NOW), so the 5th is tomorrow.
    app.fill_date("entry-date", "5", "12", "2026").await?;
    app.click("[data-testid=save-entry]").await?;
    app.wait_for_text(
        "[data-testid=error-summary] li",
        "Date it happened must be today or in the past",
    )
    .await?;
    app.assert_accessible("the entry editor with a date error")
        .await?;
    app.screenshot("42b-editor-date-in-future").await?;
    app.fill_date("entry-date", "2", "12", "2026").await?;
    // The privacy guard flags a valid NHS number while the learner types.
    app.fill(
        "[data-testid=entry-body]",
        "Met the finance partner about Ward 14's rota. Patient 943 476 5919 came up.",
    )
    .await?;
    let warning = text(&app.on_screen("[data-testid=privacy-warning]").await?).await?;
    assert!(
        warning.contains("943 476 5919"),
        "the NHS number is named in the warning: {warning}"
    );
    app.screenshot("42-editor-privacy-warning").await?;
    app.fill("[data-testid=entry-body]",
        "Met the **finance partner** to go through Ward 14's rota and its overspend on bank shifts.",
    )
    .await?;
    app.wait_for_count("[data-testid=privacy-warning]", 0)
        .await?;

    // CPD time: an hour and a half of management learning with someone else.
    app.fill("[data-testid=cpd-management-hours]", "1.5")
        .await?;
    app.click("[data-testid=participatory]").await?;

    // A structured reflection on the NMC form.
    app.on_screen("[data-testid=template-choice]")
        .await?
        .select_by_value("nmc")
        .await?;
    app.fill(
        "[data-testid=reflection-section-nature]",
        "A rota review with the ward's finance business partner.",
    )
    .await?;
    app.fill(
        "[data-testid=reflection-section-learning]",
        "Bank shifts booked late cost the ward far more than planned overtime.",
    )
    .await?;
    app.click("[data-testid=code-theme-practise_effectively]")
        .await?;

    // Tag, behaviour rating and lesson link.
    app.fill("[data-testid=tag-input]", "rota\n").await?;
    app.on_screen("[data-testid=behaviour-framework]")
        .await?
        .select_by_value("cmpf")
        .await?;
    app.on_screen("[data-testid=behaviour-select]")
        .await?
        .select_by_value("cmpf.resources.budget-ownership")
        .await?;
    app.click("[data-testid=behaviour-rating-2]").await?;
    app.fill(
        "[data-testid=behaviour-justification]",
        "I read the month 6 statement and explained the pay variance.",
    )
    .await?;
    app.click("[data-testid=add-behaviour]").await?;
    app.on_screen("[data-testid=behaviour-list]").await?;
    app.on_screen("[data-testid=lesson-select]")
        .await?
        .select_by_index(1)
        .await?;
    app.click("[data-testid=add-lesson]").await?;
    app.wait_for_count("[data-testid=lesson-list] li", 1)
        .await?;

    // Two attachments, through the real file input.
    let files = app.on_screen("[data-testid=attach-files]").await?;
    files
        .send_keys(&attachment("ward-rota.png").display().to_string())
        .await?;
    app.wait_for_count("[data-testid=pending-upload]", 1)
        .await?;
    let files = app.on_screen("[data-testid=attach-files]").await?;
    files
        .send_keys(&attachment("rota-review-notes.pdf").display().to_string())
        .await?;
    app.wait_for_count("[data-testid=pending-upload]", 2)
        .await?;
    app.assert_accessible("the entry editor, filled in").await?;
    app.screenshot("43-editor-filled").await?;

    app.click("[data-testid=save-entry]").await?;
    wait_for_title(&app, TITLE).await?;
    let behaviour = text(&app.on_screen("[data-testid=entry-behaviour]").await?).await?;
    assert!(
        behaviour.contains("read its monthly statements"),
        "the rated behaviour is shown in the framework's words: {behaviour}"
    );
    app.wait_for_count("[data-testid=attachment]", 2).await?;
    app.on_screen("[data-testid=attachment-preview]").await?;
    let reflection = text(&app.on_screen("[data-testid=entry-reflection]").await?).await?;
    assert!(
        reflection.contains("Bank shifts booked late"),
        "the reflection's sections are shown: {reflection}"
    );
    to_top(&app).await?;
    app.assert_accessible("an entry").await?;
    app.screenshot("44-entry-view").await?;
    show(&app, "[data-testid=entry-reflection]").await?;
    app.screenshot("44b-entry-reflection").await?;
    show(&app, "[data-testid=entry-behaviour]").await?;
    app.screenshot("44c-entry-behaviours-and-files").await?;

    // Find it again by words from its reflection.
    app.go("#/portfolio").await?;
    app.fill("[data-testid=portfolio-search]", "bank shifts")
        .await?;
    app.wait_for_count("[data-testid=entry-row]", 1).await?;
    let marks = app
        .find_all("[data-testid=entry-snippet] mark")
        .await?
        .len();
    assert!(marks >= 1, "the matched words are highlighted");
    app.fill("[data-testid=portfolio-search]", "zebra crossing")
        .await?;
    app.on_screen("[data-testid=no-matches]").await?;
    app.fill("[data-testid=portfolio-search]", "finance partner")
        .await?;
    app.wait_for_count("[data-testid=entry-row]", 1).await?;
    to_top(&app).await?;
    app.assert_accessible("portfolio search results").await?;
    app.screenshot("45-portfolio-search").await?;

    // The coverage chart now counts the entry.
    let after = coverage_summary(&app).await?;
    assert_ne!(before, after, "the coverage summary changed");
    assert!(
        after.contains("1 of"),
        "one behaviour has evidence: {after}"
    );
    app.on_screen("[data-testid=coverage-chart] canvas").await?;
    let row = text(
        &app.on_screen("[data-testid=domain-cmpf\\.resources]")
            .await?,
    )
    .await?;
    assert!(
        row.contains("read its monthly statements"),
        "the behaviour is listed under its domain: {row}"
    );
    app.assert_accessible("coverage").await?;
    show(&app, "#coverage-chart-heading").await?;
    app.screenshot("46-coverage-chart").await?;
    show(&app, "[data-testid=domain-cmpf\\.resources]").await?;
    app.screenshot("46b-coverage-gaps").await?;

    // The NMC counters count it: 1.5 participatory hours and one reflective account.
    app.go("#/revalidation").await?;
    app.fill_date("nmc-expiry", "31", "3", "2028").await?;
    app.click("[data-testid=save-dates]").await?;
    let cpd = text(&app.on_screen("[data-testid=counter-cpd]").await?).await?;
    assert!(cpd.contains("1.5"), "CPD hours counted: {cpd}");
    let accounts = text(&app.on_screen("[data-testid=counter-reflections]").await?).await?;
    assert!(
        accounts.contains('1'),
        "one NMC reflective account: {accounts}"
    );
    app.assert_accessible("revalidation").await?;
    show(&app, "[data-testid=nmc-period]").await?;
    app.screenshot("47-revalidation").await?;
    show(&app, "[data-testid=currency]").await?;
    app.screenshot("47b-clinical-currency").await?;

    // Edit the entry: a new title makes version 2.
    app.go("#/portfolio").await?;
    app.click("[data-testid=entry-row] a").await?;
    app.click("[data-testid=edit-entry]").await?;
    app.fill("[data-testid=entry-title]", "Rota review, revised")
        .await?;
    app.click("[data-testid=save-entry]").await?;
    wait_for_title(&app, "Rota review, revised").await?;
    app.wait_for_count("[data-testid=version-row]", 2).await?;

    // View version 1 and restore it: version 3 has the first title back.
    let id = eval(&app, "return location.hash.split('/')[2];").await?;
    let id = id
        .as_str()
        .ok_or("the entry's id is in its address")?
        .to_owned();
    app.go(&format!("#/portfolio/{id}/version/1")).await?;
    app.on_screen("[data-testid=older-version]").await?;
    wait_for_title(&app, TITLE).await?;
    to_top(&app).await?;
    app.assert_accessible("an older version").await?;
    app.screenshot("48-older-version").await?;
    app.click("[data-testid=restore-version]").await?;
    app.wait_for_count("[data-testid=version-row]", 3).await?;
    wait_for_title(&app, TITLE).await?;
    assert_eq!(
        eval(&app, "return location.hash;").await?,
        json!(format!("#/portfolio/{id}")),
        "after restoring, the current version is shown"
    );
    app.wait_for_count("[data-testid=attachment]", 2).await?;
    to_top(&app).await?;
    app.screenshot("49-version-restored").await?;
    show(&app, "[data-testid=versions]").await?;
    app.screenshot("49b-version-history").await?;

    // Delete moves it to the bin, which lists it until it is put back.
    app.click("[data-testid=delete-entry]").await?;
    app.click("[data-testid=confirm-delete]").await?;
    app.find("[data-testid=portfolio-notice]").await?;
    app.go("#/portfolio/bin").await?;
    app.wait_for_count("[data-testid=entry-row]", 1).await?;
    app.assert_accessible("the bin").await?;
    app.screenshot("51-bin").await?;
    app.click("[data-testid=put-back]").await?;
    app.find("[data-testid=bin-empty]").await?;
    app.go("#/portfolio").await?;
    app.wait_for_count("[data-testid=entry-row]", 1).await?;

    // A goal in the development plan, linked to nothing yet.
    app.go("#/plan").await?;
    app.click("[data-testid=add-goal]").await?;
    app.fill(
        "[data-testid=goal-title]",
        "Present Ward 14's budget position at the monthly review",
    )
    .await?;
    app.fill_date("goal-due", "31", "3", "2027").await?;
    app.click("[data-testid=save-goal]").await?;
    app.on_screen("[data-testid=goal-card]").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.assert_accessible("the development plan").await?;
    app.screenshot("50-development-plan").await?;

    // Backups: take one now; it is listed with the entry it holds.
    app.go("#/backups").await?;
    app.find("[data-testid=backups-table], [data-testid=no-backups]")
        .await?;
    let before = eval(
        &app,
        "return document.querySelectorAll('[data-testid=backup-row]').length;",
    )
    .await?
    .as_u64()
    .unwrap_or(0) as usize;
    app.click("[data-testid=backup-now]").await?;
    app.wait_for_count("[data-testid=backup-row]", before + 1)
        .await?;
    app.assert_accessible("backups").await?;
    to_top(&app).await?;
    app.screenshot("52-backups").await?;

    app.quit().await?;
    Ok(())
}

/// "Nothing may ever be lost": an entry half typed when the app is killed is offered back,
/// whole, the next time the editor opens.
#[tokio::test(flavor = "multi_thread")]
async fn unsaved_entry_survives_a_kill() -> Result<()> {
    let app = App::launch().await?;
    app.wait_for_text("h1", "Welcome to Ward to Board").await?;
    app.go("#/portfolio/new").await?;
    app.fill("[data-testid=entry-title]", "Half-written reflection")
        .await?;
    app.fill(
        "[data-testid=entry-body]",
        "The bed meeting at 08:30 went badly because",
    )
    .await?;
    // The editor says when it has kept the work; then the app is killed without warning.
    let started = std::time::Instant::now();
    loop {
        let status = text(&app.find("[data-testid=editor-status]").await?).await?;
        if status.starts_with("Changes kept on this computer") {
            break;
        }
        assert!(
            started.elapsed() < w2b_e2e::PATIENCE,
            "the editor keeps the work while typing: {status:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let data_dir = app.data_dir().to_path_buf();
    let _home = app.kill_app().await?;

    let app = App::launch_on(&data_dir).await?;
    app.find("h1").await?;
    app.go("#/portfolio/new").await?;
    let notice = text(&app.on_screen("[data-testid=kept-notice]").await?).await?;
    assert!(
        notice.contains("You started a new entry but did not save it"),
        "the kept work is offered: {notice}"
    );
    to_top(&app).await?;
    app.screenshot("53-editor-offers-kept-work").await?;
    app.click("[data-testid=carry-on]").await?;
    assert_eq!(
        app.value("[data-testid=entry-title]").await?,
        "Half-written reflection",
        "the title typed before the kill is back"
    );
    assert_eq!(
        app.value("[data-testid=entry-body]").await?,
        "The bed meeting at 08:30 went badly because",
        "and so is every word of the body"
    );
    app.click("[data-testid=save-entry]").await?;
    wait_for_title(&app, "Half-written reflection").await?;
    app.go("#/portfolio/new").await?;
    app.on_screen("[data-testid=entry-title]").await?;
    app.wait_for_count("[data-testid=kept-notice]", 0).await?;
    app.quit().await?;
    Ok(())
}
