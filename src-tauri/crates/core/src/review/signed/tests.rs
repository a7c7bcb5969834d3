use super::*;
use crate::review::{SignOffOutcome, REVIEW_FORMAT_VERSION};
use crate::signing::{SecretKey, SignatureError};

fn key(name: &str) -> SecretKey {
    SecretKey::generate(name).expect("a key is made")
}

fn unsigned(bundle_id: &str) -> Vec<u8> {
    let review = serde_json::json!({
        "format": REVIEW_FORMAT,
        "formatVersion": REVIEW_FORMAT_VERSION,
        "appVersion": "0.3.0",
        "bundleId": bundle_id,
        "manifestSha256": "a".repeat(64),
        "learner": "Sam Patel",
        "createdAt": "2026-11-23T21:00:00.000Z",
        "reviewer": { "name": "Dr Jo Okafor", "role": "Educational supervisor" },
        "summary": "A thoughtful portfolio.",
        "comments": [{ "entryUid": "e1", "entryVersion": 2, "comment": "Good reflection." }],
        "signOff": { "outcome": "satisfactory", "name": "Dr Jo Okafor",
                     "role": "Educational supervisor", "date": "2026-11-23" }
    });
    serde_json::to_vec_pretty(&review).expect("serialises")
}

const BUNDLE: &str = "0123456789abcdef0123456789abcdef";
const OTHER_BUNDLE: &str = "fedcba9876543210fedcba9876543210";

fn envelope(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("JSON")
}

/// A signed review's `review` bytes exactly as they are inside, and its signature as JSON.
fn parts(signed: &[u8]) -> (String, serde_json::Value) {
    let envelope: Envelope<'_> = serde_json::from_slice(signed).expect("an envelope");
    (
        envelope.review.get().to_owned(),
        serde_json::from_str(envelope.signature.get()).expect("JSON"),
    )
}

/// An envelope laid out as `sign_review` lays it out, around `review`'s exact bytes.
fn assemble(review: &str, signature: &serde_json::Value) -> Vec<u8> {
    format!(
        "{{\n  \"format\": \"{REVIEW_FORMAT}\",\n  \"formatVersion\": 2,\n  \"review\": {review},\n  \"signature\": {signature}\n}}\n"
    )
    .into_bytes()
}

/// The signed review with its signature file changed by `change`, the review untouched.
fn with_signature(signed: &[u8], change: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let (review, mut signature) = parts(signed);
    change(&mut signature);
    assemble(&review, &signature)
}

/// The refusal's words, for a file that must be refused.
fn refused(bytes: &[u8]) -> ReviewFileError {
    read_review(bytes).expect_err("the review must be refused")
}

#[test]
fn a_signed_review_names_its_signer_and_holds_the_review_byte_for_byte() {
    let appraiser = key("Dr Jo Okafor");
    let plain = unsigned(BUNDLE);
    let signed = sign_review(&plain, &appraiser).expect("signs");
    let read = read_review(&signed).expect("reads back");
    assert_eq!(
        read.signer.map(|s| s.key),
        Some(appraiser.public()),
        "the signer is the appraiser's key"
    );
    assert_eq!(
        read.review,
        parse_review(&plain).expect("the unsigned review"),
        "the same review, signed or not"
    );
    let text = String::from_utf8(signed).expect("UTF-8");
    assert!(
        text.contains(std::str::from_utf8(&plain).expect("UTF-8")),
        "the review's own bytes are inside, unchanged, for anyone to read"
    );
    assert!(
        text.starts_with("{\n  \"format\": \"ward-to-board-review\",\n  \"formatVersion\": 2,"),
        "recognised by its first bytes like any review file: {text}"
    );
    assert_eq!(
        read_review(&plain).expect("reads").signer,
        None,
        "an unsigned review reads exactly as before, with no signer"
    );
}

#[test]
fn a_format_1_reader_calls_a_signed_review_newer_rather_than_misreading_it() {
    let signed = sign_review(&unsigned(BUNDLE), &key("Dr A")).expect("signs");
    let error = parse_review(&signed)
        .expect_err("format 1 only")
        .to_string();
    assert!(
        error.contains("newer version of Ward to Board (review format 2"),
        "an older app asks for the newer version: {error}"
    );
}

