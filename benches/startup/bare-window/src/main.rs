//! A bare Tauri 2 window: the baseline for Ward to Board's start-up benchmark
//! (`benches/startup`). One window like the app's, a static page, and the app's
//! `report_ready` command; nothing else.

// Keeps a console window from opening beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::{Once, OnceLock};
use std::time::Instant;

use tauri::{WebviewUrl, WebviewWindowBuilder};

/// When the process started, for the start-up figure below.
static STARTED: OnceLock<Instant> = OnceLock::new();

/// Environment variable that makes the window print its start-up time, as in the app.
const STARTUP_REPORT_ENV: &str = "W2B_STARTUP_REPORT";

/// The page calls this once loaded. With `W2B_STARTUP_REPORT` set, prints
/// `w2b-ready <milliseconds since the process started>` on stdout, once; otherwise does
/// nothing. The same as the app's command.
#[tauri::command(async)]
fn report_ready() {
    static REPORTED: Once = Once::new();
    if std::env::var_os(STARTUP_REPORT_ENV).is_none() {
        return;
    }
    REPORTED.call_once(|| {
        let elapsed = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "w2b-ready {elapsed}");
        let _ = out.flush();
    });
}

fn main() {
    STARTED.get_or_init(Instant::now);
    let result = tauri::Builder::default()
        .setup(|app| {
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Bare Tauri window")
                .inner_size(1200.0, 840.0)
                .min_inner_size(640.0, 480.0)
                .build()?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![report_ready])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("w2b-bare-window could not start: {error}");
        std::process::exit(1);
    }
}
