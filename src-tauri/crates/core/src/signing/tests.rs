use super::*;

const PASS: &str = "correct horse battery";

fn key(name: &str) -> SecretKey {
    SecretKey::generate(name).expect("a key is made")
}

#[test]
fn a_key_file_opens_with_its_passphrase_and_keeps_name_and_key() {
    let made = key("North West CLF");
    let file = made.seal(PASS).expect("sealed");
    let opened = SecretKey::open(file.as_bytes(), PASS).expect("opens with the passphrase");
    assert_eq!(
        opened.public(),
        made.public(),
        "the same key pair comes back"
    );
    assert_eq!(opened.name(), "North West CLF", "the name is kept");
    let public = SecretKey::public_of_file(file.as_bytes()).expect("public half readable");
    assert_eq!(
        public,
        made.public(),
        "the public half is read without the passphrase"
    );
    assert!(
        !file.contains(&hex::encode(made.signing_key().as_bytes())),
        "the seed is never written in the clear"
    );
}

#[test]
fn a_wrong_passphrase_is_refused_plainly() {
    let file = key("Dr A").seal(PASS).expect("sealed");
    let err = SecretKey::open(file.as_bytes(), "correct horse battery!").expect_err("refused");
    assert_eq!(
        err,
        SecretKeyError::WrongPassphrase,
        "a wrong passphrase is named as such"
    );
    assert!(err.to_string().contains("wrong passphrase"), "{err}");
}

#[test]
fn a_key_file_whose_name_was_changed_does_not_open() {
    let file = key("Dr A").seal(PASS).expect("sealed");
    let forged = file.replace("\"Dr A\"", "\"Dr B\"");
    assert_eq!(
        SecretKey::open(forged.as_bytes(), PASS).expect_err("refused"),
        SecretKeyError::WrongPassphrase,
        "the name is bound to the sealed key"
    );
}

#[test]
fn short_passphrases_bad_names_and_hostile_costs_are_refused() {
    assert_eq!(
        key("A").seal("short").expect_err("refused"),
        SecretKeyError::ShortPassphrase
    );
    assert!(matches!(
        SecretKey::generate(" "),
        Err(SecretKeyError::BadName(_))
    ));
    assert!(matches!(
        SecretKey::generate("a\nb"),
        Err(SecretKeyError::BadName(_))
    ));
    let file = key("A").seal(PASS).expect("sealed");
    let costly = file.replace("\"log_n\": 17", "\"log_n\": 30");
    assert!(
        matches!(
            SecretKey::open(costly.as_bytes(), PASS),
            Err(SecretKeyError::UnusualCost(_))
        ),
        "a file asking for 2^30 rounds is not opened"
    );
    assert!(matches!(
        SecretKey::open(b"not json", PASS),
        Err(SecretKeyError::NotAKeyFile(_))
    ));
}

#[test]
fn the_text_form_round_trips_and_bad_pastes_say_what_is_wrong() {
    let public = key("North West CLF").public();
    let text = public.to_text();
    assert!(text.starts_with("w2b-key-1 "), "{text}");
    assert_eq!(
        PublicKey::parse(&text).expect("parses"),
        public,
        "the line round-trips"
    );
    assert_eq!(
        PublicKey::parse(&public.to_file()).expect("parses"),
        public,
        "the .pub file with its comments parses too"
    );
    assert_eq!(
        public.fingerprint().len(),
        24,
        "five groups of four and four spaces"
    );
    assert_eq!(
        PublicKey::parse("hello").expect_err("refused"),
        PublicKeyError::NotAKey
    );
    let cut = &text[..30];
    assert!(
        matches!(PublicKey::parse(cut), Err(PublicKeyError::BadKey(_))),
        "a line cut short is named as a bad key"
    );
    let nameless = format!("w2b-key-1 {}", public.key_base64());
    assert!(matches!(
        PublicKey::parse(&nameless),
        Err(PublicKeyError::BadName(_))
    ));
}

#[test]
fn a_signature_verifies_and_names_its_signer() {
    let signer = key("North West CLF");
    let sig = SignatureFile::sign(&signer, Purpose::Pack, "pack-files.json", b"sums");
    let who = SignatureFile::verify(&sig.to_json(), Purpose::Pack, "pack-files.json", b"sums")
        .expect("verifies");
    assert_eq!(
        who.key,
        signer.public(),
        "the signer is the key that signed"
    );
}

#[test]
fn every_forgery_is_caught() {
    let real = key("North West CLF");
    let impostor = key("North West CLF");
    let good = SignatureFile::sign(&real, Purpose::Pack, "pack-files.json", b"sums");
    let verify = |sig: &SignatureFile, bytes: &[u8]| {
        SignatureFile::verify(&sig.to_json(), Purpose::Pack, "pack-files.json", bytes)
    };

    assert!(
        matches!(
            verify(&good, b"sums, altered"),
            Err(SignatureError::ChangedAfterSigning { .. })
        ),
        "a file changed after signing"
    );

    let mut claims_other =
        SignatureFile::sign(&impostor, Purpose::Pack, "pack-files.json", b"sums");
    claims_other.public_key = real.public().key_base64();
    assert!(
        matches!(
            verify(&claims_other, b"sums"),
            Err(SignatureError::NotByClaimedKey { .. })
        ),
        "signed by one key, claiming another"
    );

    let mut truncated = good.clone();
    truncated.signature.truncate(40);
    assert!(
        matches!(
            verify(&truncated, b"sums"),
            Err(SignatureError::Truncated(30))
        ),
        "40 base64 characters are 30 bytes, not 64"
    );

    let mut renamed = good.clone();
    renamed.signer = "Someone Else".into();
    assert!(
        matches!(
            verify(&renamed, b"sums"),
            Err(SignatureError::NotByClaimedKey { .. })
        ),
        "the signer's name cannot be changed"
    );

    assert!(
        matches!(
            SignatureFile::verify(&good.to_json(), Purpose::Review, "pack-files.json", b"sums"),
            Err(SignatureError::WrongPurpose { .. })
        ),
        "a pack's signature is not a review's"
    );
    let raw = good.to_json();
    assert!(matches!(
        SignatureFile::verify(
            &raw[..raw.len() / 2],
            Purpose::Pack,
            "pack-files.json",
            b"sums"
        ),
        Err(SignatureError::Unreadable(_))
    ));
}
