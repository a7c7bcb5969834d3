//! Closing the window without losing the last keystrokes. When the learner closes the
//! window, the page is asked to save what is still waiting (a note typed a moment ago, the
//! last seconds of reading time) and to say when it is done; the window then closes. If the
//! page does not answer in time, the window closes anyway.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tauri::{Manager, Runtime, WebviewWindow, Window, WindowEvent};

use crate::state::AppState;

/// The longest the page gets to save before the window closes regardless.
const SAVE_GRACE: Duration = Duration::from_millis(1500);

/// Script run in the page on close: `__w2bBeforeClose` (set by the UI) saves everything
/// pending; then the page calls `close_ready`.
const FLUSH_THEN_CLOSE: &str = "(() => {
  const ready = () => window.__TAURI_INTERNALS__.invoke('close_ready');
  const flush = window.__w2bBeforeClose;
  (typeof flush === 'function' ? Promise.resolve().then(flush) : Promise.resolve()).finally(ready);
})();";

static CLOSING: AtomicBool = AtomicBool::new(false);

/// Handles the main window's close request: hold it, let the page save, then close.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    // Only the app's own window has saves waiting; the print window just closes.
    if window.label() != "main" {
        return;
    }
    let Some(webview) = window.app_handle().get_webview_window(window.label()) else {
        return;
    };
    // A second request while saving (or after) closes at once.
    if CLOSING.swap(true, Ordering::SeqCst) {
        return;
    }
    api.prevent_close();
    if webview.eval(FLUSH_THEN_CLOSE).is_err() {
        destroy(&webview);
        return;
    }
    let fallback = webview.clone();
    std::thread::spawn(move || {
        std::thread::sleep(SAVE_GRACE);
        destroy(&fallback);
    });
}

/// Takes the daily backup if due, then closes the window: once the page has saved what was
/// pending (`close_ready`), or when it did not answer in time.
pub fn destroy<R: Runtime>(webview: &WebviewWindow<R>) {
    // After the page's own saves, so the day's copy holds them.
    let state = webview.state::<AppState>();
    if let Ok(store) = state.store() {
        if let Err(error) = store.backup_if_due(state.now()) {
            eprintln!("ward-to-board: the daily backup failed: {error}");
        }
    }
    if let Err(error) = webview.destroy() {
        eprintln!("ward-to-board: could not close the window: {error}");
    }
}
