//! Signed bundles and signed review files in the real app (issue 21): the learner signs the
//! bundle they export with their own key (a wrong passphrase first: refused beside the box,
//! nothing written); the appraiser sees "Signed by Sam Patel …, a key you have not added" at the
//! top of the bundle in review mode, and signs the review they save; the learner, who added the
//! appraiser's key, imports it and sees "Signed by Dr Jo Okafor (fingerprint …), trusted".

use std::path::{Path, PathBuf};
use std::time::Duration;

use w2b_core::signing::SecretKey;
use w2b_e2e::{text, App, Result};

const PASSPHRASE: &str = "kettle on the ward at noon";

/// A key sealed with `PASSPHRASE` into `dir/file`, as `w2b key new` writes it.
fn key_file(dir: &Path, file: &str, key: &SecretKey) -> Result<String> {
    let path = dir.join(file);
    std::fs::write(&path, key.seal(PASSPHRASE)?)?;
    Ok(path.to_str().ok_or("utf-8 path")?.to_owned())
}

/// The files in `dir` with `extension`.
fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == extension))
                .collect()
        })
        .unwrap_or_default()
}

/// The one file in `dir` with `extension`, once it exists.
async fn only_file(dir: &Path, extension: &str) -> Result<PathBuf> {
    for _ in 0..100 {
        if let [one] = files(dir, extension).as_slice() {
            return Ok(one.clone());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("no single .{extension} file in {}", dir.display()).into())
}

/// Ticks "sign with my key", chooses `key` and types `passphrase`.
async fn sign_with(app: &App, key: &str, passphrase: &str, owner: &str) -> Result<()> {
    app.click("[data-testid=sign-with-key]").await?;
    app.on_screen("[data-testid=sign-key-file]")
        .await?
        .send_keys(key)
        .await?;
    let shown = text(&app.find("[data-testid=sign-key-owner]").await?).await?;
    assert!(
        shown.contains(&format!("Key of {owner}, fingerprint")),
        "whose key was chosen is shown before the passphrase is typed: {shown}"
    );
    app.fill("[data-testid=sign-passphrase]", passphrase)
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_bundle_and_a_signed_review_name_who_sent_them() -> Result<()> {
    let work = tempfile::tempdir()?;
    let sam = SecretKey::generate("Sam Patel")?;
    let jo = SecretKey::generate("Dr Jo Okafor")?;
    let sam_key = key_file(work.path(), "sam-patel.key", &sam)?;
    let jo_key = key_file(work.path(), "jo-okafor.key", &jo)?;
    let learner_dir = work.path().join("learner");

    // The learner logs an entry, adds the appraiser's key, and exports a signed bundle.
    let learner = App::launch_on(&learner_dir).await?;
    learner.find("h1").await?;
    learner.go("#/portfolio/new").await?;
    learner
        .fill(
            "[data-testid=entry-title]",
            "Budget review with the finance partner",
        )
        .await?;
    learner.click("[data-testid=save-entry]").await?;
    learner.find("h1[data-testid=entry-title]").await?;
    learner.go("#/publishers").await?;
    learner.wait_for_text("h1", "Trusted keys").await?;
    learner
        .fill("[data-testid=publisher-key]", &jo.public().to_text())
        .await?;
    learner.click("[data-testid=add-publisher-button]").await?;
    learner.find("[data-testid=publisher-done]").await?;

    learner.go("#/export").await?;
    learner
        .fill("[data-testid=learner-name]", "Sam Patel")
        .await?;
    learner.click("[data-testid=check-privacy]").await?;
    learner.find("[data-testid=preview-summary]").await?;
    sign_with(&learner, &sam_key, "not my passphrase", "Sam Patel").await?;
    learner.click("[data-testid=export-bundle]").await?;
    let refused = text(&learner.find("[data-testid=error-summary]").await?).await?;
    assert!(
        refused.contains("Passphrase: wrong passphrase"),
        "a wrong passphrase is named: {refused}"
    );
    assert!(
        files(&learner_dir.join("exports"), "w2bbundle").is_empty(),
        "nothing is written on a wrong passphrase"
    );
    learner.assert_accessible("a wrong passphrase").await?;
    learner.screenshot("sign-10-wrong-passphrase").await?;
    assert_eq!(
        learner.value("[data-testid=sign-passphrase]").await?,
        "",
        "the passphrase is forgotten after each attempt"
    );
    learner
        .fill("[data-testid=sign-passphrase]", PASSPHRASE)
        .await?;
    learner.click("[data-testid=export-bundle]").await?;
    let signed = text(&learner.find("[data-testid=export-signed]").await?).await?;
    let sam_print = sam.public().fingerprint();
    assert!(
        signed.contains(&format!(
            "Signed with your key: Sam Patel (fingerprint {sam_print})"
        )),
        "{signed}"
    );
    learner.screenshot("sign-11-signed-bundle").await?;
    let bundle = only_file(&learner_dir.join("exports"), "w2bbundle").await?;
    let verified = w2b_core::bundle::verify_bundle(&bundle)?;
    assert_eq!(
        verified.signer.map(|s| s.key),
        Some(sam.public()),
        "the bundle on disk carries the learner's signature"
    );
    learner.quit().await?;

    // The appraiser opens it: signed by a key they have not added. They sign their review.
    let appraiser = App::launch().await?;
    appraiser.find("h1").await?;
    appraiser.go("#/review").await?;
    appraiser
        .on_screen("[data-testid=open-bundle]")
        .await?
        .send_keys(&bundle.display().to_string())
        .await?;
    let header = text(&appraiser.find("[data-testid=bundle-signature]").await?).await?;
    assert!(
        header.contains(&format!(
            "Signed by Sam Patel (fingerprint {sam_print}), a key you have not added: check the \
             fingerprint with the learner"
        )),
        "{header}"
    );
    appraiser
        .show_at_top("[data-testid=bundle-verified]")
        .await?;
    appraiser
        .assert_accessible("a signed bundle in review mode")
        .await?;
    appraiser
        .screenshot("sign-12-signed-bundle-in-review")
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
    appraiser.click("#sign-off-satisfactory").await?;
    sign_with(&appraiser, &jo_key, PASSPHRASE, "Dr Jo Okafor").await?;
    appraiser.screenshot("sign-13-sign-the-review").await?;
    appraiser.click("[data-testid=save-review]").await?;
    let saved = text(&appraiser.find("[data-testid=review-signed]").await?).await?;
    let jo_print = jo.public().fingerprint();
    assert!(
        saved.contains(&format!(
            "Signed with your key: Dr Jo Okafor (fingerprint {jo_print})"
        )),
        "{saved}"
    );
    appraiser.assert_accessible("a signed review saved").await?;
    appraiser.screenshot("sign-14-review-signed").await?;
    let review = only_file(&appraiser.data_dir().join("reviews"), "w2breview").await?;
    let _appraiser_home = appraiser.quit().await?;

    // The learner imports it: signed by the key they added.
    let learner = App::launch_on(&learner_dir).await?;
    learner.find("h1").await?;
    learner.go("#/reviews").await?;
    learner
        .on_screen("[data-testid=import-review]")
        .await?
        .send_keys(&review.display().to_string())
        .await?;
    let imported = text(&learner.find("[data-testid=imported-signature]").await?).await?;
    assert!(
        imported.contains(&format!(
            "Signed by Dr Jo Okafor (fingerprint {jo_print}), trusted"
        )),
        "{imported}"
    );
    let card = text(&learner.find("[data-testid=review-signature]").await?).await?;
    assert!(
        card.contains("trusted"),
        "the review keeps its signer: {card}"
    );
    learner
        .assert_accessible("a signed review imported")
        .await?;
    learner.screenshot("sign-15-signed-review-imported").await?;
    learner.quit().await?;
    Ok(())
}
