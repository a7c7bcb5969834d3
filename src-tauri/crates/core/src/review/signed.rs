//! A signed review file (review format 2): the appraiser's format-1 review, byte for byte,
//! inside an envelope with their Ed25519 signature over exactly those bytes. The review names
//! its bundle (id and manifest SHA-256), so the signature covers which bundle it is about too,
//! and cannot be moved to another review. Unsigned reviews stay format 1 and are read exactly
//! as before; a format-1 reader refuses a signed one as "saved by a newer version".

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{parse_review, ReviewFile, ReviewFileError, MAX_REVIEW_BYTES, REVIEW_FORMAT};
use crate::json_limits::{check_json_limits, JsonLimits};
use crate::review::REVIEW_JSON_LIMITS;
use crate::signing::{Purpose, SecretKey, SignatureFile, Signer, MAX_SIGNATURE_FILE_BYTES};

/// The review format of a signed review: the envelope around a format-1 review.
pub const SIGNED_REVIEW_FORMAT_VERSION: u32 = 2;
/// What the signature inside says it signs: the envelope's `review` value.
pub const SIGNED_REVIEW_PART: &str = "review";
/// A signed review: the largest review, its signature file and the envelope's few words.
pub const MAX_SIGNED_REVIEW_BYTES: usize = MAX_REVIEW_BYTES + MAX_SIGNATURE_FILE_BYTES + 1024;

/// The envelope adds one level (the review sits inside it) and a dozen values.
const SIGNED_REVIEW_LIMITS: JsonLimits = JsonLimits {
    max_bytes: MAX_SIGNED_REVIEW_BYTES as u64,
    max_depth: REVIEW_JSON_LIMITS.max_depth + 1,
    max_values: REVIEW_JSON_LIMITS.max_values + 32,
    max_items: REVIEW_JSON_LIMITS.max_items,
    max_text_bytes: REVIEW_JSON_LIMITS.max_text_bytes,
};

/// A review as the learner's app reads it: what it says, and who signed it, if anyone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadReview {
    pub review: ReviewFile,
    /// `None` for an unsigned (format 1) review.
    pub signer: Option<Signer>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Envelope<'a> {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    format_version: u32,
    #[serde(borrow)]
    review: &'a RawValue,
    #[serde(borrow)]
    signature: &'a RawValue,
}

/// The two fields that tell a signed review from an unsigned one, read leniently (any other
/// field is skipped) so that anything else goes to [`parse_review`] and is judged as before.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Probe {
    format: Option<serde_json::Value>,
    format_version: Option<serde_json::Value>,
}

fn is_signed(bytes: &[u8]) -> bool {
    if bytes.len() > MAX_SIGNED_REVIEW_BYTES {
        return false;
    }
    serde_json::from_slice::<Probe>(bytes).is_ok_and(|p| {
        p.format.as_ref().and_then(|f| f.as_str()) == Some(REVIEW_FORMAT)
            && p.format_version.as_ref().and_then(|v| v.as_u64())
                == Some(u64::from(SIGNED_REVIEW_FORMAT_VERSION))
    })
}

/// Reads a review file from elsewhere, signed or not, with every check the import makes. A
/// signed review's signature is checked before the review inside is read.
pub fn read_review(bytes: &[u8]) -> Result<ReadReview, ReviewFileError> {
    if !is_signed(bytes) {
        return Ok(ReadReview {
            review: parse_review(bytes)?,
            signer: None,
        });
    }
    check_json_limits(bytes, SIGNED_REVIEW_LIMITS).map_err(ReviewFileError::OverLimit)?;
    let envelope: Envelope<'_> =
        serde_json::from_slice(bytes).map_err(|e| ReviewFileError::Layout {
            reason: format!("as a signed review: {e}"),
        })?;
    let inner = envelope.review.get().as_bytes();
    let signer = SignatureFile::verify(
        envelope.signature.get().as_bytes(),
        Purpose::Review,
        SIGNED_REVIEW_PART,
        inner,
    )
    .map_err(ReviewFileError::Signature)?;
    if is_signed(inner) {
        return Err(ReviewFileError::Layout {
            reason: "a signed review holds another signed review".into(),
        });
    }
    Ok(ReadReview {
        review: parse_review(inner)?,
        signer: Some(signer),
    })
}

/// Signs a format-1 review file's `bytes` with the appraiser's `key`: the review goes into the
/// envelope unchanged (leading and trailing white space aside). Refused when the file is not a
/// review the learner's app would read, or is signed already.
pub fn sign_review(bytes: &[u8], key: &SecretKey) -> Result<Vec<u8>, ReviewFileError> {
    if is_signed(bytes) {
        return Err(ReviewFileError::AlreadySigned);
    }
    parse_review(bytes)?;
    let review = bytes.trim_ascii();
    let signature = SignatureFile::sign(key, Purpose::Review, SIGNED_REVIEW_PART, review);
    let mut out = format!(
        "{{\n  \"format\": \"{REVIEW_FORMAT}\",\n  \"formatVersion\": \
         {SIGNED_REVIEW_FORMAT_VERSION},\n  \"review\": "
    )
    .into_bytes();
    out.extend_from_slice(review);
    out.extend_from_slice(b",\n  \"signature\": ");
    out.extend_from_slice(signature.to_json().trim_ascii());
    out.extend_from_slice(b"\n}\n");
    // What is written must be what the learner's app reads back.
    read_review(&out)?;
    Ok(out)
}

#[cfg(test)]
mod tests;
