//! The appraisal round trip. The learner previews what a bundle would share (with the privacy
//! check), exports it to `exports/` in the data folder (then may save a copy anywhere), and
//! imports the review that comes back. The appraiser opens a bundle (kept under `received/`,
//! apart from their own portfolio), reviews it, and saves a review file to `reviews/`.
//! Files arrive from the page as raw bytes, so no path from the page is ever opened.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;
use w2b_core::bundle::{
    document_findings, read_bundle_file, render_html, verify_bundle, write_bundle, BundleError,
    BundleSelection, DocumentFinding, ExportError, PortfolioDocument, BUNDLE_EXTENSION,
};
use w2b_core::review::{
    Person, ReviewComment, ReviewFile, SignOff, REVIEW_EXTENSION, REVIEW_FORMAT,
    REVIEW_FORMAT_VERSION,
};
use w2b_core::store::{EntryComment, ReviewView, SharedEntry};

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;

const EXPORTS_DIR: &str = "exports";
const RECEIVED_DIR: &str = "received";
const REVIEWS_DIR: &str = "reviews";
/// The largest bundle the review page accepts through the window.
const MAX_RECEIVED_BYTES: usize = 1024 * 1024 * 1024;
/// Pictures shown in review mode.
const MAX_PICTURE_BYTES: u64 = 20 * 1024 * 1024;

/// What a bundle with this selection would hold, and what the privacy check found in it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportPreview {
    pub entries: u32,
    pub attachments: u32,
    pub goals: u32,
    pub findings: Vec<DocumentFinding>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedBundle {
    pub path: String,
    pub file_name: String,
    /// The readable page on its own, beside the bundle, for anyone who only needs to read it.
    pub html_file_name: String,
    pub bundle_id: String,
    pub entries: u32,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// A bundle opened for review: checked against its manifest, and read-only.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewSession {
    /// Names the kept copy under `received/` for later calls.
    pub token: String,
    pub file_name: String,
    pub manifest_sha256: String,
    pub app_version: String,
    pub document: PortfolioDocument,
    /// The appraiser's review in progress of this exact bundle, if any (the page's JSON).
    pub draft: Option<String>,
}

/// What the appraiser writes; the bundle's id and hash are added from the checked bundle.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewInput {
    pub reviewer: Person,
    pub summary: String,
    pub comments: Vec<ReviewComment>,
    pub sign_off: Option<SignOff>,
}

fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> AppError {
    let context = context.into();
    move |e| AppError::new(ErrorKind::Io, format!("{context}: {e}"))
}

fn export_error(error: ExportError) -> AppError {
    match error {
        ExportError::Store(e) => AppError::from(&e),
        ExportError::Io { .. } => AppError::new(ErrorKind::Io, error.to_string()),
        ExportError::Damaged(_) | ExportError::TooLarge(_) => {
            AppError::new(ErrorKind::Conflict, error.to_string())
        }
    }
}

fn bundle_error(error: &BundleError) -> AppError {
    let mut message = error.to_string();
    for p in error.problems().iter().take(20) {
        message.push_str(&format!("\n- {}: {}", p.path, p.problem));
    }
    AppError::new(ErrorKind::InvalidInput, message)
}

/// Writes `bytes` to `target` through a temporary name in the same folder.
/// Writes `bytes` to a temporary name beside `target`, syncs it, then renames it into place.
pub(crate) fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io(format!("cannot create {}", dir.display())))?;
    let partial = dir.join(format!(
        ".{}.partial-{}",
        target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file"),
        std::process::id()
    ));
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&partial, target)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        io(format!("cannot write {}", target.display()))(e)
    })
}

/// A file name from the learner's words: letters, digits and hyphens.
fn slug(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "portfolio".into()
    } else {
        s.chars().take(40).collect()
    }
}

