//! Signed curricula in the real app (issue 21): the learner adds their scheme's public key
//! under Trusted publishers (a malformed key is refused beside the box), sees "Signed by …,
//! trusted" in the preview before installing, and an update signed by another key shows the
//! changed-key warning and installs only after they confirm.

use w2b_core::packs::PackFiles;
use w2b_core::signing::SecretKey;
use w2b_e2e::{pack_fixture, text, App, Result};

/// A pack fixture built into a file, signed by `key`.
fn signed(dir: &std::path::Path, fixture: &str, file: &str, key: &SecretKey) -> Result<String> {
    let path = dir.join(file);
    std::fs::write(
        &path,
        PackFiles::from_dir(&pack_fixture(fixture))?.to_archive_signed(Some(key))?,
    )?;
    Ok(path.to_str().ok_or("utf-8 path")?.to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_trusted_publisher_is_named_and_a_changed_key_is_warned_of() -> Result<()> {
    let work = tempfile::tempdir()?;
    let scheme = SecretKey::generate("North West CLF")?;
    let impostor = SecretKey::generate("North West CLF")?;
    let first = signed(work.path(), "good", "good-1.0.0.w2bpack", &scheme)?;
    let forged = signed(work.path(), "good-v2", "good-1.1.0.w2bpack", &impostor)?;
    let fingerprint = scheme.public().fingerprint();
    let data_dir = work.path().join("data");

    // Trusted publishers, reached from the Curricula page.
    let app = App::launch_on(&data_dir).await?;
    app.click("[data-testid=nav-packs]").await?;
    app.click("[data-testid=publishers-link]").await?;
    app.wait_for_text("h1", "Trusted keys").await?;
    app.find("[data-testid=no-publishers]").await?;
    app.fill(
        "[data-testid=publisher-key]",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 me@host",
    )
    .await?;
    app.click("[data-testid=add-publisher-button]").await?;
    let error = text(&app.find("[data-testid=error-summary]").await?).await?;
    assert!(
        error.contains("This is not a Ward to Board public key"),
        "a pasted SSH key is refused, saying what is expected: {error}"
    );
    app.screenshot("sign-01-malformed-key").await?;
    app.assert_accessible("a refused key").await?;
    app.find("[data-testid=no-publishers]").await?;

    app.fill("[data-testid=publisher-key]", &scheme.public().to_text())
        .await?;
    app.click("[data-testid=add-publisher-button]").await?;
    let done = text(&app.find("[data-testid=publisher-done]").await?).await?;
    assert!(
        done.contains(&format!(
            "North West CLF is now trusted (fingerprint {fingerprint})"
        )),
        "{done}"
    );
    let shown = text(&app.find("[data-testid=publisher-fingerprint]").await?).await?;
    assert_eq!(shown, fingerprint, "the list shows the fingerprint");
    app.screenshot("sign-02-publisher-added").await?;
    app.assert_accessible("trusted publishers").await?;
    app.quit().await?;

    // The scheme's signed pack: named and trusted before anything is installed.
    let app = App::launch_with(&data_dir, &["--import", &first]).await?;
    let row = text(&app.find("[data-testid=pack-signature]").await?).await?;
    assert!(
        row.contains(&format!(
            "Signed by North West CLF (fingerprint {fingerprint}), trusted"
        )),
        "{row}"
    );
    app.screenshot("sign-03-trusted-preview").await?;
    app.assert_accessible("a trusted pack's preview").await?;
    app.click("[data-testid=import-confirm]").await?;
    app.find("[data-testid=import-success]").await?;
    app.quit().await?;

    // An update signed by another key that claims the same name: warned, not installed
    // until the learner confirms.
    let app = App::launch_with(&data_dir, &["--import", &forged]).await?;
    let row = text(&app.find("[data-testid=pack-signature]").await?).await?;
    assert!(
        row.contains("Signed by a publisher you have not added"),
        "{row}"
    );
    let warning = text(&app.find("[data-testid=signer-changed]").await?).await?;
    assert!(
        warning.contains(&fingerprint) && warning.contains(&impostor.public().fingerprint()),
        "both keys are named: {warning}"
    );
    let confirm = text(&app.find("[data-testid=import-confirm]").await?).await?;
    assert_eq!(confirm, "I have checked with my scheme: install anyway");
    app.screenshot("sign-04-changed-key-warning").await?;
    app.assert_accessible("the changed-key warning").await?;
    app.click("[data-testid=import-confirm]").await?;
    let done = text(&app.find("[data-testid=import-success]").await?).await?;
    assert!(
        done.contains("Version 1.1.0"),
        "installed once confirmed: {done}"
    );
    app.quit().await?;
    Ok(())
}
