//! The appraiser's review saved as a file to send back: tied to the bundle as checked again
//! at saving, checked as the learner's app will check it, and written to `reviews/`.

use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    parse_review, received_path, sign_review, Person, ReviewComment, ReviewError, ReviewFile,
    SignOff, REVIEW_EXTENSION, REVIEW_FORMAT, REVIEW_FORMAT_VERSION,
};
use crate::bundle::{verify_bundle, VerifiedBundle};
use crate::file_names::{name_of, slug, unused_path};
use crate::signing::{SecretKey, SignerView};

/// The folder of the data folder that saved reviews go to.
pub const REVIEWS_DIR: &str = "reviews";

/// What the appraiser writes; the bundle's id and hash are added from the checked bundle.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewInput {
    pub reviewer: Person,
    pub summary: String,
    pub comments: Vec<ReviewComment>,
    pub sign_off: Option<SignOff>,
}

/// The review file's bytes for `review` of the `verified` bundle, refused if the learner's
/// app would refuse them, so a file saved here always imports.
pub fn review_file(
    verified: &VerifiedBundle,
    review: ReviewInput,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, ReviewError> {
    if review.reviewer.name.trim().is_empty() {
        return Err(ReviewError::NoReviewer);
    }
    let file = ReviewFile {
        format: REVIEW_FORMAT.into(),
        format_version: REVIEW_FORMAT_VERSION,
        app_version: crate::APP_VERSION.into(),
        bundle_id: verified.manifest.bundle_id.clone(),
        manifest_sha256: verified.manifest_sha256.clone(),
        learner: verified.document.learner.clone(),
        created_at: now.to_rfc3339_opts(SecondsFormat::Millis, true),
        reviewer: review.reviewer,
        summary: review.summary,
        comments: review.comments,
        sign_off: review.sign_off,
    };
    let json = serde_json::to_vec_pretty(&file).map_err(ReviewError::Unwritable)?;
    parse_review(&json)?;
    Ok(json)
}

/// A review file written to `reviews/`: its name, and who signed it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedReview {
    pub file_name: String,
    /// The appraiser's own key, when they signed it; `None` for an unsigned review.
    pub signer: Option<SignerView>,
}

/// Writes the review of the received bundle named by `token` to `reviews_dir`, tied to the
/// bundle as checked again now. Returns the file's name.
pub fn save_review(
    received_dir: &Path,
    reviews_dir: &Path,
    token: &str,
    review: ReviewInput,
    now: DateTime<Utc>,
) -> Result<String, ReviewError> {
    save_review_signed(received_dir, reviews_dir, token, review, now, None).map(|s| s.file_name)
}

/// [`save_review`], signed with the appraiser's own `key` when they chose to sign it: the
/// file is then a signed review (format 2) holding the same review.
pub fn save_review_signed(
    received_dir: &Path,
    reviews_dir: &Path,
    token: &str,
    review: ReviewInput,
    now: DateTime<Utc>,
    key: Option<&SecretKey>,
) -> Result<SavedReview, ReviewError> {
    let verified = verify_bundle(&received_path(received_dir, token)?)?;
    let mut json = review_file(&verified, review, now)?;
    if let Some(key) = key {
        json = sign_review(&json, key)?;
    }
    let stem = format!(
        "review-{}-{}",
        slug(&verified.document.learner),
        now.format("%Y-%m-%d")
    );
    let target = unused_path(reviews_dir, &stem, REVIEW_EXTENSION);
    crate::atomic::write(&target, &json).map_err(|source| ReviewError::Io {
        path: target.clone(),
        source,
    })?;
    Ok(SavedReview {
        file_name: name_of(&target),
        signer: key.map(|k| SignerView {
            name: k.name().to_owned(),
            fingerprint: k.public().fingerprint(),
        }),
    })
}

#[cfg(test)]
mod tests;
