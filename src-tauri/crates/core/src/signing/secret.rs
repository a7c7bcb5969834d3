//! The private half of a key pair, and the file that keeps it: its 32-byte seed sealed with
//! XChaCha20-Poly1305 under a key that scrypt derives from the owner's passphrase.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::XChaCha20Poly1305;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{check_name, PublicKey};

/// The `format` a key file carries.
pub const KEY_FILE_FORMAT: &str = "w2b-secret-key-1";
/// scrypt's cost for new keys: 2^17 rounds of 8 blocks, 128 MiB and about a second, the
/// parameters scrypt's authors recommend for files at rest.
const NEW_LOG_N: u8 = 17;
const NEW_R: u32 = 8;
const NEW_P: u32 = 1;
/// Costs a key file may ask for: below, a passphrase is too cheap to guess; above, a hostile
/// file could make opening it take gigabytes or minutes.
const MIN_LOG_N: u8 = 14;
const MAX_LOG_N: u8 = 20;
const MAX_R: u32 = 16;
const MAX_P: u32 = 4;
/// The shortest passphrase accepted for a new key.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// A key file is a few hundred bytes; anything much larger is not one.
const MAX_KEY_FILE_BYTES: usize = 4096;

/// A private key, with the name it was made for. Its seed is wiped from memory when dropped
/// (`ed25519-dalek`'s `zeroize` feature).
#[derive(Debug)]
pub struct SecretKey {
    name: String,
    key: ed25519_dalek::SigningKey,
}

/// Why a key could not be made, or a key file opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretKeyError {
    #[error("{0}")]
    BadName(String),
    #[error("the passphrase is too short: use at least {MIN_PASSPHRASE_CHARS} characters (a few words are easier to remember)")]
    ShortPassphrase,
    #[error("this is not a Ward to Board private key file ({0}); give the .key file `w2b key new` wrote")]
    NotAKeyFile(String),
    #[error("the key file asks for unusual scrypt costs ({0}), so it is not opened: make a new key with `w2b key new`")]
    UnusualCost(String),
    #[error("wrong passphrase: this key file does not open with it (or the file was altered). Nothing was signed; try again")]
    WrongPassphrase,
    #[error("the computer's random number source failed ({0}); try again")]
    Random(String),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    format: String,
    name: String,
    public_key: String,
    kdf: Kdf,
    cipher: String,
    nonce: String,
    sealed_key: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kdf {
    algorithm: String,
    log_n: u8,
    r: u32,
    p: u32,
    salt: String,
}

const CIPHER: &str = "xchacha20-poly1305";

fn random<const N: usize>() -> Result<[u8; N], SecretKeyError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| SecretKeyError::Random(e.to_string()))?;
    Ok(bytes)
}

fn derive(passphrase: &str, salt: &[u8], kdf: &Kdf) -> Result<Zeroizing<[u8; 32]>, SecretKeyError> {
    let params = scrypt::Params::new(kdf.log_n, kdf.r, kdf.p)
        .map_err(|e| SecretKeyError::UnusualCost(e.to_string()))?;
    let mut out = Zeroizing::new([0u8; 32]);
    scrypt::scrypt(passphrase.as_bytes(), salt, &params, out.as_mut())
        .map_err(|e| SecretKeyError::UnusualCost(e.to_string()))?;
    Ok(out)
}

