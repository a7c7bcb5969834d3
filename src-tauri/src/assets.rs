//! Serves installed packs' images to the window under `w2b-pack://localhost/<pack>/<path>`,
//! from the database: never from the network or the file system.

use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};
use w2b_core::markdown::parse_asset_path;

use crate::state::AppState;

pub fn serve<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    let path = request.uri().path().to_owned();
    // Reading the database is kept off the thread that serves the webview.
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let found = parse_asset_path(&path)
            .and_then(|(pack, file)| state.store().ok()?.pack_asset(&pack, &file).ok().flatten());
        let response = match found {
            Some((media_type, bytes)) => Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, media_type)
                .header("X-Content-Type-Options", "nosniff")
                .body(bytes),
            None => Response::builder()
                .status(StatusCode::NOT_FOUND)
                .body(Vec::new()),
        };
        match response {
            Ok(response) => responder.respond(response),
            Err(e) => eprintln!("ward-to-board: cannot build the response for {path}: {e}"),
        }
    });
}
