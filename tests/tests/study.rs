//! J3 in the real app: a learner lands on Home, studies a lesson, answers its self-check,
//! writes a note, is killed mid-session, comes back to the same place with the note intact,
//! logs the study as CPD, and finds a lesson by search.

use std::time::{Duration, Instant};

use w2b_e2e::{eval, text, App, Result};

/// The tracker reports reading time every 30 seconds; CPD needs at least a minute of it.
const READ_FOR: Duration = Duration::from_secs(66);

#[tokio::test(flavor = "multi_thread")]
async fn study_self_check_notes_survive_a_kill_and_search() -> Result<()> {
    let app = App::launch().await?;

    // Home on first run: a welcome, the first lesson one click away, nothing studied yet.
    app.wait_for_text("h1", "Welcome to Ward to Board").await?;
    let start = text(&app.find("[data-testid=continue]").await?).await?;
    assert!(
        start.starts_with("Start with:"),
        "first lesson offered: {start}"
    );
    let time = text(&app.find("[data-testid=study-time]").await?).await?;
    assert!(time.contains("none yet"), "no study time yet: {time}");
    app.screenshot("20-home-first-run").await?;

    // Open the lesson from Home.
    app.find("[data-testid=continue]").await?.click().await?;
    let opened = Instant::now();
    let title = text(&app.find("h1#lesson-title").await?).await?;
    let contents = app.find_all("[data-testid=contents] li").await?;
    assert!(
        contents.len() >= 4,
        "a long lesson has an on-page contents list"
    );
    app.screenshot("21-lesson-with-contents").await?;

    // A contents link moves to its section without changing the app's address.
    let route = app.client.current_url().await?;
    contents[1]
        .find(fantoccini::Locator::Css("a"))
        .await?
        .click()
        .await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let scrolled = eval(&app, "return window.scrollY;").await?;
    assert!(
        scrolled.as_f64().unwrap_or(0.0) > 100.0,
        "the page moved to the section"
    );
    assert_eq!(
        app.client.current_url().await?,
        route,
        "still on the lesson's route"
    );

    // Self-check: answer every question with its first option; each answer gets feedback.
    let questions = app.find_all("[data-testid=question]").await?.len();
    assert!((3..=6).contains(&questions), "the lesson has its questions");
    for answered in 0..questions {
        app.answer_next_question(answered).await?;
    }
    let score = text(&app.find("[data-testid=score]").await?).await?;
    assert!(
        score.starts_with("You scored"),
        "the round is scored: {score}"
    );
    let feedback = text(&app.find("[data-testid=feedback]").await?).await?;
    assert!(
        feedback.contains("Your answer") && feedback.contains("Right answer"),
        "feedback marks the learner's answer and the right one: {feedback}"
    );
    eval(
        &app,
        "document.querySelector('[data-testid=score]').scrollIntoView({ block: 'center' }); return true;",
    )
    .await?;
    app.screenshot("22-self-check-feedback").await?;

    // Retry starts a new round with every question open again; the first round is kept.
    app.find("[data-testid=retry]").await?.click().await?;
    app.wait_for_count("[data-testid=feedback]", 0).await?;
    app.wait_for_count("[data-testid=check-answer]", questions)
        .await?;
    let history = text(&app.find("[data-testid=self-check-history]").await?).await?;
    assert!(history.contains("Rounds finished: 1"), "{history}");

    // A note, saved as it is typed.
    let notes = app.find("[data-testid=notes-text]").await?;
    notes
        .send_keys("Ask **finance** which line the agency nurses are charged to.")
        .await?;
    app.wait_for_count("[data-testid=notes-status]", 1).await?;
    wait_until(&app, "[data-testid=notes-status]", |s| {
        s.starts_with("Saved at")
    })
    .await?;
    notes.send_keys(" Then check the WTE gap.").await?;
    app.screenshot("23-notes").await?;

    // Read on to the middle of the lesson, then keep reading until a minute has been counted.
    eval(
        &app,
        "window.scrollTo(0, (document.documentElement.scrollHeight - window.innerHeight) / 2); return true;",
    )
    .await?;
    wait_until(&app, "[data-testid=notes-status]", |s| {
        s.starts_with("Saved at")
    })
    .await?;
    while opened.elapsed() < READ_FOR {
        // Reading: an occasional small scroll, as a person would.
        eval(
            &app,
            "window.scrollBy(0, 1); window.scrollBy(0, -1); return true;",
        )
        .await?;
        tokio::time::sleep(Duration::from_secs(5)).await;
    }

    // Killed mid-session: no chance to tidy up.
    let data_dir = app.data_dir().to_path_buf();
    let _home = app.kill_app().await?;

    // Back again: Home offers to continue the same lesson; it reopens where reading stopped,
    // with the note intact.
    let app = App::launch_on(&data_dir).await?;
    app.wait_for_text("h1", "Welcome back").await?;
    let resume = text(&app.find("[data-testid=continue]").await?).await?;
    assert_eq!(
        resume,
        format!("Continue: {title}"),
        "Home offers the lesson left open"
    );
    let time = text(&app.find("[data-testid=study-time]").await?).await?;
    assert!(
        !time.contains("none yet"),
        "reading time was recorded before the kill: {time}"
    );
    app.screenshot("24-home-continue").await?;

    app.find("[data-testid=continue]").await?.click().await?;
    app.find("[data-testid=resumed]").await?;
    let at = eval(&app, "return window.scrollY;").await?;
    assert!(
        at.as_f64().unwrap_or(0.0) > 500.0,
        "the reader is back mid-lesson: {at}"
    );
    let note = app.value("[data-testid=notes-text]").await?;
    assert_eq!(
        note,
        "Ask **finance** which line the agency nurses are charged to. Then check the WTE gap.",
        "the note survived the kill, including the words typed last"
    );
    app.screenshot("25-resumed-after-kill").await?;

    // Log the study as CPD from Home.
    app.find("[data-testid=nav-home]").await?.click().await?;
    app.find("[data-testid=log-cpd]").await?.click().await?;
    let logged = text(&app.find("[data-testid=cpd] [role=status]").await?).await?;
    assert!(logged.starts_with("Logged"), "{logged}");
    let records = text(&app.find("[data-testid=cpd-records]").await?).await?;
    assert!(
        records.contains(&title),
        "the CPD record names the lesson: {records}"
    );
    app.screenshot("26-home-cpd-logged").await?;

    // Search from the header, anywhere in the app.
    let search = app.find("[data-testid=header-search]").await?;
    search
        .send_keys(&format!("forecast outturn{}", fantoccini::key::Key::Enter))
        .await?;
    let hits = app.find_all("[data-testid=search-hit]").await?;
    assert!(!hits.is_empty(), "the search finds lessons");
    let marked = app.find_all("[data-testid=search-hit] mark").await?;
    assert!(!marked.is_empty(), "matched words are highlighted");
    let first = text(&marked[0]).await?.to_lowercase();
    assert!(
        first.starts_with("forecast") || first.starts_with("outturn"),
        "{first}"
    );
    app.screenshot("27-search-results").await?;
    hits[0]
        .find(fantoccini::Locator::Css("a"))
        .await?
        .click()
        .await?;
    app.find("h1#lesson-title").await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_note_typed_just_before_the_window_closes_is_kept() -> Result<()> {
    let app = App::launch().await?;
    app.wait_for_text("h1", "Welcome to Ward to Board").await?;
    app.open_lesson("ward-to-board.core", "finance-budget-statement")
        .await?;
    let notes = app.find("[data-testid=notes-text]").await?;
    notes.send_keys("Written a moment before closing.").await?;
    // No pause: the window closes while the save is still waiting for typing to stop.
    let data_dir = app.data_dir().to_path_buf();
    let _home = app.close_window().await?;

    let app = App::launch_on(&data_dir).await?;
    app.open_lesson("ward-to-board.core", "finance-budget-statement")
        .await?;
    let note = app.value("[data-testid=notes-text]").await?;
    assert_eq!(
        note, "Written a moment before closing.",
        "the close waited for the save"
    );
    app.quit().await?;
    Ok(())
}

async fn wait_until(app: &App, css: &str, ok: impl Fn(&str) -> bool) -> Result<()> {
    let started = Instant::now();
    loop {
        let shown = text(&app.find(css).await?).await?;
        if ok(&shown) {
            return Ok(());
        }
        if started.elapsed() > w2b_e2e::PATIENCE {
            return Err(format!("`{css}` still shows {shown:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
