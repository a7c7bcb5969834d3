//! Reading a review file from elsewhere: every check the learner's app makes before a review
//! is imported, each failure a sentence saying what is wrong and what to do.

use super::{
    ReviewFile, MAX_REVIEW_BYTES, MAX_REVIEW_TEXT_CHARS, REVIEW_FORMAT, REVIEW_FORMAT_VERSION,
};
use crate::json_limits::{check_json_limits, JsonLimitError, JsonLimits};
use crate::signing::SignatureError;

/// Comments in one review: one per entry, and far more entries than an appraiser comments on
/// in one sitting.
pub const MAX_REVIEW_COMMENTS: usize = 5_000;
/// A name or role (the reviewer's, the sign-off's, the learner's) or an entry's id.
pub const MAX_REVIEW_NAME_CHARS: usize = 500;
/// Every limit a review file's JSON is read within, before it is parsed: a review is one
/// object with a reviewer, a sign-off and one list of comments (three levels).
pub const REVIEW_JSON_LIMITS: JsonLimits = JsonLimits {
    max_bytes: MAX_REVIEW_BYTES as u64,
    max_depth: 4,
    max_values: 8 * MAX_REVIEW_COMMENTS as u64 + 100,
    // Twice the comments allowed, so a list one over the limit is named as too many comments.
    max_items: 2 * MAX_REVIEW_COMMENTS as u64,
    // A character is at most four bytes of UTF-8.
    max_text_bytes: 4 * MAX_REVIEW_TEXT_CHARS as u64,
};

/// What the learner is asked to do about a damaged or malformed file.
const ASK: &str = "ask the appraiser to save the review again and send the new file";

/// Why a review file's bytes are not a review this version can read.
#[derive(Debug, thiserror::Error)]
pub enum ReviewFileError {
    #[error("the file is {megabytes} MB, far larger than any review; it is not a review file, or it is damaged: {ASK}")]
    TooLarge { megabytes: usize },
    #[error("it is not a review Ward to Board saves: it {0}. {ASK}")]
    OverLimit(JsonLimitError),
    #[error(
        "the review has {count} comments; a review may have at most {MAX_REVIEW_COMMENTS}: {ASK}"
    )]
    TooManyComments { count: usize },
    #[error("the {field} is longer than {MAX_REVIEW_NAME_CHARS} characters: {ASK}")]
    NameTooLong { field: &'static str },
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
    #[error("the appraiser's signature on it is refused: {0}. Do not rely on this copy: ask the appraiser to save and sign the review again, and tell them this one was altered")]
    Signature(SignatureError),
    #[error("it is signed already; a review is signed once, by the appraiser who wrote it")]
    AlreadySigned,
}

fn is_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The first name, role or id in `review` over [`MAX_REVIEW_NAME_CHARS`], in words.
fn name_too_long(review: &ReviewFile) -> Option<&'static str> {
    let too_long = |t: &str| t.chars().count() > MAX_REVIEW_NAME_CHARS;
    let sign_off = review.sign_off.as_ref();
    [
        ("reviewer's name", too_long(&review.reviewer.name)),
        ("reviewer's role", too_long(&review.reviewer.role)),
        ("learner's name", too_long(&review.learner)),
        (
            "name signing off",
            sign_off.is_some_and(|s| too_long(&s.name)),
        ),
        (
            "role signing off",
            sign_off.is_some_and(|s| too_long(&s.role)),
        ),
        (
            "id of an entry commented on",
            review.comments.iter().any(|c| too_long(&c.entry_uid)),
        ),
    ]
    .into_iter()
    .find_map(|(field, over)| over.then_some(field))
}

/// Reads and checks a review file's bytes. The error says what is wrong and what to do.
pub fn parse_review(bytes: &[u8]) -> Result<ReviewFile, ReviewFileError> {
    if bytes.len() > MAX_REVIEW_BYTES {
        return Err(ReviewFileError::TooLarge {
            megabytes: bytes.len() / 1024 / 1024,
        });
    }
    check_json_limits(bytes, REVIEW_JSON_LIMITS).map_err(ReviewFileError::OverLimit)?;
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
    if review.comments.len() > MAX_REVIEW_COMMENTS {
        return Err(ReviewFileError::TooManyComments {
            count: review.comments.len(),
        });
    }
    if let Some(field) = name_too_long(&review) {
        return Err(ReviewFileError::NameTooLong { field });
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

    /// Each file is refused, with the words expected in the reason.
    fn each_refused(cases: Vec<(Vec<u8>, &str)>) {
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
        each_refused(cases);
    }

    /// Hostile review files, each built here: every one is refused before or just after
    /// parsing, with the limit it broke named.
    #[test]
    fn review_files_over_a_limit_are_refused_naming_the_limit() {
        let with = |change: &dyn Fn(&mut serde_json::Value)| {
            let mut v = sample();
            change(&mut v);
            v.to_string().into_bytes()
        };
        let comment = serde_json::json!({ "entryUid": "e1", "entryVersion": 1, "comment": "ok" });
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (
                with(&|v| v["comments"] = vec![comment.clone(); MAX_REVIEW_COMMENTS + 1].into()),
                "5001 comments; a review may have at most 5000",
            ),
            (
                with(&|v| {
                    v["comments"] = vec![comment.clone(); 2 * MAX_REVIEW_COMMENTS + 1].into()
                }),
                "holds more than 40100 values in all",
            ),
            (
                with(&|v| v["reviewer"]["name"] = "x".repeat(MAX_REVIEW_NAME_CHARS + 1).into()),
                "reviewer's name is longer than 500 characters",
            ),
            (
                with(&|v| v["signOff"]["role"] = "x".repeat(MAX_REVIEW_NAME_CHARS + 1).into()),
                "role signing off is longer than 500",
            ),
            (
                with(&|v| {
                    v["comments"][0]["entryUid"] = "e".repeat(MAX_REVIEW_NAME_CHARS + 1).into()
                }),
                "id of an entry commented on",
            ),
            (
                format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
                "nests lists and objects more than 4 deep (at byte 5)",
            ),
            (
                format!("[{}0]", "0,".repeat(500_000)).into_bytes(),
                "more than 10000 items",
            ),
            (
                format!("{{\"summary\": \"{}\"}}", "x".repeat(100_000)).into_bytes(),
                "a text longer than 80000 bytes",
            ),
            (
                vec![b' '; MAX_REVIEW_BYTES + 1],
                "MB, far larger than any review",
            ),
        ];
        each_refused(cases);
    }

    #[test]
    fn a_review_at_every_limit_reads_back() {
        let mut v = sample();
        let comment = serde_json::json!({ "entryUid": "e1", "entryVersion": 1, "comment": "ok" });
        v["comments"] = vec![comment; MAX_REVIEW_COMMENTS].into();
        v["reviewer"]["name"] = "é".repeat(MAX_REVIEW_NAME_CHARS).into();
        let review = parse_review(v.to_string().as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(review.comments.len(), MAX_REVIEW_COMMENTS);
    }
}