impl SecretKey {
    /// A new random key pair for `name`.
    pub fn generate(name: &str) -> Result<Self, SecretKeyError> {
        check_name(name).map_err(SecretKeyError::BadName)?;
        let seed = Zeroizing::new(random::<32>()?);
        Ok(Self {
            name: name.to_owned(),
            key: ed25519_dalek::SigningKey::from_bytes(&seed),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn public(&self) -> PublicKey {
        PublicKey::from_parts(self.name.clone(), self.key.verifying_key())
    }

    pub(crate) fn signing_key(&self) -> &ed25519_dalek::SigningKey {
        &self.key
    }

    /// The key file's text, the seed sealed under `passphrase`. The public key and name are
    /// the cipher's associated data, so neither can be changed without the file failing to
    /// open.
    pub fn seal(&self, passphrase: &str) -> Result<String, SecretKeyError> {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(SecretKeyError::ShortPassphrase);
        }
        let salt = random::<16>()?;
        let nonce = random::<24>()?;
        let kdf = Kdf {
            algorithm: "scrypt".into(),
            log_n: NEW_LOG_N,
            r: NEW_R,
            p: NEW_P,
            salt: STANDARD.encode(salt),
        };
        let wrapping = derive(passphrase, &salt, &kdf)?;
        let public = self.public();
        let aad = public.to_text();
        let cipher = XChaCha20Poly1305::new_from_slice(wrapping.as_ref())
            .map_err(|e| SecretKeyError::Random(e.to_string()))?;
        let sealed = cipher
            .encrypt(
                &nonce.into(),
                Payload {
                    msg: self.key.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|e| SecretKeyError::Random(e.to_string()))?;
        let file = KeyFile {
            format: KEY_FILE_FORMAT.into(),
            name: self.name.clone(),
            public_key: public.key_base64(),
            kdf,
            cipher: CIPHER.into(),
            nonce: STANDARD.encode(nonce),
            sealed_key: STANDARD.encode(sealed),
        };
        let mut text = serde_json::to_string_pretty(&file)
            .map_err(|e| SecretKeyError::NotAKeyFile(e.to_string()))?;
        text.push('\n');
        Ok(text)
    }

    /// The name and public key a key file says it holds, without the passphrase.
    pub fn public_of_file(bytes: &[u8]) -> Result<PublicKey, SecretKeyError> {
        let file = read_file(bytes)?;
        PublicKey::from_base64(&file.name, &file.public_key)
            .map_err(|e| SecretKeyError::NotAKeyFile(e.to_string()))
    }

    /// Opens a key file with its passphrase.
    pub fn open(bytes: &[u8], passphrase: &str) -> Result<Self, SecretKeyError> {
        let file = read_file(bytes)?;
        let public = PublicKey::from_base64(&file.name, &file.public_key)
            .map_err(|e| SecretKeyError::NotAKeyFile(e.to_string()))?;
        let kdf = &file.kdf;
        if kdf.algorithm != "scrypt" || file.cipher != CIPHER {
            return Err(SecretKeyError::NotAKeyFile(format!(
                "it uses {} and {}, where this app uses scrypt and {CIPHER}",
                kdf.algorithm, file.cipher
            )));
        }
        if !(MIN_LOG_N..=MAX_LOG_N).contains(&kdf.log_n)
            || !(1..=MAX_R).contains(&kdf.r)
            || !(1..=MAX_P).contains(&kdf.p)
        {
            return Err(SecretKeyError::UnusualCost(format!(
                "log_n {}, r {}, p {}",
                kdf.log_n, kdf.r, kdf.p
            )));
        }
        let decode = |what: &str, text: &str| {
            STANDARD
                .decode(text)
                .map_err(|e| SecretKeyError::NotAKeyFile(format!("its {what} is not base64: {e}")))
        };
        let salt = decode("salt", &kdf.salt)?;
        let nonce: [u8; 24] = decode("nonce", &file.nonce)?
            .as_slice()
            .try_into()
            .map_err(|_| SecretKeyError::NotAKeyFile("its nonce is not 24 bytes".into()))?;
        let sealed = decode("sealed key", &file.sealed_key)?;
        let wrapping = derive(passphrase, &salt, kdf)?;
        let cipher = XChaCha20Poly1305::new_from_slice(wrapping.as_ref())
            .map_err(|e| SecretKeyError::NotAKeyFile(e.to_string()))?;
        let seed = Zeroizing::new(
            cipher
                .decrypt(
                    &nonce.into(),
                    Payload {
                        msg: &sealed,
                        aad: public.to_text().as_bytes(),
                    },
                )
                .map_err(|_| SecretKeyError::WrongPassphrase)?,
        );
        let seed: [u8; 32] = seed
            .as_slice()
            .try_into()
            .map_err(|_| SecretKeyError::NotAKeyFile("its sealed key is not 32 bytes".into()))?;
        let seed = Zeroizing::new(seed);
        let key = ed25519_dalek::SigningKey::from_bytes(&seed);
        if key.verifying_key() != *public.verifying_key() {
            return Err(SecretKeyError::NotAKeyFile(
                "its private and public halves do not belong together".into(),
            ));
        }
        Ok(Self {
            name: file.name,
            key,
        })
    }
}

fn read_file(bytes: &[u8]) -> Result<KeyFile, SecretKeyError> {
    if bytes.len() > MAX_KEY_FILE_BYTES {
        return Err(SecretKeyError::NotAKeyFile(format!(
            "it is {} bytes; a key file is under {MAX_KEY_FILE_BYTES}",
            bytes.len()
        )));
    }
    let file: KeyFile =
        serde_json::from_slice(bytes).map_err(|e| SecretKeyError::NotAKeyFile(e.to_string()))?;
    if file.format != KEY_FILE_FORMAT {
        return Err(SecretKeyError::NotAKeyFile(format!(
            "its format is `{}`, not `{KEY_FILE_FORMAT}`",
            file.format
        )));
    }
    Ok(file)
}