fn unused(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    let mut candidate = dir.join(format!("{stem}.{extension}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = dir.join(format!("{stem}-{n}.{extension}"));
        n += 1;
    }
    candidate
}

#[tauri::command(async)]
pub fn preview_export(
    state: State<'_, AppState>,
    selection: BundleSelection,
) -> Result<ExportPreview, AppError> {
    let (document, attachments) =
        state
            .store()?
            .portfolio_document(&selection, &"0".repeat(32), state.now())?;
    Ok(ExportPreview {
        entries: u32::try_from(document.entries.len()).unwrap_or(u32::MAX),
        attachments: u32::try_from(attachments.len()).unwrap_or(u32::MAX),
        goals: u32::try_from(document.goals.len()).unwrap_or(u32::MAX),
        findings: document_findings(&document, state.now().year()),
    })
}

/// Writes the bundle to `exports/` in the data folder, checks it as an appraiser's app will,
/// and records it so the review that comes back can be matched to it.
#[tauri::command(async)]
pub fn export_bundle(
    state: State<'_, AppState>,
    selection: BundleSelection,
) -> Result<ExportedBundle, AppError> {
    let store = state.store()?;
    let now = state.now();
    let dir = state.data_dir().join(EXPORTS_DIR);
    std::fs::create_dir_all(&dir).map_err(io(format!("cannot create {}", dir.display())))?;
    let stem = format!("{}-{}", slug(&selection.learner), now.format("%Y-%m-%d"));
    let target = unused(&dir, &stem, BUNDLE_EXTENSION);
    let written = write_bundle(store, &selection, &target, now).map_err(export_error)?;
    let verified = verify_bundle(&written.path).map_err(|e| bundle_error(&e))?;
    let shared: Vec<SharedEntry> = verified
        .document
        .entries
        .iter()
        .map(|e| SharedEntry {
            uid: e.uid.clone(),
            version: e.version,
        })
        .collect();
    let file_name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    // The same page as inside the bundle, on its own: attachments are listed but not included.
    let html_path = target.with_extension("html");
    write_atomically(&html_path, render_html(&verified.document).as_bytes())?;
    let html_file_name = html_path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    store.record_export(
        &verified.manifest.bundle_id,
        &verified.manifest_sha256,
        &file_name,
        &shared,
        now,
    )?;
    Ok(ExportedBundle {
        path: written.path.display().to_string(),
        file_name,
        html_file_name,
        bundle_id: verified.manifest.bundle_id,
        entries: u32::try_from(shared.len()).unwrap_or(u32::MAX),
        bytes: written.bytes,
    })
}

/// Saves a copy of a file the app wrote (an exported bundle or a review) where the person
/// chooses. Only files in the app's own `exports/` and `reviews/` folders can be copied.
#[tauri::command(async, rename_all = "camelCase")]
pub fn save_copy_as(
    app: AppHandle,
    state: State<'_, AppState>,
    file_name: String,
    kind: String,
) -> Result<Option<String>, AppError> {
    let folder = match kind.as_str() {
        "bundle" => EXPORTS_DIR,
        "review" => REVIEWS_DIR,
        _ => {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                "unknown kind of file",
            ))
        }
    };
    if file_name.contains(['/', '\\']) || file_name.starts_with('.') {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "not a file this app wrote",
        ));
    }
    let source = state.data_dir().join(folder).join(&file_name);
    let bytes = std::fs::read(&source).map_err(io(format!("cannot read {}", source.display())))?;
    let Some(target) = app
        .dialog()
        .file()
        .set_title("Save a copy")
        .set_file_name(&file_name)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    write_atomically(&target, &bytes)?;
    Ok(Some(target.display().to_string()))
}

/// The learner imports a review file (its bytes, from the page's file input).
#[tauri::command(async)]
pub fn import_review(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ReviewView, AppError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "choose the review file again",
        ));
    };
    Ok(state.store()?.import_review(bytes, state.now())?)
}

#[tauri::command(async)]
pub fn list_reviews(state: State<'_, AppState>) -> Result<Vec<ReviewView>, AppError> {
    Ok(state.store()?.reviews()?)
}

#[tauri::command(async)]
pub fn get_entry_comments(
    state: State<'_, AppState>,
    id: i64,
) -> Result<Vec<EntryComment>, AppError> {
    Ok(state.store()?.entry_comments(id)?)
}

fn received(state: &AppState, token: &str) -> Result<PathBuf, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "open the bundle again",
        ));
    }
    Ok(state
        .data_dir()
        .join(RECEIVED_DIR)
        .join(format!("{token}.{BUNDLE_EXTENSION}")))
}

/// The appraiser opens a bundle (its bytes, from the page's file input). It is kept under
/// `received/`, apart from their portfolio, and checked completely before anything is shown;
/// a bundle that fails is removed and every problem reported.
#[tauri::command(async)]
pub fn open_bundle(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ReviewSession, AppError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "choose the bundle file again",
        ));
    };
    if bytes.len() > MAX_RECEIVED_BYTES {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "the file is over 1 GB, larger than any portfolio bundle; check it is the file the learner sent",
        ));
    }
    let file_name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(super::portfolio::percent_decode)
        .unwrap_or_default();
    let token: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let path = received(&state, &token)?;
    write_atomically(&path, bytes)?;
    let verified = match verify_bundle(&path) {
        Ok(v) => v,
        Err(e) => {
            let _ = std::fs::remove_file(&path);
            let mut error = bundle_error(&e);
            error.message = error
                .message
                .replace(&format!("{token}.{BUNDLE_EXTENSION}"), &file_name);
            return Err(error);
        }
    };
    let draft = state
        .store()?
        .review_draft(&verified.manifest.bundle_id, &verified.manifest_sha256)?;
    Ok(ReviewSession {
        token,
        file_name,
        manifest_sha256: verified.manifest_sha256,
        app_version: verified.manifest.app_version,
        document: verified.document,
        draft,
    })
}

