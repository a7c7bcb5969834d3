//! What the app shows about a signature: whether the learner trusts its key, and whether a
//! pack update is signed by a different key than the installed version. These types cross
//! IPC; their TypeScript twins are generated into `ui/src/ipc/bindings`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{SecretKey, SecretKeyError, Signer};

/// A publisher the learner has chosen to trust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrustedPublisher {
    pub name: String,
    pub fingerprint: String,
    /// Base64 of the 32-byte Ed25519 key: what removing it names.
    pub public_key: String,
    /// RFC 3339 UTC instant.
    pub added_at: String,
}

/// A key as shown to people: the name it signed under and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignerView {
    pub name: String,
    pub fingerprint: String,
}

impl From<&Signer> for SignerView {
    fn from(signer: &Signer) -> Self {
        Self {
            name: signer.name().to_owned(),
            fingerprint: signer.fingerprint(),
        }
    }
}

/// A person's own private key as the page sends it to sign something: the key file's text
/// (still sealed) and the passphrase they typed. It is opened in core, used once and dropped.
#[derive(Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SigningRequest {
    pub key_file: String,
    pub passphrase: String,
}

impl std::fmt::Debug for SigningRequest {
    // Never print the passphrase, even in a debug log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningRequest").finish_non_exhaustive()
    }
}

impl Drop for SigningRequest {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.passphrase);
    }
}

impl SigningRequest {
    /// Opens the key; a wrong passphrase is [`SecretKeyError::WrongPassphrase`].
    pub fn open(&self) -> Result<SecretKey, SecretKeyError> {
        SecretKey::open(self.key_file.as_bytes(), &self.passphrase)
    }
}

/// Who vouches for a file, as far as this learner can tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SignatureStatus {
    /// Not signed at all: anyone could have made it.
    NotSigned,
    /// Signed by a key the learner added; `name` is the name they added it under.
    Trusted { name: String, fingerprint: String },
    /// Signed, but by a key the learner has not added: the name is only what the file says.
    Unknown {
        #[serde(rename = "claimedName")]
        claimed_name: String,
        fingerprint: String,
    },
}

/// An update signed differently from the installed version (another key, or no longer
/// signed): the learner must confirm before it is installed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignerChange {
    pub installed: SignerView,
    /// `None` when the new file is not signed.
    pub incoming: Option<SignerView>,
}
