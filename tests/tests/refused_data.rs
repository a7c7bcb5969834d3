//! A database written by a newer app is refused in the window with a clear message, and the
//! file is left exactly as it was.

use w2b_e2e::{text, App, Result};

#[tokio::test(flavor = "multi_thread")]
async fn a_newer_database_is_refused_and_untouched() -> Result<()> {
    let home = tempfile::tempdir()?;
    let data_dir = home.path().join("data");
    std::fs::create_dir_all(&data_dir)?;
    let db = data_dir.join("ward-to-board.sqlite3");
    {
        let conn = rusqlite::Connection::open(&db)?;
        conn.execute_batch("CREATE TABLE from_the_future (x); PRAGMA user_version = 999;")?;
    }
    let before = std::fs::read(&db)?;

    let app = App::launch_on(&data_dir).await?;
    let message = text(&app.find("[data-testid=problem-message]").await?).await?;
    assert!(
        message.contains("newer version of Ward to Board"),
        "the person is told why: {message}"
    );
    assert!(
        message.contains("Nothing was changed"),
        "and that their data is safe: {message}"
    );
    app.screenshot("06-newer-database-refused").await?;
    app.quit().await?;

    assert_eq!(
        std::fs::read(&db)?,
        before,
        "the newer database is byte-for-byte unchanged"
    );
    Ok(())
}
