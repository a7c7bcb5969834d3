//! Reviews, both ways round. The learner imports the review an appraiser sends back and sees
//! its comments on their entries; the appraiser opens a bundle (kept under `received/`, apart
//! from their own portfolio), reviews it, and saves a review file to `reviews/`. Files arrive
//! from the page as raw bytes, so no path from the page is ever opened. The rules live in
//! `w2b_core::review`.

use tauri::ipc::{InvokeBody, Request};
use tauri::State;
use w2b_core::review::{
    ReviewError, ReviewInput, ReviewSession, SavedReview, MAX_RECEIVED_BYTES,
    MAX_SIGNED_REVIEW_BYTES, RECEIVED_DIR, REVIEWS_DIR,
};
use w2b_core::signing::SigningRequest;
use w2b_core::store::{EntryComment, ReviewView};

use super::bundle::bundle_error;
use crate::error::{AppError, ErrorKind};
use crate::state::AppState;

fn review_error(error: ReviewError) -> AppError {
    let kind = match &error {
        ReviewError::Bundle(e) => return bundle_error(e),
        ReviewError::Store(e) => return AppError::from(e),
        ReviewError::Io { .. } => ErrorKind::Io,
        ReviewError::Unwritable(_) => ErrorKind::Internal,
        ReviewError::TooLarge
        | ReviewError::NotReceived
        | ReviewError::NoReviewer
        | ReviewError::Refused(_) => ErrorKind::InvalidInput,
    };
    AppError::new(kind, error.to_string())
}

/// The file's bytes, sent as the request's raw body, or what to tell the person.
fn sent_file<'a>(request: &'a Request<'_>, again: &str) -> Result<&'a [u8], AppError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(AppError::new(ErrorKind::InvalidInput, again));
    };
    Ok(bytes)
}

/// The learner imports a review file (its bytes, from the page's file input).
#[tauri::command(async)]
pub fn import_review(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ReviewView, AppError> {
    let bytes = sent_file(&request, "choose the review file again")?;
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

/// The appraiser opens a bundle (its bytes, from the page's file input). It is kept under
/// `received/`, apart from their portfolio, and checked completely before anything is shown;
/// a bundle that fails is removed and every problem reported.
#[tauri::command(async)]
pub fn open_bundle(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ReviewSession, AppError> {
    let bytes = sent_file(&request, "choose the bundle file again")?;
    let file_name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(super::portfolio::percent_decode)
        .unwrap_or_default();
    let received = state.data_dir().join(RECEIVED_DIR);
    w2b_core::review::open_received(state.store()?, &received, bytes, &file_name)
        .map_err(review_error)
}

/// The appraiser opens a bundle handed over by the file manager or the command line (a path
/// the person chose, never one the page made up), with the same checks as `open_bundle`.
#[tauri::command(async)]
pub fn open_bundle_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<ReviewSession, AppError> {
    let path = state.chosen_file(&path, "bundle")?;
    let bytes = read_chosen(&path, MAX_RECEIVED_BYTES)?;
    let file_name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let received = state.data_dir().join(RECEIVED_DIR);
    w2b_core::review::open_received(state.store()?, &received, &bytes, &file_name)
        .map_err(review_error)
}

/// What importing a review file handed over by the file manager would give, checked in full
/// and kept nowhere: the learner confirms before `import_review_file`.
#[tauri::command(async)]
pub fn preview_review_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<ReviewView, AppError> {
    let path = state.chosen_file(&path, "review file")?;
    let bytes = read_chosen(&path, MAX_SIGNED_REVIEW_BYTES)?;
    Ok(state.store()?.preview_review(&bytes, state.now())?)
}

/// The learner confirmed the review file they opened from the file manager.
#[tauri::command(async)]
pub fn import_review_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<ReviewView, AppError> {
    let path = state.chosen_file(&path, "review file")?;
    let bytes = read_chosen(&path, MAX_SIGNED_REVIEW_BYTES)?;
    Ok(state.store()?.import_review(&bytes, state.now())?)
}

/// Reads a file the person chose, refusing one larger than `limit` before reading it.
fn read_chosen(path: &std::path::Path, limit: usize) -> Result<Vec<u8>, AppError> {
    let io = |e: std::io::Error| {
        AppError::new(
            ErrorKind::Io,
            format!(
                "cannot read {}: {e}. Check the file is still there and try again.",
                path.display()
            ),
        )
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > limit as u64 {
        return Err(AppError::new(
            ErrorKind::InvalidInput,
            format!(
                "{} is {size} bytes, more than the {limit} bytes such a file can be. \
                 Check it is the file you were sent.",
                path.display()
            ),
        ));
    }
    std::fs::read(path).map_err(io)
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
    let received = state.data_dir().join(RECEIVED_DIR);
    let bytes = w2b_core::review::bundle_picture(&received, &token, &path, &sha256, &media_type)
        .map_err(review_error)?;
    Ok(bytes.map(|b| format!("data:{media_type};base64,{}", super::portfolio::base64(&b))))
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
/// again now; with `signing`, signed with the appraiser's own key (opened here, used once,
/// dropped). Returns its file name and signer.
#[tauri::command(async)]
pub fn save_review(
    state: State<'_, AppState>,
    token: String,
    review: ReviewInput,
    signing: Option<SigningRequest>,
) -> Result<SavedReview, AppError> {
    let key = super::signing::signing_key(signing)?;
    let dir = state.data_dir();
    w2b_core::review::save_review_signed(
        &dir.join(RECEIVED_DIR),
        &dir.join(REVIEWS_DIR),
        &token,
        review,
        state.now(),
        key.as_ref(),
    )
    .map_err(review_error)
}
