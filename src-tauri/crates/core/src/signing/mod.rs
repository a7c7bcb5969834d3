//! Signing: publisher and person key pairs (Ed25519), their one-line public text form and
//! fingerprint, and the signature file that says who vouches for a pack, review or bundle.
//!
//! Why Ed25519 through `ed25519-dalek`, and the private key's scrypt + XChaCha20-Poly1305
//! sealing, is told in `docs/adr/0005-ed25519-signing.md`; the formats in `docs/signing.md`.

mod secret;
mod signature;
mod trust;

pub use secret::{SecretKey, SecretKeyError, KEY_FILE_FORMAT};
pub use signature::{SignatureError, SignatureFile, Signer, MAX_SIGNATURE_FILE_BYTES};
pub use trust::{SignatureStatus, SignerChange, SignerView, SigningRequest, TrustedPublisher};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The word that starts a public key's text form, so a pasted line is recognised as ours.
pub const PUBLIC_KEY_TAG: &str = "w2b-key-1";
/// The longest name a key may carry: a scheme's or a person's name, not a paragraph.
pub const MAX_NAME_CHARS: usize = 100;

/// What a signature is for. It is part of what is signed, so a signature on a pack can never
/// pass for one on a review file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Pack,
    Review,
    Bundle,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Pack => "pack",
            Purpose::Review => "review",
            Purpose::Bundle => "bundle",
        }
    }
}

/// A public key and the name its owner gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub name: String,
    key: ed25519_dalek::VerifyingKey,
}

/// Why a public key's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublicKeyError {
    #[error("this is not a Ward to Board public key: it should start with `{PUBLIC_KEY_TAG}` (copy the whole line from the .pub file)")]
    NotAKey,
    #[error(
        "the key part is not valid: {0} (copy the whole line again; it may have been cut short)"
    )]
    BadKey(String),
    #[error("{0}")]
    BadName(String),
}

impl PublicKey {
    pub(crate) fn from_parts(name: String, key: ed25519_dalek::VerifyingKey) -> Self {
        Self { name, key }
    }

    /// Reads a key from its 32 bytes, given in base64.
    pub fn from_base64(name: &str, key: &str) -> Result<Self, PublicKeyError> {
        let bytes = STANDARD
            .decode(key.trim())
            .map_err(|e| PublicKeyError::BadKey(format!("not base64 ({e})")))?;
        let bytes: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
            PublicKeyError::BadKey(format!("{} bytes where a key has 32", bytes.len()))
        })?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes)
            .map_err(|_| PublicKeyError::BadKey("not a point on the Ed25519 curve".into()))?;
        // The key first: a line cut short loses its name too, and the key is what is wrong.
        check_name(name).map_err(PublicKeyError::BadName)?;
        Ok(Self {
            name: name.to_owned(),
            key,
        })
    }

    /// Reads the one-line text form (`w2b-key-1 <base64 key> <name>`), or a `.pub` file
    /// holding it: lines starting with `#` are comments.
    pub fn parse(text: &str) -> Result<Self, PublicKeyError> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .ok_or(PublicKeyError::NotAKey)?;
        let mut parts = line.splitn(3, ' ');
        if parts.next() != Some(PUBLIC_KEY_TAG) {
            return Err(PublicKeyError::NotAKey);
        }
        let key = parts.next().unwrap_or_default();
        let name = parts.next().unwrap_or_default().trim();
        Self::from_base64(name, key)
    }

    /// The one line a person pastes: tag, key, name.
    pub fn to_text(&self) -> String {
        format!("{PUBLIC_KEY_TAG} {} {}", self.key_base64(), self.name)
    }

    /// What a `.pub` file holds: two comment lines for people, then the text form.
    pub fn to_file(&self) -> String {
        format!(
            "# Ward to Board public key of {}\n# Fingerprint {}\n{}\n",
            self.name,
            self.fingerprint(),
            self.to_text()
        )
    }

    pub fn key_base64(&self) -> String {
        STANDARD.encode(self.key.as_bytes())
    }

    /// The first 80 bits of the key's SHA-256 as five groups of four hex digits: short
    /// enough to read out on the phone, long enough that no one can make a key to match it.
    pub fn fingerprint(&self) -> String {
        fingerprint_of(self.key.as_bytes())
    }

    pub(crate) fn verifying_key(&self) -> &ed25519_dalek::VerifyingKey {
        &self.key
    }
}

pub(crate) fn fingerprint_of(key: &[u8; 32]) -> String {
    let digest = Sha256::digest(key);
    let hex = hex::encode_upper(&digest[..10]);
    hex.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A key's name: what learners read as "Signed by NAME". Said in words a person can act on.
pub fn check_name(name: &str) -> Result<(), String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err("give the key a name, such as the scheme's or your own".into());
    }
    if trimmed != name {
        return Err("the key's name starts or ends with spaces: remove them".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "the key's name is longer than {MAX_NAME_CHARS} characters: shorten it"
        ));
    }
    if name.chars().any(char::is_control) {
        return Err("the key's name holds a line break or control character: remove it".into());
    }
    Ok(())
}

/// The exact bytes a signature covers: what it is for, who says they made it, and the SHA-256
/// of the signed file. Naming the signer inside stops a signature from being re-labelled.
pub(crate) fn signed_message(purpose: Purpose, signer: &str, sha256_hex: &str) -> Vec<u8> {
    format!(
        "Ward to Board signature, format 1\npurpose: {}\nsigner: {signer}\nsha256: {sha256_hex}\n",
        purpose.as_str()
    )
    .into_bytes()
}

#[cfg(test)]
mod tests;
