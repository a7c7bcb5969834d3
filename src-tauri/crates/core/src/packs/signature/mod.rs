//! A pack archive's signature: `pack-signature.json`, the publisher's Ed25519 signature over
//! the archive's `pack-files.json`, which holds the SHA-256 of every other file, so one
//! signature covers the whole pack. Checked before the sums, so a pack whose signature fails
//! is refused whatever else is in it.

use std::collections::BTreeMap;

use super::archive::SUMS_FILE;
use super::problem::{PackError, Problem};
use super::PackFiles;
use crate::signing::{Purpose, SecretKey, SignatureFile, Signer};

/// Inside a signed archive: who signed `pack-files.json`, and the signature.
pub const SIGNATURE_FILE: &str = "pack-signature.json";

const ASK_PUBLISHER: &str =
    "do not install it: ask the pack's publisher for a new copy, and tell them this one was altered";

impl PackFiles {
    /// Who signed the archive these files came from; `None` for an unsigned archive, a
    /// folder or the built-in pack.
    pub fn signer(&self) -> Option<&Signer> {
        self.signer.as_ref()
    }
}

/// The signature file's bytes for an archive whose sums file is `sums`.
pub(super) fn sign_sums(key: &SecretKey, sums: &[u8]) -> Vec<u8> {
    SignatureFile::sign(key, Purpose::Pack, SUMS_FILE, sums).to_json()
}

/// Takes the signature file out of an archive's files and verifies it against the sums file
/// (which stays, to be checked next). An archive with no signature file is unsigned.
pub(super) fn take_signature(
    files: &mut BTreeMap<String, Vec<u8>>,
) -> Result<Option<Signer>, PackError> {
    let Some(raw) = files.remove(SIGNATURE_FILE) else {
        return Ok(None);
    };
    let sums = files.get(SUMS_FILE).map(Vec::as_slice).unwrap_or_default();
    SignatureFile::verify(&raw, Purpose::Pack, SUMS_FILE, sums)
        .map(Some)
        .map_err(|e| PackError {
            problems: vec![Problem::in_file(
                SIGNATURE_FILE,
                format!("the pack's signature is refused: {e}"),
                ASK_PUBLISHER,
            )],
        })
}

#[cfg(test)]
mod tests;