/// A picture attachment from a bundle under review, as a `data:` address; re-checked
/// against its hash as it is read.
#[tauri::command(async, rename_all = "camelCase")]
pub fn get_bundle_picture(
    state: State<'_, AppState>,
    token: String,
    path: String,
    sha256: String,
    media_type: String,
) -> Result<Option<String>, AppError> {
    if !["image/png", "image/jpeg", "image/gif", "image/webp"].contains(&media_type.as_str()) {
        return Ok(None);
    }
    let bundle = received(&state, &token)?;
    let bytes = read_bundle_file(&bundle, &path, &sha256, MAX_PICTURE_BYTES)
        .map_err(|e| bundle_error(&e))?;
    Ok(Some(format!(
        "data:{media_type};base64,{}",
        super::portfolio::base64(&bytes)
    )))
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn keep_review_draft(
    state: State<'_, AppState>,
    bundle_id: String,
    manifest_sha256: String,
    json: String,
) -> Result<(), AppError> {
    Ok(state
        .store()?
        .keep_review_draft(&bundle_id, &manifest_sha256, &json, state.now())?)
}

/// Writes the review file to `reviews/` in the data folder, tied to the bundle as checked
/// again now. Returns its file name.
#[tauri::command(async)]
pub fn save_review(
    state: State<'_, AppState>,
    token: String,
    review: ReviewInput,
) -> Result<String, AppError> {
    let verified = verify_bundle(&received(&state, &token)?).map_err(|e| bundle_error(&e))?;
    if review.reviewer.name.trim().is_empty() {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "Your name: say who is reviewing",
        ));
    }
    let file = ReviewFile {
        format: REVIEW_FORMAT.into(),
        format_version: REVIEW_FORMAT_VERSION,
        app_version: w2b_core::APP_VERSION.into(),
        bundle_id: verified.manifest.bundle_id.clone(),
        manifest_sha256: verified.manifest_sha256.clone(),
        learner: verified.document.learner.clone(),
        created_at: state
            .now()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        reviewer: review.reviewer,
        summary: review.summary,
        comments: review.comments,
        sign_off: review.sign_off,
    };
    let json = serde_json::to_vec_pretty(&file).map_err(|e| {
        AppError::new(
            ErrorKind::Internal,
            format!("the review cannot be written: {e}"),
        )
    })?;
    // The same checks the learner's app will make, so a file saved here always imports.
    w2b_core::review::parse_review(&json).map_err(|e| AppError::new(ErrorKind::InvalidInput, e))?;
    let dir = state.data_dir().join(REVIEWS_DIR);
    let stem = format!(
        "review-{}-{}",
        slug(&verified.document.learner),
        state.now().format("%Y-%m-%d")
    );
    let target = unused(&dir, &stem, REVIEW_EXTENSION);
    write_atomically(&target, &json)?;
    Ok(target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned())
}

/// The print window's label. It is in no capability, so its page can call nothing.
const PRINT_WINDOW: &str = "print";

/// Opens an exported bundle's readable page (from `exports/`) in a window of its own and
/// starts the system's print dialog there, where printing to a file saves a PDF. The page is
/// the bundle's own, with its print styles: one entry per page.
#[tauri::command(rename_all = "camelCase")]
pub async fn print_bundle_page(
    app: AppHandle,
    state: State<'_, AppState>,
    file_name: String,
) -> Result<(), AppError> {
    if file_name.contains(['/', '\\'])
        || file_name.starts_with('.')
        || !file_name.ends_with(".html")
    {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            "not a page this app wrote",
        ));
    }
    let path = state.data_dir().join(EXPORTS_DIR).join(&file_name);
    if !path.is_file() {
        return Err(AppError::new(
            ErrorKind::NotFound,
            format!(
                "{} is no longer in the exports folder; export the bundle again",
                file_name
            ),
        ));
    }
    let url = tauri::Url::from_file_path(&path).map_err(|()| {
        AppError::new(
            ErrorKind::Internal,
            format!("cannot open {}", path.display()),
        )
    })?;
    if let Some(open) = app.get_webview_window(PRINT_WINDOW) {
        let _ = open.destroy();
    }
    let page = url.path().to_owned();
    tauri::WebviewWindowBuilder::new(&app, PRINT_WINDOW, tauri::WebviewUrl::External(url))
        .title("Print or save as PDF")
        .inner_size(900.0, 1000.0)
        // The page may move within itself (its contents links) and nowhere else.
        .on_navigation(move |to| to.scheme() == "file" && to.path() == page)
        .on_page_load(|window, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                if let Err(error) = window.print() {
                    eprintln!("ward-to-board: the print dialog did not open: {error}");
                }
            }
        })
        .build()
        .map_err(|e| {
            AppError::new(
                ErrorKind::Internal,
                format!("the page could not be opened for printing: {e}"),
            )
        })?;
    Ok(())
}
