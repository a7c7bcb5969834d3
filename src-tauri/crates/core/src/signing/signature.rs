//! The signature file: who signed which file, for what, and the Ed25519 signature itself.
//! It sits beside the file it covers (a pack's `pack-files.json`), so the signed file's bytes
//! never change when it is signed.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::Signer as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{signed_message, PublicKey, Purpose, SecretKey};

/// A signature file is a few hundred bytes; anything much larger is not one.
pub const MAX_SIGNATURE_FILE_BYTES: usize = 4096;

/// Who a verified signature comes from: the name they signed under and their key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub key: PublicKey,
}

impl Signer {
    pub fn name(&self) -> &str {
        &self.key.name
    }

    pub fn fingerprint(&self) -> String {
        self.key.fingerprint()
    }
}

/// Why a signature was refused. Each says what is wrong in words a learner can pass on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("its signature file cannot be read ({0})")]
    Unreadable(String),
    #[error("its signature file is for a {found}, not a {expected}")]
    WrongPurpose {
        expected: &'static str,
        found: String,
    },
    #[error("its signature file names the key {0}")]
    BadKey(String),
    #[error(
        "its signature is {0} bytes where an Ed25519 signature has 64: it was cut short or altered"
    )]
    Truncated(usize),
    #[error(
        "{file} has changed since it was signed (its SHA-256 is not the one the signature covers)"
    )]
    ChangedAfterSigning { file: String },
    #[error("its signature was not made by the key it names ({name}, fingerprint {fingerprint}): someone may be passing it off as theirs")]
    NotByClaimedKey { name: String, fingerprint: String },
}

/// The JSON file: format, purpose, the signed file's name and SHA-256, the signer's name and
/// public key, and the signature over [`signed_message`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureFile {
    pub format: u32,
    pub purpose: String,
    pub signed_file: String,
    pub sha256: String,
    pub signer: String,
    pub public_key: String,
    pub signature: String,
}

impl SignatureFile {
    /// Signs `bytes`, the content of the file named `signed_file`.
    pub fn sign(key: &SecretKey, purpose: Purpose, signed_file: &str, bytes: &[u8]) -> Self {
        let sha256 = hex::encode(Sha256::digest(bytes));
        let message = signed_message(purpose, key.name(), &sha256);
        let signature = key.signing_key().sign(&message);
        Self {
            format: 1,
            purpose: purpose.as_str().to_owned(),
            signed_file: signed_file.to_owned(),
            sha256,
            signer: key.name().to_owned(),
            public_key: key.public().key_base64(),
            signature: STANDARD.encode(signature.to_bytes()),
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut text = serde_json::to_vec_pretty(self).unwrap_or_default();
        text.push(b'\n');
        text
    }

    /// Checks a signature file's bytes against the signed file's bytes.
    pub fn verify(
        raw: &[u8],
        purpose: Purpose,
        signed_file: &str,
        bytes: &[u8],
    ) -> Result<Signer, SignatureError> {
        if raw.len() > MAX_SIGNATURE_FILE_BYTES {
            return Err(SignatureError::Unreadable(format!(
                "it is {} bytes; a signature file is under {MAX_SIGNATURE_FILE_BYTES}",
                raw.len()
            )));
        }
        let file: SignatureFile =
            serde_json::from_slice(raw).map_err(|e| SignatureError::Unreadable(e.to_string()))?;
        if file.format != 1 {
            return Err(SignatureError::Unreadable(format!(
                "its format is {}; this app reads format 1: update the app",
                file.format
            )));
        }
        if file.purpose != purpose.as_str() {
            return Err(SignatureError::WrongPurpose {
                expected: purpose.as_str(),
                found: file.purpose,
            });
        }
        if file.signed_file != signed_file {
            return Err(SignatureError::Unreadable(format!(
                "it signs `{}`, where it should sign `{signed_file}`",
                file.signed_file
            )));
        }
        let key = PublicKey::from_base64(&file.signer, &file.public_key)
            .map_err(|e| SignatureError::BadKey(e.to_string()))?;
        let signature = STANDARD.decode(&file.signature).map_err(|e| {
            SignatureError::Unreadable(format!("the signature is not base64 ({e})"))
        })?;
        let signature: [u8; 64] = signature
            .as_slice()
            .try_into()
            .map_err(|_| SignatureError::Truncated(signature.len()))?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        if sha256 != file.sha256 {
            return Err(SignatureError::ChangedAfterSigning {
                file: signed_file.to_owned(),
            });
        }
        let message = signed_message(purpose, &file.signer, &file.sha256);
        key.verifying_key()
            .verify_strict(&message, &ed25519_dalek::Signature::from_bytes(&signature))
            .map_err(|_| SignatureError::NotByClaimedKey {
                name: key.name.clone(),
                fingerprint: key.fingerprint(),
            })?;
        Ok(Signer { key })
    }
}
