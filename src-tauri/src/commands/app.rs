//! About the app itself: version and where the learner's data lives; opening outside links.

use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State, WebviewWindow};
use tauri_plugin_opener::OpenerExt;
use ts_rs::TS;

use crate::clock::FixedClock;
use crate::error::{AppError, ErrorKind};
use crate::opened_file::{import_screen, ImportScreen, OpenedFile};
use crate::state::AppState;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    /// Why the data could not be opened, if it could not: the window shows this instead of
    /// the learning path.
    pub startup_error: Option<AppError>,
    /// A file named at launch (`ward-to-board FILE`, a double-click in the file manager, or
    /// `--import FILE`), to preview before anything is imported.
    pub pending_import: Option<String>,
    /// The screen that previews it (see [`import_screen`]).
    pub pending_import_screen: Option<ImportScreen>,
    /// Several bundles named together at launch, for review mode's cohort report; empty
    /// otherwise.
    pub pending_cohort: Vec<String>,
    /// The clock the page must use instead of the system's (debug builds started with
    /// `W2B_FIXED_NOW`, for the end-to-end tests); `None` for the system clock.
    pub fixed_clock: Option<FixedClock>,
}

#[tauri::command(async)]
pub fn get_app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: w2b_core::APP_VERSION.to_owned(),
        data_dir: state.data_dir().display().to_string(),
        startup_error: state.store().err(),
        pending_import: state.pending_import().map(|p| p.display().to_string()),
        pending_import_screen: state.pending_import().map(import_screen),
        pending_cohort: state
            .pending_cohort()
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        fixed_clock: state.clock().fixed().cloned(),
    }
}

/// The page listens for files handed over by later launches (a double-click on a pack,
/// bundle or review file while the app is open): each arrives on `on_opened`.
#[tauri::command(async, rename_all = "camelCase")]
pub fn watch_opened_files(state: State<'_, AppState>, on_opened: Channel<OpenedFile>) {
    state.listen_for_opened_files(on_opened);
}

/// Opens a web or mail link from a lesson in the person's own browser or mail app. The app
/// window itself never navigates away and never fetches anything. Only `https:` and `mailto:`
/// links go out, a `mailto:` with nothing but its address, subject and body (never `attach=`).
#[tauri::command(async)]
pub fn open_external_link(app: AppHandle, url: String) -> Result<(), AppError> {
    let Some(outside) = w2b_core::markdown::outside_link(&url) else {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            format!("only https and mail links can be opened: {url}"),
        ));
    };
    app.opener()
        .open_url(&outside, None::<&str>)
        .map_err(|e| AppError::new(ErrorKind::Io, format!("could not open {outside}: {e}")))
}

/// When the process started, for the start-up figure below.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Environment variable that makes the app print its start-up time (see `benches/startup`).
pub const STARTUP_REPORT_ENV: &str = "W2B_STARTUP_REPORT";

/// The home screen calls this once it is interactive. With `W2B_STARTUP_REPORT` set, the app
/// prints `w2b-ready <milliseconds since the process started>` on stdout, once; otherwise it
/// does nothing.
#[tauri::command(async)]
pub fn report_ready() {
    static REPORTED: std::sync::Once = std::sync::Once::new();
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

/// The page has saved what was pending after a close request: close the window now. Called by
/// the script `closing.rs` runs in the page, not by a wrapper in `ui/src/ipc/`.
#[tauri::command]
pub fn close_ready<R: Runtime>(window: WebviewWindow<R>) {
    crate::closing::destroy(&window);
}

#[cfg(test)]
mod tests {
    use w2b_core::markdown::outside_link;

    #[test]
    fn only_https_and_mail_links_leave_the_app() {
        assert_eq!(
            outside_link("https://www.cqc.org.uk/").as_deref(),
            Some("https://www.cqc.org.uk/"),
            "web links open in the browser as written"
        );
        assert_eq!(
            outside_link("mailto:someone@nhs.net").as_deref(),
            Some("mailto:someone@nhs.net"),
            "mail links open the mail app"
        );
        for bad in [
            "http://example.org/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "smb://host/share",
            "w2b-pack://localhost/p/x.png",
            "https://x\n.y",
        ] {
            assert_eq!(
                outside_link(bad),
                None,
                "{bad:?} must not be handed to the system"
            );
        }
    }

    #[test]
    fn a_mail_link_keeps_only_its_address_subject_and_body() {
        assert_eq!(
            outside_link("MAILTO:a@nhs.net?subject=Rota&attach=/etc/passwd&cc=x@y&body=Hi")
                .as_deref(),
            Some("mailto:a@nhs.net?subject=Rota&body=Hi")
        );
        assert_eq!(
            outside_link("mailto:a@nhs.net?Attachment=C:%5Csecret.docx").as_deref(),
            Some("mailto:a@nhs.net")
        );
    }
}
