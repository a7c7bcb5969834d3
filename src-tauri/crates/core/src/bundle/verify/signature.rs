//! A signed bundle's `bundle-signature.json`: the learner's Ed25519 signature over the exact
//! bytes of `manifest.json`, which lists every other file's SHA-256, so one signature covers
//! the whole bundle. It is the only file a bundle may hold that its manifest does not list.

use super::entries::{Layout, StoredFile};
use super::{unpack, Archive, BundleError, BundleProblem};
use crate::bundle::{MANIFEST_PATH, SIGNATURE_PATH};
use crate::signing::{Purpose, SignatureFile, Signer, MAX_SIGNATURE_FILE_BYTES};

/// Reads the signature file, if the bundle has one, and checks it against `manifest`, the
/// manifest's bytes as stored. `None` for an unsigned bundle.
pub(super) fn check(
    zip: &mut Archive,
    layout: &Layout,
    manifest: &[u8],
    file: &str,
) -> Result<Option<Signer>, BundleError> {
    let Some(stored) = &layout.signature else {
        return Ok(None);
    };
    let raw = read(zip, stored, file)?;
    SignatureFile::verify(&raw, Purpose::Bundle, MANIFEST_PATH, manifest)
        .map(Some)
        .map_err(|why| BundleError::Tampered {
            file: file.to_owned(),
            problems: vec![BundleProblem::new(
                SIGNATURE_PATH,
                format!(
                    "the learner's signature is refused: {why}. Do not rely on this copy: ask \
                     the learner to export and sign it again, and tell them this one was altered"
                ),
            )],
        })
}

/// The signature file's bytes, refused unread when its header claims more than a signature
/// file can be.
fn read(zip: &mut Archive, stored: &StoredFile, file: &str) -> Result<Vec<u8>, BundleError> {
    let limit = MAX_SIGNATURE_FILE_BYTES as u64;
    if stored.size > limit {
        return Err(BundleError::Unsafe {
            file: file.to_owned(),
            problems: vec![BundleProblem::new(
                SIGNATURE_PATH,
                format!(
                    "is {} bytes; a signature file is at most {limit}",
                    stored.size
                ),
            )],
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(stored.size).unwrap_or(0));
    unpack(zip, stored, file, &mut bytes)?.map_err(|damage| BundleError::Tampered {
        file: file.to_owned(),
        problems: vec![BundleProblem::new(SIGNATURE_PATH, damage.to_string())],
    })?;
    Ok(bytes)
}
