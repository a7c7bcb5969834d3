//! A bundle received for review: kept under `received/` in the data folder, apart from the
//! appraiser's own portfolio, named by the SHA-256 of its bytes, and checked completely before
//! anything in it is shown. A bundle that fails is removed again.

use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::ReviewError;
use crate::bundle::{
    read_bundle_file, verify_bundle_named, PortfolioDocument, VerifiedBundle, BUNDLE_EXTENSION,
};
use crate::signing::SignatureStatus;
use crate::store::Store;

/// The folder of the data folder that received bundles are kept in.
pub const RECEIVED_DIR: &str = "received";
/// The largest bundle the review page accepts through the window.
pub const MAX_RECEIVED_BYTES: usize = 1024 * 1024 * 1024;
/// Pictures shown in review mode.
const MAX_PICTURE_BYTES: u64 = 20 * 1024 * 1024;
/// The kinds of picture review mode shows; anything else is listed, not shown.
const PICTURE_TYPES: [&str; 4] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

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
    /// Who signed the bundle (the learner's own key, checked), and whether the appraiser
    /// added that key to their trusted keys.
    pub signature: SignatureStatus,
}

/// Where the bundle named by `token` is kept. Only a token this module made is accepted, so
/// the page can never name another file.
pub fn received_path(received_dir: &Path, token: &str) -> Result<PathBuf, ReviewError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ReviewError::NotReceived);
    }
    Ok(received_dir.join(format!("{token}.{BUNDLE_EXTENSION}")))
}

/// Keeps the bundle's `bytes` under `received_dir`, checks it completely (its problems name
/// it by `file_name`, as the appraiser knows it) and returns it with any review in progress.
/// A bundle that fails is removed and every problem reported.
pub fn open_received(
    store: &Store,
    received_dir: &Path,
    bytes: &[u8],
    file_name: &str,
) -> Result<ReviewSession, ReviewError> {
    if bytes.len() > MAX_RECEIVED_BYTES {
        return Err(ReviewError::TooLarge);
    }
    let token = hex::encode(Sha256::digest(bytes));
    let path = received_path(received_dir, &token)?;
    crate::atomic::write(&path, bytes).map_err(|source| ReviewError::Io {
        path: path.clone(),
        source,
    })?;
    let verified: VerifiedBundle = match verify_bundle_named(&path, file_name) {
        Ok(v) => v,
        Err(e) => {
            let _ = std::fs::remove_file(&path);
            return Err(e.into());
        }
    };
    let draft = store.review_draft(&verified.manifest.bundle_id, &verified.manifest_sha256)?;
    let signature = store.signature_status(verified.signer.as_ref())?;
    Ok(ReviewSession {
        signature,
        token,
        file_name: file_name.to_owned(),
        manifest_sha256: verified.manifest_sha256,
        app_version: verified.manifest.app_version,
        document: verified.document,
        draft,
    })
}

/// A picture attachment from a received bundle, re-checked against its hash as it is read;
/// `None` for a kind of file that is not shown as a picture.
pub fn bundle_picture(
    received_dir: &Path,
    token: &str,
    path: &str,
    sha256: &str,
    media_type: &str,
) -> Result<Option<Vec<u8>>, ReviewError> {
    if !PICTURE_TYPES.contains(&media_type) {
        return Ok(None);
    }
    let bundle = received_path(received_dir, token)?;
    Ok(Some(read_bundle_file(
        &bundle,
        path,
        sha256,
        MAX_PICTURE_BYTES,
    )?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_token_this_module_made_names_a_kept_bundle() {
        let dir = Path::new("/data/received");
        for token in ["../../etc/passwd", "", &"g".repeat(64), &"a".repeat(63)] {
            assert!(
                matches!(received_path(dir, token), Err(ReviewError::NotReceived)),
                "{token:?} is refused: the page never names a file of its own"
            );
        }
        let token = "a".repeat(64);
        assert_eq!(
            received_path(dir, &token).expect("a real token"),
            dir.join(format!("{token}.{BUNDLE_EXTENSION}")),
            "the kept copy is named by its hash"
        );
    }
}
