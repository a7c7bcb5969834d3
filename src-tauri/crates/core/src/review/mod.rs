//! The review file an appraiser sends back: comments per entry, an overall summary and the
//! sign-off, tied to one bundle by its id and the SHA-256 of its manifest (which lists every
//! file's hash, so it names the bundle's whole content). It comes from elsewhere, so reading
//! one checks everything and says exactly what is wrong.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a review file says it is.
pub const REVIEW_FORMAT: &str = "ward-to-board-review";
pub const REVIEW_FORMAT_VERSION: u32 = 1;
pub const REVIEW_EXTENSION: &str = "w2breview";
/// Far more than a real review: every comment and the summary together.
pub const MAX_REVIEW_BYTES: usize = 8 * 1024 * 1024;
/// One comment or the summary.
pub const MAX_REVIEW_TEXT_CHARS: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewFile {
    /// Always `ward-to-board-review`.
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    /// The reviewed bundle's id and the SHA-256 of its `manifest.json`.
    pub bundle_id: String,
    pub manifest_sha256: String,
    /// The learner named in the bundle, for the appraiser's own records.
    pub learner: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub reviewer: Person,
    pub summary: String,
    pub comments: Vec<ReviewComment>,
    pub sign_off: Option<SignOff>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewComment {
    pub entry_uid: String,
    /// The entry's version in the bundle: the comment is about that version.
    pub entry_version: u32,
    pub comment: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignOffOutcome {
    /// The portfolio meets what was asked of it.
    Satisfactory,
    /// Signed off, with development to carry into the plan.
    SatisfactoryWithDevelopment,
    /// Not signed off: more evidence is needed first.
    NotYet,
}

impl SignOffOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            SignOffOutcome::Satisfactory => "satisfactory",
            SignOffOutcome::SatisfactoryWithDevelopment => "satisfactory_with_development",
            SignOffOutcome::NotYet => "not_yet",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Satisfactory,
            Self::SatisfactoryWithDevelopment,
            Self::NotYet,
        ]
        .into_iter()
        .find(|o| o.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            SignOffOutcome::Satisfactory => "Satisfactory",
            SignOffOutcome::SatisfactoryWithDevelopment => "Satisfactory, with development needs",
            SignOffOutcome::NotYet => "Not yet signed off: more evidence needed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignOff {
    pub outcome: SignOffOutcome,
    pub name: String,
    pub role: String,
    /// YYYY-MM-DD
    pub date: String,
}

fn is_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Reads and checks a review file's bytes. The error says what is wrong and what to do.
pub fn parse_review(bytes: &[u8]) -> Result<ReviewFile, String> {
    const ASK: &str = "ask the appraiser to save the review again and send the new file";
    if bytes.len() > MAX_REVIEW_BYTES {
        return Err(format!(
            "the file is {} MB, far larger than any review; it is not a review file, or it is damaged: {ASK}",
            bytes.len() / 1024 / 1024
        ));
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        format!(
            "it is not a Ward to Board review file (it is not valid JSON: line {}, column {}): {ASK}",
            e.line(),
            e.column()
        )
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(REVIEW_FORMAT) {
        return Err(format!(
            "it is not a Ward to Board review file (it does not say `\"format\": \"{REVIEW_FORMAT}\"`)"
        ));
    }
    if let Some(v) = value.get("formatVersion").and_then(|v| v.as_u64()) {
        if v > u64::from(REVIEW_FORMAT_VERSION) {
            return Err(format!(
                "it was saved by a newer version of Ward to Board (review format {v}; this version reads up to {REVIEW_FORMAT_VERSION}): install the newer version to import it"
            ));
        }
    }
    let review: ReviewFile = serde_json::from_value(value)
        .map_err(|e| format!("the review file is not laid out as expected ({e}): {ASK}"))?;
    if !is_hex(&review.bundle_id, 32) || !is_hex(&review.manifest_sha256, 64) {
        return Err(format!(
            "the review does not name a bundle properly (its bundle id or hash is malformed): {ASK}"
        ));
    }
    let too_long = |t: &str| t.chars().count() > MAX_REVIEW_TEXT_CHARS;
    if too_long(&review.summary) || review.comments.iter().any(|c| too_long(&c.comment)) {
        return Err(format!(
            "a comment or the summary is longer than {MAX_REVIEW_TEXT_CHARS} characters: {ASK}"
        ));
    }
    if review.reviewer.name.trim().is_empty() {
        return Err(format!("the review does not say who wrote it: {ASK}"));
    }
    if let Some(sign_off) = &review.sign_off {
        if chrono::NaiveDate::parse_from_str(&sign_off.date, "%Y-%m-%d").is_err()
            || sign_off.name.trim().is_empty()
        {
            return Err(format!("the sign-off has no name or no real date: {ASK}"));
        }
    }
    Ok(review)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let error = parse_review(&bytes).err().unwrap_or_default();
            assert!(
                error.contains(expected),
                "expected {expected:?} in {error:?}"
            );
        }
    }
}
