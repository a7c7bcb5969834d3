//! Reading a review file from elsewhere: every check the learner's app makes before a review
//! is imported, each failure a sentence saying what is wrong and what to do.

use super::{
    ReviewFile, MAX_REVIEW_BYTES, MAX_REVIEW_TEXT_CHARS, REVIEW_FORMAT, REVIEW_FORMAT_VERSION,
};

/// What the learner is asked to do about a damaged or malformed file.
const ASK: &str = "ask the appraiser to save the review again and send the new file";

/// Why a review file's bytes are not a review this version can read.
#[derive(Debug, thiserror::Error)]
pub enum ReviewFileError {
    #[error("the file is {megabytes} MB, far larger than any review; it is not a review file, or it is damaged: {ASK}")]
    TooLarge { megabytes: usize },
    #[error("it is not a Ward to Board review file (it is not valid JSON: line {line}, column {column}): {ASK}")]
    NotJson { line: usize, column: usize },
    #[error(
        "it is not a Ward to Board review file (it does not say `\"format\": \"{REVIEW_FORMAT}\"`)"
    )]
    NotAReview,
    #[error("it was saved by a newer version of Ward to Board (review format {found}; this version reads up to {REVIEW_FORMAT_VERSION}): install the newer version to import it")]
    TooNew { found: u64 },
    #[error("the review file is not laid out as expected ({reason}): {ASK}")]
    Layout { reason: String },
    #[error(
        "the review does not name a bundle properly (its bundle id or hash is malformed): {ASK}"
    )]
    NoBundle,
    #[error("a comment or the summary is longer than {MAX_REVIEW_TEXT_CHARS} characters: {ASK}")]
    TooLong,
    #[error("the review does not say who wrote it: {ASK}")]
    NoReviewer,
    #[error("the sign-off has no name or no real date: {ASK}")]
    BadSignOff,
}

fn is_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Reads and checks a review file's bytes. The error says what is wrong and what to do.
pub fn parse_review(bytes: &[u8]) -> Result<ReviewFile, ReviewFileError> {
    if bytes.len() > MAX_REVIEW_BYTES {
        return Err(ReviewFileError::TooLarge {
            megabytes: bytes.len() / 1024 / 1024,
        });
    }
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ReviewFileError::NotJson {
            line: e.line(),
            column: e.column(),
        })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(REVIEW_FORMAT) {
        return Err(ReviewFileError::NotAReview);
    }
    if let Some(found) = value.get("formatVersion").and_then(|v| v.as_u64()) {
        if found > u64::from(REVIEW_FORMAT_VERSION) {
            return Err(ReviewFileError::TooNew { found });
        }
    }
    let review: ReviewFile =
        serde_json::from_value(value).map_err(|e| ReviewFileError::Layout {
            reason: e.to_string(),
        })?;
    if !is_hex(&review.bundle_id, 32) || !is_hex(&review.manifest_sha256, 64) {
        return Err(ReviewFileError::NoBundle);
    }
    let too_long = |t: &str| t.chars().count() > MAX_REVIEW_TEXT_CHARS;
    if too_long(&review.summary) || review.comments.iter().any(|c| too_long(&c.comment)) {
        return Err(ReviewFileError::TooLong);
    }
    if review.reviewer.name.trim().is_empty() {
        return Err(ReviewFileError::NoReviewer);
    }
    if let Some(sign_off) = &review.sign_off {
        if chrono::NaiveDate::parse_from_str(&sign_off.date, "%Y-%m-%d").is_err()
            || sign_off.name.trim().is_empty()
        {
            return Err(ReviewFileError::BadSignOff);
        }
    }
    Ok(review)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::SignOffOutcome;

    fn sample() -> serde_json::Value {
        serde_json::json!({
            "format": REVIEW_FORMAT,
            "formatVersion": 1,
            "appVersion": "0.3.0",
            "bundleId": "0123456789abcdef0123456789abcdef",
            "manifestSha256": "a".repeat(64),
            "learner": "Sam Patel",
            "createdAt": "2026-11-23T21:00:00.000Z",
            "reviewer": { "name": "Dr Jo Okafor", "role": "Educational supervisor" },
            "summary": "A thoughtful portfolio.",
            "comments": [{ "entryUid": "e1", "entryVersion": 2, "comment": "Good reflection on the rota." }],
            "signOff": { "outcome": "satisfactory", "name": "Dr Jo Okafor", "role": "Educational supervisor", "date": "2026-11-23" }
        })
    }

    #[test]
    fn a_well_formed_review_reads_back() {
        let review =
            parse_review(sample().to_string().as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(review.comments.len(), 1, "the comment is kept");
        assert_eq!(
            review.sign_off.map(|s| s.outcome),
            Some(SignOffOutcome::Satisfactory),
            "the sign-off is kept"
        );
    }

    #[test]
    fn malformed_and_foreign_files_are_refused_with_the_reason() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"{not json".to_vec(), "not valid JSON"),
            (
                serde_json::json!({"format": "something-else"})
                    .to_string()
                    .into_bytes(),
                "not a Ward to Board review",
            ),
            (
                {
                    let mut v = sample();
                    v["formatVersion"] = 9.into();
                    v.to_string().into_bytes()
                },
                "newer version",
            ),
            (
                {
                    let mut v = sample();
                    v["bundleId"] = "../../etc".into();
                    v.to_string().into_bytes()
                },
                "does not name a bundle",
            ),
            (
                {
                    let mut v = sample();
                    v["extra"] = 1.into();
                    v.to_string().into_bytes()
                },
                "not laid out as expected",
            ),
            (
                {
                    let mut v = sample();
                    v["signOff"]["date"] = "yesterday".into();
                    v.to_string().into_bytes()
                },
                "no real date",
            ),
            (
                {
                    let mut v = sample();
                    v["summary"] = "x".repeat(MAX_REVIEW_TEXT_CHARS + 1).into();
                    v.to_string().into_bytes()
                },
                "longer than",
            ),
        ];
        for (bytes, expected) in cases {
            let error = parse_review(&bytes)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(
                error.contains(expected),
                "expected {expected:?} in {error:?}"
            );
        }
    }
}
