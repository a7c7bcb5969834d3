//! A lesson with a worked-example table and callouts renders as designed in the real window:
//! sanitised HTML, table alignment carried by classes (the CSP forbids inline styles).

use w2b_e2e::{eval, text, App, Result};

#[tokio::test(flavor = "multi_thread")]
async fn worked_example_tables_and_callouts_render() -> Result<()> {
    let app = App::launch().await?;
    app.wait_for_text("h1", "Welcome to Ward to Board").await?;
    let title = app
        .open_lesson("ward-to-board.core", "finance-budget-statement")
        .await?;
    assert_eq!(
        title, "Reading a budget statement",
        "the lesson opens from its address"
    );
    // Under the title: when its facts were checked; on release day it is not past review.
    app.wait_for_text(
        "[data-testid=facts-checked]",
        "Facts checked 4 December 2026",
    )
    .await?;
    app.wait_for_count("[data-testid=review-overdue]", 0)
        .await?;

    let right_aligned = app
        .find_all("[data-testid=lesson-body] td.w2b-align-right")
        .await?;
    assert!(
        right_aligned.len() > 20,
        "money columns are right-aligned ({} cells)",
        right_aligned.len()
    );
    let align = eval(
        &app,
        "return getComputedStyle(document.querySelector('[data-testid=lesson-body] td.w2b-align-right')).textAlign;",
    )
    .await?;
    assert_eq!(
        align,
        serde_json::json!("right"),
        "the stylesheet applies the alignment"
    );
    app.find("[data-testid=lesson-body] blockquote[class^=markdown-alert-]")
        .await?;
    let unsafe_nodes = eval(
        &app,
        "return document.querySelectorAll('[data-testid=lesson-body] script, [data-testid=lesson-body] img, [data-testid=lesson-body] [style]').length;",
    )
    .await?;
    assert_eq!(
        unsafe_nodes,
        serde_json::json!(0),
        "no script, image or inline style in lesson HTML"
    );

    app.screenshot("07-lesson-top").await?;
    eval(
        &app,
        "document.querySelector('[data-testid=lesson-body] table').scrollIntoView(); return 1;",
    )
    .await?;
    app.screenshot("08-lesson-columns-table").await?;
    // The worked example itself: the ward's month-6 statement, the table with money in it.
    eval(
        &app,
        "[...document.querySelectorAll('[data-testid=lesson-body] table')]
           .find((t) => t.querySelectorAll('td.w2b-align-right').length > 20)
           .scrollIntoView(); return 1;",
    )
    .await?;
    app.screenshot("08-lesson-worked-example-table").await?;
    eval(&app, "document.querySelector('[data-testid=lesson-body] blockquote').scrollIntoView(); return 1;").await?;
    app.screenshot("09-lesson-callout").await?;

    // A lesson from another module: the demand-and-capacity sum, worked step by step.
    let title = app
        .open_lesson("ward-to-board.core", "plan-demand-capacity")
        .await?;
    assert_eq!(title, "Demand and capacity");
    let step_table = eval(
        &app,
        "const t = [...document.querySelectorAll('[data-testid=lesson-body] table')]
           .find((t) => t.textContent.includes('Effective weekly capacity'));
         if (!t) return null;
         t.scrollIntoView();
         return t.querySelectorAll('tbody tr').length;",
    )
    .await?;
    assert!(
        step_table.as_u64().unwrap_or(0) >= 6,
        "the worked sum is a table of steps: {step_table}"
    );
    app.screenshot("09-lesson-demand-capacity-sum").await?;
    app.quit().await?;
    Ok(())
}

/// A year and a half on, the finance lessons are past their review date: the reader says so
/// calmly and the learning path marks them.
#[tokio::test(flavor = "multi_thread")]
async fn a_lesson_past_its_review_date_says_so() -> Result<()> {
    let app = App::launch_at("2028-06-01T09:00:00Z").await?;
    app.wait_for_text("h1", "Welcome to Ward to Board").await?;
    app.open_lesson("ward-to-board.core", "finance-money-flows")
        .await?;
    let notice = text(&app.on_screen("[data-testid=review-overdue]").await?).await?;
    assert!(
        notice.contains("was due for review on 1 April 2027"),
        "the notice gives the review date in words: {notice}"
    );
    app.assert_accessible("a lesson past review").await?;
    app.screenshot("09b-lesson-past-review").await?;
    app.go("#/path").await?;
    app.on_screen("[data-testid=review-tag]").await?;
    let tags = app.find_all("[data-testid=review-tag]").await?;
    assert!(
        tags.len() >= 6,
        "every finance, governance and line-management lesson due by then is marked ({})",
        tags.len()
    );
    app.screenshot("09c-path-due-for-review").await?;
    app.quit().await?;
    Ok(())
}
