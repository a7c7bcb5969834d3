//! A training scheme's own framework in the real app: a learner opens the scheme's framework
//! file (passed at launch, as a file manager does; native dialogs cannot be driven), sees what
//! it holds before anything changes, installs it, rates an entry against one of its
//! behaviours, and finds that evidence on the coverage chart. A broken file is refused with
//! the place of each problem, and installs nothing.

use std::path::{Path, PathBuf};

use w2b_e2e::{text, App, Result};

fn framework_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/frameworks")
        .join(name)
}

/// Copies a fixture to where a learner would have saved it, and returns that path.
fn downloaded(work: &Path, name: &str) -> Result<String> {
    let file = work.join(Path::new(name).file_name().ok_or("a file name")?);
    std::fs::copy(framework_fixture(name), &file)?;
    Ok(file.to_str().ok_or("utf-8 path")?.to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scheme_framework_is_installed_rated_against_and_charted() -> Result<()> {
    let work = tempfile::tempdir()?;
    let file = downloaded(work.path(), "ward-manager-1.toml")?;
    let app = App::launch_with(&work.path().join("data"), &["--import", &file]).await?;

    let preview = text(&app.find("[data-testid=framework-preview]").await?).await?;
    for expected in [
        "From ward-manager-1.toml (framework file)",
        "Ward Manager Programme standards",
        "North Coast NHS Trust (example)",
        "Standard → Capability → Indicator",
        "Not yet seen, Emerging, Secure",
        "Safe staffing: 3 items",
        "will be added, with 7 behaviours you can rate evidence against",
    ] {
        assert!(
            preview.contains(expected),
            "the preview says {expected:?}: {preview}"
        );
    }
    app.assert_accessible("the framework preview").await?;
    app.screenshot("80-framework-preview").await?;

    app.click("[data-testid=framework-confirm]").await?;
    let done = text(&app.find("[data-testid=framework-installed]").await?).await?;
    assert!(
        done.contains("Ward Manager Programme standards is installed"),
        "{done}"
    );
    app.wait_for_count("[data-testid=framework-row]", 4).await?;
    app.screenshot("81-framework-installed").await?;

    // The framework in full: its levels, descriptions and what evidence is rated against.
    app.go("#/frameworks/nct-wm").await?;
    app.wait_for_count("[data-testid=framework-item]", 11)
        .await?;
    let first = text(&app.find("[data-testid=framework-item]").await?).await?;
    assert!(
        first.contains("Standard: Safe staffing") && first.contains("numbers and skill mix"),
        "the top item with its level name and its Markdown description: {first}"
    );
    app.assert_accessible("a framework in full").await?;
    app.screenshot("81b-framework-in-full").await?;

    // An entry rated against one of the scheme's behaviours, on the scheme's own scale.
    app.go("#/portfolio/new").await?;
    app.on_screen("[data-testid=entry-kind]")
        .await?
        .select_by_value("reflection")
        .await?;
    app.fill("[data-testid=entry-title]", "A short shift on a busy night")
        .await?;
    app.fill_date("entry-date", "2", "12", "2026").await?;
    app.on_screen("[data-testid=behaviour-framework]")
        .await?
        .select_by_value("nct-wm")
        .await?;
    app.on_screen("[data-testid=behaviour-select]")
        .await?
        .select_by_value("nct-wm.safe-staffing.rota.acuity")
        .await?;
    app.click("[data-testid=behaviour-rating-3]").await?;
    app.fill(
        "[data-testid=behaviour-justification]",
        "Moved a nurse from the quieter bay and told the site manager about the gap.",
    )
    .await?;
    app.click("[data-testid=add-behaviour]").await?;
    app.on_screen("[data-testid=behaviour-list]").await?;
    app.click("[data-testid=save-entry]").await?;
    let behaviour = text(&app.on_screen("[data-testid=entry-behaviour]").await?).await?;
    for expected in [
        "Adjusts staffing to acuity on the day",
        "Ward Manager Programme standards",
        "Rating: 3 – Secure",
    ] {
        assert!(
            behaviour.contains(expected),
            "the entry shows {expected:?}: {behaviour}"
        );
    }

    // The coverage chart of the scheme's framework counts it.
    app.go("#/coverage").await?;
    app.on_screen("#coverage-framework")
        .await?
        .select_by_value("nct-wm")
        .await?;
    app.wait_for_text(
        "[data-testid=coverage-summary]",
        "You have evidence for 1 of 7 behaviours.",
    )
    .await?;
    let row = text(
        &app.on_screen("[data-testid=domain-nct-wm\\.safe-staffing]")
            .await?,
    )
    .await?;
    assert!(
        row.contains("Adjusts staffing to acuity on the day"),
        "the behaviour is listed under the scheme's standard: {row}"
    );
    app.on_screen("[data-testid=coverage-chart] canvas").await?;
    app.assert_accessible("coverage of a scheme framework")
        .await?;
    app.screenshot("82-coverage-scheme-framework").await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_framework_file_is_refused_with_where_and_installs_nothing() -> Result<()> {
    let work = tempfile::tempdir()?;
    let file = downloaded(work.path(), "hostile/missing-parent.toml")?;
    let app = App::launch_with(&work.path().join("data"), &["--import", &file]).await?;
    let error = text(&app.find("[data-testid=import-error]").await?).await?;
    assert!(
        error.contains("missing-parent.toml cannot be installed"),
        "{error}"
    );
    assert!(
        error.contains("missing-parent.toml:16:10: parent `bad.peeple` of `bad.people.appraisal` is not in the framework"),
        "the problem is named with its line and column: {error}"
    );
    // Nothing to install: no confirm button, and the list still holds the three shipped.
    app.wait_for_count("[data-testid=framework-confirm]", 0)
        .await?;
    app.wait_for_count("[data-testid=framework-row]", 3).await?;
    app.screenshot("83-framework-refused").await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_moodle_export_and_a_mahara_matrix_install_straight_from_the_file() -> Result<()> {
    let work = tempfile::tempdir()?;
    let data = work.path().join("data");
    for (name, kind) in [
        (
            "moodle/band7-ward-manager.csv",
            "Moodle competency framework CSV",
        ),
        (
            "mahara/ward-manager-band7.matrix",
            "Mahara SmartEvidence matrix",
        ),
    ] {
        let file = downloaded(work.path(), name)?;
        let app = App::launch_with(&data, &["--import", &file]).await?;
        let preview = text(&app.find("[data-testid=framework-preview]").await?).await?;
        assert!(
            preview.contains(kind),
            "the preview names the file's kind: {preview}"
        );
        app.screenshot(if kind.starts_with("Moodle") {
            "84-framework-from-moodle"
        } else {
            "85-framework-from-mahara"
        })
        .await?;
        app.click("[data-testid=framework-confirm]").await?;
        app.find("[data-testid=framework-installed]").await?;
        app.quit().await?;
    }
    let app = App::launch_on(&data).await?;
    app.go("#/frameworks").await?;
    app.wait_for_count("[data-testid=framework-row]", 5).await?;
    app.quit().await?;
    Ok(())
}
