//! Accessibility in the real window: axe-core finds no serious or critical WCAG 2.1 A/AA
//! violation on any main screen, and a lesson and its self-check can be completed with the
//! keyboard alone.

use fantoccini::key::Key;
use w2b_e2e::{eval, text, App, Result};

#[tokio::test(flavor = "multi_thread")]
async fn every_main_screen_passes_axe() -> Result<()> {
    let app = App::launch().await?;
    let mut failures = Vec::new();
    let mut check = |screen: &str, violations: Vec<String>| {
        if !violations.is_empty() {
            failures.push(format!("{screen}:\n  {}", violations.join("\n  ")));
        }
    };

    app.wait_for_text("h1", "Welcome to Ward to Board").await?;
    check("home", app.serious_accessibility_violations().await?);

    app.find("[data-testid=nav-path]").await?.click().await?;
    app.find("[data-testid=module]").await?;
    check(
        "learning path",
        app.serious_accessibility_violations().await?,
    );

    // A lesson with answered questions, so feedback is checked too.
    app.open_lesson("ward-to-board.core", "finance-budget-statement")
        .await?;
    app.answer_next_question(0).await?;
    check("lesson", app.serious_accessibility_violations().await?);

    app.find("[data-testid=header-search]")
        .await?
        .send_keys(&format!("sickness absence{}", Key::Enter))
        .await?;
    app.find("[data-testid=search-hit]").await?;
    check("search", app.serious_accessibility_violations().await?);

    app.find("[data-testid=nav-packs]").await?.click().await?;
    app.wait_for_text("h1", "Curricula").await?;
    check("curricula", app.serious_accessibility_violations().await?);

    app.quit().await?;
    assert!(
        failures.is_empty(),
        "axe-core found:\n{}",
        failures.join("\n")
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lesson_and_its_questions_can_be_completed_by_keyboard_alone() -> Result<()> {
    let app = App::launch().await?;
    app.wait_for_text("h1", "Welcome to Ward to Board").await?;

    // From Home to the first lesson: Tab to the button, Enter.
    app.tab_to("[data-testid=continue]", 30).await?;
    app.press(Key::Enter).await?;
    app.find("h1#lesson-title").await?;

    // Every question: Tab to its first option, choose it with Space, Tab to "Check answer",
    // Enter. Feedback appears and takes focus; the next question is further on.
    let questions = app.find_all("[data-testid=question]").await?.len();
    for answered in 0..questions {
        app.tab_to("[data-testid=question] input", 120).await?;
        app.press(Key::Space).await?;
        app.tab_to("[data-testid=check-answer]", 10).await?;
        app.press(Key::Enter).await?;
        app.wait_for_count("[data-testid=feedback]", answered + 1)
            .await?;
    }
    let score = text(&app.find("[data-testid=score]").await?).await?;
    assert!(score.starts_with("You scored"), "{score}");
    let focused = eval(
        &app,
        "return document.activeElement?.dataset.testid ?? null;",
    )
    .await?;
    assert_eq!(
        focused,
        serde_json::json!("score"),
        "focus moves to the score"
    );

    // A note, typed.
    app.tab_to("[data-testid=notes-text]", 40).await?;
    app.type_text("Typed without a mouse.").await?;

    // Mark the lesson complete.
    app.tab_to("[data-testid=mark-complete]", 20).await?;
    app.press(Key::Enter).await?;
    let panel = text(&app.find("[data-testid=completed-panel]").await?).await?;
    assert!(panel.contains("You completed this lesson on"), "{panel}");
    let focused = eval(
        &app,
        "return document.activeElement?.dataset.testid ?? document.activeElement?.outerHTML.slice(0, 120) ?? null;",
    )
    .await?;
    assert_eq!(
        focused,
        serde_json::json!("mark-incomplete"),
        "focus stays on the control that replaced the button"
    );
    app.screenshot("30-keyboard-only-complete").await?;
    app.quit().await?;
    Ok(())
}
