//! The installed package, not the dev build: its binary starts, a pack named on its command line
//! opens the import preview, and a second launch with a bundle hands the file to the first
//! window, which switches to review mode; a review file goes to the learner's preview.
//!
//! Needs the .deb that `make package` built, in `W2B_PACKAGE_DEB`, and a D-Bus session bus
//! (the single-instance hand-over runs over it): `make package-check` provides both.

use std::path::{Path, PathBuf};
use std::process::Command;

use w2b_core::packs::PackFiles;
use w2b_e2e::{pack_fixture, text, App, Result};

fn fixture(kind: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(kind)
        .join(name)
}

/// The package's files, unpacked as `dpkg` would install them.
fn unpacked() -> Result<(tempfile::TempDir, PathBuf)> {
    let deb = std::env::var_os("W2B_PACKAGE_DEB")
        .map(PathBuf::from)
        .ok_or("W2B_PACKAGE_DEB is not set: run `make package-check`")?;
    let root = tempfile::tempdir()?;
    let status = Command::new("dpkg-deb")
        .arg("-x")
        .arg(&deb)
        .arg(root.path())
        .status()?;
    assert!(status.success(), "dpkg-deb -x {}", deb.display());
    let usr_bin = root.path().join("usr/bin");
    Ok((root, usr_bin))
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built package: make package-check"]
async fn the_installed_app_opens_files_in_one_window() -> Result<()> {
    let (_root, usr_bin) = unpacked()?;

    // The command-line tool is there and knows its version.
    let version = Command::new(usr_bin.join("w2b"))
        .arg("--version")
        .output()?;
    assert!(version.status.success());
    assert_eq!(
        String::from_utf8(version.stdout)?.trim(),
        format!("w2b {}", env!("CARGO_PKG_VERSION"))
    );

    let app_binary = usr_bin.join("ward-to-board");
    let work = tempfile::tempdir()?;
    let pack = work.path().join("good-1.0.0.w2bpack");
    std::fs::write(
        &pack,
        PackFiles::from_dir(&pack_fixture("good"))?.to_archive()?,
    )?;
    let data_dir = work.path().join("data");

    // A pack double-clicked in the file manager: `ward-to-board FILE`.
    let app = App::launch_binary(&app_binary, &data_dir, &[pack.to_str().ok_or("utf-8")?]).await?;
    let preview = text(&app.find("[data-testid=import-preview]").await?).await?;
    assert!(
        preview.contains("Import from good-1.0.0.w2bpack"),
        "{preview}"
    );
    app.screenshot("95-package-pack-preview").await?;

    // A bundle double-clicked while the app is open: a second launch on the same data.
    let second = |file: &Path| {
        Command::new(&app_binary)
            .arg("--data-dir")
            .arg(&data_dir)
            .arg(file)
            .env("XDG_CONFIG_HOME", app.home().join("config"))
            .env("XDG_DATA_HOME", app.home().join("share"))
            .env("XDG_CACHE_HOME", app.home().join("cache"))
            .output()
    };
    let handed = second(&fixture("bundles", "valid.w2bbundle"))?;
    assert!(
        handed.status.success(),
        "the second launch hands over and exits: {}",
        String::from_utf8_lossy(&handed.stderr)
    );
    let verified = text(&app.find("[data-testid=bundle-verified]").await?).await?;
    assert!(
        !verified.is_empty(),
        "the first window shows the checked bundle"
    );
    let hash: String = app
        .client
        .current_url()
        .await?
        .fragment()
        .unwrap_or_default()
        .into();
    assert_eq!(hash, "/review", "in review mode");
    app.screenshot("96-package-bundle-handed-over").await?;

    // A review file: the learner's screen says what it is before anything is imported. This
    // one is of a bundle this portfolio never exported, so it is refused with the reason.
    let handed = second(&fixture("reviews", "other-bundle.w2breview"))?;
    assert!(handed.status.success());
    let refused = text(&app.find("[data-testid=import-error]").await?).await?;
    assert!(
        refused.contains("not exported from this portfolio"),
        "{refused}"
    );
    app.screenshot("97-package-review-handed-over").await?;

    assert_eq!(
        std::fs::read_dir(data_dir.join("received"))?.count(),
        1,
        "only the bundle was kept, for review; nothing was imported"
    );
    app.quit().await?;
    Ok(())
}