#[test]
fn a_signature_moved_onto_another_review_is_refused() {
    let appraiser = key("Dr Jo Okafor");
    let (_, signature) = parts(&sign_review(&unsigned(BUNDLE), &appraiser).expect("signs"));
    // The appraiser's signature of one review, put on their review of another bundle.
    let (other, _) = parts(&sign_review(&unsigned(OTHER_BUNDLE), &appraiser).expect("signs"));
    assert!(
        read_review(&assemble(
            &other,
            &parts(&sign_review(&unsigned(OTHER_BUNDLE), &appraiser).expect("signs")).1
        ))
        .is_ok(),
        "the envelope as assembled here reads when nothing is moved"
    );
    let error = refused(&assemble(&other, &signature));
    assert!(
        matches!(
            error,
            ReviewFileError::Signature(SignatureError::ChangedAfterSigning { .. })
        ),
        "the signature covers the review it was made for: {error}"
    );
    assert!(
        error
            .to_string()
            .contains("has changed since it was signed"),
        "{error}"
    );
}

#[test]
fn a_review_edited_after_signing_is_refused() {
    let signed = sign_review(&unsigned(BUNDLE), &key("Dr Jo Okafor")).expect("signs");
    let text = String::from_utf8(signed).expect("UTF-8");
    let edited = text.replace("\"outcome\": \"satisfactory\"", "\"outcome\": \"not_yet\"");
    assert_ne!(edited, text, "the outcome was changed");
    let error = refused(edited.as_bytes());
    assert!(
        error
            .to_string()
            .contains("review has changed since it was signed"),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("ask the appraiser to save and sign the review again"),
        "it says what to do: {error}"
    );
}

#[test]
fn a_signature_claiming_another_key_is_refused() {
    let impostor = key("Dr Jo Okafor");
    let real = key("Dr Jo Okafor");
    let signed = sign_review(&unsigned(BUNDLE), &impostor).expect("signs");
    // The impostor's signature, claiming the real appraiser's public key.
    let forged = with_signature(&signed, |s| {
        s["public_key"] = real.public().key_base64().into();
    });
    let error = refused(&forged);
    assert!(
        error.to_string().contains(&format!(
            "not made by the key it names (Dr Jo Okafor, fingerprint {})",
            real.public().fingerprint()
        )),
        "{error}"
    );
}

#[test]
fn a_truncated_signature_is_refused() {
    let signed = sign_review(&unsigned(BUNDLE), &key("Dr A")).expect("signs");
    let cut = with_signature(&signed, |s| {
        let full = s["signature"].as_str().expect("text").to_owned();
        s["signature"] = full[..full.len() - 8].into();
    });
    let error = refused(&cut);
    assert!(
        matches!(
            error,
            ReviewFileError::Signature(SignatureError::Truncated(_))
        ),
        "{error}"
    );
}

#[test]
fn a_review_is_signed_once_and_only_a_readable_one_is_signed() {
    let appraiser = key("Dr A");
    let signed = sign_review(&unsigned(BUNDLE), &appraiser).expect("signs");
    assert!(
        matches!(
            sign_review(&signed, &appraiser),
            Err(ReviewFileError::AlreadySigned)
        ),
        "signing a signed review again is refused"
    );
    assert!(
        matches!(
            sign_review(b"{not json", &appraiser),
            Err(ReviewFileError::NotJson { .. })
        ),
        "a file that is not a review is not signed"
    );
    let mut nested = envelope(&signed);
    nested["review"] = envelope(&signed);
    let error = refused(nested.to_string().as_bytes());
    assert!(
        error.to_string().contains("changed since it was signed")
            || error.to_string().contains("holds another signed review"),
        "a signed review inside another is refused: {error}"
    );
}

#[test]
fn a_signed_review_with_an_extra_field_or_a_pack_signature_is_refused() {
    let appraiser = key("Dr A");
    let mut extra = envelope(&sign_review(&unsigned(BUNDLE), &appraiser).expect("signs"));
    extra["note"] = "trust me".into();
    assert!(
        refused(extra.to_string().as_bytes())
            .to_string()
            .contains("not laid out as expected"),
        "nothing rides along unsigned"
    );
    let pack = with_signature(
        &sign_review(&unsigned(BUNDLE), &appraiser).expect("signs"),
        |s| s["purpose"] = "pack".into(),
    );
    assert!(
        refused(&pack)
            .to_string()
            .contains("is for a pack, not a review"),
        "a signature made for something else never passes for a review's"
    );
    let outcome = read_review(&sign_review(&unsigned(BUNDLE), &appraiser).expect("signs"))
        .expect("reads")
        .review
        .sign_off
        .map(|s| s.outcome);
    assert_eq!(outcome, Some(SignOffOutcome::Satisfactory));
}
