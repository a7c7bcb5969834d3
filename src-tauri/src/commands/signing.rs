//! Trusted keys (publishers and people): list, add (from a pasted line or a chosen `.pub`
//! file), remove; and a person's own private key file, described before they sign with it and
//! opened in Rust (never in the page) when they do.

use tauri::{AppHandle, State};
use w2b_core::problems::FieldError;
use w2b_core::signing::{
    SecretKey, SecretKeyError, SignerView, SigningRequest, TrustedPublisher,
    MAX_SIGNATURE_FILE_BYTES,
};

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_trusted_publishers(
    state: State<'_, AppState>,
) -> Result<Vec<TrustedPublisher>, AppError> {
    Ok(state.store()?.trusted_publishers()?)
}

/// Adds a publisher's public key from its text form (the line, or a `.pub` file's content).
#[tauri::command(async)]
pub fn add_trusted_publisher(
    state: State<'_, AppState>,
    text: String,
) -> Result<TrustedPublisher, AppError> {
    Ok(state.store()?.add_trusted_publisher(&text, state.now())?)
}

#[tauri::command(async, rename_all = "camelCase")]
pub fn remove_trusted_publisher(
    state: State<'_, AppState>,
    public_key: String,
) -> Result<(), AppError> {
    Ok(state.store()?.remove_trusted_publisher(&public_key)?)
}

/// Opens the file picker for a publisher's `.pub` file and gives back its text, for the page
/// to show in the key box before the learner adds it; `None` when they cancel.
#[tauri::command(async)]
pub fn choose_publisher_key_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, AppError> {
    let Some(path) = crate::commands::pick_import_file(
        &app,
        &state,
        "Choose a publisher's public key",
        ("Ward to Board public key", &["pub"]),
    ) else {
        return Ok(None);
    };
    let path = state.chosen_file(&path, "public key file")?;
    let unreadable = |e: String| {
        AppError::new(
            ErrorKind::InvalidInput,
            format!(
                "{}: {e}. Choose the .pub file the publisher sent.",
                path.display()
            ),
        )
    };
    let size = std::fs::metadata(&path)
        .map_err(|e| unreadable(e.to_string()))?
        .len();
    // A public key file is two comment lines and one key line.
    if size > MAX_SIGNATURE_FILE_BYTES as u64 {
        return Err(unreadable(format!(
            "{size} bytes is too large for a public key"
        )));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| unreadable(e.to_string()))?;
    Ok(Some(text))
}

/// The fields of the "sign with my key" form, as the page names them.
const KEY_FILE_FIELD: &str = "keyFile";
const PASSPHRASE_FIELD: &str = "passphrase";

/// The name and fingerprint a private key file holds, read without its passphrase, so the
/// person sees whose key they chose before they type it.
#[tauri::command(async, rename_all = "camelCase")]
pub fn describe_key_file(key_file: String) -> Result<SignerView, AppError> {
    let public = SecretKey::public_of_file(key_file.as_bytes()).map_err(key_error)?;
    Ok(SignerView {
        name: public.name.clone(),
        fingerprint: public.fingerprint(),
    })
}

/// Opens the key the person chose to sign with, if they chose to sign. A wrong passphrase is
/// an error on the passphrase field; anything else about the file, on the key file field.
pub(crate) fn signing_key(request: Option<SigningRequest>) -> Result<Option<SecretKey>, AppError> {
    request.map(|r| r.open().map_err(key_error)).transpose()
}

fn key_error(error: SecretKeyError) -> AppError {
    let (field, label) = match error {
        SecretKeyError::WrongPassphrase => (PASSPHRASE_FIELD, "Passphrase"),
        _ => (KEY_FILE_FIELD, "Your private key file"),
    };
    let message = format!("{label}: {error}");
    AppError::fields(message.clone(), vec![FieldError::new(field, message)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_passphrase_is_an_error_on_the_passphrase_field() {
        let error = key_error(SecretKeyError::WrongPassphrase);
        assert_eq!(
            error.fields.first().map(|f| f.field.as_str()),
            Some(PASSPHRASE_FIELD),
            "the form marks the passphrase box"
        );
        assert!(
            error.message.starts_with("Passphrase: wrong passphrase"),
            "{}",
            error.message
        );
        let error = describe_key_file("{}".into()).expect_err("not a key file");
        assert_eq!(
            error.fields.first().map(|f| f.field.as_str()),
            Some(KEY_FILE_FIELD),
            "a file that is not a key is an error on the key file box"
        );
    }
}
